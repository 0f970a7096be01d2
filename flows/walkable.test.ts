import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSop } from "../sop-schema/parse";
import type { Diagnostic } from "../sop-schema/types";
import { MERMAID_DIAGNOSTIC_CODES } from "./diagnostics";
import { flowSchema, fromSopFlow } from "./model";
import type { FlowModel, FlowModelEdge, FlowModelNode, FlowNodeType } from "./model";
import { demoSops } from "./test-helpers";
import { checkFlowGraph } from "./validate";
import { ASK_AGAIN, LOOP_EXIT, WHICH_APPLIES, makeWalkable } from "./walkable";
import type { WalkableResult } from "./walkable";

// A flow from a compact notation: nodes "id:type:label" (label defaults to the id) on lines 2, 3, …; edges
// "from>to" or "from>to:label" on lines 50, 51, … (column 5), so a diagnostic's line says what it points at.
function flow(nodes: string[], edges: string[] = []): FlowModel {
  return {
    id: "t",
    title: "T",
    nodes: nodes.map((spec, i) => {
      const [id, type, ...label] = spec.split(":");
      return { id, type: type as FlowNodeType, label: label.join(":") || id, position: { line: i + 2, column: 3 } };
    }),
    edges: edges.map((spec, i) => {
      const [ends, ...label] = spec.split(":");
      const [from, to] = ends.split(">");
      const e: FlowModelEdge = { from, to, position: { line: 50 + i, column: 5 } };
      if (label.length) e.label = label.join(":");
      return e;
    }),
  };
}

const nodesOf = (f: FlowModel) => f.nodes.map((n) => `${n.id}:${n.type}:${n.label}`);
const edgesOf = (f: FlowModel) => f.edges.map((e) => `${e.from}>${e.to}${e.label !== undefined ? `:${e.label}` : ""}`);
const where = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.line}:${d.column}`);
const errors = (f: FlowModel) => checkFlowGraph(f).filter((d) => d.severity === "error");

/** The result is a fixed point: a second pass changes nothing. */
function expectFixedPoint(r: WalkableResult) {
  const again = makeWalkable(r.flow);
  expect(again.flow).toEqual(r.flow);
  expect(again.diagnostics).toEqual([]);
}

/** makeWalkable, checking that it leaves its input as it was and that its result is a fixed point. */
function walk(input: FlowModel): WalkableResult {
  const before = structuredClone(input);
  const r = makeWalkable(input);
  expect(input).toEqual(before);
  expectFixedPoint(r);
  return r;
}

type Case = {
  rule: string;
  nodes: string[];
  edges: string[];
  /** Expected nodes and edges of the result (same notation as the input). */
  out: [string[], string[]];
  /** Expected diagnostics, `code line:col`, in line order. */
  diagnostics: string[];
};

const CASES: Case[] = [
  {
    rule: "a flow that is already walkable is left alone",
    nodes: ["s:start:Call", "q:question:Late?", "a:end:Refund", "b:end:Explain"],
    edges: ["s>q", "q>a:Yes", "q>b:No"],
    out: [
      ["s:start:Call", "q:question:Late?", "a:end:Refund", "b:end:Explain"],
      ["s>q", "q>a:Yes", "q>b:No"],
    ],
    diagnostics: [],
  },
  {
    rule: "the same edge twice: the copy is dropped",
    nodes: ["s:start:Call", "a:action:Greet", "e:end:Done"],
    edges: ["s>a", "a>e", "a>e"],
    out: [
      ["s:start:Call", "a:action:Greet", "e:end:Done"],
      ["s>a", "a>e"],
    ],
    diagnostics: ["mermaid-edge-duplicate 52:5"],
  },
  {
    rule: "a loop with no way out: the last node drawn gets an answer “Done” to a new end, and becomes a question",
    nodes: ["s:start:Call", "b:action:Ask again", "c:action:Listen"],
    edges: ["s>b", "b>c", "c>b"],
    out: [
      ["s:start:Call", "b:action:Ask again", "c:question:Listen", `done:end:${LOOP_EXIT}`],
      ["s>b", "b>c", "c>b:Ask again", `c>done:${LOOP_EXIT}`],
    ],
    diagnostics: ["mermaid-loop-exit 4:3", "mermaid-made-question 4:3"],
  },
  {
    rule: "a loop with no way out through a question: the question gets the extra answer",
    nodes: ["s:start:Call", "q:question:Working?", "r:action:Restart"],
    edges: ["s>q", "q>r:No", "q>r:Not sure", "r>q"],
    out: [
      ["s:start:Call", "q:question:Working?", "r:action:Restart", `done:end:${LOOP_EXIT}`],
      ["s>q", "q>r:No", "q>r:Not sure", "r>q", `q>done:${LOOP_EXIT}`],
    ],
    diagnostics: ["mermaid-loop-exit 3:3"],
  },
  {
    rule: "a node that only leads back to itself: “Again” or “Done”",
    nodes: ["s:start:Call", "w:action:Wait on the line"],
    edges: ["s>w", "w>w"],
    out: [
      ["s:start:Call", "w:question:Wait on the line", `done:end:${LOOP_EXIT}`],
      ["s>w", `w>w:${ASK_AGAIN}`, `w>done:${LOOP_EXIT}`],
    ],
    diagnostics: ["mermaid-loop-exit 3:3", "mermaid-made-question 3:3"],
  },
  {
    rule: "no way out: an action, a say and a question become end nodes, label kept, no outcome",
    nodes: [
      "s:start:Call",
      "q:question:Refund?",
      "a:action:Issue the refund",
      "y:say:“Sorry”",
      "z:question:Anything else?",
    ],
    edges: ["s>q", "q>a:Yes", "q>y:No", "y>z"],
    out: [
      ["s:start:Call", "q:question:Refund?", "a:end:Issue the refund", "y:say:“Sorry”", "z:end:Anything else?"],
      ["s>q", "q>a:Yes", "q>y:No", "y>z"],
    ],
    diagnostics: ["mermaid-end-added 4:3", "mermaid-end-added 6:3"],
  },
  {
    rule: "a question with one way out becomes an action (its label on the edge is kept)",
    nodes: ["s:start:Call", "q:question:Verified?", "p:end:Proceed"],
    edges: ["s>q", "q>p:Yes"],
    out: [
      ["s:start:Call", "q:action:Verified?", "p:end:Proceed"],
      ["s>q", "q>p:Yes"],
    ],
    diagnostics: ["mermaid-question-single 3:3"],
  },
  {
    rule: "no start, one beginning: a start before it",
    nodes: ["a:action:Customer calls", "q:question:Verified?", "y:end:Yes", "n:end:No"],
    edges: ["a>q", "q>y:Yes", "q>n:No"],
    out: [
      ["start:start:Start", "a:action:Customer calls", "q:question:Verified?", "y:end:Yes", "n:end:No"],
      ["start>a", "a>q", "q>y:Yes", "q>n:No"],
    ],
    diagnostics: ["mermaid-start-added 2:3"],
  },
  {
    rule: "no start and no beginning (the chart is one loop with a way out): a start before its first node",
    nodes: ["a:action:Try the card", "q:question:Paid?", "e:end:Paid"],
    edges: ["a>q", "q>a:No", "q>e:Yes"],
    out: [
      ["start:start:Start", "a:action:Try the card", "q:question:Paid?", "e:end:Paid"],
      ["start>a", "a>q", "q>a:No", "q>e:Yes"],
    ],
    diagnostics: ["mermaid-start-added 2:3"],
  },
  {
    rule:
      "several beginnings: a start and “Which applies?”, answered " +
      "with their labels; start shapes among them become actions",
    nodes: ["p:start:Phone call", "q:question:Billing?", "m:action:E-mail", "b:end:Billing", "t:end:Support"],
    edges: ["p>q", "m>q", "q>b:Yes", "q>t:No"],
    out: [
      [
        "start:start:Start",
        `which_applies:question:${WHICH_APPLIES}`,
        "p:action:Phone call",
        "q:question:Billing?",
        "m:action:E-mail",
        "b:end:Billing",
        "t:end:Support",
      ],
      [
        "start>which_applies",
        "which_applies>p:Phone call",
        "which_applies>m:E-mail",
        "p>q",
        "m>q",
        "q>b:Yes",
        "q>t:No",
      ],
    ],
    diagnostics: ["mermaid-start-choice 2:3"],
  },
  {
    rule: "a start that something leads to, and another beginning: the start shape becomes an action",
    nodes: ["a:action:Pick up", "s:start:Greet", "e:end:Bye"],
    edges: ["a>s", "s>e"],
    out: [
      ["start:start:Start", "a:action:Pick up", "s:action:Greet", "e:end:Bye"],
      ["start>a", "a>s", "s>e"],
    ],
    diagnostics: ["mermaid-start-added 2:3", "mermaid-start-demoted 3:3"],
  },
  {
    rule: "a start with several ways out: “Which applies?” after it",
    nodes: ["s:start:Call comes in", "b:end:Billing", "t:end:Technical"],
    edges: ["s>b", "s>t:Broken"],
    out: [
      ["s:start:Call comes in", `which_applies:question:${WHICH_APPLIES}`, "b:end:Billing", "t:end:Technical"],
      ["s>which_applies", "which_applies>b:Billing", "which_applies>t:Broken"],
    ],
    diagnostics: ["mermaid-start-branches 2:3"],
  },
  {
    rule: "an action or say with several ways out: a question answered by the edge labels, or the targets' labels",
    nodes: [
      "s:start:Call",
      "a:action:Check the account",
      "o:end:Overdue",
      "p:end:Paid",
      "y:say:“Hello”",
      "h:end:Hang up",
      "k:end:Keep going",
    ],
    edges: ["s>a", "a>o", "a>p:Settled", "a>y", "y>h", "y>k"],
    out: [
      [
        "s:start:Call",
        "a:question:Check the account",
        "o:end:Overdue",
        "p:end:Paid",
        "y:question:“Hello”",
        "h:end:Hang up",
        "k:end:Keep going",
      ],
      ["s>a", "a>o:Overdue", "a>p:Settled", "a>y:“Hello”", "y>h:Hang up", "y>k:Keep going"],
    ],
    diagnostics: ["mermaid-made-question 3:3", "mermaid-made-question 6:3"],
  },
  {
    rule: "an unlabelled answer gets its target's label, or “Again” when it leads back to its question",
    nodes: ["s:start:Call", "q:question:Line working?", "e:end:Ticket closed"],
    edges: ["s>q", "q>e", "q>q"],
    out: [
      ["s:start:Call", "q:question:Line working?", "e:end:Ticket closed"],
      ["s>q", "q>e:Ticket closed", `q>q:${ASK_AGAIN}`],
    ],
    diagnostics: ["mermaid-answer-labelled 51:5", "mermaid-answer-labelled 52:5"],
  },
  {
    rule: "the same answer twice (case and spacing ignored): the later ones are numbered, past numbers already taken",
    nodes: ["s:start:Call", "q:question:Verified?", "a:end:Proceed", "b:end:Verify", "c:end:Ask", "d:end:Other"],
    edges: ["s>q", "q>a:Yes", "q>b:yes", "q>c:Yes (2)", "q>d:YES"],
    out: [
      ["s:start:Call", "q:question:Verified?", "a:end:Proceed", "b:end:Verify", "c:end:Ask", "d:end:Other"],
      ["s>q", "q>a:Yes", "q>b:yes (3)", "q>c:Yes (2)", "q>d:YES (4)"],
    ],
    diagnostics: ["mermaid-answer-renamed 52:5", "mermaid-answer-renamed 54:5"],
  },
  {
    rule: "edges leaving an end, escalate, goto or sop node are kept (an optional next step)",
    nodes: ["s:start:Call", "x:escalate:Transfer", "e:end:Done"],
    edges: ["s>x", "x>e"],
    out: [
      ["s:start:Call", "x:escalate:Transfer", "e:end:Done"],
      ["s>x", "x>e"],
    ],
    diagnostics: [],
  },
  {
    rule: "a part not connected to the flow (the largest part, or the largest with a start shape) stays as it is",
    nodes: ["a:action:Call", "b:action:Listen", "c:action:Answer", "n:action:Note", "p:action:Plan", "r:action:Review"],
    edges: ["a>b", "b>c", "p>r", "r>p"],
    out: [
      [
        "start:start:Start",
        "a:action:Call",
        "b:action:Listen",
        "c:end:Answer",
        "n:action:Note",
        "p:action:Plan",
        "r:action:Review",
      ],
      ["start>a", "a>b", "b>c", "p>r", "r>p"],
    ],
    diagnostics: ["mermaid-start-added 2:3", "mermaid-end-added 4:3"],
  },
  {
    rule: "a smaller part with a start shape is the flow; a larger part without one is not connected to it",
    nodes: ["n:action:Note", "m:action:More", "o:action:Other", "s:start:Call", "e:action:Bye"],
    edges: ["n>m", "m>o", "s>e"],
    out: [
      ["n:action:Note", "m:action:More", "o:action:Other", "s:start:Call", "e:end:Bye"],
      ["n>m", "m>o", "s>e"],
    ],
    diagnostics: ["mermaid-end-added 6:3"],
  },
  {
    rule: "new ids never take an existing one",
    nodes: ["start:action:Go", "which_applies:action:Other", "done:question:Loop", "x:action:X"],
    edges: ["start>done", "which_applies>done", "done>x:a", "done>x:b", "x>done"],
    out: [
      [
        "start_2:start:Start",
        `which_applies_2:question:${WHICH_APPLIES}`,
        "start:action:Go",
        "which_applies:action:Other",
        "done:question:Loop",
        "x:action:X",
        `done_2:end:${LOOP_EXIT}`,
      ],
      [
        "start_2>which_applies_2",
        "which_applies_2>start:Go",
        "which_applies_2>which_applies:Other",
        "start>done",
        "which_applies>done",
        "done>x:a",
        "done>x:b",
        "x>done",
        `done>done_2:${LOOP_EXIT}`,
      ],
    ],
    diagnostics: ["mermaid-start-choice 2:3", "mermaid-loop-exit 4:3"],
  },
];

describe("makeWalkable rules", () => {
  it.each(CASES.map((c) => [c.rule, c] as const))("%s", (_rule, c) => {
    const r = walk(flow(c.nodes, c.edges));
    expect([nodesOf(r.flow), edgesOf(r.flow)]).toEqual(c.out);
    expect(where(r.diagnostics)).toEqual(c.diagnostics);
    for (const d of r.diagnostics) {
      expect(d.severity).toBe("warning");
      expect(d.code in MERMAID_DIAGNOSTIC_CODES).toBe(true);
      expect(d.message.length).toBeGreaterThan(20);
    }
    expect(flowSchema.safeParse(r.flow).success).toBe(true);
    if (!c.rule.includes("not connected")) expect(errors(r.flow)).toEqual([]);
    else expect(errors(r.flow).length).toBeGreaterThan(0);
  });

  it("leaves the unconnected part for checkFlowGraph to report at its lines", () => {
    const c = CASES.find((x) => x.rule.startsWith("a part not connected"))!;
    const r = makeWalkable(flow(c.nodes, c.edges));
    expect(errors(r.flow).map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([
      "flow-unreachable 5:3",
      "flow-unreachable 6:3",
      "flow-unreachable 7:3",
      "flow-dead-end 5:3",
      "flow-closed-loop 6:3",
    ]);
  });

  it("gives new nodes and edges the position of the node they were added for", () => {
    const r = makeWalkable(flow(["a:action:Go", "b:action:B", "c:action:C"], ["a>b", "a>c"]));
    expect(r.flow.nodes[0]).toEqual({ id: "start", type: "start", label: "Start", position: { line: 2, column: 3 } });
    expect(r.flow.edges[0]).toEqual({ from: "start", to: "a", position: { line: 2, column: 3 } });
    expect(r.flow.nodes.find((n) => n.id === "b")).toEqual({
      id: "b",
      type: "end",
      label: "B",
      position: { line: 3, column: 3 },
    });
    const bare = makeWalkable({ id: "t", title: "T", nodes: [{ id: "a", type: "action", label: "A" }], edges: [] });
    expect(bare.flow.nodes).toEqual([
      { id: "start", type: "start", label: "Start" },
      { id: "a", type: "end", label: "A" },
    ]);
    expect(where(bare.diagnostics)).toEqual(["mermaid-end-added 1:1", "mermaid-start-added 1:1"]);
  });

  it("keeps an empty flow, and tolerates edges to missing nodes and repeated ids", () => {
    expect(makeWalkable({ id: "t", title: "T", nodes: [], edges: [] })).toEqual({
      flow: { id: "t", title: "T", nodes: [], edges: [] },
      diagnostics: [],
    });
    const odd = flow(["s:start:S", "a:action:A", "a:end:Twin"], ["s>a", "a>ghost", "ghost>a"]);
    const r = makeWalkable(odd);
    expect(edgesOf(r.flow)).toEqual(["s>a", "a>ghost", "ghost>a"]);
    expect(nodesOf(r.flow)).toEqual(["s:start:S", "a:end:A", "a:end:Twin"]);
  });

  it("changes nothing in the demo SOPs' flows", () => {
    for (const { file, source } of demoSops())
      for (const f of parseSop(source).flows) {
        const model = fromSopFlow(f);
        const r = makeWalkable(model);
        expect(r.diagnostics, file).toEqual([]);
        expect(r.flow, file).toEqual(model);
      }
  });
});

// ---------------------------------------------------------------------------------------------
// Random charts

const TYPES: FlowNodeType[] = ["action", "action", "action", "question", "question", "say", "start", "end", "escalate"];
const LABELS = ["Yes", "yes", "No", "Maybe", "Check", "Refund", "Yes (2)", "Done", "Again", "Which applies?"];

type RandomChart = {
  nodes: { type: FlowNodeType; label: number }[];
  tree: { parent: number; down: boolean; label: number | null }[];
  extra: [number, number, number | null][];
};

/** A chart whose nodes are all connected (ignoring directions): a random spanning tree, then random extra edges. */
const connectedChart = fc.integer({ min: 1, max: 14 }).chain((n) =>
  fc.record({
    nodes: fc.array(fc.record({ type: fc.constantFrom(...TYPES), label: fc.nat(LABELS.length - 1) }), {
      minLength: n,
      maxLength: n,
    }),
    tree: fc.array(fc.record({ parent: fc.nat(), down: fc.boolean(), label: fc.option(fc.nat(LABELS.length - 1)) }), {
      minLength: n - 1,
      maxLength: n - 1,
    }),
    extra: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.option(fc.nat(LABELS.length - 1))), { maxLength: 2 * n }),
  }),
);

/** Nodes on lines from `line`, edges on lines from `line + 100`. */
function buildChart(c: RandomChart, ids = (i: number) => `n${i}`, line = 2): FlowModel {
  const nodes: FlowModelNode[] = c.nodes.map((n, i) => ({
    id: ids(i),
    type: n.type,
    label: LABELS[n.label],
    position: { line: line + i, column: 3 },
  }));
  const edges: FlowModelEdge[] = [];
  const add = (a: number, b: number, label: number | null) => {
    const e: FlowModelEdge = { from: ids(a), to: ids(b), position: { line: line + 100 + edges.length, column: 5 } };
    if (label !== null) e.label = LABELS[label];
    edges.push(e);
  };
  c.tree.forEach((t, k) => {
    const child = k + 1;
    const parent = t.parent % child;
    if (t.down) add(parent, child, t.label);
    else add(child, parent, t.label);
  });
  for (const [a, b, label] of c.extra) add(a, b, label);
  return { id: "random", title: "Random", nodes, edges };
}

describe("makeWalkable on random charts (property)", () => {
  it("makes every connected chart walkable: no errors from checkFlowGraph, ids kept, a fixed point", () => {
    fc.assert(
      fc.property(connectedChart, (c) => {
        const input = buildChart(c);
        const r = walk(input);
        expect(errors(r.flow)).toEqual([]);
        expect(flowSchema.safeParse(r.flow).success).toBe(true);
        // Every node of the chart is still there, same id and label, same order.
        const kept = r.flow.nodes.filter((n) => input.nodes.some((o) => o.id === n.id));
        expect(kept.map((n) => [n.id, n.label])).toEqual(input.nodes.map((n) => [n.id, n.label]));
        expect(new Set(r.flow.nodes.map((n) => n.id)).size).toBe(r.flow.nodes.length);
        for (const d of r.diagnostics) {
          expect(d.code in MERMAID_DIAGNOSTIC_CODES).toBe(true);
          expect(d.line).toBeGreaterThanOrEqual(1);
        }
        expect(makeWalkable(input)).toEqual(r);
      }),
      { numRuns: 400 },
    );
  });

  it("on two unconnected charts, changes only the flow (the larger, or the one with a start) and never throws", () => {
    fc.assert(
      fc.property(connectedChart, connectedChart, (a, b) => {
        const big = buildChart(a, (i) => `a${i}`, 1000);
        const small = buildChart(b, (i) => `b${i}`);
        if (small.nodes.length >= big.nodes.length) return;
        const input: FlowModel = {
          id: "two",
          title: "Two",
          nodes: [...small.nodes, ...big.nodes],
          edges: [...small.edges, ...big.edges],
        };
        const hasStart = (f: FlowModel) => f.nodes.some((n) => n.type === "start");
        const [other, prefix, lines] =
          hasStart(small) && !hasStart(big)
            ? [big, "a", (l: number) => l >= 1000]
            : [small, "b", (l: number) => l < 1000];
        const r = makeWalkable(input);
        expect(r.flow.nodes.filter((n) => n.id.startsWith(prefix))).toEqual(other.nodes);
        expect(r.flow.edges.filter((e) => e.from.startsWith(prefix))).toEqual(other.edges);
        // What is left is only the other part's doing.
        for (const d of errors(r.flow))
          expect(lines(d.line) || d.code === "flow-multiple-starts", `${d.code} ${d.line}`).toBe(true);
        expectFixedPoint(r);
      }),
      { numRuns: 200 },
    );
  });
});
