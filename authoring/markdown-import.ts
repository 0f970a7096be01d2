// Plain Markdown (CommonMark + GFM, with or without YAML front matter; Hugo, MkDocs and Docusaurus pages) → an
// SOP source. Pure, browser-safe.
//
// The page is first rewritten at the text level (markdown-preprocess.ts: admonitions, shortcodes, <details>,
// HTML tables, blocks nested too deep), then parsed to a tree (remark) and written back out by our own small
// serialiser, so every character of text is escaped for MDX: nothing the import writes can become a component,
// an expression, ESM or HTML. The result is checked with parseSop (+ the flow checker); any part that still
// fails is kept as a code block, so the body always parses with zero errors.
//
// What becomes a step (README, "Importing a Markdown handbook"):
//   - A numbered list is a list of ACTIONS when at most half of its items are links and either at least half of
//     its items start with an imperative verb ("Ask", "Check", "If …", "Don't …") or at least two thirds of them
//     are long (4+ words, or more than one block). Lists of links, names or short nouns stay lists.
//   - A page with at least one such list at the top level: each of its items is a step (its first sentence or
//     bold lead is the title, the rest is inside). Text after a step, up to the next list or sub-heading of the
//     same section, belongs to that step (the agent sees it while doing the step); text before the first list
//     of a section, and a sub-heading with its text, is the section's text.
//   - A page without one: each `##` section is a step (the text before the first `##` is the introduction); with
//     no `##` either, each `###` section, else the whole page is one step.
//   - A ```mermaid flowchart at the top level is a step of its own; inside a numbered item, that step's flow.
//   - A section headed Glossary/Terms/Definitions… holding bold-term lists (`- **RMA** — meaning`), `**Term**:
//     meaning` lines or a two-column table becomes front matter `terms`.
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { LineCounter, isMap, isScalar, parseDocument } from "yaml";
import { collectLinkDefinitions, linkTarget, type LinkDefinitions } from "../sop-schema/links";
import { parseSop, type MdNode } from "../sop-schema/parse";
import { SOP_LIMITS } from "../sop-schema/limits";
import { patchMicromarkEditMap } from "../sop-schema/micromark-patch";
import { ASCII_SLUG_RE, UNICODE_SLUG_RE, slugify, uniqueId } from "../sop-schema/slug";
import type { Diagnostic } from "../sop-schema/types";
import { mermaidToFlow } from "../flows/mermaid";
import { quoteAttribute, serializeFlow } from "../flows/serialize";
import {
  FRONT_MATTER_KEYS,
  emptyFrontMatterValues,
  readFrontMatter,
  validateFrontMatter,
  writeFrontMatter,
} from "./front-matter";
import type { FrontMatterValues } from "./front-matter";
import { isIndexName } from "./import-batch";
import {
  DEEP_MARKER,
  MARKER,
  admonitionKind,
  longestRun,
  preprocessMarkdown,
  type AdmonitionKind,
  type Preprocessed,
} from "./markdown-preprocess";

export type ImportWarning = { line: number; column: number; message: string };

export type MarkdownImportOptions = {
  /** The file's name: the title when the Markdown has no heading. */
  filename?: string;
  /** The department (the import page's or `--department`): wins over anything the page says. */
  department?: string;
  /** Language code when the front matter has none (default: the format's, en). */
  language?: string;
  /**
   * Links to other pages of the same import, resolved by the caller (app/import-export.server.ts): the link
   * target as written (`../billing/refunds.md`, the path of a Hugo `ref`) → the SOP's address (`/sops/refunds`).
   * A relative link not in the map is not an SOP: its text is kept, with a warning.
   */
  resolveLinks?: Record<string, string>;
};

/** A relative link (or Hugo ref) the page makes, for the batch to resolve. */
export type ImportLink = { target: string; line: number; column: number };

export type MarkdownImportResult = {
  source: string;
  warnings: ImportWarning[];
  title: string;
  /** relative links found, in order (a target may repeat) */
  links: ImportLink[];
  /** the front matter's `id`, when it has a valid one */
  id?: string;
};

// ---------------------------------------------------------------------------------------------
// mdast (loose view)

/** parse.ts's loose view of the mdast nodes, with the GFM list-item flags the import reads. */
interface Md extends MdNode {
  children?: Md[];
  spread?: boolean | null;
  checked?: boolean | null;
}

/** GFM without autolink literals (bare `https://…` stays text): their resolver is quadratic in a paragraph's length. */
function remarkGfmWithoutAutolinks(this: { data(): Record<string, unknown> }) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  );
}

/** A paragraph (a run of lines without a blank one) longer than this is read without autolink literals. */
const AUTOLINK_PARAGRAPH_LIMIT = 20_000;

function longestParagraph(text: string): number {
  let longest = 0;
  let start = 0;
  for (const m of text.matchAll(/\n[ \t]*\n/g)) {
    longest = Math.max(longest, m.index - start);
    start = m.index + m[0].length;
  }
  return Math.max(longest, text.length - start);
}

let processor: { parse(text: string): unknown } | null = null;
let plainProcessor: { parse(text: string): unknown } | null = null;
function parseMarkdown(text: string): Md {
  patchMicromarkEditMap(); // micromark's EditMap.consume is quadratic; see sop-schema/micromark-patch.ts
  if (longestParagraph(text) > AUTOLINK_PARAGRAPH_LIMIT) {
    plainProcessor ??= unified()
      .use(remarkParse)
      .use(remarkGfmWithoutAutolinks as unknown as () => void)
      .use(remarkFrontmatter, ["yaml"])
      .freeze();
    return plainProcessor.parse(text) as Md;
  }
  processor ??= unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml"]).freeze();
  return processor.parse(text) as Md;
}

/** Plain text of a node (like mdast-util-to-string), on one line. */
function plain(node: Md | Md[]): string {
  const walk = (n: Md): string => {
    if (n.type === "break") return " ";
    if (n.type === "image" || n.type === "imageReference") return n.alt ?? "";
    if (n.type === "html") return /^<br\s*\/?>$/i.test((n.value ?? "").trim()) ? " " : "";
    if (typeof n.value === "string") return n.value;
    return (n.children ?? []).map(walk).join("");
  };
  const s = Array.isArray(node) ? node.map(walk).join(" ") : walk(node);
  return s.replace(/\s+/g, " ").trim();
}

const line = (n: Md | undefined) => n?.position?.start.line ?? 1;
const column = (n: Md | undefined) => n?.position?.start.column ?? 1;

// ---------------------------------------------------------------------------------------------
// Inline serialisation with MDX-safe escaping

/** Inline HTML tags that only format text: removed, their text is kept. */
export const FORMATTING_TAG = new RegExp(
  /^<\/?/.source +
    "(?:b|strong|i|em|u|s|strike|del|ins|span|font|small|big|mark|sup|sub|abbr|kbd|code|tt|var|cite|q)" +
    /(?:\s[^<>]*)?>$/.source,
  "i",
);

const isWordChar = (c: string) => c !== "" && /[\p{L}\p{N}]/u.test(c);
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

class InlineWriter {
  private buf = "";
  /** Only white space so far on the current line; the last character written (tracked, so appends stay O(1)). */
  private blank = true;
  private lastChar = "";

  /**
   * `pipe`: inside a GFM table cell, where `|` must be written `\\|`. `after`: the text this writer continues
   * (its line so far is not blank, and its last character is `after`'s), for emphasis markers.
   */
  constructor(
    readonly pipe = false,
    after = "",
  ) {
    if (after) {
      this.blank = false;
      this.lastChar = after.slice(-1);
    }
  }

  get out(): string {
    return this.buf;
  }

  /** Only white space so far on the current line (of this block's content). */
  atLineStart(): boolean {
    return this.blank;
  }

  private append(s: string): void {
    if (s === "") return;
    this.buf += s;
    const nl = s.lastIndexOf("\n");
    const tail = nl >= 0 ? s.slice(nl + 1) : s;
    this.blank = (nl >= 0 || this.blank) && /^[ \t]*$/.test(tail);
    this.lastChar = s.slice(-1);
  }

  /** Text, escaped so that MDX reads it back as the same text (and never as syntax). */
  text(value: string, singleLine: boolean): void {
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === "\n" || c === "\r") {
        if (c === "\r" && value[i + 1] === "\n") i++;
        this.append(singleLine ? " " : "\n");
        continue;
      }
      const next = value[i + 1] ?? "";
      const prev = i > 0 ? value[i - 1] : this.lastChar;
      if (this.atLineStart() && c !== " " && c !== "\t") {
        const rest = value.slice(i);
        if (
          c === ">" ||
          (c === "#" && /^#*(?:[ \t\n]|$)/.test(rest)) ||
          ((c === "-" || c === "+") && /^.(?:[ \t\n]|$|-)/.test(rest)) ||
          (c === "=" && /^=*[ \t]*$/.test(rest.slice(0, rest.includes("\n") ? rest.indexOf("\n") : rest.length))) ||
          (c === "~" && next === "~")
        ) {
          this.append(`\\${c}`);
          continue;
        }
        const num = /^(\d{1,9})([.)])(?=[ \t]|$|\n)/.exec(rest);
        if (num) {
          this.append(`${num[1]}\\${num[2]}`);
          i += num[0].length - 1;
          continue;
        }
        if (/^(?:import|export)(?:[\s]|$)/.test(rest)) {
          // MDX would read the line as JavaScript (ESM): write the first letter as a character reference.
          this.append(c === "i" ? "&#105;" : "&#101;");
          continue;
        }
      }
      switch (c) {
        case "\\":
          this.append(next === "" || next === "\n" || ASCII_PUNCT.test(next) ? "\\\\" : "\\");
          break;
        case "`":
        case "*":
        case "[":
        case "]":
        case "<":
        case "{":
        case "}":
          this.append(`\\${c}`);
          break;
        case "_":
          this.append(isWordChar(prev) && isWordChar(next) ? "_" : "\\_");
          break;
        case "&":
          this.append(/[#A-Za-z]/.test(next) ? "\\&" : "&");
          break;
        case "|":
          this.append(this.pipe ? "\\|" : "|");
          break;
        case "!":
          this.append(next === "" ? "\\!" : "!");
          break;
        default:
          this.append(c);
      }
    }
  }

  raw(s: string): void {
    this.append(s);
  }
}

function encodeUrl(url: string): string {
  return url.replace(
    // eslint-disable-next-line no-control-regex -- C0 controls are percent-encoded, as browsers do
    /[\u0000-\u0020()<>\\{}\u007f]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

const ABBREVIATIONS =
  /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|approx|incl|excl|min|max|no|nr|mr|mrs|ms|dr|st|ca|cf|fig|tel|ext|[A-Za-z])$/i;

/** The first sentence of a longer text (10–120 characters), or null when the text is one sentence. */
function firstSentence(text: string): string | null {
  const re = /[.!?](?=\s+\S)/g;
  for (const m of text.matchAll(re)) {
    const end = (m.index ?? 0) + 1;
    if (m[0] === "." && ABBREVIATIONS.test(text.slice(0, m.index))) continue;
    if (end < 10) continue;
    return end <= 120 ? text.slice(0, end) : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The importer

type StepState = { hasFlow: boolean; title: string };
/** Where a block is written: which component it sits in (what it may contain), and inside a list or quote. */
type BlockCtx = {
  kind: "root" | "Step" | "Tip" | "Warning" | "Template";
  step?: StepState;
  container?: boolean;
  /** nearest heading text, for flow titles */ heading?: string;
};
type BlockUnit = { kind: "block"; nodes: Md[]; heading?: string; text?: string };
type StepUnit = { kind: "step"; title: string; body: Md[]; origin: Md[]; heading?: string; text?: string };
type Unit = BlockUnit | StepUnit;

/** What may come before a Mermaid chart's first word: `%%` comments and a `---` front matter. */
const MERMAID_PREAMBLE = /^\s*(?:%%[^\n]*\n\s*)*(?:---\n[\s\S]*?\n---\s*\n\s*)?(?:%%[^\n]*\n\s*)*/;
const MERMAID_FLOWCHART = new RegExp(`${MERMAID_PREAMBLE.source}(?:flowchart|graph)\\b`);
const DEEP_RE = new RegExp(`^${DEEP_MARKER}deep:(\\d+)${DEEP_MARKER}$`);
const ADMONITION_RE = new RegExp(`^${MARKER}(tip|warning|template)${MARKER} ?`);
const LEFTOVER_MARKER = new RegExp(
  `${MARKER}(?:tip|warning|template)${MARKER} ?|${DEEP_MARKER}deep:\\d+${DEEP_MARKER}`,
  "g",
);
const GITHUB_ALERT_RE = /^\[!([A-Za-z]+)\][ \t]*(?:\n|$)/;

/** The kind of diagram a ```mermaid block draws (its first word), for the warning when it is not a flowchart. */
function mermaidKind(text: string): string {
  const body = text.replace(MERMAID_PREAMBLE, "");
  return /^([A-Za-z][\w-]*)/.exec(body)?.[1] ?? "diagram";
}

// An item "starts with an imperative verb" when its first word is one of these (or a conditional/negation
// that opens an instruction: "If …", "Never …"). English only; other languages rely on the length rule.
const ACTION_WORDS = new Set(
  (
    "ask add advise agree allow answer apologise apologize apply approve arrange " +
    "assign attach avoid book call cancel capture change check choose clear " +
    "click close collect complete confirm connect contact copy create decline " +
    "delete describe document do double-check download drop e-mail email enable " +
    "end ensure enter escalate explain fill find finish flag follow forward " +
    "gather get give go greet hand help hold identify inform issue keep let " +
    "listen log look make mark move note notify offer open order pass paste pause " +
    "pick place post press print process provide put read reassure record " +
    "refund refuse register reject remind remove repeat reply report request " +
    "reset resolve respond restart return review run save say schedule search " +
    "select send set share ship sign start stay stop submit summarise summarize " +
    "switch take talk tell thank tick transfer try turn type unlock update " +
    "upload use validate verify wait warn welcome wrap write " +
    "if when once before after never always don't dont do not first then finally"
  ).split(/\s+/),
);

const GLOSSARY_RE = new RegExp(
  "^(?:glossary|terms|terminology|definitions|key terms|terms (?:and|&) definitions|abbreviations|acronyms|" +
    "jargon|vocabulary|glossary of terms|word list)" +
    /\s*:?$/.source,
  "i",
);

/** `**Term** — meaning`, `**Term:** meaning`, `**Term**: meaning`, `Term: meaning` (a glossary line, as text). */
function termLine(text: string, needBold: boolean): { term: string; meaning: string } | null {
  const bold = /^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*(?:[:：]|\s[—–-]|[—–])?\s*(.*)$/.exec(text);
  if (bold && bold[1].trim() && bold[2].trim())
    return {
      term: stripMd(bold[1])
        .replace(/[:：]\s*$/, "")
        .trim(),
      meaning: stripMd(bold[2])
        .replace(/^[:：—–-]\s*/, "")
        .trim(),
    };
  if (needBold) return null;
  const plainLine = /^\s*([^:：—–]{1,60}?)\s*(?:[:：]|\s[—–-]\s|[—–])\s*(.+)$/.exec(text);
  if (plainLine && plainLine[1].trim().split(/\s+/).length <= 6)
    return { term: stripMd(plainLine[1]).trim(), meaning: stripMd(plainLine[2]).trim() };
  return null;
}

/** Markdown inline syntax off a short text (for glossary terms, which are plain YAML strings). */
function stripMd(s: string): string {
  return s
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, "$2")
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

type GlossaryTerm = { term: string; meaning: string; line: number };

class Importer {
  readonly warnings: ImportWarning[] = [];
  readonly links: ImportLink[] = [];
  /** The page's link reference definitions (collectDefinitions, before anything is written). */
  private defs: LinkDefinitions = new Map();
  private readonly flowIds = new Set<string>();
  private readonly mermaidDone = new Map<Md, ReturnType<typeof mermaidToFlow>>();
  private readonly original: string[];
  private htmlWarned = false;

  constructor(
    private readonly pre: Preprocessed,
    input: string,
    private readonly options: MarkdownImportOptions,
  ) {
    this.original = input.split(/\r\n|\r|\n/);
  }

  get text(): string {
    return this.pre.text;
  }

  /** The input line of a line of the parsed (preprocessed) text. */
  lineOf(l: number): number {
    return this.pre.lineOf(l);
  }

  warn(node: Md | undefined | null, message: string): void {
    this.warnings.push({ line: node ? this.lineOf(line(node)) : 1, column: node ? column(node) : 1, message });
  }

  warnAt(lineNo: number, columnNo: number, message: string): void {
    this.warnings.push({ line: lineNo, column: columnNo, message });
  }

  collectDefinitions(root: Md): void {
    this.defs = collectLinkDefinitions(root);
  }

  /** The page's own Markdown for these nodes (the input lines they came from). */
  slice(nodes: Md[]): string {
    const first = nodes[0]?.position?.start.line;
    const last = nodes[nodes.length - 1]?.position?.end.line;
    if (typeof first !== "number" || typeof last !== "number") return nodes.map((n) => plain(n)).join("\n\n");
    return this.original.slice(this.lineOf(first) - 1, this.lineOf(last)).join("\n");
  }

  // ---- inline ---------------------------------------------------------------------------------

  inline(nodes: Md[], singleLine = false, w = new InlineWriter()): string {
    for (const n of nodes) this.inlineNode(n, singleLine, w);
    return w.out;
  }

  private wrap(marker: string, children: Md[], singleLine: boolean, w: InlineWriter): void {
    // Render after the marker (so line-start escaping sees the real line), then keep the white space outside.
    const probe = new InlineWriter(w.pipe, marker);
    this.inline(children, singleLine, probe);
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(probe.out)!;
    if (m[2] === "") {
      this.inline(children, singleLine, w);
      return;
    }
    w.raw(`${m[1]}${marker}${m[2]}${marker}${m[3]}`);
  }

  /** A link to another page of the handbook (no scheme, not an anchor, not already an SOP address). */
  private static isPageLink(url: string): boolean {
    return (
      url !== "" &&
      !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) &&
      !url.startsWith("#") &&
      !url.startsWith("//") &&
      !url.startsWith("/sops/") &&
      !url.startsWith("?")
    );
  }

  private inlineNode(n: Md, singleLine: boolean, w: InlineWriter): void {
    switch (n.type) {
      case "text":
        w.text(n.value ?? "", singleLine);
        return;
      case "emphasis":
        this.wrap("*", n.children ?? [], singleLine, w);
        return;
      case "strong":
        this.wrap("**", n.children ?? [], singleLine, w);
        return;
      case "delete": {
        // SOPs have no strikethrough: keep the tildes (as many as were written) as text.
        const offset = n.position?.start.offset;
        const tildes = typeof offset === "number" && this.text.startsWith("~~", offset) ? "\\~\\~" : "\\~";
        w.raw(tildes);
        this.inline(n.children ?? [], singleLine, w);
        w.raw(tildes);
        return;
      }
      case "inlineCode": {
        let value = (n.value ?? "").replace(/\r?\n/g, " ");
        if (value === "") return;
        if (w.pipe) value = value.replace(/\|/g, "\\|");
        const longest = longestRun(value, "`");
        const fence = "`".repeat(longest + 1);
        const pad =
          value.startsWith("`") ||
          value.endsWith("`") ||
          (value.startsWith(" ") && value.endsWith(" ") && value.trim() !== "")
            ? " "
            : "";
        w.raw(`${fence}${pad}${value}${pad}${fence}`);
        return;
      }
      case "break":
        if (singleLine) w.raw(" ");
        else w.raw("\\\n");
        return;
      case "link":
      case "linkReference": {
        const to = linkTarget(n, this.defs);
        if (to.kind === "undefined-reference") {
          // Not a link in Markdown either: the brackets are text.
          w.text("[", singleLine);
          this.inline(n.children ?? [], singleLine, w);
          w.text("]", singleLine);
          return;
        }
        if (to.kind === "unsafe") {
          this.warn(
            n,
            `Link to "${to.url.slice(0, 60)}" removed: SOP links may only use ` +
              `https://, http://, mailto:, tel: or a relative path; its text is kept`,
          );
          this.inline(n.children ?? [], singleLine, w);
          return;
        }
        let url = to.url;
        const title = to.title;
        if (Importer.isPageLink(url)) {
          const target = url;
          this.links.push({ target, line: this.lineOf(line(n)), column: column(n) });
          const resolved = this.options.resolveLinks?.[target];
          if (!resolved) {
            const text = plain(n) || target;
            this.warn(
              n,
              `The link “${text.slice(0, 60)}” points to ${target.slice(0, 80)}, which is not an SOP imported ` +
                `with this page: only its text was kept — import that page in the same batch, or link it by hand`,
            );
            if ((n.children ?? []).length === 0) w.text(target, singleLine);
            else this.inline(n.children ?? [], singleLine, w);
            return;
          }
          url = resolved;
        }
        w.raw("[");
        if ((n.children ?? []).length === 0) w.text(url, singleLine);
        else this.inline(n.children ?? [], singleLine, w);
        const t = title ? ` "${title.replace(/["\\{}<]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ")}"` : "";
        w.raw(`](${encodeUrl(url)}${t})`);
        return;
      }
      case "image":
      case "imageReference": {
        const to = linkTarget(n, this.defs);
        const url = to.kind === "link" ? to.url : "";
        const alt = (n.alt ?? "").trim() || "image";
        if (url && !Importer.isPageLink(url)) {
          this.warn(n, `Images are not supported in SOPs: the image "${alt}" became a link to it`);
          w.raw("[");
          w.text(`Image: ${alt}`, true);
          w.raw(`](${encodeUrl(url)})`);
        } else {
          this.warn(n, `Images are not supported in SOPs: only the description of the image "${alt}" is kept`);
          w.text(alt, singleLine);
        }
        return;
      }
      case "html": {
        const value = (n.value ?? "").trim();
        if (!this.htmlWarned)
          this.warn(
            n,
            "HTML is not allowed in an SOP: line breaks (<br>) became line breaks, formatting " +
              "tags (<b>, <span>…) were removed and other HTML was kept as plain text",
          );
        this.htmlWarned = true;
        if (/^<br\s*\/?>$/i.test(value)) w.raw(singleLine ? " " : "\\\n");
        else if (FORMATTING_TAG.test(value) || /^<!--[\s\S]*-->$/.test(value)) return;
        else w.text(n.value ?? "", singleLine);
        return;
      }
      case "footnoteReference":
        w.text(`[^${n.label ?? n.identifier ?? ""}]`, singleLine);
        return;
      default:
        if (n.children) this.inline(n.children, singleLine, w);
        else if (typeof n.value === "string") w.text(n.value, singleLine);
    }
  }

  // ---- blocks ---------------------------------------------------------------------------------

  private fence(value: string, lang?: string): string {
    return fenceOf(value, lang && /^[A-Za-z0-9_+#.-]+$/.test(lang) ? lang : "");
  }

  private uniqueFlowId(title: string): string {
    let base = slugify(title).slice(0, 40).replace(/-+$/, "");
    if (!UNICODE_SLUG_RE.test(base)) base = "flow";
    return uniqueId(base, this.flowIds);
  }

  /** The chart read once (its diagnostics become warnings once, at their line in the page). */
  chart(node: Md): ReturnType<typeof mermaidToFlow> {
    let result = this.mermaidDone.get(node);
    if (!result) {
      result = mermaidToFlow(node.value ?? "");
      this.mermaidDone.set(node, result);
      for (const d of result.diagnostics) {
        this.warnings.push({
          line: this.lineOf(line(node) + d.line),
          column: d.column,
          message: `Mermaid chart${d.severity === "error" ? " (still to fix in the flow editor)" : ""}: ${d.message}`,
        });
      }
    }
    return result;
  }

  /** A top-level ```mermaid flowchart with at least one node: it becomes a step of its own. */
  isWalkableChart(n: Md): boolean {
    return (
      n.type === "code" &&
      (n.lang ?? "").toLowerCase() === "mermaid" &&
      MERMAID_FLOWCHART.test(n.value ?? "") &&
      this.chart(n).flow.nodes.length > 0
    );
  }

  chartTitle(n: Md, heading: string | undefined): string {
    const t = this.chart(n).flow.title;
    return t && t !== "Imported flow" ? t : heading || "Decision";
  }

  /** A ```mermaid flowchart → `<Flow>` text: always, when the chart has nodes (its problems are warnings). */
  private flow(node: Md, ctx: BlockCtx): string | null {
    const result = this.chart(node);
    if (result.flow.nodes.length === 0) {
      this.warn(
        node,
        "This Mermaid flowchart has no node the importer could read " +
          "(see the Mermaid warnings): it was kept as a code block",
      );
      return null;
    }
    const title =
      result.flow.title && result.flow.title !== "Imported flow"
        ? result.flow.title
        : ctx.step?.title || ctx.heading || "Decision";
    return serializeFlow({ ...result.flow, title, id: this.uniqueFlowId(title) });
  }

  blocks(nodes: Md[], ctx: BlockCtx): string[] {
    const out: string[] = [];
    let lastList: { ordered: boolean; alt: boolean } | null = null;
    let heading = ctx.heading;
    for (const n of nodes) {
      let alt = false;
      if (n.type === "list") {
        alt = lastList !== null && lastList.ordered === !!n.ordered ? !lastList.alt : false;
      }
      const text = this.block(n, { ...ctx, heading }, alt);
      if (n.type === "heading") heading = plain(n) || heading;
      lastList = n.type === "list" ? { ordered: !!n.ordered, alt } : text === null ? lastList : null;
      if (text !== null && text !== "") out.push(text);
    }
    return out;
  }

  /** One block; `alt` switches list markers so adjacent lists stay apart. */
  block(n: Md, ctx: BlockCtx, alt = false): string | null {
    switch (n.type) {
      case "paragraph": {
        const deep = DEEP_RE.exec(plain(n));
        if (deep) return this.fence(this.pre.deep[Number(deep[1])] ?? "", "markdown");
        const text = this.inline(n.children ?? []);
        return text.trim() === "" ? null : text;
      }
      case "heading": {
        let depth = n.depth ?? 2;
        // ## inside a step would be shown as ### anyway (with a warning)
        if (ctx.kind !== "root" && depth < 3) depth = 3;
        if (ctx.kind === "root" && depth === 1) depth = 2; // the title lives in the front matter
        let text = this.inline(n.children ?? [], true).trim();
        if (text === "") return null;
        text = text.replace(/(#+)$/, "\\$1");
        return `${"#".repeat(depth)} ${text}`;
      }
      case "thematicBreak":
        return "***";
      case "blockquote": {
        const admonition = this.admonition(n);
        if (admonition) return this.renderAdmonition(n, admonition, ctx);
        return this.quote(this.blocks(n.children ?? [], { ...ctx, container: true }).join("\n\n"));
      }
      case "list":
        return this.list(n, ctx, alt);
      case "code": {
        if ((n.lang ?? "").toLowerCase() === "mermaid") {
          if (!MERMAID_FLOWCHART.test(n.value ?? "")) {
            this.warn(
              n,
              `This Mermaid diagram is a ${mermaidKind(n.value ?? "")}, not a flowchart: ` +
                `it was kept as a code block (only flowcharts become decision flows)`,
            );
          } else if (ctx.kind === "Step" && ctx.step && !ctx.container) {
            if (ctx.step.hasFlow)
              this.warn(n, "A step holds at most one flow: this Mermaid diagram was kept as a code block");
            else {
              const flow = this.flow(n, ctx);
              if (flow !== null) {
                ctx.step.hasFlow = true;
                return flow;
              }
            }
          } else {
            this.warn(
              n,
              "This Mermaid flowchart sits inside a list, a quote or a box, where an SOP can't " +
                "hold a flow: it was kept as a code block — move it to its own line in the step",
            );
          }
        }
        return this.fence(n.value ?? "", n.lang ?? undefined);
      }
      case "html": {
        const value = n.value ?? "";
        if (/^<!--[\s\S]*-->$/.test(value.trim())) {
          this.warn(n, "An HTML comment was dropped");
          return null;
        }
        this.warn(n, "HTML is not allowed in an SOP: this HTML block was kept as a code block");
        return this.fence(value, "html");
      }
      case "table":
        return this.table(n);
      case "definition":
      case "yaml":
        return null;
      case "footnoteDefinition": {
        const w = new InlineWriter();
        w.text(`[^${n.label ?? n.identifier ?? ""}]: `, true);
        const [first, ...rest] = n.children ?? [];
        if (first?.type === "paragraph") this.inline(first.children ?? [], false, w);
        const inner = this.blocks(first?.type === "paragraph" ? rest : (n.children ?? []), ctx);
        return [w.out.trimEnd(), ...inner].join("\n\n");
      }
      default:
        if (n.children) return this.blocks(n.children, ctx).join("\n\n") || null;
        if (typeof n.value === "string" && n.value.trim() !== "") return this.fence(n.value);
        return null;
    }
  }

  private quote(inner: string): string | null {
    if (inner === "") return null;
    return inner
      .split("\n")
      .map((l) => (l === "" ? ">" : `> ${l}`))
      .join("\n");
  }

  /** A quote opened by the preprocessor's marker or by a GitHub alert (`> [!NOTE]`): its kind, title and body. */
  private admonition(n: Md): { kind: AdmonitionKind; title: Md[]; body: Md[] } | null {
    const [first, ...rest] = n.children ?? [];
    if (first?.type !== "paragraph") return null;
    const kids = first.children ?? [];
    const lead = kids[0];
    if (lead?.type !== "text") return null;
    const ours = ADMONITION_RE.exec(lead.value ?? "");
    if (ours) {
      const title = [{ ...lead, value: (lead.value ?? "").slice(ours[0].length) }, ...kids.slice(1)];
      return { kind: ours[1] as AdmonitionKind, title: plain(title) ? title : [], body: rest };
    }
    const gh = GITHUB_ALERT_RE.exec(lead.value ?? "");
    if (!gh) return null;
    const remaining = [{ ...lead, value: (lead.value ?? "").slice(gh[0].length) }, ...kids.slice(1)].filter(
      (k) => k.type !== "text" || k.value !== "",
    );
    const body = remaining.length && plain(remaining) ? [{ ...first, children: remaining }, ...rest] : rest;
    return { kind: admonitionKind(gh[1]), title: [], body };
  }

  private renderAdmonition(n: Md, a: { kind: AdmonitionKind; title: Md[]; body: Md[] }, ctx: BlockCtx): string | null {
    const title = a.title.length ? this.inline(a.title, true).trim() : "";
    const allowed = ctx.kind === "root" || ctx.kind === "Step";
    if (a.kind === "template") {
      const plainTitle = plain(a.title) || "Reply";
      if (!allowed) {
        this.warn(
          n,
          `The canned reply “${plainTitle}” sits inside a box, where an SOP can't hold a template: it was kept as text`,
        );
        return [`**${title || "Reply"}**`, ...this.blocks(a.body, ctx)].join("\n\n");
      }
      let inner = this.blocks(a.body, { ...ctx, kind: "Template" }).join("\n\n");
      if (inner.trim() === "") {
        this.warn(n, `The canned reply “${plainTitle}” is empty: a placeholder was written — write the reply`);
        inner = "TODO: write the reply the agent copies.";
      }
      return `<Template title=${quoteAttribute(plainTitle)}>\n\n${inner}\n\n</Template>`;
    }
    const name = a.kind === "warning" ? "Warning" : "Tip";
    if (!allowed) {
      const inner = [
        title ? `**${title}**` : `**${name === "Warning" ? "Warning" : "Note"}:**`,
        ...this.blocks(a.body, { ...ctx, container: true }),
      ].join("\n\n");
      return this.quote(inner);
    }
    const parts = [...(title ? [`**${title}**`] : []), ...this.blocks(a.body, { ...ctx, kind: name })];
    if (parts.length === 0) {
      this.warn(n, `An empty ${name === "Warning" ? "warning" : "note"} box was dropped`);
      return null;
    }
    return `<${name}>\n\n${parts.join("\n\n")}\n\n</${name}>`;
  }

  /** A GFM table as a pipe table (cells on one line, `|` escaped); too large for an SOP → a code block. */
  private table(n: Md): string {
    const rows = n.children ?? [];
    const columns = rows.reduce((n, r) => Math.max(n, (r.children ?? []).length), 0);
    if (columns > SOP_LIMITS.maxTableColumns || rows.length - 1 > SOP_LIMITS.maxTableRows) {
      const text = rows.map(
        (row) => `| ${(row.children ?? []).map((cell) => plain(cell).replace(/\|/g, "\\|")).join(" | ")} |`,
      );
      if (text.length > 1) text.splice(1, 0, `| ${(rows[0]?.children ?? []).map(() => "---").join(" | ")} |`);
      this.warn(
        n,
        `This table has ${columns} columns and ${rows.length - 1} rows; an SOP table may have at ` +
          `most ${SOP_LIMITS.maxTableColumns} columns and ${SOP_LIMITS.maxTableRows.toLocaleString("en")} ` +
          `rows: it was kept as a code block — split it`,
      );
      return this.fence(text.join("\n"), "text");
    }
    const cell = (c: Md | undefined) => (c ? this.inline(c.children ?? [], true, new InlineWriter(true)).trim() : "");
    const line = (r: Md) =>
      `| ${Array.from({ length: columns }, (_, i) => cell(r.children?.[i]) || " ").join(" | ")} |`;
    const align = Array.from({ length: columns }, (_, i) => {
      const a = n.align?.[i];
      return a === "left" ? ":---" : a === "center" ? ":---:" : a === "right" ? "---:" : "---";
    });
    return [line(rows[0]), `| ${align.join(" | ")} |`, ...rows.slice(1).map(line)].join("\n");
  }

  private list(n: Md, ctx: BlockCtx, alt: boolean): string | null {
    const ordered = !!n.ordered;
    const start = Math.min(Math.max(0, n.start ?? 1), 999_999_000);
    const bullet = alt ? "*" : "-";
    const delim = alt ? ")" : ".";
    const items = n.children ?? [];
    const spread = !!n.spread || items.some((i) => i.spread);
    const rendered = items.map((item, i) => {
      const marker = ordered ? `${start + i}${delim}` : bullet;
      const indent = " ".repeat(marker.length + 1);
      const content = this.blocks(item.children ?? [], { ...ctx, container: true }).join("\n\n");
      if (content === "") return marker;
      const [first, ...rest] = content.split("\n");
      return [`${marker} ${first}`, ...rest.map((l) => (l === "" ? "" : indent + l))].join("\n");
    });
    return rendered.length ? rendered.join(spread ? "\n\n" : "\n") : null;
  }

  // ---- what is a list of actions ---------------------------------------------------------------

  /** See the rule at the top of this file. */
  isActionList(list: Md): boolean {
    const items = list.children ?? [];
    if (items.length === 0) return false;
    let verbs = 0;
    let long = 0;
    let links = 0;
    for (const item of items) {
      const first = item.children?.[0];
      const text = first?.type === "paragraph" ? plain(first) : plain(item);
      if (first?.type === "paragraph") {
        const linkText = (first.children ?? [])
          .filter((k) => k.type === "link" || k.type === "linkReference")
          .map((k) => plain(k))
          .join("");
        if (linkText.length > 0 && linkText.length >= text.replace(/[\s:;,.–—-]/g, "").length * 0.6) links++;
      }
      const words = text.split(/\s+/).filter(Boolean);
      const firstWord = (words[0] ?? "")
        .toLowerCase()
        .replace(/[^\p{L}'’-]/gu, "")
        .replace("’", "'");
      if (ACTION_WORDS.has(firstWord)) verbs++;
      if (words.length >= 4 || (item.children ?? []).length > 1) long++;
    }
    return links * 2 <= items.length && (verbs * 2 >= items.length || long * 3 >= items.length * 2);
  }

  // ---- steps ----------------------------------------------------------------------------------

  /** A step from a numbered-list item: the title from its first paragraph, the rest inside. */
  stepFromItem(item: Md, number: number, heading?: string): StepUnit {
    const children = [...(item.children ?? [])];
    let title = "";
    let body: Md[] = children;
    const first = children[0];
    if (first?.type === "paragraph") {
      const kids = first.children ?? [];
      const lead = kids[0];
      const full = plain(first);
      if (lead && (lead.type === "strong" || lead.type === "emphasis") && plain(lead) !== "" && kids.length > 1) {
        // "**Verify the caller.** Ask for …": the bold part is the title, the rest stays.
        title = plain(lead).replace(/[\s.:;,–—-]+$/, "");
        const restKids = kids
          .slice(1)
          .map((k, i) =>
            i === 0 && k.type === "text" ? { ...k, value: (k.value ?? "").replace(/^[\s.:;,–—-]+/, "") } : k,
          );
        const rest: Md = { ...first, children: restKids };
        body = plain(rest) !== "" ? [rest, ...children.slice(1)] : children.slice(1);
      } else if (full.length <= 120 && firstSentence(full) === null) {
        // One short sentence: it is the title.
        title = full.replace(/[.:;,]+$/, "");
        body = children.slice(1);
      } else {
        // Several sentences: the first one is the title, the paragraph stays.
        const sentence = firstSentence(full);
        title = (sentence ?? `${full.slice(0, 80).replace(/\s+\S*$/, "")}…`).replace(/[.:;,]+$/, "");
      }
      if (body.length === 0) body = [first];
    }
    if (title.trim() === "") {
      title = `Step ${number}`;
      if (children.length === 0)
        this.warn(item, `Numbered item ${number} is empty: it became a step "Step ${number}" with a placeholder`);
    }
    return { kind: "step", title, body, origin: [item], heading };
  }

  renderStep(u: StepUnit): string {
    const step: StepState = { hasFlow: false, title: u.title };
    let inner = this.blocks(u.body, { kind: "Step", step, heading: u.heading }).join("\n\n");
    if (inner.trim() === "") inner = "TODO: describe what the agent does in this step.";
    return `<Step title=${quoteAttribute(u.title)}>\n\n${inner}\n\n</Step>`;
  }

  render(u: Unit): string {
    if (u.text === undefined) {
      const text =
        u.kind === "step"
          ? this.renderStep(u)
          : this.blocks(u.nodes, { kind: "root", heading: u.heading }).join("\n\n");
      // A marker the tree did not pick up (a box opened where Markdown reads a paragraph's continuation): dropped.
      u.text = text.replace(LEFTOVER_MARKER, "");
    }
    return u.text;
  }

  // ---- the page's structure --------------------------------------------------------------------

  /** Sections: the content before the first `#`/`##` heading, then one per such heading. */
  private sections(nodes: Md[]): { heading?: Md; content: Md[] }[] {
    const out: { heading?: Md; content: Md[] }[] = [{ content: [] }];
    for (const n of nodes) {
      if (n.type === "heading" && (n.depth ?? 2) <= 2) out.push({ heading: n, content: [] });
      else out[out.length - 1].content.push(n);
    }
    return out;
  }

  units(nodes: Md[], docTitle: string): Unit[] {
    const ordered = nodes.filter((n) => n.type === "list" && n.ordered);
    const actions = new Set(ordered.filter((n) => this.isActionList(n)));
    for (const n of ordered)
      if (!actions.has(n))
        this.warn(
          n,
          "This numbered list does not look like steps to follow (its " +
            "items are links, names or a few words): it was kept as a list",
        );
    return actions.size ? this.unitsFromLists(nodes, actions) : this.unitsFromSections(nodes, docTitle);
  }

  /** The page has numbered lists of actions: their items are the steps; text stays with the step it follows. */
  private unitsFromLists(nodes: Md[], actions: Set<Md>): Unit[] {
    const units: Unit[] = [];
    let number = 0;
    for (const sec of this.sections(nodes)) {
      const heading = sec.heading ? plain(sec.heading) : undefined;
      if (sec.heading) units.push({ kind: "block", nodes: [sec.heading], heading });
      let last: StepUnit | null = null;
      let pending: Md[] = [];
      const flush = () => {
        const content = pending.filter((n) => n.type !== "definition");
        if (content.length && last && content[0].type !== "heading") last.body = last.body.concat(content);
        else if (content.length) {
          units.push({ kind: "block", nodes: content, heading });
          last = null;
        }
        pending = [];
      };
      for (const n of sec.content) {
        if (actions.has(n)) {
          flush();
          for (const item of n.children ?? []) {
            last = this.stepFromItem(item, ++number, heading);
            units.push(last);
          }
        } else if (this.isWalkableChart(n)) {
          flush();
          number++;
          last = { kind: "step", title: this.chartTitle(n, heading), body: [n], origin: [n], heading };
          units.push(last);
        } else if (n.type === "heading") {
          flush();
          last = null;
          pending.push(n);
        } else pending.push(n);
      }
      flush();
    }
    return units;
  }

  /** No numbered list of actions: each `##` section is a step (else each `###` one, else the whole page). */
  private unitsFromSections(nodes: Md[], docTitle: string): Unit[] {
    const units: Unit[] = [];
    const content = (ns: Md[]) => ns.filter((n) => n.type !== "definition");
    const sections = this.sections(nodes);
    if (sections.length > 1) {
      if (content(sections[0].content).length) units.push({ kind: "block", nodes: content(sections[0].content) });
      for (const sec of sections.slice(1)) {
        const title = plain(sec.heading!) || docTitle;
        units.push({ kind: "block", nodes: [sec.heading!], heading: title });
        if (content(sec.content).length)
          units.push({
            kind: "step",
            title,
            body: content(sec.content),
            origin: [sec.heading!, ...sec.content],
            heading: title,
          });
      }
      if (units.some((u) => u.kind === "step"))
        this.warn(
          sections[1].heading,
          "The page has no numbered list of steps: each section (##) became " +
            "one step — check that they are the steps an agent follows",
        );
      return units;
    }
    const all = content(sections[0].content);
    const h3 = all.findIndex((n) => n.type === "heading");
    if (h3 >= 0) {
      if (h3 > 0) units.push({ kind: "block", nodes: all.slice(0, h3) });
      let current: StepUnit | null = null;
      for (const n of all.slice(h3)) {
        if (n.type === "heading" && (n.depth ?? 3) <= (all[h3].depth ?? 3)) {
          current = { kind: "step", title: plain(n) || docTitle, body: [], origin: [n], heading: plain(n) };
          units.push(current);
        } else current!.body.push(n);
      }
      this.warn(
        all[h3],
        "The page has no numbered list of steps: each section became " +
          "one step — check that they are the steps an agent follows",
      );
      return units;
    }
    if (all.length) {
      units.push({ kind: "step", title: docTitle, body: all, origin: all });
      this.warn(
        all[0],
        "The page has no numbered list of steps and no sections: it " +
          "became one step — split it into the steps an agent follows",
      );
    }
    return units;
  }

  // ---- glossary --------------------------------------------------------------------------------

  /** Glossary sections (and a page titled Glossary) → terms; what was taken is removed from the page. */
  glossary(nodes: Md[], docTitle: string): { terms: GlossaryTerm[]; nodes: Md[] } {
    const terms: GlossaryTerm[] = [];
    const remove = new Set<Md>();
    const replace = new Map<Md, Md>();
    const wholePage = GLOSSARY_RE.test(docTitle.trim());
    let region: { depth: number; heading?: Md; taken: number; kept: number } | null = wholePage
      ? { depth: 0, taken: 0, kept: 0 }
      : null;
    const close = () => {
      if (region?.heading && region.taken > 0 && region.kept === 0) remove.add(region.heading);
      if (region?.heading && region.taken > 0)
        this.warn(
          region.heading,
          `The glossary “${plain(region.heading)}” became the front matter ` +
            `\`terms\` (${region.taken} term${region.taken === 1 ? "" : "s"})`,
        );
    };
    for (const n of nodes) {
      if (n.type === "heading") {
        if (region && (n.depth ?? 2) <= region.depth) {
          close();
          region = null;
        }
        if (!region && GLOSSARY_RE.test(plain(n))) {
          region = { depth: n.depth ?? 2, heading: n, taken: 0, kept: 0 };
          continue;
        }
        if (region) region.kept++;
        continue;
      }
      if (!region) continue;
      const got = this.termsOf(n, !!region.heading || wholePage);
      if (got.terms.length) {
        for (const t of got.terms) terms.push(t);
        region.taken += got.terms.length;
        if (got.rest) replace.set(n, got.rest);
        else remove.add(n);
        if (got.rest) region.kept++;
      } else if (n.type !== "definition") region.kept++;
    }
    close();
    if (wholePage && terms.length && !region?.heading)
      this.warn(
        nodes[0],
        `This glossary page's ${terms.length} term${terms.length === 1 ? "" : "s"} became the front matter \`terms\``,
      );
    let out = nodes.filter((n) => !remove.has(n)).map((n) => replace.get(n) ?? n);
    // A glossary page: headings left without content (the letters A, B, C…) go too.
    if (wholePage)
      out = out.filter((n, i) => n.type !== "heading" || (out[i + 1] !== undefined && out[i + 1].type !== "heading"));
    return { terms, nodes: out };
  }

  /** The terms in one block of a glossary section, and what is left of it (null: all of it was terms). */
  private termsOf(n: Md, loose: boolean): { terms: GlossaryTerm[]; rest: Md | null } {
    const at = this.lineOf(line(n));
    if (n.type === "list") {
      const terms: GlossaryTerm[] = [];
      const kept: Md[] = [];
      for (const item of n.children ?? []) {
        const [first, ...more] = item.children ?? [];
        const src = first?.type === "paragraph" ? this.sourceOf(first) : "";
        const t = src ? termLine(src.replace(/\s*\n\s*/g, " "), !loose) : null;
        if (t) {
          const extra = more
            .map((m) => plain(m))
            .filter(Boolean)
            .join(" ");
          terms.push({
            term: t.term,
            meaning: extra ? `${t.meaning} ${extra}` : t.meaning,
            line: this.lineOf(line(item)),
          });
        } else kept.push(item);
      }
      if (terms.length === 0 || terms.length * 2 < (n.children ?? []).length) return { terms: [], rest: n };
      return { terms, rest: kept.length ? { ...n, children: kept } : null };
    }
    if (n.type === "paragraph") {
      const lines = this.sourceOf(n).split("\n");
      const terms: GlossaryTerm[] = [];
      for (let i = 0; i < lines.length; i++) {
        // A definition list: "Term" then ": meaning".
        const next = lines[i + 1];
        if (next !== undefined && /^\s*:\s+\S/.test(next) && lines[i].trim()) {
          terms.push({ term: stripMd(lines[i]), meaning: stripMd(next.replace(/^\s*:\s+/, "")), line: at + i });
          i++;
          continue;
        }
        const t = termLine(lines[i], true);
        if (!t) return { terms: [], rest: n };
        terms.push({ ...t, line: at + i });
      }
      return { terms, rest: null };
    }
    if (n.type === "table") {
      const rows = n.children ?? [];
      if (rows.length < 2 || rows.some((r) => (r.children ?? []).length !== 2)) return { terms: [], rest: n };
      const terms = rows
        .slice(1)
        .map((r) => ({ term: plain(r.children![0]), meaning: plain(r.children![1]), line: this.lineOf(line(r)) }));
      return { terms: terms.filter((t) => t.term && t.meaning), rest: null };
    }
    return { terms: [], rest: n };
  }

  /** The parsed text of a node, as written. */
  private sourceOf(n: Md): string {
    const a = n.position?.start.offset;
    const b = n.position?.end.offset;
    return typeof a === "number" && typeof b === "number" ? this.text.slice(a, b) : plain(n);
  }
}

// ---------------------------------------------------------------------------------------------
// Front matter

const KNOWN_KEYS = new Set<string>(FRONT_MATTER_KEYS);
// `category`/`categories` are Hugo taxonomies (topics), not the owning department: they go to the note.
const ALIASES: Record<string, keyof FrontMatterValues> = {
  description: "purpose",
  summary: "purpose",
  team: "department",
  keywords: "tags",
  lang: "language",
};

const PLACEHOLDER_PURPOSE = "TODO: say in one sentence why this procedure exists";
const PLACEHOLDER_HANDLE_TIME = "TODO";

function titleFromFilename(filename: string | undefined): string {
  if (isIndexName(filename ?? "")) return ""; // says nothing about the page
  const base = (filename ?? "").replace(/^.*[\\/]/, "").replace(/\.[A-Za-z0-9]+$/, "");
  const words = base
    .replace(/[-_.]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return words ? words[0].toLocaleUpperCase() + words.slice(1) : "";
}

type FrontMatterResult = {
  values: FrontMatterValues;
  id?: string;
  hasTitle: boolean;
  /** the YAML of the keys the SOP format does not have, as written, for the note at the top of the body */
  unknown: string[];
};

function importFrontMatter(
  markdown: string,
  yamlNode: Md | undefined,
  imp: Importer,
  options: MarkdownImportOptions,
): FrontMatterResult {
  let values = emptyFrontMatterValues();
  let id: string | undefined;
  const unknown: { key: string; yaml: string }[] = [];
  let pageDepartment = "";
  // Warnings point at the key's line (the YAML starts on line 2, after the opening ---).
  const keyPos = new Map<string, { line: number; col: number }>();
  const warnKey = (key: string | null, message: string) => {
    const p = (key && keyPos.get(key)) || { line: 1, col: 1 };
    imp.warnAt(p.line, p.col, message);
  };
  if (yamlNode) {
    const read = readFrontMatter(markdown);
    if (read.error) warnKey(null, `The front matter could not be read and was ignored: ${read.error}`);
    else {
      values = read.values;
      const yaml = yamlNode.value ?? "";
      const lineCounter = new LineCounter();
      const doc = parseDocument(yaml, { logLevel: "silent", lineCounter });
      const posOf = (node: unknown) => {
        const offset = (node as { range?: [number] } | null)?.range?.[0];
        if (offset === undefined) return undefined;
        const p = lineCounter.linePos(offset);
        return { line: p.line + 1, col: p.col };
      };
      if (isMap(doc.contents)) {
        const items = doc.contents.items;
        for (const pair of items) {
          const k = isScalar(pair.key) ? String(pair.key.value) : "";
          const p = posOf(pair.key);
          if (p) keyPos.set(k, p);
          if (k === "targets" && isMap(pair.value))
            for (const inner of pair.value.items) {
              const ip = posOf(inner.key);
              if (ip && isScalar(inner.key)) keyPos.set(String(inner.key.value), ip);
            }
        }
        // The YAML text of a key: from its line to the next key's line.
        const keyText = (i: number) => {
          const from = (items[i].key as unknown as { range?: [number] } | null)?.range?.[0] ?? 0;
          const to = (items[i + 1]?.key as unknown as { range?: [number] } | null)?.range?.[0] ?? yaml.length;
          return yaml.slice(yaml.lastIndexOf("\n", from) + 1, to).trimEnd();
        };
        items.forEach((pair, i) => {
          const key = isScalar(pair.key) ? String(pair.key.value) : "";
          if (KNOWN_KEYS.has(key)) {
            if (key === "id") {
              const v = isScalar(pair.value) ? String(pair.value.value ?? "") : "";
              if (ASCII_SLUG_RE.test(v)) id = v;
              else
                warnKey(
                  "id",
                  `The front matter \`id\` "${v}" is not a slug (lower-case ` +
                    `letters, digits and dashes) and was dropped`,
                );
            }
            return;
          }
          const alias = ALIASES[key];
          const value = pair.value && isScalar(pair.value) ? String(pair.value.value ?? "").trim() : "";
          if (alias && alias !== "tags" && alias !== "terms" && value && !values[alias]) {
            values = { ...values, [alias]: value };
            warnKey(key, `Front matter \`${key}\` was used as \`${alias}\``);
          } else if (alias === "tags" && values.tags.length === 0 && value) {
            values.tags = value
              .split(",")
              .map((t) => t.trim())
              .filter(Boolean);
            warnKey(key, `Front matter \`${key}\` was used as \`tags\``);
          } else unknown.push({ key, yaml: keyText(i) });
        });
        if (unknown.length) {
          const names = unknown.map((u) => `\`${u.key}\``).join(", ");
          warnKey(
            unknown[0].key,
            `Front matter ${names} ${unknown.length === 1 ? "is" : "are"} not part ` +
              `of the SOP format: kept in a comment at the top of the body (not ` +
              `shown to agents) — move what matters into the SOP, then delete it`,
          );
        }
      }
      // tags: "a, b" written as one string
      if (values.tags.length === 1 && values.tags[0].includes(","))
        values.tags = values.tags[0]
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean);
    }
  }
  const hasTitle = values.title.trim() !== "";
  if (!values.language.trim() && options.language?.trim()) values.language = options.language.trim();
  pageDepartment = values.department.trim();

  // Drop (optional) or replace (required) every invalid value, with a warning.
  const errors = validateFrontMatter(values);
  const optional = ["owner", "language", "firstResponse", "reviewEvery", "reviewBy"] as const;
  for (const key of optional) {
    if (errors[key] && values[key].trim() !== "") {
      warnKey(key, `${errors[key]} — it was dropped`);
      values[key] = "";
    }
  }
  if (errors.tags) {
    warnKey("tags", `${errors.tags} — the tags were dropped`);
    values.tags = [];
  }
  if (values.terms.length) {
    const seen = new Set<string>();
    values.terms = values.terms.filter((t) => {
      const key = t.term.trim().toLowerCase();
      if (!t.term.trim() || !t.meaning.trim()) {
        warnKey(
          "terms",
          `The term "${t.term || t.meaning}" has no ${t.term.trim() ? "meaning" : "term"} and was dropped`,
        );
        return false;
      }
      if (seen.has(key)) {
        warnKey("terms", `The term "${t.term}" is defined twice; the second definition was dropped`);
        return false;
      }
      seen.add(key);
      return true;
    });
  }
  if (values.reviewEvery && values.reviewBy) {
    warnKey("reviewBy", "The front matter sets both `reviewEvery` and `reviewBy`; `reviewBy` was dropped");
    values.reviewBy = "";
  }
  // The department chosen for the import wins over anything the page says.
  const chosen = options.department?.trim();
  if (chosen) {
    if (pageDepartment && pageDepartment !== chosen)
      warnKey(
        keyPos.has("department") ? "department" : "team",
        `The page says department “${pageDepartment}”; the import's department “${chosen}” was used`,
      );
    values.department = chosen;
  } else {
    if (errors.department && pageDepartment !== "") {
      warnKey("department", `${errors.department} — replaced`);
      values.department = "";
    }
    if (!values.department.trim()) {
      values.department = "Unassigned";
      warnKey(null, 'No department: set to "Unassigned" — choose the department that owns this SOP');
    }
  }
  if (errors.purpose || !values.purpose.trim()) {
    if (values.purpose.trim()) warnKey("purpose", `${errors.purpose} — replaced by a placeholder`);
    values.purpose = PLACEHOLDER_PURPOSE;
    // no warning here: the SOP checker's `placeholder` warning points at the line in the draft
  }
  if (errors.handleTime || !values.handleTime.trim()) {
    if (values.handleTime.trim()) warnKey("handleTime", `${errors.handleTime} — replaced by a placeholder`);
    values.handleTime = PLACEHOLDER_HANDLE_TIME;
  }
  if (errors.title && values.title.trim() !== "") values.title = "";
  return { values, id, hasTitle: values.title.trim() !== "" && hasTitle, unknown: unknown.map((u) => u.yaml) };
}

/** Merges the page's glossary into the front matter terms (the front matter's own come first). */
function mergeTerms(values: FrontMatterValues, found: GlossaryTerm[], imp: Importer): void {
  const seen = new Set(values.terms.map((t) => t.term.trim().toLowerCase()));
  for (const t of found) {
    const key = t.term.trim().toLowerCase();
    if (!t.term.trim() || !t.meaning.trim()) continue;
    if (seen.has(key)) {
      imp.warnAt(t.line, 1, `The term "${t.term}" is defined twice; the second definition was dropped`);
      continue;
    }
    seen.add(key);
    values.terms.push({ term: t.term.trim(), meaning: t.meaning.trim() });
  }
}

/** `{/* … *\/}`: the note of unknown front matter. Safe as an MDX comment (no `*\/`, balanced braces). */
function frontMatterNote(unknown: string[]): string | null {
  if (unknown.length === 0) return null;
  let text = unknown.join("\n").replace(/\*\//g, "*\\/");
  let depth = 0;
  let balanced = true;
  for (const c of text) {
    if (c === "{") depth++;
    else if (c === "}" && --depth < 0) balanced = false;
  }
  if (!balanced || depth !== 0) text = text.replace(/\{/g, "(").replace(/\}/g, ")");
  return (
    `{/*\nFront matter of the imported page that is not part of the ` +
    `SOP format (kept for reference, not shown):\n${text}\n*/}`
  );
}

// ---------------------------------------------------------------------------------------------

type Assembled = { source: string; bodyStart: number; ranges: { unit: number; from: number; to: number }[] };

/** The front matter block (with the page's `id` first) and the blank line after it. */
function frontMatterHead(frontMatter: FrontMatterValues, id: string | undefined): string {
  const head = writeFrontMatter("\n", frontMatter);
  return id ? head.replace(/^---\n/, `---\nid: ${id}\n`) : head;
}

function assemble(head: string, note: string | null, parts: string[]): Assembled {
  const bodyStart = head.split("\n").length; // the line the first part starts on (after the blank line)
  let lineNo = bodyStart;
  if (note) {
    head += `${note}\n\n`;
    lineNo += note.split("\n").length + 1;
  }
  const ranges: { unit: number; from: number; to: number }[] = [];
  parts.forEach((text, i) => {
    const lines = text.split("\n").length;
    ranges.push({ unit: i, from: lineNo, to: lineNo + lines - 1 });
    lineNo += lines + 1;
  });
  return { source: `${head}${parts.join("\n\n")}\n`, bodyStart, ranges };
}

/**
 * Errors of the body (front matter problems can't be fixed by keeping a part as code): the format errors of the
 * assembled body. A flow's graph problems (an unreachable part, a dead end) are not among them: such a flow stays a
 * flow, with those errors at their line for the lead to fix in the flow editor.
 */
function bodyErrorsOf(a: Assembled): Diagnostic[] {
  return parseSop(a.source).diagnostics.filter((d) => d.severity === "error" && d.line >= a.bodyStart);
}

/**
 * Converts plain Markdown into an SOP source whose body parses with zero errors. Never throws. `warnings` point
 * at the Markdown (line:column, front matter included) and say what the lead should finish or check.
 */
export function markdownToSop(markdown: string, options: MarkdownImportOptions = {}): MarkdownImportResult {
  let input = (typeof markdown === "string" ? markdown : String(markdown ?? ""))
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n");
  // U+E000 and U+E001 are the preprocessor's markers: a page can't bring its own (they are private-use characters).
  const reserved = /[\uE000\uE001]/.exec(input);
  if (reserved) input = input.replace(/[\uE000\uE001]/g, "\uFFFD");
  const pre = preprocessMarkdown(input);
  const imp = new Importer(pre, input, options);
  if (reserved) {
    const before = input.slice(0, reserved.index).split("\n");
    imp.warnAt(
      before.length,
      before[before.length - 1].length + 1,
      "The private-use characters U+E000 and U+E001 can't be imported: they were replaced by �",
    );
  }
  for (const w of pre.warnings) imp.warnAt(w.line, w.column, w.message);
  let root: Md;
  const asCode = (): Md => ({
    type: "root",
    children: [
      {
        type: "code",
        value: input,
        position: {
          start: { line: 1, column: 1, offset: 0 },
          end: { line: input.split("\n").length, column: 1, offset: input.length },
        },
      },
    ],
  });
  if (pre.gaveUp) {
    root = asCode();
    imp.warnAt(pre.gaveUp.line, pre.gaveUp.column, `${pre.gaveUp.message}: the Markdown was kept as a code block`);
  } else {
    try {
      root = parseMarkdown(pre.text);
    } catch (e) {
      root = asCode();
      imp.warn(
        null,
        `The Markdown could not be read (${String((e as Error)?.message ?? e)}); it was kept as a code block`,
      );
    }
  }
  let children = [...(root.children ?? [])];
  const yamlNode = children[0]?.type === "yaml" ? children.shift() : undefined;
  imp.collectDefinitions(root);

  const fm = importFrontMatter(input, yamlNode, imp, options);
  const values = fm.values;

  // Title: front matter, else the first # heading (or a first heading of any level), else the file name.
  const firstContent = children.find((n) => n.type !== "definition" && n.type !== "html");
  const firstHeading = children.find((n) => n.type === "heading");
  const titleNode =
    firstHeading && (firstHeading.depth === 1 || firstHeading === firstContent)
      ? firstHeading
      : children.find((n) => n.type === "heading" && n.depth === 1);
  if (!fm.hasTitle) {
    const fromHeading = titleNode ? plain(titleNode) : "";
    if (fromHeading) values.title = fromHeading;
    else {
      values.title = titleFromFilename(options.filename) || "Imported procedure";
      imp.warn(
        null,
        `No heading to take the title from: the title "${values.title}" ` +
          `comes from the ${titleFromFilename(options.filename) ? "file name" : "importer"} — check it`,
      );
    }
    if (titleNode && fromHeading) children.splice(children.indexOf(titleNode), 1);
  } else if (
    titleNode &&
    titleNode.depth === 1 &&
    plain(titleNode).toLowerCase() === values.title.trim().toLowerCase()
  ) {
    children.splice(children.indexOf(titleNode), 1);
  }

  // The glossary → terms, before the steps are found (a glossary list is not a procedure).
  const glossary = imp.glossary(children, values.title);
  children = glossary.nodes;
  mergeTerms(values, glossary.terms, imp);

  const units = imp.units(children, values.title);
  if (!units.some((u) => u.kind === "step")) {
    imp.warn(
      null,
      glossary.terms.length
        ? "The page holds no procedure besides its glossary: a placeholder step was added"
        : "The Markdown has no content: a placeholder step was added",
    );
    units.push({ kind: "step", title: "First step", body: [], origin: [] });
  }
  const note = frontMatterNote(fm.unknown);

  // Safety net: whatever still fails to parse is kept as a code block (a step keeps its title).
  const parts = units.map((u) => imp.render(u));
  const head = frontMatterHead(values, fm.id);
  let assembled = assemble(head, note, parts);
  for (let round = 0; round < 4; round++) {
    const errors = bodyErrorsOf(assembled);
    if (errors.length === 0) break;
    const bad = new Set<number>();
    for (const d of errors) {
      const r = assembled.ranges.find((x) => d.line >= x.from && d.line <= x.to);
      if (r) bad.add(r.unit);
    }
    if (bad.size === 0 || round === 3) {
      // Outside any part (or still failing): keep the whole Markdown in one step.
      imp.warn(
        null,
        `The Markdown could not be converted (${errors[0].message}); it was kept as a code block in one step`,
      );
      const body = imp.slice(children) || input;
      parts.length = 0;
      parts.push(`<Step title=${quoteAttribute(values.title)}>\n\n${fenceOf(body, "markdown")}\n\n</Step>`);
      assembled = assemble(head, null, parts);
      break;
    }
    for (const i of bad) {
      const u = units[i];
      const nodes = u.kind === "step" ? u.origin : u.nodes;
      const why =
        errors.find((d) => assembled.ranges[i].from <= d.line && d.line <= assembled.ranges[i].to)?.message ?? "";
      imp.warn(nodes[0], `This part could not be converted (${why}); it was kept as a code block`);
      const code = fenceOf(imp.slice(nodes), "markdown");
      parts[i] =
        u.kind === "step" ? `<Step title=${quoteAttribute(u.title || "Imported step")}>\n\n${code}\n\n</Step>` : code;
    }
    assembled = assemble(head, note, parts);
  }

  const warnings = imp.warnings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { source: assembled.source, warnings, title: values.title, links: imp.links, ...(fm.id ? { id: fm.id } : {}) };
}

function fenceOf(value: string, lang: string): string {
  const longest = longestRun(value, "`");
  const fence = "`".repeat(Math.max(3, longest + 1));
  const v = value.replace(/\r\n?/g, "\n");
  return `${fence}${lang}\n${v}${v === "" || v.endsWith("\n") ? "" : "\n"}${fence}`;
}
