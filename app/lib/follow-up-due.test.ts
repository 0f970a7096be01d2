import { describe, expect, it } from "vitest";
import { translator } from "../../i18n";
import { dayInZone, dueSortKey, dueStatus, formatDue, parseDue, sortByDue, wallTimeToInstant } from "./follow-up-due";

const VILNIUS = "Europe/Vilnius"; // UTC+2 in winter, +3 in summer
const NEW_YORK = "America/New_York";

describe("parseDue", () => {
  it("reads a day", () => {
    expect(parseDue("2026-03-31")).toEqual({ kind: "date", raw: "2026-03-31", day: "2026-03-31" });
    expect(parseDue(" 2024-02-29 ")).toMatchObject({ kind: "date", day: "2024-02-29" });
  });
  it("reads a wall-clock time in the viewer's zone", () => {
    expect(parseDue("2026-01-15T14:30", VILNIUS)).toEqual({
      kind: "time",
      raw: "2026-01-15T14:30",
      instant: Date.UTC(2026, 0, 15, 12, 30),
      offset: false,
    });
    expect(parseDue("2026-07-15T14:30", VILNIUS)).toMatchObject({ instant: Date.UTC(2026, 6, 15, 11, 30) });
    expect(parseDue("2026-01-15T14:30", "UTC")).toMatchObject({ instant: Date.UTC(2026, 0, 15, 14, 30) });
    expect(parseDue("2026-01-15T14:30:15", "UTC")).toMatchObject({ instant: Date.UTC(2026, 0, 15, 14, 30, 15) });
  });
  it("reads an ISO instant with its offset, whatever the viewer's zone", () => {
    expect(parseDue("2026-01-15T14:30+02:00", NEW_YORK)).toMatchObject({
      kind: "time",
      instant: Date.UTC(2026, 0, 15, 12, 30),
      offset: true,
    });
    expect(parseDue("2026-01-15T14:30:00.250Z")).toMatchObject({ instant: Date.UTC(2026, 0, 15, 14, 30, 0, 250) });
    expect(parseDue("2026-01-15T09:00-0530")).toMatchObject({ instant: Date.UTC(2026, 0, 15, 14, 30) });
  });
  it("refuses what is not a real date or time", () => {
    for (const bad of [
      "",
      "tomorrow",
      "2026-02-30",
      "2025-02-29",
      "2026-13-01",
      "2026-01-15T24:00",
      "2026-01-15T12:60",
      "2026-01-15 14:30",
      "2026-01-15T14:30+25:00",
      "15/01/2026",
    ]) {
      expect(parseDue(bad), bad).toBeNull();
    }
    expect(parseDue(null)).toBeNull();
    expect(parseDue(undefined)).toBeNull();
  });
});

describe("zones", () => {
  it("finds the day a zone's calendar shows", () => {
    const lateUtc = Date.UTC(2026, 0, 15, 23, 30);
    expect(dayInZone(lateUtc, "UTC")).toBe("2026-01-15");
    expect(dayInZone(lateUtc, VILNIUS)).toBe("2026-01-16");
    expect(dayInZone(lateUtc, NEW_YORK)).toBe("2026-01-15");
  });
  it("moves a wall time skipped by the spring-forward jump past it", () => {
    // New York skipped 02:00–03:00 on 2026-03-08; 02:30 does not exist there
    const t = wallTimeToInstant(2026, 3, 8, 2, 30, NEW_YORK);
    expect(t === Date.UTC(2026, 2, 8, 7, 30) || t === Date.UTC(2026, 2, 8, 6, 30)).toBe(true);
    expect(wallTimeToInstant(2026, 3, 8, 12, 0, NEW_YORK)).toBe(Date.UTC(2026, 2, 8, 16, 0));
  });
});

describe("dueStatus", () => {
  const now = Date.UTC(2026, 0, 15, 10, 0); // 12:00 in Vilnius
  it("a day is overdue only once it has passed in the viewer's zone", () => {
    expect(dueStatus(parseDue("2026-01-14")!, now, VILNIUS)).toBe("overdue");
    expect(dueStatus(parseDue("2026-01-15")!, now, VILNIUS)).toBe("today");
    expect(dueStatus(parseDue("2026-01-16")!, now, VILNIUS)).toBe("later");
    // 23:30 UTC on the 15th is already the 16th in Vilnius: the 15th is overdue there, not in New York
    const late = Date.UTC(2026, 0, 15, 23, 30);
    expect(dueStatus(parseDue("2026-01-15")!, late, VILNIUS)).toBe("overdue");
    expect(dueStatus(parseDue("2026-01-15")!, late, NEW_YORK)).toBe("today");
  });
  it("a time is overdue once it has passed, today until then", () => {
    expect(dueStatus(parseDue("2026-01-15T11:59", VILNIUS)!, now, VILNIUS)).toBe("overdue");
    expect(dueStatus(parseDue("2026-01-15T12:01", VILNIUS)!, now, VILNIUS)).toBe("today");
    expect(dueStatus(parseDue("2026-01-16T08:00", VILNIUS)!, now, VILNIUS)).toBe("later");
    expect(dueStatus(parseDue("2026-01-15T09:00Z")!, now, VILNIUS)).toBe("overdue");
  });
});

describe("sorting", () => {
  it("orders days and times together, soonest first; a time on a day before that day as a whole", () => {
    const dues = [
      "2026-01-16",
      "2026-01-15T16:00",
      "2026-01-15",
      "2026-01-15T09:00+02:00",
      "not a date",
      "2026-01-16T00:30",
      "2026-01-15T23:00Z",
    ];
    const items = dues.map((due, i) => ({ due, i }));
    expect(sortByDue(items, (x) => x.due, VILNIUS).map((x) => x.due)).toEqual([
      "2026-01-15T09:00+02:00",
      "2026-01-15T16:00",
      "2026-01-15",
      "2026-01-16T00:30", // 22:30 UTC on the 15th
      "2026-01-15T23:00Z", // 01:00 on the 16th in Vilnius
      "2026-01-16",
      "not a date",
    ]);
  });
  it("is stable for equal due values and does not touch its input", () => {
    const items = [
      { id: "a", due: "2026-01-15" },
      { id: "b", due: "2026-01-14" },
      { id: "c", due: "2026-01-15" },
    ];
    expect(sortByDue(items, (x) => x.due, "UTC").map((x) => x.id)).toEqual(["b", "a", "c"]);
    expect(items.map((x) => x.id)).toEqual(["a", "b", "c"]);
  });
  it("a day ends at midnight in the viewer's zone", () => {
    expect(dueSortKey(parseDue("2026-01-15"), VILNIUS)).toBe(Date.UTC(2026, 0, 15, 22, 0) - 1);
    expect(dueSortKey(null)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("formatDue", () => {
  it("shows a day as that day in any zone, in the viewer's language", () => {
    expect(formatDue(parseDue("2026-01-15")!, translator("en", "Pacific/Honolulu"))).toBe("Jan 15, 2026");
    expect(formatDue(parseDue("2026-01-15")!, translator("en", "Pacific/Kiritimati"))).toBe("Jan 15, 2026");
    expect(formatDue(parseDue("2026-01-15")!, translator("it", VILNIUS))).toBe("15 gen 2026");
    // the Persian calendar, Persian digits
    expect(formatDue(parseDue("2026-01-15")!, translator("fa", VILNIUS))).toMatch(/۱۴۰۴/);
  });
  it("shows a time in the viewer's zone", () => {
    const due = parseDue("2026-01-15T14:30+00:00")!;
    expect(formatDue(due, translator("en", VILNIUS))).toMatch(/^Jan 15, 2026.*4:30\s?PM$/);
    expect(formatDue(due, translator("lt", VILNIUS))).toMatch(/16:30$/);
    expect(formatDue(parseDue("2026-01-15T14:30", NEW_YORK)!, translator("en", NEW_YORK))).toMatch(/2:30\s?PM$/);
  });
});
