// What a block holds, for the walkers that treat blocks alike (the word count, `{field}` references, a step's
// stale scripts): a new block type is added here once, not in each walker. Pure and browser-safe.
import type { Block, Inline } from "./types";

/** The inline runs a block holds itself: a paragraph's, heading's or check's text; a table's cells, header first. */
export function blockInlines(b: Block): readonly (readonly Inline[])[] {
  switch (b.type) {
    case "paragraph":
    case "heading":
    case "check":
      return [b.children];
    case "table":
      return [...b.head, ...b.rows.flat()];
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
      return b.items;
    case "blockquote":
    case "say":
    case "tip":
    case "warning":
    case "escalate":
    case "template":
      return [b.children];
    default:
      return [];
  }
}

function inlineVars(inlines: readonly Inline[], found: (name: string) => void): void {
  for (const n of inlines) {
    if (n.type === "var") found(n.name);
    else if (n.type === "strong" || n.type === "emphasis" || n.type === "delete" || n.type === "link") inlineVars(n.children, found);
  }
}

/** Every `{name}` reference in the blocks, at any depth, in document order (a repeated one each time). */
export function forEachVar(blocks: readonly Block[], found: (name: string) => void): void {
  for (const b of blocks) {
    for (const inlines of blockInlines(b)) inlineVars(inlines, found);
    for (const children of blockChildren(b)) forEachVar(children, found);
  }
}
