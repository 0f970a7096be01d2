// Path heat: how live calls went through a flow (analytics/ computes it from the runs' answers; the viewer
// draws it). Pure data, shared by the aggregation and the React Flow view.

export type FlowHeatEdge = {
  from: string;
  to: string;
  /** the answer's label when the flow's edge has one (two answers may lead to the same node) */
  label?: string;
  /** runs that took this edge (a run that went round a loop counts once per edge) */
  runs: number;
  /** runs / FlowHeat.runs, 0–1 */
  share: number;
};

export type FlowHeatNode = {
  /** runs that reached this node */
  runs: number;
  /** for end nodes (and any node a run stopped at): wrapped-up runs by outcome */
  outcomes?: Record<string, number>;
};

export type FlowHeat = {
  flowId: string;
  /** live runs that answered at least one question of this flow (the 100 % of every share) */
  runs: number;
  edges: FlowHeatEdge[];
  nodes: Record<string, FlowHeatNode>;
};

/** An edge's key in a heat map: its ends and its label (the viewer and the aggregation agree on it). */
export function heatEdgeKey(from: string, to: string, label?: string | null): string {
  return `${from}\u0000${to}\u0000${label ?? ""}`;
}
