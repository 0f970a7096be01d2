// The canonical MDX a new or rewritten block is written in. Pure and browser-safe.
//
// The style is the one of docs/sop-format.md and the editor's insert palette (authoring/templates.ts): a step,
// tip, warning, escalation or template holds its blocks unindented with blank lines between them; a flow, quiz or
// scenario holds one element per line, indented by two spaces; a script or check fits on one line; attributes in
// double quotes, in the order components.ts lists them, booleans bare. Text comes back without indentation and
// with \n line breaks: the edit that places it indents it and uses the document's line breaks.
import type { ComponentName } from "../../sop-schema/components";
import type { TableAlign } from "../../sop-schema/types";
import { attributeOrder, writeAttribute, type AnyProps } from "./props";

export type NewBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "heading"; depth: number; text: string }
  | { kind: "list"; ordered?: boolean; items: string[] }
  | { kind: "table"; align?: TableAlign[]; head: string[]; rows: string[][] }
  | { kind: "code"; lang?: string | null; value: string }
  | { kind: "thematicBreak" }
  | { kind: "quote"; text: string }
  | { kind: "comment"; text: string }
  | { kind: "source"; text: string }
  | {
      kind: "component";
      name: ComponentName;
      props?: AnyProps;
      /** inline Markdown: a script's or check's words, a tip's paragraph, a question's explanation */
      text?: string;
      children?: NewBlock[];
    };

/** Components written `<Name … />`. A question without an explanation is too. */
const SELF_CLOSING: readonly ComponentName[] = ["Field", "Node", "Edge", "Answer"];
/** Components whose words stay on the tag's line: `<Say>…</Say>`, `<Check>…</Check>`. */
const ONE_LINE: readonly ComponentName[] = ["Say", "Check"];
/** Components holding one element per line, indented. */
const LINE_CONTAINERS: readonly ComponentName[] = ["Flow", "Quiz", "Scenario"];

export function isLineContainer(name: ComponentName): boolean {
  return LINE_CONTAINERS.includes(name);
}

function indentLines(text: string, indent: string): string {
  return text
    .split("\n")
    .map((l) => (l === "" ? l : indent + l))
    .join("\n");
}

/** `<Name a="b" c>` without the closing bracket. */
export function openTag(name: ComponentName, props: AnyProps = {}): string {
  const known = attributeOrder(name);
  const keys = [...known.filter((k) => k in props), ...Object.keys(props).filter((k) => !known.includes(k))];
  const attrs = keys.map((k) => writeAttribute(name, k, props[k])).filter((a): a is string => a !== null);
  return `<${name}${attrs.map((a) => ` ${a}`).join("")}`;
}

function printComponent(b: Extract<NewBlock, { kind: "component" }>): string {
  const open = openTag(b.name, b.props);
  const children = b.children ?? [];
  const text = b.text ?? "";
  const hasContent = children.length > 0 || text.trim() !== "";
  if (SELF_CLOSING.includes(b.name) || (b.name === "Question" && !hasContent)) return `${open} />`;
  if (ONE_LINE.includes(b.name) && children.length === 0) {
    const words = b.name === "Check" ? text.replace(/\s*\n\s*/g, " ").trim() : text.trim();
    if (!words.includes("\n")) return `${open}>${words}</${b.name}>`;
    return `${open}>\n${indentLines(words, "  ")}\n</${b.name}>`;
  }
  const inner = [...(text.trim() ? [text.trim()] : []), ...children.map(printBlock)];
  if (b.name === "Question") return `${open}>\n${indentLines(inner.join("\n\n"), "  ")}\n</${b.name}>`;
  if (LINE_CONTAINERS.includes(b.name)) {
    if (inner.length === 0) return `${open}>\n</${b.name}>`;
    return `${open}>\n${indentLines(inner.join("\n"), "  ")}\n</${b.name}>`;
  }
  if (inner.length === 0) return `${open}>\n</${b.name}>`;
  return `${open}>\n\n${inner.join("\n\n")}\n\n</${b.name}>`;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();

/** A table cell: one line, `|` escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/(^|[^\\])\|/g, "$1\\|");
}

function printTable(b: Extract<NewBlock, { kind: "table" }>): string {
  const columns = Math.max(1, b.head.length);
  const row = (cells: string[]) => `| ${Array.from({ length: columns }, (_, i) => cell(cells[i] ?? "")).join(" | ")} |`;
  const delimiter = Array.from({ length: columns }, (_, i) => {
    const a = b.align?.[i] ?? null;
    return a === "left" ? ":---" : a === "right" ? "---:" : a === "center" ? ":---:" : "---";
  });
  return [row(b.head), `| ${delimiter.join(" | ")} |`, ...b.rows.map(row)].join("\n");
}

function printCode(b: Extract<NewBlock, { kind: "code" }>): string {
  const longest = Math.max(0, ...(b.value.match(/`{3,}/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  const value = b.value.replace(/\r\n?/g, "\n").replace(/\n$/, "");
  return `${fence}${b.lang ?? ""}\n${value}${value ? "\n" : ""}${fence}`;
}

function printList(b: Extract<NewBlock, { kind: "list" }>): string {
  return b.items
    .map((item, i) => {
      const marker = b.ordered ? `${i + 1}.` : "-";
      const pad = " ".repeat(marker.length + 1);
      const [first, ...rest] = item.trim().split("\n");
      return [`${marker} ${first}`, ...rest.map((l) => (l.trim() ? pad + l.trim() : ""))].join("\n");
    })
    .join("\n");
}

/** The canonical text of a new block (no indentation, \n line breaks, no blank lines around). */
export function printBlock(b: NewBlock): string {
  switch (b.kind) {
    case "paragraph":
      return b.text.trim().replace(/\n[ \t]*\n[\s]*/g, "\n");
    case "heading":
      return `${"#".repeat(Math.min(6, Math.max(1, Math.trunc(b.depth) || 2)))} ${oneLine(b.text)}`;
    case "list":
      return printList(b);
    case "table":
      return printTable(b);
    case "code":
      return printCode(b);
    case "thematicBreak":
      return "---";
    case "quote":
      return b.text
        .trim()
        .split("\n")
        .map((l) => (l.trim() ? `> ${l.trim()}` : ">"))
        .join("\n");
    case "comment":
      return `{/* ${b.text.replace(/\*\//g, "* /").trim()} */}`;
    case "source":
      return b.text.replace(/\r\n?/g, "\n").trim();
    case "component":
      return printComponent(b);
  }
}
