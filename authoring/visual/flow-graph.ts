// A Flow block's boxes and arrows as the read-only diagram draws them (flows/ui/flow-viewer.tsx). Pure and
// browser-safe. Lenient like the forms: a box without an id, with two ids the same or an unknown type is left
// out, and an arrow to a box that is not there too (the diagnostics say what is wrong, on the Flow block).
import { NODE_TYPES, type FlowNodeType } from "../../sop-schema/types";
import type { FlowGraph } from "../../flows/model";
import type { Block, ComponentBlock } from "./model";
import type { EdgeProps, NodeProps } from "./props";

export type FlowPicture = Pick<FlowGraph, "id" | "title" | "nodes" | "edges">;

const isType = (t: unknown): t is FlowNodeType => (NODE_TYPES as readonly unknown[]).includes(t);

function components(blocks: readonly Block[], name: "Node" | "Edge"): ComponentBlock[] {
  return blocks.filter((b): b is ComponentBlock => b.kind === "component" && b.name === name);
}

/** The graph of a Flow block's <Node>/<Edge> children. */
export function flowPicture(block: ComponentBlock): FlowPicture {
  const props = block.props as { id?: string; title?: string };
  const blocks = block.children?.blocks ?? [];
  const nodes: FlowPicture["nodes"][number][] = [];
  const ids = new Set<string>();
  for (const b of components(blocks, "Node")) {
    const p = b.props as NodeProps;
    if (!p.id || ids.has(p.id) || !isType(p.type)) continue;
    ids.add(p.id);
    const node: FlowPicture["nodes"][number] = { id: p.id, type: p.type, label: p.label ?? "" };
    for (const key of ["to", "reason", "step", "sop", "field", "outcome"] as const) if (p[key]) node[key] = p[key];
    nodes.push(node);
  }
  const edges: FlowPicture["edges"][number][] = [];
  for (const b of components(blocks, "Edge")) {
    const p = b.props as EdgeProps;
    if (!p.from || !p.to || !ids.has(p.from) || !ids.has(p.to)) continue;
    edges.push(p.label ? { from: p.from, to: p.to, label: p.label } : { from: p.from, to: p.to });
  }
  return { id: props.id ?? "", title: props.title ?? "", nodes, edges };
}

/** What the visual editor calls one box or arrow of a flow, in plain words (for its problems on the Flow block). */
export function flowPartName(block: Block): string | null {
  if (block.kind !== "component") return null;
  if (block.name === "Node") {
    const p = block.props as NodeProps;
    const what = p.label?.trim() || p.id;
    return what ? `the box “${what}”` : "a box";
  }
  if (block.name === "Edge") {
    const p = block.props as EdgeProps;
    if (p.from && p.to) return `the arrow from “${p.from}” to “${p.to}”`;
    return "an arrow";
  }
  return null;
}
