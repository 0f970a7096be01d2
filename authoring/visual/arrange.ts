// The pure part of the block menu and the block handle (issue 17, ADR 024): which menu items match what was typed
// after "/", and where a dragged block lands among its siblings. No React, no DOM.
import type { Place } from "./edit";

export type MenuItem = { id: string; label: string };

/** Other words a lead may type for an item (its label is always searched). */
const KEYWORDS: Record<string, readonly string[]> = {
  paragraph: ["paragraph", "words"],
  heading: ["title", "section"],
  say: ["say", "script", "speech"],
  check: ["checklist", "tick"],
  tip: ["hint", "note"],
  warning: ["caution", "alert", "danger"],
  escalation: ["escalate", "handover", "transfer"],
  flow: ["diagram", "decision"],
  field: ["input", "capture"],
};

/**
 * The items matching `query` (what follows the "/"; a leading "/" is ignored), best first: the label starting with
 * it, then a word of the label or a keyword starting with it, then (from two letters on) the label or a keyword
 * containing it; within a rank, in the menu's order. An empty query gives every item.
 */
export function filterMenu<T extends MenuItem>(items: readonly T[], query: string): T[] {
  const q = query.replace(/^\//, "").trim().toLocaleLowerCase();
  if (q === "") return [...items];
  const rank = (item: T): number => {
    const label = item.label.toLocaleLowerCase();
    if (label.startsWith(q)) return 0;
    const words = [...label.split(/\s+/), ...(KEYWORDS[item.id] ?? [])];
    if (words.some((w) => w.startsWith(q))) return 1;
    if (q.length > 1 && (label.includes(q) || (KEYWORDS[item.id] ?? []).some((w) => w.includes(q)))) return 2;
    return -1;
  };
  return items
    .map((item, index) => ({ item, index, r: rank(item) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.index - b.index)
    .map((x) => x.item);
}

/** The next active option of a listbox for a key (↑/↓ wrap, Home/End), or null when the key is not one of those. */
export function moveActive(key: string, active: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case "ArrowDown":
      return (active + 1) % count;
    case "ArrowUp":
      return (active - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

/**
 * Where moveBlock puts a block dragged onto a sibling's place, as a sortable list shows it: dragged down, after
 * that sibling; up, before it. Null when nothing moves (no target, the block's own place, or an id not in the list).
 */
export function dropPlace(ids: readonly string[], activeId: string, overId: string | null): Place | null {
  if (overId === null || overId === activeId) return null;
  const from = ids.indexOf(activeId);
  const to = ids.indexOf(overId);
  if (from < 0 || to < 0) return null;
  return from < to ? { after: overId } : { before: overId };
}
