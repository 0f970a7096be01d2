// Pure, synchronous, deterministic layout of a decision flow with dagre (see docs/decisions/007-flow-layout.md).
// Browser-safe: runs the same on the server (first HTML) and in the editor's auto-layout button.
import dagre from "@dagrejs/dagre";
import type { FlowNodeType } from "../sop-schema/types";
import type { FlowGraph } from "./model";

export type LayoutDirection = "TB" | "LR";
export type LayoutRanker = "network-simplex" | "longest-path";
export type LayoutOptions = {
  direction?: LayoutDirection;
  /**
   * dagre's ranking algorithm. Default: network-simplex (compact, what ADR 007 measured) below
   * LARGE_FLOW_NODES nodes, longest-path from there on (network simplex grows to ~20 s at 5,000 nodes; ADR 007).
   */
  ranker?: LayoutRanker;
  /** dagre's crossing-reduction sweeps. Default: on below LARGE_FLOW_NODES nodes, off from there on. */
  crossingSweeps?: boolean;
};

/** From this many nodes on, the default ranker is longest-path (ADR 007, "Update"). */
export const LARGE_FLOW_NODES = 1000;
export type Point = { x: number; y: number };
/** `x`, `y` are the node's top-left corner (React Flow's convention), in pixels. */
export type LayoutNode = { id: string; x: number; y: number; width: number; height: number };
export type LayoutEdge = { from: string; to: string; label?: string; points: Point[]; labelPosition?: Point };
export type FlowLayout = { nodes: LayoutNode[]; edges: LayoutEdge[]; width: number; height: number };

/** Fixed sizes per node type, so the server can draw the diagram before any text is measured. */
export const NODE_SIZES: Record<FlowNodeType, { width: number; height: number }> = {
  start: { width: 180, height: 48 },
  question: { width: 240, height: 96 },
  action: { width: 220, height: 64 },
  say: { width: 240, height: 72 },
  escalate: { width: 220, height: 72 },
  end: { width: 200, height: 56 },
  goto: { width: 200, height: 56 },
  sop: { width: 200, height: 56 },
};

/** Edge labels get a box sized from their length (no text measuring: same answer everywhere). */
export const EDGE_LABEL = { charWidth: 7, minWidth: 32, maxWidth: 180, lineHeight: 18, padding: 8 };

export const SPACING = { nodesep: 48, ranksep: 56, edgesep: 16, margin: 16 };

function labelBox(label: string): { width: number; height: number } {
  const chars = [...label].length;
  const inner = EDGE_LABEL.maxWidth - EDGE_LABEL.padding;
  const lines = Math.max(1, Math.ceil((chars * EDGE_LABEL.charWidth) / inner));
  const width = Math.min(
    EDGE_LABEL.maxWidth,
    Math.max(EDGE_LABEL.minWidth, chars * EDGE_LABEL.charWidth + EDGE_LABEL.padding),
  );
  return { width, height: Math.min(4, lines) * EDGE_LABEL.lineHeight + 4 };
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Lays out a flow top-to-bottom (default) or left-to-right. Same flow in, same picture out: dagre is
 * deterministic for a given insertion order, and nodes and edges are inserted in document order.
 * Edges that point to missing nodes are left out; duplicate node ids keep the first node.
 */
export function layoutFlow(flow: Pick<FlowGraph, "nodes" | "edges">, options: LayoutOptions = {}): FlowLayout {
  const direction = options.direction ?? "TB";
  const seen = new Set<string>();
  const nodes = flow.nodes.filter((n) => !seen.has(n.id) && seen.add(n.id));
  if (nodes.length === 0) return { nodes: [], edges: [], width: 0, height: 0 };
  const edges = flow.edges.filter((e) => seen.has(e.from) && seen.has(e.to));

  const large = nodes.length >= LARGE_FLOW_NODES;
  const g = new dagre.graphlib.Graph({ multigraph: true, directed: true });
  g.setGraph({
    rankdir: direction,
    ranker: options.ranker ?? (large ? "longest-path" : "network-simplex"),
    nodesep: SPACING.nodesep,
    ranksep: SPACING.ranksep,
    edgesep: SPACING.edgesep,
    marginx: SPACING.margin,
    marginy: SPACING.margin,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { ...(NODE_SIZES[n.type] ?? NODE_SIZES.action) });
  edges.forEach((e, i) => {
    const box = e.label ? labelBox(e.label) : { width: 0, height: 0 };
    g.setEdge(e.from, e.to, { ...box, labelpos: "c" }, `e${i}`);
  });
  // Large flows also skip dagre's crossing-reduction sweeps: half the time at 5,000 nodes, and a call-flow tree
  // laid out in depth-first order has few crossings to begin with.
  dagre.layout(g, (options.crossingSweeps ?? !large) ? undefined : { disableOptimalOrderHeuristic: true });

  const graph = g.graph() as { width?: number; height?: number };
  const outNodes: LayoutNode[] = nodes.map((n) => {
    const v = g.node(n.id) as { x: number; y: number; width: number; height: number };
    return { id: n.id, x: round(v.x - v.width / 2), y: round(v.y - v.height / 2), width: v.width, height: v.height };
  });
  const outEdges: LayoutEdge[] = edges.map((e, i) => {
    const v = g.edge({ v: e.from, w: e.to, name: `e${i}` }) as { points?: Point[]; x?: number; y?: number };
    const edge: LayoutEdge = {
      from: e.from,
      to: e.to,
      points: (v.points ?? []).map((p) => ({ x: round(p.x), y: round(p.y) })),
    };
    if (e.label !== undefined) {
      edge.label = e.label;
      if (typeof v.x === "number" && typeof v.y === "number") edge.labelPosition = { x: round(v.x), y: round(v.y) };
    }
    return edge;
  });
  // dagre's graph size can miss self-loop bends: take the bounding box of everything drawn.
  let width = graph.width ?? 0;
  let height = graph.height ?? 0;
  for (const n of outNodes) {
    width = Math.max(width, n.x + n.width + SPACING.margin);
    height = Math.max(height, n.y + n.height + SPACING.margin);
  }
  for (const e of outEdges)
    for (const p of e.points) {
      width = Math.max(width, p.x + SPACING.margin);
      height = Math.max(height, p.y + SPACING.margin);
    }
  return { nodes: outNodes, edges: outEdges, width: Math.ceil(width), height: Math.ceil(height) };
}
