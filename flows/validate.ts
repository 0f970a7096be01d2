// Graph rules for decision flows. Pure and browser-safe.
//
// sop-schema already reports the structural problems while parsing MDX (duplicate node ids, edges to
// missing nodes, bad node types, missing attributes, goto to a missing step, empty flows); this module
// adds the rules that need the whole graph. Wire it with parseSop(source, { validateFlow }).
import type { Diagnostic, Flow, Position, SopDocument } from "../sop-schema/types";
import { suggestionHint } from "../sop-schema/diagnostics";
import { diagnosticAt } from "./diagnostics";
import type { FlowDiagnosticCode } from "./diagnostics";
import { stronglyConnected } from "./graph";
import type { FlowGraph, FlowModelEdge, FlowModelNode } from "./model";
import { isTerminal } from "./model";

export type GraphCheckOptions = {
  /**
   * Field names `{name}` references may use. Undefined: references are not checked (a flow on its own,
   * e.g. one imported from Mermaid, does not know the SOP's fields).
   */
  capturedFields?: ReadonlySet<string>;
};

type Positioned = FlowGraph & { position?: Position };

const VARIABLE_RE = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** `text` on one line, cut to `max` characters with an ellipsis. */
export function short(text: string, max = 60): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** `node "ask" (“Is the customer verified?”)` */
export function describeNode(node: Pick<FlowModelNode, "id" | "label" | "type">): string {
  return node.label && node.label !== node.id
    ? `${node.type} node "${node.id}" (“${short(node.label)}”)`
    : `${node.type} node "${node.id}"`;
}

function describeEdge(edge: FlowModelEdge): string {
  return `the edge ${edge.from} → ${edge.to}${edge.label ? ` (“${short(edge.label, 40)}”)` : ""}`;
}

/** The form in which two answers (edge labels) count as the same: case, spacing and Unicode form ignored. */
export const normaliseAnswer = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase();

/**
 * Checks the graph rules on any flow (from MDX, the editor or Mermaid). Diagnostics carry the node's or
 * edge's position when it has one, else the flow's, else 1:1. Never throws on a well-typed flow, even one
 * with dangling edges or duplicate ids (those are reported by the parser, not here).
 */
export function checkFlowGraph(flow: Positioned, options: GraphCheckOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const flowPos: Position = flow.position ?? { line: 1, column: 1 };
  const report = (code: FlowDiagnosticCode, message: string, at: Position | undefined, hint?: string) => {
    out.push(diagnosticAt(code, message, at ?? flowPos, hint));
  };
  if (flow.nodes.length === 0) return out; // sop-schema reports `empty-flow`

  const byId = new Map<string, FlowModelNode>();
  for (const n of flow.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const nodes = [...byId.values()];
  const edges = flow.edges.filter((e) => byId.has(e.from) && byId.has(e.to));
  const outgoing = new Map<string, FlowModelEdge[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) outgoing.get(e.from)!.push(e);
  const edgePos = (e: FlowModelEdge) => e.position ?? byId.get(e.from)?.position;
  const where = ` in flow “${short(flow.title)}”`;

  // ---- start ---------------------------------------------------------------------------------
  const starts = nodes.filter((n) => n.type === "start");
  if (starts.length === 0)
    report(
      "flow-no-start",
      `The flow “${short(flow.title)}” has no start node`,
      flowPos,
      'add <Node id="start" type="start" label="…" /> and an <Edge> from it to the first question or action',
    );
  for (const extra of starts.slice(1))
    report(
      "flow-multiple-starts",
      `The flow has more than one start: ${describeNode(extra)} is a second start after "${starts[0].id}"`,
      extra.position,
      'keep one start node; change this one to type="action" and connect it, or remove it',
    );

  // ---- reachability --------------------------------------------------------------------------
  if (starts.length > 0) {
    const seen = new Set<string>();
    const queue = starts.map((s) => s.id);
    for (const id of queue) seen.add(id);
    while (queue.length) {
      const id = queue.shift()!;
      for (const e of outgoing.get(id) ?? [])
        if (!seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
    }
    for (const n of nodes)
      if (!seen.has(n.id))
        report(
          "flow-unreachable",
          `The ${describeNode(n)} can't be reached from the start${where}`,
          n.position,
          "add an <Edge> that leads to it, or remove the node",
        );
  }

  // ---- outgoing edges per node type ----------------------------------------------------------
  for (const n of nodes) {
    const outs = outgoing.get(n.id)!;
    if (isTerminal(n.type)) {
      for (const e of outs)
        report(
          "flow-terminal-outgoing",
          `The ${describeNode(n)} ends the flow, so ${describeEdge(e)} ` +
            `is only an optional next step the agent may skip`,
          edgePos(e),
          n.type === "escalate"
            ? "keep it if the agent may continue after the hand-over (e.g. open " +
                "another SOP); if the call always goes on, make the node an action"
            : "remove the edge, or change the node to an action if the call always goes on",
        );
      continue;
    }
    if (n.type === "question") {
      if (outs.length < 2)
        report(
          "flow-question-answers",
          outs.length === 0
            ? `The ${describeNode(n)} has no answers`
            : `The ${describeNode(n)} has only one answer — a question needs at least two`,
          n.position,
          `add an <Edge from="${n.id}" to="…" label="…" /> for each possible answer, or make it an action`,
        );
      const labels = new Map<string, FlowModelEdge>();
      for (const e of outs) {
        if (e.label === undefined || e.label.trim() === "") {
          report(
            "flow-answer-unlabelled",
            `An answer of the ${describeNode(n)} has no label (${describeEdge(e)})`,
            edgePos(e),
            'write the answer the agent picks, e.g. label="Yes"',
          );
          continue;
        }
        const key = normaliseAnswer(e.label);
        const first = labels.get(key);
        if (first)
          report(
            "flow-answer-duplicate",
            `The ${describeNode(n)} has the answer “${short(e.label, 40)}” twice (to "${first.to}" and to "${e.to}")`,
            edgePos(e),
            "give each answer a different label, or merge the two edges",
          );
        else labels.set(key, e);
      }
      continue;
    }
    // start, action, say
    if (outs.length === 0)
      report(
        "flow-dead-end",
        `The path stops at the ${describeNode(n)}: nothing comes after it`,
        n.position,
        "connect it to the next node, or end the path with an end, " +
          'escalate, goto or sop node (e.g. type="end" outcome="resolved")',
      );
    else if (outs.length > 1)
      report(
        "flow-branch-not-question",
        `The ${describeNode(n)} has ${outs.length} outgoing edges ` +
          `(to ${outs.map((e) => `"${e.to}"`).join(", ")}) — only a question can branch`,
        n.position,
        `make "${n.id}" a question with a labelled edge per answer, or keep a single edge`,
      );
  }

  // ---- loops without an exit -----------------------------------------------------------------
  // Edges leaving terminal nodes are not followed (reported above), so terminals are sinks here.
  const followed = (id: string) => (isTerminal(byId.get(id)!.type) ? [] : outgoing.get(id)!);
  for (const scc of stronglyConnected(
    nodes.map((n) => n.id),
    followed,
  )) {
    const members = new Set(scc);
    const cyclic = scc.length > 1 || followed(scc[0]).some((e) => e.to === scc[0]);
    if (!cyclic) continue;
    const hasExit = scc.some((id) => followed(id).some((e) => !members.has(e.to)));
    if (hasExit) continue;
    const ordered = nodes.filter((n) => members.has(n.id));
    const first = ordered[0];
    const list = ordered.map((n) => `"${n.id}"`);
    report(
      "flow-closed-loop",
      ordered.length === 1
        ? `The ${describeNode(first)} only leads back to itself: the loop has no way out`
        : `The nodes ${list.slice(0, 6).join(", ")}${list.length > 6 ? ", …" : ""} form a loop with no way out`,
      first.position,
      "give one node in the loop an edge that leaves it (e.g. a question answer that leads to an end or an escalation)",
    );
  }

  // ---- {field} references --------------------------------------------------------------------
  if (options.capturedFields) {
    const captured = options.capturedFields;
    const check = (text: string | undefined, at: Position | undefined, what: string) => {
      if (!text) return;
      for (const m of text.matchAll(VARIABLE_RE)) {
        const name = m[1];
        if (captured.has(name)) continue;
        report(
          "flow-unknown-variable",
          `{${name}} in ${what} refers to a field that no <Field> or node captures`,
          at,
          suggestionHint(name, captured, (s) => `{${s}}`) ??
            `add <Field name="${name}" label="…" /> to the step that ` +
              `asks for it, or field="${name}" to the node that asks`,
        );
      }
    };
    for (const n of nodes)
      for (const k of ["label", "to", "reason", "outcome"] as const)
        check(n[k], n.position, `the ${k} of ${describeNode(n)}`);
    for (const e of edges) check(e.label, edgePos(e), describeEdge(e));
  }
  return out;
}

/** The fields an SOP captures: every <Field name> and every flow node's field=. */
export function capturedFields(doc: SopDocument): Set<string> {
  const names = new Set(doc.fields.map((f) => f.name));
  for (const f of doc.flows) for (const n of f.nodes) if (n.field) names.add(n.field);
  return names;
}

/**
 * The flow checker for parseSop: `parseSop(source, { validateFlow })`. Same signature as
 * `ParseOptions["validateFlow"]`. Adds the graph rules to what the parser already checks.
 */
export function validateFlow(flow: Flow, doc: SopDocument): Diagnostic[] {
  return checkFlowGraph(flow, { capturedFields: capturedFields(doc) });
}
