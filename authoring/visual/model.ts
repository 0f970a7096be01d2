// The visual editor's document model: an SOP source cut into blocks, each keeping the exact text it was read
// from, with the white space between blocks kept too. Printing concatenates the pieces, so an untouched
// document prints byte for byte as it was read and an edit rewrites only the pieces it changed (ADR 024).
import type { ComponentName } from "../../sop-schema/components";
import type { TableAlign } from "../../sop-schema/types";
import type { PropsOf, RawValue } from "./props";

/** Where a block was read from: [start, end) in VisualDoc.source. Null for a block an edit created. */
export type Origin = { start: number; end: number } | null;

type Base = {
  /** Unique in its document; kept by edits (what React keys and edit operations use). */
  id: string;
  origin: Origin;
  /** White space at the start of the line the block starts on: continuation lines of new text get it too. */
  indent: string;
};

/** A block that is one piece of text. `raw` is exactly what is written for it (after its `indent`). */
type Leaf = Base & { raw: string };

/** Inline Markdown (with `{field}` references) of one paragraph; `text` is `raw` without the block's indent. */
export type ParagraphBlock = Leaf & { kind: "paragraph"; text: string };
export type HeadingBlock = Leaf & { kind: "heading"; depth: number; text: string };
export type ListBlock = Leaf & { kind: "list"; ordered: boolean; start: number | null; items: string[]; text: string };
export type TableBlock = Leaf & { kind: "table"; align: TableAlign[]; head: string[]; rows: string[][] };
export type CodeBlock = Leaf & { kind: "code"; lang: string | null; value: string };
export type ThematicBreakBlock = Leaf & { kind: "thematicBreak" };
/** `> …` lines; `text` is the quote's source without the block's indent. */
export type QuoteBlock = Leaf & { kind: "quote"; text: string };
/** `{/* … *\/}`: a note for editors, never shown to agents. `text` is what is between the markers. */
export type CommentBlock = Leaf & { kind: "comment"; text: string };
/** A lower-case tag (`<div>`) or a name that is not an SOP component (`<Stpe>`): not allowed, kept as written. */
export type HtmlBlock = Leaf & { kind: "html"; name: string; text: string };

export type SourceReason =
  | "unreadable" // a syntax error: parseSop's mdx-syntax diagnostic says what
  | "limits" // over SOP_LIMITS: not parsed at all
  | "front-matter" // a front matter block that is never closed, or a second one
  | "definition"
  | "expression"
  | "esm"
  | "text" // text the tree has no node for (kept so that nothing is hidden)
  | "other";

/** Anything without a visual form: edited as source text, in place. */
export type SourceBlock = Leaf & { kind: "source"; reason: SourceReason; text: string };

/** One JSX attribute as written. */
export type Attr = {
  /** "" for a spread (`{...props}`) */
  name: string;
  /** decoded value; true when bare (`required`); null for braces (`title={x}`) or a spread */
  value: RawValue;
  /** exactly what is written, e.g. `label="Order &quot;no&quot;"` */
  raw: string;
  /** the white space before it */
  lead: string;
};

export type Children = {
  blocks: Block[];
  /** blocks.length + 1 separators: before the first block, between blocks, after the last */
  gaps: string[];
};

export type ComponentBlock<N extends ComponentName = ComponentName> = Base & {
  kind: "component";
  name: N;
  props: PropsOf<N>;
  attrs: Attr[];
  /** `<Step` as written */
  open: string;
  /** what ends the opening tag after the last attribute: `>`, ` />`, `\n>` */
  openEnd: string;
  /** null when self-closing */
  children: Children | null;
  /** `</Step>` as written; null when self-closing */
  close: string | null;
  /** written inside a line of text (`<Check>…</Check>`): its children are that text */
  inline: boolean;
};

export type Block =
  | ParagraphBlock
  | HeadingBlock
  | ListBlock
  | TableBlock
  | CodeBlock
  | ThematicBreakBlock
  | QuoteBlock
  | CommentBlock
  | HtmlBlock
  | SourceBlock
  | ComponentBlock;

export type BlockKind = Block["kind"];

export const FRONT_MATTER_ID = "front-matter";

export type FrontMatterBlock = {
  id: typeof FRONT_MATTER_ID;
  origin: Origin;
  /** `---` … `---`, without the line break after the closing fence */
  raw: string;
  /** the YAML between the fences */
  yaml: string;
};

/** A part of the source that could not be read as blocks (it is a source block), with the parser's reason. */
export type ReadProblem = { start: number; end: number; message: string; line: number; column: number };

export type VisualDoc = {
  /** The text the document was read from; origins point into it. */
  source: string;
  /** U+FEFF when the source starts with one (parseSop skips it; it is written back). */
  bom: string;
  eol: "\n" | "\r\n";
  frontMatter: FrontMatterBlock | null;
  /** The body; gaps[0] is what follows the front matter (or the start of the file). */
  body: Children;
  problems: ReadProblem[];
  /** Next number for a block id ("b<n>"). */
  nextId: number;
};

export function isComponent<N extends ComponentName>(b: Block, name?: N): b is ComponentBlock<N> {
  return b.kind === "component" && (name === undefined || b.name === name);
}
