import { describe, expect, it } from "vitest";
import { daysUntil, dueWords, formatDay, formatInstant } from "./format";

describe("training dates", () => {
  it("formats a calendar day without shifting it by a time zone", () => {
    expect(formatDay("2026-03-01")).toBe("1 Mar 2026");
    expect(formatDay("2026-12-31")).toBe("31 Dec 2026");
    expect(formatDay("not a day")).toBe("not a day");
    expect(formatDay(null)).toBe("");
  });

  it("formats an instant in the viewer's zone", () => {
    const at = Date.UTC(2026, 2, 1, 23, 30);
    expect(formatInstant(at, "UTC")).toContain("1 Mar 2026");
    expect(formatInstant(at, "Asia/Tehran")).toContain("2 Mar 2026");
    expect(formatInstant(null, "UTC")).toBe("");
  });

  it("counts days to a due date and says it in words", () => {
    expect(daysUntil("2026-03-10", "2026-03-01")).toBe(9);
    expect(dueWords("2026-03-01", "2026-03-01")).toBe("due today");
    expect(dueWords("2026-03-02", "2026-03-01")).toBe("due tomorrow");
    expect(dueWords("2026-03-05", "2026-03-01")).toBe("due in 4 days");
    expect(dueWords("2026-02-28", "2026-03-01")).toBe("1 day overdue");
    expect(dueWords("2026-02-20", "2026-03-01")).toBe("9 days overdue");
  });
});
