// A list block as items of words (the visual editor's list form). Pure and browser-safe. Only a flat list is
// read: an item with a blank line, a nested list or anything but one paragraph of words leaves the list a
// source block. Printing keeps every unchanged item as written (its marker renumbered when items before it
// were added or removed in a numbered list); a new or edited item is written with the list's own marker.
import type { ListBlock } from "./model";

export type ListItems = {
  ordered: boolean;
  /** the items' words (inline MDX) */
  items: string[];
};

const MARKER_RE = /^([-*+]|\d{1,9}[.)])([ \t]+|$)/;
const NESTED_RE = /^[ \t]*([-*+]|\d{1,9}[.)])[ \t]/m;

type Chunk = { marker: string; raw: string };

function chunks(block: ListBlock): Chunk[] | null {
  const out: Chunk[] = [];
  for (const line of block.text.split("\n")) {
    const m = MARKER_RE.exec(line);
    if (m) out.push({ marker: m[1], raw: line });
    else if (out.length === 0) return null;
    else out[out.length - 1].raw += `\n${line}`;
  }
  return out.length === block.items.length ? out : null;
}

/** The list's items, or null when it is not a flat list of words. */
export function readListItems(block: ListBlock): ListItems | null {
  if (!chunks(block)) return null;
  if (block.items.some((item) => /\n[ \t]*\n/.test(item) || NESTED_RE.test(item) || /^[ \t]*>/m.test(item)))
    return null;
  return { ordered: block.ordered, items: [...block.items] };
}

function printItem(marker: string, text: string): string {
  const pad = " ".repeat(marker.length + 1);
  const [first, ...rest] = text.trim().split("\n");
  return [`${marker} ${first ?? ""}`.trimEnd(), ...rest.map((l) => (l.trim() ? pad + l.trim() : ""))]
    .filter((l, i) => i === 0 || l !== "")
    .join("\n");
}

/** The list's text with `next`'s items; unchanged items keep their lines. */
export function printListItems(block: ListBlock, next: ListItems): string {
  const old = chunks(block) ?? [];
  const bullet = !block.ordered && old[0] ? old[0].marker : "-";
  const delim = block.ordered && old[0] ? old[0].marker.slice(-1) : ".";
  const start = block.ordered && block.start !== null ? block.start : 1;
  const marker = (i: number) => (next.ordered ? `${start + i}${delim}` : bullet);
  return next.items
    .map((item, i) => {
      const was = old[i];
      if (was && next.ordered === block.ordered && item === block.items[i]) {
        const m = marker(i);
        if (was.marker === m) return was.raw;
        // renumbered: the continuation lines' indentation follows the marker's width
        const shift = m.length - was.marker.length;
        const [first, ...rest] = was.raw.split("\n");
        const lines = rest.map((l) => (l.trim() === "" ? l : shift > 0 ? " ".repeat(shift) + l : l.slice(-shift)));
        return [m + first.slice(was.marker.length), ...lines].join("\n");
      }
      return printItem(marker(i), item);
    })
    .join("\n");
}
