// The state of a sortable, filterable list, as it lives in the URL (so it survives a reload, can be shared and
// works without JavaScript through GET forms). Pure: the loaders read it, the DataTable component writes it.
//
//   ?sort=title        ascending by "title"
//   ?sort=-startedAt   descending by "startedAt"
//   ?page=3            the third page

import { zoneOffsetMs } from "./follow-up-due";

export type SortDir = "asc" | "desc";
export type Sort<K extends string = string> = { key: K; dir: SortDir };

/** The URL value of a sort: `key` ascending, `-key` descending. */
export function sortParam(sort: Sort): string {
  return sort.dir === "desc" ? `-${sort.key}` : sort.key;
}

/** Reads `?sort=`: an unknown column or a malformed value falls back to the list's default (a URL is not a form). */
export function parseSort<K extends string>(
  value: string | null | undefined,
  keys: readonly K[],
  fallback: Sort<K>,
): Sort<K> {
  if (!value) return fallback;
  const desc = value.startsWith("-");
  const key = (desc ? value.slice(1) : value) as K;
  return keys.includes(key) ? { key, dir: desc ? "desc" : "asc" } : fallback;
}

/**
 * The sort a header button asks for: the other direction on the column already sorted by, else the column's
 * natural first direction (dates newest first, text A→Z).
 */
export function nextSort<K extends string>(current: Sort<K>, key: K, firstDir: SortDir = "asc"): Sort<K> {
  if (current.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { key, dir: firstDir };
}

export function ariaSort(current: Sort, key: string): "ascending" | "descending" | undefined {
  if (current.key !== key) return undefined;
  return current.dir === "asc" ? "ascending" : "descending";
}

/** `?page=`: a whole number from 1; anything else is page 1. Capped at `max` (the last page). */
export function parsePage(value: string | null | undefined, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) return 1;
  return Math.min(n, Math.max(1, max));
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** One choice of a select filter: an unknown value is ignored (all rows), never an error page. */
export function parseChoice<V extends string>(value: string | null | undefined, choices: readonly V[]): V | null {
  return value != null && (choices as readonly string[]).includes(value) ? (value as V) : null;
}

/** A text filter: trimmed, inner runs of spaces collapsed, at most `max` characters; empty means no filter. */
export function parseText(value: string | null | undefined, max = 100): string {
  return (value ?? "").trim().replace(/\s+/g, " ").slice(0, max);
}

export type DayRange = { from: string | null; to: string | null; errors: { from?: string; to?: string } };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (no 2026-02-30). */
export function isDay(v: string): boolean {
  if (!DAY.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * A from–to range of days (YYYY-MM-DD, both inclusive, either open). A date that is not a real day, or a start
 * after the end, is named in `errors` and not applied: the list shows everything and says why.
 */
export function parseDayRange(
  fromValue: string | null | undefined,
  toValue: string | null | undefined,
  messages: { invalid: string; reversed: string },
): DayRange {
  const errors: DayRange["errors"] = {};
  const read = (v: string | null | undefined, field: "from" | "to") => {
    const s = (v ?? "").trim();
    if (!s) return null;
    if (isDay(s)) return s;
    errors[field] = messages.invalid;
    return null;
  };
  let from = read(fromValue, "from");
  let to = read(toValue, "to");
  if (from && to && from > to) {
    errors.to = messages.reversed;
    from = null;
    to = null;
  }
  return { from, to, errors };
}

/** Milliseconds to add to UTC to get wall-clock time in `timeZone` at instant `at` (0 for UTC or an unknown zone). */
function zoneOffset(at: number, timeZone: string | undefined): number {
  if (!timeZone) return 0;
  try {
    return zoneOffsetMs(at, timeZone);
  } catch {
    return 0;
  }
}

/** Today's date in a time zone (the server's UTC when absent or unknown), YYYY-MM-DD. */
export function todayIn(timeZone: string | undefined, now: number): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
      now,
    );
  } catch {
    return new Date(now).toISOString().slice(0, 10);
  }
}

/** The instant a day (YYYY-MM-DD) starts in `timeZone` (UTC when absent). */
export function startOfDay(day: string, timeZone?: string): number {
  const utc = Date.parse(`${day}T00:00:00Z`);
  // Two passes: the offset at the guessed instant may differ from the offset at the true one (a DST change).
  let at = utc - zoneOffset(utc, timeZone);
  at = utc - zoneOffset(at, timeZone);
  return at;
}

/** Epoch-ms bounds of a day range, both days included, in the viewer's time zone: `[from, toExclusive)`. */
export function dayRangeBounds(
  range: Pick<DayRange, "from" | "to">,
  timeZone?: string,
): { from: number | null; toExclusive: number | null } {
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    from: range.from ? startOfDay(range.from, timeZone) : null,
    toExclusive: range.to ? startOfDay(next(range.to), timeZone) : null,
  };
}

/**
 * The search params to keep when one part of the state changes: a new filter or sort starts again at page 1;
 * empty values are dropped so URLs stay short (`?sort=-at&action=user`).
 */
export function withParams(
  current: URLSearchParams,
  changes: Record<string, string | null>,
  { keepPage = false }: { keepPage?: boolean } = {},
): URLSearchParams {
  const next = new URLSearchParams();
  for (const [k, v] of current) if (v !== "" && !(k in changes) && (keepPage || k !== "page")) next.append(k, v);
  for (const [k, v] of Object.entries(changes)) if (v != null && v !== "") next.set(k, v);
  return next;
}
