// Pure shaping for the home page (no DB, no React): follow-ups bucketed into overdue and due today, how late a
// review is. The queries are in db/home.server.ts; the page is app/routes/home.tsx.

import type { MessageId } from "../../i18n";
import { dueStatus, parseDue, sortByDue, type DueStatus } from "./follow-up-due";

/** At most this many rows per home card; the card's count and "See all" link cover the rest. */
export const CARD_ROWS = 5;

/**
 * Follow-ups due now, in the viewer's zone: overdue ones first (the longest overdue first), then today's, a
 * time before "some time today" (follow-up-due.ts reads and orders due values, days and times alike). Later ones
 * are dropped; unreadable ones count as overdue (somebody has to look at them). The counts cover every row.
 */
export function bucketFollowUps<T extends { followUpDue: string | null }>(
  rows: readonly T[],
  now: number,
  timeZone: string | undefined,
  limit = CARD_ROWS,
) {
  const due = rows
    .filter((r): r is T & { followUpDue: string } => r.followUpDue != null)
    .map((r) => {
      const parsed = parseDue(r.followUpDue, timeZone);
      return { ...r, bucket: parsed ? dueStatus(parsed, now, timeZone) : ("overdue" as DueStatus) };
    })
    .filter((r): r is T & { followUpDue: string; bucket: "overdue" | "today" } => r.bucket !== "later");
  const ordered = [
    ...sortByDue(
      due.filter((r) => r.bucket === "overdue"),
      (r) => r.followUpDue,
      timeZone,
    ),
    ...sortByDue(
      due.filter((r) => r.bucket === "today"),
      (r) => r.followUpDue,
      timeZone,
    ),
  ];
  return {
    overdue: ordered.filter((r) => r.bucket === "overdue").length,
    today: ordered.filter((r) => r.bucket === "today").length,
    total: ordered.length,
    rows: ordered.slice(0, limit),
  };
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): how long a review has been overdue. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return 0;
  return Math.round((b - a) / 86_400_000);
}

/** The first name to greet someone by ("Rasa Petrauskienė" → "Rasa"); the whole name when it has one word. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

/** The message naming a run's outcome (a completed run without a known outcome is just "Completed"). */
export function outcomeMessage(outcome: string | null | undefined): MessageId {
  switch (outcome) {
    case "resolved":
      return "tables.outcome.resolved";
    case "escalated":
      return "tables.outcome.escalated";
    case "follow-up":
      return "tables.outcome.followUp";
    case "transferred":
      return "tables.outcome.transferred";
    case "abandoned":
      return "tables.outcome.abandoned";
    default:
      return "tables.runs.status.completed";
  }
}
