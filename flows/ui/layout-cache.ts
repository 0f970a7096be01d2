// A small cache in front of layoutFlow for the viewer: the server draws the same published flows on every page
// view, and the runbook redraws the same flow at every step. The layout depends only on node ids and types
// (sizes are fixed per type), the edges and their labels' lengths (label boxes), and the direction.
import { layoutFlow } from "../layout";
import type { FlowLayout, LayoutOptions } from "../layout";
import type { FlowGraph } from "../model";

const MAX_ENTRIES = 200;
const cache = new Map<string, FlowLayout>();

export function layoutKey(flow: Pick<FlowGraph, "nodes" | "edges">, options: LayoutOptions = {}): string {
  const nodes = flow.nodes.map((n) => `${n.id}\u0001${n.type}`).join("\u0002");
  const edges = flow.edges
    .map((e) => `${e.from}\u0001${e.to}\u0001${e.label === undefined ? -1 : [...e.label].length}`)
    .join("\u0002");
  return `${options.direction ?? "TB"}\u0003${options.ranker ?? ""}\u0003${nodes}\u0003${edges}`;
}

/** layoutFlow, remembered for the last MAX_ENTRIES different graphs. The result is shared: don't mutate it. */
export function cachedLayout(flow: Pick<FlowGraph, "nodes" | "edges">, options: LayoutOptions = {}): FlowLayout {
  const key = layoutKey(flow, options);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return withLabels(hit, flow);
  }
  const layout = layoutFlow(flow, options);
  cache.set(key, layout);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return layout;
}

/** The cached layout with this flow's edge label texts (the key only knows their lengths). */
function withLabels(layout: FlowLayout, flow: Pick<FlowGraph, "nodes" | "edges">): FlowLayout {
  const ids = new Set(flow.nodes.map((n) => n.id));
  const labels = flow.edges.filter((e) => ids.has(e.from) && ids.has(e.to)).map((e) => e.label);
  if (layout.edges.every((e, i) => e.label === labels[i])) return layout;
  return { ...layout, edges: layout.edges.map((e, i) => (labels[i] === undefined ? e : { ...e, label: labels[i] })) };
}
