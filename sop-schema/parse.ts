// MDX source → validated SopDocument + diagnostics. Parse only: the MDX is never compiled or run.
// Browser-safe: no node APIs here.
import { inlineText } from "./inline";
import { collectLinkDefinitions, isSafeUrl, linkTarget, type LinkDefinitions } from "./links";
import { blockText, walkDocument } from "./walk";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import remarkMdx from "remark-mdx";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import type {
  Block,
  Diagnostic,
  FieldDef,
  FieldType,
  Flow,
  FlowEdge,
  FlowNode,
  FlowNodeType,
  GlossaryEntry,
  Inline,
  ParseOptions,
  Position,
  QuestionType,
  Quiz,
  QuizQuestion,
  Scenario,
  ScenarioAnswer,
  Section,
  SopDocument,
  Step,
  TableAlign,
} from "./types";
import { NODE_TYPES, FIELD_TYPES, OUTCOMES, QUESTION_TYPES } from "./types";
import type { DiagnosticCode } from "./diagnostics";
import { DIAGNOSTIC_CODES, sortDiagnostics, suggestionHint } from "./diagnostics";
import type { AttrValue, ComponentName, ContextKind, FieldAttributes, ValidatedComponent } from "./components";
import {
  COMPONENT_ATTRIBUTES,
  COMPONENT_NAMES,
  DIRECT_ONLY,
  PLACEMENT,
  TEXT_LIKE_FIELD_TYPES,
  describeContext,
  isComponentName,
} from "./components";
import { emptyMeta, extractFrontMatter, isIsoDate, parseFrontMatter } from "./frontmatter";
import type { FrontMatterBlock } from "./frontmatter";
import { slugify, uniqueId } from "./slug";
import { applyTerms, createTermMatcher } from "./terms";
import type { TermMatcher } from "./terms";
import { describeMdxError } from "./mdx-errors";
import { checkSourceLimits, SOP_LIMITS } from "./limits";
import { patchMicromarkEditMap } from "./micromark-patch";
import { compileFieldPattern, testFieldPattern } from "./pattern";
import {
  EXAMPLE_ATTRIBUTES,
  EXAMPLE_TEXT_HINT,
  exampleTextMessage,
  isExampleAttribute,
  isExampleText,
} from "./placeholders";

// ---------------------------------------------------------------------------------------------
// A loose view of the mdast nodes we read (remark-parse + remark-mdx + remark-frontmatter); the visual editor
// (authoring/visual/blocks.ts) and the Markdown import read the same view.

export type MdPoint = { line: number; column: number; offset?: number };
export type MdPosition = { start: MdPoint; end: MdPoint };
export type MdAttribute =
  | {
      type: "mdxJsxAttribute";
      name: string;
      value?: string | null | { type: "mdxJsxAttributeValueExpression"; value: string };
      position?: MdPosition;
    }
  | { type: "mdxJsxExpressionAttribute"; value: string; position?: MdPosition };
export interface MdNode {
  type: string;
  children?: MdNode[];
  value?: string;
  position?: MdPosition;
  name?: string | null;
  attributes?: MdAttribute[];
  depth?: number;
  ordered?: boolean | null;
  start?: number | null;
  lang?: string | null;
  meta?: string | null;
  url?: string;
  title?: string | null;
  alt?: string | null;
  identifier?: string;
  label?: string | null;
  align?: (string | null)[] | null;
}

/**
 * GFM tables only (not the rest of GFM: autolinks, footnotes, task lists and `~~` keep their CommonMark
 * meaning). remark-gfm bundles all of GFM; these are the two packages it takes tables from.
 */
function remarkGfmTables(this: { data(): object }) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

let processor: { parse(source: string): unknown } | null = null;
function getProcessor() {
  patchMicromarkEditMap(); // micromark's EditMap.consume is quadratic; see micromark-patch.ts
  processor ??= unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ["yaml"])
    .use(remarkMdx)
    .use(remarkGfmTables)
    .freeze();
  return processor;
}

/**
 * The mdast of `source` with exactly the parser's configuration (MDX, YAML front matter, GFM tables): the visual
 * editor (authoring/visual) reads blocks from the same tree the parser checks. Throws what remark-mdx throws.
 */
export function parseMdxTree(source: string): unknown {
  return parseTree(source);
}

/**
 * The last tree parsed, kept for the next reader of the same text: the editor parses each text twice, for
 * parseSop and for the visual editor's blocks (~100 ms each at 20 KB). Readers never change a tree. A text that
 * fails to parse is not kept (it throws again).
 */
let lastTree: { source: string; tree: unknown } | null = null;
function parseTree(source: string): unknown {
  if (lastTree?.source === source) return lastTree.tree;
  const tree = getProcessor().parse(source);
  lastTree = { source, tree };
  return tree;
}

// ---------------------------------------------------------------------------------------------

export { inlineText, isSafeUrl };

const IDENTIFIER_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const COMMENT_RE = /^(?:\/\*[\s\S]*?\*\/\s*)+$/;

function toSnakeCase(s: string): string {
  const snake = s
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
}

const HTML_HINTS: Record<string, string> = {
  script: "an SOP is data, not code: scripts never run",
  style: "styling comes from the app, not the SOP",
  iframe: "embedded pages are not allowed; link to them with [text](https://…)",
  a: "write links as [text](https://…)",
  b: "write **bold** instead",
  strong: "write **bold** instead",
  i: "write *emphasis* instead",
  em: "write *emphasis* instead",
  br: "end the line with a backslash \\ for a line break",
  p: "write plain text; separate paragraphs with an empty line",
  div: "write plain text; use <Tip> or <Warning> to highlight a block",
  span: "write plain text",
  ul: "write a markdown list: lines starting with - ",
  ol: "write a numbered list: lines starting with 1. ",
  li: "write a markdown list: lines starting with - ",
  img: "images are not supported yet",
  table: "write a Markdown table: a header row like | Plan | Price |, then |---|---|, then one line per row",
  details: 'for a canned reply the agent copies, use <Template title="…">…</Template>',
  summary: 'for a canned reply the agent copies, use <Template title="…">…</Template>',
  h1: "use ## for a section and ### for a sub-heading",
  h2: "use ## for a section",
  h3: "use ### for a sub-heading",
};

type StepState = { step: Step; checks: number };
type Ctx = { kind: ContextKind; step?: StepState; container?: boolean };
type Piece = { kind: "inline"; nodes: MdNode[] } | { kind: "element"; node: MdNode };

function pos(node: MdNode | undefined): Position {
  const p = node?.position?.start;
  return p ? { line: p.line, column: p.column } : { line: 1, column: 1 };
}

class Builder {
  readonly diagnostics: Diagnostic[] = [];
  readonly sections: Section[] = [];
  readonly steps: Step[] = [];
  readonly fields: FieldDef[] = [];
  readonly flows: Flow[] = [];
  readonly variables: { name: string; position: Position }[] = [];
  readonly quizzes: Quiz[] = [];
  readonly scenarios: Scenario[] = [];
  private readonly quizIds = new Set<string>();
  private readonly scenarioIds = new Set<string>();
  /** Ids derived from titles, given out in finish() so they never take an explicit id written further down. */
  private readonly derivedIds: { ids: Set<string>; base: string; assign(id: string): void }[] = [];
  /** Scenario answers, checked in finish() against every field and flow of the SOP. */
  private readonly answerRefs: { answer: ScenarioAnswer; el: MdNode }[] = [];
  private readonly fieldByName = new Map<string, FieldDef>();
  private readonly capturedByNodes = new Set<string>();
  private readonly stepIds = new Set<string>();
  private readonly explicitStepIds = new Set<string>();
  private readonly sectionIds = new Set<string>();
  private readonly flowIds = new Set<string>();
  private readonly gotoRefs: { step: string; node: MdNode }[] = [];
  /** The page's link reference definitions, read before the walk (a reference may come before its definition). */
  private definitions: LinkDefinitions = new Map();
  private readonly terms: TermMatcher | null;
  private section: Section | null = null;
  private sectionCount = 0;
  /** How deep blocks()/inlines() have recursed: a guard behind the pre-scan, so no walk can overflow the stack. */
  private depth = 0;
  private tooDeepReported = false;

  constructor(glossary: GlossaryEntry[]) {
    this.terms = createTermMatcher(glossary);
  }

  // ---- diagnostics ------------------------------------------------------------------------

  report(code: DiagnosticCode, message: string, at: MdNode | Position | undefined, hint?: string): void {
    const d: Diagnostic = { severity: DIAGNOSTIC_CODES[code].severity, code, message, line: 1, column: 1 };
    if (hint) d.hint = hint;
    if (at && "type" in at) {
      const p = at.position;
      if (p) {
        d.line = p.start.line;
        d.column = p.start.column;
        if (p.end) {
          d.endLine = p.end.line;
          d.endColumn = p.end.column;
        }
      }
    } else if (at) {
      d.line = at.line;
      d.column = at.column;
    }
    this.diagnostics.push(d);
  }

  // ---- document level ---------------------------------------------------------------------

  walkRoot(root: MdNode): void {
    const children = root.children ?? [];
    this.definitions = collectLinkDefinitions(root);
    this.prescanStepIds(children);
    const rootCtx: Ctx = { kind: "root" };
    for (const child of children) {
      if (child.type === "yaml") continue;
      if (child.type === "heading" && (child.depth ?? 2) <= 2) {
        if (child.depth === 1)
          this.report(
            "h1-heading",
            "A # heading is not needed: the SOP title comes from the front matter — it is treated as a ## section",
            child,
            "use ## for sections and ### for sub-headings",
          );
        this.startSection(child);
        continue;
      }
      if (child.type === "mdxJsxFlowElement" && (child.name === "Step" || child.name === "Flow")) {
        this.topLevelElement(child);
        continue;
      }
      if (child.type === "paragraph") {
        for (const piece of this.splitParagraph(child)) {
          if (piece.kind === "inline") {
            const p = this.paragraph(piece.nodes, rootCtx);
            if (p) this.pushIntro([p], child);
          } else if (piece.node.name === "Step" || piece.node.name === "Flow") this.topLevelElement(piece.node);
          else this.pushIntro(this.component(piece.node, rootCtx), piece.node);
        }
        continue;
      }
      this.pushIntro(this.blocks([child], rootCtx), child);
    }
  }

  private topLevelElement(el: MdNode): void {
    if (el.name === "Step") this.addStep(el);
    else this.addFlowStep(el);
  }

  /** Enters one level of the tree walk; false (and one diagnostic) beyond SOP_LIMITS.maxTreeDepth. */
  private enter(at: MdNode | undefined): boolean {
    if (this.depth >= SOP_LIMITS.maxTreeDepth) {
      if (!this.tooDeepReported) {
        this.tooDeepReported = true;
        this.report(
          "nesting-too-deep",
          `The content is nested more than ${SOP_LIMITS.maxTreeDepth} levels deep here; the deeper part is left out`,
          at,
          "flatten the lists, quotes and components around this line",
        );
      }
      return false;
    }
    this.depth++;
    return true;
  }

  private prescanStepIds(children: MdNode[]): void {
    const visit = (el: MdNode) => {
      if (el.name !== "Step") return;
      for (const a of el.attributes ?? []) {
        if (a.type === "mdxJsxAttribute" && a.name === "id" && typeof a.value === "string")
          this.explicitStepIds.add(a.value);
      }
    };
    for (const c of children) {
      if (c.type === "mdxJsxFlowElement") visit(c);
      else if (c.type === "paragraph") for (const p of c.children ?? []) if (p.type === "mdxJsxTextElement") visit(p);
    }
  }

  private ensureSection(at: MdNode): Section {
    if (!this.section) {
      this.section = {
        id: uniqueId("intro", this.sectionIds),
        number: 0,
        title: null,
        intro: [],
        stepIds: [],
        position: pos(at),
        items: [],
      };
      this.sections.push(this.section);
    }
    return this.section;
  }

  private pushIntro(blocks: Block[], at: MdNode): void {
    if (blocks.length === 0) return;
    const section = this.ensureSection(at);
    section.intro.push(...blocks);
    const items = (section.items ??= []);
    const last = items[items.length - 1];
    if (last && last.kind === "blocks") last.blocks.push(...blocks);
    else items.push({ kind: "blocks", blocks: [...blocks] });
  }

  private startSection(heading: MdNode): void {
    const title = inlineText(this.inlines(heading.children ?? [], { kind: "root" }, "inside a heading")).trim();
    const number = ++this.sectionCount;
    this.section = {
      id: uniqueId(slugify(title) || `section-${number}`, this.sectionIds),
      number,
      title,
      intro: [],
      stepIds: [],
      position: pos(heading),
      items: [],
    };
    this.sections.push(this.section);
  }

  private newStep(el: MdNode, title: string, id: string): StepState {
    const section = this.ensureSection(el);
    const step: Step = {
      id,
      number: this.steps.length + 1,
      title,
      sectionId: section.id,
      blocks: [],
      fieldNames: [],
      checkIds: [],
      escalations: [],
      position: pos(el),
    };
    this.steps.push(step);
    section.stepIds.push(id);
    (section.items ??= []).push({ kind: "step", stepId: id });
    return { step, checks: 0 };
  }

  private derivedStepId(base: string): string {
    let id = base;
    for (let n = 2; this.stepIds.has(id) || this.explicitStepIds.has(id); n++) id = `${base}-${n}`;
    this.stepIds.add(id);
    return id;
  }

  private addStep(el: MdNode): void {
    const number = this.steps.length + 1;
    const attrs = this.attributes("Step", el).values as { title?: string; id?: string };
    const title = attrs.title ?? `Step ${number}`;
    let id: string;
    if (attrs.id !== undefined) {
      if (this.stepIds.has(attrs.id)) {
        const first = this.steps.find((s) => s.id === attrs.id);
        this.report(
          "duplicate-step-id",
          `Two steps have the id "${attrs.id}"` +
            (first ? ` (the first is “${first.title}”, line ${first.position.line})` : "") +
            " — step ids must be unique",
          this.attributeNode(el, "id") ?? el,
          "rename one of them, or remove id= to derive it from the title",
        );
        id = uniqueId(attrs.id, this.stepIds);
      } else {
        id = attrs.id;
        this.stepIds.add(id);
      }
    } else id = this.derivedStepId(slugify(title) || `step-${number}`);

    const state = this.newStep(el, title, id);
    state.step.blocks = this.blocks(this.childrenAsBlocks(el), { kind: "Step", step: state });
    if (!this.hasContent(el))
      this.report("empty-step", `Step “${title}” is empty — add text, a <Say>, a <Field> or a <Check>`, el);
  }

  /** A top-level <Flow> becomes its own step, titled by the flow title. */
  private addFlowStep(el: MdNode): void {
    const number = this.steps.length + 1;
    const attrs = this.attributes("Flow", el).values as { title?: string; id?: string };
    if (attrs.title === undefined && !this.attributeNode(el, "title"))
      this.report(
        "missing-attribute",
        "A <Flow> at the top level needs a `title`: it becomes its own step",
        el,
        'e.g. <Flow id="triage" title="Which issue is it?">',
      );
    const title = attrs.title ?? `Flow ${number}`;
    const id = this.derivedStepId(attrs.id ?? (slugify(title) || `step-${number}`));
    const state = this.newStep(el, title, id);
    const flow = this.buildFlow(el, attrs, state.step, title);
    state.step.flowId = flow.id;
    state.step.blocks = [{ type: "flow", flowId: flow.id }];
  }

  // ---- blocks -----------------------------------------------------------------------------

  private childrenAsBlocks(el: MdNode): MdNode[] {
    if (el.type === "mdxJsxTextElement") {
      const children = el.children ?? [];
      return children.length ? [{ type: "paragraph", children, position: el.position }] : [];
    }
    return el.children ?? [];
  }

  /** Splits a paragraph into runs of inline content and the block components written inside it. */
  private splitParagraph(p: MdNode): Piece[] {
    const pieces: Piece[] = [];
    let run: MdNode[] = [];
    const flush = () => {
      if (run.some((n) => n.type !== "text" || (n.value ?? "").trim() !== ""))
        pieces.push({ kind: "inline", nodes: run });
      run = [];
    };
    for (const child of p.children ?? []) {
      if (child.type === "mdxJsxTextElement" && child.name && isComponentName(child.name)) {
        flush();
        pieces.push({ kind: "element", node: child });
      } else run.push(child);
    }
    flush();
    return pieces;
  }

  /** A template's or the insert menu's example text left as it was: a warning that blocks review. */
  private exampleText(inlines: readonly Inline[], at: MdNode | undefined): void {
    const text = inlineText(inlines);
    if (isExampleText(text)) this.report("example-text", exampleTextMessage(text), at, EXAMPLE_TEXT_HINT);
  }

  private paragraph(nodes: MdNode[], ctx: Ctx, place = "inside text"): Block | null {
    const inl = trimInlines(mergeText(this.inlines(nodes, ctx, place)));
    if (inl.length === 0) return null;
    this.exampleText(inl, nodes[0]);
    return { type: "paragraph", children: applyTerms(inl, this.terms) };
  }

  blocks(nodes: MdNode[], ctx: Ctx): Block[] {
    if (!this.enter(nodes[0])) return [];
    try {
      return this.blocksAt(nodes, ctx);
    } finally {
      this.depth--;
    }
  }

  private blocksAt(nodes: MdNode[], ctx: Ctx): Block[] {
    const out: Block[] = [];
    for (const node of nodes) {
      switch (node.type) {
        case "paragraph":
          for (const piece of this.splitParagraph(node)) {
            if (piece.kind === "inline") {
              const p = this.paragraph(piece.nodes, ctx);
              if (p) out.push(p);
            } else out.push(...this.component(piece.node, ctx));
          }
          break;
        case "heading": {
          let depth = node.depth ?? 3;
          if (depth <= 2) {
            this.report(
              "heading-in-step",
              `A ${"#".repeat(depth)} heading can't start a ` +
                `section ${describeContext(ctx.kind)} — it is shown as a ### sub-heading`,
              node,
              "use ### inside steps; ## sections go at the top level",
            );
            depth = 3;
          }
          out.push({
            type: "heading",
            depth: Math.min(6, depth) as 3 | 4 | 5 | 6,
            children: trimInlines(mergeText(this.inlines(node.children ?? [], ctx, "inside a heading"))),
          });
          break;
        }
        case "list": {
          const inner: Ctx = { ...ctx, container: true };
          const block: Block = {
            type: "list",
            ordered: node.ordered === true,
            items: (node.children ?? []).map((item) => this.blocks(item.children ?? [], inner)),
          };
          if (node.ordered && typeof node.start === "number") block.start = node.start;
          out.push(block);
          break;
        }
        case "blockquote":
          out.push({ type: "blockquote", children: this.blocks(node.children ?? [], { ...ctx, container: true }) });
          break;
        case "code": {
          const block: Block = { type: "code", value: node.value ?? "" };
          if (node.lang) block.lang = node.lang;
          out.push(block);
          break;
        }
        case "thematicBreak":
          out.push({ type: "thematicBreak" });
          break;
        case "table": {
          const table = this.table(node, ctx);
          if (table) out.push(table);
          break;
        }
        case "mdxJsxFlowElement":
          out.push(...this.component(node, ctx));
          break;
        case "mdxFlowExpression": {
          const v = this.expression(node);
          if (v) out.push({ type: "paragraph", children: [v] });
          break;
        }
        case "mdxjsEsm":
          this.esm(node);
          break;
        case "html":
          this.report(
            "html-not-allowed",
            "HTML is not allowed in an SOP",
            node,
            "use markdown and the SOP components instead",
          );
          break;
        default:
          // definition, yaml (handled elsewhere), and node types our syntax never produces.
          break;
      }
    }
    return out;
  }

  /** A GFM table: header cells, body rows cut or padded to the header's width, within SOP_LIMITS. */
  private table(node: MdNode, ctx: Ctx): Block | null {
    const rows = node.children ?? [];
    const headRow = rows[0];
    if (!headRow) return null;
    const columns = (headRow.children ?? []).length;
    if (columns > SOP_LIMITS.maxTableColumns) {
      this.report(
        "table-too-large",
        `This table has ${columns.toLocaleString("en")} columns; a table ` +
          `may have at most ${SOP_LIMITS.maxTableColumns} — it is left out`,
        headRow,
        "split it into several tables, or turn the columns into rows",
      );
      return null;
    }
    const cellCtx: Ctx = { ...ctx, container: true };
    const cells = (row: MdNode): Inline[][] => {
      const out = (row.children ?? [])
        .slice(0, columns)
        .map((cell) =>
          applyTerms(
            trimInlines(mergeText(this.inlines(cell.children ?? [], cellCtx, "inside a table cell"))),
            this.terms,
          ),
        );
      while (out.length < columns) out.push([]);
      return out;
    };
    const align: TableAlign[] = Array.from({ length: columns }, (_, i) => {
      const a = node.align?.[i];
      return a === "left" || a === "center" || a === "right" ? a : null;
    });
    const body = rows.slice(1);
    const maxRows = SOP_LIMITS.maxTableRows;
    if (body.length > maxRows)
      this.report(
        "table-too-large",
        `This table has ${body.length.toLocaleString("en")} rows; a table may have ` +
          `at most ${maxRows.toLocaleString("en")} — the rows after that are left out`,
        body[maxRows],
        "split it into several tables (one per topic), or link to the full list",
      );
    const kept = body.slice(0, maxRows);
    // Once per table: the first row with more cells than the header (GFM drops the extra cells).
    const wide = kept.filter((row) => (row.children ?? []).length > columns);
    if (wide.length) {
      const n = (wide[0].children ?? []).length;
      const more = wide.length > 1 ? ` (and ${wide.length - 1} more row${wide.length === 2 ? "" : "s"})` : "";
      this.report(
        "table-extra-cells",
        `This row has ${n} cells but the table has ${columns} column${columns === 1 ? "" : "s"} ` +
          `(its header row)${more} — the extra cells are not shown`,
        wide[0].children![columns],
        "add the column to the header row, or write a | inside a cell as \\|",
      );
    }
    return { type: "table", align, head: cells(headRow), rows: kept.map(cells) };
  }

  private esm(node: MdNode): void {
    const first = (node.value ?? "").trim().split(/\s+/)[0] || "import";
    this.report(
      "esm-not-allowed",
      `\`${first}\` lines are not allowed: an SOP is data, not code`,
      node,
      "remove the line; use the SOP components (<Step>, <Say>, …) which need no import",
    );
  }

  /** `{name}` → var; comments → nothing; anything else → error. */
  private expression(node: MdNode): Inline | null {
    const raw = node.value ?? "";
    const value = raw.trim();
    if (value !== "" && COMMENT_RE.test(value)) return null;
    if (IDENTIFIER_RE.test(value)) {
      this.variables.push({ name: value, position: pos(node) });
      return { type: "var", name: value };
    }
    const shown = value.length > 40 ? `${value.slice(0, 37)}…` : value;
    this.report(
      "expression-not-allowed",
      value === ""
        ? "Empty braces {} are not allowed"
        : `{${shown}} is an expression — an SOP can only reference a captured field by name, like {customer_name}`,
      node,
      "only {field_name} references are allowed; to show a brace in text write \\{",
    );
    return null;
  }

  // ---- components -------------------------------------------------------------------------

  private attributeNode(el: MdNode, name: string): MdNode | undefined {
    const a = (el.attributes ?? []).find((x) => x.type === "mdxJsxAttribute" && x.name === name);
    return a ? ({ type: "attribute", position: a.position } as MdNode) : undefined;
  }

  /** Reports html/unknown names; true when `el` is one of our components. */
  private checkName(el: MdNode): el is MdNode & { name: ComponentName } {
    const name = el.name;
    if (!name) {
      this.report("unknown-component", "Empty tags <>…</> are not allowed", el, "remove them and keep the content");
      return false;
    }
    if (isComponentName(name)) return true;
    const caseOnly = COMPONENT_NAMES.find((c) => c.toLowerCase() === name.toLowerCase());
    if (caseOnly) {
      this.report(
        "unknown-component",
        `<${name}> is not a component — names are case-sensitive`,
        el,
        `did you mean <${caseOnly}>?`,
      );
      return false;
    }
    if (/^[a-z]/.test(name) && !/[.:]/.test(name)) {
      this.report(
        "html-not-allowed",
        `HTML tags like <${name}> are not allowed in an SOP`,
        el,
        HTML_HINTS[name] ??
          suggestionHint(name, COMPONENT_NAMES, (s) => `<${s}>`) ??
          "use markdown and the SOP components instead",
      );
      return false;
    }
    this.report(
      "unknown-component",
      `<${name}> is not an SOP component`,
      el,
      suggestionHint(name, COMPONENT_NAMES, (s) => `<${s}>`) ??
        `the components are ${COMPONENT_NAMES.map((c) => `<${c}>`).join(", ")}`,
    );
    return false;
  }

  /** Validates attributes against the component's zod schema; reports each problem at its attribute. */
  attributes(
    component: ComponentName,
    el: MdNode,
  ): { values: Record<string, unknown>; raw: Record<string, AttrValue> } {
    const raw: Record<string, AttrValue> = {};
    const nodes: Record<string, MdNode> = {};
    const badlyWritten = new Set<string>(); // present but reported already (braces): no "missing" on top
    const schema = COMPONENT_ATTRIBUTES[component as ValidatedComponent];
    const known = Object.keys(schema.shape);
    for (const attr of el.attributes ?? []) {
      const at = { type: "attribute", position: attr.position ?? el.position } as MdNode;
      if (attr.type === "mdxJsxExpressionAttribute") {
        const shown = attr.value.length > 30 ? `${attr.value.slice(0, 27)}…` : attr.value;
        this.report(
          "spread-not-allowed",
          `{${shown}} on <${component}> is not allowed: attributes can't be computed`,
          at,
          'write each attribute as name="value"',
        );
        continue;
      }
      const name = attr.name;
      if (attr.value && typeof attr.value === "object") {
        this.report(
          "expression-attribute",
          `\`${name}={${attr.value.value}}\` on <${component}> uses braces — attribute values are plain text`,
          at,
          `write the value in quotes: ${name}="…"`,
        );
        badlyWritten.add(name);
        continue;
      }
      if (name in raw) {
        this.report("duplicate-attribute", `\`${name}\` is written twice on <${component}>`, at, "keep one");
        continue;
      }
      if (!known.includes(name)) {
        this.report(
          "unknown-attribute",
          `<${component}> has no attribute \`${name}\``,
          at,
          suggestionHint(name, known, (s) => `\`${s}\``) ??
            (known.length
              ? `<${component}> takes ${known.map((k) => `\`${k}\``).join(", ")}`
              : `<${component}> takes no attributes`),
        );
        continue;
      }
      raw[name] = attr.value === null || attr.value === undefined ? true : attr.value;
      nodes[name] = at;
    }

    const values: Record<string, unknown> = {};
    const shape = schema.shape as Record<
      string,
      { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } }
    >;
    for (const key of known) {
      let v: AttrValue | undefined = raw[key];
      const optional = shape[key].safeParse(undefined).success;
      if (optional && typeof v === "string" && v.trim() === "") v = undefined; // empty optional = absent
      const r = shape[key].safeParse(v);
      if (r.success) {
        if (r.data !== undefined) values[key] = r.data;
        continue;
      }
      const message = r.error?.issues[0]?.message ?? `\`${key}\` on <${component}> is not valid`;
      const missing = v === undefined || (typeof v === "string" && v.trim() === "");
      if (v === undefined && badlyWritten.has(key)) continue;
      let code: DiagnosticCode = missing ? "missing-attribute" : "invalid-attribute";
      let hint: string | undefined;
      if (!missing) {
        const text = String(v);
        if ((component === "Field" && key === "name") || (component === "Node" && key === "field")) {
          code = "invalid-field-name";
          const suggestion = toSnakeCase(text);
          if (suggestion && suggestion !== text) hint = `try ${key}="${suggestion}"`;
        } else if (component === "Field" && key === "type") {
          code = "invalid-field-type";
          hint = suggestionHint(text, FIELD_TYPES, (s) => `type="${s}"`);
        } else if (component === "Node" && key === "type") {
          code = "invalid-node-type";
          hint = suggestionHint(text, NODE_TYPES, (s) => `type="${s}"`);
        } else if (component === "Question" && key === "type") {
          hint = suggestionHint(text, QUESTION_TYPES, (s) => `type="${s}"`);
        } else if (component === "Answer" && key === "field") {
          code = "invalid-field-name";
        } else if (component === "Field" && key === "pattern") {
          const problem = compileFieldPattern(text);
          code = problem.ok ? "invalid-pattern" : problem.code;
          hint = problem.ok ? undefined : problem.hint;
        }
      }
      this.report(code, message, nodes[key] ?? el, hint);
    }
    for (const key of Object.keys(EXAMPLE_ATTRIBUTES[component] ?? {}))
      if (isExampleAttribute(component, key, values[key]))
        this.report("example-text", exampleTextMessage(String(values[key])), nodes[key] ?? el, EXAMPLE_TEXT_HINT);
    return { values, raw };
  }

  private misplaced(el: MdNode & { name: ComponentName }, ctx: Ctx): void {
    const name = el.name;
    let message: string;
    let hint: string | undefined;
    if (name === "Step" && ctx.step) {
      message = `A <Step> can't be inside another <Step> (“${ctx.step.step.title}”)`;
      hint = "close the first step with </Step> before starting the next one";
    } else if (DIRECT_ONLY.includes(name) && ctx.container && (ctx.kind === "root" || ctx.kind === "Step")) {
      message = `<${name}> can't be inside a list or quote — it must be ${PLACEMENT[name].where}`;
    } else {
      message = `<${name}> can't be used ${describeContext(ctx.kind)} — it belongs ${PLACEMENT[name].where}`;
      if (ctx.kind === "root" && PLACEMENT[name].allowed.includes("Step"))
        hint = "move it into the <Step> it belongs to";
    }
    this.report("misplaced-component", message, el, hint);
  }

  component(el: MdNode, ctx: Ctx): Block[] {
    if (!this.checkName(el)) return [];
    const name = el.name;
    const allowed = PLACEMENT[name].allowed.includes(ctx.kind);
    const directOnly = DIRECT_ONLY.includes(name);
    if (!allowed || (directOnly && ctx.container) || name === "Step") {
      // Top-level steps are picked up by walkRoot; a Step reaching here is nested or in a list.
      this.misplaced(el, ctx);
      return [];
    }
    const step = ctx.step;
    switch (name) {
      case "Flow": {
        const attrs = this.attributes("Flow", el).values as { title?: string; id?: string };
        if (!step) return [];
        if (step.step.flowId !== undefined) {
          this.report(
            "multiple-flows",
            `Step “${step.step.title}” already has a <Flow> — a step can contain at most one`,
            el,
            "split the step in two, or merge the diagrams",
          );
          return [];
        }
        const flow = this.buildFlow(el, attrs, step.step, step.step.title);
        step.step.flowId = flow.id;
        return [{ type: "flow", flowId: flow.id }];
      }
      case "Say":
      case "Tip":
      case "Warning": {
        this.attributes(name, el);
        const children = this.blocks(this.childrenAsBlocks(el), { kind: name, step });
        if (!this.hasContent(el))
          this.report(
            "empty-component",
            `This <${name}> is empty`,
            el,
            name === "Say" ? "write the words the agent should say" : undefined,
          );
        if (name === "Say") return [{ type: "say", children }];
        return [{ type: name === "Tip" ? "tip" : "warning", children }];
      }
      case "Check": {
        this.attributes("Check", el);
        if (!step) return [];
        const inlines = this.checkInlines(el, { kind: "Check", step });
        this.exampleText(inlines, el);
        const children = applyTerms(inlines, this.terms);
        const id = `${step.step.id}.check-${++step.checks}`;
        step.step.checkIds.push(id);
        if (!this.hasContent(el))
          this.report("empty-component", "This <Check> is empty", el, "write the item the agent ticks off");
        return [{ type: "check", id, children }];
      }
      case "Field":
        return this.field(el, step);
      case "Escalate": {
        const a = this.attributes("Escalate", el).values as { to?: string; reason?: string };
        const to = a.to ?? "";
        const reason = a.reason ?? "";
        const children = this.blocks(this.childrenAsBlocks(el), { kind: "Escalate", step });
        step?.step.escalations.push({ to, reason });
        return [{ type: "escalate", to, reason, children }];
      }
      case "Template": {
        const a = this.attributes("Template", el).values as { title?: string };
        const children = this.blocks(this.childrenAsBlocks(el), { kind: "Template", step });
        if (!this.hasContent(el))
          this.report("empty-component", "This <Template> is empty", el, "write the reply the agent copies and sends");
        return [{ type: "template", title: a.title ?? "", children }];
      }
      case "Quiz":
        return [this.quiz(el, step)];
      case "Scenario":
        return [this.scenario(el, step)];
      default:
        // Node / Edge outside a Flow, Question outside a Quiz and Answer outside a Scenario are caught by the
        // placement check above (quiz() and scenario() read their own children).
        return [];
    }
  }

  private hasContent(el: MdNode): boolean {
    return (el.children ?? []).some(
      (c) =>
        !(c.type === "text" && (c.value ?? "").trim() === "") &&
        !(c.type.startsWith("mdx") && c.type.endsWith("Expression") && COMMENT_RE.test((c.value ?? "").trim())),
    );
  }

  private checkInlines(el: MdNode, ctx: Ctx): Inline[] {
    const place = "inside a <Check>";
    if (el.type === "mdxJsxTextElement") return trimInlines(mergeText(this.inlines(el.children ?? [], ctx, place)));
    const children = (el.children ?? []).filter(
      (c) => !(c.type === "mdxFlowExpression" && COMMENT_RE.test((c.value ?? "").trim())),
    );
    if (children.length === 0) return [];
    const first = children[0];
    if (children.length > 1 || first.type !== "paragraph") {
      const offending = first.type !== "paragraph" ? first : children[1];
      this.report(
        "check-block-content",
        "A <Check> holds one line of text — paragraphs, lists and components can't go inside it",
        offending,
        "keep the check short; put extra text in the <Step> around it",
      );
    }
    const para = children.find((c) => c.type === "paragraph");
    return para ? trimInlines(mergeText(this.inlines(para.children ?? [], ctx, place))) : [];
  }

  private field(el: MdNode, step: StepState | undefined): Block[] {
    const a = this.attributes("Field", el).values as Partial<FieldAttributes>;
    if (this.hasContent(el))
      this.report(
        "ignored-content",
        "Content inside <Field> is ignored — use the `label` and `help` attributes",
        el,
        "write it as <Field … />",
      );
    if (!step || a.name === undefined) return [];
    const name = a.name;
    const type: FieldType = a.type ?? "text";
    const hasTypeAttr = (el.attributes ?? []).some((x) => x.type === "mdxJsxAttribute" && x.name === "type");
    if (type === "select" && !(a.options && a.options.length > 0))
      this.report(
        "missing-options",
        `Field "${name}" is a select list but has no choices`,
        this.attributeNode(el, "options") ?? el,
        'add the choices separated by |, e.g. options="Billing|Delivery|Other"',
      );
    if (a.options !== undefined && type !== "select")
      this.report(
        "ignored-attribute",
        `\`options\` only applies to type="select"; field "${name}" is type="${type}"`,
        this.attributeNode(el, "options") ?? el,
        hasTypeAttr ? undefined : 'add type="select"',
      );
    if (a.pattern !== undefined && !TEXT_LIKE_FIELD_TYPES.includes(type))
      this.report(
        "invalid-attribute",
        `\`pattern\` only works on text fields (${TEXT_LIKE_FIELD_TYPES.join(", ")}), not on type="${type}"`,
        this.attributeNode(el, "pattern") ?? el,
        "remove the pattern or change the type",
      );
    if (a.ignoreCase !== undefined && a.pattern === undefined)
      this.report(
        "ignored-attribute",
        `\`ignoreCase\` only applies to a field with a \`pattern\`; field "${name}" has none`,
        this.attributeNode(el, "ignoreCase") ?? el,
        'add a pattern, e.g. pattern="^rma[0-9]{7}$", or remove ignoreCase',
      );
    const existing = this.fieldByName.get(name);
    if (existing) {
      const other = this.steps.find((s) => s.id === existing.stepId);
      this.report(
        "duplicate-field",
        `The field "${name}" is already captured${other ? ` in step “${other.title}”` : ""} ` +
          `(line ${existing.position.line})`,
        this.attributeNode(el, "name") ?? el,
        "field names are unique across the SOP — rename one, or reference the first with {" + name + "}",
      );
      return [];
    }
    const def: FieldDef = {
      name,
      label: a.label ?? name,
      type,
      required: a.required ?? false,
      stepId: step.step.id,
      position: pos(el),
    };
    if (a.pattern !== undefined) def.pattern = a.pattern;
    if (a.pattern !== undefined && a.ignoreCase === true) def.ignoreCase = true;
    if (a.sensitive === true) def.sensitive = true;
    if (a.options !== undefined && a.options.length > 0) def.options = a.options;
    if (a.placeholder !== undefined) def.placeholder = a.placeholder;
    if (a.help !== undefined) def.help = a.help;
    this.fields.push(def);
    this.fieldByName.set(name, def);
    step.step.fieldNames.push(name);
    return [{ type: "field", field: def }];
  }

  // ---- training: quizzes and scenarios -----------------------------------------------------

  /**
   * The elements directly inside `el` (MDX reads one written on a line of its own inside a paragraph as
   * inline: those count too). Anything else but blank text and comments goes to `other`, once per paragraph.
   */
  private childElements(el: MdNode, other: (n: MdNode) => void): MdNode[] {
    const out: MdNode[] = [];
    for (const child of el.children ?? []) {
      if (child.type === "mdxJsxFlowElement" || child.type === "mdxJsxTextElement") out.push(child);
      else if (child.type === "paragraph") {
        let reported = false;
        for (const c of child.children ?? []) {
          if (c.type === "mdxJsxTextElement") out.push(c);
          else if (c.type === "text" && (c.value ?? "").trim() === "") continue;
          else if (c.type === "mdxTextExpression" && COMMENT_RE.test((c.value ?? "").trim())) continue;
          else if (!reported) {
            other(c);
            reported = true;
          }
        }
      } else if (child.type === "mdxFlowExpression" && COMMENT_RE.test((child.value ?? "").trim())) continue;
      else if (child.type === "mdxjsEsm") this.esm(child);
      else other(child);
    }
    return out;
  }

  /** An explicit quiz/scenario id (unique, or an error), or a derived one handed out in finish(). */
  private claimId(
    what: "quiz" | "scenario",
    explicit: string | undefined,
    base: string,
    el: MdNode,
    assign: (id: string) => void,
  ): void {
    const ids = what === "quiz" ? this.quizIds : this.scenarioIds;
    if (explicit === undefined) {
      this.derivedIds.push({ ids, base, assign });
      return;
    }
    if (ids.has(explicit)) {
      const first = (what === "quiz" ? this.quizzes : this.scenarios).find((x) => x.id === explicit);
      this.report(
        what === "quiz" ? "duplicate-quiz-id" : "duplicate-scenario-id",
        `Two ${what === "quiz" ? "quizzes" : "scenarios"} have ` +
          `the id "${explicit}"${first ? ` (the first is “${first.title}”, line ${first.position.line})` : ""} ` +
          `— ${what} ids must be unique in the SOP`,
        this.attributeNode(el, "id") ?? el,
        "rename one of them, or remove id= to derive it from the title",
      );
      this.derivedIds.push({ ids, base: explicit, assign });
      return;
    }
    ids.add(explicit);
    assign(explicit);
  }

  private quiz(el: MdNode, step: StepState | undefined): Block {
    const a = this.attributes("Quiz", el).values as {
      id?: string;
      title?: string;
      pass?: number;
      attempts?: number | null;
    };
    const title = a.title ?? "Quiz";
    const quiz: Quiz = {
      id: a.id ?? "",
      title,
      passPercent: a.pass ?? 80,
      maxAttempts: a.attempts === undefined ? 3 : a.attempts,
      questions: [],
      position: pos(el),
    };
    if (step) quiz.stepId = step.step.id;
    const block: Extract<Block, { type: "quiz" }> = { type: "quiz", quizId: quiz.id };
    this.claimId("quiz", a.id, slugify(title) || "quiz", el, (id) => {
      quiz.id = id;
      block.quizId = id;
    });
    this.quizzes.push(quiz);

    const elements = this.childElements(el, (n) =>
      this.report(
        "quiz-content",
        "A <Quiz> can only contain <Question> elements",
        n,
        "an explanation goes inside its question: <Question …>the explanation</Question>",
      ),
    );
    const read: { question: QuizQuestion; explicitId?: string; el: MdNode }[] = [];
    for (const n of elements) {
      if (!this.checkName(n)) continue;
      if (n.name === "Question") read.push({ ...this.question(n, step), el: n });
      else
        this.report(
          "quiz-content",
          `<${n.name}> can't be inside a <Quiz> — a quiz contains only <Question> elements`,
          n,
          n.name === "Quiz"
            ? "quizzes can't be nested"
            : "put it in the explanation of a <Question>, or outside the quiz",
        );
    }
    // Explicit ids first, so a derived q2 never takes an id written on a later question.
    const ids = new Set<string>();
    for (const r of read) {
      if (r.explicitId === undefined) continue;
      if (ids.has(r.explicitId)) {
        this.report(
          "duplicate-question-id",
          `Two questions of the quiz “${title}” have the id "${r.explicitId}"`,
          this.attributeNode(r.el, "id") ?? r.el,
          "question ids must be unique within a quiz: rename one, or remove id= (questions are numbered q1, q2…)",
        );
        r.explicitId = undefined;
      } else ids.add(r.explicitId);
    }
    read.forEach((r, i) => {
      r.question.id = r.explicitId ?? uniqueId(`q${i + 1}`, ids);
      quiz.questions.push(r.question);
    });
    if (read.length === 0)
      this.report(
        "empty-quiz",
        `The quiz “${title}” has no <Question>`,
        el,
        'add questions like <Question prompt="…" options="A|B|C" answer="B" />',
      );
    return block;
  }

  private question(n: MdNode, step: StepState | undefined): { question: QuizQuestion; explicitId?: string } {
    const a = this.attributes("Question", n).values as {
      id?: string;
      type?: QuestionType;
      prompt?: string;
      options?: string[];
      answer?: string[];
    };
    const type: QuestionType = a.type ?? "single";
    const prompt = a.prompt ?? "";
    const explanation = this.blocks(this.childrenAsBlocks(n), { kind: "Question", step });
    const optionsAt = this.attributeNode(n, "options") ?? n;
    const answerAt = this.attributeNode(n, "answer") ?? n;
    const shown = prompt
      ? `The question “${prompt.length > 60 ? `${prompt.slice(0, 57)}…` : prompt}”`
      : "This question";
    const quoted = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(", ");

    const options: string[] = [];
    if (type === "text") {
      if (a.options !== undefined)
        this.report(
          "text-question-options",
          `${shown} is type="text" (a typed answer), so it can't have \`options\``,
          optionsAt,
          'remove options, or use type="single" (one correct choice) or type="multiple"',
        );
    } else {
      const seen = new Set<string>();
      for (const o of a.options ?? []) {
        const key = foldKey(o);
        if (seen.has(key)) {
          this.report(
            "duplicate-option",
            `The option "${o}" is listed twice in ${shown.charAt(0).toLowerCase()}${shown.slice(1)}`,
            optionsAt,
            "list each option once (letter case does not count)",
          );
          continue;
        }
        seen.add(key);
        options.push(o);
      }
      if (options.length < 2)
        this.report(
          "too-few-options",
          a.options === undefined
            ? `${shown} is ${type === "single" ? "single" : "multiple"}-choice but has no \`options\``
            : `${shown} is ${type === "single" ? "single" : "multiple"}-choice but ` +
                `has ${options.length === 0 ? "no options" : "only one option"} — it needs at least two`,
          optionsAt,
          'list the choices separated by |, e.g. options="20 EUR|50 ' +
            'EUR|100 EUR" — or use type="text" for a typed answer',
        );
    }

    const answers: string[] = [];
    const written = a.answer ?? [];
    if (written.length === 0)
      this.report(
        "question-no-answer",
        `${shown} has no correct answer`,
        answerAt,
        type === "text"
          ? 'add answer="…" (several accepted answers separated by |)'
          : type === "multiple"
            ? 'add answer="…" with the correct options, separated by |'
            : 'add answer="…" with the correct option, written like in options',
      );
    else if (type === "text") {
      const seen = new Set<string>();
      for (const w of written) {
        if (seen.has(foldKey(w))) continue;
        seen.add(foldKey(w));
        answers.push(w);
      }
    } else {
      const byKey = new Map(options.map((o) => [foldKey(o), o]));
      for (const w of written) {
        const option = byKey.get(foldKey(w));
        if (option !== undefined) {
          if (!answers.includes(option)) answers.push(option);
        } else if (options.length > 0)
          this.report(
            "answer-not-an-option",
            `The answer "${w}" is not one of the options: ${quoted(options)}`,
            answerAt,
            suggestionHint(w, options, (x) => `"${x}"`) ??
              "write the answer exactly like one of the options (letter case does not count)",
          );
      }
      if (type === "single" && answers.length > 1)
        this.report(
          "too-many-answers",
          `${shown} is single-choice, but ${answers.length} answers are marked correct: ${quoted(answers)}`,
          answerAt,
          'use type="multiple" when several options are correct, or keep one answer',
        );
    }
    const question: QuizQuestion = { id: "", type, prompt, options, answers, explanation, position: pos(n) };
    return a.id === undefined ? { question } : { question, explicitId: a.id };
  }

  private scenario(el: MdNode, step: StepState | undefined): Block {
    const a = this.attributes("Scenario", el).values as {
      id?: string;
      title?: string;
      customer?: string;
      outcome?: string;
      escalate?: string | true;
    };
    const title = a.title ?? "Scenario";
    let outcome = a.outcome ?? "";
    if (a.outcome !== undefined) {
      const known = OUTCOMES.find((o) => o === a.outcome!.toLowerCase());
      if (known) outcome = known;
      else
        this.report(
          "unknown-outcome",
          `Outcome "${a.outcome}" is not one of the outcomes a call can end with: ${OUTCOMES.join(", ")}`,
          this.attributeNode(el, "outcome") ?? el,
          suggestionHint(a.outcome, OUTCOMES, (x) => `outcome="${x}"`) ??
            "the outcome is how the call should end, as the agent records it at wrap-up",
        );
    }
    const expect: Scenario["expect"] = { outcome, escalate: false };
    if (a.escalate !== undefined) {
      const to = a.escalate === true ? "true" : a.escalate.trim();
      if (to !== "false") {
        expect.escalate = true;
        if (to !== "true") expect.escalateTo = to;
      }
    }
    const scenario: Scenario = {
      id: a.id ?? "",
      title,
      customer: a.customer ?? "",
      opening: [],
      answers: [],
      expect,
      position: pos(el),
    };
    const block: Extract<Block, { type: "scenario" }> = { type: "scenario", scenarioId: scenario.id };
    this.claimId("scenario", a.id, slugify(title) || "scenario", el, (id) => {
      scenario.id = id;
      block.scenarioId = id;
    });
    this.scenarios.push(scenario);

    let says = 0;
    const elements = this.childElements(el, (n) =>
      this.report(
        "scenario-content",
        "A <Scenario> can only contain <Say> (what the customer says first) and <Answer> elements",
        n,
        "describe the customer in the `customer` attribute; put their opening line in <Say>",
      ),
    );
    for (const n of elements) {
      if (!this.checkName(n)) continue;
      if (n.name === "Say") {
        says++;
        for (const b of this.component(n, { kind: "Scenario", step }))
          if (b.type === "say") scenario.opening.push(...b.children);
      } else if (n.name === "Answer") {
        const answer = this.answer(n);
        if (answer) {
          scenario.answers.push(answer);
          this.answerRefs.push({ answer, el: n });
        }
      } else
        this.report(
          "scenario-content",
          `<${n.name}> can't be inside a <Scenario> — a scenario contains only <Say> and <Answer> elements`,
          n,
          n.name === "Scenario" ? "scenarios can't be nested" : "put it in a <Step> outside the scenario",
        );
    }
    if (says === 0)
      this.report(
        "scenario-no-opening",
        `The scenario “${title}” has no opening line`,
        el,
        "add <Say>what the customer says when the call starts</Say>",
      );
    return block;
  }

  private answer(n: MdNode): ScenarioAnswer | null {
    const a = this.attributes("Answer", n).values as Partial<
      Record<"field" | "value" | "flow" | "question" | "choose" | "says", string>
    >;
    if (this.hasContent(n))
      this.report(
        "ignored-content",
        "Content inside <Answer> is ignored — what the customer says goes in the `says` attribute",
        n,
        "write it as <Answer … />",
      );
    const written = (k: string) => this.attributeNode(n, k) !== undefined;
    const forField = written("field") || written("value");
    const forFlow = written("question") || written("choose") || written("flow");
    if (forField && forFlow) {
      this.report(
        "invalid-attribute",
        "An <Answer> answers either a field (`field`, `value`) or a flow question (`question`, `choose`), not both",
        n,
        "split it into two <Answer>s",
      );
      return null;
    }
    if (forField) {
      if (!written("field")) {
        this.report(
          "missing-attribute",
          "<Answer value> needs a `field`: the name of the field the value is for",
          n,
          'e.g. <Answer field="order_number" value="123456" />',
        );
        return null;
      }
      if (a.field === undefined) return null; // an invalid name, reported already
      if (a.value === undefined) {
        this.report(
          "missing-attribute",
          `<Answer field="${a.field}"> needs the \`value\` the customer gives`,
          n,
          `e.g. <Answer field="${a.field}" value="…" />`,
        );
        return null;
      }
      const answer: ScenarioAnswer = { kind: "field", field: a.field, value: a.value, position: pos(n) };
      if (a.says !== undefined) answer.says = a.says;
      return answer;
    }
    if (forFlow) {
      if (a.question === undefined) {
        if (!written("question"))
          this.report(
            "missing-attribute",
            "<Answer> needs `question`: the id of the flow's question node the customer answers",
            n,
            'e.g. <Answer question="ask-issue" choose="Billing" />',
          );
        return null;
      }
      if (a.choose === undefined) {
        if (!written("choose"))
          this.report(
            "missing-attribute",
            `<Answer question="${a.question}"> needs \`choose\`: the answer label the customer's situation calls for`,
            n,
            `e.g. <Answer question="${a.question}" choose="Yes" />`,
          );
        return null;
      }
      const answer: ScenarioAnswer = {
        kind: "flow",
        flowId: a.flow ?? "",
        nodeId: a.question,
        choose: a.choose,
        position: pos(n),
      };
      if (a.says !== undefined) answer.says = a.says;
      return answer;
    }
    this.report(
      "missing-attribute",
      "An <Answer> needs `field` and `value` (a detail the customer gives) " +
        "or `question` and `choose` (their answer to a flow question)",
      n,
      '<Answer field="order_number" value="123456" /> or <Answer question="ask-issue" choose="Billing" />',
    );
    return null;
  }

  /** finish(): every scenario answer against the SOP's fields and flows (which may come after the scenario). */
  private checkAnswers(): void {
    const captured = [...new Set([...this.fieldByName.keys(), ...this.capturedByNodes])];
    const quoted = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(", ");
    for (const { answer, el } of this.answerRefs) {
      if (answer.kind === "field") {
        const def = this.fieldByName.get(answer.field);
        if (!def && !this.capturedByNodes.has(answer.field)) {
          this.report(
            "unknown-answer-field",
            `<Answer field="${answer.field}"> names a field this SOP does not capture`,
            this.attributeNode(el, "field") ?? el,
            suggestionHint(answer.field, captured, (x) => `field="${x}"`) ??
              (captured.length
                ? `the fields are ${quoted(captured.slice(0, 10))}`
                : "the SOP captures no fields yet: add the <Field> to the step that asks for it"),
          );
          continue;
        }
        const problem = def ? answerValueProblem(def, answer.value) : null;
        if (problem)
          this.report("answer-value-invalid", problem.message, this.attributeNode(el, "value") ?? el, problem.hint);
        continue;
      }
      const questionAt = this.attributeNode(el, "question") ?? el;
      let flow: Flow | undefined;
      if (answer.flowId !== "") {
        flow = this.flows.find((f) => f.id === answer.flowId);
        if (!flow) {
          const ids = this.flows.map((f) => f.id);
          this.report(
            "unknown-answer-question",
            `<Answer flow="${answer.flowId}"> names a flow this SOP does not have`,
            this.attributeNode(el, "flow") ?? el,
            suggestionHint(answer.flowId, ids, (x) => `flow="${x}"`) ??
              (ids.length ? `the flows are ${quoted(ids)}` : "the SOP has no <Flow> yet"),
          );
          continue;
        }
      } else {
        const having = this.flows.filter((f) => f.nodes.some((x) => x.id === answer.nodeId && x.type === "question"));
        if (having.length > 1) {
          this.report(
            "missing-attribute",
            `Several flows have a question "${answer.nodeId}" ` +
              `(${quoted(having.map((f) => f.id))}) — say which one with \`flow\``,
            el,
            `e.g. <Answer flow="${having[0]!.id}" question="${answer.nodeId}" … />`,
          );
          continue;
        }
        flow = having[0] ?? this.flows.find((f) => f.nodes.some((x) => x.id === answer.nodeId));
        if (!flow) {
          const questionIds = [
            ...new Set(this.flows.flatMap((f) => f.nodes.filter((x) => x.type === "question").map((x) => x.id))),
          ];
          this.report(
            "unknown-answer-question",
            `<Answer question="${answer.nodeId}"> names a question no flow of this SOP has`,
            questionAt,
            suggestionHint(answer.nodeId, questionIds, (x) => `question="${x}"`) ??
              (questionIds.length
                ? `the question nodes are ${quoted(questionIds)}`
                : "the SOP has no flow with a question node"),
          );
          continue;
        }
      }
      const node = flow.nodes.find((x) => x.id === answer.nodeId);
      const questionIds = flow.nodes.filter((x) => x.type === "question").map((x) => x.id);
      if (!node || node.type !== "question") {
        this.report(
          "unknown-answer-question",
          node
            ? `Node "${answer.nodeId}" of flow "${flow.id}" is ` +
                (node.type === "action" || node.type === "escalate" || node.type === "end" ? "an" : "a") +
                ` ${node.type} node, not a question — only questions have answers to choose`
            : `Flow "${flow.id}" has no node "${answer.nodeId}"`,
          questionAt,
          suggestionHint(answer.nodeId, questionIds, (x) => `question="${x}"`) ??
            (questionIds.length
              ? `its question nodes are ${quoted(questionIds)}`
              : `flow "${flow.id}" has no question node`),
        );
        continue;
      }
      answer.flowId = flow.id;
      const labels = [
        ...new Set(flow.edges.filter((e) => e.from === node.id && e.label !== undefined).map((e) => e.label!)),
      ];
      const label = labels.find((l) => foldKey(l) === foldKey(answer.choose));
      if (label !== undefined) answer.choose = label;
      else
        this.report(
          "unknown-answer-choice",
          labels.length
            ? `"${answer.choose}" is not an answer to the question “${node.label}” — its answers are ${quoted(labels)}`
            : `The question “${node.label}” has no labelled answers to choose from`,
          this.attributeNode(el, "choose") ?? el,
          labels.length
            ? (suggestionHint(answer.choose, labels, (x) => `choose="${x}"`) ??
                "write it like the label of one of the question's edges")
            : 'label the edges leaving the question: <Edge from="…" to="…" label="Yes" />',
        );
    }
  }

  // ---- flows ------------------------------------------------------------------------------

  private buildFlow(el: MdNode, attrs: { id?: string; title?: string }, step: Step, defaultTitle: string): Flow {
    const title = attrs.title ?? defaultTitle;
    let id: string;
    if (attrs.id !== undefined && this.flowIds.has(attrs.id)) {
      this.report(
        "duplicate-flow-id",
        `Two flows have the id "${attrs.id}" — flow ids must be unique`,
        this.attributeNode(el, "id") ?? el,
        "rename one of them",
      );
      id = uniqueId(attrs.id, this.flowIds);
    } else id = uniqueId(attrs.id ?? (slugify(title) || `${step.id}-flow`), this.flowIds);
    const flow: Flow = { id, title, stepId: step.id, nodes: [], edges: [], position: pos(el) };
    this.flows.push(flow);

    const elements: MdNode[] = [];
    const notAllowed = (n: MdNode) =>
      this.report(
        "flow-content",
        "A <Flow> can only contain <Node> and <Edge> elements",
        n,
        "move text into the step around the flow; the question and answers go in Node and Edge labels",
      );
    const takeElement = (n: MdNode) => {
      if (!this.checkName(n)) return;
      if (n.name === "Node" || n.name === "Edge") elements.push(n);
      else
        this.report(
          "flow-content",
          `<${n.name}> can't be inside a <Flow> — a flow contains only <Node> and <Edge> elements`,
          n,
          n.name === "Flow" ? "flows can't be nested" : "put it in the step around the flow",
        );
    };
    for (const child of el.children ?? []) {
      if (child.type === "mdxJsxFlowElement" || child.type === "mdxJsxTextElement") takeElement(child);
      else if (child.type === "paragraph") {
        let reported = false;
        for (const c of child.children ?? []) {
          if (c.type === "mdxJsxTextElement") takeElement(c);
          else if (c.type === "text" && (c.value ?? "").trim() === "") continue;
          else if (c.type === "mdxTextExpression" && COMMENT_RE.test((c.value ?? "").trim())) continue;
          else if (!reported) {
            notAllowed(c);
            reported = true;
          }
        }
      } else if (child.type === "mdxFlowExpression" && COMMENT_RE.test((child.value ?? "").trim())) continue;
      else if (child.type === "mdxjsEsm") this.esm(child);
      else notAllowed(child);
    }

    const nodeIds = new Set<string>();
    const pendingEdges: { edge: FlowEdge; el: MdNode }[] = [];
    for (const n of elements) {
      if (n.name === "Node") {
        const node = this.flowNode(n, nodeIds);
        if (node) flow.nodes.push(node);
      } else {
        const a = this.attributes("Edge", n).values as { from?: string; to?: string; label?: string };
        if (this.hasContent(n))
          this.report(
            "ignored-content",
            "Content inside <Edge> is ignored — use the `label` attribute",
            n,
            "write it as <Edge … />",
          );
        if (a.from === undefined || a.to === undefined) continue;
        const edge: FlowEdge = { from: a.from, to: a.to, position: pos(n) };
        if (a.label !== undefined) edge.label = a.label;
        pendingEdges.push({ edge, el: n });
      }
    }
    for (const { edge, el: e } of pendingEdges) {
      let ok = true;
      for (const end of ["from", "to"] as const) {
        if (nodeIds.has(edge[end])) continue;
        ok = false;
        this.report(
          "unknown-node",
          `<Edge ${end}="${edge[end]}"> points to a node that flow "${flow.id}" does not have`,
          this.attributeNode(e, end) ?? e,
          suggestionHint(edge[end], nodeIds, (s) => `"${s}"`) ??
            (nodeIds.size ? `node ids are ${[...nodeIds].map((s) => `"${s}"`).join(", ")}` : "add the <Node> first"),
        );
      }
      if (ok) flow.edges.push(edge);
    }
    if (elements.every((n) => n.name !== "Node"))
      this.report(
        "empty-flow",
        `The flow “${title}” has no <Node>`,
        el,
        'add nodes like <Node id="start" type="start" label="Call comes in" />',
      );
    return flow;
  }

  private flowNode(n: MdNode, nodeIds: Set<string>): FlowNode | null {
    const a = this.attributes("Node", n).values as Partial<
      Record<"id" | "label" | "to" | "reason" | "step" | "sop" | "field" | "outcome", string>
    > & {
      type?: FlowNodeType;
    };
    if (this.hasContent(n))
      this.report(
        "ignored-content",
        "Content inside <Node> is ignored — use the `label` attribute",
        n,
        "write it as <Node … />",
      );
    if (a.id === undefined) return null;
    if (nodeIds.has(a.id)) {
      this.report(
        "duplicate-node-id",
        `Two nodes of this flow have the id "${a.id}"`,
        this.attributeNode(n, "id") ?? n,
        "node ids must be unique within a flow",
      );
      return null;
    }
    nodeIds.add(a.id);
    const type: FlowNodeType = a.type ?? "action";
    if (type === "goto" && a.step === undefined)
      this.report(
        "missing-attribute",
        `Node "${a.id}" is a goto node: add step="…" with the id of the step to jump to`,
        n,
      );
    if (type === "sop" && a.sop === undefined)
      this.report("missing-attribute", `Node "${a.id}" opens another SOP: add sop="…" with that SOP's id`, n);
    const node: FlowNode = { id: a.id, type, label: a.label ?? a.id, position: pos(n) };
    for (const k of ["to", "reason", "step", "sop", "field", "outcome"] as const) {
      const v = a[k];
      if (v !== undefined) node[k] = v;
    }
    if (node.field) this.capturedByNodes.add(node.field);
    if (node.step !== undefined && type === "goto")
      this.gotoRefs.push({ step: node.step, node: this.attributeNode(n, "step") ?? n });
    return node;
  }

  // ---- inline -----------------------------------------------------------------------------

  inlines(nodes: MdNode[], ctx: Ctx, place: string): Inline[] {
    if (!this.enter(nodes[0])) return [];
    try {
      return this.inlinesAt(nodes, ctx, place);
    } finally {
      this.depth--;
    }
  }

  private inlinesAt(nodes: MdNode[], ctx: Ctx, place: string): Inline[] {
    const out: Inline[] = [];
    for (const node of nodes) {
      switch (node.type) {
        case "text":
          out.push({ type: "text", value: node.value ?? "" });
          break;
        case "emphasis":
        case "strong":
        case "delete":
          out.push({ type: node.type, children: mergeText(this.inlines(node.children ?? [], ctx, place)) });
          break;
        case "inlineCode":
          out.push({ type: "code", value: node.value ?? "" });
          break;
        case "break":
          out.push({ type: "break" });
          break;
        case "link":
        case "linkReference": {
          const target = linkTarget(node, this.definitions);
          if (target.kind === "undefined-reference") {
            out.push(...this.inlines(node.children ?? [], ctx, place));
            break;
          }
          const children = mergeText(this.inlines(node.children ?? [], ctx, "inside a link"));
          if (target.kind === "unsafe") {
            // eslint-disable-next-line no-control-regex -- C0 controls and space, which the URL standard strips
            const scheme = target.url.replace(/[\u0000-\u0020]/g, "").split(":")[0];
            this.report(
              "unsafe-link",
              `Links to "${scheme}:" addresses are not allowed`,
              node,
              "links may use https://, http://, mailto:, tel: or a relative path",
            );
            out.push(...children);
            break;
          }
          const link: Inline = { type: "link", url: target.url, children };
          if (target.title) link.title = target.title;
          out.push(link);
          break;
        }
        case "image":
        case "imageReference":
          this.report(
            "image-not-supported",
            "Images are not supported yet — only the alt text is shown",
            node,
            "describe the picture in words, or link to it",
          );
          if (node.alt) out.push({ type: "text", value: node.alt });
          break;
        case "mdxTextExpression": {
          const v = this.expression(node);
          if (v) out.push(v);
          break;
        }
        case "mdxJsxTextElement":
          // Components written on their own line are lifted out by splitParagraph; one that is
          // still inline sits in a heading, link, emphasis or <Check>, where none is allowed.
          if (this.checkName(node))
            this.report(
              "misplaced-component",
              `<${node.name}> can't be used ${place} — it belongs ${PLACEMENT[node.name].where}, on its own line`,
              node,
            );
          break;
        case "mdxjsEsm":
          this.esm(node);
          break;
        case "html":
          this.report("html-not-allowed", "HTML is not allowed in an SOP", node, "use markdown instead");
          break;
        default:
          if (node.children) out.push(...this.inlines(node.children, ctx, place));
          else if (typeof node.value === "string") out.push({ type: "text", value: node.value });
      }
    }
    return out;
  }

  // ---- finishing --------------------------------------------------------------------------

  finish(bodyStart: Position, syntaxBroken: boolean): void {
    for (const d of this.derivedIds) d.assign(uniqueId(d.base, d.ids));
    this.checkAnswers();
    const captured = new Set<string>([...this.fieldByName.keys(), ...this.capturedByNodes]);
    for (const v of this.variables) {
      if (captured.has(v.name)) continue;
      this.report(
        "unknown-variable",
        `{${v.name}} refers to a field that no <Field> captures`,
        v.position,
        suggestionHint(v.name, captured, (s) => `{${s}}`) ??
          `add <Field name="${v.name}" label="…" /> to the step that asks for it`,
      );
    }
    const stepIds = this.steps.map((s) => s.id);
    for (const ref of this.gotoRefs) {
      if (this.stepIds.has(ref.step)) continue;
      this.report(
        "unknown-step",
        `The goto node jumps to step "${ref.step}", which this SOP does not have`,
        ref.node,
        suggestionHint(ref.step, stepIds, (s) => `"${s}"`) ??
          (stepIds.length
            ? `step ids are ${stepIds
                .slice(0, 8)
                .map((s) => `"${s}"`)
                .join(", ")}`
            : undefined),
      );
    }
    if (this.steps.length === 0 && !syntaxBroken)
      this.report(
        "no-steps",
        'This SOP has no steps — add at least one <Step title="…"> with the instructions',
        bodyStart,
        'e.g. <Step title="Greet the customer"> … </Step>',
      );
  }
}

/** How options and answers are compared: Unicode-normalised, letter case ignored. */
function foldKey(s: string): string {
  return s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Persian and Arabic-Indic digits as ASCII (the runbook reads them so in number, phone, date and pattern fields). */
function asciiDigits(s: string): string {
  return s.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

const NUMBER_RE = /^[-+]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;

/** Why a field would not accept a scenario's answer value (the runbook's rules, in short), or null. */
function answerValueProblem(field: FieldDef, value: string): { message: string; hint?: string } | null {
  const v =
    field.type === "number" || field.type === "phone" || field.type === "date" || field.pattern
      ? asciiDigits(value)
      : value;
  const at = `<Answer field="${field.name}" value="${value}">`;
  switch (field.type) {
    case "select": {
      const options = field.options ?? [];
      if (options.length && !options.includes(v))
        return {
          message:
            `${at}: "${value}" is not one of the ` +
            `options of “${field.label}”: ${options.map((o) => `"${o}"`).join(", ")}`,
          hint: suggestionHint(value, options, (x) => `value="${x}"`),
        };
      break;
    }
    case "yes-no":
      if (v !== "yes" && v !== "no")
        return { message: `${at}: “${field.label}” is answered yes or no`, hint: 'write value="yes" or value="no"' };
      break;
    case "number":
      if (!NUMBER_RE.test(v)) return { message: `${at}: “${field.label}” takes a number` };
      break;
    case "date":
      if (!isIsoDate(v))
        return { message: `${at}: “${field.label}” takes a date written YYYY-MM-DD`, hint: 'e.g. value="2025-03-31"' };
      break;
    default:
      break;
  }
  if (field.pattern && testFieldPattern(field.pattern, v, { ignoreCase: field.ignoreCase === true }) === false)
    return {
      message: `${at}: "${value}" does not match the pattern of “${field.label}”`,
      hint: field.help ? `the field says: ${field.help}` : undefined,
    };
  return null;
}

function mergeText(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of inlines) {
    const last = out[out.length - 1];
    if (n.type === "text" && last?.type === "text") out[out.length - 1] = { type: "text", value: last.value + n.value };
    else if (n.type === "text" && n.value === "") continue;
    else out.push(n);
  }
  return out;
}

function trimInlines(inlines: Inline[]): Inline[] {
  const out = [...inlines];
  const first = out[0];
  if (first?.type === "text") {
    const v = first.value.replace(/^\s+/, "");
    if (v) out[0] = { type: "text", value: v };
    else out.shift();
  }
  const last = out[out.length - 1];
  if (last?.type === "text") {
    const v = last.value.replace(/\s+$/, "");
    if (v) out[out.length - 1] = { type: "text", value: v };
    else out.pop();
  }
  return out;
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/**
 * The words an agent reads in the document: title, purpose, section and step titles and the text of every block
 * (walk.ts's blockText: escalations and field help included). Quizzes, scenarios and flows are not counted.
 */
function documentWords(doc: SopDocument): number {
  let words = countWords([doc.meta.title, doc.meta.purpose].join(" "));
  const count = (text: string) => (words += countWords(text));
  walkDocument(doc, {
    section: (s) => count(s.title ?? ""),
    step: (s) => count(s.title),
    block: (b) => {
      for (const text of blockText(b, inlineText)) count(text);
    },
  });
  return words;
}

/** A document with empty meta and no content: what a source that cannot be read parses to. */
export function emptyDocument(): SopDocument {
  return {
    formatVersion: 1,
    meta: emptyMeta(),
    glossary: [],
    sections: [],
    steps: [],
    fields: [],
    flows: [],
    variables: [],
    diagnostics: [],
    stats: { words: 0, steps: 0, fields: 0, flows: 0 },
  };
}

/**
 * Parses one SOP (.mdx source) into a SopDocument. Never throws: problems are returned in
 * `diagnostics` (sorted by line and column) together with the best partial document.
 */
export function parseSop(source: string, options: ParseOptions = {}): SopDocument {
  let doc: SopDocument;
  try {
    doc = parseUnsafe(typeof source === "string" ? source : String(source ?? ""), options);
  } catch (e) {
    doc = emptyDocument();
    if (isStackOverflow(e)) {
      doc.diagnostics.push(tooDeepDiagnostic());
      return doc;
    }
    doc.diagnostics.push({
      severity: "error",
      code: "internal-error",
      message: `The SOP checker failed on this file: ${String((e as Error)?.message ?? e)}`,
      hint: "please report this file to the Stepwise maintainers",
      line: 1,
      column: 1,
    });
    return doc;
  }
  if (options.validateFlow) {
    for (const flow of doc.flows) {
      try {
        const extra = options.validateFlow(flow, doc);
        if (Array.isArray(extra)) doc.diagnostics.push(...extra);
      } catch (e) {
        doc.diagnostics.push({
          severity: "error",
          code: "internal-error",
          message: `Checking flow "${flow.id}" failed: ${String((e as Error)?.message ?? e)}`,
          line: flow.position.line,
          column: flow.position.column,
        });
      }
    }
    doc.diagnostics = sortDiagnostics(doc.diagnostics);
  }
  return doc;
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

function tooDeepDiagnostic(): Diagnostic {
  return {
    severity: "error",
    code: "nesting-too-deep",
    message: "This SOP is nested too deeply to be checked (lists, quotes, emphasis or components inside each other)",
    hint:
      `keep nesting to a few levels: at most ${SOP_LIMITS.maxContainerDepth} lists ` +
      `or quotes and ${SOP_LIMITS.maxElementNesting} components inside each other`,
    line: 1,
    column: 1,
  };
}

/** Size or nesting beyond SOP_LIMITS: one error, and the front matter's meta when it can be read. */
function limitedDocument(
  source: string,
  problem: NonNullable<ReturnType<typeof checkSourceLimits>>,
  options: ParseOptions,
): SopDocument {
  const doc = emptyDocument();
  const block = problem.code !== "sop-too-large" ? extractFrontMatter(source) : null;
  // The front matter is read unless the problem is in it.
  if (problem.code !== "sop-too-large" && !(block && problem.line <= block.endLine)) {
    const fm = parseFrontMatter(block, options.filename);
    doc.meta = fm.meta;
    doc.glossary = fm.glossary;
    doc.diagnostics.push(...fm.diagnostics);
  }
  doc.diagnostics.push({
    severity: "error",
    code: problem.code,
    message: problem.message,
    hint: problem.hint,
    line: problem.line,
    column: problem.column,
  });
  doc.diagnostics = sortDiagnostics(doc.diagnostics);
  return doc;
}

function parseUnsafe(input: string, options: ParseOptions): SopDocument {
  const source = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // Before the expensive work: the size limit, then a linear scan for nesting the parser would choke on.
  const limit = checkSourceLimits(source, { mdx: true });
  if (limit) return limitedDocument(source, limit, options);
  let tree: MdNode | null = null;
  let syntaxError: unknown = null;
  try {
    tree = parseTree(source) as MdNode;
  } catch (e) {
    if (isStackOverflow(e)) {
      const doc = emptyDocument();
      doc.diagnostics.push(tooDeepDiagnostic());
      return doc;
    }
    syntaxError = e;
  }

  let block: FrontMatterBlock | null = null;
  const first = tree?.children?.[0];
  if (tree) {
    if (first?.type === "yaml" && first.position)
      block = { yaml: first.value ?? "", startLine: first.position.start.line + 1, endLine: first.position.end.line };
  } else block = extractFrontMatter(source);

  const fm = parseFrontMatter(block, options.filename);
  const unclosedFence = !block && /^---[ \t]*(\r?\n|$)/.test(source);
  if (unclosedFence) {
    const d = fm.diagnostics.find((x) => x.code === "frontmatter-missing");
    if (d) {
      d.message = "The front matter that starts on line 1 is never closed — add a line with just --- after it";
      d.hint = "the front matter is the block between the first two --- lines";
    }
  }

  const builder = new Builder(fm.glossary);
  builder.diagnostics.push(...fm.diagnostics);
  if (tree) builder.walkRoot(tree);
  else {
    const problem = describeMdxError(syntaxError);
    const d: Diagnostic = {
      severity: "error",
      code: "mdx-syntax",
      message: problem.message,
      line: problem.line,
      column: problem.column,
    };
    if (problem.hint) d.hint = problem.hint;
    if (problem.endLine && problem.endColumn) {
      d.endLine = problem.endLine;
      d.endColumn = problem.endColumn;
    }
    builder.diagnostics.push(d);
  }
  const bodyStart: Position = { line: block ? block.endLine + 1 : 1, column: 1 };
  const lineCount = source.split(/\r?\n|\r/).length;
  if (bodyStart.line > lineCount) bodyStart.line = Math.max(1, block ? block.endLine : 1);
  builder.finish(bodyStart, !tree);
  if (fm.meta.training && fm.training) checkTraining(fm.meta.training, fm.training, builder, !tree);

  const doc: SopDocument = {
    formatVersion: 1,
    meta: fm.meta,
    glossary: fm.glossary,
    sections: builder.sections,
    steps: builder.steps,
    fields: builder.fields,
    flows: builder.flows,
    variables: builder.variables,
    diagnostics: sortDiagnostics(builder.diagnostics),
    stats: { words: 0, steps: builder.steps.length, fields: builder.fields.length, flows: builder.flows.length },
  };
  doc.stats.words = documentWords(doc);
  // Present only when there are some: documents without training keep exactly their old shape.
  if (builder.quizzes.length) doc.quizzes = builder.quizzes;
  if (builder.scenarios.length) doc.scenarios = builder.scenarios;
  return doc;
}

/** The `training:` front matter against the body: quiz's default, and requirements the SOP can't meet. */
function checkTraining(
  training: NonNullable<SopDocument["meta"]["training"]>,
  fm: NonNullable<ReturnType<typeof parseFrontMatter>["training"]>,
  builder: Builder,
  syntaxBroken: boolean,
): void {
  if (!fm.quizWritten) training.quiz = builder.quizzes.length > 0;
  if (syntaxBroken) return; // the body was not read: no quiz or scenario is known
  if (training.quiz && builder.quizzes.length === 0)
    builder.report(
      "training-no-quiz",
      "`training.quiz: true` asks trainees to pass the quiz, but this SOP has no <Quiz>",
      fm.at.quiz ?? fm.at.training,
      "add a <Quiz> with <Question>s to the body, or set quiz: false",
    );
  if (training.practice > 0 && builder.scenarios.length === 0)
    builder.report(
      "training-no-scenario",
      `\`training.practice: ${training.practice}\` asks for practice ` +
        `runs, but this SOP has no <Scenario> to practise on`,
      fm.at.practice ?? fm.at.training,
      "add a <Scenario> (a simulated customer) to the body, or set practice: 0",
    );
}
