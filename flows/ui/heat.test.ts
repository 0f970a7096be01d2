// Path heat's pure half: widths, numbers, labels, node counts and outcomes, the table rows, and the elements the
// viewer hands React Flow.
import { describe, expect, it } from "vitest";
import type { FlowHeat } from "../heat";
import { layoutFlow } from "../layout";
import type { FlowModel } from "../model";
import { viewerElements } from "./elements";
import { figureLabelLines, LABEL_LINE_CHARS } from "./geometry";
import {
  HEAT_WIDTH,
  heatArrowSize,
  heatFormat,
  heatTable,
  heatView,
  heatWidth,
  matchHeatEdges,
  nodeHeatOf,
} from "./heat";
import { nodeAriaLabel } from "./labels";

const flow: FlowModel = {
  id: "refund",
  title: "Refund",
  nodes: [
    { id: "start", type: "start", label: "Customer asks for a refund" },
    { id: "q", type: "question", label: "Whose fault is it?" },
    { id: "ours", type: "action", label: "Refund in full" },
    { id: "theirs", type: "say", label: "Explain the policy" },
    { id: "done", type: "end", label: "Refunded", outcome: "refunded" },
    { id: "up", type: "escalate", label: "Hand over", to: "Supervisor" },
    { id: "never", type: "end", label: "Never reached", outcome: "x" },
  ],
  edges: [
    { from: "start", to: "q" },
    { from: "q", to: "ours", label: "Yes, our fault" },
    { from: "q", to: "theirs", label: "No" },
    { from: "q", to: "up", label: "Not sure" },
    { from: "ours", to: "done" },
    { from: "theirs", to: "up" },
    { from: "theirs", to: "never" },
  ],
};

const heat: FlowHeat = {
  flowId: "refund",
  runs: 500,
  edges: [
    { from: "start", to: "q", runs: 500, share: 1 },
    { from: "q", to: "ours", label: "Yes, our fault", runs: 310, share: 0.62 },
    { from: "q", to: "theirs", label: "No", runs: 168, share: 0.336 },
    { from: "q", to: "up", label: "Not sure", runs: 22, share: 0.044 },
    { from: "ours", to: "done", runs: 305, share: 0.61 },
    // theirs → up: no entry (no run took it, or an older heat): 0 runs
  ],
  nodes: {
    start: { runs: 500 },
    q: { runs: 500 },
    ours: { runs: 310 },
    theirs: { runs: 168, outcomes: { abandoned: 3 } },
    done: { runs: 305, outcomes: { resolved: 120, escalated: 8, "follow-up": 0 } },
    up: { runs: 22, outcomes: { escalated: 22 } },
    // never: no entry
  },
};

describe("heatWidth", () => {
  it("grows with the share, from HEAT_WIDTH.min at 0 % to HEAT_WIDTH.max at 100 %", () => {
    expect(heatWidth(0)).toBe(HEAT_WIDTH.min);
    expect(heatWidth(1)).toBe(HEAT_WIDTH.max);
    let last = -Infinity;
    for (let i = 0; i <= 100; i++) {
      const w = heatWidth(i / 100);
      expect(w).toBeGreaterThan(last);
      last = w;
    }
    // Square root: a small branch stands out from an unused one (a linear scale would give 1.8 px at 4 %).
    expect(heatWidth(0.04)).toBeCloseTo(3.2, 5);
    expect(heatWidth(0.25)).toBe(5.75);
  });

  it("clamps shares out of range and treats NaN as none", () => {
    expect(heatWidth(-0.5)).toBe(HEAT_WIDTH.min);
    expect(heatWidth(7)).toBe(HEAT_WIDTH.max);
    expect(heatWidth(Number.NaN)).toBe(HEAT_WIDTH.min);
  });

  it("picks one of three arrow heads, never smaller for a wider edge", () => {
    const sizes = [0, 0.05, 0.2, 0.5, 1].map((s) => heatArrowSize(heatWidth(s)));
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(new Set([0, 0.01, 0.1, 0.3, 0.6, 0.9, 1].map((s) => heatArrowSize(heatWidth(s))))).toEqual(
      new Set([16, 20, 24]),
    );
  });
});

describe("heatFormat", () => {
  it("writes counts and shares in the viewer's language", () => {
    const en = heatFormat("en");
    expect(en.count(12345)).toBe("12,345");
    expect(en.share(0.62)).toBe("62%");
    expect(en.share(0.044)).toBe("4.4%"); // below 10 %: one decimal, like the analytics pages
    expect(en.share(0)).toBe("0%");
    expect(heatFormat("fa").share(0.62)).toBe(new Intl.NumberFormat("fa", { style: "percent" }).format(0.62));
    expect(heatFormat("fa").count(310)).toBe("۳۱۰");
    expect(heatFormat("lt").count(12345)).toBe(new Intl.NumberFormat("lt").format(12345));
    expect(heatFormat("de").count(1234)).toBe("1.234");
  });

  it("falls back to English for no language or a tag Intl rejects", () => {
    expect(heatFormat().count(1234)).toBe("1,234");
    expect(heatFormat("not a tag!").count(1234)).toBe("1,234");
    expect(heatFormat("en")).toBe(heatFormat("en")); // cached
  });
});

describe("figureLabelLines", () => {
  it("puts a short answer and its figure on one line", () => {
    expect(figureLabelLines("Yes", "62% (310)")).toEqual(["Yes · 62% (310)"]);
    expect(figureLabelLines(undefined, "62% (310)")).toEqual(["62% (310)"]);
    expect(figureLabelLines("  ", "0% (0)")).toEqual(["0% (0)"]);
  });

  it("keeps the figure whole on its own line after a long answer", () => {
    const lines = figureLabelLines("Item faulty, missing or not as described by the seller", "4.4% (22)");
    expect(lines.at(-1)).toBe("4.4% (22)");
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(LABEL_LINE_CHARS);
    const huge = figureLabelLines("word ".repeat(40), "100% (12,345)");
    expect(huge).toHaveLength(3);
    expect(huge[1]!.endsWith("…")).toBe(true);
    expect(huge[2]).toBe("100% (12,345)");
  });
});

describe("matchHeatEdges", () => {
  it("finds each edge's entry by its ends and label, missing ones as undefined", () => {
    const m = matchHeatEdges(flow.edges, heat);
    expect(m.map((h) => h?.runs)).toEqual([500, 310, 168, 22, 305, undefined, undefined]);
  });

  it("gives two edges with the same ends and label their entries in turn", () => {
    const edges = [
      { from: "a", to: "b", label: "Yes" },
      { from: "a", to: "b", label: "Yes" },
      { from: "a", to: "b" },
    ];
    const m = matchHeatEdges(edges, {
      edges: [
        { from: "a", to: "b", label: "Yes", runs: 7, share: 0.7 },
        { from: "a", to: "b", label: "Yes", runs: 1, share: 0.1 },
        { from: "a", to: "b", runs: 2, share: 0.2 },
      ],
    });
    expect(m.map((h) => h?.runs)).toEqual([7, 1, 2]);
  });

  it("reads a node without an entry as reached by no run (and no inherited keys)", () => {
    expect(nodeHeatOf(heat, "never")).toEqual({ runs: 0 });
    expect(nodeHeatOf(heat, "constructor")).toEqual({ runs: 0 });
    expect(nodeHeatOf(heat, "done").runs).toBe(305);
  });
});

describe("heatView", () => {
  const view = heatView(flow, heat, { format: heatFormat("en") });

  it("draws every edge by its share, with its figure, and edges without an entry as unused", () => {
    expect(view.edges.map((e) => e.width)).toEqual([
      10,
      heatWidth(0.62),
      heatWidth(0.336),
      heatWidth(0.044),
      heatWidth(0.61),
      1.5,
      1.5,
    ]);
    expect(view.edges[1]).toMatchObject({
      runs: 310,
      share: 0.62,
      figure: "62% (310)",
      cold: false,
      spoken: "taken by 310 runs (62%)",
    });
    expect(view.edges[3]!.figure).toBe("4.4% (22)");
    expect(view.edges[5]).toMatchObject({ runs: 0, share: 0, figure: "0% (0)", cold: true });
    expect(view.edges[6]!.cold).toBe(true);
  });

  it("counts the runs that reached each node and lists the outcomes of those that ended there, most first", () => {
    const done = view.nodes.get("done")!;
    expect(done).toMatchObject({
      runs: 305,
      count: "305",
      cold: false,
      showOutcomes: true,
      outcomeText: "resolved 120 · escalated 8",
    });
    expect(done.outcomes.map((o) => o.outcome)).toEqual(["resolved", "escalated"]); // 0 left out
    expect(done.spoken).toBe("reached by 305 runs (61%); wrapped up here: resolved 120, escalated 8");
    expect(view.nodes.get("up")!.showOutcomes).toBe(true); // escalate is terminal
    // A run that wrapped up mid-flow: read out, not drawn under a node edges leave.
    const theirs = view.nodes.get("theirs")!;
    expect(theirs.showOutcomes).toBe(false);
    expect(theirs.spoken).toContain("wrapped up here: abandoned 3");
    expect(view.nodes.get("never")).toMatchObject({
      runs: 0,
      cold: true,
      outcomes: [],
      outcomeText: "",
      spoken: "no run reached it",
    });
    expect(view.nodes.size).toBe(flow.nodes.length);
  });

  it("says what the diagram shows and takes the page's words and numbers", () => {
    expect(view.runsText).toBe("500");
    expect(view.summary).toMatch(/^Shows the traffic of 500 runs/);
    const it = heatView(flow, heat, {
      format: heatFormat("it"),
      text: {
        outcome: (o) => ({ resolved: "Risolta", escalated: "Inoltrata" })[o] ?? o,
        summary: (n) => `Traffico di ${n} chiamate`,
      },
    });
    expect(it.nodes.get("done")!.outcomeText).toBe("Risolta 120 · Inoltrata 8");
    expect(it.summary).toBe("Traffico di 500 chiamate");
    expect(it.edges[0]!.spoken).toBe(
      `taken by 500 runs (${new Intl.NumberFormat("it", { style: "percent" }).format(1)})`,
    ); // English where not given
    const fa = heatView(flow, heat, { format: heatFormat("fa") });
    expect(fa.edges[1]!.figure).toBe(`${new Intl.NumberFormat("fa", { style: "percent" }).format(0.62)} (۳۱۰)`);
  });

  it("survives an empty heat and a heat of no runs", () => {
    const none = heatView(flow, { flowId: "refund", runs: 0, edges: [], nodes: {} });
    expect(none.edges.every((e) => e.cold && e.width === HEAT_WIDTH.min)).toBe(true);
    expect([...none.nodes.values()].every((n) => n.cold)).toBe(true);
    expect(none.summary).toContain("0 runs");
    // A share the aggregation did not fill in is recomputed from the runs.
    const partial = heatView(flow, {
      flowId: "refund",
      runs: 200,
      edges: [{ from: "start", to: "q", runs: 50, share: Number.NaN }],
      nodes: {},
    });
    expect(partial.edges[0]!.share).toBe(0.25);
  });
});

describe("heatTable", () => {
  it("gives one row per flow edge, in the flow's order, with its ends' labels; missing entries are 0", () => {
    const rows = heatTable(flow, heat);
    expect(rows).toHaveLength(flow.edges.length);
    expect(rows[1]).toEqual({
      from: "q",
      to: "ours",
      answer: "Yes, our fault",
      fromLabel: "Whose fault is it?",
      toLabel: "Refund in full",
      runs: 310,
      share: 0.62,
    });
    expect(rows[0]!.answer).toBeNull();
    expect(rows[5]).toMatchObject({ from: "theirs", to: "up", runs: 0, share: 0 });
    const dangling = heatTable(
      { ...flow, edges: [...flow.edges, { from: "q", to: "gone", label: "Old answer" }] },
      heat,
    );
    expect(dangling).toHaveLength(flow.edges.length);
  });
});

describe("viewerElements with heat", () => {
  const layout = layoutFlow(flow);

  it("puts each edge's heat and each node's counts in the element data, and reads them out", () => {
    const { nodes, edges } = viewerElements(flow, layout, {
      heat: heatView({ nodes: flow.nodes, edges: layout.edges }, heat),
    });
    expect(edges.map((e) => e.data?.heat?.runs)).toEqual([500, 310, 168, 22, 305, 0, 0]);
    expect(edges[1]!.ariaLabel).toBe("Whose fault is it? to Refund in full: Yes, our fault, taken by 310 runs (62%)");
    expect(edges[0]!.markerEnd).toMatchObject({ width: 24 });
    expect(edges[6]!.markerEnd).toMatchObject({ width: 16 });
    const done = nodes.find((n) => n.id === "done")!;
    expect(done.data.heat?.outcomeText).toBe("resolved 120 · escalated 8");
    expect(done.ariaLabel).toContain("reached by 305 runs (61%); wrapped up here: resolved 120, escalated 8");
    expect(nodes.find((n) => n.id === "never")!.ariaLabel).toContain("no run reached it");
  });

  it("keeps heat and the highlighted path independent", () => {
    const mapped = heatView({ nodes: flow.nodes, edges: layout.edges }, heat);
    const both = viewerElements(flow, layout, { highlight: { path: ["start", "q"], current: "ours" }, heat: mapped });
    const taken = both.edges.filter((e) => e.data?.taken);
    expect(taken.map((e) => e.target)).toEqual(["q", "ours"]);
    expect(taken.every((e) => e.data?.heat !== undefined)).toBe(true);
    expect(both.nodes.find((n) => n.id === "ours")!.data).toMatchObject({ state: "current", heat: { runs: 310 } });
    const plain = viewerElements(flow, layout);
    expect(plain.edges.some((e) => e.data?.heat)).toBe(false);
    expect(plain.nodes.some((n) => n.data.heat)).toBe(false);
    expect(plain.edges[0]!.markerEnd).toMatchObject({ width: 16 });
  });

  it("maps the heat of a big flow in linear time", () => {
    // A 20,000-node chain with a side branch per node: a lookup per edge pair would be ~10⁸ steps.
    const n = 20_000;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, type: i === n - 1 ? "end" : "question" }));
    const edges = nodes.slice(1).flatMap((x, i) => [
      { from: `n${i}`, to: x.id, label: "Yes" },
      { from: `n${i}`, to: `n${n - 1}`, label: "No" },
    ]);
    const big: FlowHeat = {
      flowId: "big",
      runs: 1000,
      edges: edges.map((e, i) => ({ ...e, runs: i % 7, share: (i % 7) / 1000 })),
      nodes: Object.fromEntries(nodes.map((x) => [x.id, { runs: 5 }])),
    };
    const t0 = performance.now();
    const v = heatView({ nodes, edges }, big);
    const ms = performance.now() - t0;
    expect(v.edges).toHaveLength(edges.length);
    expect(v.edges[8]!.runs).toBe(1);
    expect(ms).toBeLessThan(1500);
  });
});

describe("labels", () => {
  it("reads a node's traffic after its state and before where its answers lead", () => {
    const traffic = "reached by 3 runs (60%)";
    const label = nodeAriaLabel(
      { id: "q", type: "question", label: "Found?" },
      [{ label: "Yes", to: "a" }],
      (id) => id,
      { state: "visited", traffic },
    );
    expect(label).toBe("Question: Found?, already passed, reached by 3 runs (60%), answers — Yes: a.");
  });
});
