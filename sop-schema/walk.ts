// The one walker over a SopDocument's blocks. Everything that reads the block tree — the word count, `{field}`
// references, the search index, a run's checks and stale scripts, filling in `{field}` values — goes through
// here, so a new block type is added once (blockInlines, blockChildren, blockText, mapBlockInlines), not in each
// walker, and no two walkers disagree about what a block holds. Pure and browser-safe.
//
// Documents are read from the database as JSON written by earlier versions of the app, so the walk tolerates
// missing arrays (a block without `children`, a document without `sections`) and unknown block types (which
// hold nothing it would visit) rather than throwing.
import type { Block, Inline, Section, SopDocument, Step } from "./types";

/** The inline runs a block holds itself: a paragraph's, heading's or check's text; a table's cells, header first. */
export function blockInlines(b: Block): readonly (readonly Inline[])[] {
  switch (b.type) {
    case "paragraph":
    case "heading":
    case "check":
      return [b.children ?? []];
    case "table":
      return [...(b.head ?? []), ...(b.rows ?? []).flat()];
    default:
      return [];
  }
}

/**
 * The block lists inside a block: a list's items; the content of a quote, `<Say>`, `<Tip>`, `<Warning>`,
 * `<Escalate>` or `<Template>`. Quizzes and scenarios hold none here (their content is elsewhere in the document).
 */
export function blockChildren(b: Block): readonly (readonly Block[])[] {
  switch (b.type) {
    case "list":
      return b.items ?? [];
    case "blockquote":
    case "say":
    case "tip":
    case "warning":
    case "escalate":
    case "template":
      return [b.children ?? []];
    default:
      return [];
  }
}

/**
 * The human-readable text a block holds itself, in reading order, without that of the blocks inside it: the
 * text of a paragraph, heading or check; a table one piece per row (header first, cells apart by a space); a
 * `<Template>`'s title; whom an `<Escalate>` goes to and why; a field's label and help; a code block's code.
 * `text` turns an inline run into text, so each reader decides how `{name}` references, breaks and links read.
 * A piece may be empty (a field without help). Quizzes and scenarios give nothing: their text is the training
 * answer key.
 */
export function blockText(b: Block, text: (inlines: readonly Inline[]) => string): string[] {
  switch (b.type) {
    case "paragraph":
    case "heading":
    case "check":
      return [text(b.children ?? [])];
    case "table":
      return [b.head ?? [], ...(b.rows ?? [])].map((row) => row.map((cell) => text(cell)).join(" "));
    case "template":
      return [b.title ?? ""];
    case "escalate":
      return [b.to ?? "", b.reason ?? ""];
    case "field":
      return [b.field?.label ?? "", b.field?.help ?? ""];
    case "code":
      return [b.value ?? ""];
    default:
      return [];
  }
}

/** Where a visited block sits. */
export type BlockPlace = {
  /** the step the block is in; null for a section's text (its introduction, the text between its steps) */
  step: Step | null;
  /** the section, when the walk knows it (walkDocument always does) */
  section: Section | null;
  /** the block whose content this one is (a list, a quote, a `<Say>`…); null at the top of a step or section text */
  parent: Block | null;
};

/** Called for each block; returning false skips the blocks inside it (the visitor has read them itself). */
export type BlockVisitor = (block: Block, place: BlockPlace) => void | false;

function visitIn(blocks: readonly Block[], visit: BlockVisitor, place: BlockPlace): void {
  if (!Array.isArray(blocks)) return;
  for (const b of blocks) {
    if (visit(b, place) === false) continue;
    const children = blockChildren(b);
    if (children.length === 0) continue;
    const inner: BlockPlace = { step: place.step, section: place.section, parent: b };
    for (const list of children) visitIn(list, visit, inner);
  }
}

/**
 * Every block at any depth, depth first in document order (a block before the blocks inside it), with the step
 * and section it belongs to (`where`, default none) and the block it sits in.
 */
export function visitBlocks(
  blocks: readonly Block[],
  visit: BlockVisitor,
  where: { step?: Step | null; section?: Section | null } = {},
): void {
  visitIn(blocks, visit, { step: where.step ?? null, section: where.section ?? null, parent: null });
}

/** What walkDocument calls; every part is optional. */
export type DocumentVisitor = {
  /** a section, before its text and steps */
  section?(section: Section): void;
  /** a step, before its blocks (`section` is null for a step no section lists) */
  step?(step: Step, section: Section | null): void;
  /** a step, after its blocks */
  stepEnd?(step: Step, section: Section | null): void;
  /** every block of the section texts and steps, at any depth (see visitBlocks) */
  block?: BlockVisitor;
};

/**
 * The whole document in reading order: each section (its title), then its text and its steps interleaved as
 * written (`section.items`; documents without them: the introduction, then the steps), each step with its
 * blocks. A step is visited once, where it is first listed; steps no section lists come last, in `steps` order.
 * Quiz questions and scenario openings are not visited: their content is the training answer key, outside the
 * block tree (a `quiz` or `scenario` block is visited, and holds nothing).
 */
export function walkDocument(doc: Partial<SopDocument>, visitor: DocumentVisitor): void {
  const steps = Array.isArray(doc?.steps) ? doc.steps : [];
  const byId = new Map<string, Step>();
  for (const s of steps) if (!byId.has(s.id)) byId.set(s.id, s);
  const done = new Set<string>();
  const blocks = (list: readonly Block[] | undefined, step: Step | null, section: Section | null) => {
    if (visitor.block && list) visitBlocks(list, visitor.block, { step, section });
  };
  const stepAt = (step: Step | undefined, section: Section | null) => {
    if (!step || done.has(step.id)) return;
    done.add(step.id);
    visitor.step?.(step, section);
    blocks(step.blocks, step, section);
    visitor.stepEnd?.(step, section);
  };
  for (const section of Array.isArray(doc?.sections) ? doc.sections : []) {
    visitor.section?.(section);
    if (section.items) {
      for (const item of section.items) {
        if (item.kind === "blocks") blocks(item.blocks, null, section);
        else stepAt(byId.get(item.stepId), section);
      }
    } else {
      blocks(section.intro, null, section);
      for (const id of section.stepIds ?? []) stepAt(byId.get(id), section);
    }
  }
  for (const s of steps) stepAt(s, null);
}

function inlineVars(inlines: readonly Inline[], found: (name: string) => void): void {
  for (const n of inlines) {
    if (n.type === "var") found(n.name);
    else if (n.type === "strong" || n.type === "emphasis" || n.type === "delete" || n.type === "link")
      inlineVars(n.children ?? [], found);
  }
}

/** Every `{name}` reference in the blocks, at any depth, in document order (a repeated one each time). */
export function forEachVar(blocks: readonly Block[], found: (name: string) => void): void {
  visitBlocks(blocks, (b) => {
    for (const inlines of blockInlines(b)) inlineVars(inlines, found);
  });
}

/**
 * The blocks with every inline run (blockInlines, at any depth) replaced by `f` of it, e.g. `{field}`
 * references filled in. Unchanged parts are shared: when `f` returns its input everywhere, so does this, so a
 * caller can tell "nothing changed" by identity (and React skips re-rendering).
 */
export function mapBlockInlines(blocks: Block[], f: (inlines: Inline[]) => Inline[]): Block[] {
  let out: Block[] | null = null;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const m = mapBlock(b, f);
    if (m !== b && out === null) out = blocks.slice(0, i);
    if (out !== null) out.push(m);
  }
  return out ?? blocks;
}

/** One list mapped, and whether anything in it changed. */
function mapAll<T>(xs: T[], f: (x: T) => T): T[] {
  let changed = false;
  const ys = xs.map((x) => {
    const y = f(x);
    if (y !== x) changed = true;
    return y;
  });
  return changed ? ys : xs;
}

function mapBlock(b: Block, f: (inlines: Inline[]) => Inline[]): Block {
  // The same cases as blockInlines and blockChildren (walk.test.ts checks that they agree).
  switch (b.type) {
    case "paragraph":
    case "heading":
    case "check": {
      const children = f(b.children);
      return children === b.children ? b : ({ ...b, children } as Block);
    }
    case "table": {
      const row = (cells: Inline[][]) => mapAll(cells, f);
      const head = row(b.head);
      const rows = mapAll(b.rows, row);
      return head === b.head && rows === b.rows ? b : { ...b, head, rows };
    }
    case "list": {
      const items = mapAll(b.items, (item) => mapBlockInlines(item, f));
      return items === b.items ? b : { ...b, items };
    }
    case "blockquote":
    case "say":
    case "tip":
    case "warning":
    case "escalate":
    case "template": {
      const children = mapBlockInlines(b.children, f);
      return children === b.children ? b : ({ ...b, children } as Block);
    }
    default:
      return b;
  }
}
