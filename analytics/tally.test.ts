// Tallies must give the figures the rows give: every aggregation is run on random rows, once over the rows and
// once over their day tallies (completed runs) plus the open runs as rows, as db/tallies.server.ts reads them.
import { describe, expect, it } from "vitest";
import type { RunDetail } from "./facts";
import { overviewFigures, overviewWithSops, sopTable } from "./overview";
import {
  byVersion,
  flowAnswers,
  flowAnswersOf,
  pathHeat,
  pathHeatOf,
  skippedSteps,
  skippedStepsOf,
  stepFunnel,
  stepTimes,
  stepTimesOf,
  type FlowShape,
} from "./sop";
import { histogramMedianAndQuantile, medianAndQuantile } from "./stats";
import {
  DAY_MS,
  QUARTER_MS,
  addRunToTally,
  compactPairs,
  detailOf,
  emptyDetail,
  emptyTally,
  mergeDetail,
  mergeTally,
  secondsOf,
  startsOf,
  talliesOf,
} from "./tally";
import { bucketIndex, bucketsOf, contactTrends } from "./trends";
import { HOUR, MIN, NOW, active, detailed, version, versionMap } from "./test-helpers";
import type { DetailedRunRow } from "./types";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const flow: FlowShape = {
  id: "f",
  nodes: [
    { id: "s", type: "start", label: "Start" },
    { id: "q1", type: "question", label: "Paid?" },
    { id: "q2", type: "question", label: "Again?" },
    { id: "a", type: "action", label: "Refund" },
    { id: "e1", type: "end", label: "Done" },
    { id: "e2", type: "end", label: "Escalate" },
  ],
  edges: [
    { from: "s", to: "q1" },
    { from: "q1", to: "a", label: "Yes" },
    { from: "q1", to: "q2", label: "No" },
    { from: "q2", to: "q1", label: "Retry" },
    { from: "q2", to: "e2", label: "Give up" },
    { from: "a", to: "e1" },
  ],
};

const OUTCOMES = ["resolved", "escalated", "follow-up", "transferred", "abandoned"];
const REASONS = ["Customer refused", " customer  REFUSED", "n/a", "", "Not needed"];

/** A random path through `flow` (loops q1 → q2 → q1 included), sometimes with an answer the flow no longer has. */
function pathOf(rand: () => number): RunDetail["path"] {
  const path: RunDetail["path"] = [["f", "s", "q1", null]];
  let at = "q1";
  for (let i = 0; i < 6; i++) {
    if (at === "q1") {
      if (rand() < 0.5) {
        path.push(["f", "q1", "a", "Yes"], ["f", "a", "e1", null]);
        return path;
      }
      path.push(["f", "q1", "q2", "No"]);
      at = "q2";
    } else {
      if (rand() < 0.1) path.push(["f", "q2", "gone", "Old answer"]);
      if (rand() < 0.5) {
        path.push(["f", "q2", "e2", "Give up"]);
        return path;
      }
      path.push(["f", "q2", "q1", "Retry"]);
      at = "q1";
    }
  }
  return path;
}

function randomRows(seed: number, n: number): DetailedRunRow[] {
  const rand = rng(seed);
  const rows: DetailedRunRow[] = [];
  for (let i = 0; i < n; i++) {
    const startedAt = NOW - Math.floor(rand() * 20 * DAY_MS);
    const versionId = 1 + Math.floor(rand() * 3);
    const sopId = versionId === 3 ? "other" : "refund";
    const departmentId = sopId === "other" ? 2 : 1;
    if (rand() < 0.15) {
      rows.push({
        ...active(
          { startedAt, versionId, sopId, departmentId, currentStepIndex: Math.floor(rand() * 4) },
          rand() < 0.5 ? 10 * MIN : 5 * HOUR,
        ),
        detail: null,
      });
      continue;
    }
    const outcome = OUTCOMES[Math.floor(rand() * OUTCOMES.length)]!;
    const steps: RunDetail["steps"] = ["s1", "s2", "s3"].map((id) => {
      const x = rand();
      return x < 0.6
        ? [id, "d", Math.floor(rand() * 9_000)]
        : x < 0.8
          ? [id, "s", null, REASONS[Math.floor(rand() * REASONS.length)]!]
          : [id, "p", null, null];
    }) as RunDetail["steps"];
    const path = rand() < 0.8 ? pathOf(rand) : [];
    const last = path[path.length - 1];
    const ends: RunDetail["ends"] = last && (last[2] === "e1" || last[2] === "e2") ? [["f", last[2]]] : [];
    rows.push(
      detailed(
        {
          startedAt,
          versionId,
          sopId,
          departmentId,
          outcome,
          // a few calls of hours (past the accumulator's dense range)
          handleMs:
            rand() < 0.05
              ? null
              : rand() < 0.03
                ? 7_000_000 + Math.floor(rand() * 3_000_000)
                : 20_000 + Math.floor(rand() * 600_000),
          escalations: rand() < 0.2 ? 1 : 0,
          flags: rand() < 0.1 ? 2 : 0,
          followUpDue: rand() < 0.2 ? "2025-01-20" : null,
          followUpClosedAt: rand() < 0.1 ? NOW : null,
          currentStepIndex: rand() < 0.1 ? null : Math.floor(rand() * 5),
        },
        { steps, path, ends },
      ),
    );
  }
  return rows;
}

const versions = versionMap(
  version({ versionId: 1, version: 1, targetMs: 300_000, tags: ["billing"], stepIds: ["s1", "s2", "s3"] }),
  version({
    versionId: 2,
    version: 2,
    targetMs: 240_000,
    tags: ["billing", "refund"],
    stepIds: ["s1", "s3", "s2", "s4"],
  }),
  version({ versionId: 3, sopId: "other", version: 1, targetMs: null, tags: [], stepIds: ["s1", "s2"] }),
);

/** The rows as the DB layer reads them: tallies of the completed runs, the open runs as rows. */
function split(rows: readonly DetailedRunRow[]) {
  const completed = rows.filter((r) => r.status === "completed");
  const tallies = [...talliesOf(completed).values()];
  return {
    tallies: tallies.map((t) => t.tally),
    detail: tallies.map((t) => t.detail),
    open: rows.filter((r) => r.status !== "completed"),
  };
}

describe("tallies give the rows' figures", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}`, () => {
      const rows = randomRows(seed, 1500);
      const { tallies, detail, open } = split(rows);
      expect(overviewFigures(open, versions, NOW, tallies)).toEqual(overviewFigures(rows, versions, NOW));
      expect(sopTable(open, versions, NOW, tallies)).toEqual(sopTable(rows, versions, NOW));
      expect(overviewWithSops(open, versions, NOW, tallies)).toEqual({
        figures: overviewFigures(rows, versions, NOW),
        sops: sopTable(rows, versions, NOW),
      });
      expect(byVersion(open, versions, NOW, tallies)).toEqual(byVersion(rows, versions, NOW));
      expect(stepFunnel(open, versions, NOW, tallies)).toEqual(stepFunnel(rows, versions, NOW));

      const merged = emptyDetail();
      for (const d of detail) mergeDetail(merged, d);
      expect(stepTimesOf(merged, ["s1", "s2", "s3", "s4"])).toEqual(stepTimes(rows, ["s1", "s2", "s3", "s4"]));
      // skip reasons: the same groups and counts (a tie's spelling may differ: "first met" follows the days)
      const skips = (s: ReturnType<typeof skippedSteps>) =>
        s.map((x) => ({ ...x, reasons: x.reasons.map((r) => r.count) }));
      expect(skips(skippedStepsOf(merged))).toEqual(skips(skippedSteps(rows)));
      expect(flowAnswersOf(merged, flow)).toEqual(flowAnswers(rows, flow));
      expect(pathHeatOf(merged, flow)).toEqual(pathHeat(rows, flow));

      // runs per day in three time zones: a day's tally whole when it sits in one bucket, by quarter-hour when not
      const period = { from: NOW - 20 * DAY_MS, to: NOW + DAY_MS };
      const all = [...talliesOf(rows).values()].map((t) => t.tally);
      for (const timeZone of ["UTC", "Asia/Tehran", "America/New_York"]) {
        for (const unit of ["day", "week"] as const) {
          const buckets = bucketsOf(period, unit, timeZone);
          const split = (a: number, b: number) => bucketIndex(buckets, a) !== bucketIndex(buckets, b);
          const opts = { period, unit, timeZone, labels: { sop: new Map(), department: new Map() } };
          expect(contactTrends(startsOf(all, split), [], versions, opts)).toEqual(
            contactTrends(rows, [], versions, opts),
          );
        }
      }
    });
  }
});

describe("a tally", () => {
  it(
    "counts a run in its quarter-hour, its outcome, its handle " +
      "time to the second and where an abandoned run stopped",
    () => {
      const day = Math.floor(NOW / DAY_MS);
      const t = emptyTally({ day, sopId: "refund", versionId: 1, departmentId: 1 });
      const at = day * DAY_MS + 37 * QUARTER_MS + 5;
      addRunToTally(
        t,
        detailed({ startedAt: at, handleMs: 90_001, escalations: 1, flags: 2, followUpDue: "2025-01-20" }, null),
      );
      addRunToTally(t, detailed({ startedAt: at, outcome: "abandoned", currentStepIndex: 2 }, null));
      addRunToTally(t, active({ startedAt: at + QUARTER_MS }));
      expect(t).toMatchObject({
        runs: 3,
        starts: { 37: 2, 38: 1 },
        completed: 2,
        outcomes: { resolved: 1, abandoned: 1 },
        escalated: 1,
        flags: 2,
        followUpsOpened: 1,
        followUpsClosed: 0,
        handle: [91, 1],
        stopped: { 2: 1 },
      });
      const u = emptyTally(t);
      mergeTally(u, t);
      mergeTally(u, t);
      expect(u).toMatchObject({ runs: 6, starts: { 37: 4, 38: 2 }, handle: [91, 1, 91, 1], stopped: { 2: 2 } });
      expect(compactPairs(u.handle)).toEqual([91, 2]);
      expect(compactPairs([5, 1, 3, 2, 5, 2, 4, 0])).toEqual([3, 2, 5, 3]);
    },
  );

  it("keeps a run's answers once each, however often it went round a loop", () => {
    const d = detailOf([
      detailed(
        {},
        {
          steps: [],
          path: [
            ["f", "s", "q1", null],
            ["f", "q1", "q2", "No"],
            ["f", "q2", "q1", "Retry"],
            ["f", "q1", "q2", "No"],
          ],
          ends: [],
        },
      ),
    ]);
    expect(d.flows.f).toEqual({
      runs: 1,
      reach: { s: 1, q1: 1, q2: 1 },
      answered: { s: 1, q1: 1, q2: 1 },
      answers: { '["s","q1",null]': 1, '["q1","q2","No"]': 1, '["q2","q1","Retry"]': 1 },
      ends: { '["q2","resolved"]': 1 },
    });
  });

  it("rounds times up to the second", () => {
    expect([0, 1, 999, 1000, 1001].map(secondsOf)).toEqual([0, 1, 1, 1, 2]);
  });
});

describe("histogramMedianAndQuantile", () => {
  it("agrees with medianAndQuantile over the values written out", () => {
    const rand = rng(7);
    for (let k = 0; k < 200; k++) {
      const values = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => Math.floor(rand() * 12));
      const hist = new Map<number, number>();
      for (const v of values) hist.set(v, (hist.get(v) ?? 0) + 1);
      for (const q of [0, 0.5, 0.9, 1, -1])
        expect(histogramMedianAndQuantile(hist, q)).toEqual(medianAndQuantile(values, q));
    }
    expect(histogramMedianAndQuantile(new Map(), 0.9)).toEqual({ median: null, quantile: null });
    expect(histogramMedianAndQuantile(new Map([[5, 0]]), 0.9)).toEqual({ median: null, quantile: null });
  });
});
