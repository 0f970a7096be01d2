// Flow + layout → React Flow nodes and edges. Pure (type-only imports from React Flow): the viewer, the
// editor and the benchmarks share it, and it runs the same on the server and in the browser.
import type { Edge, Node, NodeHandle, Position } from "@xyflow/react";
import type { FlowNodeType } from "../../sop-schema/types";
import type { FlowLayout, LayoutDirection, Point } from "../layout";
import { NODE_SIZES } from "../layout";
import type { FlowGraph, FlowModelEdge, FlowModelNode } from "../model";
import { edgeKey, handleBounds, highlightSets } from "./geometry";
import type { Highlight } from "./geometry";
import { heatArrowSize } from "./heat";
import type { EdgeHeat, HeatView, NodeHeat } from "./heat";
import { nodeAriaLabel, nodeExtra } from "./labels";

export type FlowNodeData = {
  node: Omit<FlowModelNode, "position">;
  direction: LayoutDirection;
  /** Type-specific extra shown under the label (escalate to/reason, goto step, sop id, outcome). */
  extra?: string;
  /** Viewer: the current node and the nodes already passed. */
  state?: "current" | "visited";
  /** Editor: the worst problem the live validation found on this node. */
  problem?: "error" | "warning";
  /** Direction of the SOP's text (node labels follow it; the drawing itself stays left-to-right). */
  textDir?: "ltr" | "rtl";
  /** Drawn for a reader (an agent), not an author: no field names or outcome ids on the node. */
  reader?: boolean;
  /** Path heat: the runs that reached the node and the outcomes of those that ended there. */
  heat?: NodeHeat;
};
export type FlowRfNode = Node<FlowNodeData, FlowNodeType>;

export type FlowEdgeData = {
  label?: string;
  /** Bend points from the layout; without them the edge is drawn as a smooth step between the handles. */
  points?: Point[];
  labelPosition?: Point;
  /** Viewer: on the path taken. */
  taken?: boolean;
  /** Editor: the live validation found a problem on this edge. */
  problem?: boolean;
  /** Path heat: the runs that took the edge, its stroke width and the figure after its label. */
  heat?: EdgeHeat;
};
export type FlowRfEdge = Edge<FlowEdgeData, "flow">;

/** Theme tokens (app/app.css), so the arrow heads follow the light and dark palettes like the edges do. */
export const EDGE_COLORS = {
  normal: "var(--fd-edge)",
  taken: "var(--brand)",
  selected: "var(--focus)",
  problem: "var(--danger)",
};

/** An arrow head of a fixed size (user-space units, so thick "taken" edges don't get huge heads). */
export function arrow(color: string, size = 16) {
  return {
    type: "arrowclosed" as const,
    color,
    width: size,
    height: size,
    markerUnits: "userSpaceOnUse",
    strokeWidth: 1,
  };
}

/** The node's data, where to draw it and its accessible name. */
export type RfNodeInput = FlowNodeData & { position: Point; ariaLabel: string };

/** One React Flow node with its fixed size and handle bounds, so it renders without measuring (SSR). */
export function rfNode(input: RfNodeInput): FlowRfNode {
  const { width, height } = NODE_SIZES[input.node.type] ?? NODE_SIZES.action;
  const data: FlowNodeData = { node: input.node, direction: input.direction };
  if (input.extra !== undefined) data.extra = input.extra;
  if (input.state) data.state = input.state;
  if (input.problem) data.problem = input.problem;
  if (input.textDir) data.textDir = input.textDir;
  if (input.reader) data.reader = true;
  if (input.heat) data.heat = input.heat;
  return {
    id: input.node.id,
    type: input.node.type,
    position: input.position,
    width,
    height,
    handles: handleBounds(input.node.type, input.direction).map((h): NodeHandle => ({
      ...h,
      position: h.position as Position,
    })),
    data,
    ariaLabel: input.ariaLabel,
  };
}

export type ViewerOptions = {
  highlight?: Highlight;
  direction?: LayoutDirection;
  stepTitle?: (id: string) => string | undefined;
  textDir?: "ltr" | "rtl";
  /** false: drawn for people who run SOPs, not write them (no field names, outcome ids). Default true. */
  authoring?: boolean;
  /**
   * Path heat mapped by heatView over this layout's edges (same order) and the flow's nodes. Independent of
   * `highlight`: heat sets widths, dashes and fading, the highlight colours.
   */
  heat?: HeatView;
};

/**
 * The read-only diagram: nodes at their layout positions, edges along their routes, the path highlighted, the heat
 * drawn.
 */
export function viewerElements(
  flow: Pick<FlowGraph, "nodes" | "edges">,
  layout: FlowLayout,
  options: ViewerOptions = {},
): { nodes: FlowRfNode[]; edges: FlowRfEdge[] } {
  const direction = options.direction ?? "TB";
  const { visited, taken, current } = highlightSets(options.highlight);
  const reader = options.authoring === false;
  const byId = new Map<string, FlowGraph["nodes"][number]>();
  for (const n of flow.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const outgoing = new Map<string, FlowModelEdge[]>();
  for (const e of flow.edges) {
    if (!byId.has(e.from) || !byId.has(e.to)) continue;
    const list = outgoing.get(e.from) ?? [];
    list.push(e);
    outgoing.set(e.from, list);
  }
  const labelOf = (id: string) => byId.get(id)?.label ?? id;
  const nodes: FlowRfNode[] = [];
  for (const l of layout.nodes) {
    const n = byId.get(l.id);
    if (!n) continue;
    const state = n.id === current ? "current" : visited.has(n.id) ? "visited" : undefined;
    const heat = options.heat?.nodes.get(n.id);
    const node: Omit<FlowModelNode, "position"> = { id: n.id, type: n.type, label: n.label };
    for (const k of ["to", "reason", "step", "sop", "field", "outcome"] as const)
      if (n[k] !== undefined) node[k] = n[k];
    nodes.push({
      ...rfNode({
        node,
        position: { x: l.x, y: l.y },
        direction,
        extra: nodeExtra(n, options.stepTitle, { reader }),
        state,
        textDir: options.textDir,
        reader,
        heat,
        ariaLabel: nodeAriaLabel(n, outgoing.get(n.id) ?? [], labelOf, {
          state,
          stepTitle: options.stepTitle,
          reader,
          traffic: heat?.spoken,
        }),
      }),
      // Per element (not only the <ReactFlow> props, which apply after hydration) so the server HTML agrees.
      draggable: false,
      selectable: false,
      connectable: false,
    });
  }
  const edges: FlowRfEdge[] = layout.edges.map((e, i) => {
    const isTaken = taken.has(edgeKey(e.from, e.to));
    const data: FlowEdgeData = { points: e.points };
    if (e.label !== undefined) data.label = e.label;
    if (e.labelPosition) data.labelPosition = e.labelPosition;
    if (isTaken) data.taken = true;
    const heat = options.heat?.edges[i];
    if (heat) data.heat = heat;
    const size = heat ? heatArrowSize(heat.width) : 16;
    return {
      id: `e${i}`,
      source: e.from,
      target: e.to,
      type: "flow",
      data,
      markerEnd: isTaken ? arrow(EDGE_COLORS.taken, Math.max(19, size)) : arrow(EDGE_COLORS.normal, size),
      zIndex: isTaken ? 1 : 0,
      focusable: false,
      selectable: false,
      ariaLabel:
        `${labelOf(e.from)} ` + `to ${labelOf(e.to)}${e.label ? `: ${e.label}` : ""}${heat ? `, ${heat.spoken}` : ""}`,
    };
  });
  return { nodes, edges };
}
