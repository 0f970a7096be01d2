// Differences between two SOP versions: a side-by-side text diff of the source, and a structural diff of the
// parsed documents (meta, terms, steps, fields, flows) with human sentences for the UI. Pure and browser-safe.
import { diffArrays, diffWordsWithSpace } from "diff";
import { inlineText } from "../sop-schema/inline";
import { visitBlocks } from "../sop-schema/walk";
import { BASIC_FRONT_MATTER_LABELS } from "./front-matter-labels";
import type { Block, FieldDef, Flow, FlowEdge, FlowNode, GlossaryEntry, SopDocument, Step } from "../sop-schema/types";

// ---------------------------------------------------------------------------------------------
// Text diff

/** A piece of a changed line; `changed` marks the words that differ from the other side. */
export type DiffPart = { text: string; changed: boolean };
export type DiffLine = { line: number; text: string; parts?: DiffPart[] };

export type DiffRow =
  | { kind: "same" | "added" | "removed" | "changed"; left?: DiffLine; right?: DiffLine }
  /** `count` unchanged lines hidden; the first of them is `leftLine` on the left and `rightLine` on the right. */
  | { kind: "skip"; count: number; leftLine: number; rightLine: number };

export type TextDiff = { rows: DiffRow[]; added: number; removed: number };

export type TextDiffOptions = {
  /** Unchanged lines kept around each change; longer unchanged runs collapse into a "skip" row. Default 3. */
  context?: number;
};

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

const MAX_WORD_DIFF_LENGTH = 2000;

function wordParts(left: string, right: string): { left: DiffPart[]; right: DiffPart[] } | null {
  if (left.length + right.length > MAX_WORD_DIFF_LENGTH) return null;
  const changes = diffWordsWithSpace(left, right);
  const l: DiffPart[] = [];
  const r: DiffPart[] = [];
  for (const c of changes) {
    if (!c.added) l.push({ text: c.value, changed: c.removed });
    if (!c.removed) r.push({ text: c.value, changed: c.added });
  }
  return { left: l, right: r };
}

type LineChange = { value: string[]; added: boolean; removed: boolean };

/**
 * Line changes via the `diff` package (Myers), after trimming the common head and tail. A rewrite too large
 * to diff within the limits becomes "all removed, then all added" for the differing middle.
 */
function lineChanges(a: string[], b: string[]): LineChange[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const out: LineChange[] = [];
  if (head) out.push({ value: a.slice(0, head), added: false, removed: false });
  const middle = midA.length && midB.length ? diffArrays(midA, midB, { maxEditLength: 3000, timeout: 400 }) : undefined;
  if (middle) out.push(...middle);
  else {
    if (midA.length) out.push({ value: midA, added: false, removed: true });
    if (midB.length) out.push({ value: midB, added: true, removed: false });
  }
  if (tail) out.push({ value: a.slice(a.length - tail), added: false, removed: false });
  return out;
}

/**
 * Side-by-side diff of two texts, line by line. A run of removed lines followed by added lines is paired
 * row by row as "changed" (with word-level `parts`); unchanged runs longer than the context collapse into a
 * "skip" row. `added` / `removed` count lines (a changed row counts once in each).
 */
export function textDiff(a: string, b: string, options: TextDiffOptions = {}): TextDiff {
  const context = Math.max(0, options.context ?? 3);
  const left = splitLines(a ?? "");
  const right = splitLines(b ?? "");
  const full: Exclude<DiffRow, { kind: "skip" }>[] = [];
  let ln = 1;
  let rn = 1;
  let added = 0;
  let removed = 0;
  const changes = lineChanges(left, right);
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    if (!c.added && !c.removed) {
      for (const text of c.value) full.push({ kind: "same", left: { line: ln++, text }, right: { line: rn++, text } });
      continue;
    }
    // Gather one block of removals and additions (in either order) and pair them.
    const rem: string[] = [];
    const add: string[] = [];
    let j = i;
    while (j < changes.length && (changes[j].added || changes[j].removed)) {
      (changes[j].added ? add : rem).push(...changes[j].value);
      j++;
    }
    i = j - 1;
    removed += rem.length;
    added += add.length;
    const pairs = Math.min(rem.length, add.length);
    for (let k = 0; k < pairs; k++) {
      const l: DiffLine = { line: ln++, text: rem[k] };
      const r: DiffLine = { line: rn++, text: add[k] };
      const parts = wordParts(rem[k], add[k]);
      if (parts) {
        l.parts = parts.left;
        r.parts = parts.right;
      }
      full.push({ kind: "changed", left: l, right: r });
    }
    for (let k = pairs; k < rem.length; k++) full.push({ kind: "removed", left: { line: ln++, text: rem[k] } });
    for (let k = pairs; k < add.length; k++) full.push({ kind: "added", right: { line: rn++, text: add[k] } });
  }

  // Collapse long unchanged runs.
  const rows: DiffRow[] = [];
  let i = 0;
  while (i < full.length) {
    if (full[i].kind !== "same") {
      rows.push(full[i++]);
      continue;
    }
    let j = i;
    while (j < full.length && full[j].kind === "same") j++;
    const keepBefore = i === 0 ? 0 : context; // lines after the previous change
    const keepAfter = j === full.length ? 0 : context; // lines before the next change
    const hidden = j - i - keepBefore - keepAfter;
    if (Number.isFinite(context) && hidden >= 2) {
      rows.push(...full.slice(i, i + keepBefore));
      const first = full[i + keepBefore];
      rows.push({ kind: "skip", count: hidden, leftLine: first.left!.line, rightLine: first.right!.line });
      rows.push(...full.slice(j - keepAfter, j));
    } else rows.push(...full.slice(i, j));
    i = j;
  }
  return { rows, added, removed };
}

// ---------------------------------------------------------------------------------------------
// Structural diff: types

export type ValueChange = { before: string; after: string };

export type MetaKey =
  | "title"
  | "department"
  | "purpose"
  | "owner"
  | "tags"
  | "language"
  | "handleTime"
  | "firstResponse"
  | "reviewEvery"
  | "reviewBy";

export type MetaChange = { key: MetaKey; label: string } & ValueChange;

export type StepRef = { id: string; number: number; title: string; section: string | null };

export type StepAspect =
  "title" | "id" | "text" | "fields" | "checks" | "escalations" | "flow" | "section" | "moved" | "renumbered";

export type StepChange = {
  id: string;
  title: string;
  before: StepRef;
  after: StepRef;
  /** What changed, in a fixed order. "moved": its order relative to the other steps changed. */
  aspects: StepAspect[];
  checks?: { added: string[]; removed: string[] };
  fields?: { added: string[]; removed: string[]; changed: string[] };
  escalations?: { added: string[]; removed: string[] };
};

export type FieldRef = { name: string; label: string; stepId: string };
export type FieldChange = { name: string; label: string; changes: { key: string; before: string; after: string }[] };

export type NodeRef = { id: string; type: string; label: string };
export type EdgeRef = { from: string; to: string; label: string };

export type FlowChange = {
  id: string;
  title: string;
  titleChange?: ValueChange;
  stepChange?: ValueChange;
  nodes: {
    added: NodeRef[];
    removed: NodeRef[];
    relabelled: ({ id: string } & ValueChange)[];
    retyped: ({ id: string; label: string } & ValueChange)[];
    /** Other node attributes (to, reason, step, sop, field, outcome). */
    attributes: { id: string; key: string; before: string; after: string }[];
  };
  edges: {
    added: EdgeRef[];
    removed: EdgeRef[];
    relabelled: ({ from: string; to: string } & ValueChange)[];
  };
};

export type StructuralDiff = {
  meta: MetaChange[];
  tags: { added: string[]; removed: string[] };
  terms: { added: GlossaryEntry[]; removed: GlossaryEntry[]; changed: ({ term: string } & ValueChange)[] };
  /**
   * Section titles (## headings) added and removed; sections whose text outside steps changed ("" = the introduction).
   */
  sections: { added: string[]; removed: string[]; textChanged: string[] };
  steps: { added: StepRef[]; removed: StepRef[]; changed: StepChange[] };
  fields: { added: FieldRef[]; removed: FieldRef[]; changed: FieldChange[] };
  flows: { added: { id: string; title: string }[]; removed: { id: string; title: string }[]; changed: FlowChange[] };
  /** Human sentences, most important first; ["No structural changes."] when nothing differs. */
  summary: string[];
  /** True when nothing structural differs (the source may still differ in layout or wording of the YAML). */
  identical: boolean;
};

// ---------------------------------------------------------------------------------------------
// Helpers

export const META_LABELS: Record<MetaKey, string> = {
  ...BASIC_FRONT_MATTER_LABELS,
  handleTime: "Handle time target",
  firstResponse: "First response target",
  reviewEvery: "Review cadence",
  reviewBy: "Review date",
};

/** A JSON form for comparing: no positions, terms as plain text (a new glossary term is not a text change). */
function canon(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const item of v.map(norm)) {
        const prev = out[out.length - 1] as { type?: string; value?: string } | undefined;
        const cur = item as { type?: string; value?: string } | null;
        if (
          prev &&
          cur &&
          prev.type === "text" &&
          cur.type === "text" &&
          Object.keys(prev).length === 2 &&
          Object.keys(cur).length === 2
        )
          out[out.length - 1] = { type: "text", value: `${prev.value}${cur.value}` };
        else out.push(item);
      }
      return out;
    }
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o.type === "term" && typeof o.text === "string") return { type: "text", value: o.text };
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(o).sort()) {
        // check ids derive from text
        if (k === "position" || k === "stepId" || (k === "id" && o.type === "check")) continue;
        out[k] = norm(o[k]);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(norm(value));
}

/** Every block of a step, nested ones included. */
function walk(blocks: readonly Block[], visit: (b: Block) => void): void {
  visitBlocks(blocks, (b) => {
    visit(b);
  });
}

/** The step's text: every block except fields, checks, escalations and flows (which are compared apart). */
function stepText(step: Step): string {
  const strip = (blocks: readonly Block[]): unknown[] =>
    blocks
      .filter((b) => b.type !== "field" && b.type !== "check" && b.type !== "escalate" && b.type !== "flow")
      .map((b) => {
        if (b.type === "list") return { ...b, items: b.items.map(strip) };
        if (b.type === "blockquote" || b.type === "say" || b.type === "tip" || b.type === "warning")
          return { ...b, children: strip(b.children) };
        return b;
      });
  return canon(strip(step.blocks));
}

function stepChecks(step: Step): string[] {
  const out: string[] = [];
  walk(step.blocks, (b) => {
    if (b.type === "check") out.push(inlineText(b.children).trim());
  });
  return out;
}

function stepEscalations(step: Step): { key: string; canon: string }[] {
  const out: { key: string; canon: string }[] = [];
  walk(step.blocks, (b) => {
    if (b.type === "escalate") out.push({ key: `${b.to} — ${b.reason}`, canon: canon(b) });
  });
  return out;
}

function fieldCanon(f: FieldDef): string {
  const { position: _p, stepId: _s, ...rest } = f;
  return canon(rest);
}

function listDiff(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const count = (xs: readonly string[]) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return m;
  };
  const b = count(before);
  const a = count(after);
  const added: string[] = [];
  const removed: string[] = [];
  for (const x of after) {
    const n = b.get(x) ?? 0;
    if (n > 0) b.set(x, n - 1);
    else added.push(x);
  }
  for (const x of before) {
    const n = a.get(x) ?? 0;
    if (n > 0) a.set(x, n - 1);
    else removed.push(x);
  }
  return { added, removed };
}

function sectionTitle(doc: SopDocument, step: Step): string | null {
  return doc.sections.find((s) => s.id === step.sectionId)?.title ?? null;
}

function stepRef(doc: SopDocument, step: Step): StepRef {
  return { id: step.id, number: step.number, title: step.title, section: sectionTitle(doc, step) };
}

const q = (s: string) => `“${s.length > 80 ? `${s.slice(0, 79)}…` : s}”`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const joinList = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;

/** Longest increasing subsequence indices (to tell moved steps from merely renumbered ones). */
function lisKeep(seq: number[]): Set<number> {
  const n = seq.length;
  const tails: number[] = [];
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  let k = tails.length ? tails[tails.length - 1] : -1;
  while (k >= 0) {
    keep.add(k);
    k = prev[k];
  }
  return keep;
}

// ---------------------------------------------------------------------------------------------
// Structural diff

function metaValues(doc: SopDocument): Record<MetaKey, string> {
  const m = doc.meta;
  return {
    title: m.title,
    department: m.department,
    purpose: m.purpose,
    owner: m.owner ?? "",
    tags: m.tags.join(", "),
    language: m.language,
    handleTime: m.targets.handleTime,
    firstResponse: m.targets.firstResponse ?? "",
    reviewEvery: m.reviewEvery ?? "",
    reviewBy: m.reviewBy ?? "",
  };
}

function diffSteps(a: SopDocument, b: SopDocument): StructuralDiff["steps"] {
  const byIdA = new Map(a.steps.map((s) => [s.id, s]));
  const byIdB = new Map(b.steps.map((s) => [s.id, s]));
  const pairs: [Step, Step][] = [];
  const matchedA = new Set<Step>();
  const matchedB = new Set<Step>();
  for (const sb of b.steps) {
    const sa = byIdA.get(sb.id);
    if (sa && !matchedA.has(sa)) {
      pairs.push([sa, sb]);
      matchedA.add(sa);
      matchedB.add(sb);
    }
  }
  // Steps without an explicit id change id when their title changes: pair the leftovers with identical
  // content, then the ones in the same place (same number and section).
  const leftoverA = () => a.steps.filter((s) => !matchedA.has(s));
  const leftoverB = () => b.steps.filter((s) => !matchedB.has(s));
  const contentKey = (s: Step) => canon(s.blocks);
  for (const sb of leftoverB()) {
    const sa = leftoverA().find((x) => contentKey(x) === contentKey(sb) && !byIdB.has(x.id));
    if (sa) {
      pairs.push([sa, sb]);
      matchedA.add(sa);
      matchedB.add(sb);
    }
  }
  for (const sb of leftoverB()) {
    const sa = leftoverA().find(
      (x) =>
        x.number === sb.number && sectionTitle(a, x) === sectionTitle(b, sb) && !byIdB.has(x.id) && !byIdA.has(sb.id),
    );
    if (sa) {
      pairs.push([sa, sb]);
      matchedA.add(sa);
      matchedB.add(sb);
    }
  }

  // Order: a pair is "moved" when it is not on the longest run that keeps its relative order.
  pairs.sort((x, y) => x[1].number - y[1].number);
  const orderA = pairs.map(([sa]) => sa.number);
  const inOrder = lisKeep(orderA);

  const changed: StepChange[] = [];
  pairs.forEach(([sa, sb], i) => {
    const aspects: StepAspect[] = [];
    const change: StepChange = { id: sb.id, title: sb.title, before: stepRef(a, sa), after: stepRef(b, sb), aspects };
    if (sa.title !== sb.title) aspects.push("title");
    if (sa.id !== sb.id) aspects.push("id");
    if (stepText(sa) !== stepText(sb)) aspects.push("text");
    const fa = a.fields.filter((f) => f.stepId === sa.id);
    const fb = b.fields.filter((f) => f.stepId === sb.id);
    const fieldNames = listDiff(
      fa.map((f) => f.name),
      fb.map((f) => f.name),
    );
    const fieldChanged = fb
      .filter((f) => {
        const old = fa.find((x) => x.name === f.name);
        return old !== undefined && fieldCanon(old) !== fieldCanon(f);
      })
      .map((f) => f.name);
    if (
      fieldNames.added.length ||
      fieldNames.removed.length ||
      fieldChanged.length ||
      fa.map((f) => f.name).join() !== fb.map((f) => f.name).join()
    ) {
      aspects.push("fields");
      change.fields = { ...fieldNames, changed: fieldChanged };
    }
    const checks = listDiff(stepChecks(sa), stepChecks(sb));
    if (checks.added.length || checks.removed.length || stepChecks(sa).join("\n") !== stepChecks(sb).join("\n")) {
      aspects.push("checks");
      change.checks = checks;
    }
    const ea = stepEscalations(sa);
    const eb = stepEscalations(sb);
    if (ea.map((e) => e.canon).join() !== eb.map((e) => e.canon).join()) {
      aspects.push("escalations");
      change.escalations = listDiff(
        ea.map((e) => e.key),
        eb.map((e) => e.key),
      );
    }
    if ((sa.flowId ?? "") !== (sb.flowId ?? "")) aspects.push("flow");
    if (sectionTitle(a, sa) !== sectionTitle(b, sb)) aspects.push("section");
    if (!inOrder.has(i)) aspects.push("moved");
    if (sa.number !== sb.number) aspects.push("renumbered");
    if (aspects.length) changed.push(change);
  });

  return {
    added: b.steps.filter((s) => !matchedB.has(s)).map((s) => stepRef(b, s)),
    removed: a.steps.filter((s) => !matchedA.has(s)).map((s) => stepRef(a, s)),
    changed,
  };
}

const FIELD_KEYS = [
  "label",
  "type",
  "required",
  "pattern",
  "ignoreCase",
  "sensitive",
  "options",
  "placeholder",
  "help",
  "stepId",
] as const;

function fieldValue(f: FieldDef, key: (typeof FIELD_KEYS)[number]): string {
  const v = f[key];
  if (v === undefined) return "";
  if (Array.isArray(v)) return v.join("|");
  return String(v);
}

function diffFields(a: SopDocument, b: SopDocument): StructuralDiff["fields"] {
  const ma = new Map(a.fields.map((f) => [f.name, f]));
  const mb = new Map(b.fields.map((f) => [f.name, f]));
  const ref = (f: FieldDef): FieldRef => ({ name: f.name, label: f.label, stepId: f.stepId });
  const changed: FieldChange[] = [];
  for (const fb of b.fields) {
    const fa = ma.get(fb.name);
    if (!fa || fa === undefined) continue;
    const changes = FIELD_KEYS.filter((k) => fieldValue(fa, k) !== fieldValue(fb, k)).map((k) => ({
      key: k === "stepId" ? "step" : k,
      before: fieldValue(fa, k),
      after: fieldValue(fb, k),
    }));
    if (changes.length) changed.push({ name: fb.name, label: fb.label, changes });
  }
  return {
    added: b.fields.filter((f) => !ma.has(f.name)).map(ref),
    removed: a.fields.filter((f) => !mb.has(f.name)).map(ref),
    changed,
  };
}

const NODE_ATTRS = ["to", "reason", "step", "sop", "field", "outcome"] as const;

function edgeKeys(edges: readonly FlowEdge[]): Map<string, FlowEdge> {
  const out = new Map<string, FlowEdge>();
  const seen = new Map<string, number>();
  for (const e of edges) {
    const base = `${e.from}\u0000${e.to}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.set(`${base}\u0000${n}`, e);
  }
  return out;
}

function diffFlow(fa: Flow, fb: Flow): FlowChange | null {
  const change: FlowChange = {
    id: fb.id,
    title: fb.title,
    nodes: { added: [], removed: [], relabelled: [], retyped: [], attributes: [] },
    edges: { added: [], removed: [], relabelled: [] },
  };
  if (fa.title !== fb.title) change.titleChange = { before: fa.title, after: fb.title };
  if (fa.stepId !== fb.stepId) change.stepChange = { before: fa.stepId, after: fb.stepId };
  const na = new Map<string, FlowNode>();
  for (const n of fa.nodes) if (!na.has(n.id)) na.set(n.id, n);
  const nb = new Map<string, FlowNode>();
  for (const n of fb.nodes) if (!nb.has(n.id)) nb.set(n.id, n);
  const ref = (n: FlowNode): NodeRef => ({ id: n.id, type: n.type, label: n.label });
  for (const [id, n] of nb) {
    const old = na.get(id);
    if (!old) {
      change.nodes.added.push(ref(n));
      continue;
    }
    if (old.label !== n.label) change.nodes.relabelled.push({ id, before: old.label, after: n.label });
    if (old.type !== n.type) change.nodes.retyped.push({ id, label: n.label, before: old.type, after: n.type });
    for (const k of NODE_ATTRS)
      if ((old[k] ?? "") !== (n[k] ?? ""))
        change.nodes.attributes.push({ id, key: k, before: old[k] ?? "", after: n[k] ?? "" });
  }
  for (const [id, n] of na) if (!nb.has(id)) change.nodes.removed.push(ref(n));
  const ea = edgeKeys(fa.edges);
  const eb = edgeKeys(fb.edges);
  const eref = (e: FlowEdge): EdgeRef => ({ from: e.from, to: e.to, label: e.label ?? "" });
  for (const [key, e] of eb) {
    const old = ea.get(key);
    if (!old) change.edges.added.push(eref(e));
    else if ((old.label ?? "") !== (e.label ?? ""))
      change.edges.relabelled.push({ from: e.from, to: e.to, before: old.label ?? "", after: e.label ?? "" });
  }
  for (const [key, e] of ea) if (!eb.has(key)) change.edges.removed.push(eref(e));
  const n = change.nodes;
  const ed = change.edges;
  const empty =
    !change.titleChange &&
    !change.stepChange &&
    !n.added.length &&
    !n.removed.length &&
    !n.relabelled.length &&
    !n.retyped.length &&
    !n.attributes.length &&
    !ed.added.length &&
    !ed.removed.length &&
    !ed.relabelled.length;
  return empty ? null : change;
}

function diffFlows(a: SopDocument, b: SopDocument): StructuralDiff["flows"] {
  const ma = new Map(a.flows.map((f) => [f.id, f]));
  const mb = new Map(b.flows.map((f) => [f.id, f]));
  const changed: FlowChange[] = [];
  for (const fb of b.flows) {
    const fa = ma.get(fb.id);
    if (!fa) continue;
    const c = diffFlow(fa, fb);
    if (c) changed.push(c);
  }
  return {
    added: b.flows.filter((f) => !ma.has(f.id)).map((f) => ({ id: f.id, title: f.title })),
    removed: a.flows.filter((f) => !mb.has(f.id)).map((f) => ({ id: f.id, title: f.title })),
    changed,
  };
}

const ASPECT_WORDS: Record<StepAspect, string> = {
  title: "title",
  id: "id",
  text: "text",
  fields: "fields",
  checks: "checks",
  escalations: "escalations",
  flow: "flow",
  section: "section",
  moved: "order",
  renumbered: "number",
};

function summarise(d: Omit<StructuralDiff, "summary" | "identical">): string[] {
  const out: string[] = [];
  for (const m of d.meta) {
    if (m.key === "tags") continue;
    if (m.before === "") out.push(`${m.label} set to ${q(m.after)}.`);
    else if (m.after === "") out.push(`${m.label} removed (was ${q(m.before)}).`);
    else if (m.key === "purpose") out.push(`Purpose reworded.`);
    else out.push(`${m.label} changed from ${q(m.before)} to ${q(m.after)}.`);
  }
  if (d.tags.added.length)
    out.push(`Tag${d.tags.added.length > 1 ? "s" : ""} added: ${joinList(d.tags.added.map(q))}.`);
  if (d.tags.removed.length)
    out.push(`Tag${d.tags.removed.length > 1 ? "s" : ""} removed: ${joinList(d.tags.removed.map(q))}.`);
  for (const t of d.terms.added) out.push(`Term ${q(t.term)} added.`);
  for (const t of d.terms.removed) out.push(`Term ${q(t.term)} removed.`);
  for (const t of d.terms.changed) out.push(`Meaning of the term ${q(t.term)} changed.`);
  for (const s of d.sections.added) out.push(`Section ${q(s)} added.`);
  for (const s of d.sections.removed) out.push(`Section ${q(s)} removed.`);
  for (const s of d.sections.textChanged)
    out.push(s ? `Text of the section ${q(s)} changed.` : "Introduction text changed.");
  for (const s of d.steps.added)
    out.push(`Step ${s.number} ${q(s.title)} added${s.section ? ` in ${q(s.section)}` : ""}.`);
  for (const s of d.steps.removed) out.push(`Step ${s.number} ${q(s.title)} removed.`);
  let renumberedOnly = 0;
  for (const c of d.steps.changed) {
    const content = c.aspects.filter((x) => x !== "renumbered" && x !== "moved" && x !== "section" && x !== "id");
    const name = `Step ${c.after.number} ${q(c.title)}`;
    if (c.aspects.includes("title"))
      out.push(`Step ${c.after.number} renamed from ${q(c.before.title)} to ${q(c.after.title)}.`);
    const rest = content.filter((x) => x !== "title");
    if (rest.length) out.push(`${name}: ${joinList(rest.map((x) => ASPECT_WORDS[x]))} changed.`);
    if (c.aspects.includes("moved") || c.aspects.includes("section")) {
      const where = c.before.section !== c.after.section && c.after.section ? ` to ${q(c.after.section)}` : "";
      out.push(`Step ${q(c.title)} moved from position ${c.before.number} to ${c.after.number}${where}.`);
    } else if (c.aspects.length === 1 && c.aspects[0] === "renumbered") renumberedOnly++;
  }
  if (renumberedOnly) out.push(`${plural(renumberedOnly, "other step")} renumbered.`);
  for (const f of d.fields.added) out.push(`Field ${q(f.name)} (${f.label}) added.`);
  for (const f of d.fields.removed) out.push(`Field ${q(f.name)} (${f.label}) removed.`);
  for (const f of d.fields.changed) out.push(`Field ${q(f.name)}: ${joinList(f.changes.map((c) => c.key))} changed.`);
  for (const f of d.flows.added) out.push(`Flow ${q(f.title)} added.`);
  for (const f of d.flows.removed) out.push(`Flow ${q(f.title)} removed.`);
  for (const f of d.flows.changed) {
    const parts: string[] = [];
    if (f.titleChange) parts.push(`renamed from ${q(f.titleChange.before)}`);
    if (f.stepChange) parts.push(`moved to another step`);
    const n = f.nodes;
    if (n.added.length)
      parts.push(`${plural(n.added.length, "node")} added (${joinList(n.added.map((x) => q(x.label)))})`);
    if (n.removed.length)
      parts.push(`${plural(n.removed.length, "node")} removed (${joinList(n.removed.map((x) => q(x.label)))})`);
    for (const r of n.relabelled) parts.push(`node ${r.id} relabelled from ${q(r.before)} to ${q(r.after)}`);
    for (const r of n.retyped) parts.push(`node ${r.id} changed from ${r.before} to ${r.after}`);
    if (n.attributes.length)
      parts.push(
        `${plural(new Set(n.attributes.map((x) => x.id)).size, "node")} with changed ` +
          `details (${joinList([...new Set(n.attributes.map((x) => x.key))])})`,
      );
    const e = f.edges;
    if (e.added.length)
      parts.push(`${plural(e.added.length, "edge")} added (${joinList(e.added.map((x) => `${x.from} → ${x.to}`))})`);
    if (e.removed.length)
      parts.push(
        `${plural(e.removed.length, "edge")} removed (${joinList(e.removed.map((x) => `${x.from} → ${x.to}`))})`,
      );
    for (const r of e.relabelled)
      parts.push(`answer ${r.from} → ${r.to} relabelled from ${q(r.before)} to ${q(r.after)}`);
    out.push(`Flow ${q(f.title)}: ${parts.join("; ")}.`);
  }
  return out.length ? out : ["No structural changes."];
}

/**
 * What changed between two parsed versions (a = before, b = after). Steps are matched by id (steps whose
 * derived id changed with their title are matched by content or place), fields by name, flows by id, flow
 * nodes by id and edges by their ends. Works on partial documents (with errors) too.
 */
export function structuralDiff(a: SopDocument, b: SopDocument): StructuralDiff {
  const va = metaValues(a);
  const vb = metaValues(b);
  const meta: MetaChange[] = (Object.keys(META_LABELS) as MetaKey[])
    .filter((k) => va[k] !== vb[k])
    .map((k) => ({ key: k, label: META_LABELS[k], before: va[k], after: vb[k] }));
  const tags = listDiff(a.meta.tags, b.meta.tags);

  const ta = new Map(a.glossary.map((t) => [t.term.toLowerCase(), t]));
  const tb = new Map(b.glossary.map((t) => [t.term.toLowerCase(), t]));
  const terms: StructuralDiff["terms"] = {
    added: b.glossary.filter((t) => !ta.has(t.term.toLowerCase())).map((t) => ({ ...t })),
    removed: a.glossary.filter((t) => !tb.has(t.term.toLowerCase())).map((t) => ({ ...t })),
    changed: b.glossary
      .filter((t) => {
        const old = ta.get(t.term.toLowerCase());
        return old !== undefined && old.meaning !== t.meaning;
      })
      .map((t) => ({ term: t.term, before: ta.get(t.term.toLowerCase())!.meaning, after: t.meaning })),
  };
  const sectionTitles = (doc: SopDocument) => doc.sections.map((s) => s.title).filter((t): t is string => t !== null);
  const sections = { ...listDiff(sectionTitles(a), sectionTitles(b)), textChanged: [] as string[] };
  for (const sb of b.sections) {
    const sa = a.sections.find((x) => x.title === sb.title);
    if (sa && canon(sa.intro) !== canon(sb.intro)) sections.textChanged.push(sb.title ?? "");
  }

  const partial = {
    meta,
    tags,
    terms,
    sections,
    steps: diffSteps(a, b),
    fields: diffFields(a, b),
    flows: diffFlows(a, b),
  };
  const identical =
    meta.length === 0 &&
    !terms.added.length &&
    !terms.removed.length &&
    !terms.changed.length &&
    !sections.added.length &&
    !sections.removed.length &&
    !partial.steps.added.length &&
    !partial.steps.removed.length &&
    !partial.steps.changed.length &&
    !partial.fields.added.length &&
    !partial.fields.removed.length &&
    !partial.fields.changed.length &&
    !partial.flows.added.length &&
    !partial.flows.removed.length &&
    !partial.flows.changed.length &&
    !sections.textChanged.length;
  return { ...partial, summary: summarise(partial), identical };
}
