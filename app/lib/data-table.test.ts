import { describe, expect, it } from "vitest";
import {
  ariaSort,
  dayRangeBounds,
  nextSort,
  pageCount,
  parseChoice,
  parseDayRange,
  parsePage,
  parseSort,
  parseText,
  sortParam,
  startOfDay,
  withParams,
} from "./data-table";

const KEYS = ["title", "startedAt"] as const;
const fallback = { key: "startedAt", dir: "desc" } as const;
const messages = { invalid: "Enter a date.", reversed: "The end is before the start." };

describe("sort in the URL", () => {
  it("round-trips ascending and descending", () => {
    expect(parseSort("title", KEYS, fallback)).toEqual({ key: "title", dir: "asc" });
    expect(parseSort("-title", KEYS, fallback)).toEqual({ key: "title", dir: "desc" });
    expect(sortParam({ key: "title", dir: "desc" })).toBe("-title");
    expect(sortParam({ key: "title", dir: "asc" })).toBe("title");
  });
  it("ignores unknown columns and junk", () => {
    expect(parseSort("password", KEYS, fallback)).toEqual(fallback);
    expect(parseSort("--title", KEYS, fallback)).toEqual(fallback);
    expect(parseSort("", KEYS, fallback)).toEqual(fallback);
    expect(parseSort(null, KEYS, fallback)).toEqual(fallback);
  });
  it("a header flips its own column and starts another in its natural direction", () => {
    expect(nextSort({ key: "title", dir: "asc" }, "title")).toEqual({ key: "title", dir: "desc" });
    expect(nextSort({ key: "title", dir: "desc" }, "title")).toEqual({ key: "title", dir: "asc" });
    expect(nextSort({ key: "title", dir: "asc" }, "startedAt", "desc")).toEqual({ key: "startedAt", dir: "desc" });
  });
  it("says aria-sort only on the sorted column", () => {
    expect(ariaSort({ key: "title", dir: "asc" }, "title")).toBe("ascending");
    expect(ariaSort({ key: "title", dir: "desc" }, "title")).toBe("descending");
    expect(ariaSort({ key: "title", dir: "desc" }, "startedAt")).toBeUndefined();
  });
});

describe("pages and filters", () => {
  it("reads a page number, forgiving junk and capping at the last page", () => {
    expect(parsePage("3")).toBe(3);
    expect(parsePage("0")).toBe(1);
    expect(parsePage("-2")).toBe(1);
    expect(parsePage("2.5")).toBe(1);
    expect(parsePage("abc")).toBe(1);
    expect(parsePage("99", 4)).toBe(4);
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(101, 50)).toBe(3);
  });
  it("takes only known choices and tidy text", () => {
    expect(parseChoice("agent", ["agent", "lead"])).toBe("agent");
    expect(parseChoice("root", ["agent", "lead"])).toBeNull();
    expect(parseText("  refund   and  return ")).toBe("refund and return");
    expect(parseText("x".repeat(300), 10)).toHaveLength(10);
  });
  it("reads a day range and names what is wrong instead of applying it", () => {
    expect(parseDayRange("2026-11-01", "2026-11-30", messages)).toEqual({
      from: "2026-11-01",
      to: "2026-11-30",
      errors: {},
    });
    expect(parseDayRange("", "2026-11-30", messages)).toEqual({ from: null, to: "2026-11-30", errors: {} });
    expect(parseDayRange("2026-02-30", null, messages)).toEqual({
      from: null,
      to: null,
      errors: { from: "Enter a date." },
    });
    expect(parseDayRange("01/11/2026", null, messages).errors.from).toBe("Enter a date.");
    expect(parseDayRange("2026-12-01", "2026-11-01", messages)).toEqual({
      from: null,
      to: null,
      errors: { to: "The end is before the start." },
    });
  });
  it("turns a day range into instants in the viewer's time zone, both days included", () => {
    expect(dayRangeBounds({ from: "2026-11-01", to: "2026-11-01" })).toEqual({
      from: Date.UTC(2026, 10, 1),
      toExclusive: Date.UTC(2026, 10, 2),
    });
    // Vilnius is UTC+2 in November: its 1 November starts at 22:00 UTC on 31 October.
    expect(startOfDay("2026-11-01", "Europe/Vilnius")).toBe(Date.UTC(2026, 9, 31, 22));
    // …and UTC+3 in summer, across the DST change at the end of March.
    expect(startOfDay("2026-03-30", "Europe/Vilnius")).toBe(Date.UTC(2026, 2, 29, 21));
    expect(dayRangeBounds({ from: null, to: "2026-12-31" }, "Asia/Tehran")).toEqual({
      from: null,
      toExclusive: Date.UTC(2026, 11, 31, 20, 30),
    });
    expect(startOfDay("2026-11-01", "Not/AZone")).toBe(Date.UTC(2026, 10, 1));
  });
  it("keeps the other params, drops empty ones and goes back to page 1 on a change", () => {
    const current = new URLSearchParams("q=refund&status=&page=3&sort=-startedAt");
    expect(withParams(current, { sort: "title" }).toString()).toBe("q=refund&sort=title");
    expect(withParams(current, { page: "4" }, { keepPage: true }).toString()).toBe("q=refund&sort=-startedAt&page=4");
    expect(withParams(current, { q: null }).toString()).toBe("sort=-startedAt");
  });
});
