// What the code editor knows about the SOP format: completion of our components, their attributes and enum
// values, highlighting of JSX tags and {field} references, and the mapping of parser diagnostics (line:column)
// to document offsets. Pure CodeMirror state code: no DOM, testable in node.
import {
  snippetCompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from "@codemirror/autocomplete";
import { HighlightStyle } from "@codemirror/language";
import type { Diagnostic as CmDiagnostic } from "@codemirror/lint";
import type { EditorState, Text } from "@codemirror/state";
import {
  Decoration,
  MatchDecorator,
  ViewPlugin,
  type DecorationSet,
  type EditorView,
  type ViewUpdate,
} from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import { COMPONENT_ATTRIBUTES, COMPONENT_NAMES, PLACEMENT, type ComponentName } from "../../../sop-schema/components";
import { FIELD_TYPES, NODE_TYPES, OUTCOMES, QUESTION_TYPES, type Diagnostic } from "../../../sop-schema/types";

// ---------------------------------------------------------------------------------------------
// Vocabulary

const COMPONENT_INFO: Record<ComponentName, string> = {
  Step: "A checklist step. Needs a title; give an id when other things link to it.",
  Say: "The words the agent says to the customer. May contain {field} references.",
  Field: "Data the agent captures during the call (self-closing).",
  Check: "One line the agent ticks off.",
  Tip: "A helpful hint.",
  Warning: "Something the agent must not get wrong.",
  Escalate: "When and to whom to hand over, with the handover script.",
  Template:
    "A canned e-mail or chat reply the agent copies (Markdown inside; {field} references are filled in on a call).",
  Flow: "A decision diagram: only <Node /> and <Edge /> inside.",
  Node: "A box of the decision diagram (self-closing).",
  Edge: "An arrow between two nodes; the label is the answer (self-closing).",
  Quiz: "Training: a quiz of <Question>s. Never shown on a live call; trainees take it to get certified.",
  Question:
    "Training: one quiz question. type single (default), multiple or " +
    "text; the content is the explanation shown after the attempt.",
  Scenario:
    "Training: a simulated customer for practice runs: <Say> their opening line, <Answer>s their details and choices.",
  Answer:
    "Training: what the scenario's customer answers — a field value, or the answer to a flow question (self-closing).",
};

/** What `<` + name completes to (a snippet: ${} are the fields Tab moves through). */
const COMPONENT_SNIPPETS: Record<ComponentName, string> = {
  Step: 'Step title="${Title}">\n  ${}\n</Step>',
  Say: "Say>${}</Say>",
  Field: 'Field name="${name}" label="${Label}" />',
  Check: "Check>${}</Check>",
  Tip: "Tip>${}</Tip>",
  Warning: "Warning>${}</Warning>",
  Escalate: 'Escalate to="${Supervisor}" reason="${reason}">\n  <Say>${}</Say>\n</Escalate>',
  Template: 'Template title="${Refund confirmation e-mail}">\n  ${}\n</Template>',
  Flow: 'Flow id="${id}" title="${Title}">\n  ${}\n</Flow>',
  Node: 'Node id="${id}" type="${question}" label="${Label}" />',
  Edge: 'Edge from="${from}" to="${to}" />',
  Quiz:
    'Quiz title="${Quiz title}">\n  <Question prompt="${Question?}" options="${A|B|C}" ' +
    'answer="${B}">\n    ${Why B is right.}\n  </Question>\n</Quiz>',
  Question: 'Question prompt="${Question?}" options="${A|B|C}" answer="${B}">\n  ${Why B is right.}\n</Question>',
  Scenario:
    'Scenario title="${Title}" customer="${Who is calling, and how they feel}" ' +
    'outcome="${resolved}">\n  <Say>${What the customer says first.}</Say>\n  ' +
    '<Answer field="${field_name}" value="${value}" />\n</Scenario>',
  Answer: 'Answer field="${field_name}" value="${value}" />',
};

const ATTRIBUTE_INFO: Record<string, string> = {
  "Step.title": "What the step is called (required)",
  "Step.id": "A stable id: lower-case letters, digits and dashes",
  "Field.name": "lower_snake_case, unique in the SOP (required)",
  "Field.label": "What the agent sees (required)",
  "Field.type": FIELD_TYPES.join(", "),
  "Field.required": 'required, or required="false"',
  "Field.pattern": "A regular expression the value must match",
  "Field.options": "The choices of a select, separated by |",
  "Field.placeholder": "A hint inside the input",
  "Field.help": "A hint under the input",
  "Escalate.to": "Who takes over (required)",
  "Escalate.reason": "When to escalate (required)",
  "Template.title": "What the reply is for, shown on its collapsed summary (required)",
  "Flow.id": "A stable id for the diagram",
  "Flow.title": "The question the diagram answers",
  "Node.id": "Unique in the flow (required)",
  "Node.type": NODE_TYPES.join(", "),
  "Node.label": "What the box says (required)",
  "Node.to": "escalate: who takes over",
  "Node.reason": "escalate: why",
  "Node.step": "goto: the id of a step of this SOP",
  "Node.sop": "sop: the id of another SOP",
  "Node.field": "Capture the answer into this field",
  "Node.outcome": "end: the outcome",
  "Edge.from": "The node the arrow starts at",
  "Edge.to": "The node the arrow points to",
  "Edge.label": "The answer (for edges leaving a question)",
  "Quiz.id": "Unique in the SOP; default: from the title",
  "Quiz.title": "What the quiz is called (default: Quiz)",
  "Quiz.pass": "Percent of questions right to pass, 1–100 (default 80)",
  "Quiz.attempts": "Attempts a trainee has: a number or unlimited (default 3)",
  "Question.id": "Unique in the quiz; default q1, q2…",
  "Question.type": QUESTION_TYPES.join(", "),
  "Question.prompt": "The question (required)",
  "Question.options": 'The choices, separated by | (not for type="text")',
  "Question.answer": "The correct option(s), or accepted typed answers, separated by |",
  "Scenario.id": "Unique in the SOP; default: from the title",
  "Scenario.title": "What the scenario is called (required)",
  "Scenario.customer": "Who is calling, and how they feel (required)",
  "Scenario.outcome": `How the call should end: ${OUTCOMES.join(", ")} (required)`,
  "Scenario.escalate": 'escalate (must escalate), escalate="Supervisor" (to whom); absent: must not',
  "Answer.field": "The field the customer's detail goes in",
  "Answer.value": "The value the customer gives",
  "Answer.flow": "The flow of the question (only when two flows share that node id)",
  "Answer.question": "The id of the flow's question node",
  "Answer.choose": "The answer (edge label) the customer's situation calls for",
  "Answer.says": "What the customer says while answering",
};

/** Attributes each component takes, in the order the format reference lists them. */
export function attributesOf(component: string): string[] {
  const schema = (COMPONENT_ATTRIBUTES as Record<string, { shape: Record<string, unknown> }>)[component];
  return schema ? Object.keys(schema.shape) : [];
}

/**
 * What the completion can offer from the current document (fields, step ids, flow node ids). Question node ids, flow
 * ids and answer labels for `<Answer>` are read from the text.
 */
export type CompletionData = { fieldNames: string[]; stepIds: string[]; nodeIds: string[] };

const TAG_NAME_RE = /<(\/?)([A-Za-z][A-Za-z0-9]*)?$/;
const ATTRS = String.raw`(?:\s+[A-Za-z][\w-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*`;
const ATTR_NAME_RE = new RegExp(String.raw`<([A-Z][A-Za-z0-9]*)(${ATTRS})\s+([A-Za-z][\w-]*)?$`);
const ATTR_VALUE_RE = new RegExp(String.raw`<([A-Z][A-Za-z0-9]*)(${ATTRS})\s+([A-Za-z][\w-]*)\s*=\s*"([^"]*)$`);
const VARIABLE_RE = /\{([a-z_][a-z0-9_]*)?$/;

function valuesFor(
  component: string,
  attr: string,
  data: CompletionData,
): { values: readonly string[]; type: string } | null {
  if (component === "Field" && attr === "type") return { values: FIELD_TYPES, type: "enum" };
  if (component === "Node" && attr === "type") return { values: NODE_TYPES, type: "enum" };
  if (component === "Field" && attr === "required") return { values: ["true", "false"], type: "keyword" };
  if (component === "Node" && attr === "step") return { values: data.stepIds, type: "constant" };
  if (component === "Node" && attr === "field") return { values: data.fieldNames, type: "variable" };
  if (component === "Edge" && (attr === "from" || attr === "to")) return { values: data.nodeIds, type: "constant" };
  if (component === "Question" && attr === "type") return { values: QUESTION_TYPES, type: "enum" };
  if (component === "Scenario" && attr === "outcome") return { values: OUTCOMES, type: "enum" };
  if (component === "Answer" && attr === "field") return { values: data.fieldNames, type: "variable" };
  return null;
}

/** `<Node … type="question" … id="x">` ids anywhere in the text (so it works while the document has errors). */
export function questionIdsIn(text: string): string[] {
  const ids = new Set<string>();
  for (const m of text.matchAll(/<Node\b[^>]*>/g)) {
    if (!/\stype\s*=\s*"question"/.test(m[0])) continue;
    const id = /\sid\s*=\s*"([^"]+)"/.exec(m[0]);
    if (id) ids.add(id[1]!);
  }
  return [...ids];
}

/** The labels of the edges leaving node `from` (the answers of a question), from the text. */
export function answerLabelsIn(text: string, from: string): string[] {
  const labels = new Set<string>();
  for (const m of text.matchAll(/<Edge\b[^>]*>/g)) {
    const f = /\sfrom\s*=\s*"([^"]+)"/.exec(m[0]);
    const label = /\slabel\s*=\s*"([^"]+)"/.exec(m[0]);
    if (f?.[1] === from && label) labels.add(label[1]!);
  }
  return [...labels];
}

/** `<Answer question|flow|choose="…">` values, read from the whole text (flows may come after the scenario). */
function answerValues(
  state: EditorState,
  attr: string,
  written: string,
): { values: readonly string[]; type: string } | null {
  const text = state.doc.toString();
  if (attr === "question") return { values: questionIdsIn(text), type: "constant" };
  if (attr === "flow")
    return {
      values: [...new Set([...text.matchAll(/<Flow\b[^>]*?\sid\s*=\s*"([^"]+)"/g)].map((m) => m[1]!))],
      type: "constant",
    };
  if (attr === "choose") {
    const question = /\squestion\s*=\s*"([^"]+)"/.exec(written)?.[1];
    return question ? { values: answerLabelsIn(text, question), type: "enum" } : null;
  }
  return null;
}

/** Node ids of the `<Flow>` the position is in (from the text, so it works while the document has errors). */
export function nodeIdsAround(state: EditorState, pos: number): string[] {
  const before = state.sliceDoc(0, pos);
  const open = before.lastIndexOf("<Flow");
  if (open < 0 || before.lastIndexOf("</Flow>") > open) return [];
  const closeAt = state.sliceDoc(pos).indexOf("</Flow>");
  const text = state.sliceDoc(open, closeAt < 0 ? state.doc.length : pos + closeAt);
  const ids = new Set<string>();
  for (const m of text.matchAll(/<Node\b[^>]*?\sid\s*=\s*"([^"]+)"/g)) ids.add(m[1]!);
  return [...ids];
}

/** Completion source: `<` components, attributes inside a tag, enum values inside quotes, `{` field names. */
export function sopCompletions(getData: () => CompletionData) {
  return (context: CompletionContext): CompletionResult | null => {
    const { state, pos } = context;
    const before = state.sliceDoc(Math.max(0, pos - 2000), pos);

    const value = ATTR_VALUE_RE.exec(before);
    if (value) {
      const [, component, written = "", attr, partial = ""] = value;
      const data = getData();
      const found =
        component === "Answer" && attr !== "field"
          ? answerValues(state, attr!, written)
          : valuesFor(component!, attr!, component === "Edge" ? { ...data, nodeIds: nodeIdsAround(state, pos) } : data);
      if (!found || found.values.length === 0) return null;
      return {
        from: pos - partial.length,
        options: found.values.map((v) => ({ label: v, type: found.type })),
        validFor: /^[\w-]*$/,
      };
    }

    const attrName = ATTR_NAME_RE.exec(before);
    if (attrName) {
      const [, component, written = "", partial = ""] = attrName;
      if (!partial && !context.explicit && !/\s$/.test(before)) return null;
      const present = new Set([...written.matchAll(/([A-Za-z][\w-]*)\s*(?==|\s|$)/g)].map((m) => m[1]));
      const options: Completion[] = attributesOf(component!)
        .filter((a) => !present.has(a))
        .map((a) =>
          snippetCompletion(a === "required" ? "required" : `${a}="\${}"`, {
            label: a,
            type: "property",
            detail: ATTRIBUTE_INFO[`${component}.${a}`],
          }),
        );
      if (options.length === 0) return null;
      return { from: pos - partial.length, options, validFor: /^[\w-]*$/ };
    }

    const tag = TAG_NAME_RE.exec(before);
    if (tag) {
      const closing = tag[1] === "/";
      const partial = tag[2] ?? "";
      const options: Completion[] = COMPONENT_NAMES.map((name) =>
        closing
          ? { label: name, type: "type", apply: `${name}>` }
          : snippetCompletion(COMPONENT_SNIPPETS[name], {
              label: name,
              type: "type",
              detail: PLACEMENT[name].where,
              info: COMPONENT_INFO[name],
            }),
      );
      return { from: pos - partial.length, options, validFor: /^[A-Za-z0-9]*$/ };
    }

    const variable = VARIABLE_RE.exec(before);
    if (variable && !/<[A-Z][^>]*$/.test(before)) {
      const partial = variable[1] ?? "";
      const fields = getData().fieldNames;
      if (fields.length === 0) return null;
      return {
        from: pos - partial.length,
        options: fields.map((f) => ({
          label: f,
          type: "variable",
          detail: "captured field",
          apply: state.sliceDoc(pos, pos + 1) === "}" ? f : `${f}}`,
        })),
        validFor: /^[a-z0-9_]*$/,
      };
    }
    return null;
  };
}

// ---------------------------------------------------------------------------------------------
// Highlighting

/**
 * Colours for the markdown tree (the theme tokens of app/app.css: light and dark); our tags and attributes are marked
 * by `sopTokens` below.
 */
export const sopHighlightStyle = HighlightStyle.define([
  { tag: t.heading, fontWeight: "700", color: "var(--ink)" },
  { tag: [t.heading1, t.heading2], fontWeight: "700", color: "var(--brand-strong)" },
  { tag: t.strong, fontWeight: "700" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.strikethrough, textDecoration: "line-through" },
  { tag: [t.link, t.url], color: "var(--brand-strong)", textDecoration: "underline" },
  { tag: t.monospace, color: "var(--syntax-code)" },
  { tag: [t.processingInstruction, t.contentSeparator, t.meta], color: "var(--muted)" },
  { tag: t.list, color: "var(--ink-2)" },
  { tag: t.quote, color: "var(--ink-2)", fontStyle: "italic" },
  { tag: t.comment, color: "var(--muted)", fontStyle: "italic" },
  { tag: t.tagName, color: "var(--syntax-tag)", fontWeight: "600" },
  { tag: t.attributeName, color: "var(--warning)" },
  { tag: t.attributeValue, color: "var(--say)" },
  { tag: [t.angleBracket, t.definitionOperator], color: "var(--muted)" },
  { tag: t.string, color: "var(--say)" },
  { tag: t.invalid, color: "var(--danger)" },
]);

const componentMark = Decoration.mark({ class: "cm-sw-component" });
const punctuationMark = Decoration.mark({ class: "cm-sw-punctuation" });
const attributeMark = Decoration.mark({ class: "cm-sw-attribute" });
const valueMark = Decoration.mark({ class: "cm-sw-value" });
const variableMark = Decoration.mark({ class: "cm-sw-variable" });
const commentMark = Decoration.mark({ class: "cm-sw-comment" });

const tokenMatcher = new MatchDecorator({
  // <Step / </Step, name="value", {customer_name}, {/* a comment */}, />
  regexp: /(<\/?)([A-Z][A-Za-z0-9]*)|(?<=\s)([A-Za-z][\w-]*)(=)("[^"\n]*")|\{[a-z_][a-z0-9_]*\}|\{\/\*.*?\*\/\}|\/>/g,
  decorate: (add, from, to, match) => {
    if (match[2]) {
      const open = match[1]!.length;
      add(from, from + open, punctuationMark);
      add(from + open, to, componentMark);
    } else if (match[3]) {
      const nameEnd = from + match[3].length;
      add(from, nameEnd, attributeMark);
      add(nameEnd, nameEnd + 1, punctuationMark);
      add(nameEnd + 1, to, valueMark);
    } else if (match[0] === "/>") add(from, to, punctuationMark);
    else if (match[0].startsWith("{/*")) add(from, to, commentMark);
    else add(from, to, variableMark);
  },
});

/** Marks our component names, `{field}` references and `{/* comments *\/}` on top of the markdown colours. */
export const sopTokens = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = tokenMatcher.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.decorations = tokenMatcher.updateDeco(update, this.decorations);
    }
  },
  { decorations: (v) => v.decorations },
);

const fmLine = Decoration.line({ class: "cm-sw-fm" });
const fmFence = Decoration.mark({ class: "cm-sw-fm-fence" });
const fmKey = Decoration.mark({ class: "cm-sw-fm-key" });

/** Line numbers (1-based, inclusive) of the front matter block, fences included, or null. */
export function frontMatterRange(doc: Text): { from: number; to: number } | null {
  if (!/^\uFEFF?---[ \t]*$/.test(doc.line(1).text)) return null;
  const last = Math.min(doc.lines, 400);
  for (let n = 2; n <= last; n++) if (/^---[ \t]*$/.test(doc.line(n).text)) return { from: 1, to: n };
  return null;
}

function frontMatterDecorations(view: EditorView): DecorationSet {
  const range = frontMatterRange(view.state.doc);
  if (!range) return Decoration.none;
  const builder: { from: number; to: number; value: Decoration }[] = [];
  const { doc } = view.state;
  for (const { from, to } of view.visibleRanges) {
    const first = Math.max(range.from, doc.lineAt(from).number);
    const lastLine = Math.min(range.to, doc.lineAt(to).number);
    for (let n = first; n <= lastLine; n++) {
      const line = doc.line(n);
      builder.push({ from: line.from, to: line.from, value: fmLine });
      if (n === range.from || n === range.to) {
        if (line.length) builder.push({ from: line.from, to: line.to, value: fmFence });
        continue;
      }
      const key = /^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)(?=\s*:)/.exec(line.text);
      if (key) builder.push({ from: line.from + key[1]!.length, to: line.from + key[0].length, value: fmKey });
    }
  }
  return Decoration.set(
    builder.map((b) => b.value.range(b.from, b.to)),
    true,
  );
}

/** The YAML front matter: tinted lines, keys marked (the markdown grammar does not know front matter). */
export const sopFrontMatter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = frontMatterDecorations(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.viewportChanged) this.decorations = frontMatterDecorations(update.view);
    }
  },
  { decorations: (v) => v.decorations },
);

// ---------------------------------------------------------------------------------------------
// Diagnostics

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** 1-based line and column → document offset, clamped into the document. */
export function offsetOf(doc: Text, line: number, column: number): number {
  const l = doc.line(clamp(Number.isFinite(line) ? Math.floor(line) : 1, 1, doc.lines));
  return l.from + clamp(Number.isFinite(column) ? Math.floor(column) - 1 : 0, 0, l.length);
}

/** Parser diagnostics → CodeMirror lint diagnostics covering real text (at least the word at the position). */
export function toCmDiagnostics(doc: Text, diagnostics: readonly Diagnostic[]): CmDiagnostic[] {
  return diagnostics.map((d) => {
    let from = offsetOf(doc, d.line, d.column);
    let to = d.endLine != null ? offsetOf(doc, d.endLine, d.endColumn ?? 1) : from;
    if (to < from) [from, to] = [to, from];
    if (to === from) {
      const line = doc.lineAt(from);
      const rest = doc.sliceString(from, line.to);
      const word = /^(<\/?[A-Za-z0-9]+|\S+)/.exec(rest);
      to = from + (word ? word[0].length : 0);
      if (to === from && line.length > 0) {
        from = line.from;
        to = line.to;
      }
    }
    return {
      from,
      to,
      severity: d.severity,
      source: d.code,
      message: d.hint ? `${d.message}\n${d.hint}` : d.message,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Inserting blocks and editing commands

/** Indents every line of `text` but the first by `indent`. */
function indentLines(text: string, indent: string): string {
  return indent ? text.replace(/\n(?=[^\n])/g, `\n${indent}`) : text;
}

/**
 * Where and how a block template goes in at `pos`: on its own lines, separated from its neighbours by blank
 * lines, indented like the line it goes after, with the first quoted placeholder selected.
 */
export function blockInsertion(
  doc: Text,
  pos: number,
  text: string,
): { from: number; to: number; insert: string; selection: { anchor: number; head: number } } {
  const p = clamp(pos, 0, doc.length);
  const line = doc.lineAt(p);
  const indent = /^[ \t]*/.exec(line.text)![0];
  const block = indent + indentLines(text.replace(/\s+$/, ""), indent);
  let from: number;
  let to: number;
  let before: string;
  let after = "";
  if (line.text.trim() === "") {
    from = line.from;
    to = line.to;
    const prev = line.number > 1 ? doc.line(line.number - 1) : null;
    before = prev && prev.text.trim() !== "" ? "\n" : "";
    const next = line.number < doc.lines ? doc.line(line.number + 1) : null;
    if (next && next.text.trim() !== "") after = "\n";
  } else {
    from = to = line.to;
    before = "\n\n";
    const next = line.number < doc.lines ? doc.line(line.number + 1) : null;
    if (next && next.text.trim() !== "") after = "\n";
  }
  const insert = before + block + after;
  const start = from + before.length;
  // Select the first placeholder: a quoted attribute value, else the first text between tags.
  const quoted = /"([^"]*)"/.exec(block);
  const content = quoted ? null : />\s*([^<>\s][^<>\n]*)/.exec(block);
  const selection = quoted
    ? { anchor: start + quoted.index + 1, head: start + quoted.index + 1 + quoted[1]!.length }
    : content
      ? {
          anchor: start + content.index + content[0].length - content[1]!.length,
          head: start + content.index + content[0].length,
        }
      : { anchor: start + block.length, head: start + block.length };
  return { from, to, insert, selection };
}

/** The smallest single change turning `a` into `b` (common prefix and suffix kept): keeps cursor and undo sane. */
export function minimalChange(a: string, b: string): { from: number; to: number; insert: string } | null {
  if (a === b) return null;
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return { from: start, to: endA, insert: b.slice(start, endB) };
}
