// Dates on the training pages (English-only pages, the viewer's time zone). Pure: loaders and components alike.

/** A due date (YYYY-MM-DD, a calendar day, no zone) as "12 Mar 2026"; anything else as it is. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return "";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const at = Date.parse(`${day}T12:00:00Z`);
  if (Number.isNaN(at)) return day;
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    at,
  );
}

/** An instant (ms) as date and time in the viewer's zone, e.g. "12 Mar 2026, 14:05". */
export function formatInstant(ms: number | null | undefined, timeZone: string): string {
  if (ms == null) return "";
  try {
    return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
  }
}

/** Days from `today` to `day` (both YYYY-MM-DD): negative when the day has passed. */
export function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** "due in 3 days", "due today", "2 days overdue" — for a due date that is not met yet. */
export function dueWords(day: string, today: string): string {
  const d = daysUntil(day, today);
  if (d === 0) return "due today";
  if (d === 1) return "due tomorrow";
  if (d > 1) return `due in ${d} days`;
  return d === -1 ? "1 day overdue" : `${-d} days overdue`;
}
