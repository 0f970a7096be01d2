// The block handle: a grip in each block's header that drags the block among its siblings (steps at the top level,
// the blocks inside a step), on @dnd-kit (ADR 024, addendum of 2026-12-07). ONE DndContext for the whole editor
// (BlockDnd) and a SortableContext per list (SortableList): the collision detection and the keyboard only ever
// consider the dragged block's own list, so a block lands beside its siblings and a drop is one moveBlock. The
// pointer drags after 5 px (a click on the grip does nothing); the keyboard lifts with Space or Enter, moves with
// ↑/↓, drops with Space and cancels with Esc; each step is announced in a live region. While dragging, the block
// itself, dashed, stands where it would land (the drop indicator) and a label follows the pointer.
//
// Speed: the contexts' values only change while a block is dragged, so a key typed still re-renders one block.
import { useMemo, useRef, useState } from "react";
import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DraggableAttributes,
  type DragEndEvent,
  type DroppableContainer,
  type KeyboardCoordinateGetter,
  type Modifier,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { dropPlace } from "../../../authoring/visual/arrange";
import type { Place } from "../../../authoring/visual/edit";
import type { Block } from "../../../authoring/visual/model";
import { blockLabel } from "./block-forms";

/** How a block is named in its tools and announcements: "step “Greet”", "script". */
export function blockName(block: Block): string {
  const what = blockLabel(block).toLowerCase();
  const title = block.kind === "component" ? (block.props as { title?: string }).title : undefined;
  return title ? `${what} “${title}”` : what;
}

/** Blocks move up and down only. */
const vertical: Modifier = ({ transform }) => ({ ...transform, x: 0 });
const MODIFIERS = [vertical];

/** The SortableContext (list) a draggable or droppable belongs to. */
function listOf(c: { data: { current?: Record<string, unknown> } } | null | undefined): UniqueIdentifier | undefined {
  return (c?.data.current?.sortable as { containerId?: UniqueIdentifier } | undefined)?.containerId;
}

/**
 * For a keyboard move: the sibling whose top or bottom edge the moved block lines up with. The keyboard step
 * (sortableKeyboardCoordinates) puts the block's top on the next sibling's top going up, its bottom on that
 * sibling's bottom going down; closestCenter would then compare centres, and with siblings of very different
 * heights a centre two places away can be nearer (a tall block passed a short one and landed two places on).
 */
export const nearestEdge: CollisionDetection = ({ collisionRect, droppableRects, droppableContainers }) =>
  droppableContainers
    .flatMap((droppableContainer) => {
      const rect = droppableRects.get(droppableContainer.id);
      if (!rect) return [];
      const value = Math.min(
        Math.abs(rect.top - collisionRect.top),
        Math.abs(rect.top + rect.height - (collisionRect.top + collisionRect.height)),
      );
      return [{ id: droppableContainer.id, data: { droppableContainer, value } }];
    })
    .sort((a, b) => a.data.value - b.data.value);

/** Among the dragged block's siblings only: nearestEdge for the keyboard, closestCenter for the pointer. */
const sameList: CollisionDetection = (args) => {
  const list = listOf(args.active);
  const siblings = { ...args, droppableContainers: args.droppableContainers.filter((c) => listOf(c) === list) };
  return args.pointerCoordinates ? closestCenter(siblings) : nearestEdge(siblings);
};

/** sortableKeyboardCoordinates among the dragged block's siblings only (it would step into a step's own blocks). */
const sameListKeys: KeyboardCoordinateGetter = (event, args) => {
  const list = listOf(args.context.active);
  const all = args.context.droppableContainers;
  const mine = [...all.values()].filter((c: DroppableContainer) => listOf(c) === list);
  const droppableContainers = Object.assign(new Map(mine.map((c) => [c.id, c])), {
    getEnabled: () => mine.filter((c) => !c.disabled),
    getNodeFor: (id: UniqueIdentifier | undefined) => (id == null ? undefined : all.getNodeFor(id)),
  }) as unknown as typeof all;
  return sortableKeyboardCoordinates(event, { ...args, context: { ...args.context, droppableContainers } });
};

// (constants: useSensor memoises on its options, and new sensors would re-render every block)
const POINTER = { activationConstraint: { distance: 5 } };
const KEYBOARD = { coordinateGetter: sameListKeys };

export type BlockDndProps = {
  /** the block's name ("step “Greet”"), its place among its siblings (from 1) and their number */
  describe(id: string): { name: string; label: string; at: number; of: number } | null;
  onMove(id: string, where: Place): void;
  children: React.ReactNode;
};

/** The editor's one drag context: every list in it is a SortableList. */
export function BlockDnd({ describe, onMove, children }: BlockDndProps) {
  const [dragged, setDragged] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, POINTER), useSensor(KeyboardSensor, KEYBOARD));
  const d = useRef(describe);
  d.current = describe;
  const accessibility = useMemo(() => {
    const name = (id: UniqueIdentifier) => d.current(String(id))?.name ?? "block";
    const at = (id: UniqueIdentifier) => {
      const x = d.current(String(id));
      return x ? `position ${x.at} of ${x.of}` : "its place";
    };
    const announcements: Announcements = {
      onDragStart: ({ active }) => `Picked up the ${name(active.id)}, at ${at(active.id)}.`,
      // (nothing while over its own place: the lift's words stay)
      onDragOver: ({ active, over }) =>
        over && over.id !== active.id ? `The ${name(active.id)} would go to ${at(over.id)}.` : undefined,
      onDragEnd: ({ active, over }) =>
        over && over.id !== active.id
          ? `Dropped the ${name(active.id)} at ${at(over.id)}.`
          : `The ${name(active.id)} stays where it was.`,
      onDragCancel: ({ active }) => `Cancelled: the ${name(active.id)} is back at ${at(active.id)}.`,
    };
    return {
      announcements,
      screenReaderInstructions: {
        draggable:
          "To move this block, press Space or Enter, then the up and down arrows; " +
          "Space again drops it, Escape cancels.",
      },
    };
  }, []);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragged(null);
    if (!over || listOf(over) !== listOf(active)) return;
    const ids = ((active.data.current?.sortable as { items?: UniqueIdentifier[] } | undefined)?.items ?? []).map(
      String,
    );
    const place = dropPlace(ids, String(active.id), String(over.id));
    if (place) onMove(String(active.id), place);
  };
  return (
    <DndContext
      id="ve-dnd"
      sensors={sensors}
      collisionDetection={sameList}
      modifiers={MODIFIERS}
      accessibility={accessibility}
      onDragStart={({ active }) => setDragged(String(active.id))}
      onDragCancel={() => setDragged(null)}
      onDragEnd={onDragEnd}
    >
      {children}
      <DragOverlay dropAnimation={null}>
        {dragged ? <div className="ve-drag-label">{describe(dragged)?.label ?? "Block"}</div> : null}
      </DragOverlay>
    </DndContext>
  );
}

/** One list of sibling blocks (the top level, or a container's blocks): its blocks sort among themselves. */
export function SortableList({
  listId,
  blocks,
  children,
}: {
  listId: string;
  blocks: readonly Block[];
  children: React.ReactNode;
}) {
  const key = blocks.map((b) => b.id).join("\n");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the ids, not on the array
  const ids = useMemo(() => blocks.map((b) => b.id), [key]);
  return (
    <SortableContext id={`ve-sort-${listId}`} items={ids} strategy={verticalListSortingStrategy}>
      {children}
    </SortableContext>
  );
}

export type HandleBinding = {
  attributes: DraggableAttributes;
  listeners: ReturnType<typeof useSortable>["listeners"];
  setActivatorNodeRef(el: HTMLElement | null): void;
};

/** What a block's section needs to be dragged: its ref, its style while the list is sorted, and its handle's. */
export function useBlockSortable(id: string) {
  const s = useSortable({ id });
  return {
    ref: s.setNodeRef,
    style: s.transform ? { transform: CSS.Translate.toString(s.transform), transition: s.transition } : undefined,
    dragging: s.isDragging,
    handle: { attributes: s.attributes, listeners: s.listeners, setActivatorNodeRef: s.setActivatorNodeRef },
  };
}

/** The grip (a button: it takes the focus, Space or Enter lifts the block). */
export function BlockHandle({ name, binding }: { name: string; binding: HandleBinding }) {
  return (
    <button
      type="button"
      ref={binding.setActivatorNodeRef}
      className="ve-handle"
      {...binding.attributes}
      {...binding.listeners}
      aria-label={`Drag the ${name}`}
      title="Drag to move (or Space, then ↑ ↓)"
    >
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
        {[6, 12, 18].map((y) => (
          <g key={y} fill="currentColor">
            <circle cx="9" cy={y} r="1.6" />
            <circle cx="15" cy={y} r="1.6" />
          </g>
        ))}
      </svg>
    </button>
  );
}
