// parseSop's diagnostics on the visual editor's blocks, in plain words. Pure and browser-safe.
//
// A diagnostic's line:column is placed in the printed document (blocks.ts layout) and given to the innermost block
// holding it, with the attribute it points at when there is one (the form shows it under that field). The source
// view keeps the original message; the visual view says the same without source syntax: no backticks, no tags,
// no YAML keys, the names the forms use ("script" for <Say>, "Target handle time" for targets.handleTime).
import type { Diagnostic, Severity } from "../../sop-schema/types";
import type { ComponentName } from "../../sop-schema/components";
import type { DiagnosticCode } from "../../sop-schema/diagnostics";
import { BASIC_FRONT_MATTER_LABELS } from "../front-matter-labels";
import { layout, type PrintedSpan } from "./blocks";
import { flowPartName } from "./flow-graph";
import type { Block, Children, VisualDoc } from "./model";
import { FRONT_MATTER_ID } from "./model";

export type PlacedDiagnostic = {
  severity: Severity;
  code: string;
  line: number;
  column: number;
  /** plain words */
  message: string;
  /** plain words; left out when the parser's hint only makes sense in the source (an attribute to write) */
  hint?: string;
  /** the block it belongs to: a block id, FRONT_MATTER_ID, or null for the SOP as a whole */
  blockId: string | null;
  /** the component attribute it is about (`label`), when it points at one */
  attribute?: string;
  /** what parseSop said, for the source view */
  original: Diagnostic;
};

export type PlacedDiagnostics = {
  /** block id (or FRONT_MATTER_ID) → its diagnostics, in the parser's order */
  byBlock: Map<string, PlacedDiagnostic[]>;
  /** about the SOP as a whole (no steps, no front matter at all) or between blocks */
  document: PlacedDiagnostic[];
  /** every diagnostic, in the parser's order: the list under the editor */
  all: PlacedDiagnostic[];
};

// ---- words ---------------------------------------------------------------------------------------

/** What the visual editor calls each component. */
export const COMPONENT_LABELS: Record<ComponentName, string> = {
  Step: "step",
  Say: "script",
  Field: "field",
  Check: "check",
  Tip: "tip",
  Warning: "warning",
  Escalate: "escalation",
  Template: "reply template",
  Flow: "flow",
  Node: "flow box",
  Edge: "flow arrow",
  Quiz: "quiz",
  Question: "quiz question",
  Scenario: "practice scenario",
  Answer: "scenario answer",
};

const ATTRIBUTE_LABELS: Record<string, string> = {
  name: "field name",
  options: "choices",
  ignoreCase: "ignore letter case",
  help: "help text",
  pass: "pass mark",
  prompt: "question",
  answer: "correct answer",
  customer: "customer",
  says: "words",
  choose: "chosen answer",
};

/** The Details form's labels (app/components/editor/front-matter-form.tsx). */
const FRONT_MATTER_LABELS: Record<string, string> = {
  ...BASIC_FRONT_MATTER_LABELS,
  id: "SOP id",
  terms: "Terms",
  targets: "Targets",
  handleTime: "Target handle time",
  "targets.handleTime": "Target handle time",
  firstResponse: "Target first response",
  "targets.firstResponse": "Target first response",
  reviewEvery: "Review interval",
  reviewBy: "Review by date",
  training: "Training",
  "training.quiz": "Training quiz",
  "training.practice": "Training practice calls",
  "training.recertifyEvery": "Recertify every",
  recertifyEvery: "Recertify every",
};
const BARE_KEYS = ["targets.handleTime", "targets.firstResponse", "handleTime", "firstResponse", "reviewEvery"]
  .concat(["reviewBy", "recertifyEvery"])
  .map((k) => k.replace(".", "\\."));
const BARE_KEYS_RE = new RegExp(`\\b(${BARE_KEYS.join("|")}|training\\.[a-zA-Z]+)\\b`, "g");

const FRONT_MATTER_CODES = new Set<string>([
  "frontmatter-missing",
  "yaml-syntax",
  "frontmatter-not-object",
  "frontmatter-missing-key",
  "frontmatter-invalid",
  "unknown-frontmatter-key",
  "invalid-id",
  "invalid-duration",
  "invalid-language",
  "invalid-date",
  "review-conflict",
  "duplicate-term",
  "placeholder",
]);

function componentLabel(name: string): string {
  return (COMPONENT_LABELS as Record<string, string>)[name] ?? `“${name}” tag`;
}

function attributeLabel(name: string): string {
  return (
    ATTRIBUTE_LABELS[name] ?? name.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`)
  );
}

function keyLabel(key: string, frontMatter: boolean): string {
  if (frontMatter && FRONT_MATTER_LABELS[key]) return FRONT_MATTER_LABELS[key];
  return /^[A-Za-z][A-Za-z0-9]*$/.test(key) ? attributeLabel(key) : `“${key}”`;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Source syntax in a sentence → words. */
function words(text: string, frontMatter: boolean): string {
  let s = text;
  s = s.replace(/\b[Tt]he front matter\b/g, (m) => (m[0] === "T" ? "The details" : "the details"));
  s = s.replace(/\bfront matter\b/gi, "details");
  // `key` → its label; `code` → “code”
  s = s.replace(/`([^`]+)`/g, (_, inner: string) =>
    /^[A-Za-z][A-Za-z0-9.]*$/.test(inner) ? keyLabel(inner, frontMatter) : `“${inner}”`,
  );
  // <Edge to="x"> → flow arrow (to “x”)
  s = s.replace(/<([A-Z]\w*)((?:\s+\w+="[^"]*")+)\s*\/?>/g, (_, name: string, attrs: string) => {
    const parts = [...attrs.matchAll(/(\w+)="([^"]*)"/g)].map((m) => `${attributeLabel(m[1])} “${m[2]}”`);
    return `${componentLabel(name)} (${parts.join(", ")})`;
  });
  s = s.replace(/\b(a|an|A|An) <([A-Za-z]\w*)>/g, (_, a: string, name: string) => {
    const label = componentLabel(name);
    const art = article(label);
    return `${a[0] === "A" ? capitalise(art) : art} ${label}`;
  });
  s = s.replace(/<\/([A-Za-z]\w*)>/g, (_, name: string) => `the end of the ${componentLabel(name)}`);
  s = s.replace(/<([A-Za-z]\w*)\s*\/?>/g, (_, name: string) => componentLabel(name));
  s = s.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, "“$1”");
  s = s.replace(/\b(\w+)="([^"]*)"/g, (_, k: string, v: string) => `${attributeLabel(k)} “${v}”`);
  s = s.replace(/\b(id|name)=(?=[\s,.;)]|$)/g, "the $1");
  s = s.replace(BARE_KEYS_RE, (k: string) => FRONT_MATTER_LABELS[k] ?? k);
  s = s.replace(/`/g, "");
  return capitalise(s);
}

type Plain = { message: string; hint?: string };

/** Messages that read better said again than translated word by word. */
function rewrite(d: Diagnostic): Plain | null {
  const m = d.message;
  let r: RegExpExecArray | null;
  switch (d.code as DiagnosticCode) {
    case "frontmatter-missing":
      return /never closed/.test(m)
        ? { message: "The details at the top of the file are never closed — correct them in the source view" }
        : { message: "This SOP has no details yet: fill in the title, department, purpose and target handle time" };
    case "yaml-syntax":
    case "frontmatter-not-object":
      return { message: "The details at the top of the file could not be read — correct them in the source view" };
    case "frontmatter-missing-key":
      if ((r = /^The front matter needs `(\w+)`(?: under `targets`)?(.*)$/.exec(m))) {
        if (r[1] === "targets") return { message: "Fill in the Target handle time (e.g. 6m)" };
        return { message: `Fill in the ${FRONT_MATTER_LABELS[r[1]] ?? r[1]}${words(r[2], true)}` };
      }
      return null;
    case "unknown-frontmatter-key":
      if ((r = /key `([^`]+)`/.exec(m)))
        return { message: `The details have an entry “${r[1]}” that is not known; it is ignored` };
      return null;
    case "training-no-quiz":
      return { message: "Training asks trainees to pass a quiz, but this SOP has no quiz" };
    case "training-no-scenario":
      return { message: "Training asks for practice calls, but this SOP has no practice scenario" };
    case "missing-attribute":
      if ((r = /^<(\w+)> needs an? `(\w+)` attribute/.exec(m))) {
        const label = attributeLabel(r[2]);
        return { message: `The ${componentLabel(r[1])} needs ${article(label)} ${label}` };
      }
      if ((r = /^`(\w+)` on <(\w+)> is empty/.exec(m)))
        return { message: `The ${attributeLabel(r[1])} of the ${componentLabel(r[2])} is empty` };
      return null;
    case "unknown-attribute":
      if ((r = /^<(\w+)> has no attribute `([^`]+)`/.exec(m)))
        return { message: `The ${componentLabel(r[1])} has a setting “${r[2]}” it does not know` };
      return null;
    case "no-steps":
      return { message: "This SOP has no steps yet — add a step with the instructions" };
    case "expression-attribute":
      if ((r = /^`(\w+)=\{.*\}` on <(\w+)>/.exec(m)))
        return {
          message: `The ${attributeLabel(r[1])} of the ${componentLabel(r[2])} is in braces — write plain text`,
        };
      return null;
    case "invalid-attribute":
      if ((r = /^`(\w+)` on <(\w+)> must be written .*\(not "(.*)"\)$/.exec(m)))
        return {
          message: `The ${attributeLabel(r[1])} setting of the ${componentLabel(r[2])} is on or off, not “${r[3]}”`,
        };
      return null;
    case "mdx-syntax":
      return {
        message: `This part could not be read, so it is shown as source: ${lowerFirst(words(m, false))}`,
      };
    default:
      if ((r = /^`(\w+)` on <(\w+)> needs (?:a|an) [\w ]+ in quotes/.exec(m))) {
        const what = `${attributeLabel(r[1])} of the ${componentLabel(r[2])}`;
        return { message: `The ${what} is not written as the format expects — correct it in the source view` };
      }

      return null;
  }
}

/** Hints that only make sense while writing source (an attribute or a YAML line to type) are left out. */
const SOURCE_ONLY_HINT_RE = /="|: |<\/|^e\.g\. <|---|docs\//;

/** A diagnostic in plain words: no backticks, tags or YAML keys. */
export function plainDiagnostic(d: Diagnostic): Plain {
  const frontMatter = FRONT_MATTER_CODES.has(d.code);
  // A YAML example at the end of a front matter message ("e.g. tags: [calls]") is for the source view.
  const message = frontMatter ? d.message.replace(/,? e\.g\. [\w.]+: .*$/, "") : d.message;
  const out = rewrite(d) ?? { message: words(message, frontMatter) };
  if (d.hint && !SOURCE_ONLY_HINT_RE.test(d.hint) && out.hint === undefined) out.hint = words(d.hint, frontMatter);
  return out;
}

// ---- placing ---------------------------------------------------------------------------------

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The innermost block holding `offset`. A flow's boxes and arrows are not blocks of the visual editor (the Flow
 * block draws them and "Edit flow" edits them): what is about one of them is the Flow's, and `part` is that one.
 */
function innermost(
  children: Children,
  spans: Map<string, PrintedSpan>,
  offset: number,
): { block: Block; span: PrintedSpan; part?: Block } | null {
  for (const block of children.blocks) {
    const span = spans.get(block.id);
    if (!span || offset < span.start || offset >= span.end) continue;
    if (block.kind === "component" && block.children) {
      const inner = innermost(block.children, spans, offset);
      if (inner && block.name === "Flow") return { block, span, part: inner.part ?? inner.block };
      if (inner) return inner;
    }
    return { block, span };
  }
  return null;
}

/** Places parseSop's diagnostics (for fromBlocks(doc)) on the blocks of `doc`. */
export function placeDiagnostics(doc: VisualDoc, diagnostics: readonly Diagnostic[]): PlacedDiagnostics {
  const { text, spans } = layout(doc);
  const body = text.slice(doc.bom.length);
  const starts = lineStarts(body);
  const byBlock = new Map<string, PlacedDiagnostic[]>();
  const document: PlacedDiagnostic[] = [];
  const all: PlacedDiagnostic[] = [];
  const fm = spans.get(FRONT_MATTER_ID);
  for (const d of diagnostics) {
    const lineStart = starts[Math.min(starts.length, Math.max(1, d.line)) - 1] ?? body.length;
    const offset = doc.bom.length + Math.min(body.length, lineStart + Math.max(0, d.column - 1));
    const placed: PlacedDiagnostic = {
      severity: d.severity,
      code: d.code,
      line: d.line,
      column: d.column,
      ...plainDiagnostic(d),
      blockId: null,
      original: d,
    };
    const wholeDocument = d.code === "no-steps" || (d.code === "frontmatter-missing" && !fm);
    if (!wholeDocument && fm && offset >= fm.start && offset < Math.max(fm.end, fm.start + 1)) {
      placed.blockId = FRONT_MATTER_ID;
    } else if (!wholeDocument) {
      // An error reported at the very end (an unclosed tag) belongs to the last block.
      const hit =
        innermost(doc.body, spans, offset) ??
        (offset >= text.length && offset > 0 ? innermost(doc.body, spans, offset - 1) : null);
      if (hit) {
        placed.blockId = hit.block.id;
        const attr = hit.part ? undefined : hit.span.attrs?.find((a) => offset >= a.start && offset < a.end);
        if (attr && attr.name) placed.attribute = attr.name;
        const part = hit.part ? flowPartName(hit.part) : null;
        // The Flow block calls them boxes and arrows, as the flow editor does.
        const boxes = (t: string) => t.replace(/\bnode\b/g, "box").replace(/\bnodes\b/g, "boxes");
        if (part) placed.message = `${capitalise(part)}: ${boxes(lowerFirst(placed.message))}`;
      }
    }
    if (placed.blockId === null) document.push(placed);
    else {
      const list = byBlock.get(placed.blockId) ?? [];
      list.push(placed);
      byBlock.set(placed.blockId, list);
    }
    all.push(placed);
  }
  return { byBlock, document, all };
}
