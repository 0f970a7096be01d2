// Words the flow diagrams show and read out. Pure (no React).
import type { FlowNodeType } from "../../sop-schema/types";
import type { FlowModelEdge, FlowModelNode } from "../model";

export const TYPE_NAMES: Record<FlowNodeType, string> = {
  start: "Start",
  question: "Question",
  action: "Action",
  say: "Say",
  escalate: "Escalate",
  end: "Outcome",
  goto: "Go to step",
  sop: "Other SOP",
};

/** One line per type for the editor's palette. */
export const TYPE_HINTS: Record<FlowNodeType, string> = {
  start: "Where the call enters the flow",
  question: "A decision: each answer is an edge",
  action: "Something the agent does",
  say: "A line the agent says",
  escalate: "Hand over to a person or team",
  end: "An outcome that ends the flow",
  goto: "Jump to a step of this SOP",
  sop: "Continue in another SOP",
};

type NodeLike = Pick<FlowModelNode, "id" | "type" | "label" | "to" | "reason" | "step" | "sop" | "field" | "outcome">;

/**
 * The type-specific extra a node shows under its label (escalate to/reason, goto step, sop id, outcome).
 * For a reader (`reader: true`, an agent) the outcome id, an authoring name, is left out.
 */
export function nodeExtra(
  node: NodeLike,
  stepTitle?: (id: string) => string | undefined,
  options: { reader?: boolean } = {},
): string | undefined {
  switch (node.type) {
    case "escalate":
      return [node.to ? `→ ${node.to}` : undefined, node.reason].filter(Boolean).join(" · ") || undefined;
    case "goto":
      return node.step ? `→ ${stepTitle?.(node.step) ?? node.step}` : undefined;
    case "sop":
      return node.sop ? `→ ${node.sop}` : undefined;
    case "end":
      return node.outcome && !options.reader ? `Outcome: ${node.outcome}` : undefined;
    default:
      return undefined;
  }
}

/** What a screen reader announces for a node: type, label, extras, state and where its edges lead. */
export function nodeAriaLabel(
  node: NodeLike,
  outgoing: readonly Pick<FlowModelEdge, "label" | "to">[],
  labelOf: (id: string) => string,
  options: {
    state?: "current" | "visited";
    stepTitle?: (id: string) => string | undefined;
    /** an agent: no field names or outcome ids */
    reader?: boolean;
    /** path heat: how many runs reached the node and how they wrapped up there (flows/ui/heat.ts) */
    traffic?: string;
  } = {},
): string {
  const parts = [`${TYPE_NAMES[node.type]}: ${node.label}`];
  if (node.type === "escalate") {
    if (node.to) parts.push(`hand over to ${node.to}`);
    if (node.reason) parts.push(`because ${node.reason}`);
  }
  if (node.type === "goto" && node.step) parts.push(`continues at step ${options.stepTitle?.(node.step) ?? node.step}`);
  if (node.type === "sop" && node.sop) parts.push(`continues in SOP ${node.sop}`);
  if (!options.reader) {
    if (node.type === "end" && node.outcome) parts.push(`outcome ${node.outcome}`);
    if (node.field) parts.push(`captures ${node.field}`);
  }
  if (options.state === "current") parts.push("you are here");
  else if (options.state === "visited") parts.push("already passed");
  if (options.traffic) parts.push(options.traffic);
  if (outgoing.length) {
    const list = outgoing.map((e) => (e.label ? `${e.label}: ${labelOf(e.to)}` : labelOf(e.to)));
    parts.push(node.type === "question" ? `answers — ${list.join("; ")}` : `next — ${list.join("; ")}`);
  }
  return `${parts.join(", ")}.`;
}
