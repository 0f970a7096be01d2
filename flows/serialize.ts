// Flow → `<Flow>` MDX block, and writing that block back into an SOP's source. Pure and browser-safe.
//
// The syntax (docs/flows.md): one `<Node … />` per line, then one `<Edge … />` per line, in the flow's
// order; attributes in a fixed order; values in double quotes with &, " and line breaks written as
// character references (MDX decodes them), so parse → serialise → parse gives the same graph.
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import remarkMdx from "remark-mdx";
import { parseSop } from "../sop-schema/parse";
import type { FlowGraph } from "./model";
import { NODE_ATTRIBUTE_KEYS } from "./model";

export type SerializeOptions = {
  /** Prepended to every line after the first (the first line starts where the block is placed). */
  indent?: string;
  /** Line ending, "\n" by default. */
  eol?: "\n" | "\r\n";
};

/** An attribute value in double quotes; MDX decodes the character references back. */
export function quoteAttribute(value: string): string {
  return `"${value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/\r/g, "&#13;").replace(/\n/g, "&#10;")}"`;
}

function attrs(pairs: [string, string | undefined][]): string {
  return pairs
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${quoteAttribute(v)}`)
    .join(" ");
}

/** `<Flow id title>` with its nodes and edges; no trailing line break. */
export function serializeFlow(flow: FlowGraph, options: SerializeOptions = {}): string {
  const indent = options.indent ?? "";
  const eol = options.eol ?? "\n";
  const inner = `${indent}  `;
  const lines = [
    `<Flow ${attrs([
      ["id", flow.id],
      ["title", flow.title],
    ])}>`,
  ];
  for (const n of flow.nodes) {
    const pairs: [string, string | undefined][] = [
      ["id", n.id],
      ["type", n.type],
      ["label", n.label],
    ];
    for (const k of NODE_ATTRIBUTE_KEYS) pairs.push([k, n[k]]);
    lines.push(`${inner}<Node ${attrs(pairs)} />`);
  }
  for (const e of flow.edges)
    lines.push(
      `${inner}<Edge ${attrs([
        ["from", e.from],
        ["to", e.to],
        ["label", e.label],
      ])} />`,
    );
  lines.push(`${indent}</Flow>`);
  return lines.join(eol);
}

// ---------------------------------------------------------------------------------------------
// Source editing

type MdPoint = { line: number; column: number; offset?: number };
type MdNode = { type: string; name?: string | null; children?: MdNode[]; position?: { start: MdPoint; end: MdPoint } };

export class FlowSourceError extends Error {
  override name = "FlowSourceError";
}

let processor: { parse(source: string): unknown } | null = null;
function mdast(source: string): MdNode | null {
  processor ??= unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkMdx).freeze();
  try {
    return processor.parse(source) as MdNode;
  } catch {
    return null;
  }
}

/** The MDX element named `name` that starts at line:column (what sop-schema recorded as its position). */
function findElement(root: MdNode, name: string, at: { line: number; column: number }): MdNode | null {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if ((n.type === "mdxJsxFlowElement" || n.type === "mdxJsxTextElement") && n.name === name) {
      const s = n.position?.start;
      if (s && s.line === at.line && s.column === at.column) return n;
    }
    for (const c of n.children ?? []) stack.push(c);
  }
  return null;
}

function offsets(n: MdNode): { start: number; end: number } | null {
  const s = n.position?.start.offset;
  const e = n.position?.end.offset;
  return typeof s === "number" && typeof e === "number" ? { start: s, end: e } : null;
}

/** White space before `offset` on its line, or "" when text precedes it there. */
function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  const before = source.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : "";
}

function eolOf(source: string): "\n" | "\r\n" {
  return source.includes("\r\n") ? "\r\n" : "\n";
}

function splitBom(source: string): { bom: string; body: string } {
  return source.charCodeAt(0) === 0xfeff
    ? { bom: source.slice(0, 1), body: source.slice(1) }
    : { bom: "", body: source };
}

/**
 * Replaces the `<Flow>` whose (parsed) id is `flowId` with `flow`, keeping every other byte of the source.
 * When the SOP has no such flow, the flow is appended at the end (see insertFlow).
 * Throws FlowSourceError when the source can't be read as MDX.
 */
export function replaceFlowInSource(source: string, flowId: string, flow: FlowGraph): string {
  const { bom, body } = splitBom(source);
  const doc = parseSop(body);
  const target = doc.flows.find((f) => f.id === flowId);
  if (!target) return insertFlow(source, flow);
  const root = mdast(body);
  const el = root && findElement(root, "Flow", target.position);
  const range = el && offsets(el);
  if (!range) throw new FlowSourceError(`Could not locate the <Flow> "${flowId}" in the source`);
  const block = serializeFlow(flow, { indent: indentAt(body, range.start), eol: eolOf(body) });
  return bom + body.slice(0, range.start) + block + body.slice(range.end);
}

export type InsertFlowOptions = {
  /** Put the flow at the end of this step (which must not have a flow yet). Default: at the end of the SOP. */
  stepId?: string;
};

/**
 * Adds `flow` to the SOP source: at the end of step `stepId`, or at the end of the document (a top-level
 * `<Flow>` becomes a step of its own, titled by the flow's title). Everything else is kept byte for byte.
 * Throws FlowSourceError for an unknown step, a step that already has a flow, or unreadable MDX.
 */
export function insertFlow(source: string, flow: FlowGraph, options: InsertFlowOptions = {}): string {
  const { bom, body } = splitBom(source);
  const eol = eolOf(body);
  if (options.stepId === undefined) {
    let head = body;
    if (head.length > 0 && !head.endsWith("\n")) head += eol;
    if (head.length > 0 && !/\n[ \t]*\r?\n$/.test(head)) head += eol;
    return bom + head + serializeFlow(flow, { eol }) + eol;
  }
  const doc = parseSop(body);
  const step = doc.steps.find((s) => s.id === options.stepId);
  if (!step) throw new FlowSourceError(`The SOP has no step "${options.stepId}"`);
  if (step.flowId !== undefined)
    throw new FlowSourceError(
      `Step "${step.id}" already has the flow "${step.flowId}" — replace it with replaceFlowInSource`,
    );
  const root = mdast(body);
  const el = root && findElement(root, "Step", step.position);
  const range = el && offsets(el);
  if (!range) throw new FlowSourceError(`Could not locate the <Step> "${step.id}" in the source`);
  const stepIndent = indentAt(body, range.start);
  const inner = `${stepIndent}  `;
  const block = inner + serializeFlow(flow, { indent: inner, eol });
  const close = body.lastIndexOf("</", range.end);
  if (close < range.start || !/^<\/\s*Step\s*>$/.test(body.slice(close, range.end))) {
    // Self-closing <Step … />: open it up.
    const selfClose = body.lastIndexOf("/>", range.end);
    const open = body.slice(range.start, selfClose).replace(/\s+$/, "");
    return (
      bom +
      body.slice(0, range.start) +
      `${open}>${eol}${eol}${block}${eol}${stepIndent}</Step>` +
      body.slice(range.end)
    );
  }
  const lineStart = body.lastIndexOf("\n", close - 1) + 1;
  if (/^[ \t]*$/.test(body.slice(lineStart, close))) {
    const before = body.slice(0, lineStart);
    const blank = /(^|\n)[ \t]*\r?\n$/.test(before) ? "" : eol;
    return bom + before + blank + block + eol + body.slice(lineStart);
  }
  return bom + body.slice(0, close) + eol + eol + block + eol + stepIndent + body.slice(close);
}
