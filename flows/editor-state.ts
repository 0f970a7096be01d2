// The flow editor's model and every operation on it. Pure and browser-safe: no React, no DOM, no DB.
//
// The React editor (flows/ui/flow-editor.tsx) only renders an EditorState and turns gestures into the
// operations below; everything that can be tested without a browser lives here. Every operation takes a
// state and returns a new one (never mutates); operations that change the flow push the previous flow onto
// the undo history (capped), selection changes don't.
//
// Module use without a browser (what the authoring work and the tests do):
//
//   const { state } = loadFlowFromSource(source, "refund-decision");
//   let s = addNode(state, "action", { label: "Check the order" });
//   s = connect(s, "start", selectedNodeIds(s)[0]);
//   const next = writeFlowToSource(source, s);          // replaceFlowInSource under the hood
//   parseSop(next).flows → the same graph as toFlowModel(s)
import type { Severity, SopDocument } from "../sop-schema/types";
import { parseSop } from "../sop-schema/parse";
import { UNICODE_SLUG_RE } from "../sop-schema/slug";
import { layoutFlow, NODE_SIZES, SPACING } from "./layout";
import type { LayoutDirection, Point } from "./layout";
import { FIELD_NAME_RE, NODE_ATTRIBUTE_KEYS, NODE_ID_RE, fromSopFlow } from "./model";
import type { FlowGraph, FlowModel, FlowModelEdge, FlowModelNode, FlowNodeType, NodeAttributeKey } from "./model";
import { replaceFlowInSource, serializeFlow } from "./serialize";
import type { SerializeOptions } from "./serialize";
import { checkFlowGraph, validateFlow } from "./validate";

// ---------------------------------------------------------------------------------------------
// Types

/** A node as the editor holds it: the model node without its MDX position. */
export type EditorNode = Omit<FlowModelNode, "position">;
/** An edge with an editor-only id (the MDX has none): edges between the same two nodes stay apart. */
export type EditorEdge = { id: string; from: string; to: string; label?: string };

/** The undoable part: the flow itself plus where its nodes are drawn. */
export type EditorGraph = {
  id: string;
  title: string;
  nodes: EditorNode[];
  edges: EditorEdge[];
  /** Top-left corner of each node, in pixels (not saved: the SOP page lays the flow out again). */
  positions: Record<string, Point>;
  /** Bend points of each edge from the last auto-layout; dropped when one of its nodes moves. */
  routes: Record<string, Point[]>;
};

export type Selection = { nodes: string[]; edges: string[] };

export type EditorState = {
  graph: EditorGraph;
  selection: Selection;
  /** Earlier graphs, oldest first (at most `historyLimit`). */
  past: EditorGraph[];
  /** Undone graphs, the next redo last. */
  future: EditorGraph[];
  historyLimit: number;
  /** Gesture key of the last change, so one drag is one undo step. */
  lastChange: string | null;
  direction: LayoutDirection;
  /** Where the flow lives: the id it had when loaded (what replaceFlowInSource looks for), its step and MDX line. */
  origin: { flowId: string; stepId?: string; line?: number };
  nextEdge: number;
};

export type EditorOptions = {
  direction?: LayoutDirection;
  historyLimit?: number;
  origin?: Partial<EditorState["origin"]>;
};

export class EditorError extends Error {
  override name = "EditorError";
}

export const DEFAULT_HISTORY_LIMIT = 100;

/** Attributes each node type may carry besides id/type/label (`field` is allowed on every type). */
export const TYPE_ATTRIBUTES: Record<FlowNodeType, readonly NodeAttributeKey[]> = {
  start: ["field"],
  question: ["field"],
  action: ["field"],
  say: ["field"],
  escalate: ["to", "reason", "field"],
  end: ["outcome", "field"],
  goto: ["step", "field"],
  sop: ["sop", "field"],
};

/** What a node of each type says when it is added from the palette. */
export const DEFAULT_LABELS: Record<FlowNodeType, string> = {
  start: "Call comes in",
  question: "New question?",
  action: "New action",
  say: "“New line to say”",
  escalate: "Hand over",
  end: "Resolved",
  goto: "Continue at a step",
  sop: "Continue in another SOP",
};

// ---------------------------------------------------------------------------------------------
// Creating

const copyNode = (n: FlowModelNode | EditorNode): EditorNode => {
  const node: EditorNode = { id: n.id, type: n.type, label: n.label };
  for (const k of NODE_ATTRIBUTE_KEYS) if (n[k] !== undefined) node[k] = n[k];
  return node;
};

/** A new editor on `flow` (any FlowGraph: sop-schema's Flow, a FlowModel, a Mermaid import). Laid out at once. */
export function createEditorState(
  flow: FlowGraph & { stepId?: string; position?: { line: number } },
  options: EditorOptions = {},
): EditorState {
  const direction = options.direction ?? "TB";
  const edges: EditorEdge[] = flow.edges.map((e, i) =>
    e.label !== undefined
      ? { id: `e${i + 1}`, from: e.from, to: e.to, label: e.label }
      : { id: `e${i + 1}`, from: e.from, to: e.to },
  );
  const base: EditorGraph = {
    id: flow.id,
    title: flow.title,
    nodes: flow.nodes.map(copyNode),
    edges,
    positions: {},
    routes: {},
  };
  return {
    graph: laidOut(base, direction),
    selection: { nodes: [], edges: [] },
    past: [],
    future: [],
    historyLimit: Math.max(1, options.historyLimit ?? DEFAULT_HISTORY_LIMIT),
    lastChange: null,
    direction,
    origin: {
      flowId: options.origin?.flowId ?? flow.id,
      stepId: options.origin?.stepId ?? flow.stepId,
      line: options.origin?.line ?? flow.position?.line,
    },
    nextEdge: edges.length + 1,
  };
}

/** A flow to start from: a start and an outcome, connected (valid as it is). */
export function blankFlow(id = "new-flow", title = "New flow"): FlowModel {
  return {
    id,
    title,
    nodes: [
      { id: "start", type: "start", label: DEFAULT_LABELS.start },
      { id: "done", type: "end", label: DEFAULT_LABELS.end, outcome: "resolved" },
    ],
    edges: [{ from: "start", to: "done" }],
  };
}

/**
 * Parses an SOP source and opens one of its flows (the first when `flowId` is left out).
 * Throws EditorError when the SOP has no such flow.
 */
export function loadFlowFromSource(
  source: string,
  flowId?: string,
  options: EditorOptions = {},
): { state: EditorState; document: SopDocument } {
  const document = parseSop(source, { validateFlow });
  const flow = flowId === undefined ? document.flows[0] : document.flows.find((f) => f.id === flowId);
  if (!flow) throw new EditorError(flowId === undefined ? "The SOP has no <Flow>" : `The SOP has no flow "${flowId}"`);
  return { state: createEditorState(fromSopFlow(flow), options), document };
}

// ---------------------------------------------------------------------------------------------
// History

function commit(state: EditorState, graph: EditorGraph, gesture: string | null = null): EditorState {
  if (graph === state.graph) return state;
  if (gesture !== null && gesture === state.lastChange) return { ...state, graph, future: [] };
  const past = [...state.past, state.graph];
  if (past.length > state.historyLimit) past.splice(0, past.length - state.historyLimit);
  return { ...state, graph, past, future: [], lastChange: gesture };
}

/** Ends the current gesture: the next change is a new undo step even if it edits the same text box. */
export function endGesture(state: EditorState): EditorState {
  return state.lastChange === null ? state : { ...state, lastChange: null };
}

export const canUndo = (state: EditorState) => state.past.length > 0;
export const canRedo = (state: EditorState) => state.future.length > 0;

export function undo(state: EditorState): EditorState {
  if (!canUndo(state)) return state;
  const graph = state.past[state.past.length - 1];
  return keepSelectionValid({
    ...state,
    graph,
    past: state.past.slice(0, -1),
    future: [...state.future, state.graph],
    lastChange: null,
  });
}

export function redo(state: EditorState): EditorState {
  if (!canRedo(state)) return state;
  const graph = state.future[state.future.length - 1];
  return keepSelectionValid({
    ...state,
    graph,
    past: [...state.past, state.graph],
    future: state.future.slice(0, -1),
    lastChange: null,
  });
}

function keepSelectionValid(state: EditorState): EditorState {
  const nodes = state.selection.nodes.filter((id) => state.graph.nodes.some((n) => n.id === id));
  const edges = state.selection.edges.filter((id) => state.graph.edges.some((e) => e.id === id));
  if (nodes.length === state.selection.nodes.length && edges.length === state.selection.edges.length) return state;
  return { ...state, selection: { nodes, edges } };
}

// ---------------------------------------------------------------------------------------------
// Selection (not undoable)

export type SelectMode = "replace" | "add" | "toggle";

export function select(state: EditorState, items: Partial<Selection>, mode: SelectMode = "replace"): EditorState {
  const known = (ids: string[] | undefined, pool: { id: string }[]) =>
    (ids ?? []).filter((id, i, all) => all.indexOf(id) === i && pool.some((x) => x.id === id));
  const nodes = known(items.nodes, state.graph.nodes);
  const edges = known(items.edges, state.graph.edges);
  let next: Selection;
  if (mode === "replace") next = { nodes, edges };
  else if (mode === "add")
    next = { nodes: union(state.selection.nodes, nodes), edges: union(state.selection.edges, edges) };
  else next = { nodes: toggle(state.selection.nodes, nodes), edges: toggle(state.selection.edges, edges) };
  if (sameList(next.nodes, state.selection.nodes) && sameList(next.edges, state.selection.edges)) return state;
  return { ...state, selection: next };
}

export const clearSelection = (state: EditorState) => select(state, {}, "replace");
export const selectAll = (state: EditorState) =>
  select(state, { nodes: state.graph.nodes.map((n) => n.id), edges: state.graph.edges.map((e) => e.id) });
export const selectedNodeIds = (state: EditorState) => state.selection.nodes;

const union = (a: string[], b: string[]) => [...a, ...b.filter((x) => !a.includes(x))];
const toggle = (a: string[], b: string[]) => [...a.filter((x) => !b.includes(x)), ...b.filter((x) => !a.includes(x))];
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

// ---------------------------------------------------------------------------------------------
// Nodes

/** `question-1`, `question-2`… (the first free one); `start` for the first start. */
export function newNodeId(graph: Pick<EditorGraph, "nodes">, type: FlowNodeType): string {
  const used = new Set(graph.nodes.map((n) => n.id));
  if (type === "start" && !used.has("start")) return "start";
  for (let i = 1; ; i++) if (!used.has(`${type}-${i}`)) return `${type}-${i}`;
}

/** A free spot for a new node near `near` (or below the drawing), not overlapping any node. */
export function freePosition(graph: EditorGraph, type: FlowNodeType, near?: Point): Point {
  const size = NODE_SIZES[type];
  const boxes = graph.nodes.map((n) => ({ ...(graph.positions[n.id] ?? { x: 0, y: 0 }), ...NODE_SIZES[n.type] }));
  const overlaps = (p: Point) =>
    boxes.some(
      (b) =>
        p.x < b.x + b.width + 16 &&
        b.x < p.x + size.width + 16 &&
        p.y < b.y + b.height + 16 &&
        b.y < p.y + size.height + 16,
    );
  let start = near;
  if (!start) {
    const bottom = boxes.reduce((m, b) => Math.max(m, b.y + b.height), 0);
    const left = boxes.length ? Math.min(...boxes.map((b) => b.x)) : SPACING.margin;
    start = { x: left, y: boxes.length ? bottom + SPACING.ranksep : SPACING.margin };
  }
  const step = 24;
  for (let ring = 0; ring < 60; ring++)
    for (const [dx, dy] of ring === 0
      ? [[0, 0]]
      : [
          [0, ring],
          [ring, 0],
          [0, -ring],
          [-ring, 0],
          [ring, ring],
          [-ring, ring],
          [ring, -ring],
          [-ring, -ring],
        ]) {
      const p = { x: Math.round(start.x + dx * step), y: Math.round(start.y + dy * step) };
      if (!overlaps(p)) return p;
    }
  return { x: Math.round(start.x), y: Math.round(start.y) };
}

export type AddNodeOptions = {
  id?: string;
  label?: string;
  position?: Point;
  attributes?: Partial<Record<NodeAttributeKey, string>>;
};

/** Adds a node (selected afterwards). Throws EditorError for an invalid or taken id. */
export function addNode(state: EditorState, type: FlowNodeType, options: AddNodeOptions = {}): EditorState {
  const id = options.id ?? newNodeId(state.graph, type);
  assertNodeId(state.graph, id);
  const node: EditorNode = { id, type, label: options.label ?? DEFAULT_LABELS[type] };
  if (type === "escalate") node.to = "Supervisor";
  if (type === "end") node.outcome = "resolved";
  for (const k of TYPE_ATTRIBUTES[type]) {
    const v = options.attributes?.[k];
    if (v !== undefined && v !== "") node[k] = v;
  }
  const position = options.position
    ? { x: Math.round(options.position.x), y: Math.round(options.position.y) }
    : freePosition(state.graph, type);
  const graph = {
    ...state.graph,
    nodes: [...state.graph.nodes, node],
    positions: { ...state.graph.positions, [id]: position },
  };
  return { ...commit(state, graph), selection: { nodes: [id], edges: [] } };
}

/** Why `id` can't be used for a node of this graph (other than `self`), or null. */
export function nodeIdProblem(graph: Pick<EditorGraph, "nodes">, id: string, self?: string): string | null {
  if (id === "") return "The id is empty";
  if (!NODE_ID_RE.test(id)) return "An id may only contain letters, digits, - and _";
  if (id !== self && graph.nodes.some((n) => n.id === id)) return `Another node already has the id "${id}"`;
  return null;
}

function assertNodeId(graph: EditorGraph, id: string, self?: string) {
  const problem = nodeIdProblem(graph, id, self);
  if (problem) throw new EditorError(problem);
}

export type NodePatch = Partial<Omit<EditorNode, "id">>;

/**
 * Changes a node's type, label or attributes. `""` or undefined removes an optional attribute. Changing the
 * type drops the attributes the new type doesn't take and keeps the node's centre where it was.
 */
export function updateNode(state: EditorState, id: string, patch: NodePatch): EditorState {
  const old = state.graph.nodes.find((n) => n.id === id);
  if (!old) return state;
  const type = patch.type ?? old.type;
  const node: EditorNode = { id, type, label: patch.label ?? old.label };
  for (const k of TYPE_ATTRIBUTES[type]) {
    const v = k in patch ? patch[k] : old[k];
    if (v !== undefined && v !== "") node[k] = v;
  }
  if (sameNode(node, old)) return state;
  let positions = state.graph.positions;
  if (type !== old.type && positions[id]) {
    const a = NODE_SIZES[old.type];
    const b = NODE_SIZES[type];
    const p = positions[id];
    positions = {
      ...positions,
      [id]: { x: Math.round(p.x + (a.width - b.width) / 2), y: Math.round(p.y + (a.height - b.height) / 2) },
    };
  }
  const graph = { ...state.graph, nodes: state.graph.nodes.map((n) => (n.id === id ? node : n)), positions };
  // Typing into one text box is one undo step; a type change is always its own step.
  return commit(state, graph, "type" in patch ? null : `node:${id}:${Object.keys(patch).sort().join(",")}`);
}

function sameNode(a: EditorNode, b: EditorNode): boolean {
  if (a.type !== b.type || a.label !== b.label) return false;
  return NODE_ATTRIBUTE_KEYS.every((k) => a[k] === b[k]);
}

/** Gives a node a new id; its edges, position and the selection follow. Throws EditorError for a bad id. */
export function renameNode(state: EditorState, id: string, newId: string): EditorState {
  if (id === newId || !state.graph.nodes.some((n) => n.id === id)) return state;
  assertNodeId(state.graph, newId, id);
  const g = state.graph;
  const positions: Record<string, Point> = {};
  for (const [k, v] of Object.entries(g.positions)) positions[k === id ? newId : k] = v;
  const graph: EditorGraph = {
    ...g,
    nodes: g.nodes.map((n) => (n.id === id ? { ...n, id: newId } : n)),
    edges: g.edges.map((e) =>
      e.from === id || e.to === id ? { ...e, from: e.from === id ? newId : e.from, to: e.to === id ? newId : e.to } : e,
    ),
    positions,
  };
  return {
    ...commit(state, graph),
    selection: { ...state.selection, nodes: state.selection.nodes.map((n) => (n === id ? newId : n)) },
  };
}

/** Moves nodes (top-left corners). Moves with the same `gesture` key are one undo step (a drag). */
export function moveNodes(
  state: EditorState,
  moves: Record<string, Point>,
  gesture: string | null = null,
): EditorState {
  const g = state.graph;
  const positions = { ...g.positions };
  const moved = new Set<string>();
  for (const [id, p] of Object.entries(moves)) {
    if (!g.nodes.some((n) => n.id === id)) continue;
    const q = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
    const old = positions[id];
    if (old && old.x === q.x && old.y === q.y) continue;
    positions[id] = q;
    moved.add(id);
  }
  if (moved.size === 0) return state;
  return commit(
    state,
    { ...g, positions, routes: dropRoutes(g, (e) => moved.has(e.from) || moved.has(e.to)) },
    gesture,
  );
}

function dropRoutes(g: EditorGraph, affected: (e: EditorEdge) => boolean): Record<string, Point[]> {
  const routes: Record<string, Point[]> = {};
  for (const e of g.edges) if (g.routes[e.id] && !affected(e)) routes[e.id] = g.routes[e.id];
  return routes;
}

/** Deletes nodes and every edge that touches them. */
export function deleteNodes(state: EditorState, ids: readonly string[]): EditorState {
  const gone = new Set(ids.filter((id) => state.graph.nodes.some((n) => n.id === id)));
  if (gone.size === 0) return state;
  const g = state.graph;
  const edges = g.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to));
  const positions: Record<string, Point> = {};
  for (const [k, v] of Object.entries(g.positions)) if (!gone.has(k)) positions[k] = v;
  const graph: EditorGraph = {
    ...g,
    nodes: g.nodes.filter((n) => !gone.has(n.id)),
    edges,
    positions,
    routes: pickRoutes(g.routes, edges),
  };
  return keepSelectionValid(commit(state, graph));
}

function pickRoutes(routes: Record<string, Point[]>, edges: EditorEdge[]): Record<string, Point[]> {
  const out: Record<string, Point[]> = {};
  for (const e of edges) if (routes[e.id]) out[e.id] = routes[e.id];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Edges

/**
 * Connects two nodes (the new edge is selected, so its label can be typed next). Throws EditorError when a
 * node doesn't exist. Two edges between the same nodes are allowed (two answers may lead to one place).
 */
export function connect(state: EditorState, from: string, to: string, label?: string): EditorState {
  for (const id of [from, to])
    if (!state.graph.nodes.some((n) => n.id === id)) throw new EditorError(`There is no node "${id}"`);
  const id = `e${state.nextEdge}`;
  const edge: EditorEdge = label !== undefined && label !== "" ? { id, from, to, label } : { id, from, to };
  const graph = { ...state.graph, edges: [...state.graph.edges, edge] };
  return { ...commit(state, graph), nextEdge: state.nextEdge + 1, selection: { nodes: [], edges: [id] } };
}

export type EdgePatch = { label?: string; from?: string; to?: string };

/** Changes an edge's label (`""` removes it) or reconnects an end. */
export function updateEdge(state: EditorState, id: string, patch: EdgePatch): EditorState {
  const old = state.graph.edges.find((e) => e.id === id);
  if (!old) return state;
  for (const end of [patch.from, patch.to])
    if (end !== undefined && !state.graph.nodes.some((n) => n.id === end))
      throw new EditorError(`There is no node "${end}"`);
  const label = "label" in patch ? patch.label : old.label;
  const edge: EditorEdge = { id, from: patch.from ?? old.from, to: patch.to ?? old.to };
  if (label !== undefined && label !== "") edge.label = label;
  if (edge.from === old.from && edge.to === old.to && edge.label === old.label) return state;
  const rerouted = edge.from !== old.from || edge.to !== old.to;
  const graph: EditorGraph = {
    ...state.graph,
    edges: state.graph.edges.map((e) => (e.id === id ? edge : e)),
    routes: rerouted ? dropRoutes(state.graph, (e) => e.id === id) : state.graph.routes,
  };
  return commit(state, graph, !rerouted && Object.keys(patch).length === 1 ? `edge-label:${id}` : null);
}

export function deleteEdges(state: EditorState, ids: readonly string[]): EditorState {
  const gone = new Set(ids);
  const edges = state.graph.edges.filter((e) => !gone.has(e.id));
  if (edges.length === state.graph.edges.length) return state;
  return keepSelectionValid(commit(state, { ...state.graph, edges, routes: pickRoutes(state.graph.routes, edges) }));
}

/** Deletes the selected nodes (with their edges) and edges, as one undo step. */
export function deleteSelection(state: EditorState): EditorState {
  return deleteElements(state, state.selection);
}

/** Deletes nodes (with their edges) and edges as one undo step. */
export function deleteElements(state: EditorState, items: Partial<Selection>): EditorState {
  const nodes = new Set(items.nodes ?? []);
  const edgeIds = new Set(items.edges ?? []);
  const g = state.graph;
  const keepNodes = g.nodes.filter((n) => !nodes.has(n.id));
  const edges = g.edges.filter((e) => !edgeIds.has(e.id) && !nodes.has(e.from) && !nodes.has(e.to));
  if (keepNodes.length === g.nodes.length && edges.length === g.edges.length) return state;
  const positions: Record<string, Point> = {};
  for (const [k, v] of Object.entries(g.positions)) if (!nodes.has(k)) positions[k] = v;
  return keepSelectionValid(
    commit(state, { ...g, nodes: keepNodes, edges, positions, routes: pickRoutes(g.routes, edges) }),
  );
}

// ---------------------------------------------------------------------------------------------
// The flow as a whole

/** Changes the flow's id or title. Throws EditorError for an id that isn't a valid flow id. */
export function setFlowMeta(state: EditorState, meta: { id?: string; title?: string }): EditorState {
  if (meta.id !== undefined && !UNICODE_SLUG_RE.test(meta.id))
    throw new EditorError("A flow id is lower-case letters, digits and dashes, e.g. refund-decision");
  const id = meta.id ?? state.graph.id;
  const title = meta.title ?? state.graph.title;
  if (id === state.graph.id && title === state.graph.title) return state;
  return commit(state, { ...state.graph, id, title }, meta.id === undefined ? "flow-title" : null);
}

function laidOut(graph: EditorGraph, direction: LayoutDirection): EditorGraph {
  const layout = layoutFlow({ nodes: graph.nodes, edges: graph.edges }, { direction });
  const positions: Record<string, Point> = {};
  for (const n of layout.nodes) positions[n.id] = { x: n.x, y: n.y };
  // layoutFlow keeps the edges whose ends exist, in order: match them back to the editor's edge ids.
  const valid = graph.edges.filter((e) => positions[e.from] && positions[e.to]);
  const routes: Record<string, Point[]> = {};
  valid.forEach((e, i) => {
    const points = layout.edges[i]?.points;
    if (points && points.length) routes[e.id] = points;
  });
  return { ...graph, positions, routes };
}

/** Lays the whole flow out again (dagre, the same layout the SOP page uses). */
export function autoLayout(state: EditorState, direction: LayoutDirection = state.direction): EditorState {
  return { ...commit(state, laidOut(state.graph, direction)), direction };
}

/** Replaces the whole graph (paste Mermaid → Replace). The flow keeps its id and title unless `keepMeta` is false. */
export function replaceGraph(
  state: EditorState,
  flow: FlowGraph,
  { keepMeta = true }: { keepMeta?: boolean } = {},
): EditorState {
  const fresh = createEditorState(flow, { direction: state.direction });
  const graph = {
    ...fresh.graph,
    id: keepMeta ? state.graph.id : flow.id,
    title: keepMeta ? state.graph.title : flow.title,
  };
  // Edge ids continue from the current counter so undo/redo never mixes two edges with one id.
  const offset = state.nextEdge - 1;
  const edges = graph.edges.map((e) => ({ ...e, id: `e${Number(e.id.slice(1)) + offset}` }));
  const routes: Record<string, Point[]> = {};
  for (const [k, v] of Object.entries(graph.routes)) routes[`e${Number(k.slice(1)) + offset}`] = v;
  const next = commit(state, { ...graph, edges, routes });
  return { ...next, nextEdge: state.nextEdge + edges.length, selection: { nodes: [], edges: [] } };
}

/**
 * Adds another flow's nodes and edges (paste Mermaid → Add). Clashing node ids get a suffix; when both
 * flows have a start, the added one becomes an action so the flow keeps one start. The added part is laid
 * out on its own, to the right of the drawing, and selected. Returns notes for the author.
 */
export function mergeGraph(state: EditorState, flow: FlowGraph): { state: EditorState; notes: string[] } {
  const notes: string[] = [];
  const g = state.graph;
  const used = new Set(g.nodes.map((n) => n.id));
  const rename = new Map<string, string>();
  const hasStart = g.nodes.some((n) => n.type === "start");
  const seen = new Set<string>();
  const added: EditorNode[] = [];
  for (const n of flow.nodes) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    let id = n.id;
    if (used.has(id)) {
      let i = 2;
      while (used.has(`${n.id}-${i}`) || seen.has(`${n.id}-${i}`)) i++;
      id = `${n.id}-${i}`;
      notes.push(`The added node "${n.id}" is now "${id}" (the flow already had that id).`);
    }
    used.add(id);
    rename.set(n.id, id);
    const node = { ...copyNode(n), id };
    if (node.type === "start" && hasStart) {
      node.type = "action";
      notes.push(`The added start "${id}" became an action: connect it from your flow.`);
    }
    added.push(node);
  }
  const part = layoutFlow(
    {
      nodes: added,
      edges: flow.edges.map((e) => ({ ...e, from: rename.get(e.from) ?? e.from, to: rename.get(e.to) ?? e.to })),
    },
    { direction: state.direction },
  );
  const right = g.nodes.reduce((m, n) => Math.max(m, (g.positions[n.id]?.x ?? 0) + NODE_SIZES[n.type].width), 0);
  const top = g.nodes.length ? Math.min(...g.nodes.map((n) => g.positions[n.id]?.y ?? 0)) : 0;
  const dx = g.nodes.length ? right + SPACING.nodesep * 2 : 0;
  const positions = { ...g.positions };
  for (const n of part.nodes) positions[n.id] = { x: n.x + dx, y: n.y + top };
  let nextEdge = state.nextEdge;
  const edges: EditorEdge[] = [];
  const routes = { ...g.routes };
  part.edges.forEach((e) => {
    const id = `e${nextEdge++}`;
    edges.push(e.label !== undefined ? { id, from: e.from, to: e.to, label: e.label } : { id, from: e.from, to: e.to });
    if (e.points.length) routes[id] = e.points.map((p) => ({ x: p.x + dx, y: p.y + top }));
  });
  const graph: EditorGraph = { ...g, nodes: [...g.nodes, ...added], edges: [...g.edges, ...edges], positions, routes };
  const next = {
    ...commit(state, graph),
    nextEdge,
    selection: { nodes: added.map((n) => n.id), edges: edges.map((e) => e.id) },
  };
  return { state: next, notes };
}

// ---------------------------------------------------------------------------------------------
// Output

const clean = (s: string) => s.trim();

/** The flow model (what gets saved): values trimmed, as the SOP parser would read them back. */
export function toFlowModel(state: EditorState): FlowModel {
  const g = state.graph;
  const nodes: FlowModelNode[] = g.nodes.map((n) => {
    const node: FlowModelNode = { id: n.id, type: n.type, label: clean(n.label) };
    for (const k of NODE_ATTRIBUTE_KEYS) {
      const v = n[k];
      if (v !== undefined && clean(v) !== "") node[k] = clean(v);
    }
    return node;
  });
  const edges: FlowModelEdge[] = g.edges.map((e) =>
    e.label !== undefined && clean(e.label) !== ""
      ? { from: e.from, to: e.to, label: clean(e.label) }
      : { from: e.from, to: e.to },
  );
  const model: FlowModel = { id: g.id, title: clean(g.title), nodes, edges };
  if (state.origin.stepId !== undefined) model.stepId = state.origin.stepId;
  return model;
}

/** The `<Flow>` block the editor writes (serializeFlow). */
export function toFlowSource(state: EditorState, options: SerializeOptions = {}): string {
  return serializeFlow(toFlowModel(state), options);
}

/**
 * Writes the flow back into an SOP source: replaces the `<Flow>` the editor was opened on (by its original
 * id), or appends it when the source has none. Every other byte of the source is kept.
 */
export function writeFlowToSource(source: string, state: EditorState): string {
  return replaceFlowInSource(source, state.origin.flowId, toFlowModel(state));
}

// ---------------------------------------------------------------------------------------------
// Validation for the live panel

export type EditorDiagnostic = {
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
  /** The MDX line the node/edge will be written on (counted from the <Flow> line, 1 when unknown). */
  line: number;
  nodeId?: string;
  edgeId?: string;
};

export type DiagnosticsContext = {
  /** The SOP's step ids: `goto` targets are checked against them when given. */
  stepIds?: readonly string[];
  /**
   * Fields captured elsewhere in the SOP (by <Field>s and other flows). When given, `{field}` references
   * are checked against them plus the fields this flow's nodes capture; when left out they aren't checked.
   */
  capturedFields?: readonly string[];
};

/**
 * Every problem of the flow being edited, each tied to its node or edge: the structure the SOP parser
 * checks (ids, labels, required attributes, goto targets) plus the graph rules (validate.ts). Never throws.
 */
export function editorDiagnostics(
  state: Pick<EditorState, "graph" | "origin">,
  context: DiagnosticsContext = {},
): EditorDiagnostic[] {
  const g = state.graph;
  const base = state.origin.line ?? 1;
  const nodeLine = (i: number) => base + 1 + i;
  const edgeLine = (j: number) => base + 1 + g.nodes.length + j;
  const out: EditorDiagnostic[] = [];
  const push = (
    severity: Severity,
    code: string,
    message: string,
    at: { line: number; nodeId?: string; edgeId?: string },
    hint?: string,
  ) => {
    const d: EditorDiagnostic = { severity, code, message, line: at.line };
    if (hint) d.hint = hint;
    if (at.nodeId !== undefined) d.nodeId = at.nodeId;
    if (at.edgeId !== undefined) d.edgeId = at.edgeId;
    out.push(d);
  };

  // ---- the flow itself
  if (!UNICODE_SLUG_RE.test(g.id))
    push(
      "error",
      "invalid-attribute",
      `The flow id "${g.id}" is not valid`,
      { line: base },
      "use lower-case letters, digits and dashes, e.g. refund-decision",
    );
  if (clean(g.title) === "")
    push(
      "error",
      "missing-attribute",
      "The flow has no title",
      { line: base },
      "give the flow a title, e.g. “Can we refund directly?”",
    );
  if (g.nodes.length === 0)
    push("error", "empty-flow", "The flow has no nodes", { line: base }, "add a start node from the palette");

  // ---- nodes
  const steps = context.stepIds ? new Set(context.stepIds) : null;
  const seen = new Set<string>();
  g.nodes.forEach((n, i) => {
    const at = { line: nodeLine(i), nodeId: n.id };
    const name = `${n.type} node "${n.id}"`;
    if (!NODE_ID_RE.test(n.id))
      push("error", "invalid-attribute", `The node id "${n.id}" may only contain letters, digits, - and _`, at);
    if (seen.has(n.id)) push("error", "duplicate-id", `Two nodes have the id "${n.id}"`, at, "rename one of them");
    seen.add(n.id);
    if (clean(n.label) === "")
      push(
        "error",
        "missing-attribute",
        `The ${name} has no label`,
        at,
        "write what the agent sees, e.g. “Is the customer verified?”",
      );
    if (n.type === "goto") {
      const step = n.step !== undefined ? clean(n.step) : "";
      if (step === "")
        push(
          "error",
          "missing-attribute",
          `The goto node "${n.id}" has no step to jump to`,
          at,
          "pick the step in the side panel",
        );
      else if (steps && !steps.has(step))
        push(
          "error",
          "unknown-step",
          `The goto node "${n.id}" jumps to step "${step}", which this SOP does not have`,
          at,
          "pick one of the SOP's steps",
        );
    }
    if (n.type === "sop" && (n.sop === undefined || clean(n.sop) === ""))
      push(
        "error",
        "missing-attribute",
        `The sop node "${n.id}" doesn't say which SOP to continue in`,
        at,
        "type the other SOP's id, e.g. refund-and-return",
      );
    if (n.field !== undefined && clean(n.field) !== "" && !FIELD_NAME_RE.test(clean(n.field)))
      push(
        "error",
        "invalid-attribute",
        `The field name "${n.field}" of the ${name} is not valid`,
        at,
        "a field name is lower_snake_case, e.g. customer_name",
      );
  });

  // ---- graph rules: give each node and edge a synthetic position (line = index, column = kind), map back.
  const ids = new Set(g.nodes.map((n) => n.id));
  const edgesIn = g.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const positioned = {
    id: g.id,
    title: g.title,
    position: { line: 1, column: 1 },
    nodes: g.nodes.map((n, i) => ({ ...toFlowModelNode(n), position: { line: i + 1, column: 2 } })),
    edges: edgesIn.map((e) => {
      const edge: FlowModelEdge = { from: e.from, to: e.to, position: { line: g.edges.indexOf(e) + 1, column: 3 } };
      if (e.label !== undefined && clean(e.label) !== "") edge.label = clean(e.label);
      return edge;
    }),
  };
  let fields: Set<string> | undefined;
  if (context.capturedFields) {
    fields = new Set(context.capturedFields);
    for (const n of g.nodes) if (n.field) fields.add(clean(n.field));
  }
  for (const d of checkFlowGraph(positioned, { capturedFields: fields })) {
    const at =
      d.column === 2
        ? { line: nodeLine(d.line - 1), nodeId: g.nodes[d.line - 1]?.id }
        : d.column === 3
          ? { line: edgeLine(d.line - 1), edgeId: g.edges[d.line - 1]?.id, nodeId: g.edges[d.line - 1]?.from }
          : { line: base };
    push(d.severity, d.code, d.message, at, d.hint);
  }
  return out.sort((a, b) => (a.severity === b.severity ? a.line - b.line : a.severity === "error" ? -1 : 1));
}

function toFlowModelNode(n: EditorNode): FlowModelNode {
  const node: FlowModelNode = { id: n.id, type: n.type, label: clean(n.label) || n.id };
  for (const k of NODE_ATTRIBUTE_KEYS) if (n[k] !== undefined && clean(n[k]!) !== "") node[k] = clean(n[k]!);
  return node;
}

/** The fields an SOP captures outside one flow (its <Field>s and the other flows' nodes): the editor's context. */
export function fieldsOutsideFlow(doc: SopDocument, flowId: string): string[] {
  const names = new Set(doc.fields.map((f) => f.name));
  for (const f of doc.flows) if (f.id !== flowId) for (const n of f.nodes) if (n.field) names.add(n.field);
  return [...names];
}
