import { describe, expect, it } from "vitest";
import {
  compareFigures,
  figuresBy,
  overviewFigures,
  previousPeriod,
  sopTable,
  trend,
  TREND_KEYS,
  type OverviewFigures,
} from "./overview";
import { active, HOUR, MIN, NOW, row, version, versionMap } from "./test-helpers";
import { ABANDONED_AFTER_MS } from "./types";

const versions = versionMap(
  version({ versionId: 1, targetMs: 5 * MIN }),
  version({ versionId: 2, targetMs: 10 * MIN }),
  version({ versionId: 3, targetMs: null }),
);

// Ten runs, every rule once (figures worked out by hand in the test below).
const rows = [
  row({ handleMs: 4 * MIN, flags: 1 }),
  row({ handleMs: 400_000 }), // over the 5-minute target
  row({ outcome: "escalated", handleMs: 100_000 }),
  row({ escalations: 2, handleMs: 5 * MIN }), // exactly on target: not over
  row({ outcome: "abandoned", handleMs: 50_000 }), // no handle time, no target
  row({
    outcome: "follow-up",
    versionId: 3,
    handleMs: 700_000,
    followUpDue: "2025-01-20",
    followUpClosedAt: NOW - 1000,
  }),
  active({}, 10 * MIN),
  active({}, ABANDONED_AFTER_MS), // idle for exactly the limit: abandoned
  active({}, ABANDONED_AFTER_MS - 1),
  active({ flags: 2 }, 5 * HOUR),
];

const empty: OverviewFigures = {
  runs: 0,
  inProgress: 0,
  completed: 0,
  abandoned: 0,
  finished: 0,
  completionRate: null,
  abandonmentRate: null,
  outcomes: { resolved: 0, escalated: 0, "follow-up": 0, transferred: 0, abandoned: 0 },
  escalated: 0,
  escalationRate: null,
  followUpsOpened: 0,
  followUpsClosed: 0,
  handleMedianMs: null,
  handleP90Ms: null,
  withTarget: 0,
  overTarget: 0,
  overTargetShare: null,
  flags: 0,
  targetMs: null,
};

describe("overviewFigures", () => {
  it("applies every definition", () => {
    expect(overviewFigures(rows, versions, NOW)).toEqual({
      runs: 10,
      inProgress: 2,
      completed: 6,
      abandoned: 3, // the completed one with outcome abandoned and two idle active ones
      finished: 8,
      completionRate: 5 / 8,
      abandonmentRate: 3 / 8,
      outcomes: { resolved: 3, escalated: 1, "follow-up": 1, transferred: 0, abandoned: 1 },
      escalated: 2,
      escalationRate: 2 / 6,
      followUpsOpened: 1,
      followUpsClosed: 1,
      handleMedianMs: 300_000, // of 100k, 240k, 300k, 400k, 700k
      handleP90Ms: 700_000, // rank ⌈4.5⌉ = 5
      withTarget: 4,
      overTarget: 1,
      overTargetShare: 0.25,
      flags: 3,
      targetMs: 5 * MIN,
    } satisfies OverviewFigures);
  });

  it("is all zeros and unknowns for no runs", () => {
    expect(overviewFigures([], versions, NOW)).toEqual(empty);
  });

  it("handles one run", () => {
    const f = overviewFigures([row({ versionId: 2, handleMs: 11 * MIN })], versions, NOW);
    expect(f).toMatchObject({
      runs: 1,
      completed: 1,
      finished: 1,
      completionRate: 1,
      abandonmentRate: 0,
      handleMedianMs: 11 * MIN,
      handleP90Ms: 11 * MIN,
    });
    expect(f).toMatchObject({
      withTarget: 1,
      overTarget: 1,
      overTargetShare: 1,
      targetMs: 10 * MIN,
      escalationRate: 0,
    });
  });

  it("counts only in-progress runs as nothing finished", () => {
    const f = overviewFigures([active(), active()], versions, NOW);
    expect(f).toMatchObject({
      runs: 2,
      inProgress: 2,
      finished: 0,
      completionRate: null,
      abandonmentRate: null,
      escalationRate: null,
    });
  });

  it("moves an active run to abandoned once it has been idle long enough (now decides)", () => {
    const r = active({ updatedAt: NOW });
    expect(overviewFigures([r], versions, NOW).inProgress).toBe(1);
    const later = overviewFigures([r], versions, NOW + ABANDONED_AFTER_MS);
    expect(later).toMatchObject({
      inProgress: 0,
      abandoned: 1,
      finished: 1,
      completed: 0,
      abandonmentRate: 1,
      completionRate: 0,
    });
  });

  it("has no common target when the runs' versions have different ones", () => {
    const f = overviewFigures([...rows, row({ versionId: 2, handleMs: 650_000 })], versions, NOW);
    expect(f).toMatchObject({ withTarget: 5, overTarget: 2, overTargetShare: 0.4, targetMs: null });
  });

  it("gives runs without a target (or an unknown version) no target figures", () => {
    const f = overviewFigures([row({ versionId: 3 }), row({ versionId: 99 })], versions, NOW);
    expect(f).toMatchObject({
      withTarget: 0,
      overTarget: 0,
      overTargetShare: null,
      targetMs: null,
      handleMedianMs: MIN,
    });
  });

  it("leaves a completed run without a handle time out of handle times and targets", () => {
    const f = overviewFigures([row({ handleMs: null })], versions, NOW);
    expect(f).toMatchObject({ completed: 1, handleMedianMs: null, withTarget: 0 });
  });

  it("counts an outcome outside the runbook's list too", () => {
    expect(overviewFigures([row({ outcome: "callback" })], versions, NOW).outcomes).toEqual({
      ...empty.outcomes,
      callback: 1,
    });
  });
});

describe("figuresBy", () => {
  it("groups in one pass, groups in the order first met", () => {
    const by = figuresBy(
      [row({ sopId: "b", handleMs: 2 * MIN }), row({ sopId: "a" }), active({ sopId: "b" })],
      (r) => r.sopId,
      versions,
      NOW,
    );
    expect([...by.keys()]).toEqual(["b", "a"]);
    expect(by.get("b")).toMatchObject({ runs: 2, completed: 1, inProgress: 1, handleMedianMs: 2 * MIN });
    expect(by.get("a")).toMatchObject({ runs: 1, completed: 1, handleMedianMs: MIN });
  });

  it("is empty for no rows", () => {
    expect(figuresBy([], (r) => r.departmentId, versions, NOW).size).toBe(0);
  });
});

describe("trend", () => {
  it("gives the change, the relative change and the direction", () => {
    expect(trend(10, 8)).toEqual({ current: 10, previous: 8, change: 2, relative: 0.25, direction: "up" });
    expect(trend(8, 10)).toEqual({ current: 8, previous: 10, change: -2, relative: -0.2, direction: "down" });
  });

  it("is flat for no change or under half a percent", () => {
    expect(trend(0, 0)).toEqual({ current: 0, previous: 0, change: 0, relative: null, direction: "flat" });
    expect(trend(1000, 1004).direction).toBe("flat");
    expect(trend(1000, 1005).direction).toBe("flat"); // −0.4975 %
    expect(trend(1000, 1006).direction).toBe("down");
    expect(trend(0.5, 0.5).direction).toBe("flat");
  });

  it("has no relative change from 0, and nothing when a side is unknown", () => {
    expect(trend(5, 0)).toEqual({ current: 5, previous: 0, change: 5, relative: null, direction: "up" });
    expect(trend(null, 3)).toEqual({ current: null, previous: 3, change: null, relative: null, direction: null });
    expect(trend(3, null)).toEqual({ current: 3, previous: null, change: null, relative: null, direction: null });
  });
});

describe("compareFigures", () => {
  it("compares every numeric figure", () => {
    const current = overviewFigures(rows, versions, NOW);
    const c = compareFigures(current, empty);
    expect(Object.keys(c).sort()).toEqual([...TREND_KEYS].sort());
    expect(TREND_KEYS).not.toContain("outcomes");
    expect(c.runs).toEqual({ current: 10, previous: 0, change: 10, relative: null, direction: "up" });
    expect(c.completionRate).toEqual({ current: 5 / 8, previous: null, change: null, relative: null, direction: null });
    const again = compareFigures(current, current);
    for (const k of TREND_KEYS) expect(again[k].direction).toBe("flat");
  });
});

describe("previousPeriod", () => {
  it("is as long and ends where the period starts", () => {
    expect(previousPeriod({ from: 100, to: 160 })).toEqual({ from: 40, to: 100 });
    expect(previousPeriod({ from: 5, to: 5 })).toEqual({ from: 5, to: 5 });
  });
});

describe("sopTable", () => {
  it("puts the SOPs most often over target first, then the busiest, SOPs without a target last", () => {
    const over = (sopId: string) => row({ sopId, handleMs: 6 * MIN });
    const under = (sopId: string) => row({ sopId, handleMs: 4 * MIN });
    const untargeted = (sopId: string) => row({ sopId, versionId: 3 });
    const table = sopTable(
      [
        ...[over("a"), under("a"), over("b"), over("b")],
        ...[untargeted("c"), untargeted("c"), untargeted("c"), untargeted("d")],
        ...[over("e"), over("e"), under("e"), under("e")],
      ],
      versions,
      NOW,
    );
    expect(table.map((t) => [t.sopId, t.figures.overTargetShare, t.figures.runs])).toEqual([
      ["b", 1, 2],
      ["e", 0.5, 4],
      ["a", 0.5, 2],
      ["c", null, 3],
      ["d", null, 1],
    ]);
  });

  it("is empty for no runs", () => {
    expect(sopTable([], versions, NOW)).toEqual([]);
  });
});
