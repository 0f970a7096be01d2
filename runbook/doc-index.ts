// Lookup tables over one SopDocument, built once per document object and cached (documents are immutable:
// a run pins one published version). Internal to runbook/.
import { inlineText } from "../sop-schema/inline";
import { forEachVar, visitBlocks } from "../sop-schema/walk";
import type { Block, FieldDef, Flow, FlowEdge, FlowNode, SopDocument, Step } from "../sop-schema/types";

export const TERMINAL_TYPES = ["end", "escalate", "goto", "sop"] as const;
export type TerminalType = (typeof TERMINAL_TYPES)[number];

export type FlowIndex = {
  flow: Flow;
  startId: string;
  nodes: Map<string, FlowNode>;
  /** outgoing edges per node id, in document order */
  out: Map<string, FlowEdge[]>;
};

export type DocIndex = {
  steps: Map<string, Step>;
  stepOrder: string[];
  fields: Map<string, FieldDef>;
  /** fields captured by flow nodes (`<Node field="…">`) that are not `<Field>`s: name → node label */
  nodeFields: Map<string, string>;
  checks: Map<string, { stepId: string; text: string }>;
  checkOrder: string[];
  flows: Map<string, FlowIndex>;
  /** field name → ids of steps whose `<Say>` scripts reference it */
  sayRefs: Map<string, string[]>;
};

const cache = new WeakMap<SopDocument, DocIndex>();

/** Plain text of inlines; `{name}` for an unfilled reference (the parser-free module, browser-safe). */
export const inlineToText = inlineText;

/**
 * Variables referenced inside `<Say>` blocks (at any depth, e.g. a `<Say>` inside an `<Escalate>`) and in
 * `<Template>`s (canned replies are scripts too: a changed value makes them stale the same way).
 */
function collectSayVars(blocks: readonly Block[], into: Set<string>): void {
  visitBlocks(blocks, (b) => {
    if (b.type !== "say" && b.type !== "template") return;
    forEachVar(b.children, (name) => into.add(name));
    return false; // forEachVar went through its content
  });
}

function collectChecks(
  blocks: readonly Block[],
  stepId: string,
  into: Map<string, { stepId: string; text: string }>,
): void {
  // Quiz and scenario blocks hold no checks or fields (the walk visits nothing inside them): a live run never
  // counts them.
  visitBlocks(blocks, (b) => {
    if (b.type === "check") into.set(b.id, { stepId, text: inlineToText(b.children).trim() });
  });
}

function indexFlow(flow: Flow): FlowIndex {
  const nodes = new Map<string, FlowNode>();
  const out = new Map<string, FlowEdge[]>();
  for (const n of flow.nodes) {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
    out.set(n.id, []);
  }
  for (const e of flow.edges) {
    if (!nodes.has(e.from) || !nodes.has(e.to)) continue;
    out.get(e.from)!.push(e);
  }
  const start = flow.nodes.find((n) => n.type === "start") ?? flow.nodes[0];
  return { flow, startId: start ? start.id : "", nodes, out };
}

export function indexDoc(doc: SopDocument): DocIndex {
  const cached = cache.get(doc);
  if (cached) return cached;
  const steps = new Map<string, Step>();
  for (const s of doc.steps) if (!steps.has(s.id)) steps.set(s.id, s);
  const fields = new Map<string, FieldDef>();
  for (const f of doc.fields) if (!fields.has(f.name)) fields.set(f.name, f);
  const checks = new Map<string, { stepId: string; text: string }>();
  const sayRefs = new Map<string, string[]>();
  for (const s of doc.steps) {
    collectChecks(s.blocks, s.id, checks);
    for (const checkId of s.checkIds) if (!checks.has(checkId)) checks.set(checkId, { stepId: s.id, text: checkId });
    const vars = new Set<string>();
    collectSayVars(s.blocks, vars);
    for (const v of vars) {
      const list = sayRefs.get(v);
      if (list) list.push(s.id);
      else sayRefs.set(v, [s.id]);
    }
  }
  const flows = new Map<string, FlowIndex>();
  const nodeFields = new Map<string, string>();
  for (const f of doc.flows) {
    if (flows.has(f.id)) continue;
    flows.set(f.id, indexFlow(f));
    for (const n of f.nodes)
      if (n.field && !fields.has(n.field) && !nodeFields.has(n.field)) nodeFields.set(n.field, n.label);
  }
  const index: DocIndex = {
    steps,
    stepOrder: [...steps.keys()],
    fields,
    nodeFields,
    checks,
    checkOrder: [...checks.keys()],
    flows,
    sayRefs,
  };
  cache.set(doc, index);
  return index;
}

/** A node ends the walk when it is of a terminal type or has nowhere to go. */
export function terminalTypeOf(fi: FlowIndex, nodeId: string): TerminalType | null {
  const node = fi.nodes.get(nodeId);
  if (!node) return null;
  if ((TERMINAL_TYPES as readonly string[]).includes(node.type)) return node.type as TerminalType;
  if ((fi.out.get(nodeId) ?? []).length === 0) return "end";
  return null;
}

/** "Order number" → "order number", but "RMA number" stays: lower-case the first letter unless it starts an acronym. */
export function lowerFirst(s: string): string {
  if (s.length < 2) return s;
  const second = s[1];
  const secondIsLower = second !== second.toUpperCase() && second === second.toLowerCase();
  return secondIsLower || second === "'" || second === "’" || second === "-" ? s[0].toLowerCase() + s.slice(1) : s;
}

export function fieldLabel(index: DocIndex, name: string): string {
  return index.fields.get(name)?.label ?? index.nodeFields.get(name) ?? name;
}

export function stepLabel(index: DocIndex, stepId: string): string {
  const s = index.steps.get(stepId);
  return s ? `step ${s.number} “${s.title}”` : `step “${stepId}”`;
}
