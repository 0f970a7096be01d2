// The decision-flow model: one zod schema, types inferred from it. Pure and browser-safe.
//
// sop-schema parses `<Flow>` blocks out of an SOP into its `Flow` type (with MDX positions). This module
// is the flow's own contract, used by the editor, the Mermaid importer, the serialiser and the layout:
// the same shape, with positions optional (a flow built in the editor or imported from Mermaid has no
// MDX position) and `stepId` optional (a flow that is not yet in an SOP belongs to no step).
import { z } from "zod";
import { NODE_TYPES } from "../sop-schema/types";
import type { Flow, FlowNodeType } from "../sop-schema/types";
import { FIELD_NAME_RE, NODE_ID_RE } from "../sop-schema/components";
import { UNICODE_SLUG_RE } from "../sop-schema/slug";

export { NODE_TYPES, NODE_ID_RE, FIELD_NAME_RE };
export type { FlowNodeType };

/** Nodes that end the flow: nothing after them is followed. */
export const TERMINAL_NODE_TYPES = ["end", "escalate", "goto", "sop"] as const satisfies readonly FlowNodeType[];
export type TerminalNodeType = (typeof TERMINAL_NODE_TYPES)[number];

export function isTerminal(type: FlowNodeType): type is TerminalNodeType {
  return (TERMINAL_NODE_TYPES as readonly string[]).includes(type);
}

/** The optional node attributes, in the order the serialiser writes them. */
export const NODE_ATTRIBUTE_KEYS = ["to", "reason", "step", "sop", "field", "outcome"] as const;
export type NodeAttributeKey = (typeof NODE_ATTRIBUTE_KEYS)[number];

export const positionSchema = z.object({ line: z.number().int().min(1), column: z.number().int().min(1) });

/** Non-empty text without leading or trailing white space (the SOP parser trims attribute values). */
const label = (what: string) =>
  z
    .string()
    .refine((v) => v.trim().length > 0, { error: `${what} is empty` })
    .refine((v) => v === v.trim(), { error: `${what} starts or ends with white space` });

export const flowNodeSchema = z.object({
  id: z.string().regex(NODE_ID_RE, { error: "a node id may only contain letters, digits, - and _" }),
  type: z.enum(NODE_TYPES),
  label: label("the node label"),
  to: label("`to`").optional(),
  reason: label("`reason`").optional(),
  step: label("`step`").optional(),
  sop: label("`sop`").optional(),
  field: z.string().regex(FIELD_NAME_RE, { error: "a field name is lower_snake_case, e.g. customer_name" }).optional(),
  outcome: label("`outcome`").optional(),
  position: positionSchema.optional(),
});

export const flowEdgeSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  label: label("the edge label").optional(),
  position: positionSchema.optional(),
});

export const flowSchema = z
  .object({
    id: z
      .string()
      .regex(UNICODE_SLUG_RE, { error: "a flow id is lower-case letters, digits and dashes, e.g. refund-decision" }),
    title: label("the flow title"),
    stepId: z.string().optional(),
    nodes: z.array(flowNodeSchema),
    edges: z.array(flowEdgeSchema),
    position: positionSchema.optional(),
  })
  .superRefine((flow, ctx) => {
    // Structure only (what sop-schema checks when parsing MDX); graph rules live in validate.ts.
    const ids = new Set<string>();
    flow.nodes.forEach((n, i) => {
      if (ids.has(n.id))
        ctx.addIssue({ code: "custom", path: ["nodes", i, "id"], message: `two nodes have the id "${n.id}"` });
      ids.add(n.id);
    });
    flow.edges.forEach((e, i) => {
      for (const end of ["from", "to"] as const)
        if (!ids.has(e[end]))
          ctx.addIssue({ code: "custom", path: ["edges", i, end], message: `edge ${end} "${e[end]}": no such node` });
    });
  });

export type FlowModel = z.infer<typeof flowSchema>;
export type FlowModelNode = z.infer<typeof flowNodeSchema>;
export type FlowModelEdge = z.infer<typeof flowEdgeSchema>;

/** Anything with the graph part of a flow (sop-schema's Flow and FlowModel both fit). */
export type FlowGraph = {
  id: string;
  title: string;
  nodes: readonly FlowModelNode[];
  edges: readonly FlowModelEdge[];
};

/** sop-schema's parsed Flow → the flow model (plain copy, keys with no value left out). */
export function fromSopFlow(flow: Flow): FlowModel {
  const nodes = flow.nodes.map((n) => {
    const node: FlowModelNode = { id: n.id, type: n.type, label: n.label };
    for (const k of NODE_ATTRIBUTE_KEYS) if (n[k] !== undefined) node[k] = n[k];
    node.position = { line: n.position.line, column: n.position.column };
    return node;
  });
  const edges = flow.edges.map((e) => {
    const edge: FlowModelEdge = { from: e.from, to: e.to };
    if (e.label !== undefined) edge.label = e.label;
    edge.position = { line: e.position.line, column: e.position.column };
    return edge;
  });
  return { id: flow.id, title: flow.title, stepId: flow.stepId, nodes, edges, position: { ...flow.position } };
}

/** The graph without positions or step: what "the same graph" means for round trips. */
export function graphOf(flow: FlowGraph): {
  id: string;
  title: string;
  nodes: FlowModelNode[];
  edges: FlowModelEdge[];
} {
  return {
    id: flow.id,
    title: flow.title,
    nodes: flow.nodes.map((n) => {
      const node: FlowModelNode = { id: n.id, type: n.type, label: n.label };
      for (const k of NODE_ATTRIBUTE_KEYS) if (n[k] !== undefined) node[k] = n[k];
      return node;
    }),
    edges: flow.edges.map((e) => {
      const edge: FlowModelEdge = { from: e.from, to: e.to };
      if (e.label !== undefined) edge.label = e.label;
      return edge;
    }),
  };
}

/** Validates unknown input (an editor save, a JSON file) against the flow schema. */
export function parseFlowModel(
  input: unknown,
): { success: true; flow: FlowModel } | { success: false; errors: string[] } {
  const r = flowSchema.safeParse(input);
  if (r.success) return { success: true, flow: r.data };
  return {
    success: false,
    errors: r.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)),
  };
}
