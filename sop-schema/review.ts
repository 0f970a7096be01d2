import type { SopMeta } from "./types";

/** YYYY-MM-DD of a UTC epoch-ms instant. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * When an SOP published at `publishedAt` is next due for review: its `reviewBy` date when set, else
 * `reviewEvery` days after publishing, else null (no cadence: never stale).
 */
export function nextReviewDate(
  meta: Pick<SopMeta, "reviewBy" | "reviewEveryDays">,
  publishedAt: number,
): string | null {
  if (meta.reviewBy) return meta.reviewBy;
  if (meta.reviewEveryDays && meta.reviewEveryDays > 0) return isoDay(publishedAt + meta.reviewEveryDays * 86_400_000);
  return null;
}

/** Overdue when the due date is before today (due today is not yet stale). */
export function isStale(nextReviewAt: string | null | undefined, today: string = isoDay(Date.now())): boolean {
  return Boolean(nextReviewAt && nextReviewAt < today);
}
