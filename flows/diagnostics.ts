// Diagnostic codes produced by flows/: the graph checker (validate.ts) and the Mermaid importer
// (mermaid.ts). docs/flows.md lists the same tables; flows/docs.test.ts keeps them in sync.
import type { Diagnostic, Position, Severity } from "../sop-schema/types";

export const FLOW_DIAGNOSTIC_CODES = {
  "flow-no-start": { severity: "error", summary: "The flow has no `start` node." },
  "flow-multiple-starts": { severity: "error", summary: "The flow has more than one `start` node." },
  "flow-unreachable": { severity: "error", summary: "A node can't be reached from the start by following the edges." },
  "flow-question-answers": { severity: "error", summary: "A `question` has fewer than two answers (outgoing edges)." },
  "flow-answer-unlabelled": { severity: "error", summary: "An answer (an edge leaving a `question`) has no `label`." },
  "flow-answer-duplicate": {
    severity: "error",
    summary: "Two answers of one `question` have the same label (case and spacing ignored).",
  },
  "flow-branch-not-question": {
    severity: "error",
    summary: "A `start`, `action` or `say` node has several outgoing edges; only a `question` may branch.",
  },
  "flow-dead-end": {
    severity: "error",
    summary: "A `start`, `action` or `say` node has no outgoing edge: the path stops without an outcome.",
  },
  "flow-closed-loop": { severity: "error", summary: "A loop with no way out: no edge leaves that group of nodes." },
  "flow-terminal-outgoing": {
    severity: "warning",
    summary:
      "An edge leaves an `end`, `escalate`, `goto` or `sop` node: the " +
      "flow can end there, the edge is only an optional next step.",
  },
  "flow-unknown-variable": {
    severity: "error",
    summary: "A `{name}` in a node or edge text refers to a field that nothing captures.",
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export const MERMAID_DIAGNOSTIC_CODES = {
  "mermaid-not-flowchart": {
    severity: "error",
    summary: "The text is not a Mermaid `flowchart` / `graph` (or is empty).",
  },
  "mermaid-syntax": {
    severity: "error",
    summary:
      "A statement the importer can't read (unclosed bracket, unknown arrow, unsupported syntax); it is skipped.",
  },
  "mermaid-subgraph": {
    severity: "error",
    summary: "A `subgraph` without `end`, an `end` without `subgraph`, or an edge to an empty subgraph.",
  },
  "mermaid-no-nodes": { severity: "error", summary: "The chart has no nodes." },
  "mermaid-ignored": {
    severity: "warning",
    summary:
      "Styling and interaction (`classDef`, `class`, `style`, `click`, `linkStyle`, " +
      "`:::class`, `%%{init}%%`, `direction`, accessibility lines) is ignored.",
  },
  "mermaid-id-renamed": {
    severity: "warning",
    summary: "A Mermaid node id that is not a valid flow node id was renamed.",
  },
  "mermaid-start-added": {
    severity: "warning",
    summary: "The chart has no start shape: a `start` node was added before its first node.",
  },
  // The walkable rules (walkable.ts): what the import changes so that an agent can walk the chart.
  "mermaid-edge-duplicate": {
    severity: "warning",
    summary: "The same edge (same ends, same label) is drawn twice; the copy was dropped.",
  },
  "mermaid-loop-exit": {
    severity: "warning",
    summary: "Nodes that only lead back to each other got a way out: an answer “Done” leading to a new `end` node.",
  },
  "mermaid-end-added": {
    severity: "warning",
    summary: "A node with no way out became an `end` node (label kept, no outcome).",
  },
  "mermaid-question-single": {
    severity: "warning",
    summary: "A question with only one way out became an `action`: there is nothing to choose.",
  },
  "mermaid-start-choice": {
    severity: "warning",
    summary:
      "The chart begins in several places: a `start` and a question " +
      "“Which applies?” with one answer per beginning were added.",
  },
  "mermaid-start-demoted": {
    severity: "warning",
    summary: "A start shape that is not where the flow begins became an `action`.",
  },
  "mermaid-start-branches": {
    severity: "warning",
    summary: "The start has several ways out: a question “Which applies?” was added after it, one answer per way.",
  },
  "mermaid-made-question": {
    severity: "warning",
    summary:
      "An `action` or `say` node with several ways out became a `question`; its " +
      "answers are the edge labels, or the labels of the nodes they lead to.",
  },
  "mermaid-answer-labelled": {
    severity: "warning",
    summary: "An unlabelled answer got the label of the node it leads to (“Again” when it leads back to its question).",
  },
  "mermaid-answer-renamed": {
    severity: "warning",
    summary: "Two answers of one question had the same label; the later one was numbered, e.g. “Yes (2)”.",
  },
  "mermaid-subgraph-edge": {
    severity: "warning",
    summary: "An edge to or from a subgraph was connected to the subgraph's entry or exit nodes.",
  },
  "mermaid-both-ways": { severity: "warning", summary: "A two-way arrow (`<-->`) became two edges, one each way." },
  "mermaid-invisible-link": {
    severity: "warning",
    summary: "An invisible link (`~~~`) only affects Mermaid's layout; it is dropped.",
  },
  "mermaid-node-redefined": {
    severity: "warning",
    summary: "A node is written twice with different text or shapes; like Mermaid, the last one is used.",
  },
  "mermaid-html": {
    severity: "warning",
    summary: "HTML or markdown formatting in a label was removed; the text is kept.",
  },
  "mermaid-metadata": {
    severity: "warning",
    summary: "A `%% stepwise:` comment could not be read; the node keeps the type its shape gives.",
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type FlowDiagnosticCode = keyof typeof FLOW_DIAGNOSTIC_CODES;
export type MermaidDiagnosticCode = keyof typeof MERMAID_DIAGNOSTIC_CODES;

const SEVERITIES = { ...FLOW_DIAGNOSTIC_CODES, ...MERMAID_DIAGNOSTIC_CODES };

/** A flows/ diagnostic at `at`, with the severity its code has in the tables above. */
export function diagnosticAt(
  code: FlowDiagnosticCode | MermaidDiagnosticCode,
  message: string,
  at: Position,
  hint?: string,
): Diagnostic {
  const d: Diagnostic = { severity: SEVERITIES[code].severity, code, message, line: at.line, column: at.column };
  if (hint) d.hint = hint;
  return d;
}
