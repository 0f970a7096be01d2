// The text-level half of the Markdown import: syntax that handbook generators add on top of CommonMark, and the
// nesting guard. Pure, browser-safe, linear in the input (every pass visits each line a bounded number of times).
//
// Each construct becomes plain Markdown the tree-level importer (markdown-import.ts) understands, line by line,
// and every output line remembers the input line it came from, so warnings always point at the handbook page:
//
//   MkDocs `!!! note "Title"` / `??? warning` (indented body), Docusaurus `:::tip Title` … `:::`,
//   Hugo `{{< alert >}}`, `{{% alert color="warning" %}}`, `{{< hint warning >}}`, `{{< notice >}}`,
//   `{{< callout >}}` … closing tag                          → a quote opened by a private marker (kind, title)
//   HTML `<details><summary>T</summary>` … `</details>`,
//   Hugo `{{< details "T" >}}` / `{{< expand >}}`            → the same quote with the kind "template"
//   Hugo `{{< ref "p.md" >}}` / `{{< relref >}}`             → a relative link to p.md (resolved per batch)
//   Hugo `{{< highlight lang >}}` … `{{< /highlight >}}`     → a fenced code block
//   other Hugo shortcodes                                     → left as text, with a warning
//   HTML `<table>` (simple, or with rowspan/colspan)          → a GFM pipe table (a warning when flattened)
//
// GitHub's own `> [!NOTE]` alerts need nothing here: they already are quotes. The private marker is
// U+E001 kind U+E001 so no page text can produce it.
import { checkSourceLimits, SOP_LIMITS } from "../sop-schema/limits";

type PreWarning = { line: number; column: number; message: string };
type Line = { text: string; from: number };

export const MARKER = "\uE001";
/** A paragraph standing for a too-deep block: `\uE000deep:N\uE000`. */
export const DEEP_MARKER = "\uE000";

export type AdmonitionKind = "tip" | "warning" | "template";

/** note/info/tip/success → Tip; warning/caution/danger/important/error → Warning (and their MkDocs/Hugo cousins). */
export function admonitionKind(word: string): "tip" | "warning" {
  return /^(?:warning|warn|caution|danger|important|error|failure|fail|missing|bug|attention|alert|critical)$/i.test(
    word,
  )
    ? "warning"
    : "tip";
}

export type Preprocessed = {
  /** the Markdown to parse */
  text: string;
  /** 1-based input line of each 1-based output line */
  lineOf: (line: number) => number;
  warnings: PreWarning[];
  /** original Markdown of each too-deep block, by its number in the marker */
  deep: string[];
  /** the whole input was too large or too deep to import in parts */
  gaveUp?: { line: number; column: number; message: string };
};

const MAX_CONTAINER_NESTING = 32;
const FENCE_RE = /^(\s*(?:>\s?)*\s*)(`{3,}|~{3,})/;

function fenceTracker() {
  let open: { char: string; length: number } | null = null;
  /** True when the line is inside (or opens/closes) a fenced code block. */
  return (text: string): boolean => {
    const m = FENCE_RE.exec(text);
    if (open) {
      if (m && m[2][0] === open.char && m[2].length >= open.length && text.slice(m[0].length).trim() === "")
        open = null;
      return true;
    }
    if (m && !(m[2][0] === "`" && text.slice(m[0].length).includes("`"))) {
      open = { char: m[2][0], length: m[2].length };
      return true;
    }
    return false;
  };
}

const indentOf = (s: string) => /^[ \t]*/.exec(s)![0];
const width = (ws: string) => [...ws].reduce((n, c) => n + (c === "\t" ? 4 - (n % 4) : 1), 0);

/** Drops `n` columns of leading white space (tabs count to the next multiple of 4). */
function dedent(s: string, n: number): string {
  let col = 0;
  let i = 0;
  while (i < s.length && col < n && (s[i] === " " || s[i] === "\t")) {
    col += s[i] === "\t" ? 4 - (col % 4) : 1;
    i++;
  }
  return s.slice(i);
}

class Pre {
  readonly warnings: PreWarning[] = [];
  /** Set once a pass rewrote a line: only then can the page nest deeper than the guard already checked. */
  rewrote = false;
  /** Lines the forward searches (for a closing `:::`, `</details>`…) may still visit: keeps the whole pass linear. */
  private budget: number;
  constructor(readonly source: string[]) {
    this.budget = 16 * source.length + 10_000;
  }

  /** One more line visited by a forward search; false once the budget is spent (the rest is read as text). */
  tick(): boolean {
    if (this.budget-- > 0) return true;
    if (this.budget === -1)
      this.warn(
        1,
        1,
        "The page has too many unclosed boxes (:::, <details>, shortcodes, " +
          "<table>) to read them all: the rest were kept as text",
      );
    return false;
  }

  warn(line: number, column: number, message: string): void {
    this.warnings.push({ line, column, message });
  }

  private readonly repeats = new Map<string, { warning: PreWarning; more: number }>();
  /** The first warning of a kind (e.g. one shortcode name) is kept; the later ones are counted on it. */
  warnRepeated(key: string, line: number, column: number, message: string): void {
    const seen = this.repeats.get(key);
    if (seen) {
      seen.more++;
      seen.warning.message =
        `${message.replace(/ — .*$/, "")} (and ${seen.more} more like ` +
        `it on this page)${message.includes(" — ") ? message.slice(message.indexOf(" — ")) : ""}`;
      return;
    }
    const warning = { line, column, message };
    this.warnings.push(warning);
    this.repeats.set(key, { warning, more: 0 });
  }

  /** A marker quote: `> MARKERkindMARKER title`, `>`, then the body (already processed), then a blank line. */
  quote(indent: string, kind: AdmonitionKind, title: string, body: Line[], from: number): Line[] {
    const out: Line[] = [
      { text: `${indent}> ${MARKER}${kind}${MARKER} ${title.replace(/\s+/g, " ").trim()}`, from },
      { text: `${indent}>`, from },
    ];
    for (const l of body)
      out.push({ text: l.text.trim() === "" ? `${indent}>` : `${indent}> ${l.text}`, from: l.from });
    out.push({ text: "", from: body.at(-1)?.from ?? from });
    return out;
  }

  // ---- admonitions, details, shortcodes (recursive on bodies, at most 32 deep) --------------------

  blocks(lines: Line[], depth = 0): Line[] {
    const out: Line[] = [];
    const inFence = fenceTracker();
    let warned = false;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (inFence(l.text)) {
        out.push(l);
        continue;
      }
      if (depth >= MAX_CONTAINER_NESTING) {
        if (!warned && /^\s*(?:!!!|\?\?\?|:::|<details|\{\{[<%])/i.test(l.text)) {
          this.warn(
            l.from,
            width(indentOf(l.text)) + 1,
            `Boxes (admonitions, alerts, <details>) are nested more ` +
              `than ${MAX_CONTAINER_NESTING} deep here: the inner ones were kept as text`,
          );
          warned = true;
        }
        out.push(l);
        continue;
      }
      const consumed =
        this.mkdocs(lines, i, depth, out) ??
        this.docusaurus(lines, i, depth, out) ??
        this.hugoBlock(lines, i, depth, out) ??
        this.details(lines, i, depth, out);
      if (consumed !== null) {
        this.rewrote = true;
        i = consumed;
        continue;
      }
      const text = this.inlineShortcodes(l.text, l.from);
      if (text !== l.text) this.rewrote = true;
      out.push({ text, from: l.from });
    }
    return out;
  }

  /**
   * `!!! kind "Title"` / `??? kind` / `???+ kind` with a body indented four more columns. Returns the last line used.
   */
  private mkdocs(lines: Line[], i: number, depth: number, out: Line[]): number | null {
    const m =
      /^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)((?:[ \t]+[A-Za-z][\w-]*)*)(?:[ \t]+"([^"]*)")?[ \t]*$/.exec(
        lines[i].text,
      );
    if (!m) return null;
    const base = width(m[1]);
    const body: Line[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const t = lines[j].text;
      if (t.trim() === "") {
        body.push({ text: "", from: lines[j].from });
        continue;
      }
      if (width(indentOf(t)) < base + 4) break;
      body.push({ text: dedent(t, base + 4), from: lines[j].from });
    }
    while (body.length && body[body.length - 1].text === "") body.pop();
    const kind = admonitionKind(m[2]);
    const title = m[4] ?? "";
    pushAll(out, this.quote(m[1], kind, title, this.blocks(body, depth + 1), lines[i].from));
    return i + body.length;
  }

  /** `:::kind Title` or `:::kind[Title]` … `:::` (more colons nest). */
  private docusaurus(lines: Line[], i: number, depth: number, out: Line[]): number | null {
    const m = /^([ \t]*)(:{3,})[ \t]*([A-Za-z][\w-]*)(?:\[([^\]]*)\]|[ \t]+(.*?))?[ \t]*(?:\{[^}]*\})?[ \t]*$/.exec(
      lines[i].text,
    );
    if (!m) return null;
    const colons = m[2].length;
    // Find the closing line first (nothing allocated on the way), then take the body.
    let j = i + 1;
    let nested = 0;
    for (; j < lines.length && this.tick(); j++) {
      const t = lines[j].text;
      if (!t.includes(":::")) continue;
      const close = /^[ \t]*(:{3,})[ \t]*$/.exec(t);
      const open = /^[ \t]*(:{3,})[ \t]*[A-Za-z]/.exec(t);
      if (close && close[1].length === colons) {
        if (nested === 0) break;
        nested--;
      } else if (open && open[1].length === colons) nested++;
    }
    if (j >= lines.length || this.budget < 0) return null; // never closed: not an admonition
    const body = lines.slice(i + 1, j).map((l) => ({ text: dedent(l.text, width(m[1])), from: l.from }));
    const title = (m[4] ?? m[5] ?? "").trim();
    pushAll(out, this.quote(m[1], admonitionKind(m[3]), title, this.blocks(body, depth + 1), lines[i].from));
    return j;
  }

  /** `<details>` (with `<summary>Title</summary>` on its line or the next) … `</details>`: a canned reply. */
  private details(lines: Line[], i: number, depth: number, out: Line[]): number | null {
    const m = /^([ \t]*)<details(?:\s[^>]*)?>(.*)$/i.exec(lines[i].text);
    if (!m) return null;
    // Find the matching </details>, counting nested ones.
    let level = 0;
    let end = -1;
    let endCol = -1;
    for (let j = i; j < lines.length && end < 0 && this.tick(); j++) {
      const t = j === i ? lines[j].text.slice(m[1].length) : lines[j].text;
      const re = /<(\/?)details\b[^>]*>/gi;
      for (let x = re.exec(t); x; x = re.exec(t)) {
        if (x[1]) level--;
        else level++;
        if (level === 0) {
          end = j;
          endCol = x.index + (j === i ? m[1].length : 0);
          break;
        }
      }
    }
    if (end < 0) return null;
    const first = end === i ? lines[i].text.slice(m[1].length, endCol) : lines[i].text.slice(m[1].length);
    let rest: Line[] = [{ text: first.replace(/^<details(?:\s[^>]*)?>/i, ""), from: lines[i].from }];
    for (let j = i + 1; j < end; j++) rest.push({ text: dedent(lines[j].text, width(m[1])), from: lines[j].from });
    if (end > i) rest.push({ text: dedent(lines[end].text.slice(0, endCol), width(m[1])), from: lines[end].from });
    // The summary: on the first non-blank line.
    let title = "";
    const k = rest.findIndex((l) => l.text.trim() !== "");
    if (k >= 0) {
      const s = /^\s*<summary(?:\s[^>]*)?>([\s\S]*?)<\/summary>(.*)$/i.exec(rest[k].text);
      if (s) {
        title = s[1].replace(/<[^>]*>/g, "").trim();
        rest[k] = { text: s[2], from: rest[k].from };
      }
    }
    rest = rest.filter((l, n) => !(n <= k && l.text.trim() === ""));
    while (rest.length && rest[rest.length - 1].text.trim() === "") rest.pop();
    const after = end > i || endCol >= 0 ? lines[end].text.slice(endCol).replace(/^<\/details\s*>/i, "") : "";
    if (!title)
      this.warn(
        lines[i].from,
        width(m[1]) + 1,
        "This <details> block has no <summary>: it became a template titled “Reply” — give it a title",
      );
    pushAll(out, this.quote(m[1], "template", title || "Reply", this.blocks(rest, depth + 1), lines[i].from));
    if (after.trim() !== "") out.push({ text: `${m[1]}${after.trim()}`, from: lines[end].from });
    return end;
  }

  /** A Hugo shortcode that opens a block at the start of a line, up to its closing tag. */
  private hugoBlock(lines: Line[], i: number, depth: number, out: Line[]): number | null {
    const m = /^([ \t]*)\{\{([<%])\s*([A-Za-z][\w-]*)((?:"[^"]*"|'[^']*'|`[^`]*`|[^"'`>%}])*)\s*[>%]\}\}(.*)$/.exec(
      lines[i].text,
    );
    if (!m) return null;
    const name = m[3].toLowerCase();
    const args = parseShortcodeArgs(m[4]);
    const isAlert = ALERT_SHORTCODES.has(name);
    const isDetails = DETAILS_SHORTCODES.has(name);
    const isHighlight = name === "highlight";
    if (!isAlert && !isDetails && !isHighlight) return null;
    // The closing tag: on this line or a later one, counting nested shortcodes of the same name.
    const closeRe = new RegExp(`\\{\\{[<%]\\s*/\\s*${m[3]}\\s*[>%]\\}\\}`, "i");
    const openRe = new RegExp(`\\{\\{[<%]\\s*${m[3]}\\b`, "gi");
    let level = 1;
    let end = -1;
    let endCol = -1;
    for (let j = i; j < lines.length && end < 0 && this.tick(); j++) {
      const t = j === i ? m[5] : lines[j].text;
      const offset = j === i ? lines[i].text.length - m[5].length : 0;
      const tokens: { at: number; open: boolean; len: number }[] = [];
      for (const o of t.matchAll(openRe)) tokens.push({ at: o.index!, open: true, len: 0 });
      const cr = new RegExp(closeRe.source, "gi");
      for (const c of t.matchAll(cr)) tokens.push({ at: c.index!, open: false, len: c[0].length });
      tokens.sort((a, b) => a.at - b.at);
      for (const tok of tokens) {
        level += tok.open ? 1 : -1;
        if (level === 0) {
          end = j;
          endCol = offset + tok.at;
          break;
        }
      }
    }
    if (end < 0) {
      this.warnRepeated(
        `unclosed:${name}`,
        lines[i].from,
        width(m[1]) + 1,
        `The Hugo shortcode {{${m[2]} ${m[3]} ${m[2] === "<" ? ">" : "%"}}} is never closed ` +
          `with {{${m[2]} /${m[3]} ${m[2] === "<" ? ">" : "%"}}}: it was kept as text`,
      );
      return null;
    }
    const body: Line[] = [];
    const opener = lines[i].text.length - m[5].length;
    if (end === i) body.push({ text: lines[i].text.slice(opener, endCol), from: lines[i].from });
    else {
      if (m[5].trim() !== "") body.push({ text: m[5], from: lines[i].from });
      for (let j = i + 1; j < end; j++) body.push({ text: dedent(lines[j].text, width(m[1])), from: lines[j].from });
      const last = lines[end].text.slice(0, endCol);
      if (last.trim() !== "") body.push({ text: dedent(last, width(m[1])), from: lines[end].from });
    }
    const after = lines[end].text.slice(endCol).replace(closeRe, "");
    if (isHighlight) {
      const lang = (args.positional[0] ?? "").replace(/[^\w+#.-]/g, "");
      const fence = "`".repeat(Math.max(3, longestRun(body.map((l) => l.text).join("\n"), "`") + 1));
      out.push({ text: `${m[1]}${fence}${lang}`, from: lines[i].from });
      for (const l of body) out.push({ text: `${m[1]}${l.text}`, from: l.from });
      out.push({ text: `${m[1]}${fence}`, from: lines[end].from });
    } else {
      while (body.length && body[0].text.trim() === "") body.shift();
      while (body.length && body[body.length - 1].text.trim() === "") body.pop();
      if (isDetails) {
        const title = args.named.title ?? args.positional[0] ?? "Reply";
        pushAll(out, this.quote(m[1], "template", title, this.blocks(body, depth + 1), lines[i].from));
      } else {
        const word =
          args.named.color ??
          args.named.type ??
          args.named.theme ??
          args.named.context ??
          args.named.style ??
          args.positional[0] ??
          (ALERT_KIND_NAMES.has(name) ? name : "note");
        const title = args.named.title ?? args.named.header ?? "";
        pushAll(out, this.quote(m[1], admonitionKind(word), title, this.blocks(body, depth + 1), lines[i].from));
      }
    }
    if (after.trim() !== "")
      out.push({ text: `${m[1]}${this.inlineShortcodes(after.trim(), lines[end].from)}`, from: lines[end].from });
    return end;
  }

  /** ref/relref → a relative link; other shortcodes on the line stay text, with a warning each. */
  inlineShortcodes(text: string, from: number): string {
    if (!text.includes("{{")) return text;
    const code = codeSpans(text);
    return text.replace(
      SHORTCODE_RE,
      (whole, open: string, close: string, name: string, rawArgs: string, offset: number) => {
        if (code.some(([a, b]) => offset >= a && offset < b)) return whole;
        const lower = name.toLowerCase();
        if ((lower === "ref" || lower === "relref") && !close) {
          const args = parseShortcodeArgs(rawArgs);
          const target = args.positional[0] ?? args.named.path ?? "";
          if (target) {
            const inLink = /\]\(\s*$/.test(text.slice(0, offset));
            return inLink
              ? `<${target.replace(/[<>\n]/g, "")}>`
              : `[${target.replace(/[[\]\\]/g, "\\$&")}](<${target.replace(/[<>\n]/g, "")}>)`;
          }
        }
        if (!close)
          this.warnRepeated(
            `unknown:${lower}`,
            from,
            offset + 1,
            `The Hugo shortcode {{${open} ${name} ${open === "<" ? ">" : "%"}}} is ` +
              `not part of the SOP format: it was kept as text — replace it by hand`,
          );
        return whole;
      },
    );
  }
}

/** Appends without spreading (a spread of a long array overflows the stack). */
function pushAll<T>(out: T[], items: readonly T[]): void {
  for (const x of items) out.push(x);
}

/** The longest run of `ch` in `s`. */
export function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    run = s[i] === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

const SHORTCODE_RE = /\{\{([<%])\s*(\/)?\s*([A-Za-z][\w./-]*)((?:"[^"]*"|'[^']*'|`[^`]*`|[^"'`>%}])*)\s*[>%]\}\}/g;
const ALERT_KIND_NAMES = new Set([
  "note",
  "tip",
  "info",
  "warning",
  "caution",
  "danger",
  "important",
  "success",
  "error",
]);
const ALERT_SHORTCODES = new Set([
  "alert",
  "hint",
  "notice",
  "callout",
  "admonition",
  "notification",
  ...ALERT_KIND_NAMES,
]);
const DETAILS_SHORTCODES = new Set(["details", "expand", "collapse", "spoiler"]);

function parseShortcodeArgs(raw: string): { named: Record<string, string>; positional: string[] } {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  const re = /([A-Za-z_][\w-]*)\s*=\s*("([^"]*)"|'([^']*)'|`([^`]*)`|(\S+))|"([^"]*)"|'([^']*)'|`([^`]*)`|(\S+)/g;
  for (const m of raw.matchAll(re)) {
    if (m[1]) named[m[1].toLowerCase()] = m[3] ?? m[4] ?? m[5] ?? m[6] ?? "";
    else positional.push(m[7] ?? m[8] ?? m[9] ?? m[10] ?? "");
  }
  return { named, positional };
}

/** [start, end) of the code spans of one line (backtick runs of equal length). */
function codeSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /`+/g;
  let open: { at: number; len: number } | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!open) open = { at: m.index, len: m[0].length };
    else if (m[0].length === open.len) {
      spans.push([open.at, m.index + m[0].length]);
      open = null;
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// HTML tables → GFM pipe tables

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  euro: "€",
  pound: "£",
  copy: "©",
  reg: "®",
  trade: "™",
  laquo: "«",
  raquo: "»",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

/** Markdown text that reads back as exactly `s` (every character with a meaning escaped), on one line. */
const escapeCell = (s: string) => s.replace(/\s+/g, " ").replace(/[\\`*_[\]<>|!~{}&#$()+=:-]/g, "\\$&");

type HtmlCell = { header: boolean; text: string; colspan: number; rowspan: number };
type HtmlTable = { caption: string; rows: HtmlCell[][]; headRows: number; flattened: string[] };

/** Reads a `<table>`…`</table>` string. Cells keep bold, emphasis, code and links as Markdown. */
function readHtmlTable(html: string): HtmlTable {
  const table: HtmlTable = { caption: "", rows: [], headRows: 0, flattened: [] };
  let row: HtmlCell[] | null = null;
  let cell: HtmlCell | null = null;
  let depth = 0; // <table> nesting
  let inHead = false;
  let inCaption = false;
  let code: string | null = null;
  let link: { href: string } | null = null;
  const note = (what: string) => {
    if (!table.flattened.includes(what)) table.flattened.push(what);
  };
  const add = (s: string) => {
    if (code !== null) code += s;
    else if (cell) cell.text += s;
    else if (inCaption) table.caption += s;
  };
  const re = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>|([^<]+)|</g;
  for (const m of html.matchAll(re)) {
    if (m[0].startsWith("<!--")) continue;
    if (m[4] !== undefined || m[0] === "<") {
      const text = decodeEntities(m[4] ?? "<");
      add(code !== null ? text.replace(/\s+/g, " ") : escapeCell(text));
      continue;
    }
    const closing = m[1] === "/";
    const tag = m[2].toLowerCase();
    const attrs = m[3] ?? "";
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(attrs);
    if (tag === "table") {
      depth += closing ? -1 : 1;
      if (depth > 1 || (closing && depth >= 1)) {
        note("a table inside a cell");
        add(" ");
      }
      continue;
    }
    if (depth > 1) {
      if (/^(?:tr|td|th|li|p|div|br)$/.test(tag)) add(" ");
      continue;
    }
    switch (tag) {
      case "caption":
        inCaption = !closing;
        break;
      case "thead":
        inHead = !closing;
        break;
      case "tr":
        if (!closing) {
          row = [];
          table.rows.push(row);
          if (inHead) table.headRows = table.rows.length;
        } else row = null;
        cell = null;
        break;
      case "td":
      case "th":
        if (closing) cell = null;
        else {
          if (!row) {
            row = [];
            table.rows.push(row);
          }
          const span = (name: string) =>
            Math.min(
              50,
              Math.max(
                1,
                Number.parseInt(
                  attr(name)
                    ?.slice(1)
                    .find((x) => x !== undefined) ?? "1",
                  10,
                ) || 1,
              ),
            );
          cell = { header: tag === "th", text: "", colspan: span("colspan"), rowspan: span("rowspan") };
          if (cell.colspan > 1) note("cells spanning several columns (colspan)");
          if (cell.rowspan > 1) note("cells spanning several rows (rowspan)");
          row.push(cell);
        }
        break;
      case "b":
      case "strong":
        add("**");
        break;
      case "i":
      case "em":
        add("*");
        break;
      case "code":
      case "kbd":
      case "tt":
        if (!closing) code = "";
        else if (code !== null) {
          const value = code.replace(/\|/g, "\\|").trim();
          code = null;
          const ticks = "`".repeat(longestRun(value, "`") + 1);
          if (value) add(`${ticks}${value.startsWith("`") || value.endsWith("`") ? ` ${value} ` : value}${ticks}`);
        }
        break;
      case "a":
        if (!closing) {
          const href =
            attr("href")
              ?.slice(1)
              .find((x) => x !== undefined) ?? "";
          link = { href: decodeEntities(href) };
          add("[");
        } else if (link) {
          add(`](<${link.href.replace(/[<>\s|]/g, (c) => (c === "|" ? "%7C" : encodeURIComponent(c)))}>)`);
          link = null;
        }
        break;
      case "br":
        add(" ");
        break;
      case "li":
        if (!closing && cell && cell.text.trim() !== "") add("; ");
        if (!closing) note("lists inside cells");
        break;
      case "p":
      case "div":
      case "ul":
      case "ol":
        if (cell && cell.text.trim() !== "") add(" ");
        if (tag !== "p" && tag !== "div" && !closing) note("lists inside cells");
        break;
      default:
        break; // other tags: their text is kept
    }
  }
  return table;
}

/** The GFM pipe table for an HTML table (rowspan cells repeated, colspan cells followed by empty ones). */
function htmlTableToGfm(t: HtmlTable): string[] | null {
  const grid: string[][] = [];
  const carry: { text: string; left: number }[] = [];
  t.rows.forEach((row) => {
    const out: string[] = [];
    let col = 0;
    const fillCarry = () => {
      while (carry[col] && carry[col].left > 0) {
        out.push(carry[col].text);
        carry[col].left--;
        col++;
      }
    };
    fillCarry();
    for (const c of row) {
      fillCarry();
      const text = c.text.replace(/\s+/g, " ").trim();
      for (let k = 0; k < c.colspan; k++) {
        out.push(k === 0 ? text : "");
        if (c.rowspan > 1) carry[col] = { text, left: c.rowspan - 1 };
        col++;
      }
    }
    fillCarry();
    grid.push(out);
  });
  if (grid.length === 0) return null;
  const columns = grid.reduce((n, r) => Math.max(n, r.length), 0);
  if (columns === 0 || columns > SOP_LIMITS.maxTableColumns || grid.length > SOP_LIMITS.maxTableRows) return null;
  for (const r of grid) while (r.length < columns) r.push("");
  // GFM has one header row: several become the first one (the others are body rows); none → the first row.
  const pipe = (cells: string[]) => `| ${cells.map((c) => c || " ").join(" | ")} |`;
  const lines = [pipe(grid[0]), `| ${Array(columns).fill("---").join(" | ")} |`, ...grid.slice(1).map(pipe)];
  return lines;
}

// ---------------------------------------------------------------------------------------------

/** `<table>` … `</table>` blocks (starting a line) → pipe tables. */
function htmlTables(pre: Pre, lines: Line[]): Line[] {
  const out: Line[] = [];
  const inFence = fenceTracker();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const m = inFence(l.text) ? null : /^([ \t]*)<table\b/i.exec(l.text);
    if (!m) {
      out.push(l);
      continue;
    }
    let level = 0;
    let end = -1;
    let endCol = 0;
    for (let j = i; j < lines.length && end < 0 && pre.tick(); j++) {
      const re = /<(\/?)table\b[^>]*>/gi;
      for (let x = re.exec(lines[j].text); x; x = re.exec(lines[j].text)) {
        level += x[1] ? -1 : 1;
        if (level === 0) {
          end = j;
          endCol = x.index + x[0].length;
          break;
        }
      }
    }
    if (end < 0) {
      out.push(l);
      continue;
    }
    const html = [lines[i].text.slice(m[1].length), ...lines.slice(i + 1, end + 1).map((x) => x.text)].join("\n");
    const cut = html.length - (lines[end].text.length - endCol);
    const table = readHtmlTable(html.slice(0, end === i ? endCol - m[1].length : cut));
    const gfm = htmlTableToGfm(table);
    if (!gfm) {
      out.push(l);
      continue;
    }
    const indent = m[1];
    pre.rewrote = true;
    if (table.flattened.length)
      pre.warn(
        l.from,
        width(indent) + 1,
        `This HTML table has ${table.flattened.join(", ")}, which ` +
          `a Markdown table can't show: it was flattened — check it`,
      );
    out.push({ text: "", from: l.from });
    if (table.caption.trim())
      out.push(
        { text: `${indent}**${table.caption.replace(/\s+/g, " ").trim()}**`, from: l.from },
        { text: "", from: l.from },
      );
    for (const g of gfm) out.push({ text: `${indent}${g}`, from: l.from });
    out.push({ text: "", from: lines[end].from });
    const after = lines[end].text.slice(endCol);
    if (after.trim() !== "") out.push({ text: `${indent}${after.trim()}`, from: lines[end].from });
    i = end;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The nesting guard

/** The top-level block around line `at` (0-based): from a line that starts a block to before the next one. */
function blockAround(lines: Line[], at: number, bodyStart: number): [number, number] {
  const fenced = new Uint8Array(lines.length);
  const inFence = fenceTracker();
  for (let i = bodyStart; i < lines.length; i++)
    if (inFence(lines[i].text) && !/^\s*(`{3,}|~{3,})/.test(lines[i].text)) fenced[i] = 1;
  const startsBlock = (i: number) => {
    if (i <= bodyStart) return true;
    const t = lines[i].text;
    if (fenced[i] || t.trim() === "" || /^[ \t]/.test(t)) return false;
    return lines[i - 1].text.trim() === "" || /^(?:#{1,6}(?:\s|$)|`{3,}|~{3,})/.test(t);
  };
  let a = at;
  while (a > bodyStart && !startsBlock(a)) a--;
  let b = at + 1;
  while (b < lines.length && !startsBlock(b)) b++;
  b--;
  while (b > a && lines[b].text.trim() === "") b--;
  return [a, b];
}

/**
 * Replaces each block nested deeper than the limits (sop-schema/limits.ts) by a marker paragraph, with a warning
 * at the line and column where the limit is passed; the importer turns the marker back into a code block holding
 * the block's original Markdown. Gives up (the caller keeps everything as code) after 200 blocks or on size.
 */
function guardDepth(pre: Pre, lines: Line[], deep: string[]): { lines: Line[]; gaveUp?: Preprocessed["gaveUp"] } {
  let current = lines;
  for (let round = 0; round < 200; round++) {
    const text = current.map((l) => l.text).join("\n");
    const problem = checkSourceLimits(text, { mdx: false, gfm: true });
    if (!problem) return { lines: current };
    const message = problem.message.replace(/ — (it|the SOP) was not (checked|checked further)$/, "");
    const at = problem.line - 1;
    const bodyStart = frontMatterEnd(current.map((l) => l.text));
    if (problem.code === "sop-too-large" || at < bodyStart || at >= current.length)
      return {
        lines: current,
        gaveUp: { line: current[at]?.from ?? 1, column: problem.column, message: `${message} (${problem.hint})` },
      };
    const [a, b] = blockAround(current, at, bodyStart);
    const original = pre.source.slice(current[a].from - 1, current[b].from).join("\n");
    const n = deep.push(original) - 1;
    pre.warn(current[at].from, problem.column, `${message}: this part was kept as a code block (${problem.hint})`);
    current = [
      ...current.slice(0, a),
      { text: "", from: current[a].from },
      { text: `${DEEP_MARKER}deep:${n}${DEEP_MARKER}`, from: current[a].from },
      { text: "", from: current[b].from },
      ...current.slice(b + 1),
    ];
  }
  return {
    lines: current,
    gaveUp: { line: 1, column: 1, message: "The Markdown nests too deeply in too many places" },
  };
}

/** 0-based index of the first body line (after a leading `---` front matter block), 0 without one. */
function frontMatterEnd(lines: string[]): number {
  if (!/^---[ \t]*$/.test(lines[0] ?? "")) return 0;
  for (let i = 1; i < lines.length; i++) if (/^(?:---|\.\.\.)[ \t]*$/.test(lines[i])) return i + 1;
  return 0;
}

export function preprocessMarkdown(input: string): Preprocessed {
  const source = input.split(/\r\n|\r|\n/);
  const pre = new Pre(source);
  const deep: string[] = [];
  const all: Line[] = source.map((text, i) => ({ text, from: i + 1 }));
  const fm = frontMatterEnd(source);
  const head = all.slice(0, fm);
  let body = all.slice(fm);
  // The guard runs first on the page as written (so nothing below recurses into a hostile nesting), and again
  // on the result when a pass rewrote it (an admonition becomes a quote: one level more).
  const first = guardDepth(pre, [...head, ...body], deep);
  if (first.gaveUp) return finish(pre, first.lines, deep, first.gaveUp);
  body = first.lines.slice(fm);
  body = htmlTables(pre, body);
  body = pre.blocks(body);
  if (!pre.rewrote) return finish(pre, first.lines, deep);
  const second = guardDepth(pre, [...head, ...body], deep);
  return finish(pre, second.lines, deep, second.gaveUp);
}

function finish(pre: Pre, lines: Line[], deep: string[], gaveUp?: Preprocessed["gaveUp"]): Preprocessed {
  const from = lines.map((l) => l.from);
  return {
    text: lines.map((l) => l.text).join("\n"),
    lineOf: (line: number) => from[Math.min(Math.max(line, 1), from.length) - 1] ?? 1,
    warnings: pre.warnings,
    deep,
    ...(gaveUp ? { gaveUp } : {}),
  };
}
