// Edit operations on a visual document. Pure and browser-safe; each returns a new document and leaves the one
// it was given as it was (React state can hold it).
//
// An edit rewrites only what it changes: a prop is one attribute rewritten in place (the rest of the tag, the
// children and the closing tag keep their bytes); new and rewritten blocks are printed in the canonical style
// (print.ts), indented like their siblings, with the document's line breaks, and read back as blocks, so the
// model always says what the parser will read. Separators are added where MDX needs them (a blank line between a
// paragraph and what follows it) and are otherwise the ones already there.
import type { ComponentName } from "../../sop-schema/components";
import { serializeFlow } from "../../flows/serialize";
import type { FlowGraph } from "../../flows/model";
import { writeFrontMatter, type FrontMatterValues } from "../front-matter";
import { blockSource, childrenSource, readFragment, walkBlocks } from "./blocks";
import type { Attr, Block, Children, ComponentBlock, ParagraphBlock, VisualDoc } from "./model";
import { FRONT_MATTER_ID } from "./model";
import { isLineContainer, printBlock, type NewBlock } from "./print";
import { attributeOrder, readProps, writeAttribute, type AnyProps, type PropsOf, type RawValue } from "./props";

export class VisualEditError extends Error {
  override name = "VisualEditError";
}

/** Where a block goes: next to a block, or into a component (or the top level: `into: null`) at an index. */
export type Place = { after: string } | { before: string } | { into: string | null; index?: number };

type Found = { block: Block; parent: ComponentBlock | null; children: Children; index: number };

/** The block with this id and where it sits. */
export function findBlock(doc: VisualDoc, id: string): Found | null {
  const search = (children: Children, parent: ComponentBlock | null): Found | null => {
    for (let index = 0; index < children.blocks.length; index++) {
      const block = children.blocks[index];
      if (block.id === id) return { block, parent, children, index };
      if (block.kind === "component" && block.children) {
        const inner = search(block.children, block);
        if (inner) return inner;
      }
    }
    return null;
  };
  return search(doc.body, null);
}

function mustFind(doc: VisualDoc, id: string): Found {
  const found = findBlock(doc, id);
  if (!found) throw new VisualEditError(`No block with the id "${id}"`);
  return found;
}

/** A copy of `children` with the block `id` (at any depth) replaced by what `fn` returns. */
function mapBlock(children: Children, id: string, fn: (b: Block) => Block): Children | null {
  for (let i = 0; i < children.blocks.length; i++) {
    const b = children.blocks[i];
    let next: Block | null = null;
    if (b.id === id) next = fn(b);
    else if (b.kind === "component" && b.children) {
      const inner = mapBlock(b.children, id, fn);
      if (inner) next = { ...b, children: inner };
    }
    if (next) {
      const blocks = [...children.blocks];
      blocks[i] = next;
      return { ...children, blocks };
    }
  }
  return null;
}

function withBlock(doc: VisualDoc, id: string, fn: (b: Block) => Block): VisualDoc {
  const body = mapBlock(doc.body, id, fn);
  if (!body) throw new VisualEditError(`No block with the id "${id}"`);
  return { ...doc, body };
}

/** A copy of the document with the children of `parentId` (null: the top level) replaced by `fn`'s. */
function withChildren(doc: VisualDoc, parentId: string | null, fn: (c: Children) => Children): VisualDoc {
  if (parentId === null) return { ...doc, body: fn(doc.body) };
  return withBlock(doc, parentId, (b) => {
    if (b.kind !== "component" || !b.children) throw new VisualEditError(`Block "${parentId}" holds no blocks`);
    return { ...b, children: fn(b.children) };
  });
}

// ---- layout helpers ----------------------------------------------------------------------------

const BLANK_LINE_RE = /\n[ \t]*\r?\n/;

function hasBlankLine(gap: string): boolean {
  return BLANK_LINE_RE.test(gap);
}

/**
 * True when a single line break is enough between two blocks: both are one-line components or headings. Any
 * other pair needs a blank line (a paragraph would run on into the next line, a list take it as its own, `---`
 * under text make a heading).
 */
function lineSafe(b: Block): boolean {
  if (b.kind === "heading") return true;
  return b.kind === "component" && !blockSource(b).includes("\n");
}

function needsBlank(a: Block | undefined, b: Block | undefined): boolean {
  return a !== undefined && b !== undefined && !(lineSafe(a) && lineSafe(b));
}

/** The gap with a blank line in it: one more line break, or a new line when the blocks shared a line. */
function withBlankLine(gap: string, eol: string, indent: string): string {
  if (hasBlankLine(gap)) return gap;
  if (/\r?\n/.test(gap)) return gap.replace(/\r?\n/, eol + eol);
  return eol + eol + indent;
}

/** A counter for block ids while an edit runs (written back to the document's nextId). */
type Ids = { n: number };

/**
 * Re-reads two neighbours together when MDX may read them otherwise than as two blocks (two lists in a row with
 * the same marker are one list), so that the model keeps saying what the parser reads.
 */
function settle(children: Children, i: number, ids: Ids): Children {
  const a = children.blocks[i - 1];
  const b = children.blocks[i];
  if (!a || !b || (a.kind === "component" && b.kind === "component")) return children;
  const frag = readFragment(blockSource(a) + children.gaps[i] + blockSource(b), a.indent, ids.n);
  if (frag.blocks.length === 2 && frag.blocks[0].kind === a.kind && frag.blocks[1].kind === b.kind) return children;
  ids.n = frag.nextId;
  const read = frag.blocks.map((x, k) => (k === 0 ? ({ ...x, id: a.id } as Block) : x));
  const blocks = [...children.blocks];
  blocks.splice(i - 1, 2, ...read);
  const gaps = [...children.gaps];
  gaps.splice(i, 1, ...frag.gaps.slice(1, -1));
  return { blocks, gaps };
}

/** The indentation of a container's blocks: what its blocks have, else the style's default. */
function childIndent(children: Children, parent: ComponentBlock | null): string {
  for (let i = 0; i < children.blocks.length; i++) if (/\n/.test(children.gaps[i])) return children.blocks[i].indent;
  if (!parent) return "";
  return isLineContainer(parent.name) || parent.name === "Question" ? `${parent.indent}  ` : parent.indent;
}

/** Blank lines between a container's blocks (a step), or one block per line (a flow)? As the container does. */
function blankStyle(children: Children, parent: ComponentBlock | null): boolean {
  const inner = children.gaps.slice(1, -1);
  if (inner.length > 0) return inner.some(hasBlankLine);
  return !parent || !isLineContainer(parent.name);
}

function indentText(text: string, indent: string, eol: string): string {
  return text
    .split("\n")
    .map((l, i) => (i === 0 || l === "" ? l : indent + l))
    .join(eol);
}

/** New blocks read from the canonical text of `specs`, placed at `indent`. */
function materialise(
  doc: VisualDoc,
  specs: readonly NewBlock[],
  indent: string,
  blank: boolean,
): { blocks: Block[]; gaps: string[]; nextId: number } {
  const sep = doc.eol + (blank ? doc.eol : "") + indent;
  const text = specs.map((s) => indentText(printBlock(s), indent, doc.eol)).join(sep);
  const frag = readFragment(text, indent, doc.nextId);
  return { blocks: frag.blocks, gaps: frag.gaps.slice(1, -1), nextId: frag.nextId };
}

/** Inserts `blocks` (with `inner` separators between them) at index `k` of `children`. */
function spliceIn(
  doc: VisualDoc,
  children: Children,
  parent: ComponentBlock | null,
  k: number,
  blocks: Block[],
  inner: string[],
  ids: Ids,
): Children {
  if (blocks.length === 0) return children;
  const eol = doc.eol;
  const blank = blankStyle(children, parent);
  const indent = childIndent(children, parent);
  const sep = eol + (blank ? eol : "") + indent;
  const n = children.blocks.length;
  const out = [...children.blocks];
  let gaps = [...children.gaps];
  if (n === 0) {
    const lead = parent ? sep : doc.frontMatter ? eol + eol : "";
    const trail = parent ? eol + (blank ? eol : "") + parent.indent : eol;
    out.push(...blocks);
    gaps = [lead, ...inner, trail];
  } else if (k < n) {
    out.splice(k, 0, ...blocks);
    gaps.splice(k + 1, 0, ...inner, sep);
  } else {
    out.push(...blocks);
    gaps.splice(n, 0, sep, ...inner);
  }
  // A blank line where MDX needs one, on both sides of what came in.
  const first = n === 0 ? 0 : Math.min(k, n);
  const last = first + blocks.length - 1;
  if (first > 0 && needsBlank(out[first - 1], out[first]))
    gaps[first] = withBlankLine(gaps[first], eol, out[first].indent);
  if (last + 1 < out.length && needsBlank(out[last], out[last + 1]))
    gaps[last + 1] = withBlankLine(gaps[last + 1], eol, out[last + 1].indent);
  return settle(settle({ blocks: out, gaps }, last + 1, ids), first, ids);
}

function spliceOut(children: Children, i: number, ids: Ids): Children {
  const n = children.blocks.length;
  const blocks = [...children.blocks];
  const gaps = [...children.gaps];
  blocks.splice(i, 1);
  if (i < n - 1) {
    // Keep the separator that was before the block, unless only the one after it keeps the neighbours apart.
    const prev = blocks[i - 1];
    const next = blocks[i];
    const keepAfter = needsBlank(prev, next) && !hasBlankLine(gaps[i]) && hasBlankLine(gaps[i + 1]);
    gaps.splice(keepAfter ? i : i + 1, 1);
  } else gaps.splice(i, 1);
  return settle({ blocks, gaps }, i, ids);
}

/** A self-closing component that is to hold blocks gets an opening and a closing tag. */
function opened(b: ComponentBlock): ComponentBlock {
  if (b.children) return b;
  return {
    ...b,
    openEnd: b.openEnd.replace(/\s*\/\s*>$/, ">"),
    children: { blocks: [], gaps: [""] },
    close: `</${b.name}>`,
  };
}

function resolvePlace(doc: VisualDoc, place: Place): { parentId: string | null; index: number } {
  if ("into" in place) {
    if (place.into === null) return { parentId: null, index: place.index ?? doc.body.blocks.length };
    const target = mustFind(doc, place.into).block;
    if (target.kind !== "component") throw new VisualEditError(`Block "${place.into}" can't hold blocks`);
    if (target.inline) throw new VisualEditError(`<${target.name}> is written inside a line: it holds only text`);
    const count = target.children?.blocks.length ?? 0;
    return { parentId: target.id, index: Math.max(0, Math.min(count, place.index ?? count)) };
  }
  const ref = mustFind(doc, "after" in place ? place.after : place.before);
  if (ref.parent?.inline)
    throw new VisualEditError(`<${ref.parent.name}> is written inside a line: it holds only text`);
  return { parentId: ref.parent?.id ?? null, index: ref.index + ("after" in place ? 1 : 0) };
}

function parentOf(doc: VisualDoc, parentId: string | null): ComponentBlock | null {
  if (parentId === null) return null;
  const b = mustFind(doc, parentId).block;
  return b.kind === "component" ? b : null;
}

/** Places existing blocks (moved or copied) at `place`, re-indented when their new siblings are indented otherwise. */
function place(doc: VisualDoc, where: Place, blocks: Block[]): { doc: VisualDoc; ids: string[] } {
  const { parentId, index } = resolvePlace(doc, where);
  let next = doc;
  if (parentId !== null) next = withBlock(next, parentId, (b) => (b.kind === "component" ? opened(b) : b));
  const parent = parentOf(next, parentId);
  const children = parent ? parent.children! : next.body;
  const indent = childIndent(children, parent);
  let nextId = next.nextId;
  const sep = next.eol + (blankStyle(children, parent) ? next.eol : "") + indent;
  const placed: Block[] = [];
  const inner: string[] = [];
  for (const b of blocks) {
    let pieces: Block[] = [b];
    let gaps: string[] = [];
    if (b.indent !== indent) {
      const frag = readFragment(reindent(blockSource(b), b.indent, indent), indent, nextId);
      nextId = frag.nextId;
      pieces = frag.blocks.length ? [{ ...frag.blocks[0], id: b.id } as Block, ...frag.blocks.slice(1)] : [];
      gaps = frag.gaps.slice(1, -1);
    }
    if (pieces.length === 0) continue;
    if (placed.length) inner.push(sep);
    placed.push(...pieces);
    inner.push(...gaps);
  }
  const at = Math.min(index, children.blocks.length);
  const ids: Ids = { n: nextId };
  next = withChildren(next, parentId, (c) => spliceIn(next, c, parent, at, placed, inner, ids));
  return { doc: { ...next, nextId: ids.n }, ids: placed.map((b) => b.id) };
}

/** Continuation lines moved from one indentation to another (relative indentation kept). */
function reindent(text: string, from: string, to: string): string {
  return text
    .split("\n")
    .map((l, i) => {
      if (i === 0 || l.trim() === "") return l;
      return l.startsWith(from) ? to + l.slice(from.length) : to + l.replace(/^[ \t]*/, "");
    })
    .join("\n");
}

// ---- operations -------------------------------------------------------------------------------

/** A new block, or several (written in order), at `where`. Returns the new blocks' ids. */
export function insertBlock(
  doc: VisualDoc,
  where: Place,
  spec: NewBlock | readonly NewBlock[],
): { doc: VisualDoc; ids: string[] } {
  const specs = Array.isArray(spec) ? (spec as readonly NewBlock[]) : [spec as NewBlock];
  const { parentId, index } = resolvePlace(doc, where);
  let next = doc;
  if (parentId !== null) next = withBlock(next, parentId, (b) => (b.kind === "component" ? opened(b) : b));
  const parent = parentOf(next, parentId);
  const children = parent ? parent.children! : next.body;
  const made = materialise(next, specs, childIndent(children, parent), blankStyle(children, parent));
  const ids: Ids = { n: made.nextId };
  next = withChildren(next, parentId, (c) => spliceIn(next, c, parent, index, made.blocks, made.gaps, ids));
  return { doc: { ...next, nextId: ids.n }, ids: made.blocks.map((b) => b.id) };
}

export function deleteBlock(doc: VisualDoc, id: string): VisualDoc {
  const found = mustFind(doc, id);
  const ids: Ids = { n: doc.nextId };
  const next = withChildren(doc, found.parent?.id ?? null, (c) => spliceOut(c, found.index, ids));
  return { ...next, nextId: ids.n };
}

/** Moves a block (a step up or down, a check into another step). Its text moves as it is. */
export function moveBlock(doc: VisualDoc, id: string, where: Place): VisualDoc {
  const found = mustFind(doc, id);
  if ("after" in where && where.after === id) return doc;
  if ("before" in where && where.before === id) return doc;
  const target = "into" in where ? where.into : null;
  for (let p: string | null = target; p !== null;) {
    if (p === id) throw new VisualEditError("A block can't be moved into itself");
    const up = findBlock(doc, p);
    p = up?.parent?.id ?? null;
  }
  // Indexes count without the block: moving down past its own place shifts by one.
  let adjusted = where;
  if ("into" in where && (where.into ?? null) === (found.parent?.id ?? null) && where.index !== undefined) {
    adjusted = { into: where.into, index: where.index > found.index ? where.index - 1 : where.index };
  }
  const without = deleteBlock(doc, id);
  return place(without, adjusted, [found.block]).doc;
}

/** Rewrites a block from a description (its kind may change: a paragraph typed into a list). Keeps its id. */
export function replaceBlock(doc: VisualDoc, id: string, spec: NewBlock | readonly NewBlock[]): VisualDoc {
  const found = mustFind(doc, id);
  const specs = Array.isArray(spec) ? (spec as readonly NewBlock[]) : [spec as NewBlock];
  const { parent, children, index } = found;
  if (parent?.inline) {
    // Inside `<Check>…</Check>` everything is the text of the line: no blocks to read, only words.
    const text = specs.map((s) => ("text" in s ? s.text : printBlock(s))).join(" ");
    return withChildren(doc, parent.id, () => inlineText(doc, parent, text, id));
  }
  const indent = found.block.indent;
  const made = materialise(doc, specs, indent, blankStyle(children, parent));
  if (made.blocks.length === 0) return deleteBlock(doc, id);
  made.blocks[0] = { ...made.blocks[0], id } as Block;
  const sameShape = made.blocks.length === 1 && made.blocks[0].kind === found.block.kind;
  const ids: Ids = { n: made.nextId };
  const next = withChildren(doc, parent?.id ?? null, (c) => {
    const blocks = [...c.blocks];
    blocks.splice(index, 1, ...made.blocks);
    const gaps = [...c.gaps];
    gaps.splice(index + 1, 0, ...made.gaps);
    if (sameShape) return { blocks, gaps };
    const last = index + made.blocks.length - 1;
    if (index > 0 && needsBlank(blocks[index - 1], blocks[index]))
      gaps[index] = withBlankLine(gaps[index], doc.eol, blocks[index].indent);
    if (last + 1 < blocks.length && needsBlank(blocks[last], blocks[last + 1]))
      gaps[last + 1] = withBlankLine(gaps[last + 1], doc.eol, blocks[last + 1].indent);
    return settle(settle({ blocks, gaps }, last + 1, ids), index, ids);
  });
  return { ...next, nextId: ids.n };
}

/** The text of a component written inside a line (`<Check>words</Check>`): one paragraph of inline MDX. */
function inlineText(doc: VisualDoc, parent: ComponentBlock, text: string, id: string): Children {
  const words = text.replace(/\r\n?/g, "\n").trim();
  if (words === "") return { blocks: [], gaps: [""] };
  const raw = indentText(words, parent.indent, doc.eol);
  const p: ParagraphBlock = { id, kind: "paragraph", origin: null, indent: parent.indent, raw, text: words };
  return { blocks: [p], gaps: ["", ""] };
}

/**
 * Sets the text of a paragraph or heading (inline MDX: see text.ts to escape plain words), or the words of a
 * script, check, tip, warning, template or question explanation that holds at most one paragraph.
 */
export function updateText(doc: VisualDoc, id: string, text: string): VisualDoc {
  const { block } = mustFind(doc, id);
  switch (block.kind) {
    case "paragraph":
      return replaceBlock(doc, id, { kind: "paragraph", text });
    case "heading":
      return replaceBlock(doc, id, { kind: "heading", depth: block.depth, text });
    case "comment":
      return replaceBlock(doc, id, { kind: "comment", text });
    case "quote":
      return replaceBlock(doc, id, { kind: "quote", text });
    case "source":
    case "html":
      return replaceBlock(doc, id, { kind: "source", text });
    case "component": {
      const kids = block.children?.blocks ?? [];
      if (block.inline) {
        const childId = kids[0]?.id ?? `b${doc.nextId}`;
        const next = withBlock(doc, id, (b) => ({
          ...(b as ComponentBlock),
          children: inlineText(doc, block, text, childId),
        }));
        return kids[0] ? next : { ...next, nextId: doc.nextId + 1 };
      }
      if (kids.length === 1 && kids[0].kind === "paragraph")
        return replaceBlock(doc, kids[0].id, { kind: "paragraph", text });
      if (kids.length === 0) {
        if (text.trim() === "") return doc;
        if (block.name === "Say" || block.name === "Check") {
          // `<Say />` or `<Say></Say>` on its own line: written again as `<Say>words</Say>`.
          const written = replaceBlock(doc, id, { kind: "component", name: block.name, props: block.props, text });
          return written;
        }
        return insertBlock(doc, { into: id }, { kind: "paragraph", text }).doc;
      }
      throw new VisualEditError(`<${block.name}> holds several blocks: edit them one by one`);
    }
    default:
      throw new VisualEditError(`A ${block.kind} block has no text to set`);
  }
}

function valueOf(written: string, prop: string): RawValue {
  if (written === prop) return true;
  const m = /^[^=]+="([\s\S]*)"$/.exec(written);
  return m
    ? m[1]
        .replace(/&quot;/g, '"')
        .replace(/&#10;/g, "\n")
        .replace(/&#13;/g, "\r")
        .replace(/&amp;/g, "&")
    : written;
}

/**
 * Sets props of a component: each one given is written (or removed: undefined, false, "" and [] mean "not set")
 * in place, at its usual position when new; attributes not given keep their bytes.
 */
export function updateProps<N extends ComponentName>(
  doc: VisualDoc,
  id: string,
  patch: Partial<PropsOf<N>> | AnyProps,
): VisualDoc {
  return withBlock(doc, id, (b) => {
    if (b.kind !== "component") throw new VisualEditError(`Block "${id}" is a ${b.kind}, not a component`);
    const order = attributeOrder(b.name);
    let attrs: Attr[] = [...b.attrs];
    for (const [prop, value] of Object.entries(patch)) {
      const written = writeAttribute(b.name, prop, value);
      const at = attrs.findIndex((a) => a.name === prop);
      if (written === null) {
        attrs = attrs.filter((a) => a.name !== prop);
        continue;
      }
      const attr = { name: prop, value: valueOf(written, prop), raw: written };
      if (at >= 0) {
        attrs[at] = { ...attrs[at], ...attr };
        continue;
      }
      // After the last attribute that comes before it in the schema's order; one per line if the tag is so.
      const rank = order.indexOf(prop);
      let after = -1;
      attrs.forEach((a, i) => {
        const r = order.indexOf(a.name);
        if (r >= 0 && (rank < 0 || r < rank)) after = i;
      });
      if (rank < 0) after = attrs.length - 1;
      const neighbour = attrs[after + 1] ?? attrs[after];
      const lead = neighbour && /\n/.test(neighbour.lead) ? neighbour.lead : " ";
      attrs.splice(after + 1, 0, { ...attr, lead });
    }
    return { ...b, attrs, props: readProps(b.name, attrs) } as ComponentBlock;
  });
}

/** Replaces a `<Flow>` with the graph the flow editor returns (flows/serialize.ts's canonical form). */
export function replaceFlow(doc: VisualDoc, id: string, graph: FlowGraph): VisualDoc {
  const { block } = mustFind(doc, id);
  if (block.kind !== "component" || block.name !== "Flow") throw new VisualEditError(`Block "${id}" is not a <Flow>`);
  return replaceBlock(doc, id, { kind: "source", text: serializeFlow(graph) });
}

// ---- duplicate ---------------------------------------------------------------------------------

/** Ids and names that must stay unique in an SOP, as they are written now. */
function usedNames(doc: VisualDoc): { ids: Set<string>; fields: Set<string> } {
  const ids = new Set<string>();
  const fields = new Set<string>();
  for (const { block } of walkBlocks(doc.body)) {
    if (block.kind !== "component") continue;
    const p = block.props as { id?: string; name?: string; field?: string };
    if (p.id && block.name !== "Node" && block.name !== "Question") ids.add(p.id);
    if (block.name === "Field" && p.name) fields.add(p.name);
    if (block.name === "Node" && p.field) fields.add(p.field);
  }
  return { ids, fields };
}

function uniqueName(base: string, used: Set<string>, sep: string): string {
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}${sep}${n}`;
  used.add(name);
  return name;
}

/**
 * Copies a block right after itself. So that the copy adds no error, its explicit ids (step, flow, quiz,
 * scenario; a node's or question's within its flow or quiz) and the names of the fields it captures are made
 * unique, and the copy's `{field}` references follow the renamed fields.
 */
export function duplicateBlock(doc: VisualDoc, id: string): { doc: VisualDoc; id: string } {
  const found = mustFind(doc, id);
  const used = usedNames(doc);
  const siblings = new Set<string>();
  for (const b of found.children.blocks)
    if (b.kind === "component" && (b.name === "Node" || b.name === "Question")) {
      const sid = (b.props as { id?: string }).id;
      if (sid) siblings.add(sid);
    }
  const renamed = new Map<string, string>();
  let text = blockSource(found.block);
  let copy = readFragment(text, found.block.indent, doc.nextId);
  let work: VisualDoc = { ...doc, nextId: copy.nextId, body: { blocks: copy.blocks, gaps: copy.gaps } };
  for (const { block } of walkBlocks(work.body)) {
    if (block.kind !== "component") continue;
    const p = block.props as { id?: string; name?: string };
    const patch: AnyProps = {};
    if (p.id && (block.name === "Node" || block.name === "Question")) {
      if (block.id === work.body.blocks[0]?.id) patch.id = uniqueName(p.id, siblings, "-");
    } else if (p.id) patch.id = uniqueName(p.id, used.ids, "-");
    if (block.name === "Field" && p.name) {
      const name = uniqueName(p.name, used.fields, "_");
      renamed.set(p.name, name);
      patch.name = name;
    }
    if (Object.keys(patch).length) work = updateProps(work, block.id, patch);
  }
  if (renamed.size) {
    for (const { block } of walkBlocks(work.body)) {
      if (block.kind !== "paragraph") continue;
      const follow = (s: string) =>
        s.replace(/\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g, (m, name: string) =>
          renamed.has(name) ? `{${renamed.get(name)}}` : m,
        );
      if (follow(block.raw) !== block.raw)
        work = withBlock(work, block.id, (b) => ({ ...b, raw: follow(block.raw), text: follow(block.text) }) as Block);
    }
  }
  text = childrenSource(work.body);
  copy = readFragment(text, found.block.indent, work.nextId);
  const placed = place({ ...doc, nextId: copy.nextId }, { after: id }, copy.blocks);
  return { doc: placed.doc, id: placed.ids[0] };
}

// ---- front matter ------------------------------------------------------------------------------

/**
 * Writes the Details form's values into the front matter (authoring/front-matter.ts: only changed keys are
 * touched); the body is not touched. A document without front matter gets one.
 */
export function updateFrontMatter(doc: VisualDoc, values: FrontMatterValues): VisualDoc {
  const body = childrenSource(doc.body);
  const fm = doc.frontMatter;
  if (fm) {
    const out = writeFrontMatter(fm.raw + body, values);
    if (!out.endsWith(body)) throw new VisualEditError("The front matter could not be written");
    const raw = out.slice(0, out.length - body.length);
    return { ...doc, frontMatter: { ...fm, raw, yaml: yamlOf(raw) } };
  }
  const out = writeFrontMatter(body, values);
  if (!out.endsWith(body)) throw new VisualEditError("The front matter could not be written");
  const head = out.slice(0, out.length - body.length).replace(/\r?\n$/, "");
  const gaps = [...doc.body.gaps];
  gaps[0] = doc.eol + (doc.body.blocks.length && !/^\r?\n/.test(gaps[0]) ? doc.eol : "") + gaps[0];
  return {
    ...doc,
    frontMatter: { id: FRONT_MATTER_ID, origin: null, raw: head, yaml: yamlOf(head) },
    body: { ...doc.body, gaps },
  };
}

function yamlOf(raw: string): string {
  const lines = raw.split(/\r?\n/);
  return lines.slice(1, -1).join("\n");
}
