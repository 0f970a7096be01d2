// Inline MDX ⇄ the rich text editor's document (ADR 024). Pure and browser-safe; no ProseMirror here (the editor
// maps these runs to its own nodes), so the mapping is tested without a DOM.
//
// The text is read with the parser's own processor (`parseMdxTree`), so a run is what parseSop reads. Only what
// the rich editor can show is read — text, strong, emphasis, inline code, links, hard breaks and `{field}`
// references — and the author's choices (`*` or `_`, `**` or `__`, the backticks of a code span, a link's
// destination as written, a reference's spacing, a break's form) are kept on the runs, so that printing a text
// that was read gives back its bytes. `readInline` returns null for anything else (inline JSX, HTML, an escape or
// an entity written in another way than ours, a reference link…): that text stays a plain text box.
import { parseMdxTree } from "../../sop-schema/parse";
import type { MdNode } from "../../sop-schema/parse";
import { escapeWords } from "./text";

export type InlineMark =
  | {
      type: "link";
      href: string;
      title: string | null;
      /** `](…)` as written; null for a new link */ tail: string | null;
    }
  | { type: "strong"; marker: "**" | "__" }
  | { type: "emphasis"; marker: "*" | "_" }
  | { type: "code"; fence: string; pad: boolean };

export type InlineRun =
  | { type: "text"; text: string; marks: InlineMark[] }
  | { type: "field"; name: string; /** `{name}` as written */ raw: string; marks: InlineMark[] }
  | { type: "break"; /** `\` + line break, or two spaces and one */ raw: string; marks: InlineMark[] };

/** The order marks nest in, outermost first (a code span is always innermost: it holds no markup). */
export const MARK_ORDER: readonly InlineMark["type"][] = ["link", "strong", "emphasis", "code"];

const FIELD_RE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/** The runs of inline MDX, or null when it holds something the rich editor cannot show or print back as written. */
export function readInline(text: string): InlineRun[] | null {
  if (text === "") return [];
  let tree: MdNode;
  try {
    tree = parseMdxTree(text) as MdNode;
  } catch {
    return null;
  }
  const kids = tree.children ?? [];
  if (kids.length !== 1 || kids[0].type !== "paragraph") return null;
  const runs: InlineRun[] = [];
  const slice = (n: MdNode) => text.slice(n.position?.start.offset ?? 0, n.position?.end.offset ?? 0);
  const walk = (nodes: readonly MdNode[], marks: InlineMark[]): boolean => {
    for (const n of nodes) {
      const raw = slice(n);
      switch (n.type) {
        case "text":
          runs.push({ type: "text", text: n.value ?? "", marks });
          break;
        case "mdxTextExpression": {
          const m = FIELD_RE.exec(n.value ?? "");
          if (!m) return false;
          runs.push({ type: "field", name: m[1], raw, marks });
          break;
        }
        case "break":
          runs.push({ type: "break", raw, marks });
          break;
        case "inlineCode": {
          const fence = /^`+/.exec(raw)?.[0] ?? "`";
          const inner = raw.slice(fence.length, raw.length - fence.length);
          runs.push({
            type: "text",
            text: n.value ?? "",
            marks: [...marks, { type: "code", fence, pad: inner !== n.value }],
          });
          break;
        }
        case "strong":
          if (!walk(n.children ?? [], [...marks, { type: "strong", marker: raw.startsWith("_") ? "__" : "**" }]))
            return false;
          break;
        case "emphasis":
          if (!walk(n.children ?? [], [...marks, { type: "emphasis", marker: raw.startsWith("_") ? "_" : "*" }]))
            return false;
          break;
        case "link": {
          const label = n.children?.length ? slice(n.children[n.children.length - 1]) : "";
          const close = raw.lastIndexOf("](");
          if (!raw.startsWith("[") || close < 0 || (label && raw.indexOf(label) > close)) return false;
          const link = n as MdNode & { url?: string; title?: string | null };
          const mark: InlineMark = {
            type: "link",
            href: link.url ?? "",
            title: link.title ?? null,
            tail: raw.slice(close),
          };
          if (!walk(n.children ?? [], [...marks, mark])) return false;
          break;
        }
        default:
          return false;
      }
    }
    return true;
  };
  if (!walk(kids[0].children ?? [], [])) return null;
  const runsMerged = mergeRuns(runs);
  return printInline(runsMerged) === text ? runsMerged : null;
}

function sameMark(a: InlineMark, b: InlineMark): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k]);
}

function sameMarks(a: readonly InlineMark[], b: readonly InlineMark[]): boolean {
  return a.length === b.length && a.every((m, i) => sameMark(m, b[i]));
}

/** Neighbouring text runs with the same marks as one run (the editor keeps text that way). */
export function mergeRuns(runs: readonly InlineRun[]): InlineRun[] {
  const out: InlineRun[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (r.type === "text" && r.text === "") continue;
    if (last?.type === "text" && r.type === "text" && sameMarks(last.marks, r.marks))
      out[out.length - 1] = { ...last, text: last.text + r.text };
    else out.push({ ...r, marks: sortMarks(r.marks) });
  }
  return out;
}

function sortMarks(marks: readonly InlineMark[]): InlineMark[] {
  return [...marks].sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
}

// ---- printing -------------------------------------------------------------------------------------

type Tree = { mark: InlineMark | null; kids: (Tree | InlineRun)[] };

function nest(runs: readonly InlineRun[]): Tree {
  const root: Tree = { mark: null, kids: [] };
  const stack: Tree[] = [root];
  for (const r of runs) {
    const marks = sortMarks(r.marks.filter((m) => r.type === "text" || m.type !== "code"));
    let keep = 0;
    while (keep < stack.length - 1 && keep < marks.length && sameMark(stack[keep + 1].mark!, marks[keep])) keep++;
    stack.length = keep + 1;
    for (const m of marks.slice(keep)) {
      const t: Tree = { mark: m, kids: [] };
      stack[stack.length - 1].kids.push(t);
      stack.push(t);
    }
    stack[stack.length - 1].kids.push({ ...r, marks: [] });
  }
  return root;
}

function open(m: InlineMark, inner: string): string {
  switch (m.type) {
    case "strong":
    case "emphasis":
      return m.marker + inner + m.marker;
    case "link": {
      if (m.tail !== null) return `[${inner}${m.tail}`;
      const title = m.title ? ` "${m.title.replace(/"/g, '\\"')}"` : "";
      // A new or edited link: what would end or escape the destination (brackets, white space, `\`) is %-encoded.
      const href = m.href.replace(/[()\\\s]/g, (c) =>
        c === "(" ? "%28" : c === ")" ? "%29" : c === "\\" ? "%5C" : encodeURIComponent(c),
      );
      return `[${inner}](${href}${title})`;
    }
    case "code":
      return inner;
  }
}

function codeSpan(m: Extract<InlineMark, { type: "code" }>, value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((s) => s.length));
  const fence = m.fence.length > longest ? m.fence : "`".repeat(longest + 1);
  const pad = m.pad || value.startsWith("`") || value.endsWith("`") || /^ .* $/.test(value);
  return fence + (pad ? " " : "") + value + (pad ? " " : "") + fence;
}

/**
 * Inline MDX for runs: text escaped so that it reads back as those words, marks around their text (white space
 * at a mark's ends moved outside it, where Markdown needs it), references and breaks as written. Lines are trimmed
 * and blank lines dropped (they would end the paragraph).
 */
export function printInline(runs: readonly InlineRun[]): string {
  const emit = (t: Tree): string => {
    let s = "";
    t.kids.forEach((k, i) => {
      if ("kids" in k) {
        const inner = emit(k);
        const lead = /^[ \t]*/.exec(inner)![0];
        const core = inner.slice(lead.length).replace(/[ \t]*$/, "");
        const trail = inner.slice(lead.length + core.length);
        s += lead + (core ? open(k.mark!, core) : "") + trail;
        return;
      }
      if (k.type === "field") s += k.raw;
      else if (k.type === "break") s += k.raw;
      else if (t.mark?.type === "code") s += codeSpan(t.mark, k.text.replace(/\n/g, " "));
      else {
        const prev = t.kids[i - 1];
        const next = t.kids[i + 1];
        const lines = k.text
          .split("\n")
          .map((l, j) => (j > 0 ? l.replace(/^[ \t]+/, "") : l))
          .map((l, j, all) => (j < all.length - 1 ? l.replace(/[ \t]+$/, "") : l))
          .filter((l, j, all) => l !== "" || j === 0 || j === all.length - 1);
        s += lines
          .map((line, j) => {
            const atStart = j > 0 || s.endsWith("\n") || (s === "" && t.mark === null);
            return escapeWords(
              line,
              atStart,
              j === 0 && prev && !("kids" in prev) && prev.type === "text" ? prev.text.slice(-1) : "",
              j === lines.length - 1 && next && !("kids" in next) && next.type === "text" ? next.text.charAt(0) : "",
            );
          })
          .join("\n");
      }
    });
    return s;
  };
  return emit(nest(mergeRuns(runs)));
}
