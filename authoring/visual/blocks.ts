// SOP source ⇄ visual blocks, lossless. Pure and browser-safe.
//
// toBlocks cuts the source along the MDX syntax tree (the same tree parseSop reads): front matter, then a tree of
// blocks, each holding the exact text it spans, with the white space between blocks kept as `gaps`. fromBlocks
// joins the pieces again, so fromBlocks(toBlocks(s)) === s for every string. What the tree has no block for
// becomes a `source` block, never a hole: a part with a syntax error (the rest of the file is still read as
// blocks), a quote, an import line, text between blocks the tree does not cover.
import { checkSourceLimits } from "../../sop-schema/limits";
import { describeMdxError } from "../../sop-schema/mdx-errors";
import { isComponentName, type ComponentName } from "../../sop-schema/components";
import type { TableAlign } from "../../sop-schema/types";
import type { MdNode } from "../../sop-schema/parse";
import { parseMdx } from "./mdast";
import { readProps } from "./props";
import type {
  Attr,
  Block,
  Children,
  ComponentBlock,
  FrontMatterBlock,
  ReadProblem,
  SourceBlock,
  SourceReason,
  VisualDoc,
} from "./model";
import { FRONT_MATTER_ID } from "./model";

/** Parse attempts per document when parts of it have syntax errors: each failed attempt costs a full parse. */
const MAX_PARSES = 16;
const COMMENT_RE = /^(?:\/\*[\s\S]*?\*\/\s*)+$/; // as in sop-schema/parse.ts
const IDENTIFIER_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BLANK_RE = /^\s*$/;
/** A line a broken region may end before: where a top-level step, flow, quiz, scenario or section starts. */
const TOP_LEVEL_START_RE = /^(?:<(?:Step|Flow|Quiz|Scenario)\b|#{1,2}[ \t])/;

/** A failed parse: the error, the text that was parsed and the offset in src that text's offset 0 stands for. */
type ParseError = { error: unknown; text: string; base: number };

class Reader {
  private parses = 0;
  readonly problems: ReadProblem[] = [];

  constructor(
    readonly src: string,
    /** offset of the body text parseSop sees (after a byte order mark) */
    readonly textStart: number,
    public next: number,
  ) {}

  id(): string {
    return `b${this.next++}`;
  }

  // ---- positions ----------------------------------------------------------------------------

  private lineStartOf(pos: number): number {
    // lastIndexOf clamps a negative start to 0, and would find a line break at 0 from position 0.
    return pos <= 0 ? 0 : this.src.lastIndexOf("\n", pos - 1) + 1;
  }

  private nextLineStart(pos: number): number {
    const nl = this.src.indexOf("\n", pos);
    return nl < 0 ? this.src.length : nl + 1;
  }

  indentAt(pos: number): string {
    const before = this.src.slice(this.lineStartOf(pos), pos);
    return /^[ \t]*/.exec(before)![0];
  }

  /** 1-based line and column of an offset, counted as parseSop counts them (without the byte order mark). */
  lineColumn(pos: number): { line: number; column: number } {
    let line = 1;
    for (let i = this.src.indexOf("\n", this.textStart); i >= 0 && i < pos; i = this.src.indexOf("\n", i + 1)) line++;
    return { line, column: pos - Math.max(this.textStart, this.lineStartOf(pos)) + 1 };
  }

  /** Offset of a line:column in `text` (parsed as `text` = src.slice(base)…). */
  private offsetOf(text: string, line: number, column: number): number {
    let at = 0;
    for (let l = 1; l < line; l++) {
      const nl = text.indexOf("\n", at);
      if (nl < 0) return text.length;
      at = nl + 1;
    }
    return Math.min(text.length, at + Math.max(0, column - 1));
  }

  private isBlankLine(start: number): boolean {
    return BLANK_RE.test(this.src.slice(start, this.nextLineStart(start)));
  }

  /** The start of the top-level chunk holding `pos`: a line at column 1 after a blank line, or `from`. */
  private chunkStart(pos: number, from: number): number {
    let ls = this.lineStartOf(pos);
    while (ls > from) {
      const prev = this.lineStartOf(ls - 1);
      if (prev >= from && this.isBlankLine(prev) && /^\S/.test(this.src.charAt(ls))) return ls;
      ls = prev;
    }
    return from;
  }

  /** The start of the next top-level chunk after the line holding `pos` (or `to`). */
  private chunkEnd(pos: number, to: number, only?: RegExp): number {
    let ls = this.nextLineStart(pos);
    while (ls < to) {
      const prev = this.lineStartOf(ls - 1);
      const line = this.src.slice(ls, this.nextLineStart(ls));
      if (this.isBlankLine(prev) && /^\S/.test(line) && (!only || only.test(line))) return ls;
      ls = this.nextLineStart(ls);
    }
    return to;
  }

  // ---- regions ------------------------------------------------------------------------------

  /**
   * Blocks of src[from, to). A syntax error cuts out the chunk it is in (from the chunk start before the error,
   * or before the tag it names, to the next chunk start) as a source block; the text before and after is read
   * on its own, within MAX_PARSES attempts.
   */
  region(from: number, to: number, known?: ParseError): Block[] {
    if (BLANK_RE.test(this.src.slice(from, to))) return [];
    let failure = known;
    if (!failure) {
      if (this.parses >= MAX_PARSES) return [this.source(from, to, "unreadable")];
      // Parsed from its line start (so indentation reads as in place), after a line break (so a `---` is never
      // taken for front matter).
      const ls = this.lineStartOf(from);
      const start = BLANK_RE.test(this.src.slice(ls, from)) ? ls : from;
      const text = this.src.slice(start, to);
      const limit = checkSourceLimits(text, { mdx: true, frontMatter: false });
      if (limit) {
        this.problem(from, to, limit.message, from);
        return [this.source(from, to, "limits")];
      }
      this.parses++;
      try {
        return this.nodes(parseMdx(`\n${text}`).children ?? [], start - 1);
      } catch (error) {
        failure = { error, text: `\n${text}`, base: start - 1 };
      }
    }
    const { lo, hi, closing } = this.errorSpan(failure);
    const badStart = Math.max(from, this.chunkStart(Math.max(from, lo), from));
    let badEnd = this.chunkEnd(Math.min(to, hi), to);
    // An unclosed tag is reported at the end of the file: stop at the next top-level element or section.
    if (closing && badEnd >= to) badEnd = this.chunkEnd(Math.max(badStart, lo), to, TOP_LEVEL_START_RE);
    this.problem(badStart, badEnd, describeMdxError(failure.error).message, Math.max(from, Math.min(lo, to)));
    if (badStart <= from && badEnd >= to) return [this.source(from, to, "unreadable")];
    return [...this.region(from, badStart), this.source(badStart, badEnd, "unreadable"), ...this.region(badEnd, to)];
  }

  private problem(start: number, end: number, message: string, at: number): void {
    const s = this.trimStart(start, end);
    const e = this.trimEnd(s, end);
    this.problems.push({ start: s, end: e, message, ...this.lineColumn(at) });
  }

  /** Where a syntax error is: its own point and the point of the tag it names, as offsets into src. */
  private errorSpan(failure: ParseError): { lo: number; hi: number; closing: boolean } {
    const e = (failure.error ?? {}) as {
      line?: unknown;
      column?: unknown;
      reason?: unknown;
      message?: unknown;
      place?: { line?: number; column?: number; start?: { line?: number; column?: number } } | null;
    };
    const text = failure.text;
    const points: number[] = [];
    const at = (line: unknown, column: unknown) => {
      if (typeof line === "number" && line > 0)
        points.push(failure.base + this.offsetOf(text, line, typeof column === "number" ? column : 1));
    };
    at(e.line, e.column);
    if (e.place) at(e.place.start?.line ?? e.place.line, e.place.start?.column ?? e.place.column);
    const reason = String(e.reason ?? e.message ?? "");
    for (const m of reason.matchAll(/\((\d+):(\d+)(?:-(\d+):(\d+))?\)/g)) at(Number(m[1]), Number(m[2]));
    if (points.length === 0) points.push(failure.base);
    const clamp = (p: number) => Math.max(0, Math.min(this.src.length, p));
    return {
      lo: clamp(Math.min(...points)),
      hi: clamp(Math.max(...points)),
      closing: /^Expected a closing tag/.test(reason),
    };
  }

  private trimStart(start: number, end: number): number {
    let s = start;
    while (s < end && /\s/.test(this.src.charAt(s))) s++;
    return s;
  }

  private trimEnd(start: number, end: number): number {
    let e = end;
    while (e > start && /\s/.test(this.src.charAt(e - 1))) e--;
    return e;
  }

  source(start: number, end: number, reason: SourceReason): SourceBlock {
    const s = this.trimStart(start, end);
    const e = this.trimEnd(s, end);
    const raw = this.src.slice(s, e);
    const indent = this.indentAt(s);
    return {
      id: this.id(),
      kind: "source",
      origin: { start: s, end: e },
      indent,
      raw,
      reason,
      text: dedent(raw, indent),
    };
  }

  // ---- tree → blocks ------------------------------------------------------------------------

  private span(n: MdNode, base: number): { start: number; end: number } | null {
    const s = n.position?.start.offset;
    const e = n.position?.end.offset;
    return typeof s === "number" && typeof e === "number" ? { start: s + base, end: e + base } : null;
  }

  nodes(nodes: readonly MdNode[], base: number): Block[] {
    const out: Block[] = [];
    for (const n of nodes) out.push(...this.node(n, base));
    return out;
  }

  private node(n: MdNode, base: number): Block[] {
    const sp = this.span(n, base);
    if (!sp) return []; // left in a gap, where toBlocks turns it into a source block
    const { start, end } = sp;
    const raw = this.src.slice(start, end);
    const indent = this.indentAt(start);
    const leaf = { id: "", origin: { start, end }, indent, raw };
    switch (n.type) {
      case "paragraph":
        return this.inline(n.children ?? [], base);
      case "heading": {
        const inner = this.childSpan(n, base);
        const text = inner ? dedent(this.src.slice(inner.start, inner.end), indent) : "";
        return [{ ...leaf, id: this.id(), kind: "heading", depth: n.depth ?? 1, text }];
      }
      case "list": {
        const items = (n.children ?? []).map((item) => {
          const inner = this.childSpan(item, base);
          return inner ? dedentAll(this.src.slice(inner.start, inner.end)) : "";
        });
        return [
          {
            ...leaf,
            id: this.id(),
            kind: "list",
            ordered: n.ordered === true,
            start: typeof n.start === "number" ? n.start : null,
            items,
            text: dedent(raw, indent),
          },
        ];
      }
      case "table": {
        const rows = (n.children ?? []).map((row) =>
          (row.children ?? []).map((cell) => {
            const inner = this.childSpan(cell, base);
            return inner ? this.src.slice(inner.start, inner.end) : "";
          }),
        );
        const align: TableAlign[] = (n.align ?? []).map((a) =>
          a === "left" || a === "center" || a === "right" ? a : null,
        );
        return [{ ...leaf, id: this.id(), kind: "table", align, head: rows[0] ?? [], rows: rows.slice(1) }];
      }
      case "code":
        return [{ ...leaf, id: this.id(), kind: "code", lang: n.lang ?? null, value: n.value ?? "" }];
      case "thematicBreak":
        return [{ ...leaf, id: this.id(), kind: "thematicBreak" }];
      case "mdxFlowExpression": {
        const value = (n.value ?? "").trim();
        if (value !== "" && COMMENT_RE.test(value)) {
          const text = value.replace(/^\/\*\s?/, "").replace(/\s?\*\/$/, "");
          return [{ ...leaf, id: this.id(), kind: "comment", text: dedent(text, indent) }];
        }
        // `{customer_name}` on its own line reads as a paragraph holding the reference (as in parseSop)
        if (IDENTIFIER_RE.test(value)) return [{ ...leaf, id: this.id(), kind: "paragraph", text: raw }];
        return [this.source(start, end, "expression")];
      }
      case "mdxJsxFlowElement":
        return [this.element(n, base)];
      case "html":
        return [{ ...leaf, id: this.id(), kind: "html", name: "", text: dedent(raw, indent) }];
      case "yaml":
        return [this.source(start, end, "front-matter")];
      case "blockquote":
        return [{ ...leaf, id: this.id(), kind: "quote", text: dedent(raw, indent) }];
      case "definition":
        return [this.source(start, end, "definition")];
      case "mdxjsEsm":
        return [this.source(start, end, "esm")];
      default:
        return [this.source(start, end, "other")];
    }
  }

  /** From the first child's start to the last child's end. */
  private childSpan(n: MdNode, base: number): { start: number; end: number } | null {
    const kids = n.children ?? [];
    const first = kids.length ? this.span(kids[0], base) : null;
    const last = kids.length ? this.span(kids[kids.length - 1], base) : null;
    return first && last ? { start: first.start, end: last.end } : null;
  }

  /**
   * Inline content (a paragraph's, or an inline component's): our components written in it become blocks of
   * their own, and each run of text between them a paragraph (what parseSop's splitParagraph does).
   */
  private inline(children: readonly MdNode[], base: number): Block[] {
    const out: Block[] = [];
    let run: MdNode[] = [];
    const flush = () => {
      const nodes = run;
      const first = run.length ? this.span(run[0], base) : null;
      const last = run.length ? this.span(run[run.length - 1], base) : null;
      run = [];
      if (!first || !last) return;
      const s = this.trimStart(first.start, last.end);
      const e = this.trimEnd(s, last.end);
      if (s >= e) return;
      const raw = this.src.slice(s, e);
      const indent = this.indentAt(s);
      const origin = { start: s, end: e };
      // A line that is only a tag (`<div>…</div>`, `<Stpe>…</Stpe>`) is that tag, not words.
      const tags = nodes.filter((c) => c.type === "mdxJsxTextElement");
      const onlyTag = tags.length === 1 && nodes.every((c) => c === tags[0] || (c.type === "text" && !c.value?.trim()));
      if (onlyTag) {
        out.push({
          id: this.id(),
          kind: "html",
          origin,
          indent,
          raw,
          name: tags[0].name ?? "",
          text: dedent(raw, indent),
        });
        return;
      }
      out.push({ id: this.id(), kind: "paragraph", origin, indent, raw, text: dedent(raw, indent) });
    };
    for (const child of children) {
      if (child.type === "mdxJsxTextElement" && child.name && isComponentName(child.name)) {
        flush();
        out.push(this.element(child, base));
      } else run.push(child);
    }
    flush();
    return out;
  }

  private element(n: MdNode, base: number): Block {
    const sp = this.span(n, base)!;
    const name = n.name ?? "";
    if (!isComponentName(name)) {
      const raw = this.src.slice(sp.start, sp.end);
      const indent = this.indentAt(sp.start);
      return { id: this.id(), kind: "html", origin: sp, indent, raw, name, text: dedent(raw, indent) };
    }
    return this.component(n, name, sp, base) ?? this.source(sp.start, sp.end, "other");
  }

  /** A component's tag, attributes and children as written; null when the text is not shaped as expected. */
  private component(
    n: MdNode,
    name: ComponentName,
    sp: { start: number; end: number },
    base: number,
  ): ComponentBlock | null {
    const src = this.src;
    let cur = sp.start + 1;
    while (/\s/.test(src.charAt(cur))) cur++;
    if (!src.startsWith(name, cur)) return null;
    cur += name.length;
    const open = src.slice(sp.start, cur);
    const attrs: Attr[] = [];
    for (const a of n.attributes ?? []) {
      const as = a.position?.start.offset;
      const ae = a.position?.end.offset;
      if (typeof as !== "number" || typeof ae !== "number" || as + base < cur) return null;
      const lead = src.slice(cur, as + base);
      if (!BLANK_RE.test(lead)) return null;
      const value =
        a.type === "mdxJsxExpressionAttribute"
          ? null
          : a.value === null || a.value === undefined
            ? true
            : typeof a.value === "string"
              ? a.value
              : null;
      attrs.push({
        name: a.type === "mdxJsxAttribute" ? a.name : "",
        value,
        raw: src.slice(as + base, ae + base),
        lead,
      });
      cur = ae + base;
    }
    const tail = /\s*(\/\s*)?>/y;
    tail.lastIndex = cur;
    const m = tail.exec(src);
    if (!m || m.index !== cur) return null;
    const openEnd = m[0];
    cur += openEnd.length;
    const id = this.id();
    const inline = n.type === "mdxJsxTextElement";
    const common = { id, kind: "component" as const, origin: sp, indent: this.indentAt(sp.start), name, open, inline };
    const props = readProps(name, attrs);
    if (m[1] !== undefined) {
      if (cur !== sp.end) return null;
      return { ...common, props, attrs, openEnd, children: null, close: null };
    }
    const closeStart = src.lastIndexOf("</", sp.end - 1);
    if (closeStart < cur || !new RegExp(`^</\\s*${name}\\s*>$`).test(src.slice(closeStart, sp.end))) return null;
    const blocks = inline ? this.inline(n.children ?? [], base) : this.nodes(n.children ?? [], base);
    const children = this.container(cur, closeStart, blocks);
    if (!children) return null;
    return { ...common, props, attrs, openEnd, children, close: src.slice(closeStart, sp.end) };
  }

  /**
   * The children of [start, end) with the separators between them. Text between blocks that is not white
   * space (the tree had no node for it) becomes a source block, so that nothing is hidden. Null when the blocks
   * overlap or leave the range (a tree shape this reader does not know).
   */
  container(start: number, end: number, blocks: Block[]): Children | null {
    const out: Block[] = [];
    const gaps: string[] = [];
    let cur = start;
    const gapTo = (to: number) => {
      const text = this.src.slice(cur, to);
      if (!BLANK_RE.test(text)) {
        const stray = this.source(cur, to, "text");
        gaps.push(this.src.slice(cur, stray.origin!.start));
        out.push(stray);
        cur = stray.origin!.end;
      }
      gaps.push(this.src.slice(cur, to));
    };
    for (const b of blocks) {
      const o = b.origin!;
      if (o.start < cur || o.end > end || o.end < o.start) return null;
      gapTo(o.start);
      out.push(b);
      cur = o.end;
    }
    gapTo(end);
    return mergeUnreadable({ blocks: out, gaps }, this.src);
  }
}

/** Adjacent unreadable parts (one error cut out in several pieces) are one source block. */
function mergeUnreadable(children: Children, src: string): Children {
  const blocks: Block[] = [];
  const gaps: string[] = [children.gaps[0]];
  children.blocks.forEach((b, i) => {
    const prev = blocks[blocks.length - 1];
    if (prev?.kind === "source" && prev.reason === "unreadable" && b.kind === "source" && b.reason === "unreadable") {
      const raw = src.slice(prev.origin!.start, b.origin!.end);
      blocks[blocks.length - 1] = {
        ...prev,
        origin: { start: prev.origin!.start, end: b.origin!.end },
        raw,
        text: dedent(raw, prev.indent),
      };
      gaps[gaps.length - 1] = children.gaps[i + 1];
      return;
    }
    blocks.push(b);
    gaps.push(children.gaps[i + 1]);
  });
  return { blocks, gaps };
}

/** Continuation lines without the block's indent (line breaks as \n). */
export function dedent(raw: string, indent: string): string {
  const lines = raw.split(/\r?\n/);
  return lines.map((l, i) => (i > 0 && indent && l.startsWith(indent) ? l.slice(indent.length) : l)).join("\n");
}

function dedentAll(raw: string): string {
  return raw
    .split(/\r?\n/)
    .map((l, i) => (i > 0 ? l.replace(/^[ \t]+/, "") : l))
    .join("\n");
}

// ---------------------------------------------------------------------------------------------

/** The front matter as remark-frontmatter reads it: a `---` line first, up to the next line that is only `---`. */
function scanFrontMatter(src: string, start: number): { end: number; yamlStart: number; yamlEnd: number } | null {
  const FENCE = /^---[ \t]*$/;
  const lineEnd = (at: number) => {
    const nl = src.indexOf("\n", at);
    const end = nl < 0 ? src.length : nl;
    return { end: end > at && src.charAt(end - 1) === "\r" ? end - 1 : end, next: nl < 0 ? -1 : nl + 1 };
  };
  const first = lineEnd(start);
  if (!FENCE.test(src.slice(start, first.end)) || first.next < 0) return null;
  const yamlStart = first.next;
  let prevEnd = yamlStart;
  for (let at = yamlStart; at >= 0;) {
    const line = lineEnd(at);
    if (FENCE.test(src.slice(at, line.end))) return { end: line.end, yamlStart, yamlEnd: Math.max(yamlStart, prevEnd) };
    prevEnd = line.end;
    at = line.next;
  }
  return null;
}

/** Reads an SOP source into blocks. Never throws; see the file comment for what becomes a source block. */
export function toBlocks(input: string): VisualDoc {
  const source = typeof input === "string" ? input : String(input ?? "");
  const bom = source.charCodeAt(0) === 0xfeff ? "\ufeff" : "";
  const start = bom.length;
  const text = source.slice(start);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const r = new Reader(source, start, 1);
  const doc = (frontMatter: FrontMatterBlock | null, bodyStart: number, blocks: Block[]): VisualDoc => {
    // The reader places every block inside the body; if it ever did not, the body is kept as one source block.
    const body =
      r.container(bodyStart, source.length, blocks) ??
      r.container(bodyStart, source.length, [r.source(bodyStart, source.length, "other")])!;
    return { source, bom, eol, frontMatter, body, problems: r.problems, nextId: r.next };
  };
  const whole = (reason: SourceReason, message: string) => {
    r.problems.push({ start, end: source.length, message, line: 1, column: 1 });
    return doc(null, start, BLANK_RE.test(text) ? [] : [r.source(start, source.length, reason)]);
  };

  const limit = checkSourceLimits(text, { mdx: true });
  if (limit) return whole("limits", limit.message);

  let tree: MdNode | null = null;
  let error: unknown = null;
  try {
    tree = parseMdx(text);
  } catch (e) {
    error = e;
  }
  const unclosed = "The front matter that starts on line 1 is never closed — add a line with just --- after it";
  if (tree) {
    const children = tree.children ?? [];
    const first = children[0];
    const fs = first?.position?.start.offset;
    const fe = first?.position?.end.offset;
    if (first?.type === "yaml" && fs === 0 && typeof fe === "number") {
      const fm: FrontMatterBlock = {
        id: FRONT_MATTER_ID,
        origin: { start, end: start + fe },
        raw: text.slice(0, fe),
        yaml: first.value ?? "",
      };
      return doc(fm, start + fe, r.nodes(children.slice(1), start));
    }
    if (/^---[ \t]*(?:\r?\n|$)/.test(text)) return whole("front-matter", unclosed);
    return doc(null, start, r.nodes(children, start));
  }
  // A syntax error: the front matter is found as remark-frontmatter finds it, the body is read in parts.
  const fm = scanFrontMatter(source, start);
  if (!fm && /^---[ \t]*(?:\r?\n|$)/.test(text)) return whole("front-matter", unclosed);
  const frontMatter: FrontMatterBlock | null = fm
    ? {
        id: FRONT_MATTER_ID,
        origin: { start, end: fm.end },
        raw: source.slice(start, fm.end),
        yaml: source.slice(fm.yamlStart, fm.yamlEnd),
      }
    : null;
  const bodyStart = fm ? fm.end : start;
  return doc(frontMatter, bodyStart, r.region(bodyStart, source.length, { error, text, base: start }));
}

/**
 * Reads a piece of new text (what an edit inserts) as blocks, as if it stood on its own lines at `indent`.
 * The blocks have no origin; their `raw` is exactly `text`'s pieces.
 */
export function readFragment(
  text: string,
  indent: string,
  nextId: number,
): { blocks: Block[]; gaps: string[]; nextId: number } {
  const src = `\n${indent}${text}`;
  const r = new Reader(src, 1, nextId);
  const from = 1 + indent.length;
  const children = r.container(from, src.length, r.region(from, src.length)) ?? {
    blocks: [r.source(from, src.length, "other")],
    gaps: ["", ""],
  };
  const strip = (b: Block): Block => {
    if (b.kind !== "component" || !b.children) return { ...b, origin: null };
    return { ...b, origin: null, children: { ...b.children, blocks: b.children.blocks.map(strip) } };
  };
  return { blocks: children.blocks.map(strip), gaps: children.gaps, nextId: r.next };
}

// ---------------------------------------------------------------------------------------------
// Printing

/** Where a block is in the printed text (and its attributes, for a component). */
export type PrintedSpan = { start: number; end: number; attrs?: { name: string; start: number; end: number }[] };

class Printer {
  readonly parts: string[] = [];
  length = 0;
  constructor(readonly spans: Map<string, PrintedSpan> | null) {}

  push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }

  children(c: Children): void {
    this.push(c.gaps[0] ?? "");
    c.blocks.forEach((b, i) => {
      this.block(b);
      this.push(c.gaps[i + 1] ?? "");
    });
  }

  block(b: Block): void {
    const start = this.length;
    if (b.kind !== "component") {
      this.push(b.raw);
      this.spans?.set(b.id, { start, end: this.length });
      return;
    }
    this.push(b.open);
    const attrs: PrintedSpan["attrs"] = [];
    for (const a of b.attrs) {
      this.push(a.lead);
      attrs.push({ name: a.name, start: this.length, end: this.length + a.raw.length });
      this.push(a.raw);
    }
    this.push(b.openEnd);
    if (b.children) this.children(b.children);
    if (b.close !== null) this.push(b.close);
    this.spans?.set(b.id, { start, end: this.length, attrs });
  }
}

function print(doc: VisualDoc, spans: Map<string, PrintedSpan> | null): string {
  const p = new Printer(spans);
  p.push(doc.bom);
  if (doc.frontMatter) {
    const start = p.length;
    p.push(doc.frontMatter.raw);
    spans?.set(FRONT_MATTER_ID, { start, end: p.length });
  }
  p.children(doc.body);
  return p.parts.join("");
}

/** The SOP source of a visual document: untouched blocks and separators exactly as read. */
export function fromBlocks(doc: VisualDoc): string {
  return print(doc, null);
}

/** The printed source with where each block (by id) landed in it: for placing diagnostics. */
export function layout(doc: VisualDoc): { text: string; spans: Map<string, PrintedSpan> } {
  const spans = new Map<string, PrintedSpan>();
  const text = print(doc, spans);
  return { text, spans };
}

/** The text of one block as it is printed. */
export function blockSource(b: Block): string {
  const p = new Printer(null);
  p.block(b);
  return p.parts.join("");
}

/** The text of a list of blocks with their separators. */
export function childrenSource(c: Children): string {
  const p = new Printer(null);
  p.children(c);
  return p.parts.join("");
}

/** Every block of the document, depth first, with its parent (null at the top level). */
export function* walkBlocks(
  children: Children,
  parent: ComponentBlock | null = null,
): Generator<{ block: Block; parent: ComponentBlock | null }> {
  for (const block of children.blocks) {
    yield { block, parent };
    if (block.kind === "component" && block.children) yield* walkBlocks(block.children, block);
  }
}
