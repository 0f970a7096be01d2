import { describe, expect, it } from "vitest";
import { isStale, nextReviewDate } from "./review";

const day = (iso: string) => Date.parse(`${iso}T10:00:00Z`);

describe("nextReviewDate", () => {
  it("prefers an explicit reviewBy date", () => {
    expect(nextReviewDate({ reviewBy: "2027-05-31", reviewEveryDays: 30 }, day("2026-01-01"))).toBe("2027-05-31");
  });
  it("adds the cadence to the publish date", () => {
    expect(nextReviewDate({ reviewEveryDays: 90 }, day("2026-01-01"))).toBe("2026-04-01");
    expect(nextReviewDate({ reviewEveryDays: 1 }, day("2026-12-31"))).toBe("2027-01-01");
  });
  it("is null without a cadence", () => {
    expect(nextReviewDate({}, day("2026-01-01"))).toBeNull();
    expect(nextReviewDate({ reviewEveryDays: 0 }, day("2026-01-01"))).toBeNull();
  });
});

describe("isStale", () => {
  it("is stale only after the due day", () => {
    expect(isStale("2026-11-22", "2026-11-23")).toBe(true);
    expect(isStale("2026-11-23", "2026-11-23")).toBe(false);
    expect(isStale(null, "2026-11-23")).toBe(false);
  });
});
