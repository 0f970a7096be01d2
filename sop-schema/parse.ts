// MDX source → validated SopDocument + diagnostics. Parse only: the MDX is never compiled or run.
// Browser-safe: no node APIs here.
import { inlineText } from "./inline";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import remarkMdx from "remark-mdx";
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
  Section,
  SopDocument,
  Step,
  TrainingComponent,
} from "./types";
import { NODE_TYPES, FIELD_TYPES } from "./types";
import type { DiagnosticCode } from "./diagnostics";
import { DIAGNOSTIC_CODES, didYouMean, sortDiagnostics, suggestionHint } from "./diagnostics";
import type { AttrValue, ComponentName, ContextKind, ValidatedComponent } from "./components";
import {
  COMPONENT_ATTRIBUTES,
  COMPONENT_NAMES,
  PLACEMENT,
  TEXT_LIKE_FIELD_TYPES,
  describeContext,
  isComponentName,
  isTrainingComponent,
} from "./components";
import { emptyMeta, extractFrontMatter, parseFrontMatter } from "./frontmatter";
import type { FrontMatterBlock } from "./frontmatter";
import { slugify, uniqueId } from "./slug";
import { applyTerms, createTermMatcher } from "./terms";
import type { TermMatcher } from "./terms";
import { describeMdxError } from "./mdx-errors";
import { checkSourceLimits, SOP_LIMITS } from "./limits";
import { patchMicromarkEditMap } from "./micromark-patch";
import { compileFieldPattern } from "./pattern";

// ---------------------------------------------------------------------------------------------
// A loose view of the mdast nodes we read (remark-parse + remark-mdx + remark-frontmatter).

type MdPoint = { line: number; column: number; offset?: number };
type MdPosition = { start: MdPoint; end: MdPoint };
type MdAttribute =
  | {
      type: "mdxJsxAttribute";
      name: string;
      value?: string | null | { type: "mdxJsxAttributeValueExpression"; value: string };
      position?: MdPosition;
    }
  | { type: "mdxJsxExpressionAttribute"; value: string; position?: MdPosition };
interface MdNode {
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
  url?: string;
  title?: string | null;
  alt?: string | null;
  identifier?: string;
  label?: string | null;
}

let processor: { parse(source: string): unknown } | null = null;
function getProcessor() {
  patchMicromarkEditMap(); // micromark's EditMap.consume is quadratic; see micromark-patch.ts
  processor ??= unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkMdx).freeze();
  return processor;
}

// ---------------------------------------------------------------------------------------------

export { inlineText };

const IDENTIFIER_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const COMMENT_RE = /^(?:\/\*[\s\S]*?\*\/\s*)+$/;

/** Only http(s):, mailto:, tel: or relative addresses. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so do we.
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  if (!m) return true;
  return ["http", "https", "mailto", "tel"].includes(m[1].toLowerCase());
}

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
  table: "tables are not supported yet; use a list",
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
  private readonly fieldByName = new Map<string, FieldDef>();
  private readonly capturedByNodes = new Set<string>();
  private readonly stepIds = new Set<string>();
  private readonly explicitStepIds = new Set<string>();
  private readonly sectionIds = new Set<string>();
  private readonly flowIds = new Set<string>();
  private readonly gotoRefs: { step: string; node: MdNode }[] = [];
  private readonly definitions = new Map<string, { url: string; title?: string }>();
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
    this.collectDefinitions(root);
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

  /** Link reference definitions anywhere in the tree (first one wins). Iterative: the tree may be deep. */
  private collectDefinitions(root: MdNode): void {
    const stack: MdNode[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === "definition" && node.identifier && node.url !== undefined) {
        const key = node.identifier.toLowerCase();
        if (!this.definitions.has(key)) {
          const def: { url: string; title?: string } = { url: node.url };
          if (node.title) def.title = node.title;
          this.definitions.set(key, def);
        }
      }
      const children = node.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
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
        if (a.type === "mdxJsxAttribute" && a.name === "id" && typeof a.value === "string") this.explicitStepIds.add(a.value);
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
          `Two steps have the id "${attrs.id}"${first ? ` (the first is “${first.title}”, line ${first.position.line})` : ""} — step ids must be unique`,
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
      if (run.some((n) => n.type !== "text" || (n.value ?? "").trim() !== "")) pieces.push({ kind: "inline", nodes: run });
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

  private paragraph(nodes: MdNode[], ctx: Ctx, place = "inside text"): Block | null {
    const inl = trimInlines(mergeText(this.inlines(nodes, ctx, place)));
    if (inl.length === 0) return null;
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
              `A ${"#".repeat(depth)} heading can't start a section ${describeContext(ctx.kind)} — it is shown as a ### sub-heading`,
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
          this.report("html-not-allowed", "HTML is not allowed in an SOP", node, "use markdown and the SOP components instead");
          break;
        default:
          // definition, yaml (handled elsewhere), and node types our syntax never produces.
          break;
      }
    }
    return out;
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
      value === "" ? "Empty braces {} are not allowed" : `{${shown}} is an expression — an SOP can only reference a captured field by name, like {customer_name}`,
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
      this.report("unknown-component", `<${name}> is not a component — names are case-sensitive`, el, `did you mean <${caseOnly}>?`);
      return false;
    }
    if (/^[a-z]/.test(name) && !/[.:]/.test(name)) {
      this.report(
        "html-not-allowed",
        `HTML tags like <${name}> are not allowed in an SOP`,
        el,
        HTML_HINTS[name] ?? suggestionHint(name, COMPONENT_NAMES, (s) => `<${s}>`) ?? "use markdown and the SOP components instead",
      );
      return false;
    }
    this.report(
      "unknown-component",
      `<${name}> is not an SOP component`,
      el,
      suggestionHint(name, COMPONENT_NAMES, (s) => `<${s}>`) ?? `the components are ${COMPONENT_NAMES.map((c) => `<${c}>`).join(", ")}`,
    );
    return false;
  }

  /** Validates attributes against the component's zod schema; reports each problem at its attribute. */
  attributes(component: ComponentName, el: MdNode): { values: Record<string, unknown>; raw: Record<string, AttrValue> } {
    const raw: Record<string, AttrValue> = {};
    const nodes: Record<string, MdNode> = {};
    const badlyWritten = new Set<string>(); // present but reported already (braces): no "missing" on top
    const schema = isTrainingComponent(component) ? null : COMPONENT_ATTRIBUTES[component as ValidatedComponent];
    const known = schema ? Object.keys(schema.shape) : [];
    for (const attr of el.attributes ?? []) {
      const at = { type: "attribute", position: attr.position ?? el.position } as MdNode;
      if (attr.type === "mdxJsxExpressionAttribute") {
        const shown = attr.value.length > 30 ? `${attr.value.slice(0, 27)}…` : attr.value;
        this.report("spread-not-allowed", `{${shown}} on <${component}> is not allowed: attributes can't be computed`, at, 'write each attribute as name="value"');
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
      if (schema && !known.includes(name)) {
        this.report(
          "unknown-attribute",
          `<${component}> has no attribute \`${name}\``,
          at,
          suggestionHint(name, known, (s) => `\`${s}\``) ??
            (known.length ? `<${component}> takes ${known.map((k) => `\`${k}\``).join(", ")}` : `<${component}> takes no attributes`),
        );
        continue;
      }
      raw[name] = attr.value === null || attr.value === undefined ? true : attr.value;
      nodes[name] = at;
    }
    if (!schema) return { values: raw, raw };

    const values: Record<string, unknown> = {};
    const shape = schema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } }>;
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
        } else if (component === "Field" && key === "pattern") {
          const problem = compileFieldPattern(text);
          code = problem.ok ? "invalid-pattern" : problem.code;
          hint = problem.ok ? undefined : problem.hint;
        }
      }
      this.report(code, message, nodes[key] ?? el, hint);
    }
    return { values, raw };
  }

  private misplaced(el: MdNode & { name: ComponentName }, ctx: Ctx): void {
    const name = el.name;
    let message: string;
    let hint: string | undefined;
    if (name === "Step" && ctx.step) {
      message = `A <Step> can't be inside another <Step> (“${ctx.step.step.title}”)`;
      hint = "close the first step with </Step> before starting the next one";
    } else if ((name === "Step" || name === "Flow") && ctx.container && (ctx.kind === "root" || ctx.kind === "Step")) {
      message = `<${name}> can't be inside a list or quote — it must be ${PLACEMENT[name].where}`;
    } else {
      message = `<${name}> can't be used ${describeContext(ctx.kind)} — it belongs ${PLACEMENT[name].where}`;
      if (ctx.kind === "root" && PLACEMENT[name].allowed.includes("Step")) hint = "move it into the <Step> it belongs to";
    }
    this.report("misplaced-component", message, el, hint);
  }

  component(el: MdNode, ctx: Ctx): Block[] {
    if (!this.checkName(el)) return [];
    const name = el.name;
    const allowed = PLACEMENT[name].allowed.includes(ctx.kind);
    const directOnly = name === "Step" || name === "Flow";
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
          this.report("empty-component", `This <${name}> is empty`, el, name === "Say" ? "write the words the agent should say" : undefined);
        if (name === "Say") return [{ type: "say", children }];
        return [{ type: name === "Tip" ? "tip" : "warning", children }];
      }
      case "Check": {
        this.attributes("Check", el);
        if (!step) return [];
        const children = applyTerms(this.checkInlines(el, { kind: "Check", step }), this.terms);
        const id = `${step.step.id}.check-${++step.checks}`;
        step.step.checkIds.push(id);
        if (!this.hasContent(el)) this.report("empty-component", "This <Check> is empty", el, "write the item the agent ticks off");
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
      case "Quiz":
      case "Question":
      case "Scenario": {
        const { raw } = this.attributes(name, el);
        const children = this.blocks(this.childrenAsBlocks(el), { kind: "training", step });
        return [{ type: "training", component: name as TrainingComponent, attributes: raw, children }];
      }
      default:
        // Node / Edge outside a Flow are caught by the placement check above.
        return [];
    }
  }

  private hasContent(el: MdNode): boolean {
    return (el.children ?? []).some((c) => !(c.type === "text" && (c.value ?? "").trim() === "") && !(c.type.startsWith("mdx") && c.type.endsWith("Expression") && COMMENT_RE.test((c.value ?? "").trim())));
  }

  private checkInlines(el: MdNode, ctx: Ctx): Inline[] {
    const place = "inside a <Check>";
    if (el.type === "mdxJsxTextElement") return trimInlines(mergeText(this.inlines(el.children ?? [], ctx, place)));
    const children = (el.children ?? []).filter((c) => !(c.type === "mdxFlowExpression" && COMMENT_RE.test((c.value ?? "").trim())));
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
    const a = this.attributes("Field", el).values as {
      name?: string;
      label?: string;
      type?: FieldType;
      required?: boolean;
      pattern?: string;
      ignoreCase?: boolean;
      options?: string[];
      placeholder?: string;
      help?: string;
    };
    if (this.hasContent(el))
      this.report("ignored-content", "Content inside <Field> is ignored — use the `label` and `help` attributes", el, "write it as <Field … />");
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
        `The field "${name}" is already captured${other ? ` in step “${other.title}”` : ""} (line ${existing.position.line})`,
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
    if (a.options !== undefined && a.options.length > 0) def.options = a.options;
    if (a.placeholder !== undefined) def.placeholder = a.placeholder;
    if (a.help !== undefined) def.help = a.help;
    this.fields.push(def);
    this.fieldByName.set(name, def);
    step.step.fieldNames.push(name);
    return [{ type: "field", field: def }];
  }

  // ---- flows ------------------------------------------------------------------------------

  private buildFlow(el: MdNode, attrs: { id?: string; title?: string }, step: Step, defaultTitle: string): Flow {
    const title = attrs.title ?? defaultTitle;
    let id: string;
    if (attrs.id !== undefined && this.flowIds.has(attrs.id)) {
      this.report("duplicate-flow-id", `Two flows have the id "${attrs.id}" — flow ids must be unique`, this.attributeNode(el, "id") ?? el, "rename one of them");
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
        if (this.hasContent(n)) this.report("ignored-content", "Content inside <Edge> is ignored — use the `label` attribute", n, "write it as <Edge … />");
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
          suggestionHint(edge[end], nodeIds, (s) => `"${s}"`) ?? (nodeIds.size ? `node ids are ${[...nodeIds].map((s) => `"${s}"`).join(", ")}` : "add the <Node> first"),
        );
      }
      if (ok) flow.edges.push(edge);
    }
    if (elements.every((n) => n.name !== "Node"))
      this.report("empty-flow", `The flow “${title}” has no <Node>`, el, 'add nodes like <Node id="start" type="start" label="Call comes in" />');
    return flow;
  }

  private flowNode(n: MdNode, nodeIds: Set<string>): FlowNode | null {
    const a = this.attributes("Node", n).values as Partial<Record<"id" | "label" | "to" | "reason" | "step" | "sop" | "field" | "outcome", string>> & {
      type?: FlowNodeType;
    };
    if (this.hasContent(n)) this.report("ignored-content", "Content inside <Node> is ignored — use the `label` attribute", n, "write it as <Node … />");
    if (a.id === undefined) return null;
    if (nodeIds.has(a.id)) {
      this.report("duplicate-node-id", `Two nodes of this flow have the id "${a.id}"`, this.attributeNode(n, "id") ?? n, "node ids must be unique within a flow");
      return null;
    }
    nodeIds.add(a.id);
    const type: FlowNodeType = a.type ?? "action";
    if (type === "goto" && a.step === undefined)
      this.report("missing-attribute", `Node "${a.id}" is a goto node: add step="…" with the id of the step to jump to`, n);
    if (type === "sop" && a.sop === undefined)
      this.report("missing-attribute", `Node "${a.id}" opens another SOP: add sop="…" with that SOP's id`, n);
    const node: FlowNode = { id: a.id, type, label: a.label ?? a.id, position: pos(n) };
    for (const k of ["to", "reason", "step", "sop", "field", "outcome"] as const) {
      const v = a[k];
      if (v !== undefined) node[k] = v;
    }
    if (node.field) this.capturedByNodes.add(node.field);
    if (node.step !== undefined && type === "goto") this.gotoRefs.push({ step: node.step, node: this.attributeNode(n, "step") ?? n });
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
          let url = node.url;
          let title = node.title ?? undefined;
          if (node.type === "linkReference") {
            const def = this.definitions.get((node.identifier ?? "").toLowerCase());
            if (!def) {
              out.push(...this.inlines(node.children ?? [], ctx, place));
              break;
            }
            url = def.url;
            title = def.title;
          }
          const children = mergeText(this.inlines(node.children ?? [], ctx, "inside a link"));
          if (!isSafeUrl(url ?? "")) {
            const scheme = (url ?? "").replace(/[\u0000-\u0020]/g, "").split(":")[0];
            this.report(
              "unsafe-link",
              `Links to "${scheme}:" addresses are not allowed`,
              node,
              "links may use https://, http://, mailto:, tel: or a relative path",
            );
            out.push(...children);
            break;
          }
          const link: Inline = { type: "link", url: url ?? "", children };
          if (title) link.title = title;
          out.push(link);
          break;
        }
        case "image":
        case "imageReference":
          this.report("image-not-supported", "Images are not supported yet — only the alt text is shown", node, "describe the picture in words, or link to it");
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
    const captured = new Set<string>([...this.fieldByName.keys(), ...this.capturedByNodes]);
    for (const v of this.variables) {
      if (captured.has(v.name)) continue;
      this.report(
        "unknown-variable",
        `{${v.name}} refers to a field that no <Field> captures`,
        v.position,
        suggestionHint(v.name, captured, (s) => `{${s}}`) ?? `add <Field name="${v.name}" label="…" /> to the step that asks for it`,
      );
    }
    const stepIds = this.steps.map((s) => s.id);
    for (const ref of this.gotoRefs) {
      if (this.stepIds.has(ref.step)) continue;
      this.report(
        "unknown-step",
        `The goto node jumps to step "${ref.step}", which this SOP does not have`,
        ref.node,
        suggestionHint(ref.step, stepIds, (s) => `"${s}"`) ?? (stepIds.length ? `step ids are ${stepIds.slice(0, 8).map((s) => `"${s}"`).join(", ")}` : undefined),
      );
    }
    if (this.steps.length === 0 && !syntaxBroken)
      this.report("no-steps", "This SOP has no steps — add at least one <Step title=\"…\"> with the instructions", bodyStart, 'e.g. <Step title="Greet the customer"> … </Step>');
  }
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
  return text.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

function blocksText(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case "paragraph":
      case "heading":
      case "check":
        parts.push(inlineText(b.children));
        break;
      case "list":
        for (const item of b.items) parts.push(blocksText(item));
        break;
      case "blockquote":
      case "say":
      case "tip":
      case "warning":
      case "training":
        parts.push(blocksText(b.children));
        break;
      case "escalate":
        parts.push(blocksText(b.children));
        break;
      case "code":
        parts.push(b.value);
        break;
      case "field":
        parts.push(b.field.label);
        break;
      default:
        break;
    }
  }
  return parts.join(" ");
}

function emptyDocument(): SopDocument {
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
    hint: `keep nesting to a few levels: at most ${SOP_LIMITS.maxContainerDepth} lists or quotes and ${SOP_LIMITS.maxElementNesting} components inside each other`,
    line: 1,
    column: 1,
  };
}

/** Size or nesting beyond SOP_LIMITS: one error, and the front matter's meta when it can be read. */
function limitedDocument(source: string, problem: NonNullable<ReturnType<typeof checkSourceLimits>>, options: ParseOptions): SopDocument {
  const doc = emptyDocument();
  const block = problem.code === "nesting-too-deep" ? extractFrontMatter(source) : null;
  // The front matter is read unless the problem is in it.
  if (problem.code === "nesting-too-deep" && !(block && problem.line <= block.endLine)) {
    const fm = parseFrontMatter(block, options.filename);
    doc.meta = fm.meta;
    doc.glossary = fm.glossary;
    doc.diagnostics.push(...fm.diagnostics);
  }
  doc.diagnostics.push({ severity: "error", code: problem.code, message: problem.message, hint: problem.hint, line: problem.line, column: problem.column });
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
    tree = getProcessor().parse(source) as MdNode;
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

  let words = countWords([fm.meta.title, fm.meta.purpose].join(" "));
  for (const s of builder.sections) words += countWords(`${s.title ?? ""} ${blocksText(s.intro)}`);
  for (const s of builder.steps) words += countWords(`${s.title} ${blocksText(s.blocks)}`);

  return {
    formatVersion: 1,
    meta: fm.meta,
    glossary: fm.glossary,
    sections: builder.sections,
    steps: builder.steps,
    fields: builder.fields,
    flows: builder.flows,
    variables: builder.variables,
    diagnostics: sortDiagnostics(builder.diagnostics),
    stats: { words, steps: builder.steps.length, fields: builder.fields.length, flows: builder.flows.length },
  };
}
