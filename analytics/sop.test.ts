import { describe, expect, it } from "vitest";
import { heatEdgeKey } from "../flows/heat";
import type { AnswerFact, RunDetail } from "./facts";
import {
  byVersion,
  flagsPerStep,
  flowAnswers,
  pathHeat,
  reasonKey,
  skippedSteps,
  stepFunnel,
  stepTimes,
  type FlowShape,
} from "./sop";
import { active, detailed, HOUR, NOW, row, version, versionMap } from "./test-helpers";

// Version 2 reordered b and c, added d and dropped "old".
const versions = versionMap(
  version({ versionId: 10, version: 1, stepIds: ["a", "b", "c", "old"] }),
  version({ versionId: 11, version: 2, stepIds: ["a", "c", "b", "d"] }),
);
const idle = 5 * HOUR;
const runs = [
  row({ versionId: 11 }), // R1: completed: every step
  row({ versionId: 11, outcome: "abandoned", currentStepIndex: 1 }), // R2: stopped on c
  active({ versionId: 11, currentStepIndex: 2 }, idle), // R3: idle on b
  active({ versionId: 11, currentStepIndex: 3 }), // R4: still on d, in progress
  row({ versionId: 10 }), // R5: completed on version 1
  active({ versionId: 10, currentStepIndex: 3 }, idle), // R6: idle on "old"
  active({ versionId: 10, currentStepIndex: null }, idle), // R7: idle, no step recorded: the first
  row({ versionId: 99 }), // R8: unknown version
  active({ versionId: 11, currentStepIndex: 9 }), // R9: an index past the end: the last step
];

describe("byVersion", () => {
  it("gives the figures per version, newest first, unknown versions last", () => {
    const by = byVersion(runs, versions, NOW);
    expect(by.map((v) => [v.versionId, v.version, v.figures.runs, v.figures.abandoned])).toEqual([
      [11, 2, 5, 2],
      [10, 1, 3, 2],
      [99, null, 1, 0],
    ]);
    expect(byVersion([], versions, NOW)).toEqual([]);
  });
});

describe("stepFunnel", () => {
  it("counts reach and stops in the newest version's order, then the steps only older versions have", () => {
    expect(stepFunnel(runs, versions, NOW)).toEqual([
      { stepId: "a", index: 0, reached: 8, stoppedHere: 1, inNewest: true },
      { stepId: "c", index: 1, reached: 7, stoppedHere: 1, inNewest: true },
      { stepId: "b", index: 2, reached: 6, stoppedHere: 1, inNewest: true },
      { stepId: "d", index: 3, reached: 3, stoppedHere: 0, inNewest: true },
      { stepId: "old", index: 4, reached: 2, stoppedHere: 1, inNewest: false },
    ]);
  });

  it("follows the clock: a run left open long enough stops where it is", () => {
    const open = [active({ versionId: 11, currentStepIndex: 1, updatedAt: NOW })];
    expect(stepFunnel(open, versions, NOW).map((s) => s.stoppedHere)).toEqual([0, 0, 0, 0]);
    expect(stepFunnel(open, versions, NOW + 4 * HOUR).map((s) => s.stoppedHere)).toEqual([0, 1, 0, 0]);
  });

  it("is empty without runs or when no run's version is known", () => {
    expect(stepFunnel([], versions, NOW)).toEqual([]);
    expect(stepFunnel([row({ versionId: 99 })], versions, NOW)).toEqual([]);
  });
});

const steps = (...s: RunDetail["steps"]): RunDetail => ({ steps: s, path: [], ends: [] });

describe("stepTimes", () => {
  it("takes the median and p90 of done steps' times (to the second, rounded up), in the order asked", () => {
    const rows = [
      detailed({}, steps(["a", "d", 1000, null], ["b", "d", 3000, null], ["c", "s", null, "x"])),
      detailed({}, steps(["a", "d", 2000, null], ["b", "p", null, null], ["c", "d", 500, null])),
      detailed({}, steps(["a", "d", 4000, null], ["b", "d", null, null])),
      detailed({ status: "active" }, null),
    ];
    expect(stepTimes(rows, ["a", "b", "c", "z"])).toEqual([
      { stepId: "a", runs: 3, medianMs: 2000, p90Ms: 4000 },
      { stepId: "b", runs: 1, medianMs: 3000, p90Ms: 3000 },
      { stepId: "c", runs: 1, medianMs: 1000, p90Ms: 1000 },
      { stepId: "z", runs: 0, medianMs: null, p90Ms: null },
    ]);
    expect(stepTimes([], ["a"])).toEqual([{ stepId: "a", runs: 0, medianMs: null, p90Ms: null }]);
  });
});

describe("skippedSteps", () => {
  const skip = (stepId: string, reason: string | null) => detailed({}, steps([stepId, "s", null, reason]));

  it("groups reasons by trimmed, case-folded text, shown in the spelling given most", () => {
    const rows = [
      skip("verify", "Verified by IVR"),
      skip("verify", "verified by ivr "),
      skip("verify", "Verified by IVR"),
      skip("verify", "VERIFIED  BY IVR"),
      skip("verify", "Customer in a hurry"),
      skip("verify", null),
      detailed({}, null),
    ];
    expect(skippedSteps(rows)).toEqual([
      {
        stepId: "verify",
        count: 6,
        reasons: [
          { reason: "Verified by IVR", count: 4 },
          { reason: "", count: 1 },
          { reason: "Customer in a hurry", count: 1 },
        ],
        other: 0,
      },
    ]);
  });

  it("keeps the 10 commonest reasons per step and counts the rest as other, most skipped steps first", () => {
    const reasons = ["r01", ...Array.from({ length: 12 }, (_, i) => `r${String(i + 1).padStart(2, "0")}`)];
    const rows = [skip("verify", "x"), ...reasons.map((r) => skip("notes", r)), skip("verify", "x")];
    const [notes, verify] = skippedSteps(rows);
    expect(notes).toMatchObject({ stepId: "notes", count: 13, other: 2 });
    expect(notes!.reasons.map((r) => [r.reason, r.count])).toEqual([
      ["r01", 2],
      ...["r02", "r03", "r04", "r05", "r06", "r07", "r08", "r09", "r10"].map((r) => [r, 1]),
    ]);
    expect(verify).toEqual({ stepId: "verify", count: 2, reasons: [{ reason: "x", count: 2 }], other: 0 });
  });

  it("is empty without skips", () => {
    expect(skippedSteps([])).toEqual([]);
    expect(skippedSteps([detailed({}, steps(["a", "d", 5, null]))])).toEqual([]);
  });

  it("folds case beyond ASCII (ß, Greek final sigma)", () => {
    expect(reasonKey("  Straße ")).toBe(reasonKey("STRASSE"));
    expect(reasonKey("ΟΔΟΣ")).toBe(reasonKey("οδος"));
    expect(reasonKey("οδοσ")).toBe(reasonKey("Οδος"));
    expect(reasonKey("Ναι")).not.toBe(reasonKey("Όχι"));
  });
});

// start → q1 "Our fault?" → (No) q2 "Within 30 days?" → (Yes | Manager approved) refund, (No) deny, (Ask again) q1
//                         → (Yes) issue → refund
const flow: FlowShape = {
  id: "elig",
  nodes: [
    { id: "start", type: "start", label: "Start" },
    { id: "q1", type: "question", label: "Our fault?" },
    { id: "q2", type: "question", label: "Within 30 days?" },
    { id: "issue", type: "action", label: "Issue a label" },
    { id: "refund", type: "end", label: "Refund" },
    { id: "deny", type: "end", label: "Deny" },
  ],
  edges: [
    { from: "start", to: "q1" },
    { from: "q1", to: "q2", label: "No" },
    { from: "q1", to: "issue", label: "Yes" },
    { from: "q2", to: "refund", label: "Yes" },
    { from: "q2", to: "deny", label: "No" },
    { from: "q2", to: "q1", label: "Ask again" },
    { from: "q2", to: "refund", label: "Manager approved" },
    { from: "issue", to: "refund" },
  ],
};
const a = (from: string, to: string, label: string | null = null, flowId = "elig"): AnswerFact => [
  flowId,
  from,
  to,
  label,
];
const ran = (outcome: string, path: AnswerFact[], end?: string) =>
  detailed({ outcome }, { steps: [], path, ends: end ? [["elig", end]] : [] });
const flowRuns = [
  ran("resolved", [a("start", "q1"), a("q1", "q2", "No"), a("q2", "refund", "Yes")], "refund"), // P1
  ran(
    "escalated",
    [a("start", "q1"), a("q1", "q2", "No"), a("q2", "q1", "Ask again"), a("q1", "issue", "Yes"), a("issue", "refund")],
    "refund",
  ), // P2: a loop
  ran("abandoned", [a("start", "q1"), a("q1", "q2", "No")]), // P3: wrapped up on q2
  ran("resolved", [a("start", "q1"), a("q1", "q2", "No"), a("q2", "refund", "Manager approved")], "refund"), // P4
  ran("resolved", [a("start", "x", null, "other")]), // P5: another flow only
  detailed({ status: "active", outcome: null }, null), // P6: open
  ran("resolved", [a("start", "q1"), a("q1", "q2", "Nope"), a("q2", "deny")], "deny"), // P7: a renamed label; no label
  ran("transferred", [a("start", "q1"), a("q1", "ghost", "Old answer")]), // P8: an edge the flow no longer has
];

describe("flowAnswers", () => {
  it("lists every answer of every question in flow order, runs counted once per answer", () => {
    expect(flowAnswers(flowRuns, flow)).toEqual([
      {
        nodeId: "q1",
        label: "Our fault?",
        total: 6,
        answers: [
          { to: "q2", label: "No", runs: 5, share: 5 / 6 },
          { to: "issue", label: "Yes", runs: 1, share: 1 / 6 },
        ],
        unmatched: 1,
      },
      {
        nodeId: "q2",
        label: "Within 30 days?",
        total: 4,
        answers: [
          { to: "refund", label: "Yes", runs: 1, share: 0.25 },
          { to: "deny", label: "No", runs: 1, share: 0.25 },
          { to: "q1", label: "Ask again", runs: 1, share: 0.25 },
          { to: "refund", label: "Manager approved", runs: 1, share: 0.25 },
        ],
        unmatched: 0,
      },
    ]);
  });

  it("lists the answers with 0 runs when nobody answered", () => {
    const [q1, q2] = flowAnswers([], flow);
    expect(q1).toEqual({
      nodeId: "q1",
      label: "Our fault?",
      total: 0,
      answers: [
        { to: "q2", label: "No", runs: 0, share: 0 },
        { to: "issue", label: "Yes", runs: 0, share: 0 },
      ],
      unmatched: 0,
    });
    expect(q2!.answers).toHaveLength(4);
  });
});

describe("pathHeat", () => {
  it("counts runs per edge and node (once per run, loops too) and outcomes where runs ended", () => {
    const heat = pathHeat(flowRuns, flow);
    expect(heat.flowId).toBe("elig");
    expect(heat.runs).toBe(6);
    expect(heat.edges.map((e) => [heatEdgeKey(e.from, e.to, e.label), e.runs])).toEqual([
      [heatEdgeKey("start", "q1"), 6],
      [heatEdgeKey("q1", "q2", "No"), 5],
      [heatEdgeKey("q1", "issue", "Yes"), 1],
      [heatEdgeKey("q2", "refund", "Yes"), 1],
      [heatEdgeKey("q2", "deny", "No"), 1],
      [heatEdgeKey("q2", "q1", "Ask again"), 1],
      [heatEdgeKey("q2", "refund", "Manager approved"), 1],
      [heatEdgeKey("issue", "refund"), 1],
    ]);
    expect(heat.edges[1]).toEqual({ from: "q1", to: "q2", label: "No", runs: 5, share: 5 / 6 });
    expect(heat.edges[0]).not.toHaveProperty("label");
    expect(heat.nodes).toEqual({
      start: { runs: 6 },
      q1: { runs: 6 },
      q2: { runs: 5, outcomes: { abandoned: 1 } },
      issue: { runs: 1 },
      refund: { runs: 3, outcomes: { resolved: 2, escalated: 1 } },
      deny: { runs: 1, outcomes: { resolved: 1 } },
    });
  });

  it("puts an answer without a label on the first edge between its nodes", () => {
    const heat = pathHeat(
      [ran("resolved", [a("start", "q1"), a("q1", "q2", "No"), a("q2", "refund")], "refund")],
      flow,
    );
    expect(heat.edges.filter((e) => e.runs > 0).map((e) => e.label ?? null)).toEqual([null, "No", "Yes"]);
  });

  it("is zero everywhere without runs", () => {
    const heat = pathHeat([], flow);
    expect(heat.runs).toBe(0);
    expect(heat.edges.every((e) => e.runs === 0 && e.share === 0)).toBe(true);
    expect(Object.values(heat.nodes)).toEqual(Array(6).fill({ runs: 0 }));
  });

  it("handles a 200-node flow over 5,000 runs", () => {
    // a chain of questions, each with a "next" and a "back" answer; run i goes i % 199 questions deep, once back
    const n = 200;
    const big: FlowShape = {
      id: "big",
      nodes: [
        { id: "n0", type: "start", label: "Start" },
        ...Array.from({ length: n - 1 }, (_, i) => ({ id: `n${i + 1}`, type: "question", label: `Q${i + 1}` })),
      ],
      edges: Array.from({ length: n - 1 }, (_, i) => [
        { from: `n${i}`, to: `n${i + 1}`, label: "next" },
        { from: `n${i + 1}`, to: `n${i}`, label: "back" },
      ]).flat(),
    };
    const rows = Array.from({ length: 5000 }, (_, r) => {
      const depth = 1 + (r % (n - 1));
      const path: AnswerFact[] = [];
      for (let i = 0; i < depth; i++) path.push(["big", `n${i}`, `n${i + 1}`, "next"]);
      path.push(["big", `n${depth}`, `n${depth - 1}`, "back"], ["big", `n${depth - 1}`, `n${depth}`, "next"]);
      return detailed({ outcome: "resolved" }, { steps: [], path, ends: [] });
    });
    const heat = pathHeat(rows, big);
    expect(heat.runs).toBe(5000);
    expect(heat.nodes.n0!.runs).toBe(5000);
    // node k is reached by the runs at least k deep: 5000 runs cycle through depths 1..199
    const deep = (k: number) => rows.filter((_, r) => 1 + (r % (n - 1)) >= k).length;
    expect(heat.nodes.n1!.runs).toBe(5000);
    expect(heat.nodes.n150!.runs).toBe(deep(150));
    // taken twice by depth-1 runs, counted once
    expect(heat.edges[0]).toMatchObject({ from: "n0", to: "n1", runs: 5000 });
    expect(heat.nodes.n199!.outcomes).toEqual({ resolved: deep(199) });
  });
});

describe("flagsPerStep", () => {
  it("counts flags and open ones (new or accepted) per step, most flagged first", () => {
    const flags = [
      { stepId: "a", state: "new" },
      { stepId: "a", state: "accepted" },
      { stepId: "a", state: "done" },
      { stepId: "b", state: "dismissed" },
      { stepId: "c", state: "new" },
      { stepId: "c", state: "new" },
    ];
    expect(flagsPerStep(flags)).toEqual([
      { stepId: "a", total: 3, open: 2 },
      { stepId: "c", total: 2, open: 2 },
      { stepId: "b", total: 1, open: 0 },
    ]);
    expect(flagsPerStep([])).toEqual([]);
  });
});
