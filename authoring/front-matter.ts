// The structured front-matter form: read the YAML block into flat form values, write form values back
// into the source, and validate them with sop-schema's zod schema. Pure and browser-safe.
//
// Writing goes through the YAML Document API: only the keys whose value changed are touched, so comments,
// unknown keys, key order and quoting survive; the body after the closing `---` is kept byte for byte.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { Node as YamlNode } from "yaml";
import {
  frontMatterSchema,
  isPlaceholder,
  parseFrontMatter,
  PLACEHOLDER_KEYS,
  type PlaceholderKey,
} from "../sop-schema/frontmatter";

export type FrontMatterTerm = { term: string; meaning: string };

/** The form's values. An empty string (or empty list) means "absent". */
export type FrontMatterValues = {
  title: string;
  department: string;
  purpose: string;
  terms: FrontMatterTerm[];
  owner: string;
  tags: string[];
  language: string;
  /** `targets.handleTime` in the YAML. */
  handleTime: string;
  /** `targets.firstResponse` in the YAML. */
  firstResponse: string;
  reviewEvery: string;
  reviewBy: string;
};

export type FrontMatterErrors = Partial<Record<keyof FrontMatterValues, string>>;

export type ReadFrontMatterResult = {
  values: FrontMatterValues;
  /** Offset (UTF-16 code units, into `source`) where the body starts: just after the closing `---` line. */
  bodyStart: number;
  /** Why the front matter could not be read (YAML syntax, unclosed block…); values are then best-effort. */
  error?: string;
  /**
   * Fields whose value in the source is a `TODO` placeholder (left by the Markdown import). Their value reads
   * as empty: the form shows them as needing a value, and typing one replaces the placeholder.
   */
  placeholders: PlaceholderKey[];
};

/** What the form says under a field that still holds a placeholder. */
export function placeholderMessage(key: PlaceholderKey): string {
  return `${PLACEHOLDER_KEYS[key].message} — ${PLACEHOLDER_KEYS[key].hint}`;
}

export const FRONT_MATTER_FIELDS = [
  "title",
  "department",
  "purpose",
  "terms",
  "owner",
  "tags",
  "language",
  "handleTime",
  "firstResponse",
  "reviewEvery",
  "reviewBy",
] as const satisfies readonly (keyof FrontMatterValues)[];

export function emptyFrontMatterValues(): FrontMatterValues {
  return {
    title: "",
    department: "",
    purpose: "",
    terms: [],
    owner: "",
    tags: [],
    language: "",
    handleTime: "",
    firstResponse: "",
    reviewEvery: "",
    reviewBy: "",
  };
}

// ---------------------------------------------------------------------------------------------
// Locating the block

type Located = {
  bom: string;
  /** Offset just after the opening fence line (start of the YAML). */
  yamlStart: number;
  /** Offset of the closing fence line (end of the YAML), or -1 when the block is never closed. */
  yamlEnd: number;
  /** Offset just after the closing fence line. */
  bodyStart: number;
  eol: "\n" | "\r\n" | "\r";
  /** 1-based file line of the first YAML line. */
  startLine: number;
  endLine: number;
};

const FENCE_RE = /^---[ \t]*$/;

/** Same rule as remark-frontmatter / sop-schema: a `---` line at the very top, closed by another one. */
function locate(source: string): Located | "unclosed" | null {
  const bom = source.charCodeAt(0) === 0xfeff ? "\ufeff" : "";
  const lineRe = /([^\r\n]*)(\r\n|\n|\r|$)/y;
  let pos = bom.length;
  let lineNo = 0;
  let eol: Located["eol"] = "\n";
  let yamlStart = -1;
  while (pos <= source.length) {
    lineRe.lastIndex = pos;
    const m = lineRe.exec(source);
    if (!m) break;
    lineNo++;
    const next = pos + m[0].length;
    if (lineNo === 1) {
      if (!FENCE_RE.test(m[1]) || m[2] === "") return null;
      eol = m[2] as Located["eol"];
      yamlStart = next;
    } else if (FENCE_RE.test(m[1])) {
      return { bom, yamlStart, yamlEnd: pos, bodyStart: next, eol, startLine: 2, endLine: lineNo };
    }
    if (m[2] === "") break;
    pos = next;
  }
  return lineNo >= 1 && yamlStart >= 0 ? "unclosed" : null;
}

// ---------------------------------------------------------------------------------------------
// Reading

function asText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

/** A placeholder reads as no value (see ReadFrontMatterResult.placeholders). */
const valueText = (v: unknown) => (isPlaceholder(v) ? "" : asText(v));

function placeholdersIn(data: unknown): PlaceholderKey[] {
  const at = (path: readonly string[]) =>
    path.reduce<unknown>(
      (v, key) =>
        v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined,
      data,
    );
  return (Object.keys(PLACEHOLDER_KEYS) as PlaceholderKey[]).filter((key) =>
    isPlaceholder(at(PLACEHOLDER_KEYS[key].path)),
  );
}

function valuesFromData(data: unknown): FrontMatterValues {
  const values = emptyFrontMatterValues();
  if (data === null || typeof data !== "object" || Array.isArray(data)) return values;
  const d = data as Record<string, unknown>;
  values.title = asText(d.title);
  values.department = asText(d.department);
  values.purpose = valueText(d.purpose);
  values.owner = asText(d.owner);
  values.language = asText(d.language);
  values.reviewEvery = asText(d.reviewEvery);
  values.reviewBy = asText(d.reviewBy);
  if (Array.isArray(d.tags)) values.tags = d.tags.map(asText).filter((t) => t.trim() !== "");
  else if (asText(d.tags).trim() !== "") values.tags = [asText(d.tags)];
  if (Array.isArray(d.terms))
    values.terms = d.terms.map((t) =>
      t !== null && typeof t === "object" && !Array.isArray(t)
        ? { term: asText((t as Record<string, unknown>).term), meaning: asText((t as Record<string, unknown>).meaning) }
        : { term: asText(t), meaning: "" },
    );
  const targets = d.targets;
  if (targets !== null && typeof targets === "object" && !Array.isArray(targets)) {
    values.handleTime = valueText((targets as Record<string, unknown>).handleTime);
    values.firstResponse = valueText((targets as Record<string, unknown>).firstResponse);
  }
  return values;
}

function toJs(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: 50 });
  } catch {
    return undefined;
  }
}

/** Reads the front matter block of an SOP source into form values. Never throws. */
export function readFrontMatter(source: string): ReadFrontMatterResult {
  const src = typeof source === "string" ? source : "";
  const loc = locate(src);
  const bom = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (loc === null) return { values: emptyFrontMatterValues(), bodyStart: bom, placeholders: [] };
  if (loc === "unclosed")
    return {
      values: emptyFrontMatterValues(),
      bodyStart: bom,
      error: "The front matter that starts on line 1 is never closed — add a line with just --- after it",
      placeholders: [],
    };
  const yaml = src.slice(loc.yamlStart, loc.yamlEnd);
  const doc = parseDocument(yaml, { logLevel: "silent" });
  const data = toJs(doc);
  const values = valuesFromData(data);
  const result: ReadFrontMatterResult = { values, bodyStart: loc.bodyStart, placeholders: placeholdersIn(data) };
  const hasErrors = doc.errors.length > 0;
  const contents = doc.contents;
  if (hasErrors || (contents !== null && !isMap(contents))) {
    // The parser's own wording, with the file line.
    const fm = parseFrontMatter({
      yaml: yaml.replace(/\r\n?/g, "\n").replace(/\n$/, ""),
      startLine: loc.startLine,
      endLine: loc.endLine,
    });
    const d = fm.diagnostics.find((x) => x.code === "yaml-syntax" || x.code === "frontmatter-not-object");
    result.error = d ? `Line ${d.line}: ${d.message}` : "The front matter could not be read";
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** The front-matter keys Stepwise knows, in the order new keys are placed in (existing keys never move). */
export const FRONT_MATTER_KEYS = [
  "id",
  "title",
  "department",
  "purpose",
  "owner",
  "tags",
  "language",
  "terms",
  "targets",
  "reviewEvery",
  "reviewBy",
];

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : typeof pair.key === "string" ? pair.key : undefined;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyOf(p) === key) as Pair | undefined;
}

function removeKey(map: YAMLMap, key: string): void {
  const i = map.items.findIndex((p) => keyOf(p as Pair) === key);
  if (i >= 0) map.items.splice(i, 1);
}

/** Adds `key: node` to a map at its canonical place relative to the keys already there. */
function insertKey(doc: Document, map: YAMLMap, key: string, node: YamlNode, order: readonly string[]): void {
  const rank = order.indexOf(key);
  let at = map.items.length;
  if (rank >= 0) {
    // After the last existing key that comes before this one; else before the first that comes after.
    let after = -1;
    let before = -1;
    map.items.forEach((p, i) => {
      const r = order.indexOf(keyOf(p as Pair) ?? "");
      if (r < 0) return;
      if (r < rank) after = i;
      else if (r > rank && before < 0) before = i;
    });
    if (after >= 0) at = after + 1;
    else if (before >= 0) at = before;
  }
  map.items.splice(at, 0, doc.createPair(key, node) as Pair);
}

const isBlank = (s: string) => s.trim() === "";

/** Would `value`, written plain, read back as something other than this exact string (a number, a bool…)? */
function needsQuotes(value: string): boolean {
  try {
    return parseDocument(`k: ${value}`).get("k") !== value;
  } catch {
    return true;
  }
}

/** Sets a text value (or removes the key when blank), reusing the existing scalar so its comments stay. */
function setText(doc: Document, map: YAMLMap, key: string, value: string, order: readonly string[]): void {
  const pair = findPair(map, key);
  if (isBlank(value)) {
    if (pair) removeKey(map, key);
    return;
  }
  if (pair && isScalar(pair.value)) {
    const scalar = pair.value;
    if (asText(scalar.value) === value) return;
    // Quotes the writer had to add (typing "90" on the way to "9m") go once they are no longer needed;
    // quotes the author chose for a value that never needed them stay.
    if (
      (scalar.type === Scalar.QUOTE_DOUBLE || scalar.type === Scalar.QUOTE_SINGLE) &&
      needsQuotes(asText(scalar.value)) &&
      !needsQuotes(value)
    )
      scalar.type = undefined;
    scalar.value = value;
    // A number node turned into text, or a plain scalar that now needs quotes: let the writer choose.
    if (
      scalar.type !== Scalar.QUOTE_DOUBLE &&
      scalar.type !== Scalar.QUOTE_SINGLE &&
      scalar.type !== Scalar.BLOCK_LITERAL &&
      scalar.type !== Scalar.BLOCK_FOLDED
    )
      scalar.type = undefined;
    if (value.includes("\n") && scalar.type === Scalar.BLOCK_FOLDED) scalar.type = Scalar.BLOCK_LITERAL;
    return;
  }
  const node = doc.createNode(value) as Scalar;
  if (pair) pair.value = node;
  else insertKey(doc, map, key, node, order);
}

function setTags(doc: Document, map: YAMLMap, tags: string[]): void {
  const list = tags.filter((t) => !isBlank(t));
  const pair = findPair(map, "tags");
  if (list.length === 0) {
    if (pair) removeKey(map, "tags");
    return;
  }
  if (pair && isSeq(pair.value)) {
    const seq = pair.value;
    list.forEach((t, i) => {
      const item = seq.items[i];
      if (isScalar(item)) {
        if (item.value !== t) {
          item.value = t;
          if (item.type === Scalar.PLAIN) item.type = undefined;
        }
      } else seq.items[i] = doc.createNode(t);
    });
    seq.items.length = list.length;
    return;
  }
  const seq = doc.createNode(list) as YAMLSeq;
  seq.flow = true; // tags: [calls, greeting], as in the demo library
  if (pair) pair.value = seq;
  else insertKey(doc, map, "tags", seq, FRONT_MATTER_KEYS);
}

const TERM_KEYS = ["term", "meaning"];

function setTerms(doc: Document, map: YAMLMap, terms: FrontMatterTerm[]): void {
  const list = terms.filter((t) => !isBlank(t.term) || !isBlank(t.meaning));
  const pair = findPair(map, "terms");
  if (list.length === 0) {
    if (pair) removeKey(map, "terms");
    return;
  }
  const newItem = (t: FrontMatterTerm) => {
    const m = new YAMLMap();
    setText(doc, m, "term", t.term, TERM_KEYS);
    setText(doc, m, "meaning", t.meaning, TERM_KEYS);
    return m;
  };
  if (pair && isSeq(pair.value)) {
    const seq = pair.value;
    list.forEach((t, i) => {
      const item = seq.items[i];
      if (isMap(item) && !item.flow) {
        setText(doc, item, "term", t.term, TERM_KEYS);
        setText(doc, item, "meaning", t.meaning, TERM_KEYS);
      } else seq.items[i] = newItem(t);
    });
    seq.items.length = list.length;
    seq.flow = false;
    return;
  }
  const seq = new YAMLSeq();
  seq.items = list.map(newItem);
  if (pair) pair.value = seq;
  else insertKey(doc, map, "terms", seq, FRONT_MATTER_KEYS);
}

const TARGET_KEYS = ["handleTime", "firstResponse"];

/** Writes the targets that differ from `before` (a placeholder in the other one stays as written). */
function setTargets(
  doc: Document,
  map: YAMLMap,
  handleTime: string,
  firstResponse: string,
  before?: FrontMatterValues,
): void {
  const pair = findPair(map, "targets");
  let targets: YAMLMap;
  if (pair && isMap(pair.value)) targets = pair.value;
  else {
    if (isBlank(handleTime) && isBlank(firstResponse)) return; // nothing to write (a non-map value stays as written)
    targets = new YAMLMap();
    if (pair) pair.value = targets;
    else insertKey(doc, map, "targets", targets, FRONT_MATTER_KEYS);
  }
  if (!before || before.handleTime !== handleTime) setText(doc, targets, "handleTime", handleTime, TARGET_KEYS);
  if (!before || before.firstResponse !== firstResponse)
    setText(doc, targets, "firstResponse", firstResponse, TARGET_KEYS);
  if (targets.items.length === 0) removeKey(map, "targets");
}

function sameStrings(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function normalizeValues(v: FrontMatterValues): FrontMatterValues {
  return {
    title: v.title ?? "",
    department: v.department ?? "",
    purpose: v.purpose ?? "",
    terms: (v.terms ?? []).map((t) => ({ term: t?.term ?? "", meaning: t?.meaning ?? "" })),
    owner: v.owner ?? "",
    tags: [...(v.tags ?? [])].map((t) => t ?? ""),
    language: v.language ?? "",
    handleTime: v.handleTime ?? "",
    firstResponse: v.firstResponse ?? "",
    reviewEvery: v.reviewEvery ?? "",
    reviewBy: v.reviewBy ?? "",
  };
}

/** Applies `values` to the YAML map; only fields that differ from `before` are touched. */
function apply(doc: Document, map: YAMLMap, before: FrontMatterValues, values: FrontMatterValues): void {
  for (const key of ["title", "department", "purpose", "owner", "language", "reviewEvery", "reviewBy"] as const)
    if (before[key] !== values[key]) setText(doc, map, key, values[key], FRONT_MATTER_KEYS);
  const tags = values.tags.filter((t) => !isBlank(t));
  if (!sameStrings(before.tags, tags)) setTags(doc, map, tags);
  const terms = values.terms.filter((t) => !isBlank(t.term) || !isBlank(t.meaning));
  if (
    before.terms.length !== terms.length ||
    before.terms.some((t, i) => t.term !== terms[i].term || t.meaning !== terms[i].meaning)
  )
    setTerms(doc, map, terms);
  if (before.handleTime !== values.handleTime || before.firstResponse !== values.firstResponse)
    setTargets(doc, map, values.handleTime, values.firstResponse, before);
}

const STRINGIFY = { lineWidth: 0, flowCollectionPadding: false } as const;

function stringify(doc: Document, eol: string): string {
  let text =
    doc.contents && isMap(doc.contents) && doc.contents.items.length === 0 && !doc.commentBefore && !doc.comment
      ? ""
      : doc.toString(STRINGIFY);
  if (text === "{}\n") text = "";
  return eol === "\n" ? text : text.replace(/\n/g, eol);
}

/**
 * Writes `values` into the source's front matter and returns the new source. Only the front matter changes:
 * every byte after the closing `---` line is kept. Fields equal to what is already there are left exactly as
 * written (quotes, comments); other keys and `targets` entries are kept. A source without front matter gets
 * a new block at the top. When the existing YAML is broken, the block is rewritten from `values` (keys the
 * form doesn't know are then lost — readFrontMatter's `error` tells the UI to warn first).
 */
export function writeFrontMatter(source: string, values: FrontMatterValues): string {
  const src = typeof source === "string" ? source : "";
  const next = normalizeValues(values);
  const loc = locate(src);
  if (loc === null || loc === "unclosed") {
    const bom = src.charCodeAt(0) === 0xfeff ? "\ufeff" : "";
    const body = src.slice(bom.length);
    const eol = /\r\n/.test(body) ? "\r\n" : "\n";
    const doc = new Document(new YAMLMap());
    apply(doc, doc.contents as YAMLMap, emptyFrontMatterValues(), next);
    return `${bom}---${eol}${stringify(doc, eol)}---${eol}${body}`;
  }
  const yaml = src.slice(loc.yamlStart, loc.yamlEnd);
  let doc: Document = parseDocument(yaml, { logLevel: "silent" });
  let before: FrontMatterValues;
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) {
    doc = new Document(new YAMLMap());
    before = emptyFrontMatterValues();
  } else {
    if (doc.contents === null) doc.contents = new YAMLMap();
    before = valuesFromData(toJs(doc));
  }
  const map = doc.contents as unknown as YAMLMap;
  const unchanged =
    JSON.stringify(before) ===
    JSON.stringify({
      ...next,
      tags: next.tags.filter((t) => !isBlank(t)),
      terms: next.terms.filter((t) => !isBlank(t.term) || !isBlank(t.meaning)),
    });
  if (unchanged) return src;
  apply(doc, map, before, next);
  const eol = loc.eol;
  return src.slice(0, loc.yamlStart) + stringify(doc, eol) + src.slice(loc.yamlEnd);
}

// ---------------------------------------------------------------------------------------------
// Validation (sop-schema's zod schema is the single source of the rules)

const shape = frontMatterSchema.shape;

function firstMessage(result: {
  success: boolean;
  error?: { issues: { message: string; path: PropertyKey[] }[] };
}): { message: string; path: PropertyKey[] } | undefined {
  return result.success ? undefined : result.error?.issues[0];
}

const orUndefined = (s: string) => (isBlank(s) ? undefined : s);

/**
 * Checks the form values with the same rules as the SOP parser. Returns one message per field with a problem
 * (empty object = valid). Duplicate glossary terms (a warning in the parser) are reported on `terms` too.
 */
export function validateFrontMatter(values: FrontMatterValues): FrontMatterErrors {
  const v = normalizeValues(values);
  const errors: FrontMatterErrors = {};
  for (const key of ["title", "department", "purpose", "owner", "language", "reviewEvery", "reviewBy"] as const) {
    const issue = firstMessage(shape[key].safeParse(orUndefined(v[key])));
    if (issue) errors[key] = issue.message;
  }
  const tags = v.tags.filter((t) => !isBlank(t));
  const tagIssue = firstMessage(shape.tags.safeParse(tags));
  if (tagIssue) errors.tags = tagIssue.message;

  const rows = v.terms.map((t, i) => ({ t, i })).filter(({ t }) => !isBlank(t.term) || !isBlank(t.meaning));
  for (const { t, i } of rows) {
    const issue = firstMessage(shape.terms.safeParse([{ term: orUndefined(t.term), meaning: orUndefined(t.meaning) }]));
    if (issue) {
      errors.terms = `Term ${i + 1}: ${issue.message}`;
      break;
    }
  }
  if (!errors.terms) {
    const seen = new Set<string>();
    for (const { t } of rows) {
      const k = t.term.trim().toLowerCase();
      if (seen.has(k)) {
        errors.terms = `The term "${t.term.trim()}" is defined twice; the first definition is used`;
        break;
      }
      seen.add(k);
    }
  }

  const targets = shape.targets.safeParse({
    handleTime: orUndefined(v.handleTime),
    firstResponse: orUndefined(v.firstResponse),
  });
  if (!targets.success) {
    for (const issue of targets.error.issues) {
      const field = issue.path[0] === "firstResponse" ? "firstResponse" : "handleTime";
      errors[field] ??= issue.message;
    }
  }
  if (!isBlank(v.reviewEvery) && !isBlank(v.reviewBy) && !errors.reviewEvery && !errors.reviewBy) {
    errors.reviewBy = "Set either `reviewEvery` or `reviewBy`, not both";
  }
  return errors;
}
