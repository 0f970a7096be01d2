import type { Diagnostic, Severity } from "./types";

/**
 * Every diagnostic code the parser can produce, with its severity and a one-line explanation.
 * docs/sop-format.md lists the same table (a test keeps them in sync).
 */
export const DIAGNOSTIC_CODES = {
  // front matter
  "frontmatter-missing": { severity: "error", summary: "The file does not start with a `---` front matter block." },
  "yaml-syntax": { severity: "error", summary: "The front matter is not valid YAML." },
  "frontmatter-not-object": { severity: "error", summary: "The front matter must be a list of `key: value` lines." },
  "frontmatter-missing-key": {
    severity: "error",
    summary: "A required front matter key (title, department, purpose, targets, targets.handleTime) is missing.",
  },
  "frontmatter-invalid": {
    severity: "error",
    summary: "A front matter value has the wrong shape (e.g. tags not a list, owner not an e-mail).",
  },
  "unknown-frontmatter-key": {
    severity: "warning",
    summary: "A front matter key the format does not know (often a typo); it is ignored.",
  },
  "invalid-id": { severity: "error", summary: "The SOP `id` is not a slug (lower-case letters, digits and dashes)." },
  "invalid-duration": {
    severity: "error",
    summary: "A duration is not written like 90s, 6m, 1h30m, 2h, 3d (review: 180d, 26w, 6mo).",
  },
  "invalid-language": { severity: "error", summary: "`language` is not a language code such as en, fr, fa, ar." },
  "invalid-date": { severity: "error", summary: "`reviewBy` is not a real date written YYYY-MM-DD." },
  "review-conflict": { severity: "error", summary: "Both `reviewEvery` and `reviewBy` are set; keep one." },
  "duplicate-term": { severity: "warning", summary: "The same glossary term is defined twice." },
  placeholder: {
    severity: "warning",
    summary:
      "A `TODO` placeholder (in `purpose`, `targets.handleTime` or " +
      "`targets.firstResponse`) that must be replaced before the SOP can be published.",
  },
  "example-text": {
    severity: "warning",
    summary:
      "Example text from a template or the insert menu (“Describe what the agent does.”) that must be replaced " +
      "before the SOP can be sent to review.",
  },
  // MDX syntax and code-like content
  "mdx-syntax": { severity: "error", summary: "The body could not be read (unclosed tag, stray `<` or `{`, …)." },
  "esm-not-allowed": {
    severity: "error",
    summary: "`import` / `export` lines are not allowed: an SOP is data, not code.",
  },
  "expression-not-allowed": { severity: "error", summary: "Only `{field_name}` references are allowed inside braces." },
  "spread-not-allowed": { severity: "error", summary: "Spread attributes like `{...props}` are not allowed." },
  "expression-attribute": { severity: "error", summary: "Attribute values must be written in quotes, not braces." },
  "html-not-allowed": {
    severity: "error",
    summary: "Lower-case HTML tags (`<div>`, `<script>`, …) are not allowed; use markdown.",
  },
  "unsafe-link": { severity: "error", summary: "Links may only use http(s):, mailto:, tel: or a relative address." },
  "image-not-supported": { severity: "warning", summary: "Images are not supported yet; only the alt text is kept." },
  // components
  "unknown-component": { severity: "error", summary: "A component name that is not part of the SOP vocabulary." },
  "misplaced-component": {
    severity: "error",
    summary: "A component used somewhere it is not allowed (e.g. `<Say>` outside a `<Step>`).",
  },
  "unknown-attribute": { severity: "error", summary: "An attribute the component does not have." },
  "duplicate-attribute": { severity: "error", summary: "The same attribute is written twice on one component." },
  "missing-attribute": { severity: "error", summary: "A required attribute is missing or empty." },
  "invalid-attribute": {
    severity: "error",
    summary: 'An attribute value is not allowed (e.g. required="maybe", a bad step id).',
  },
  "ignored-content": {
    severity: "warning",
    summary: "Content inside a component that takes none (`<Field>`, `<Node>`, `<Edge>`) is ignored.",
  },
  "ignored-attribute": {
    severity: "warning",
    summary: "An attribute that has no effect here (e.g. `options` on a non-select field).",
  },
  "empty-component": {
    severity: "warning",
    summary: "A `<Say>`, `<Check>`, `<Tip>`, `<Warning>` or `<Template>` with nothing in it.",
  },
  // steps and sections
  "no-steps": { severity: "error", summary: "The SOP has no `<Step>` (or top-level `<Flow>`)." },
  "empty-step": { severity: "error", summary: "A `<Step>` with no content." },
  "duplicate-step-id": { severity: "error", summary: "Two steps have the same explicit `id`." },
  "h1-heading": {
    severity: "warning",
    summary: "A `#` heading; the title lives in the front matter, sections use `##`.",
  },
  "heading-in-step": {
    severity: "warning",
    summary: "A `#`/`##` heading inside a component; it is shown as a `###` sub-heading.",
  },
  "check-block-content": {
    severity: "error",
    summary: "A `<Check>` must hold a single line of text, not paragraphs or lists.",
  },
  // tables
  "table-too-large": {
    severity: "error",
    summary: "A table with more than 30 columns (left out) or 1,000 rows (the rest are left out); see Limits.",
  },
  "table-extra-cells": {
    severity: "warning",
    summary: "A table row with more cells than its header row; the extra cells are not shown.",
  },
  // fields and variables
  "invalid-field-name": { severity: "error", summary: "A field name must be lower_snake_case: `[a-z_][a-z0-9_]*`." },
  "invalid-field-type": { severity: "error", summary: "A field type that does not exist." },
  "duplicate-field": { severity: "error", summary: "Two `<Field>`s capture the same name." },
  "missing-options": { severity: "error", summary: 'A `type="select"` field without `options="A|B|C"`.' },
  "invalid-pattern": { severity: "error", summary: "A field `pattern` that is not a valid regular expression." },
  "unsupported-pattern": {
    severity: "error",
    summary:
      "A field `pattern` uses regular-expression syntax that the linear-time " +
      "engine does not run (backreferences, lookahead, lookbehind).",
  },
  "unknown-variable": { severity: "error", summary: "A `{name}` reference to a field that nothing captures." },
  // flows
  "flow-content": { severity: "error", summary: "A `<Flow>` may contain only `<Node>` and `<Edge>` elements." },
  "multiple-flows": { severity: "error", summary: "A step may contain at most one `<Flow>`." },
  "duplicate-flow-id": { severity: "error", summary: "Two flows have the same `id`." },
  "empty-flow": { severity: "error", summary: "A `<Flow>` without any `<Node>`." },
  "invalid-node-type": { severity: "error", summary: "A `<Node type>` that does not exist." },
  "duplicate-node-id": { severity: "error", summary: "Two nodes of one flow have the same `id`." },
  "unknown-node": {
    severity: "error",
    summary: "An `<Edge>` that starts or ends at a node id the flow does not have.",
  },
  "unknown-step": { severity: "error", summary: "A goto node whose `step` is not the id of a step of this SOP." },
  // training: quizzes and scenarios
  "quiz-content": { severity: "error", summary: "A `<Quiz>` may contain only `<Question>` elements." },
  "empty-quiz": { severity: "error", summary: "A `<Quiz>` without any `<Question>`." },
  "duplicate-quiz-id": { severity: "error", summary: "Two quizzes of the SOP have the same `id`." },
  "duplicate-question-id": { severity: "error", summary: "Two questions of one quiz have the same `id`." },
  "question-no-answer": { severity: "error", summary: "A `<Question>` without a correct `answer`." },
  "answer-not-an-option": {
    severity: "error",
    summary: "A `<Question answer>` that is not one of the question's `options`.",
  },
  "too-many-answers": {
    severity: "error",
    summary: 'A single-choice question with more than one `answer` (use `type="multiple"`).',
  },
  "duplicate-option": {
    severity: "error",
    summary: "The same option is listed twice in one `<Question>` (letter case does not count).",
  },
  "too-few-options": {
    severity: "error",
    summary: "A single- or multiple-choice question with fewer than two `options`.",
  },
  "text-question-options": {
    severity: "error",
    summary: '`options` on a `type="text"` question, which takes a typed answer.',
  },
  "scenario-content": {
    severity: "error",
    summary: "A `<Scenario>` may contain only `<Say>` (the opening line) and `<Answer>` elements.",
  },
  "scenario-no-opening": {
    severity: "warning",
    summary: "A `<Scenario>` without a `<Say>`: the customer has no opening line.",
  },
  "duplicate-scenario-id": { severity: "error", summary: "Two scenarios of the SOP have the same `id`." },
  "unknown-outcome": {
    severity: "error",
    summary: "A `<Scenario outcome>` that is not resolved, escalated, follow-up, transferred or abandoned.",
  },
  "unknown-answer-field": {
    severity: "error",
    summary: "An `<Answer field>` naming a field the SOP does not capture.",
  },
  "unknown-answer-question": {
    severity: "error",
    summary: "An `<Answer>` whose `flow` or `question` is not a question node of a flow of this SOP.",
  },
  "unknown-answer-choice": {
    severity: "error",
    summary: "An `<Answer choose>` that is not one of that question's answer labels.",
  },
  "answer-value-invalid": {
    severity: "warning",
    summary:
      "An `<Answer value>` the field would not accept (not one of a select's options, not matching its pattern…).",
  },
  "training-no-quiz": {
    severity: "error",
    summary: "`training.quiz: true` in the front matter, but the SOP has no `<Quiz>`.",
  },
  "training-no-scenario": {
    severity: "error",
    summary: "`training.practice` asks for practice runs, but the SOP has no `<Scenario>`.",
  },
  // limits
  "sop-too-large": {
    severity: "error",
    summary: "The SOP is over 1 MB of text; it is not checked. Split it into several SOPs.",
  },
  "nesting-too-deep": {
    severity: "error",
    summary:
      "Lists, quotes, brackets, emphasis or components are nested " +
      "deeper than the limits (see Limits); it is not checked further.",
  },
  // other
  "internal-error": { severity: "error", summary: "The checker itself failed on this file; please report it." },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** `path:line:col: error|warning: message (hint)` */
export function formatDiagnostic(d: Diagnostic, path: string): string {
  const hint = d.hint ? ` (${d.hint})` : "";
  return `${path}:${d.line}:${d.column}: ${d.severity}: ${d.message}${hint}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column;
}

/** Stable sort by line, then column. Returns a new array. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => [d, i] as const)
    .sort((x, y) => compareDiagnostics(x[0], y[0]) || x[1] - y[1])
    .map(([d]) => d);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Plain Levenshtein edit distance (insert, delete, substitute = 1). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/**
 * The closest candidate within `maxDistance` edits (case-insensitive), or undefined.
 * Ties go to the first candidate in the list.
 */
export function didYouMean(input: string, candidates: Iterable<string>, maxDistance = 2): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const d = levenshtein(needle, candidate.toLowerCase());
    if (d <= maxDistance && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined) return best;
  // "phone-number" → "phone": the input contains a candidate (4+ letters); the earliest one wins.
  let longest: string | undefined;
  let at = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const i = c.length >= 4 ? needle.indexOf(c) : -1;
    if (i >= 0 && (i < at || (i === at && longest !== undefined && c.length > longest.length))) {
      longest = candidate;
      at = i;
    }
  }
  return longest;
}

/** "did you mean <Step>?" style hint text, or undefined when nothing is close. */
export function suggestionHint(
  input: string,
  candidates: Iterable<string>,
  render: (s: string) => string = (s) => s,
): string | undefined {
  const s = didYouMean(input, candidates);
  return s === undefined ? undefined : `did you mean ${render(s)}?`;
}
