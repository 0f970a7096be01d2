// Mermaid flowchart text ⇄ decision flow. Pure and browser-safe; never throws on any input.
//
// Import rules (docs/flows.md): `flowchart`/`graph` with any direction; `{…}` → question; stadium and
// circle shapes → start (no incoming edge) or end (no outgoing edge); `>…]` or a label that opens with a
// quotation mark → say; every other shape → action. `A@{ shape: …, label: … }` maps Mermaid's shape names onto
// those shapes (diam → question, stadium/circle/dbl-circ… → start/end, the rest → action). Node ids, text,
// edges and subgraph membership follow Mermaid's own parser (flows/mermaid-oracle.test.ts checks them against
// it): a subgraph holds every node its statements mention unless a subgraph closed before holds it; a title
// with spaces gives a subgraph without id; edge ids (`e1@-->`) are read; keywords (`end`, `subgraph`…) are not
// node ids. Subgraphs become groups; styling is ignored with a
// warning; anything the importer can't read is an error at its line:column and that statement is skipped.
// Export writes `%% stepwise:` comments (ignored by Mermaid) carrying what shapes can't say (escalate,
// goto, sop, attributes), so flow → Mermaid → flow is lossless.
import type { Diagnostic, FlowNodeType, Position } from "../sop-schema/types";
import { NODE_TYPES } from "../sop-schema/types";
import { sortDiagnostics } from "../sop-schema/diagnostics";
import { UNICODE_SLUG_RE, slugify } from "../sop-schema/slug";
import { diagnosticAt } from "./diagnostics";
import type { MermaidDiagnosticCode } from "./diagnostics";
import type { FlowGraph, FlowModel, FlowModelEdge, FlowModelNode, NodeAttributeKey } from "./model";
import { FIELD_NAME_RE, NODE_ATTRIBUTE_KEYS, NODE_ID_RE } from "./model";
import { checkFlowGraph } from "./validate";
import { makeWalkable } from "./walkable";

export type MermaidDirection = "TB" | "TD" | "BT" | "LR" | "RL";
export type MermaidGroup = { id: string; title: string; nodeIds: string[]; parent?: string };
export type MermaidImport = {
  flow: FlowModel;
  groups: MermaidGroup[];
  diagnostics: Diagnostic[];
  direction: MermaidDirection;
};
export type MermaidImportOptions = {
  /** Flow id (default: the `%% stepwise` flow id, else "imported-flow"). */
  id?: string;
  /** Flow title (default: the chart's front-matter `title`, else "Imported flow"). */
  title?: string;
  /** Also run the graph rules (validate.ts) on the result. Default true. */
  validate?: boolean;
  /**
   * Make the chart a flow an agent can walk (walkable.ts: a start, end nodes for dead ends, questions where it
   * branches, labelled answers…), each change a warning. Default true; false gives the chart exactly as drawn.
   */
  walkable?: boolean;
};

type Shape =
  | "rect"
  | "round"
  | "stadium"
  | "subroutine"
  | "cylinder"
  | "circle"
  | "double-circle"
  | "asymmetric"
  | "rhombus"
  | "hexagon"
  | "parallelogram"
  | "parallelogram-alt"
  | "trapezoid"
  | "trapezoid-alt";

/** Bracket shapes; `mermaid` is the vertex type Mermaid's own parser gives each (parseMermaidGraph reports it). */
const SHAPES: { open: string; close: string[]; shape: Shape[]; mermaid: string[] }[] = [
  { open: "(((", close: [")))"], shape: ["double-circle"], mermaid: ["doublecircle"] },
  { open: "((", close: ["))"], shape: ["circle"], mermaid: ["circle"] },
  { open: "([", close: ["])"], shape: ["stadium"], mermaid: ["stadium"] },
  { open: "[[", close: ["]]"], shape: ["subroutine"], mermaid: ["subroutine"] },
  { open: "[(", close: [")]"], shape: ["cylinder"], mermaid: ["cylinder"] },
  { open: "{{", close: ["}}"], shape: ["hexagon"], mermaid: ["hexagon"] },
  { open: "[/", close: ["/]", "\\]"], shape: ["parallelogram", "trapezoid"], mermaid: ["lean_right", "trapezoid"] },
  {
    open: "[\\",
    close: ["\\]", "/]"],
    shape: ["parallelogram-alt", "trapezoid-alt"],
    mermaid: ["lean_left", "inv_trapezoid"],
  },
  { open: "(", close: [")"], shape: ["round"], mermaid: ["round"] },
  { open: "[", close: ["]"], shape: ["rect"], mermaid: ["square"] },
  { open: "{", close: ["}"], shape: ["rhombus"], mermaid: ["diamond"] },
  { open: ">", close: ["]"], shape: ["asymmetric"], mermaid: ["odd"] },
];

/**
 * The v11 `A@{ shape: name }` names Mermaid knows (short names and aliases), and the classic shape each stands for
 * when the node type is inferred; names not listed here draw as a rectangle (action).
 */
const NAMED_SHAPES: Record<string, Shape> = {
  rect: "rect",
  proc: "rect",
  process: "rect",
  rectangle: "rect",
  rounded: "round",
  event: "round",
  stadium: "stadium",
  terminal: "stadium",
  pill: "stadium",
  "fr-rect": "subroutine",
  subprocess: "subroutine",
  subproc: "subroutine",
  "framed-rectangle": "subroutine",
  subroutine: "subroutine",
  cyl: "cylinder",
  db: "cylinder",
  database: "cylinder",
  cylinder: "cylinder",
  circle: "circle",
  circ: "circle",
  "sm-circ": "circle",
  start: "circle",
  "small-circle": "circle",
  "dbl-circ": "double-circle",
  "double-circle": "double-circle",
  doublecircle: "double-circle",
  "fr-circ": "double-circle",
  stop: "double-circle",
  "framed-circle": "double-circle",
  diam: "rhombus",
  decision: "rhombus",
  diamond: "rhombus",
  question: "rhombus",
  hex: "hexagon",
  hexagon: "hexagon",
  prepare: "hexagon",
  "lean-r": "parallelogram",
  "lean-right": "parallelogram",
  "in-out": "parallelogram",
  "lean-l": "parallelogram-alt",
  "lean-left": "parallelogram-alt",
  "out-in": "parallelogram-alt",
  "trap-b": "trapezoid",
  priority: "trapezoid",
  "trapezoid-bottom": "trapezoid",
  trapezoid: "trapezoid",
  "trap-t": "trapezoid-alt",
  manual: "trapezoid-alt",
  "trapezoid-top": "trapezoid-alt",
  "inv-trapezoid": "trapezoid-alt",
  odd: "asymmetric",
};
const OTHER_SHAPE_NAMES =
  "datastore data-store folder directory bucket console browser person " +
  "bang cloud text notch-rect card notched-rectangle lin-rect " +
  "lined-rectangle lined-process lin-proc shaded-process fork join " +
  "hourglass collate brace comment brace-l brace-r braces bolt " +
  "com-link lightning-bolt doc document delay half-rounded-rectangle " +
  "h-cyl das horizontal-cylinder lin-cyl disk lined-cylinder " +
  "curv-trap curved-trapezoid display div-rect div-proc " +
  "divided-rectangle divided-process tri extract triangle win-pane " +
  "internal-storage window-pane f-circ junction filled-circle " +
  "notch-pent loop-limit notched-pentagon flip-tri manual-file " +
  "flipped-triangle sl-rect manual-input sloped-rectangle docs " +
  "documents st-doc stacked-document st-rect procs processes " +
  "stacked-rectangle bow-rect stored-data bow-tie-rectangle cross-circ " +
  "summary crossed-circle tag-doc tagged-document tag-rect " +
  "tagged-rectangle tag-proc tagged-process flag paper-tape lin-doc lined-document";
const SHAPE_NAMES = new Set([...Object.keys(NAMED_SHAPES), ...OTHER_SHAPE_NAMES.split(" ")]);

const TERMINAL_SHAPES: readonly Shape[] = ["stadium", "circle", "double-circle"];
const OPENING_QUOTES = /^["“”„‘’‚'«»「『]/;

// ---------------------------------------------------------------------------------------------

type RawNode = {
  key: string;
  label?: string;
  shape?: Shape;
  mermaidShape?: string;
  position: Position;
  group?: string;
  order: number;
};
type RawEdge = { from: string; to: string; label?: string; position: Position; statement: number };
type RawGroup = {
  id: string;
  title: string;
  parent?: string;
  position: Position;
  members: string[];
  anonymous: boolean;
};
type Meta = { node?: string; flow?: string; id?: string; type?: string } & Partial<Record<NodeAttributeKey, string>>;

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.lineStarts.push(i + 1);
  }

  pos(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  report(code: MermaidDiagnosticCode, message: string, at: number | Position, hint?: string): void {
    this.diagnostics.push(diagnosticAt(code, message, typeof at === "number" ? this.pos(at) : at, hint));
  }
}

class SyntaxProblem {
  constructor(
    readonly offset: number,
    readonly message: string,
    readonly hint?: string,
  ) {}
}

/** Words Mermaid's flowchart grammar reads as keywords wherever a node id could stand. */
const RESERVED_IDS = new Set(["end", "subgraph", "graph", "flowchart", "flowchart-elk"]);
const ID_RE = /[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[-.](?=[\p{L}\p{N}_]))*/uy;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

function decodeEntities(s: string): string {
  const named: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'", nbsp: " ", num: "#" };
  // One pass, so a decoded "#" never starts a second entity.
  return s.replace(
    /#(\d{1,7});|#([a-zA-Z]{2,8});|&(quot|amp|lt|gt|apos|nbsp);/g,
    (m, num: string | undefined, name: string | undefined, html: string | undefined) => {
      if (num !== undefined) {
        const cp = Number(num);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      if (name !== undefined) return named[name.toLowerCase()] ?? m;
      return named[html!];
    },
  );
}

/**
 * Decodes, turns <br> and line breaks into a space, strips other markup; reports what was removed. A markdown string
 * (`` "`…`" ``, and the `label` of `A@{ … }`, which Mermaid also reads as markdown) loses its `**bold**` / `*italic*`.
 */
function cleanLabel(raw: string, report: (what: string) => void, markdownText = false): string {
  let s = raw;
  const markdown = /^`([\s\S]*)`$/.exec(s.trim()) ?? (markdownText ? [s, s] : null);
  if (markdown) {
    s = markdown[1].replace(/\*\*([^*]+)\*\*/g, "$1").replace(/(^|[^*])\*([^*]+)\*/g, "$1$2");
  }
  s = s.replace(/<br\s*\/?>/gi, " ");
  const tags = s.match(/<\/?[a-zA-Z][^<>]*>/g);
  if (tags) {
    report(tags[0]);
    s = s.replace(/<\/?[a-zA-Z][^<>]*>/g, "");
  }
  s = decodeEntities(s);
  return s.replace(/\s+/g, " ").trim();
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

type Statement = { start: number; end: number };

/** Splits the body into statements at newlines and `;`, outside quotes, brackets and |pipes|; drops %% comments. */
function splitStatements(text: string, from: number, onComment: (start: number, end: number) => void): Statement[] {
  const out: Statement[] = [];
  let start = from;
  let quote = false;
  let depth = 0;
  let pipe = false;
  let noBrace = false;
  let noDataBefore = 0;
  const flush = (end: number) => {
    if (text.slice(start, end).trim() !== "") out.push({ start, end });
  };
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '"') quote = false;
      else if (c === "\n") {
        // A quoted label may span a few lines (Mermaid markdown strings); an unclosed one stops here.
        const close = text.indexOf('"', i);
        const span = close < 0 ? Infinity : text.slice(i, close).split("\n").length - 1;
        if (span > 5) {
          quote = false;
          depth = 0;
          pipe = false;
          flush(i);
          start = i + 1;
        }
      }
      continue;
    }
    if (c === '"') quote = true;
    else if (c === "@" && text[i + 1] === "{") {
      // `A@{ … }` shape data may span lines; an unclosed one is reported by the statement parser.
      // Scans at most 4000 characters, and not again inside a stretch already found unclosed: linear time.
      const close = i < noDataBefore ? -1 : shapeDataEnd(text, i + 2, Math.min(text.length, i + 4000));
      if (close >= 0) i = close;
      else noDataBefore = i + 4000;
    } else if (
      c === "a" &&
      text.startsWith("accDescr", i) &&
      text.slice(start, i).trim() === "" &&
      /^accDescr\s*\{/.test(text.slice(i, i + 40))
    ) {
      // accDescr { … } spans lines up to its `}`.
      const close = noBrace ? -1 : text.indexOf("}", i);
      if (close < 0) noBrace = true;
      else {
        flush(close + 1);
        i = close;
        start = close + 1;
      }
    } else if (c === "%" && text[i + 1] === "%" && depth === 0 && !pipe) {
      flush(i);
      let end = text.indexOf("\n", i);
      if (end < 0) end = text.length;
      if (text.startsWith("%%{", i) && !text.slice(i, end).includes("}%%")) {
        const close = text.indexOf("}%%", i);
        if (close >= 0) end = Math.max(end, text.indexOf("\n", close) < 0 ? text.length : text.indexOf("\n", close));
      }
      onComment(i, end);
      i = end;
      start = end + 1;
      depth = 0;
      pipe = false;
    } else if (c === "\n") {
      flush(i);
      start = i + 1;
      depth = 0;
      pipe = false;
    } else if (c === ";" && depth === 0 && !pipe) {
      flush(i);
      start = i + 1;
    } else if (c === "[" || c === "(" || c === "{") depth++;
    else if ((c === "]" || c === ")" || c === "}") && depth > 0) depth--;
    else if (c === "|" && depth === 0) pipe = !pipe;
  }
  flush(text.length);
  return out;
}

type Link = {
  kind: "normal" | "dotted" | "thick" | "invisible";
  both: boolean;
  label?: string;
  offset: number;
  id?: string;
};
/** An edge id before the arrow: `A e1@--> B`. */
const LINK_ID_RE = /([^\s"@]+)@(?![{"])/y;

class StatementParser {
  i: number;
  constructor(
    readonly text: string,
    readonly start: number,
    readonly end: number,
  ) {
    this.i = start;
  }
  eof(): boolean {
    return this.i >= this.end;
  }
  peek(n = 0): string {
    return this.i + n < this.end ? this.text[this.i + n] : "";
  }
  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.i) && this.i + s.length <= this.end;
  }
  skipWs(): void {
    while (!this.eof() && /\s/.test(this.text[this.i])) this.i++;
  }
  sticky(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.i;
    const m = re.exec(this.text);
    if (!m || m.index !== this.i || this.i + m[0].length > this.end) return null;
    return m;
  }
  fail(message: string, hint?: string, at = this.i): never {
    throw new SyntaxProblem(at, message, hint);
  }
  /** Finds `needle` from the cursor within the statement. */
  find(needle: string): number {
    const k = this.text.indexOf(needle, this.i);
    return k < 0 || k + needle.length > this.end ? -1 : k;
  }
}

export type ParsedNodeRef = {
  key: string;
  offset: number;
  label?: string;
  shape?: Shape;
  mermaidShape?: string;
  labelOffset?: number;
  /** Written with `@{ … }` (whose label is markdown). */
  data?: boolean;
};

/** Index of the `}` closing a `@{` whose body starts at `from` (quoted values skipped), or -1 before `limit`. */
function shapeDataEnd(text: string, from: number, limit: number): number {
  let prev = 123; // the character before, white space skipped; a quote only opens a value after { [ : or ,
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if ((c === 34 || c === 39) && (prev === 58 || prev === 44 || prev === 123 || prev === 91)) {
      let j = i + 1;
      while (j < limit && text.charCodeAt(j) !== c) j++;
      if (j >= limit) return -1;
      i = j;
      prev = c;
    } else if (c === 125) return i;
    else if (c !== 32 && c !== 9 && c !== 10) prev = c;
  }
  return -1;
}

const DATA_KEY_RE = /([A-Za-z_][\w-]*)[ \t]*:[ \t]*/y;
const DATA_PLAIN_RE = /[^,\n]*/y;

/** The body of `A@{ … }`: a small YAML mapping (`key: value`, values plain, "double" or 'single' quoted). */
function parseShapeData(body: string): Map<string, string> | string {
  const out = new Map<string, string>();
  let i = 0;
  for (;;) {
    while (i < body.length && /[\s,]/.test(body[i])) i++;
    if (i >= body.length) return out;
    DATA_KEY_RE.lastIndex = i;
    const key = DATA_KEY_RE.exec(body);
    if (!key) return `expected “key: value”, found “${body.slice(i, i + 12)}”`;
    i += key[0].length;
    const q = body[i];
    if (q === '"' || q === "'") {
      let v = "";
      let j = i + 1;
      for (; j < body.length; j++) {
        const c = body[j];
        if (c === q && q === "'" && body[j + 1] === "'") {
          v += "'";
          j++;
        } else if (c === q) break;
        else if (c === "\\" && q === '"' && j + 1 < body.length) {
          const e = body[++j];
          v += e === "n" ? "\n" : e === "t" ? "\t" : e;
        } else v += c;
      }
      if (j >= body.length) return `the quoted ${key[1]} is never closed`;
      out.set(key[1], v);
      i = j + 1;
    } else {
      DATA_PLAIN_RE.lastIndex = i;
      const v = DATA_PLAIN_RE.exec(body)![0];
      out.set(key[1], v.trim());
      i += v.length;
    }
  }
}

function parseNodeRef(p: StatementParser, onClass: (offset: number) => void): ParsedNodeRef {
  const at = p.i;
  const m = p.sticky(ID_RE);
  if (!m) {
    const c = p.peek();
    p.fail(
      c === "" ? "A node id is missing at the end of the line" : `Expected a node id here, found “${c}”`,
      "node ids are letters, digits and _ (e.g. A, ask_issue), " +
        "optionally followed by a shape like [text] or {question}",
    );
  }
  if (RESERVED_IDS.has(m[0]))
    p.fail(
      `“${m[0]}” is a Mermaid keyword and can't be a node id`,
      `give the node another id and put the word in its text: ${m[0]}_node[${m[0]}]`,
    );
  p.i += m[0].length;
  const ref: ParsedNodeRef = { key: m[0], offset: at };
  if (p.startsWith("@{")) {
    // v11 shape data: A@{ shape: diam, label: "Refund?" }
    const openAt = p.i;
    const close = shapeDataEnd(p.text, p.i + 2, p.end);
    if (close < 0)
      p.fail(
        `The @{ … } of node "${m[0]}" is never closed`,
        `end it with }, e.g. ${m[0]}@{ shape: rect, label: "text" }`,
        openAt,
      );
    const data = parseShapeData(p.text.slice(p.i + 2, close));
    if (typeof data === "string")
      p.fail(`Node "${m[0]}": ${data} in @{ … }`, `write ${m[0]}@{ shape: rect, label: "text" }`, openAt);
    const shape = data.get("shape");
    if (shape !== undefined) {
      if (!SHAPE_NAMES.has(shape))
        p.fail(
          `Node "${m[0]}": Mermaid has no shape called “${shape}”`,
          "shape names are lowercase, e.g. rect, rounded, stadium, diam, circle, hex, cyl, doc",
          openAt,
        );
      ref.shape = NAMED_SHAPES[shape] ?? "rect";
      ref.mermaidShape = shape;
    }
    // Like Mermaid, an empty label keeps the text the node had.
    const label = data.get("label");
    if (label) ref.label = label;
    ref.labelOffset = openAt;
    ref.data = true;
    p.i = close + 1;
  }
  for (const s of ref.data ? [] : SHAPES) {
    if (!p.startsWith(s.open)) continue;
    const openAt = p.i;
    p.i += s.open.length;
    let label: string;
    let closeIndex = -1;
    const ws = p.i;
    p.skipWs();
    if (p.peek() === '"') {
      const q = p.text.indexOf('"', p.i + 1);
      if (q < 0 || q >= p.end)
        p.fail(`The quoted text of node "${m[0]}" is never closed`, 'end it with " and the closing bracket', p.i);
      label = p.text.slice(p.i + 1, q);
      p.i = q + 1;
      p.skipWs();
      s.close.forEach((c, k) => {
        if (closeIndex < 0 && p.startsWith(c)) closeIndex = k;
      });
      if (closeIndex < 0)
        p.fail(
          `Node "${m[0]}": expected “${s.close[0]}” after the quoted text`,
          `a ${s.shape[0]} node is written ${m[0]}${s.open}"text"${s.close[0]}`,
        );
    } else {
      p.i = ws;
      let best = -1;
      s.close.forEach((c, k) => {
        const f = p.find(c);
        if (f >= 0 && (best < 0 || f < best)) {
          best = f;
          closeIndex = k;
        }
      });
      if (best < 0)
        p.fail(
          `The ${s.open}…${s.close[0]} of node "${m[0]}" is never closed`,
          `close it with ${s.close[0]} on the same line; put text with brackets ` +
            `in quotes: ${m[0]}${s.open}"text (with brackets)"${s.close[0]}`,
          openAt,
        );
      label = p.text.slice(p.i, best);
      if (/--[->ox]|==[=>]|-\.-/.test(label))
        p.fail(
          `The ${s.open}…${s.close[0]} of node "${m[0]}" is never closed before the next arrow`,
          `close it with ${s.close[0]}; put text with brackets in ` +
            `quotes: ${m[0]}${s.open}"text (with brackets)"${s.close[0]}`,
          openAt,
        );
      p.i = best;
    }
    p.i += s.close[closeIndex].length;
    ref.label = label;
    ref.shape = s.shape[closeIndex];
    ref.mermaidShape = s.mermaid[closeIndex];
    ref.labelOffset = openAt;
    break;
  }
  const cls = p.sticky(/:::[\w-]+/y);
  if (cls) {
    onClass(p.i);
    p.i += cls[0].length;
  }
  return ref;
}

function parseLink(p: StatementParser): Link | null {
  const at = p.i;
  let both = false;
  // `o--o` / `x--x`: a circle or cross at the start (only after white space, so `Foo--oBar` stays a link).
  if ((p.peek() === "o" || p.peek() === "x") && /[-=.]/.test(p.peek(1)) && /\s/.test(p.text[p.i - 1] ?? "")) {
    both = true;
    p.i++;
  } else if (p.peek() === "<") {
    both = true;
    p.i++;
  }
  const headOk = (m: RegExpExecArray) => {
    // `--o`/`--x` followed by a letter is `-- o…` text, not an arrow head.
    const last = m[0][m[0].length - 1];
    return !((last === "o" || last === "x") && WORD_CHAR.test(p.text[p.i + m[0].length] ?? ""));
  };
  const done = (kind: Link["kind"], label?: string): Link => {
    p.skipWs();
    let l = label;
    if (p.peek() === "|") {
      // A quoted label may contain |: look for the closing | after the closing quote.
      let from = p.i + 1;
      while (from < p.end && /\s/.test(p.text[from])) from++;
      if (p.text[from] === '"') {
        const q = p.text.indexOf('"', from + 1);
        if (q >= 0 && q < p.end) from = q + 1;
      }
      const close = p.text.indexOf("|", from);
      if (close < 0 || close >= p.end) p.fail("The |label| of this arrow is never closed", "write -->|Yes| B");
      l = p.text.slice(p.i + 1, close);
      p.i = close + 1;
    }
    const link: Link = { kind, both, offset: at };
    if (l !== undefined) link.label = unquote(l);
    return link;
  };
  let m: RegExpExecArray | null;
  if ((m = p.sticky(/~{3,}/y))) {
    p.i += m[0].length;
    return done("invisible");
  }
  if ((m = p.sticky(/-{2,}[>ox]|-{3,}/y)) && headOk(m)) {
    p.i += m[0].length;
    return done("normal");
  }
  if ((m = p.sticky(/-\.+-[>ox]?/y)) && headOk(m)) {
    p.i += m[0].length;
    return done("dotted");
  }
  if ((m = p.sticky(/={2,}[>ox]|={3,}/y)) && headOk(m)) {
    p.i += m[0].length;
    return done("thick");
  }
  // Text between the two halves of the arrow: `-- Yes -->`, `-. maybe .->`, `== sure ==>`.
  const opener = p.sticky(/--|-\.|==/y);
  if (opener) {
    const kind = opener[0] === "--" ? "normal" : opener[0] === "==" ? "thick" : "dotted";
    const closer = kind === "normal" ? /-{2,}[>ox]|-{3,}/g : kind === "thick" ? /={2,}[>ox]|={3,}/g : /\.+-[>ox]?/g;
    closer.lastIndex = p.i + opener[0].length;
    let c: RegExpExecArray | null;
    while ((c = closer.exec(p.text)) && c.index < p.end) {
      const last = c[0][c[0].length - 1];
      if ((last === "o" || last === "x") && WORD_CHAR.test(p.text[c.index + c[0].length] ?? "")) continue;
      break;
    }
    if (!c || c.index + c[0].length > p.end)
      p.fail(
        `The arrow text starting with “${opener[0]}” is never closed`,
        kind === "normal"
          ? "write A -- Yes --> B, or A -->|Yes| B"
          : kind === "thick"
            ? "write A == Yes ==> B"
            : "write A -. Yes .-> B",
      );
    const label = p.text.slice(p.i + opener[0].length, c.index);
    p.i = c.index + c[0].length;
    return done(kind, label);
  }
  p.i = at;
  return null;
}

function typeFromShape(shape: Shape | undefined, label: string, incoming: number, outgoing: number): FlowNodeType {
  if (shape === "rhombus") return "question";
  if (shape && TERMINAL_SHAPES.includes(shape)) {
    if (incoming === 0 && outgoing > 0) return "start";
    if (outgoing === 0) return "end";
    return "action";
  }
  if (shape === "asymmetric" || OPENING_QUOTES.test(label)) return "say";
  return "action";
}

function toNodeId(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

function emptyImport(id: string, title: string): FlowModel {
  return { id, title, nodes: [], edges: [] };
}

function flowIdFrom(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (UNICODE_SLUG_RE.test(raw)) return raw;
  const s = slugify(raw);
  return s || undefined;
}

/** Mermaid flowchart text → flow + groups + diagnostics. Never throws. */
export function mermaidToFlow(text: string, options: MermaidImportOptions = {}): MermaidImport {
  const input = typeof text === "string" ? text : String(text ?? "");
  try {
    return importUnsafe(input, options);
  } catch (e) {
    return {
      flow: emptyImport(flowIdFrom(options.id) ?? "imported-flow", options.title?.trim() || "Imported flow"),
      groups: [],
      direction: "TB",
      diagnostics: [
        {
          severity: "error",
          code: "mermaid-syntax",
          message: `The Mermaid importer failed on this chart: ${String((e as Error)?.message ?? e)}`,
          hint: "please report this chart to the Stepwise maintainers",
          line: 1,
          column: 1,
        },
      ],
    };
  }
}

type RawChart = {
  text: string;
  r: Reader;
  flowchart: boolean;
  direction: MermaidDirection;
  chartTitle?: string;
  metas: { meta: Meta; at: number }[];
  statements: Statement[];
  first?: Statement;
  nodes: Map<string, RawNode>;
  edges: RawEdge[];
  groups: Map<string, RawGroup>;
};

/** Reads the chart's statements into raw nodes, edges and groups (Mermaid's own ids and text). */
function readChart(input: string): RawChart {
  const text = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const r = new Reader(text);
  let direction: MermaidDirection = "TB";
  let chartTitle: string | undefined;
  const metas: { meta: Meta; at: number }[] = [];

  // ---- front matter and header ---------------------------------------------------------------
  let cursor = 0;
  const fm = /^[ \t]*---[ \t]*\n([\s\S]*?)\n[ \t]*---[ \t]*(\n|$)/.exec(text);
  if (fm) {
    const t = /^title:[ \t]*(.+?)[ \t]*$/m.exec(fm[1]);
    if (t) {
      let v = t[1];
      if (v.startsWith('"')) {
        try {
          v = String(JSON.parse(v));
        } catch {
          v = unquote(v);
        }
      } else if (v.startsWith("'") && v.endsWith("'") && v.length >= 2) v = v.slice(1, -1).replace(/''/g, "'");
      chartTitle = v.trim() || undefined;
    }
    cursor = fm[0].length;
  }
  const comment = (s: number, e: number) => {
    const body = text.slice(s + 2, e).trim();
    if (body.startsWith("{")) {
      r.report("mermaid-ignored", "The %%{ … }%% configuration directive is ignored", s);
      return;
    }
    const m = /^stepwise:\s*(.*)$/.exec(body);
    if (!m) return;
    try {
      const meta = JSON.parse(m[1]) as unknown;
      if (!meta || typeof meta !== "object" || Array.isArray(meta)) throw new Error("not an object");
      metas.push({ meta: meta as Meta, at: s });
    } catch {
      r.report(
        "mermaid-metadata",
        "This %% stepwise: comment is not valid JSON; it is ignored",
        s,
        'it looks like %% stepwise: {"node":"A","type":"escalate"}',
      );
    }
  };
  let statements = splitStatements(text, cursor, comment);
  const first = statements[0];
  const header =
    first && /^\s*(flowchart(?:-elk)?|graph)\b[ \t]*(TB|TD|BT|LR|RL)?[ \t]*/.exec(text.slice(first.start, first.end));
  const nodes = new Map<string, RawNode>();
  const edges: RawEdge[] = [];
  const groups = new Map<string, RawGroup>();
  const chart = (flowchart: boolean): RawChart => ({
    text,
    r,
    flowchart,
    direction,
    chartTitle,
    metas,
    statements,
    first,
    nodes,
    edges,
    groups,
  });
  if (!first || !header) {
    const word = first ? (text.slice(first.start, first.end).trim().split(/\s+/)[0] ?? "") : "";
    r.report(
      "mermaid-not-flowchart",
      first ? `This is not a Mermaid flowchart: it starts with “${word.slice(0, 40)}”` : "The Mermaid text is empty",
      first
        ? first.start +
            (text.slice(first.start, first.end).length - text.slice(first.start, first.end).trimStart().length)
        : 0,
      "a decision flow is imported from a chart that starts with `flowchart TD` or `graph LR`",
    );
    return chart(false);
  }
  if (header[2]) direction = header[2] as MermaidDirection;
  const rest = first.start + header[0].length;
  statements = statements.slice(1);
  if (text.slice(rest, first.end).trim() !== "") statements.unshift({ start: rest, end: first.end });

  // ---- statements ----------------------------------------------------------------------------
  const groupStack: RawGroup[] = [];
  let order = 0;
  let anonymous = 0;

  const mention = (ref: ParsedNodeRef, labelWarn: (what: string) => void) => {
    let node = nodes.get(ref.key);
    if (!node) {
      node = { key: ref.key, position: r.pos(ref.offset), order: order++ };
      nodes.set(ref.key, node);
    }
    // Like Mermaid, a subgraph holds every node its statements mention (see closeGroup).
    groupStack[groupStack.length - 1]?.members.push(ref.key);
    if (ref.label !== undefined || ref.shape !== undefined) {
      const label = ref.label !== undefined ? cleanLabel(ref.label, labelWarn, ref.data) : node.label;
      if (
        (node.label !== undefined && node.label !== label) ||
        (node.shape !== undefined && ref.shape !== undefined && node.shape !== ref.shape)
      )
        r.report(
          "mermaid-node-redefined",
          `Node "${ref.key}" is written again with different text or shape; the last one is used`,
          ref.offset,
          `it was “${node.label}” before`,
        );
      node.label = label;
      if (ref.shape !== undefined) {
        node.shape = ref.shape;
        node.mermaidShape = ref.mermaidShape;
      }
    }
  };
  // At its `end`, a subgraph keeps the nodes it mentions that no subgraph closed before it holds (so a nested
  // subgraph keeps its own nodes, and of two sibling subgraphs mentioning a node the first one has it).
  const claimed = new Set<string>();
  const closeGroup = (g: RawGroup) => {
    const seen = new Set<string>();
    g.members = g.members.filter((k) => !seen.has(k) && seen.add(k) && !claimed.has(k));
    for (const k of g.members) {
      claimed.add(k);
      const n = nodes.get(k);
      if (n) n.group = g.id;
    }
  };
  const edgeIds = new Set<string>();

  statements.forEach((st, statementIndex) => {
    const raw = text.slice(st.start, st.end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    const at = st.start + lead;
    const keyword = /^([A-Za-z]+)\b/.exec(body)?.[1];
    if (keyword === "subgraph") {
      const restText = body.slice("subgraph".length).trim();
      let id: string;
      let title: string;
      const m = /^([^\s[\]"]+)\s*\[([\s\S]*)\]$/.exec(restText);
      let named = true;
      if (m) {
        id = m[1];
        title = cleanLabel(unquote(m[2]), () => undefined);
      } else if (restText !== "") {
        // Like Mermaid, a title with spaces (`subgraph Billing team`, `subgraph "Billing team"`) has no id.
        const t = unquote(restText);
        named = !/\s/.test(t);
        id = named ? t : `subgraph-${++anonymous}`;
        title = cleanLabel(t, () => undefined);
      } else {
        named = false;
        id = `subgraph-${++anonymous}`;
        title = "";
      }
      if (groups.has(id)) {
        r.report("mermaid-subgraph", `There are two subgraphs called "${id}"`, at, "give each subgraph its own id");
        id = `${id}-${++anonymous}`;
      }
      const g: RawGroup = {
        id,
        title: title || (named ? id : ""),
        position: r.pos(at),
        members: [],
        anonymous: !named,
      };
      const parent = groupStack[groupStack.length - 1];
      if (parent) {
        g.parent = parent.id;
        parent.members.push(id);
      }
      groups.set(id, g);
      groupStack.push(g);
      return;
    }
    if (body === "end") {
      const g = groupStack.pop();
      if (g) closeGroup(g);
      else
        r.report(
          "mermaid-subgraph",
          "This `end` closes no subgraph",
          at,
          "remove it, or add the `subgraph` it belongs to",
        );
      return;
    }
    if (
      keyword &&
      ["classDef", "class", "style", "linkStyle", "click", "direction", "accTitle", "accDescr"].includes(keyword) &&
      (!/^\w+\s*(-|=|\.|~|&|<|@|[([{>])/.test(body) || /^accDescr\s*\{/.test(body))
    ) {
      const what =
        keyword === "direction"
          ? "A subgraph `direction`"
          : keyword.startsWith("acc")
            ? `\`${keyword}\``
            : `\`${keyword}\``;
      r.report("mermaid-ignored", `${what} line ignored: a decision flow has no styling or links`, at);
      if (keyword === "accTitle" && !chartTitle) {
        const t = /^accTitle\s*:\s*(.+)$/.exec(body);
        if (t) chartTitle = t[1].trim();
      }
      return;
    }
    if (body === "graph" || body === "flowchart" || /^(flowchart|graph)\s+(TB|TD|BT|LR|RL)$/.test(body)) {
      r.report(
        "mermaid-syntax",
        "A second chart header inside the chart is not supported",
        at,
        "import one flowchart at a time",
      );
      return;
    }

    // A chain: group (link group)*, each group `A & B & C`.
    const p: StatementParser = new StatementParser(text, at, st.start + raw.trimEnd().length);
    const classWarnings: number[] = [];
    const htmlWarnings: { offset: number; tag: string }[] = [];
    try {
      const parseGroup = (): ParsedNodeRef[] => {
        const refs = [parseNodeRef(p, (o) => classWarnings.push(o))];
        p.skipWs();
        while (p.peek() === "&") {
          p.i++;
          p.skipWs();
          refs.push(parseNodeRef(p, (o) => classWarnings.push(o)));
          p.skipWs();
        }
        return refs;
      };
      const chain: ParsedNodeRef[][] = [parseGroup()];
      const links: Link[] = [];
      while (!p.eof()) {
        const idAt = p.i;
        const linkId = p.sticky(LINK_ID_RE);
        if (linkId) p.i += linkId[0].length;
        const link = parseLink(p);
        if (!link) {
          p.i = idAt;
          const c = p.peek();
          p.fail(
            `Expected an arrow (-->, ---, -.->, ==>) or the end of the ` +
              `line, found “${p.text.slice(p.i, Math.min(p.end, p.i + 12))}”`,
            c === "(" || c === "[" || c === "{"
              ? "a node's shape follows its id without a space: A[text]"
              : "connect nodes with -->, e.g. A --> B",
          );
        }
        if (linkId) link.id = linkId[1];
        links.push(link);
        p.skipWs();
        if (p.eof()) p.fail("This arrow points to nothing", "add the node it leads to, e.g. A --> B", link.offset);
        chain.push(parseGroup());
      }
      // `e1@{ animate: true }` on an edge id, or `@{ … }` on a subgraph id, only changes Mermaid's drawing.
      const only = chain.length === 1 && chain[0].length === 1 ? chain[0][0] : undefined;
      if (only?.data && (edgeIds.has(only.key) || groups.has(only.key))) {
        r.report(
          "mermaid-ignored",
          `\`${only.key}@{ … }\` sets how Mermaid draws ${edgeIds.has(only.key) ? "an edge" : "a subgraph"}; ignored`,
          at,
        );
        return;
      }
      // Commit only once the whole statement has been read.
      for (const link of links) if (link.id) edgeIds.add(link.id);
      for (const group of chain)
        for (const ref of group)
          mention(ref, (tag) => htmlWarnings.push({ offset: ref.labelOffset ?? ref.offset, tag }));
      links.forEach((link, k) => {
        if (link.kind === "invisible") {
          r.report(
            "mermaid-invisible-link",
            "The invisible link ~~~ only arranges Mermaid's drawing; it is dropped",
            link.offset,
          );
          return;
        }
        const label =
          link.label !== undefined
            ? cleanLabel(link.label, (tag) => htmlWarnings.push({ offset: link.offset, tag }))
            : undefined;
        if (link.both)
          r.report(
            "mermaid-both-ways",
            "A two-way arrow became two edges, one in each direction",
            link.offset,
            "decision flows go one way; keep the direction the agent follows",
          );
        for (const a of chain[k])
          for (const b of chain[k + 1]) {
            const e: RawEdge = { from: a.key, to: b.key, position: r.pos(link.offset), statement: statementIndex };
            if (label) e.label = label;
            edges.push(e);
            if (link.both) edges.push({ ...e, from: b.key, to: a.key });
          }
      });
      for (const o of classWarnings) r.report("mermaid-ignored", "`:::class` styling ignored", o);
      for (const h of htmlWarnings)
        r.report("mermaid-html", `Formatting ${h.tag} was removed from a label; the text is kept`, h.offset);
    } catch (e) {
      if (!(e instanceof SyntaxProblem)) throw e;
      r.report("mermaid-syntax", `${e.message} — this line was skipped`, e.offset, e.hint);
    }
  });
  for (const g of groupStack)
    r.report(
      "mermaid-subgraph",
      `The subgraph "${g.id}" is never closed with \`end\``,
      g.position,
      "add a line with just `end` after its last node",
    );
  for (let k = groupStack.length - 1; k >= 0; k--) closeGroup(groupStack[k]);
  return chart(true);
}

export type MermaidGraph = {
  direction: MermaidDirection;
  /** Front-matter `title` (else `accTitle`). */
  title?: string;
  /** Mermaid's own node ids and text (cleaned: entities decoded, `<br>` → space, markup removed). */
  nodes: { key: string; label: string; shape?: string; mermaidShape?: string; line: number; column: number }[];
  /** As written: edges to a subgraph id still point at the subgraph; a two-way link is two edges. */
  edges: { from: string; to: string; label?: string; line: number; column: number }[];
  /** `members`: the nodes and nested subgraph ids the subgraph holds, as Mermaid assigns them. */
  groups: {
    id: string;
    title: string;
    members: string[];
    parent?: string;
    anonymous: boolean;
    line: number;
    column: number;
  }[];
  diagnostics: Diagnostic[];
};

/**
 * Mermaid flowchart text → the chart as Mermaid reads it: nodes, edges and subgraphs before ids are renamed,
 * subgraph edges redirected or node types inferred (what mermaidToFlow builds on). Never throws.
 */
export function parseMermaidGraph(text: string): MermaidGraph {
  try {
    const c = readChart(typeof text === "string" ? text : String(text ?? ""));
    const out: MermaidGraph = {
      direction: c.direction,
      nodes: [...c.nodes.values()]
        .filter((n) => !c.groups.has(n.key))
        .sort((a, b) => a.order - b.order)
        .map((n) => ({
          key: n.key,
          label: n.label || n.key,
          shape: n.shape,
          mermaidShape: n.mermaidShape,
          ...n.position,
        })),
      edges: c.edges.map((e) => ({ from: e.from, to: e.to, label: e.label, ...e.position })),
      groups: [...c.groups.values()].map((g) => ({
        id: g.id,
        title: g.title,
        members: [...g.members],
        parent: g.parent,
        anonymous: g.anonymous,
        ...g.position,
      })),
      diagnostics: sortDiagnostics(c.r.diagnostics),
    };
    if (c.chartTitle) out.title = c.chartTitle;
    return out;
  } catch (e) {
    const message = `The Mermaid importer failed on this chart: ${String((e as Error)?.message ?? e)}`;
    return {
      direction: "TB",
      nodes: [],
      edges: [],
      groups: [],
      diagnostics: [{ severity: "error", code: "mermaid-syntax", message, line: 1, column: 1 }],
    };
  }
}

function importUnsafe(input: string, options: MermaidImportOptions): MermaidImport {
  const { text, r, direction, chartTitle, metas, statements, first, nodes, edges, groups, flowchart } =
    readChart(input);
  const id0 = flowIdFrom(options.id);
  if (!flowchart)
    return {
      flow: emptyImport(id0 ?? "imported-flow", options.title?.trim() || chartTitle || "Imported flow"),
      groups: [],
      direction,
      diagnostics: sortDiagnostics(r.diagnostics),
    };

  // ---- subgraph references -------------------------------------------------------------------
  // Members of a group include the members of its nested groups.
  // (Indexed and memoised: deeply nested subgraphs stay fast.)
  const children = new Map<string, RawGroup[]>();
  for (const g of groups.values()) {
    if (g.parent === undefined) continue;
    const list = children.get(g.parent);
    if (list) list.push(g);
    else children.set(g.parent, [g]);
  }
  const memberMemo = new Map<string, string[]>();
  const allMembers = (g: RawGroup): string[] => {
    const known = memberMemo.get(g.id);
    if (known) return [...known];
    memberMemo.set(g.id, []); // a cycle (which parents can't form) would end here
    let out = g.members.filter((k) => !groups.has(k));
    for (const child of children.get(g.id) ?? []) out = out.concat(allMembers(child));
    memberMemo.set(g.id, out);
    return [...out];
  };
  for (const gid of groups.keys()) {
    const n = nodes.get(gid);
    if (n) {
      nodes.delete(gid);
      for (const g of groups.values()) g.members = g.members.filter((k) => k !== gid);
    }
  }
  const plainEdges = edges.filter((e) => !groups.has(e.from) && !groups.has(e.to));
  const groupEdges = edges.filter((e) => groups.has(e.from) || groups.has(e.to));
  const finalEdges: RawEdge[] = [...plainEdges];
  if (groupEdges.length) {
    const members = new Map(
      [...groups.values()].map((g) => [g.id, allMembers(g).sort((a, b) => nodes.get(a)!.order - nodes.get(b)!.order)]),
    );
    const entry = (gid: string) => {
      const ms = members.get(gid)!;
      const inside = new Set(ms);
      return ms.find((k) => !plainEdges.some((e) => e.to === k && inside.has(e.from))) ?? ms[0];
    };
    const exits = (gid: string) => {
      const ms = members.get(gid)!;
      const found = ms.filter((k) => !plainEdges.some((e) => e.from === k));
      return found.length ? found : ms.slice(-1);
    };
    for (const e of groupEdges) {
      const bad = [e.from, e.to].find((k) => groups.has(k) && members.get(k)!.length === 0);
      if (bad) {
        r.report(
          "mermaid-subgraph",
          `The edge ${e.from} → ${e.to} connects to the subgraph "${bad}", which has no nodes; it is dropped`,
          e.position,
          "add nodes to the subgraph or connect a node directly",
        );
        continue;
      }
      const froms = groups.has(e.from) ? exits(e.from) : [e.from];
      const to = groups.has(e.to) ? entry(e.to) : e.to;
      const parts: string[] = [];
      if (groups.has(e.from))
        parts.push(
          `from subgraph "${e.from}" leaves from ` +
            `its last node${froms.length > 1 ? "s" : ""} ${froms.map((k) => `"${k}"`).join(", ")}`,
        );
      if (groups.has(e.to)) parts.push(`to subgraph "${e.to}" goes to its first node "${to}"`);
      r.report("mermaid-subgraph-edge", `The edge ${parts.join(", and ")}`, e.position);
      for (const f of froms) finalEdges.push({ ...e, from: f, to });
    }
    finalEdges.sort(
      (a, b) => a.statement - b.statement || a.position.line - b.position.line || a.position.column - b.position.column,
    );
  }

  if (nodes.size === 0) {
    const where = statements[0]
      ? statements[0].start +
        (text.slice(statements[0].start).length - text.slice(statements[0].start).trimStart().length)
      : (first?.start ?? 0);
    r.report(
      "mermaid-no-nodes",
      "The chart has no nodes",
      where,
      "add nodes and arrows, e.g. A([Call comes in]) --> B{Is the customer verified?}",
    );
    const flow = emptyImport(id0 ?? "imported-flow", options.title?.trim() || chartTitle || "Imported flow");
    return {
      flow,
      groups: [...groups.values()].map((g) => exportGroup(g, [], new Map())),
      direction,
      diagnostics: sortDiagnostics(r.diagnostics),
    };
  }

  // ---- metadata, ids, types ------------------------------------------------------------------
  const nodeMeta = new Map<string, { meta: Meta; at: number }>();
  let flowMetaId: string | undefined;
  for (const m of metas) {
    if (typeof m.meta.flow === "string") flowMetaId = m.meta.flow;
    if (typeof m.meta.node !== "string") continue;
    if (!nodes.has(m.meta.node)) {
      r.report(
        "mermaid-metadata",
        `The %% stepwise: comment names node "${m.meta.node}", which the chart does not have`,
        m.at,
      );
      continue;
    }
    nodeMeta.set(m.meta.node, m);
  }

  const ordered = [...nodes.values()].sort((a, b) => a.order - b.order);
  const idMap = new Map<string, string>();
  const used = new Set<string>();
  const wanted = new Map<string, string>();
  for (const n of ordered) {
    const metaId = nodeMeta.get(n.key)?.meta.id;
    wanted.set(n.key, typeof metaId === "string" && NODE_ID_RE.test(metaId) ? metaId : n.key);
  }
  // Valid ids first, so a renamed id never takes the name of a node written later.
  for (const n of ordered) {
    const w = wanted.get(n.key)!;
    if (NODE_ID_RE.test(w) && !used.has(w)) {
      idMap.set(n.key, w);
      used.add(w);
    }
  }
  ordered.forEach((n, index) => {
    if (idMap.has(n.key)) return;
    const base = toNodeId(n.key) || `n${index + 1}`;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
    used.add(id);
    idMap.set(n.key, id);
    r.report(
      "mermaid-id-renamed",
      `Node id "${n.key}" became "${id}": flow node ids use only letters A–Z, digits, - and _`,
      n.position,
    );
  });

  const incoming = new Map<string, number>();
  const outgoing = new Map<string, number>();
  for (const e of finalEdges) {
    if (e.from === e.to) continue;
    outgoing.set(e.from, (outgoing.get(e.from) ?? 0) + 1);
    incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
  }
  const flowNodes: FlowModelNode[] = ordered.map((n) => {
    const label = n.label && n.label.length > 0 ? n.label : n.key;
    let type = typeFromShape(n.shape, label, incoming.get(n.key) ?? 0, outgoing.get(n.key) ?? 0);
    const node: FlowModelNode = { id: idMap.get(n.key)!, type, label, position: n.position };
    const m = nodeMeta.get(n.key);
    if (m) {
      if (typeof m.meta.type === "string") {
        if ((NODE_TYPES as readonly string[]).includes(m.meta.type)) type = m.meta.type as FlowNodeType;
        else
          r.report(
            "mermaid-metadata",
            `Unknown node type "${m.meta.type}" in a %% stepwise: comment`,
            m.at,
            `types are ${NODE_TYPES.join(", ")}`,
          );
      }
      node.type = type;
      for (const k of NODE_ATTRIBUTE_KEYS) {
        const v = m.meta[k];
        if (typeof v !== "string" || v.trim() === "") continue;
        if (k === "field" && !FIELD_NAME_RE.test(v.trim())) {
          r.report("mermaid-metadata", `"${v}" is not a field name (lower_snake_case); it is ignored`, m.at);
          continue;
        }
        node[k] = v.trim();
      }
    }
    return node;
  });
  const flowEdges: FlowModelEdge[] = finalEdges.map((e) => {
    const edge: FlowModelEdge = { from: idMap.get(e.from)!, to: idMap.get(e.to)!, position: e.position };
    if (e.label) edge.label = e.label;
    return edge;
  });

  // ---- a start node, and the rest of what makes the chart walkable (walkable.ts) -----------------
  const raw: FlowModel = {
    id: id0 ?? flowIdFrom(flowMetaId) ?? "imported-flow",
    title: options.title?.trim() || chartTitle || "Imported flow",
    nodes: flowNodes,
    edges: flowEdges,
  };
  const diagnostics = [...r.diagnostics];
  let flow = raw;
  if (options.walkable !== false) {
    const walked = makeWalkable(raw);
    flow = walked.flow;
    diagnostics.push(...walked.diagnostics);
  }
  if (options.validate !== false) diagnostics.push(...checkFlowGraph(flow));
  return {
    flow,
    groups: [...groups.values()].map((g) => exportGroup(g, allMembers(g), idMap, nodes)),
    direction,
    diagnostics: sortDiagnostics(diagnostics),
  };
}

function exportGroup(
  g: RawGroup,
  members: string[],
  idMap: Map<string, string>,
  nodes?: Map<string, RawNode>,
): MermaidGroup {
  const sorted = nodes ? [...members].sort((a, b) => (nodes.get(a)?.order ?? 0) - (nodes.get(b)?.order ?? 0)) : members;
  const out: MermaidGroup = { id: g.id, title: g.title, nodeIds: sorted.map((k) => idMap.get(k) ?? k) };
  if (g.parent) out.parent = g.parent;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Export

const KEYWORDS = new Set([
  "end",
  "subgraph",
  "graph",
  "flowchart",
  "style",
  "class",
  "classdef",
  "click",
  "linkstyle",
  "direction",
  "call",
  "href",
  "default",
  "interpolate",
]);

function mermaidSafeId(id: string): boolean {
  return /^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*$/.test(id) && !KEYWORDS.has(id.toLowerCase()) && !/^end/i.test(id);
}

/** Text inside "…" in Mermaid: entity codes for what would end or confuse the string. */
function mermaidText(s: string): string {
  return s
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/\|/g, "#124;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/\r?\n/g, "<br>");
}

const EXPORT_SHAPE: Record<FlowNodeType, [string, string]> = {
  start: ["([", "])"],
  end: ["([", "])"],
  question: ["{", "}"],
  action: ["[", "]"],
  say: [">", "]"],
  escalate: ["{{", "}}"],
  goto: ["[/", "/]"],
  sop: ["[[", "]]"],
};
const SHAPE_OF_EXPORT: Record<FlowNodeType, Shape> = {
  start: "stadium",
  end: "stadium",
  question: "rhombus",
  action: "rect",
  say: "asymmetric",
  escalate: "hexagon",
  goto: "parallelogram",
  sop: "subroutine",
};

export type MermaidExportOptions = { direction?: MermaidDirection };

/**
 * Flow → Mermaid flowchart text. Types Mermaid shapes can't express (escalate, goto, sop; a start with an
 * incoming edge…) and node attributes go into `%% stepwise:` comments, which Mermaid ignores and
 * mermaidToFlow reads back.
 */
export function flowToMermaid(flow: FlowGraph, options: MermaidExportOptions = {}): string {
  const lines: string[] = [
    "---",
    `title: ${JSON.stringify(flow.title)}`,
    "---",
    `flowchart ${options.direction ?? "TD"}`,
  ];
  lines.push(`  %% stepwise: ${JSON.stringify({ flow: flow.id })}`);
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const n of flow.nodes) if (mermaidSafeId(n.id)) used.add(n.id);
  for (const n of flow.nodes) {
    if (ids.has(n.id)) continue;
    if (mermaidSafeId(n.id)) {
      ids.set(n.id, n.id);
      continue;
    }
    const base = `n_${n.id.replace(/[^A-Za-z0-9_]+/g, "_")}`;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
    used.add(id);
    ids.set(n.id, id);
  }
  const incoming = new Map<string, number>();
  const outgoing = new Map<string, number>();
  for (const e of flow.edges) {
    if (e.from === e.to) continue;
    outgoing.set(e.from, (outgoing.get(e.from) ?? 0) + 1);
    incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
  }
  const done = new Set<string>();
  for (const n of flow.nodes) {
    if (done.has(n.id)) continue;
    done.add(n.id);
    const mid = ids.get(n.id)!;
    const [open, close] = EXPORT_SHAPE[n.type] ?? EXPORT_SHAPE.action;
    lines.push(`  ${mid}${open}"${mermaidText(n.label)}"${close}`);
    const inferred = typeFromShape(
      SHAPE_OF_EXPORT[n.type] ?? "rect",
      n.label,
      incoming.get(n.id) ?? 0,
      outgoing.get(n.id) ?? 0,
    );
    const meta: Record<string, string> = { node: mid };
    if (mid !== n.id) meta.id = n.id;
    if (inferred !== n.type) meta.type = n.type;
    for (const k of NODE_ATTRIBUTE_KEYS) if (n[k] !== undefined) meta[k] = n[k]!;
    if (Object.keys(meta).length > 1) lines.push(`  %% stepwise: ${JSON.stringify(meta)}`);
  }
  for (const e of flow.edges) {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    if (!from || !to) continue;
    lines.push(`  ${from} -->${e.label ? `|"${mermaidText(e.label)}"|` : ""} ${to}`);
  }
  return lines.join("\n") + "\n";
}
