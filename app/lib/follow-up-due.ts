/**
 * Follow-up due values, as a run records them (`followUpDue`): a day ("2026-03-31"), a wall-clock time
 * without a zone ("2026-03-31T14:30", read in the viewer's time zone) or an instant with its offset
 * ("2026-03-31T14:30:00+02:00", "…Z"). Pure: parsing, status (overdue / today / later), ordering, display.
 */
import type { Translator } from "../../i18n";

export type Due =
  { kind: "date"; raw: string; day: string } | { kind: "time"; raw: string; instant: number; offset: boolean };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The zone's offset from UTC at `instant`, in ms (what to add to UTC to get the zone's wall clock). */
export function zoneOffsetMs(instant: number, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"));
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant at which the zone's clock shows this wall time (a time skipped by a DST jump moves forward). */
export function wallTimeToInstant(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  timeZone: string | undefined,
  s = 0,
  ms = 0,
): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  return second;
}

/** The day ("YYYY-MM-DD") the zone's calendar shows at `instant`. */
export function dayInZone(instant: number, timeZone: string | undefined): string {
  const shifted = new Date(instant + zoneOffsetMs(instant, timeZone));
  return shifted.toISOString().slice(0, 10);
}

/** A due value, or null when it is neither a real date nor a date-time. */
export function parseDue(raw: string | null | undefined, timeZone?: string): Due | null {
  if (!raw) return null;
  const value = raw.trim();
  const date = DATE.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    return validDay(y, m, d) ? { kind: "date", raw: value, day: value } : null;
  }
  const dt = DATE_TIME.exec(value);
  if (!dt) return null;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(dt[i])) as [number, number, number, number, number];
  const s = dt[6] ? Number(dt[6]) : 0;
  const ms = dt[7] ? Number(dt[7].padEnd(3, "0")) : 0;
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  const zone = dt[8];
  if (zone === undefined)
    return { kind: "time", raw: value, instant: wallTimeToInstant(y, mo, d, h, mi, timeZone, s, ms), offset: false };
  let offsetMin = 0;
  if (zone !== "Z") {
    const digits = zone.replace(":", "");
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 23 || om > 59) return null;
    offsetMin = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  return { kind: "time", raw: value, instant: Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000, offset: true };
}

export type DueStatus = "overdue" | "today" | "later";

/** A day is overdue once it has passed in the viewer's zone; a time once it has passed. */
export function dueStatus(due: Due, now: number, timeZone?: string): DueStatus {
  const today = dayInZone(now, timeZone);
  if (due.kind === "date") return due.day < today ? "overdue" : due.day === today ? "today" : "later";
  if (due.instant < now) return "overdue";
  return dayInZone(due.instant, timeZone) === today ? "today" : "later";
}

/**
 * When a due value falls due, for ordering: a time at its instant, a day at the end of that day in the viewer's
 * zone (so "by 10:00" sorts before "some time today"); unreadable values last.
 */
export function dueSortKey(due: Due | null, timeZone?: string): number {
  if (!due) return Number.POSITIVE_INFINITY;
  if (due.kind === "time") return due.instant;
  const [y, m, d] = due.day.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return wallTimeToInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, timeZone) - 1;
}

/** Soonest due first; equal ones keep their order (a stable sort). */
export function sortByDue<T>(
  items: readonly T[],
  dueOf: (item: T) => string | null | undefined,
  timeZone?: string,
): T[] {
  return items
    .map((item, i) => ({ item, i, key: dueSortKey(parseDue(dueOf(item), timeZone), timeZone) }))
    .sort((a, b) => (a.key === b.key ? a.i - b.i : a.key < b.key ? -1 : 1))
    .map((x) => x.item);
}

/** The due value in the viewer's language: a day as a date, a time as date and time in the viewer's zone. */
export function formatDue(due: Due, tr: Pick<Translator, "date">): string {
  if (due.kind === "date") {
    const [y, m, d] = due.day.split("-").map(Number) as [number, number, number];
    // A calendar day, not an instant: format it in UTC so no zone moves it to the day before.
    return tr.date(Date.UTC(y, m - 1, d), { dateStyle: "medium", timeZone: "UTC" });
  }
  return tr.date(due.instant, { dateStyle: "medium", timeStyle: "short" });
}
