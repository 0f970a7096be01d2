import { describe, expect, it } from "vitest";
import { envelope, MAX_ATTEMPTS, outcomeOf, retryDelayMs, RETRY_SCHEDULE_S } from "./webhook-events";

describe("webhook retries", () => {
  it("backs off 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, then gives up", () => {
    const middle = RETRY_SCHEDULE_S.map((_, i) => retryDelayMs(i + 1, 0.5));
    expect(middle).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000]);
    expect(retryDelayMs(MAX_ATTEMPTS, 0.5)).toBeNull();
    const hours = RETRY_SCHEDULE_S.reduce((a, b) => a + b, 0) / 3600;
    expect(hours).toBeGreaterThan(24);
  });

  it("jitters each wait by at most 10 %", () => {
    expect(retryDelayMs(2, 0)).toBe(270_000);
    expect(retryDelayMs(2, 0.999999)).toBeLessThanOrEqual(330_000);
  });

  it("2xx delivers, 410 retires the endpoint, everything else retries", () => {
    expect(outcomeOf(200, null).kind).toBe("delivered");
    expect(outcomeOf(204, null).kind).toBe("delivered");
    expect(outcomeOf(410, null).kind).toBe("gone");
    for (const s of [301, 400, 404, 429, 500, 503]) expect(outcomeOf(s, null).kind, String(s)).toBe("retry");
    expect(outcomeOf(null, "timeout").kind).toBe("retry");
  });

  it("wraps data in the Standard Webhooks envelope", () => {
    expect(JSON.parse(envelope("run.started", { runId: "r1" }, Date.UTC(2026, 11, 2)))).toEqual({
      type: "run.started",
      timestamp: "2026-12-02T00:00:00.000Z",
      data: { runId: "r1" },
    });
  });
});
