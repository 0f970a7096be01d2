import { describe, expect, it } from "vitest";
import { parseSop } from "../sop-schema/parse";
import { NODE_TYPES } from "../sop-schema/types";
import {
  addNode,
  autoLayout,
  blankFlow,
  canRedo,
  canUndo,
  clearSelection,
  connect,
  createEditorState,
  deleteEdges,
  deleteElements,
  deleteNodes,
  deleteSelection,
  editorDiagnostics,
  EditorError,
  endGesture,
  fieldsOutsideFlow,
  loadFlowFromSource,
  mergeGraph,
  moveNodes,
  newNodeId,
  nodeIdProblem,
  redo,
  renameNode,
  replaceGraph,
  select,
  selectAll,
  setFlowMeta,
  toFlowModel,
  toFlowSource,
  undo,
  updateEdge,
  updateNode,
  writeFlowToSource,
} from "./editor-state";
import type { EditorState } from "./editor-state";
import { NODE_SIZES } from "./layout";
import { mermaidToFlow } from "./mermaid";
import { fromSopFlow, graphOf } from "./model";
import { FRONT_MATTER, demoSops, parseWithFlows, sopWithFlow } from "./test-helpers";

const billing = demoSops().find((d) => d.file === "billing-dispute-card-charge.mdx")!.source;

function deepFreeze<T>(x: T): T {
  if (x && typeof x === "object" && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

const node = (s: EditorState, id: string) => s.graph.nodes.find((n) => n.id === id);
const newest = (s: EditorState) => s.graph.nodes[s.graph.nodes.length - 1]!;
const lastEdge = (s: EditorState) => s.graph.edges[s.graph.edges.length - 1]!;

/** The text outside the <Flow id=…> … </Flow> block. */
function outsideFlow(source: string, id: string): [string, string] {
  const start = source.indexOf(`<Flow id="${id}"`);
  const end = source.indexOf("</Flow>", start) + "</Flow>".length;
  return [source.slice(0, start), source.slice(end)];
}

describe("loading and writing back (the module API, no browser)", () => {
  it("opens a flow from an SOP source with every node laid out and every edge routed", () => {
    const { state, document } = loadFlowFromSource(billing, "dispute-decision");
    const flow = document.flows.find((f) => f.id === "dispute-decision")!;
    expect(graphOf(toFlowModel(state))).toEqual(graphOf(flow));
    expect(Object.keys(state.graph.positions).sort()).toEqual(flow.nodes.map((n) => n.id).sort());
    expect(state.graph.edges.every((e) => (state.graph.routes[e.id]?.length ?? 0) >= 2)).toBe(true);
    expect(state.origin).toEqual({ flowId: "dispute-decision", stepId: "decide", line: flow.position.line });
    expect(toFlowModel(state).stepId).toBe("decide");
  });

  it("throws EditorError for a flow the SOP doesn't have", () => {
    expect(() => loadFlowFromSource(billing, "nope")).toThrow(EditorError);
    expect(() => loadFlowFromSource(`${FRONT_MATTER}\n<Step title="A" id="a">\n  Text.\n</Step>\n`)).toThrow(
      /no <Flow>/,
    );
  });

  it("writes an unedited flow back as the same graph and leaves the rest of every demo SOP untouched", () => {
    for (const { file, source } of demoSops()) {
      for (const flow of parseSop(source).flows) {
        const { state } = loadFlowFromSource(source, flow.id);
        const next = writeFlowToSource(source, state);
        const again = parseWithFlows(next);
        expect(graphOf(again.flows.find((f) => f.id === flow.id)!), file).toEqual(graphOf(flow));
        expect(outsideFlow(next, flow.id), file).toEqual(outsideFlow(source, flow.id));
      }
    }
  });

  it("load → edit → write back → re-parse gives exactly the edited graph", () => {
    let { state: s } = loadFlowFromSource(billing, "dispute-decision");
    s = addNode(s, "action", { label: "Check the refund limit for {charge_amount}" });
    const added = newest(s).id;
    expect(added).toBe("action-1");
    s = deleteEdges(
      s,
      s.graph.edges.filter((e) => e.from === "settled" && e.to === "refund").map((e) => e.id),
    );
    s = connect(s, "settled", added, "Settled");
    s = connect(s, added, "refund");
    s = updateNode(s, "fraud", { reason: "Card used without permission" });
    s = updateEdge(s, s.graph.edges.find((e) => e.from === "found" && e.to === "not-ours")!.id, {
      label: "Not in the PSP",
    });
    s = renameNode(s, "goods", "goods-problem");
    s = setFlowMeta(s, { title: "Card charge dispute (v2)" });

    const next = writeFlowToSource(billing, s);
    const doc = parseWithFlows(next);
    expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const saved = doc.flows.find((f) => f.id === "dispute-decision")!;
    expect(graphOf(saved)).toEqual(graphOf(toFlowModel(s)));
    expect(saved.title).toBe("Card charge dispute (v2)");
    expect(saved.nodes.find((n) => n.id === added)).toMatchObject({
      type: "action",
      label: "Check the refund limit for {charge_amount}",
    });
    expect(saved.edges).toContainEqual(expect.objectContaining({ from: "settled", to: added, label: "Settled" }));
    expect(saved.edges).toContainEqual(
      expect.objectContaining({ from: "found", to: "not-ours", label: "Not in the PSP" }),
    );
    expect(saved.edges.some((e) => e.to === "goods-problem")).toBe(true);
    expect(outsideFlow(next, "dispute-decision")).toEqual(outsideFlow(billing, "dispute-decision"));
    expect(next).toContain('<Node id="action-1" type="action" label="Check the refund limit for {charge_amount}" />');
    expect(next).toContain('<Edge from="settled" to="action-1" label="Settled" />');
  });

  it("writes a flow renamed in the editor over the block it was opened on", () => {
    let { state: s } = loadFlowFromSource(billing, "dispute-decision");
    s = setFlowMeta(s, { id: "dispute-route" });
    const doc = parseWithFlows(writeFlowToSource(billing, s));
    expect(doc.flows.map((f) => f.id)).toEqual(["dispute-route"]);
  });

  it("appends a flow the source doesn't have (a blank flow into a scratch SOP)", () => {
    const scratch = `${FRONT_MATTER}\n<Step title="Holder" id="holder">\n  Text.\n</Step>\n`;
    const s = createEditorState(blankFlow("scratch-flow", "Scratch"));
    const doc = parseWithFlows(writeFlowToSource(scratch, s));
    expect(doc.flows).toHaveLength(1);
    expect(graphOf(doc.flows[0]!)).toEqual(graphOf(toFlowModel(s)));
    expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("saves trimmed values, as the SOP parser reads them back", () => {
    let s = createEditorState(blankFlow());
    s = updateNode(s, "start", { label: "  Hello  ", field: " " });
    s = updateNode(s, "done", { outcome: " resolved " });
    s = updateEdge(s, s.graph.edges[0]!.id, { label: "  " });
    const m = toFlowModel(s);
    expect(m.nodes[0]).toEqual({ id: "start", type: "start", label: "Hello" });
    expect(m.nodes[1]).toEqual({ id: "done", type: "end", label: "Resolved", outcome: "resolved" });
    expect(m.edges[0]).toEqual({ from: "start", to: "done" });
    expect(toFlowSource(s)).toBe(
      [
        '<Flow id="new-flow" title="New flow">',
        '  <Node id="start" type="start" label="Hello" />',
        '  <Node id="done" type="end" label="Resolved" outcome="resolved" />',
        '  <Edge from="start" to="done" />',
        "</Flow>",
      ].join("\n"),
    );
  });
});

describe("nodes", () => {
  it("adds a node of every type with a fresh id, a default label and a spot that overlaps nothing", () => {
    let s = createEditorState(blankFlow());
    for (const type of NODE_TYPES) s = addNode(s, type);
    const ids = s.graph.nodes.map((n) => n.id);
    expect(ids).toEqual([
      "start",
      "done",
      "start-1",
      "question-1",
      "action-1",
      "say-1",
      "escalate-1",
      "end-1",
      "goto-1",
      "sop-1",
    ]);
    expect(s.selection).toEqual({ nodes: ["sop-1"], edges: [] });
    const boxes = s.graph.nodes.map((n) => ({ ...s.graph.positions[n.id]!, ...NODE_SIZES[n.type] }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        expect(
          a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height,
          `${ids[i]} / ${ids[j]}`,
        ).toBe(false);
      }
    expect(node(s, "escalate-1")).toMatchObject({ to: "Supervisor" });
    expect(node(s, "end-1")).toMatchObject({ outcome: "resolved" });
  });

  it("places a node where asked and refuses bad or taken ids", () => {
    const s = addNode(createEditorState(blankFlow()), "say", {
      id: "greet",
      label: "“Hello”",
      position: { x: 400.4, y: 20.6 },
    });
    expect(s.graph.positions.greet).toEqual({ x: 400, y: 21 });
    expect(() => addNode(s, "action", { id: "greet" })).toThrow(/already has the id/);
    expect(() => addNode(s, "action", { id: "no spaces" })).toThrow(EditorError);
    expect(nodeIdProblem(s.graph, "greet", "greet")).toBeNull();
    expect(nodeIdProblem(s.graph, "")).toMatch(/empty/);
    expect(newNodeId(s.graph, "start")).toBe("start-1");
  });

  it("edits the label and attributes; an empty value removes an optional attribute", () => {
    let s = addNode(createEditorState(blankFlow()), "escalate", { id: "esc" });
    s = updateNode(s, "esc", { label: "Warm transfer", to: "Fraud team", reason: "Card stolen", field: "fraud_case" });
    expect(node(s, "esc")).toEqual({
      id: "esc",
      type: "escalate",
      label: "Warm transfer",
      to: "Fraud team",
      reason: "Card stolen",
      field: "fraud_case",
    });
    s = updateNode(s, "esc", { reason: "" });
    expect(node(s, "esc")).not.toHaveProperty("reason");
    expect(updateNode(s, "esc", { label: "Warm transfer" })).toBe(s);
    expect(updateNode(s, "missing", { label: "x" })).toBe(s);
  });

  it("changing the type drops attributes the new type can't have and keeps the node's centre", () => {
    let s = addNode(createEditorState(blankFlow()), "escalate", { id: "x", position: { x: 100, y: 100 } });
    s = updateNode(s, "x", { to: "Team", field: "kept" });
    s = updateNode(s, "x", { type: "goto", step: "verify" });
    expect(node(s, "x")).toEqual({ id: "x", type: "goto", label: "Hand over", step: "verify", field: "kept" });
    const p = s.graph.positions.x!;
    const centre = (t: "escalate" | "goto", q: { x: number; y: number }) => ({
      x: q.x + NODE_SIZES[t].width / 2,
      y: q.y + NODE_SIZES[t].height / 2,
    });
    expect(centre("goto", p)).toEqual(centre("escalate", { x: 100, y: 100 }));
  });

  it("renames a node: edges, position and selection follow", () => {
    let s = select(createEditorState(blankFlow()), { nodes: ["done"] });
    s = renameNode(s, "done", "resolved");
    expect(s.graph.edges[0]).toMatchObject({ from: "start", to: "resolved" });
    expect(s.graph.positions.resolved).toBeDefined();
    expect(s.graph.positions.done).toBeUndefined();
    expect(s.selection.nodes).toEqual(["resolved"]);
    expect(() => renameNode(s, "resolved", "start")).toThrow(/already/);
    expect(() => renameNode(s, "resolved", "a b")).toThrow(EditorError);
    expect(renameNode(s, "resolved", "resolved")).toBe(s);
  });

  it("deletes nodes with their edges, and keeps the selection to what still exists", () => {
    let { state: s } = loadFlowFromSource(billing, "dispute-decision");
    s = select(s, { nodes: ["kind", "start"], edges: [s.graph.edges[0]!.id] });
    s = deleteNodes(s, ["kind"]);
    expect(node(s, "kind")).toBeUndefined();
    expect(s.graph.edges.some((e) => e.from === "kind" || e.to === "kind")).toBe(false);
    expect(Object.keys(s.graph.routes).every((id) => s.graph.edges.some((e) => e.id === id))).toBe(true);
    expect(s.graph.positions.kind).toBeUndefined();
    expect(s.selection.nodes).toEqual(["start"]);
    expect(deleteNodes(s, ["nope"])).toBe(s);
  });

  it("moves nodes; a drag (one gesture) is one undo step and drops only the routes of the moved nodes' edges", () => {
    const { state } = loadFlowFromSource(billing, "dispute-decision");
    const before = state.graph.positions.found!;
    let s = moveNodes(state, { found: { x: before.x + 10, y: before.y } }, "drag-1");
    s = moveNodes(s, { found: { x: before.x + 20, y: before.y + 5 } }, "drag-1");
    s = moveNodes(s, { found: { x: before.x + 30, y: before.y + 5 } }, "drag-1");
    expect(s.graph.positions.found).toEqual({ x: before.x + 30, y: before.y + 5 });
    expect(s.past).toHaveLength(1);
    const touching = s.graph.edges.filter((e) => e.from === "found" || e.to === "found");
    expect(touching.length).toBeGreaterThan(0);
    for (const e of s.graph.edges)
      expect(Boolean(s.graph.routes[e.id]), `${e.from}→${e.to}`).toBe(!touching.includes(e));
    expect(undo(s).graph.positions.found).toEqual(before);
    s = moveNodes(s, { found: { x: 0, y: 0 } }, "drag-2");
    expect(s.past).toHaveLength(2);
    expect(moveNodes(s, { found: { x: 0, y: 0 } })).toBe(s);
    expect(moveNodes(s, { ghost: { x: 1, y: 1 } })).toBe(s);
  });
});

describe("edges", () => {
  it("connects two nodes and selects the new edge so its label can be typed", () => {
    let s = addNode(createEditorState(blankFlow()), "question", { id: "q" });
    s = connect(s, "start", "q");
    const e = lastEdge(s);
    expect(e).toEqual({ id: "e2", from: "start", to: "q" });
    expect(s.selection).toEqual({ nodes: [], edges: ["e2"] });
    s = updateEdge(s, "e2", { label: "Yes" });
    expect(lastEdge(s).label).toBe("Yes");
    s = updateEdge(s, "e2", { label: "" });
    expect(lastEdge(s)).not.toHaveProperty("label");
    expect(() => connect(s, "start", "ghost")).toThrow(EditorError);
    expect(() => updateEdge(s, "e2", { to: "ghost" })).toThrow(EditorError);
  });

  it("allows two answers to the same node and keeps edge ids unique after deletes", () => {
    let s = addNode(createEditorState(blankFlow()), "question", { id: "q" });
    s = connect(s, "q", "done", "Yes");
    s = connect(s, "q", "done", "Not sure");
    const ids = s.graph.edges.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    s = deleteEdges(s, [ids[1]!]);
    s = connect(s, "q", "start", "Again");
    expect(new Set(s.graph.edges.map((e) => e.id)).size).toBe(s.graph.edges.length);
    expect(deleteEdges(s, ["nope"])).toBe(s);
  });

  it("reconnecting an edge drops its route; relabelling keeps it", () => {
    let { state: s } = loadFlowFromSource(billing, "dispute-decision");
    const e = s.graph.edges.find((x) => x.from === "found" && x.to === "not-ours")!;
    s = updateEdge(s, e.id, { label: "Nowhere" });
    expect(s.graph.routes[e.id]).toBeDefined();
    s = updateEdge(s, e.id, { to: "fraud" });
    expect(s.graph.routes[e.id]).toBeUndefined();
  });
});

describe("selection and deletion", () => {
  it("replaces, adds to and toggles the selection, ignoring unknown ids, without touching history", () => {
    let s = createEditorState(blankFlow());
    s = select(s, { nodes: ["start", "ghost"] });
    expect(s.selection).toEqual({ nodes: ["start"], edges: [] });
    s = select(s, { nodes: ["done"] }, "add");
    expect(s.selection.nodes).toEqual(["start", "done"]);
    s = select(s, { nodes: ["start"], edges: ["e1"] }, "toggle");
    expect(s.selection).toEqual({ nodes: ["done"], edges: ["e1"] });
    expect(select(s, { nodes: ["done"], edges: ["e1"] })).toBe(s);
    expect(clearSelection(s).selection).toEqual({ nodes: [], edges: [] });
    expect(selectAll(s).selection).toEqual({ nodes: ["start", "done"], edges: ["e1"] });
    expect(s.past).toHaveLength(0);
  });

  it("deletes a multi-selection (nodes and edges) as one undo step", () => {
    let { state: s } = loadFlowFromSource(billing, "dispute-decision");
    const before = toFlowModel(s);
    const edge = s.graph.edges.find((e) => e.from === "start")!;
    s = select(s, { nodes: ["fraud", "goods"], edges: [edge.id] });
    s = deleteSelection(s);
    expect(s.graph.nodes.map((n) => n.id)).not.toContain("fraud");
    expect(s.graph.edges.find((e) => e.id === edge.id)).toBeUndefined();
    expect(s.selection).toEqual({ nodes: [], edges: [] });
    expect(s.past).toHaveLength(1);
    expect(toFlowModel(undo(s))).toEqual(before);
    expect(deleteElements(s, {})).toBe(s);
  });
});

describe("undo and redo", () => {
  it("undoes and redoes each change; a new change clears redo", () => {
    let s = createEditorState(blankFlow());
    const v0 = toFlowModel(s);
    s = addNode(s, "action", { id: "a" });
    const v1 = toFlowModel(s);
    s = connect(s, "a", "done");
    const v2 = toFlowModel(s);
    expect(canUndo(s)).toBe(true);
    expect(canRedo(s)).toBe(false);
    s = undo(s);
    expect(toFlowModel(s)).toEqual(v1);
    expect(s.selection.edges).toEqual([]); // the undone edge is no longer selected
    s = undo(s);
    expect(toFlowModel(s)).toEqual(v0);
    expect(undo(s)).toBe(s);
    s = redo(s);
    expect(toFlowModel(s)).toEqual(v1);
    s = redo(s);
    expect(toFlowModel(s)).toEqual(v2);
    expect(redo(s)).toBe(s);
    s = undo(s);
    s = updateNode(s, "a", { label: "Other" });
    expect(canRedo(s)).toBe(false);
  });

  it("typing into one box is one step until the gesture ends; a type change is its own step", () => {
    let s = createEditorState(blankFlow());
    for (const label of ["C", "Ca", "Cal", "Call"]) s = updateNode(s, "start", { label });
    expect(s.past).toHaveLength(1);
    s = endGesture(s);
    s = updateNode(s, "start", { label: "Call!" });
    expect(s.past).toHaveLength(2);
    s = updateNode(s, "done", { type: "escalate" });
    s = updateNode(s, "done", { type: "action" });
    expect(s.past).toHaveLength(4);
    expect(undo(s).graph.nodes[1]!.type).toBe("escalate");
    expect(undo(undo(undo(s))).graph.nodes[0]!.label).toBe("Call");
  });

  it("keeps at most historyLimit steps", () => {
    let s = createEditorState(blankFlow(), { historyLimit: 3 });
    for (let i = 0; i < 6; i++) s = addNode(s, "action");
    expect(s.past).toHaveLength(3);
    while (canUndo(s)) s = undo(s);
    expect(s.graph.nodes).toHaveLength(5);
  });

  it("never mutates the state it is given", () => {
    const s = deepFreeze(loadFlowFromSource(billing, "dispute-decision").state);
    const snapshot = JSON.stringify(s);
    let t = addNode(s, "say");
    t = connect(t, "start", newest(t).id);
    t = updateNode(t, "start", { label: "x", type: "action" });
    t = renameNode(t, "found", "found-it");
    t = moveNodes(t, { kind: { x: 1, y: 2 } });
    t = deleteSelection(select(t, { nodes: ["kind"] }));
    t = autoLayout(t, "LR");
    t = undo(redo(undo(t)));
    mergeGraph(t, blankFlow());
    replaceGraph(t, blankFlow());
    expect(JSON.stringify(s)).toBe(snapshot);
  });
});

describe("layout", () => {
  it("auto-layout is the same layout the editor opened with, and restores the routes a move dropped", () => {
    const { state } = loadFlowFromSource(billing, "dispute-decision");
    const moved = moveNodes(state, { found: { x: 5, y: 5 }, kind: { x: 900, y: 900 } });
    const again = autoLayout(moved);
    expect(again.graph.positions).toEqual(state.graph.positions);
    expect(again.graph.routes).toEqual(state.graph.routes);
    expect(again.past).toHaveLength(2);
  });

  it("lays out left-to-right on request and remembers the direction", () => {
    const s = autoLayout(createEditorState(blankFlow()), "LR");
    expect(s.direction).toBe("LR");
    expect(s.graph.positions.done!.x).toBeGreaterThan(s.graph.positions.start!.x + NODE_SIZES.start.width - 1);
  });
});

describe("paste Mermaid: replace or merge", () => {
  const chart = `flowchart TD
  A([Call comes in]) --> B{Verified?}
  B -->|Yes| C[Look up the order]
  B -->|No| D([Ask again later])
  C --> E([Done])`;

  it("replaces the graph with an import, keeping the flow's id and title, as one undo step", () => {
    const imported = mermaidToFlow(chart, { id: "x", title: "Imported" });
    expect(imported.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const { state } = loadFlowFromSource(billing, "dispute-decision");
    const s = replaceGraph(state, imported.flow);
    const m = toFlowModel(s);
    expect(m.id).toBe("dispute-decision");
    expect(m.title).toBe("Card charge dispute");
    expect(graphOf({ ...m, id: "x", title: "Imported" })).toEqual(graphOf(imported.flow));
    expect(s.graph.edges.every((e) => !state.graph.edges.some((o) => o.id === e.id))).toBe(true);
    expect(toFlowModel(undo(s))).toEqual(toFlowModel(state));
    const doc = parseWithFlows(writeFlowToSource(billing, s));
    expect(graphOf(doc.flows.find((f) => f.id === "dispute-decision")!)).toEqual(graphOf(m));
  });

  it(
    "merges an import: clashing ids renamed, its start " + "becomes an action, placed beside the drawing and selected",
    () => {
      const base = createEditorState(blankFlow());
      const imported = mermaidToFlow(chart).flow;
      const { state: s, notes } = mergeGraph(base, {
        ...imported,
        nodes: imported.nodes.map((n) => (n.id === "E" ? { ...n, id: "done" } : n)),
        edges: imported.edges.map((e) => (e.to === "E" ? { ...e, to: "done" } : e)),
      });
      const ids = s.graph.nodes.map((n) => n.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toContain("done-2");
      expect(s.graph.nodes.filter((n) => n.type === "start")).toHaveLength(1);
      expect(node(s, "A")!.type).toBe("action");
      expect(notes.join(" ")).toMatch(/"done" is now "done-2"/);
      expect(notes.join(" ")).toMatch(/start "A" became an action/);
      const right = Math.max(
        ...["start", "done"].map((id) => s.graph.positions[id]!.x + NODE_SIZES[node(s, id)!.type].width),
      );
      for (const id of ["A", "B", "C", "D", "done-2"]) expect(s.graph.positions[id]!.x).toBeGreaterThan(right);
      expect(s.selection.nodes.sort()).toEqual(["A", "B", "C", "D", "done-2"]);
      expect(s.graph.edges.find((e) => e.from === "C")!.to).toBe("done-2");
      expect(new Set(s.graph.edges.map((e) => e.id)).size).toBe(s.graph.edges.length);
    },
  );
});

describe("live diagnostics", () => {
  it("a blank flow and every demo flow have no problems", () => {
    expect(editorDiagnostics(createEditorState(blankFlow()))).toEqual([]);
    for (const { file, source } of demoSops())
      for (const flow of parseSop(source).flows) {
        const { state, document } = loadFlowFromSource(source, flow.id);
        const ctx = { stepIds: document.steps.map((s) => s.id), capturedFields: fieldsOutsideFlow(document, flow.id) };
        expect(
          editorDiagnostics(state, ctx).filter((d) => d.severity === "error"),
          `${file} ${flow.id}`,
        ).toEqual([]);
      }
  });

  it("ties each graph problem to its node or edge", () => {
    let s = createEditorState(blankFlow());
    s = addNode(s, "action", { id: "dangling" });
    s = addNode(s, "question", { id: "q" });
    s = connect(s, "start", "q");
    s = connect(s, "q", "done");
    const ds = editorDiagnostics(s);
    const by = (code: string) => ds.filter((d) => d.code === code);
    expect(by("flow-unreachable").map((d) => d.nodeId)).toEqual(["dangling"]);
    expect(by("flow-dead-end").map((d) => d.nodeId)).toEqual(["dangling"]);
    expect(by("flow-question-answers").map((d) => d.nodeId)).toEqual(["q"]);
    expect(by("flow-answer-unlabelled")[0]).toMatchObject({ nodeId: "q", edgeId: lastEdge(s).id });
    expect(by("flow-branch-not-question").map((d) => d.nodeId)).toEqual(["start"]);
    expect(ds[0]!.severity).toBe("error");
  });

  it("reports the structure the parser would reject: empty labels, goto/sop targets, field names, ids", () => {
    let s = createEditorState(blankFlow());
    s = addNode(s, "goto", { id: "g" });
    s = addNode(s, "goto", { id: "g2", attributes: { step: "nowhere" } });
    s = addNode(s, "sop", { id: "o" });
    s = updateNode(s, "done", { label: " ", field: "Bad-Name" });
    const ds = editorDiagnostics(s, { stepIds: ["verify"] });
    expect(ds.find((d) => d.nodeId === "g" && d.code === "missing-attribute")?.message).toMatch(/no step/);
    expect(ds.find((d) => d.nodeId === "g2")?.code).toBe("unknown-step");
    expect(ds.find((d) => d.nodeId === "o" && d.code === "missing-attribute")?.message).toMatch(/which SOP/);
    expect(
      ds
        .filter((d) => d.nodeId === "done")
        .map((d) => d.code)
        .sort(),
    ).toEqual(["invalid-attribute", "missing-attribute"]);
    expect(
      editorDiagnostics(setFlowMeta(s, { title: " " })).some(
        (d) => d.code === "missing-attribute" && d.nodeId === undefined,
      ),
    ).toBe(true);
    const empty = deleteNodes(createEditorState(blankFlow()), ["start", "done"]);
    expect(editorDiagnostics(empty).map((d) => d.code)).toEqual(["empty-flow"]);
  });

  it("checks {field} references against the SOP's fields plus what this flow's nodes capture", () => {
    let s = updateNode(createEditorState(blankFlow()), "done", { label: "Refund {amount} to {customer_name}" });
    expect(editorDiagnostics(s).some((d) => d.code === "flow-unknown-variable")).toBe(false);
    expect(
      editorDiagnostics(s, { capturedFields: ["customer_name"] })
        .filter((d) => d.code === "flow-unknown-variable")
        .map((d) => d.message),
    ).toEqual([expect.stringContaining("{amount}")]);
    s = updateNode(s, "start", { field: "amount" });
    expect(
      editorDiagnostics(s, { capturedFields: ["customer_name"] }).some((d) => d.code === "flow-unknown-variable"),
    ).toBe(false);
  });

  it("gives each problem the MDX line the saved node or edge lands on", () => {
    const source = sopWithFlow(
      [
        '    <Node id="start" type="start" label="Go" />',
        '    <Node id="end" type="end" label="Done" />',
        '    <Edge from="start" to="end" />',
      ].join("\n"),
    );
    let { state: s } = loadFlowFromSource(source, "f");
    s = addNode(s, "action", { id: "stuck" });
    s = addNode(s, "question", { id: "q" });
    s = connect(s, "end", "q");
    s = connect(s, "q", "stuck");
    const saved = parseWithFlows(writeFlowToSource(source, s));
    const ours = editorDiagnostics(s)
      .map((d) => `${d.code}@${d.line}`)
      .sort();
    const parser = saved.diagnostics
      .filter((d) => d.code.startsWith("flow-"))
      .map((d) => `${d.code}@${d.line}`)
      .sort();
    expect(ours).toEqual(parser);
    expect(ours.length).toBeGreaterThanOrEqual(3);
  });
});

describe("fieldsOutsideFlow", () => {
  it("lists the SOP's fields and other flows' captures, not this flow's", () => {
    const source = sopWithFlow(
      [
        '    <Node id="start" type="start" label="Go" field="mine" />',
        '    <Node id="end" type="end" label="Done" />',
        '    <Edge from="start" to="end" />',
      ].join("\n"),
      '\n<Step title="Other" id="other">\n  <Field name="customer_name" label="Name" />\n</Step>\n',
    );
    const doc = parseWithFlows(source);
    expect(fieldsOutsideFlow(doc, "f")).toEqual(["customer_name"]);
    expect(fromSopFlow(doc.flows[0]!).nodes[0]!.field).toBe("mine");
  });
});
