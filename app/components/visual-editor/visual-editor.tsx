// The visual SOP editor: the body of an SOP as a list of blocks with forms (ADR 024). It reads the source once
// (again when it changes from outside, e.g. in the source view) and hands every edit back as the new source, in
// which only the edited block's lines changed. It is the default view of the SOP editor (editor/sop-editor.tsx).
//
// Keyboard: every control is native; a block's tools (move, duplicate, delete) are buttons, and Alt+↑ / Alt+↓ on
// them moves the block. After a move the same button keeps the focus. A block's grip (block-handle.tsx) drags it
// among its siblings, or lifts it with Space and moves it with ↑/↓; "/" in an empty words box, or a list's Insert
// button, opens the block menu (slash-menu.tsx) to insert a block there.
//
// Speed (bench/visual-editor.bench.ts): a key typed re-renders the one block it is in. The actions are stable, a
// block view is memoised on its block (edits share every untouched block, edit.ts) and on its own problems, which
// keep their identity while unchanged. A long SOP opens with its first blocks whole and the others as their
// headers (label and tools, so Tab and the tools work on them); a block is drawn whole as it comes near the
// screen, and the rest a few at a time while the page is idle.
import { memo, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import { flushSync } from "react-dom";
import type { Diagnostic } from "../../../sop-schema/types";
import type { ComponentName } from "../../../sop-schema/components";
import { PLACEMENT } from "../../../sop-schema/components";
import { snippetText } from "../../../authoring/templates";
import { fromBlocks, toBlocks, walkBlocks } from "../../../authoring/visual/blocks";
import { placeDiagnostics, type PlacedDiagnostic } from "../../../authoring/visual/diagnostics";
import { FRONT_MATTER_ID, isComponent } from "../../../authoring/visual/model";
import {
  deleteBlock,
  duplicateBlock,
  findBlock,
  insertBlock,
  moveBlock,
  replaceBlock,
  updateProps,
  updateText,
  VisualEditError,
  type Place,
} from "../../../authoring/visual/edit";
import type { Block, Children, ComponentBlock, VisualDoc } from "../../../authoring/visual/model";
import type { NewBlock } from "../../../authoring/visual/print";
import { BlockForm, blockLabel, handFocusToRich, type BlockActions } from "./block-forms";
import { BlockDnd, BlockHandle, blockName, SortableList, useBlockSortable } from "./block-handle";
import { SlashMenu } from "./slash-menu";
import "./visual-editor.css";

export type VisualEditorProps = {
  source: string;
  onChange(source: string): void;
  /** parseSop's diagnostics (the editor page has them); placed on blocks while they describe what is shown */
  diagnostics?: readonly Diagnostic[];
  /** the text `diagnostics` were found in (the page parses a little behind the typing); `source` when omitted */
  diagnosticsSource?: string;
  /** opens the flow editor on the flow with this id; its result comes back as a new source */
  onEditFlow?(flowId: string): void;
  dir?: "ltr" | "rtl";
  ref?: Ref<VisualEditorHandle>;
};

export type VisualEditorHandle = {
  /**
   * Shows the block a diagnostic is about and focuses its first control. False when it is not on a block (the front
   * matter, the whole document, or a diagnostic of an older text): the page shows it elsewhere.
   */
  jumpTo(d: Diagnostic): boolean;
  /** Shows the step with this id and focuses its title; false when there is none. */
  focusStep(stepId: string): boolean;
};

/** Scrolls a block into view and focuses its first control (its tools when its form has none). */
function focusBlock(blockId: string): boolean {
  const section = [...document.querySelectorAll<HTMLElement>(".visual-editor [data-block]")].find(
    (el) => el.dataset.block === blockId,
  );
  if (!section) return false;
  section.scrollIntoView({ block: "center" });
  const control =
    section.querySelector<HTMLElement>(
      ":scope > .ve-form input, :scope > .ve-form textarea, :scope > .ve-form select, " +
        ":scope > .form-field input, :scope > .form-field textarea, :scope > .form-field select, " +
        ":scope > .form-field .ve-rich, :scope > .ve-form .ve-rich",
    ) ?? section.querySelector<HTMLElement>("input, textarea, select, button");
  control?.focus({ preventScroll: true });
  return true;
}

/** What can be added where: the insert palette's blocks that PLACEMENT allows in the container. */
const ADDABLE: { id: string; label: string; name: ComponentName | null }[] = [
  { id: "paragraph", label: "Text", name: null },
  { id: "heading", label: "Heading", name: null },
  { id: "step", label: "Step", name: "Step" },
  { id: "say", label: "Script", name: "Say" },
  { id: "field", label: "Field", name: "Field" },
  { id: "check", label: "Check", name: "Check" },
  { id: "tip", label: "Tip", name: "Tip" },
  { id: "warning", label: "Warning", name: "Warning" },
  { id: "escalation", label: "Escalation", name: "Escalate" },
  { id: "flow", label: "Flow", name: "Flow" },
];

function addable(parent: ComponentBlock | null) {
  const where = parent ? parent.name : "root";
  return ADDABLE.filter((a) => {
    if (a.name === null) return a.id === "paragraph" || where === "root";
    return (PLACEMENT[a.name].allowed as readonly string[]).includes(where);
  });
}

function newBlock(id: string, source: string): NewBlock {
  if (id === "paragraph") return { kind: "paragraph", text: "New text." };
  if (id === "heading") return { kind: "heading", depth: 2, text: "New section" };
  return { kind: "source", text: snippetText(id, source) };
}

/** Field names the SOP captures (fields and flow nodes), for the reference picker. */
function capturedFields(doc: VisualDoc): string[] {
  const names = new Set<string>();
  for (const { block } of walkBlocks(doc.body)) {
    if (block.kind !== "component") continue;
    const p = block.props as { name?: string; field?: string };
    if (block.name === "Field" && p.name) names.add(p.name);
    if (block.name === "Node" && p.field) names.add(p.field);
  }
  return [...names].sort();
}

type Actions = BlockActions & {
  move(id: string, by: -1 | 1): void;
  duplicate(id: string): void;
  remove(id: string): void;
  add(parentId: string | null, what: string): void;
  /** a drop of the block handle */
  moveTo(id: string, where: Place): void;
  /** opens the block menu to insert at `where`, below `from` */
  openMenu(where: Place, from: HTMLElement): void;
  /** inserts a new block of the menu's kind at `where`; its id */
  insertAt(where: Place, what: string): string | undefined;
};

type Problems = ReadonlyMap<string, readonly PlacedDiagnostic[]>;

type Context = {
  /** stable for the editor's life */
  actions: Actions;
  /** by block id; a block's list keeps its identity while its problems are the same */
  problems: Problems;
  fields: readonly string[];
  dir?: "ltr" | "rtl";
};

const NO_PROBLEMS: readonly PlacedDiagnostic[] = [];

/** Top-level blocks drawn whole on the first render: until this many blocks (all depths) are in them. */
const EAGER_BLOCKS = 24;
/** How far from the screen a block is drawn whole. */
const NEAR = "1200px 0px";

function blockCount(b: Block): number {
  let n = 1;
  if (b.kind === "component" && b.children) for (const k of b.children.blocks) n += blockCount(k);
  return n;
}

/** How many top-level blocks the first render draws whole (at least one). */
function eagerCount(body: Children): number {
  let total = 0;
  let i = 0;
  while (i < body.blocks.length && (i === 0 || total < EAGER_BLOCKS)) total += blockCount(body.blocks[i++]);
  return i;
}

function sameList(a: readonly PlacedDiagnostic[], b: readonly PlacedDiagnostic[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (p, i) =>
        p.message === b[i].message &&
        p.severity === b[i].severity &&
        p.attribute === b[i].attribute &&
        p.hint === b[i].hint,
    )
  );
}

/** `prev` itself when `next` says the same; else `next` with the lists that did not change taken from `prev`. */
function stableProblems(prev: Problems, next: Problems): Problems {
  const out = new Map<string, readonly PlacedDiagnostic[]>();
  let same = prev.size === next.size;
  for (const [id, list] of next) {
    const old = prev.get(id);
    if (old && sameList(old, list)) out.set(id, old);
    else {
      out.set(id, list);
      same = false;
    }
  }
  return same ? prev : out;
}

/** Whether the block is `id` or holds it. */
function holds(block: Block, id: string): boolean {
  return (
    block.id === id ||
    (block.kind === "component" && !!block.children && block.children.blocks.some((k) => holds(k, id)))
  );
}

/** Whether any block in `block`'s subtree has other problems in `a` than in `b`. */
function problemsChanged(block: Block, a: Problems, b: Problems): boolean {
  if (a === b) return false;
  if (a.get(block.id) !== b.get(block.id)) return true;
  if (block.kind === "component" && block.children) return block.children.blocks.some((k) => problemsChanged(k, a, b));
  return false;
}

function Problems({ list }: { list: readonly PlacedDiagnostic[] }) {
  const shown = list.filter((p) => !p.attribute);
  if (shown.length === 0) return null;
  return (
    <ul className="ve-problems">
      {shown.map((p, i) => (
        <li key={i} className={`ve-problem ve-problem-${p.severity}`}>
          <span className="visually-hidden">{p.severity === "error" ? "Error: " : "Warning: "}</span>
          {p.message}
          {p.hint ? <span className="ve-hint"> — {p.hint}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** A 24×24 line icon for a block tool (the button's aria-label says what it does). */
function ToolIcon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" className="ve-icon">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function Tools({ block, index, count, ctx }: { block: Block; index: number; count: number; ctx: Context }) {
  const what = blockLabel(block).toLowerCase();
  const title = block.kind === "component" ? (block.props as { title?: string }).title : undefined;
  const name = title ? `${what} “${title}”` : what;
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    e.preventDefault();
    ctx.actions.move(block.id, e.key === "ArrowUp" ? -1 : 1);
  };
  return (
    <div className="ve-tools" role="group" aria-label={`Arrange the ${name}`}>
      <button
        type="button"
        onKeyDown={onKeyDown}
        data-tool={`up-${block.id}`}
        aria-label={`Move the ${name} up`}
        aria-keyshortcuts="Alt+ArrowUp"
        disabled={index === 0}
        onClick={() => ctx.actions.move(block.id, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        onKeyDown={onKeyDown}
        data-tool={`down-${block.id}`}
        aria-label={`Move the ${name} down`}
        aria-keyshortcuts="Alt+ArrowDown"
        disabled={index === count - 1}
        onClick={() => ctx.actions.move(block.id, 1)}
      >
        ↓
      </button>
      <button
        type="button"
        onKeyDown={onKeyDown}
        aria-label={`Duplicate the ${name}`}
        title="Duplicate"
        onClick={() => ctx.actions.duplicate(block.id)}
      >
        <ToolIcon d="M8 8h11v11H8zM5 16V5h11" />
      </button>
      <button
        type="button"
        onKeyDown={onKeyDown}
        aria-label={`Delete the ${name}`}
        title="Delete"
        onClick={() => ctx.actions.remove(block.id)}
      >
        <ToolIcon d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6" />
      </button>
    </div>
  );
}

function AddBlock({ parent, ctx }: { parent: ComponentBlock | null; ctx: Context }) {
  const options = addable(parent);
  const [choice, setChoice] = useState(options[0]?.id ?? "");
  const id = `ve-add-${parent?.id ?? "top"}`;
  if (options.length === 0) return null;
  return (
    <div className="ve-add">
      <label htmlFor={id}>{parent ? `Add to this ${blockLabel(parent).toLowerCase()}` : "Add"}</label>
      <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => ctx.actions.add(parent?.id ?? null, choice)}>
        Add
      </button>
      <button
        type="button"
        className="ve-insert"
        aria-haspopup="listbox"
        onClick={(e) => ctx.actions.openMenu({ into: parent?.id ?? null }, e.currentTarget)}
      >
        {/* isolated: in a right-to-left SOP the "+" and "…" would otherwise swap ends */}
        <bdi>+ Insert…</bdi>
      </button>
    </div>
  );
}

type BlockViewProps = {
  block: Block;
  index: number;
  count: number;
  ctx: Context;
  /** drawn as its header until it comes near the screen (top-level blocks of a long SOP) */
  deferred?: boolean;
};

function sameView(a: BlockViewProps, b: BlockViewProps): boolean {
  return (
    a.block === b.block &&
    a.index === b.index &&
    a.count === b.count &&
    a.deferred === b.deferred &&
    a.ctx.actions === b.ctx.actions &&
    a.ctx.fields === b.ctx.fields &&
    a.ctx.dir === b.ctx.dir &&
    !problemsChanged(a.block, a.ctx.problems, b.ctx.problems)
  );
}

/** False until the element comes near the screen (or `wanted` is false); true for good after that. */
function useNearScreen(wanted: boolean) {
  const ref = useRef<HTMLElement | null>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    if (!wanted || near) return;
    const el = ref.current;
    if (!el || typeof IntersectionObserver === "undefined") {
      setNear(true);
      return;
    }
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: NEAR,
    });
    io.observe(el);
    return () => io.disconnect();
  }, [wanted, near]);
  return { ref, near };
}

const BlockView = memo(function BlockView({ block, index, count, ctx, deferred = false }: BlockViewProps) {
  const labelId = `ve-${block.id}-label`;
  const problems = ctx.problems.get(block.id) ?? NO_PROBLEMS;
  const { ref, near } = useNearScreen(deferred);
  const whole = !deferred || near;
  const sortable = useBlockSortable(block.id);
  const setSortable = sortable.ref;
  const sectionRef = useCallback(
    (el: HTMLElement | null) => {
      ref.current = el;
      setSortable(el);
    },
    [ref, setSortable],
  );
  const shape = whole ? undefined : { minHeight: `${4 + 5 * blockCount(block)}rem` };
  // A flow's boxes and arrows are drawn in its form (and edited in the flow editor), not listed as blocks.
  const kids =
    block.kind === "component" && block.children && !block.inline && block.name !== "Flow" ? block.children : null;
  // A script, check, tip or warning holding one paragraph is edited as words in its form; else its blocks show.
  const words = block.kind === "component" && ["Say", "Check", "Tip", "Warning"].includes(block.name);
  const textOnly = !!kids && kids.blocks.length <= 1 && kids.blocks.every((b) => b.kind === "paragraph");
  const container =
    block.kind === "component" && ["Step", "Escalate", "Tip", "Warning", "Template"].includes(block.name);
  return (
    <section
      ref={sectionRef}
      className={`ve-block ve-${block.kind === "component" ? block.name.toLowerCase() : block.kind}${
        sortable.dragging ? " ve-drag-source" : ""
      }`}
      aria-labelledby={labelId}
      data-block={block.id}
      data-step-id={isComponent(block, "Step") ? (block.props.id ?? "") : undefined}
      data-deferred={whole ? undefined : ""}
      // about the height it will have, so that the page does not jump as blocks are drawn
      style={sortable.style ? { ...shape, ...sortable.style } : shape}
    >
      <header className="ve-block-head">
        <BlockHandle name={blockName(block)} binding={sortable.handle} />
        <h3 id={labelId} className="ve-block-name">
          {blockLabel(block)}
          {whole ? null : <DeferredTitle block={block} />}
        </h3>
        <Tools block={block} index={index} count={count} ctx={ctx} />
      </header>
      {whole ? (
        <>
          <BlockForm block={block} actions={ctx.actions} problems={problems} fields={ctx.fields} dir={ctx.dir} />
          <Problems list={problems} />
          {kids && !(words && textOnly) ? <BlockList listId={block.id} items={kids} ctx={ctx} /> : null}
          {container && block.kind === "component" && !(words && textOnly) ? (
            <AddBlock parent={block} ctx={ctx} />
          ) : null}
        </>
      ) : null}
    </section>
  );
}, sameView);

/** A block not drawn yet shows what it is about beside its label (a step's title). */
function DeferredTitle({ block }: { block: Block }) {
  const title = block.kind === "component" ? (block.props as { title?: unknown }).title : undefined;
  return typeof title === "string" && title ? <span className="ve-deferred-title"> · {title}</span> : null;
}

function BlockList({ listId, items, ctx, drawn }: { listId: string; items: Children; ctx: Context; drawn?: number }) {
  return (
    <div className="ve-list">
      <SortableList listId={listId} blocks={items.blocks}>
        {items.blocks.map((b, i) => (
          <BlockView
            key={b.id}
            block={b}
            index={i}
            count={items.blocks.length}
            ctx={ctx}
            deferred={drawn !== undefined && i >= drawn}
          />
        ))}
      </SortableList>
    </div>
  );
}

type Menu = {
  where: Place;
  label: string;
  items: { id: string; label: string }[];
  style: React.CSSProperties;
  from: HTMLElement;
};

export function VisualEditor({
  source,
  onChange,
  diagnostics,
  diagnosticsSource,
  onEditFlow,
  dir,
  ref,
}: VisualEditorProps) {
  const [doc, setDoc] = useState<VisualDoc>(() => toBlocks(source));
  const [status, setStatus] = useState("");
  // top-level blocks drawn whole whatever their distance from the screen; the others are drawn as they near it
  const [drawn, setDrawn] = useState(() => eagerCount(doc.body));
  const emitted = useRef(source);
  const focusAfter = useRef<string | null>(null);
  // what the stable actions read: the latest document (also between an edit and its render), source and callbacks
  const latest = useRef({ doc, source, onChange, onEditFlow, dir });
  useEffect(() => {
    latest.current.source = source;
    latest.current.onChange = onChange;
    latest.current.onEditFlow = onEditFlow;
    latest.current.dir = dir;
  });
  const root = useRef<HTMLDivElement>(null);
  /** the block menu: where it inserts, what it offers, where it shows, and what had the focus */
  const [menu, setMenu] = useState<Menu | null>(null);
  /** a block just inserted from the menu: focused once drawn */
  const focusNew = useRef<string | null>(null);
  useEffect(() => {
    const id = focusNew.current;
    if (!id) return;
    focusNew.current = null;
    if (focusBlock(id)) handFocusToRich(document.activeElement);
  }, [doc]);

  // A source changed from outside (the source view, a conflict resolution) is read again.
  useEffect(() => {
    if (source !== emitted.current) {
      emitted.current = source;
      const next = toBlocks(source);
      latest.current.doc = next;
      setDoc(next);
    }
  }, [source]);

  // The blocks not drawn yet are drawn a few at a time while the page is idle (find in page then finds them).
  const total = doc.body.blocks.length;
  useEffect(() => {
    if (drawn >= total) return;
    const more = () => setDrawn((n) => Math.min(total, n + 2));
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(more, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(more, 50);
    return () => clearTimeout(id);
  }, [drawn, total]);

  useEffect(() => {
    if (!focusAfter.current) return;
    // The button that was pressed; at the top or the bottom it is disabled, and the other one takes the focus.
    const [dir, id] = focusAfter.current.split(/-(.*)/s);
    focusAfter.current = null;
    const pressed = document.querySelector<HTMLButtonElement>(`[data-tool="${dir}-${id}"]`);
    const other = document.querySelector<HTMLButtonElement>(`[data-tool="${dir === "up" ? "down" : "up"}-${id}"]`);
    (pressed && !pressed.disabled ? pressed : other)?.focus();
  }, [doc]);

  const actions = useMemo<Actions>(() => {
    const apply = (edit: (d: VisualDoc) => VisualDoc, done?: string) => {
      let next: VisualDoc;
      try {
        next = edit(latest.current.doc);
      } catch (e) {
        if (e instanceof VisualEditError) {
          setStatus(e.message);
          return;
        }
        throw e;
      }
      latest.current.doc = next;
      setDoc(next);
      const text = fromBlocks(next);
      emitted.current = text;
      if (done) setStatus(done);
      if (text !== latest.current.source) latest.current.onChange(text);
    };
    /** The ids of the block's siblings (its own included), in order. */
    const siblings = (id: string): string[] => {
      const body = latest.current.doc.body;
      const lists = [
        body,
        ...[...walkBlocks(body)].map((x) => (x.block.kind === "component" ? x.block.children : null)),
      ];
      const list = lists.find((l) => l?.blocks.some((b) => b.id === id));
      return list ? list.blocks.map((b) => b.id) : [];
    };
    return {
      setProps: (id, patch) => apply((d) => updateProps(d, id, patch)),
      setText: (id, text) => apply((d) => updateText(d, id, text)),
      setSource: (id, text) => apply((d) => replaceBlock(d, id, { kind: "source", text })),
      setHeading: (id, depth, text) => apply((d) => replaceBlock(d, id, { kind: "heading", depth, text })),
      editFlow: (flowId) => latest.current.onEditFlow?.(flowId),
      move: (id, by) => {
        const ids = siblings(id);
        const at = ids.indexOf(id);
        const other = ids[at + by];
        if (!other) return;
        focusAfter.current = `${by < 0 ? "up" : "down"}-${id}`;
        apply((d) => moveBlock(d, id, by < 0 ? { before: other } : { after: other }), "Moved.");
      },
      duplicate: (id) => apply((d) => duplicateBlock(d, id).doc, "Duplicated."),
      remove: (id) => apply((d) => deleteBlock(d, id), "Deleted."),
      add: (parentId, what) =>
        apply((d) => insertBlock(d, { into: parentId }, newBlock(what, fromBlocks(d))).doc, "Added."),
      moveTo: (id, where) => apply((d) => moveBlock(d, id, where), "Moved."),
      insertAt: (where, what) => {
        let added: string | undefined;
        apply((d) => {
          const r = insertBlock(d, where, newBlock(what, fromBlocks(d)));
          added = r.ids[0];
          return r.doc;
        }, "Added.");
        return added;
      },
      openMenu: (where, from) => openMenu(where, from),
      slash: (id, from) => openMenu({ after: id }, from),
    };
    /** The block menu below `from`, offering what may go at `where`. */
    function openMenu(where: Place, from: HTMLElement) {
      const d = latest.current.doc;
      const at = "into" in where ? null : findBlock(d, "after" in where ? where.after : where.before);
      const parent = "into" in where ? (where.into === null ? null : findBlock(d, where.into)?.block) : at?.parent;
      const container = parent && parent.kind === "component" ? parent : null;
      const items = addable(container).map(({ id, label }) => ({ id, label }));
      if (items.length === 0) return;
      const label = at
        ? `Insert a block after this ${blockLabel(at.block).toLowerCase()}`
        : container
          ? `Insert a block into this ${blockLabel(container).toLowerCase()}`
          : "Insert a block at the end";
      const box = root.current?.getBoundingClientRect();
      const r = from.getBoundingClientRect();
      const rtl = latest.current.dir === "rtl";
      const start = box ? Math.max(0, rtl ? box.right - r.right : r.left - box.left) : 0;
      const style = box
        ? { top: r.bottom - box.top + 4, insetInlineStart: Math.min(start, Math.max(0, box.width - 288)) }
        : {};
      setMenu({ where, label, items, style, from });
    }
  }, []);
  const closeMenu = (restore: boolean) => {
    const from = menu?.from;
    setMenu(null);
    if (restore && from?.isConnected) from.focus();
  };
  const pick = (what: string) => {
    if (!menu) return;
    setMenu(null);
    const added = actions.insertAt(menu.where, what);
    if (added) focusNew.current = added;
  };
  /** The drag context's words for a block: its name, label and place among its siblings. */
  const describe = useCallback((id: string) => {
    const hit = findBlock(latest.current.doc, id);
    if (!hit) return null;
    return {
      name: blockName(hit.block),
      label: blockLabel(hit.block),
      at: hit.index + 1,
      of: hit.children.blocks.length,
    };
  }, []);

  // The field names only change identity when they change.
  const fieldList = capturedFields(doc);
  const fieldKey = fieldList.join("\n");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the names, not on the array
  const fields = useMemo(() => fieldList, [fieldKey]);

  // Diagnostics are placed while they describe what is shown (the page parses a little behind the typing). While
  // the parse catches up with a key just typed, the blocks keep the problems they had.
  const checked = diagnosticsSource ?? source;
  const placed = useMemo(
    () => (diagnostics && checked === fromBlocks(doc) ? placeDiagnostics(doc, diagnostics) : null),
    [diagnostics, doc, checked],
  );
  const lastProblems = useRef<Problems>(new Map());
  const problems = useMemo(() => {
    if (!placed) return lastProblems.current;
    lastProblems.current = stableProblems(lastProblems.current, placed.byBlock);
    return lastProblems.current;
  }, [placed]);
  const ctx = useMemo<Context>(() => ({ actions, problems, fields, dir }), [actions, problems, fields, dir]);

  /** Draws the top-level block holding `blockId` (and those before it) now, so that it can take the focus. */
  const reveal = useCallback(
    (blockId: string) => {
      const top = doc.body.blocks.findIndex((b) => holds(b, blockId));
      if (top >= drawn) flushSync(() => setDrawn(top + 1));
    },
    [doc, drawn],
  );

  useImperativeHandle(
    ref,
    () => ({
      jumpTo(d) {
        const hit = placed?.all.find((p) => p.original === d);
        if (!hit || hit.blockId === null || hit.blockId === FRONT_MATTER_ID) return false;
        reveal(hit.blockId);
        return focusBlock(hit.blockId);
      },
      focusStep(stepId) {
        const step = [...walkBlocks(doc.body)].find(
          ({ block }) => isComponent(block, "Step") && block.props.id === stepId,
        );
        if (!step) return false;
        reveal(step.block.id);
        return focusBlock(step.block.id);
      },
    }),
    [placed, doc, reveal],
  );

  return (
    <div className="visual-editor" dir={dir} ref={root}>
      {placed && placed.document.length ? <Problems list={placed.document} /> : null}
      <BlockDnd describe={describe} onMove={actions.moveTo}>
        <BlockList listId="top" items={doc.body} ctx={ctx} drawn={drawn} />
      </BlockDnd>

      <AddBlock parent={null} ctx={ctx} />
      {menu ? (
        <SlashMenu
          items={menu.items}
          label={menu.label}
          dir={dir}
          style={menu.style}
          onPick={pick}
          onClose={closeMenu}
        />
      ) : null}
      <p className="visually-hidden" role="status">
        {status}
      </p>
    </div>
  );
}
