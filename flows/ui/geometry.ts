// Pure helpers for drawing flows with React Flow: edge paths through the layout's bend points, edge-label
// boxes, handle positions, and the viewer's highlight sets. No React, no DOM (unit-tested in node).
import type { FlowNodeType } from "../../sop-schema/types";
import { EDGE_LABEL, NODE_SIZES } from "../layout";
import type { LayoutDirection, Point } from "../layout";

/**
 * An SVG path through `points` as a uniform B-spline (what d3's curveBasis draws, the usual look of dagre
 * drawings): it starts at the first point, ends at the last and is pulled towards the ones between.
 */
export function basisPath(points: readonly Point[]): string {
  const f = (n: number) => String(Math.round(n * 10) / 10);
  if (points.length === 0) return "";
  const [p0, ...rest] = points;
  if (rest.length === 0) return `M${f(p0!.x)},${f(p0!.y)}`;
  if (rest.length === 1) return `M${f(p0!.x)},${f(p0!.y)}L${f(rest[0]!.x)},${f(rest[0]!.y)}`;
  let d = `M${f(p0!.x)},${f(p0!.y)}`;
  let x0 = p0!.x;
  let y0 = p0!.y;
  let x1 = rest[0]!.x;
  let y1 = rest[0]!.y;
  d += `L${f((5 * x0 + x1) / 6)},${f((5 * y0 + y1) / 6)}`;
  const bezier = (x: number, y: number) => {
    d +=
      `C${f((2 * x0 + x1) / 3)},${f((2 * y0 + y1) / 3)} ` +
      `${f((x0 + 2 * x1) / 3)},${f((y0 + 2 * y1) / 3)} ` +
      `${f((x0 + 4 * x1 + x) / 6)},${f((y0 + 4 * y1 + y) / 6)}`;
  };
  for (const p of rest.slice(1)) {
    bezier(p.x, p.y);
    x0 = x1;
    y0 = y1;
    x1 = p.x;
    y1 = p.y;
  }
  bezier(x1, y1);
  d += `L${f(x1)},${f(y1)}`;
  return d;
}

/** The layout's route with its ends moved onto the handles (the drawn nodes' exact connection points). */
export function routeBetween(points: readonly Point[] | undefined, source: Point, target: Point): Point[] | null {
  if (!points || points.length < 2) return null;
  return [source, ...points.slice(1, -1), target];
}

/** Characters that fit on one line of an edge label (the layout's estimate: no text measuring). */
export const LABEL_LINE_CHARS = Math.max(
  4,
  Math.floor((EDGE_LABEL.maxWidth - EDGE_LABEL.padding * 2) / EDGE_LABEL.charWidth),
);

/** An edge label broken into lines that fit EDGE_LABEL.maxWidth (same estimate the layout used), at most 3. */
export function labelLines(label: string, maxLines = 3): string[] {
  const perLine = LABEL_LINE_CHARS;
  const words = label.replace(/\s+/g, " ").trim().split(" ");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const w = [...word].length > perLine ? [...word].slice(0, perLine - 1).join("") + "…" : word;
    if (line === "") line = w;
    else if ([...line].length + 1 + [...w].length <= perLine) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line !== "") lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${[...kept[maxLines - 1]!].slice(0, perLine - 1).join("")}…`;
    return kept;
  }
  return lines;
}

/**
 * An edge label with a figure after it (path heat: "Yes · 62 % (310)"): on one line when both fit, else the label
 * in at most two lines and the figure on its own last line, so a long answer never truncates the figure.
 */
export function figureLabelLines(label: string | undefined, figure: string): string[] {
  const text = label?.replace(/\s+/g, " ").trim() ?? "";
  if (text === "") return [figure];
  const one = `${text} · ${figure}`;
  if ([...one].length <= LABEL_LINE_CHARS) return [one];
  return [...labelLines(text, 2), figure];
}

/** The box drawn behind an edge label (centred on its position). */
export function labelBox(lines: readonly string[]): { width: number; height: number } {
  const longest = Math.max(0, ...lines.map((l) => [...l].length));
  const width = Math.min(
    EDGE_LABEL.maxWidth,
    Math.max(EDGE_LABEL.minWidth, longest * EDGE_LABEL.charWidth + EDGE_LABEL.padding * 2),
  );
  return { width, height: lines.length * 15 + 8 };
}

export type HandleSide = "top" | "bottom" | "left" | "right";

/** Where edges enter (target) and leave (source) a node: top/bottom top-to-bottom, left/right left-to-right. */
export function handleSides(direction: LayoutDirection): { target: HandleSide; source: HandleSide } {
  return direction === "LR" ? { target: "left", source: "right" } : { target: "top", source: "bottom" };
}

/**
 * The handle bounds React Flow needs to draw edges without measuring the DOM (server rendering):
 * a 2 px handle centred on the entry and exit side of the node.
 */
export function handleBounds(type: FlowNodeType, direction: LayoutDirection) {
  const { width, height } = NODE_SIZES[type];
  const sides = handleSides(direction);
  const at = (side: HandleSide) =>
    side === "top"
      ? { x: width / 2 - 1, y: 0, width: 2, height: 0 }
      : side === "bottom"
        ? { x: width / 2 - 1, y: height, width: 2, height: 0 }
        : side === "left"
          ? { x: 0, y: height / 2 - 1, width: 0, height: 2 }
          : { x: width, y: height / 2 - 1, width: 0, height: 2 };
  // id null, like React Flow's own measurement of a <Handle> without an id: it looks the handle element up by
  // "…-{id}-{type}" when a connection ends, and "undefined" would never match.
  return [
    { id: null, type: "target" as const, position: sides.target, ...at(sides.target) },
    { id: null, type: "source" as const, position: sides.source, ...at(sides.source) },
  ];
}

export type Highlight = { current?: string; path?: readonly string[] };

/** The nodes on the path taken (the current one included) and the edges between consecutive ones. */
export function highlightSets(h: Highlight | undefined): {
  visited: Set<string>;
  taken: Set<string>;
  current?: string;
} {
  const seq = [...(h?.path ?? [])];
  if (h?.current !== undefined && seq[seq.length - 1] !== h.current) seq.push(h.current);
  const taken = new Set<string>();
  for (let i = 0; i + 1 < seq.length; i++) taken.add(edgeKey(seq[i]!, seq[i + 1]!));
  return { visited: new Set(seq), taken, current: h?.current };
}

export const edgeKey = (from: string, to: string) => `${from}\u0000${to}`;

/** Splits a label into text and `{field}` references (shown as chips). */
export function splitReferences(text: string): { text: string; field?: string }[] {
  const out: { text: string; field?: string }[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
    if (m.index! > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[0], field: m[1] });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
