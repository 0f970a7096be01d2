// Plain Markdown (CommonMark + GFM, with or without YAML front matter) → an SOP source. Pure, browser-safe.
//
// The Markdown is parsed to a tree (remark) and written back out by our own small serialiser, so every
// character of text is escaped for MDX: nothing the import writes can become a component, an expression,
// ESM or HTML. Top-level numbered lists become <Step>s, ```mermaid flowcharts become <Flow>s, the rest
// stays text. The result is checked with parseSop (+ the flow checker); any part that still fails is kept
// as a code block, so the output always parses with zero errors.
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import { LineCounter, isMap, isScalar, parseDocument } from "yaml";
import { isSafeUrl, parseSop } from "../sop-schema/parse";
import { checkSourceLimits } from "../sop-schema/limits";
import { patchMicromarkEditMap } from "../sop-schema/micromark-patch";
import { ASCII_SLUG_RE, UNICODE_SLUG_RE, slugify } from "../sop-schema/slug";
import type { Diagnostic } from "../sop-schema/types";
import { mermaidToFlow } from "../flows/mermaid";
import { quoteAttribute, serializeFlow } from "../flows/serialize";
import { validateFlow } from "../flows/validate";
import { emptyFrontMatterValues, readFrontMatter, validateFrontMatter, writeFrontMatter } from "./front-matter";
import type { FrontMatterValues } from "./front-matter";

export type ImportWarning = { line: number; column: number; message: string };

export type MarkdownImportOptions = {
  /** The file's name: the title when the Markdown has no heading. */
  filename?: string;
  /** Department when the front matter has none (default "Unassigned", with a warning). */
  department?: string;
  /** Language code when the front matter has none (default: the format's, en). */
  language?: string;
};

export type MarkdownImportResult = { source: string; warnings: ImportWarning[]; title: string };

// ---------------------------------------------------------------------------------------------
// mdast (loose view)

type Point = { line: number; column: number; offset?: number };
type Md = {
  type: string;
  children?: Md[];
  value?: string;
  depth?: number;
  ordered?: boolean | null;
  start?: number | null;
  spread?: boolean | null;
  checked?: boolean | null;
  lang?: string | null;
  url?: string;
  title?: string | null;
  alt?: string | null;
  identifier?: string;
  label?: string | null;
  position?: { start: Point; end: Point };
};

let processor: { parse(text: string): unknown } | null = null;
function parseMarkdown(text: string): Md {
  patchMicromarkEditMap(); // micromark's EditMap.consume is quadratic; see sop-schema/micromark-patch.ts
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
export const FORMATTING_TAG = /^<\/?(?:b|strong|i|em|u|s|strike|del|ins|span|font|small|big|mark|sup|sub|abbr|kbd|code|tt|var|cite|q)(?:\s[^<>]*)?>$/i;

const isWordChar = (c: string) => c !== "" && /[\p{L}\p{N}]/u.test(c);
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

class InlineWriter {
  out = "";

  /** Only white space so far on the current line (of this block's content). */
  atLineStart(): boolean {
    const i = this.out.lastIndexOf("\n");
    return /^[ \t]*$/.test(this.out.slice(i + 1));
  }

  /** Text, escaped so that MDX reads it back as the same text (and never as syntax). */
  text(value: string, singleLine: boolean): void {
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === "\n" || c === "\r") {
        if (c === "\r" && value[i + 1] === "\n") i++;
        this.out += singleLine ? " " : "\n";
        continue;
      }
      const next = value[i + 1] ?? "";
      const prev = i > 0 ? value[i - 1] : this.out.slice(-1);
      if (this.atLineStart() && c !== " " && c !== "\t") {
        const rest = value.slice(i);
        if (
          c === ">" ||
          (c === "#" && /^#*(?:[ \t\n]|$)/.test(rest)) ||
          ((c === "-" || c === "+") && /^.(?:[ \t\n]|$|-)/.test(rest)) ||
          (c === "=" && /^=*[ \t]*$/.test(rest.split("\n")[0])) ||
          (c === "~" && next === "~")
        ) {
          this.out += `\\${c}`;
          continue;
        }
        const num = /^(\d{1,9})([.)])(?=[ \t]|$|\n)/.exec(rest);
        if (num) {
          this.out += `${num[1]}\\${num[2]}`;
          i += num[0].length - 1;
          continue;
        }
        if (/^(?:import|export)(?:[\s]|$)/.test(rest)) {
          // MDX would read the line as JavaScript (ESM): write the first letter as a character reference.
          this.out += c === "i" ? "&#105;" : "&#101;";
          continue;
        }
      }
      switch (c) {
        case "\\":
          this.out += next === "" || next === "\n" || ASCII_PUNCT.test(next) ? "\\\\" : "\\";
          break;
        case "`":
        case "*":
        case "[":
        case "]":
        case "<":
        case "{":
        case "}":
          this.out += `\\${c}`;
          break;
        case "_":
          this.out += isWordChar(prev) && isWordChar(next) ? "_" : "\\_";
          break;
        case "&":
          this.out += /[#A-Za-z]/.test(next) ? "\\&" : "&";
          break;
        case "!":
          this.out += next === "" ? "\\!" : "!";
          break;
        default:
          this.out += c;
      }
    }
  }

  raw(s: string): void {
    this.out += s;
  }
}

function encodeUrl(url: string): string {
  return url.replace(/[\u0000-\u0020()<>\\{}\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|approx|incl|excl|min|max|no|nr|mr|mrs|ms|dr|st|ca|cf|fig|tel|ext|[A-Za-z])$/i;

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
type BlockCtx = { step?: StepState; /** nearest heading text, for flow titles */ heading?: string };
type Unit = { kind: "block" | "step"; text: string; nodes: Md[]; title?: string };

const MERMAID_FLOWCHART = /^\s*(?:%%[^\n]*\n\s*)*(?:---\n[\s\S]*?\n---\s*\n\s*)?(?:%%[^\n]*\n\s*)*(?:flowchart|graph)\b/;

class Importer {
  readonly warnings: ImportWarning[] = [];
  private readonly defs = new Map<string, { url: string; title?: string }>();
  private readonly flowIds = new Set<string>();
  private htmlWarned = false;

  constructor(private readonly text: string) {}

  warn(node: Md | undefined | null, message: string): void {
    this.warnings.push({ line: node ? line(node) : 1, column: node ? column(node) : 1, message });
  }

  warnAt(lineNo: number, columnNo: number, message: string): void {
    this.warnings.push({ line: lineNo, column: columnNo, message });
  }

  collectDefinitions(node: Md): void {
    if (node.type === "definition" && node.identifier) {
      const key = node.identifier.toLowerCase();
      if (!this.defs.has(key)) this.defs.set(key, { url: node.url ?? "", ...(node.title ? { title: node.title } : {}) });
    }
    for (const c of node.children ?? []) this.collectDefinitions(c);
  }

  slice(nodes: Md[]): string {
    const first = nodes[0]?.position?.start.offset;
    const last = nodes[nodes.length - 1]?.position?.end.offset;
    if (typeof first !== "number" || typeof last !== "number") return nodes.map((n) => plain(n)).join("\n\n");
    return this.text.slice(first, last);
  }

  // ---- inline ---------------------------------------------------------------------------------

  inline(nodes: Md[], singleLine = false, w = new InlineWriter()): string {
    for (const n of nodes) this.inlineNode(n, singleLine, w);
    return w.out;
  }

  private wrap(marker: string, children: Md[], singleLine: boolean, w: InlineWriter): void {
    // Render after the marker (so line-start escaping sees the real line), then keep the white space outside.
    const probe = new InlineWriter();
    probe.out = w.out + marker;
    const start = probe.out.length;
    this.inline(children, singleLine, probe);
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(probe.out.slice(start))!;
    if (m[2] === "") {
      this.inline(children, singleLine, w);
      return;
    }
    w.raw(`${m[1]}${marker}${m[2]}${marker}${m[3]}`);
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
        const value = (n.value ?? "").replace(/\r?\n/g, " ");
        if (value === "") return;
        const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((r) => r.length));
        const fence = "`".repeat(longest + 1);
        const pad = value.startsWith("`") || value.endsWith("`") || (value.startsWith(" ") && value.endsWith(" ") && value.trim() !== "") ? " " : "";
        w.raw(`${fence}${pad}${value}${pad}${fence}`);
        return;
      }
      case "break":
        if (singleLine) w.raw(" ");
        else w.raw("\\\n");
        return;
      case "link":
      case "linkReference": {
        let url = n.url;
        let title = n.title ?? undefined;
        if (n.type === "linkReference") {
          const def = this.defs.get((n.identifier ?? "").toLowerCase());
          if (!def) {
            w.text("[", singleLine);
            this.inline(n.children ?? [], singleLine, w);
            w.text("]", singleLine);
            return;
          }
          url = def.url;
          title = def.title;
        }
        if (!isSafeUrl(url ?? "")) {
          this.warn(n, `Link to "${(url ?? "").slice(0, 60)}" removed: SOP links may only use https://, http://, mailto:, tel: or a relative path; its text is kept`);
          this.inline(n.children ?? [], singleLine, w);
          return;
        }
        w.raw("[");
        if ((n.children ?? []).length === 0) w.text(url ?? "", singleLine);
        else this.inline(n.children ?? [], singleLine, w);
        const t = title ? ` "${title.replace(/["\\{}<]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ")}"` : "";
        w.raw(`](${encodeUrl(url ?? "")}${t})`);
        return;
      }
      case "image":
      case "imageReference": {
        let url = n.url;
        if (n.type === "imageReference") url = this.defs.get((n.identifier ?? "").toLowerCase())?.url;
        const alt = (n.alt ?? "").trim() || "image";
        if (url && isSafeUrl(url)) {
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
        if (!this.htmlWarned) this.warn(n, "HTML is not allowed in an SOP: line breaks (<br>) became line breaks, formatting tags (<b>, <span>…) were removed and other HTML was kept as plain text");
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
    const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((r) => r.length));
    const fence = "`".repeat(Math.max(3, longest + 1));
    const info = lang && /^[A-Za-z0-9_+#.-]+$/.test(lang) ? lang : "";
    return `${fence}${info}\n${value.replace(/\r\n?/g, "\n")}${value === "" ? "" : "\n"}${fence}`;
  }

  private flowTitle(ctx: BlockCtx): string {
    return ctx.step?.title || ctx.heading || "Decision";
  }

  private uniqueFlowId(title: string): string {
    let base = slugify(title).slice(0, 40).replace(/-+$/, "");
    if (!UNICODE_SLUG_RE.test(base)) base = "flow";
    let id = base;
    for (let n = 2; this.flowIds.has(id); n++) id = `${base}-${n}`;
    this.flowIds.add(id);
    return id;
  }

  /** A ```mermaid flowchart → `<Flow>` text, or null (kept as code) when it can't become a valid flow. */
  mermaid(node: Md, ctx: BlockCtx): { text: string; title: string } | null {
    const text = node.value ?? "";
    const result = mermaidToFlow(text);
    const title = result.flow.title === "Imported flow" ? this.flowTitle(ctx) : result.flow.title;
    const at = (d: Diagnostic) => ({ line: line(node) + d.line, column: d.column });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    for (const d of result.diagnostics) {
      const p = at(d);
      this.warnings.push({ line: p.line, column: p.column, message: `Mermaid diagram: ${d.message}` });
    }
    if (errors.length > 0 || result.flow.nodes.length === 0) {
      this.warn(node, "This Mermaid diagram was kept as a code block because it can't become a valid flow yet (see the warnings above); fix it, then import it in the flow editor");
      return null;
    }
    const flow = { ...result.flow, title, id: this.uniqueFlowId(title) };
    return { text: serializeFlow(flow), title };
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
        const text = this.inline(n.children ?? []);
        return text.trim() === "" ? null : text;
      }
      case "heading": {
        let depth = n.depth ?? 2;
        if (ctx.step && depth < 3) depth = 3; // ## inside a step would be shown as ### anyway (with a warning)
        if (!ctx.step && depth === 1) depth = 2; // the title lives in the front matter
        let text = this.inline(n.children ?? [], true).trim();
        if (text === "") return null;
        text = text.replace(/(#+)$/, "\\$1");
        return `${"#".repeat(depth)} ${text}`;
      }
      case "thematicBreak":
        return "***";
      case "blockquote": {
        const inner = this.blocks(n.children ?? [], ctx).join("\n\n");
        if (inner === "") return null;
        return inner
          .split("\n")
          .map((l) => (l === "" ? ">" : `> ${l}`))
          .join("\n");
      }
      case "list":
        return this.list(n, ctx, alt);
      case "code": {
        if ((n.lang ?? "").toLowerCase() === "mermaid" && MERMAID_FLOWCHART.test(n.value ?? "") && ctx.step) {
          if (ctx.step.hasFlow) {
            this.warn(n, "A step holds at most one flow: this Mermaid diagram was kept as a code block");
          } else {
            const flow = this.mermaid(n, ctx);
            if (flow !== null) {
              ctx.step.hasFlow = true;
              return flow.text;
            }
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
      case "table": {
        const rows = (n.children ?? []).map((row) => `| ${(row.children ?? []).map((cell) => plain(cell).replace(/\|/g, "\\|")).join(" | ")} |`);
        if (rows.length > 1) rows.splice(1, 0, `| ${(n.children?.[0]?.children ?? []).map(() => "---").join(" | ")} |`);
        this.warn(n, "Tables are not supported in SOPs: this table was kept as a code block");
        return this.fence(rows.join("\n"), "text");
      }
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
      const content = this.blocks(item.children ?? [], ctx).join("\n\n");
      if (content === "") return marker;
      const [first, ...rest] = content.split("\n");
      return [`${marker} ${first}`, ...rest.map((l) => (l === "" ? "" : indent + l))].join("\n");
    });
    return rendered.length ? rendered.join(spread ? "\n\n" : "\n") : null;
  }

  // ---- steps ----------------------------------------------------------------------------------

  /** A `<Step>` from a numbered-list item: the title from its first paragraph, the rest inside. */
  stepFromItem(item: Md, number: number): Unit {
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
        const restKids = kids.slice(1).map((k, i) => (i === 0 && k.type === "text" ? { ...k, value: (k.value ?? "").replace(/^[\s.:;,–—-]+/, "") } : k));
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
      if (children.length === 0) this.warn(item, `Numbered item ${number} is empty: it became a step "Step ${number}" with a placeholder`);
    }
    return this.stepUnit(title, body, [item]);
  }

  stepUnit(title: string, body: Md[], origin: Md[], heading?: string): Unit {
    const step: StepState = { hasFlow: false, title };
    let inner = this.blocks(body, { step, heading }).join("\n\n");
    if (inner.trim() === "") inner = "TODO: describe what the agent does in this step.";
    return {
      kind: "step",
      title,
      nodes: origin,
      text: `<Step title=${quoteAttribute(title)}>\n\n${inner}\n\n</Step>`,
    };
  }

  /** Numbered lists → steps; mermaid flowcharts → a step holding the flow; the rest as text. */
  unitsFromLists(nodes: Md[]): Unit[] {
    const units: Unit[] = [];
    let heading: string | undefined;
    let number = 0;
    for (const n of nodes) {
      if (n.type === "list" && n.ordered) {
        for (const item of n.children ?? []) units.push(this.stepFromItem(item, ++number));
        continue;
      }
      if (n.type === "code" && (n.lang ?? "").toLowerCase() === "mermaid" && MERMAID_FLOWCHART.test(n.value ?? "")) {
        const flow = this.mermaid(n, { heading });
        if (flow !== null) {
          number++;
          units.push({ kind: "step", title: flow.title, nodes: [n], text: `<Step title=${quoteAttribute(flow.title)}>\n\n${flow.text}\n\n</Step>` });
          continue;
        }
      }
      const text = this.block(n, { heading });
      if (n.type === "heading") heading = plain(n) || heading;
      if (text !== null && text !== "") units.push({ kind: "block", text, nodes: [n] });
    }
    return units;
  }

  /** No numbered list: each section's content becomes one step titled by the section. */
  unitsFromSections(nodes: Md[], docTitle: string): Unit[] {
    const units: Unit[] = [];
    let heading: Md | null = null;
    let pending: Md[] = [];
    const flush = () => {
      const content = pending.filter((n) => n.type !== "definition" && n.type !== "yaml");
      if (content.length) {
        const title = heading ? plain(heading) || docTitle : docTitle;
        units.push(this.stepUnit(title, content, content, title));
      }
      pending = [];
    };
    for (const n of nodes) {
      if (n.type === "heading" && (n.depth ?? 2) <= 2) {
        flush();
        const text = this.block(n, {});
        if (text) units.push({ kind: "block", text, nodes: [n] });
        heading = n;
      } else pending.push(n);
    }
    flush();
    return units;
  }
}

// ---------------------------------------------------------------------------------------------
// Front matter

const KNOWN_KEYS = new Set(["id", "title", "department", "purpose", "owner", "tags", "language", "terms", "targets", "reviewEvery", "reviewBy"]);
const ALIASES: Record<string, keyof FrontMatterValues> = {
  description: "purpose",
  summary: "purpose",
  team: "department",
  category: "department",
  keywords: "tags",
  lang: "language",
};

const PLACEHOLDER_PURPOSE = "TODO: say in one sentence why this procedure exists";
const PLACEHOLDER_HANDLE_TIME = "5m";

function titleFromFilename(filename: string | undefined): string {
  const base = (filename ?? "").replace(/^.*[\\/]/, "").replace(/\.[A-Za-z0-9]+$/, "");
  const words = base.replace(/[-_.]+/g, " ").replace(/\s+/g, " ").trim();
  return words ? words[0].toLocaleUpperCase() + words.slice(1) : "";
}

type FrontMatterResult = { values: FrontMatterValues; id?: string; hasTitle: boolean };

function importFrontMatter(markdown: string, yamlNode: Md | undefined, imp: Importer, options: MarkdownImportOptions): FrontMatterResult {
  let values = emptyFrontMatterValues();
  let id: string | undefined;
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
      const lineCounter = new LineCounter();
      const doc = parseDocument(yamlNode.value ?? "", { logLevel: "silent", lineCounter });
      const posOf = (node: unknown) => {
        const offset = (node as { range?: [number] } | null)?.range?.[0];
        if (offset === undefined) return undefined;
        const p = lineCounter.linePos(offset);
        return { line: p.line + 1, col: p.col };
      };
      if (isMap(doc.contents)) {
        for (const pair of doc.contents.items) {
          const k = isScalar(pair.key) ? String(pair.key.value) : "";
          const p = posOf(pair.key);
          if (p) keyPos.set(k, p);
          if (k === "targets" && isMap(pair.value))
            for (const inner of pair.value.items) {
              const ip = posOf(inner.key);
              if (ip && isScalar(inner.key)) keyPos.set(String(inner.key.value), ip);
            }
        }
        for (const pair of doc.contents.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : "";
          if (KNOWN_KEYS.has(key)) {
            if (key === "id") {
              const v = isScalar(pair.value) ? String(pair.value.value ?? "") : "";
              if (ASCII_SLUG_RE.test(v)) id = v;
              else warnKey("id", `The front matter \`id\` "${v}" is not a slug (lower-case letters, digits and dashes) and was dropped`);
            }
            continue;
          }
          const alias = ALIASES[key];
          const value = pair.value && isScalar(pair.value) ? String(pair.value.value ?? "").trim() : "";
          if (alias && alias !== "tags" && alias !== "terms" && value && !values[alias]) {
            values = { ...values, [alias]: value };
            warnKey(key, `Front matter \`${key}\` was used as \`${alias}\``);
          } else if (alias === "tags" && values.tags.length === 0 && value) {
            values.tags = value.split(",").map((t) => t.trim()).filter(Boolean);
            warnKey(key, `Front matter \`${key}\` was used as \`tags\``);
          } else warnKey(key, `Front matter \`${key}\` is not part of the SOP format and was dropped`);
        }
      }
      // tags: "a, b" written as one string
      if (values.tags.length === 1 && values.tags[0].includes(",")) values.tags = values.tags[0].split(",").map((t) => t.trim()).filter(Boolean);
    }
  }
  const hasTitle = values.title.trim() !== "";
  if (!values.language.trim() && options.language?.trim()) values.language = options.language.trim();

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
        warnKey("terms", `The term "${t.term || t.meaning}" has no ${t.term.trim() ? "meaning" : "term"} and was dropped`);
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
  if (errors.department && values.department.trim() !== "") {
    warnKey("department", `${errors.department} — replaced`);
    values.department = "";
  }
  if (!values.department.trim()) {
    if (options.department?.trim()) values.department = options.department.trim();
    else {
      values.department = "Unassigned";
      warnKey(null, 'No department: set to "Unassigned" — choose the department that owns this SOP');
    }
  }
  if (errors.purpose || !values.purpose.trim()) {
    if (values.purpose.trim()) warnKey("purpose", `${errors.purpose} — replaced by a placeholder`);
    values.purpose = PLACEHOLDER_PURPOSE;
    warnKey(null, `No purpose: "${PLACEHOLDER_PURPOSE}" was written as a placeholder — replace it`);
  }
  if (errors.handleTime || !values.handleTime.trim()) {
    if (values.handleTime.trim()) warnKey("handleTime", `${errors.handleTime} — replaced by a placeholder`);
    values.handleTime = PLACEHOLDER_HANDLE_TIME;
    warnKey(null, `No handle time target: ${PLACEHOLDER_HANDLE_TIME} was set as a placeholder — set the real target`);
  }
  if (errors.title && values.title.trim() !== "") values.title = "";
  return { values, id, hasTitle: values.title.trim() !== "" && hasTitle };
}

// ---------------------------------------------------------------------------------------------

function assemble(frontMatter: FrontMatterValues, id: string | undefined, units: Unit[]): { source: string; ranges: { unit: number; from: number; to: number }[] } {
  let head = writeFrontMatter("\n", frontMatter);
  if (id) head = head.replace(/^---\n/, `---\nid: ${id}\n`);
  let lineNo = head.split("\n").length; // the line the first unit starts on (after the blank line)
  const ranges: { unit: number; from: number; to: number }[] = [];
  const parts: string[] = [];
  units.forEach((u, i) => {
    const lines = u.text.split("\n").length;
    ranges.push({ unit: i, from: lineNo, to: lineNo + lines - 1 });
    parts.push(u.text);
    lineNo += lines + 1;
  });
  return { source: `${head}${parts.join("\n\n")}\n`, ranges };
}

function errorsOf(source: string): Diagnostic[] {
  return parseSop(source, { validateFlow }).diagnostics.filter((d) => d.severity === "error");
}

/**
 * Converts plain Markdown into an SOP source that parses with zero errors. Never throws. `warnings` point at
 * the Markdown (line:column, front matter included) and say what the lead should finish or check.
 */
export function markdownToSop(markdown: string, options: MarkdownImportOptions = {}): MarkdownImportResult {
  const input = (typeof markdown === "string" ? markdown : String(markdown ?? "")).replace(/^\uFEFF/, "");
  const imp = new Importer(input);
  let root: Md;
  const asCode = (): Md => ({ type: "root", children: [{ type: "code", value: input, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: input.length } } }] });
  // The same size and nesting limits as parseSop, before the Markdown parser runs (see sop-schema/limits.ts).
  const limit = checkSourceLimits(input, { mdx: false, gfm: true });
  if (limit) {
    root = asCode();
    imp.warnAt(limit.line, limit.column, `${limit.message.replace(/ — (it|the SOP) was not (checked|checked further)$/, "")}: the Markdown was kept as a code block (${limit.hint})`);
  } else {
    try {
      root = parseMarkdown(input);
    } catch (e) {
      root = asCode();
      imp.warn(null, `The Markdown could not be read (${String((e as Error)?.message ?? e)}); it was kept as a code block`);
    }
  }
  const children = [...(root.children ?? [])];
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
      imp.warn(null, `No heading to take the title from: the title "${values.title}" comes from the ${titleFromFilename(options.filename) ? "file name" : "importer"} — check it`);
    }
    if (titleNode && fromHeading) children.splice(children.indexOf(titleNode), 1);
  } else if (titleNode && titleNode.depth === 1 && plain(titleNode).toLowerCase() === values.title.trim().toLowerCase()) {
    children.splice(children.indexOf(titleNode), 1);
  }

  const hasOrderedList = children.some((n) => n.type === "list" && n.ordered);
  let units = imp.unitsFromLists(children);
  if (!units.some((u) => u.kind === "step")) {
    if (hasOrderedList === false && children.some((n) => n.type !== "definition" && n.type !== "heading")) {
      imp.warn(null, "The Markdown has no numbered list: each section became one step — split it into steps");
    }
    units = imp.unitsFromSections(children, values.title);
  }
  if (!units.some((u) => u.kind === "step")) {
    imp.warn(null, "The Markdown has no content: a placeholder step was added");
    units.push(imp.stepUnit("First step", [], []));
  }

  // Safety net: whatever still fails to parse is kept as a code block (a step keeps its title).
  let { source, ranges } = assemble(values, fm.id, units);
  for (let round = 0; round < 4; round++) {
    const errors = errorsOf(source);
    if (errors.length === 0) break;
    const bad = new Set<number>();
    for (const d of errors) {
      const r = ranges.find((x) => d.line >= x.from && d.line <= x.to);
      if (r) bad.add(r.unit);
    }
    if (bad.size === 0 || round === 3) {
      // Outside any unit (or still failing): keep the whole Markdown in one step.
      imp.warn(null, `The Markdown could not be converted (${errors[0].message}); it was kept as a code block in one step`);
      const body = imp.slice(children) || input;
      units = [
        { kind: "step", title: values.title, nodes: children, text: `<Step title=${quoteAttribute(values.title)}>\n\n${fenceOf(body, "markdown")}\n\n</Step>` },
      ];
      ({ source, ranges } = assemble(values, fm.id, units));
      break;
    }
    for (const i of bad) {
      const u = units[i];
      const first = u.nodes[0];
      const why = errors.find((d) => ranges[i].from <= d.line && d.line <= ranges[i].to)?.message ?? "";
      imp.warn(first, `This part could not be converted (${why}); it was kept as a code block`);
      const code = fenceOf(imp.slice(u.nodes), "markdown");
      u.text = u.kind === "step" ? `<Step title=${quoteAttribute(u.title || "Imported step")}>\n\n${code}\n\n</Step>` : code;
    }
    ({ source, ranges } = assemble(values, fm.id, units));
  }

  const warnings = imp.warnings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { source, warnings, title: values.title };
}

function fenceOf(value: string, lang: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  const v = value.replace(/\r\n?/g, "\n");
  return `${fence}${lang}\n${v}${v === "" || v.endsWith("\n") ? "" : "\n"}${fence}`;
}
