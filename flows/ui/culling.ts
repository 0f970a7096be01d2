// Viewport culling for big flows. React Flow's `onlyRenderVisibleElements` re-tests every node and edge on
// every viewport change (O(nodes + edges) per frame: ~5,000 tests per frame for a 5,000-node flow). Instead the
// viewer hands React Flow only the elements inside a "window" around the view, found with a grid index, and
// moves that window only when the view gets near its edge — while panning inside it, no element changes.
// Pure (no React, no DOM).
import type { FlowLayout, Point } from "../layout";

export type Rect = { x: number; y: number; width: number; height: number };

type Box = { x0: number; y0: number; x1: number; y1: number };

/** A uniform grid over boxes: query(rect) returns the indices of the boxes that intersect it. */
export class GridIndex {
  private readonly cells = new Map<string, number[]>();
  constructor(
    private readonly boxes: readonly Box[],
    private readonly cell = 600,
  ) {
    boxes.forEach((b, i) => {
      for (let cx = Math.floor(b.x0 / cell); cx <= Math.floor(b.x1 / cell); cx++)
        for (let cy = Math.floor(b.y0 / cell); cy <= Math.floor(b.y1 / cell); cy++) {
          const key = `${cx},${cy}`;
          const list = this.cells.get(key);
          if (list) list.push(i);
          else this.cells.set(key, [i]);
        }
    });
  }

  query(r: Rect): number[] {
    const out = new Set<number>();
    const x1 = r.x + r.width;
    const y1 = r.y + r.height;
    for (let cx = Math.floor(r.x / this.cell); cx <= Math.floor(x1 / this.cell); cx++)
      for (let cy = Math.floor(r.y / this.cell); cy <= Math.floor(y1 / this.cell); cy++)
        for (const i of this.cells.get(`${cx},${cy}`) ?? []) {
          if (out.has(i)) continue;
          const b = this.boxes[i]!;
          if (b.x0 <= x1 && b.x1 >= r.x && b.y0 <= y1 && b.y1 >= r.y) out.add(i);
        }
    return [...out].sort((a, b) => a - b);
  }
}

function boundsOf(points: readonly Point[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x0, y0, x1, y1 };
}

export type FlowIndex = { nodes: GridIndex; edges: GridIndex };

/** Indexes a layout's nodes and edges (an edge by the box of its route, its ends and its label). */
export function indexLayout(layout: FlowLayout): FlowIndex {
  const pos = new Map(layout.nodes.map((n) => [n.id, n]));
  const nodeBoxes = layout.nodes.map((n) => ({ x0: n.x, y0: n.y, x1: n.x + n.width, y1: n.y + n.height }));
  const edgeBoxes = layout.edges.map((e) => {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    const pts: Point[] = [...e.points];
    if (a) pts.push({ x: a.x + a.width / 2, y: a.y + a.height / 2 });
    if (b) pts.push({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
    if (e.labelPosition)
      pts.push(
        { x: e.labelPosition.x - 90, y: e.labelPosition.y - 40 },
        { x: e.labelPosition.x + 90, y: e.labelPosition.y + 40 },
      );
    return pts.length ? boundsOf(pts) : { x0: 0, y0: 0, x1: 0, y1: 0 };
  });
  return { nodes: new GridIndex(nodeBoxes), edges: new GridIndex(edgeBoxes) };
}

/**
 * The node and edge indices to render for `window`: what intersects it, plus the end nodes of every edge kept
 * (React Flow draws an edge only when both its nodes are in the flow).
 */
export function cull(layout: FlowLayout, index: FlowIndex, window: Rect): { nodes: number[]; edges: number[] } {
  const nodes = new Set(index.nodes.query(window));
  const edges = index.edges.query(window);
  const at = new Map(layout.nodes.map((n, i) => [n.id, i]));
  for (const e of edges) {
    const edge = layout.edges[e]!;
    const a = at.get(edge.from);
    const b = at.get(edge.to);
    if (a !== undefined) nodes.add(a);
    if (b !== undefined) nodes.add(b);
  }
  return { nodes: [...nodes].sort((a, b) => a - b), edges };
}

/** The part of the flow on screen for a viewport (x, y, zoom) over a width × height pane. */
export function viewRect(viewport: { x: number; y: number; zoom: number }, width: number, height: number): Rect {
  return {
    x: -viewport.x / viewport.zoom,
    y: -viewport.y / viewport.zoom,
    width: width / viewport.zoom,
    height: height / viewport.zoom,
  };
}

/** The render window around a view: `margin` view-sizes on every side. */
export function windowAround(view: Rect, margin = 1): Rect {
  return {
    x: view.x - view.width * margin,
    y: view.y - view.height * margin,
    width: view.width * (1 + 2 * margin),
    height: view.height * (1 + 2 * margin),
  };
}

/**
 * True when `view` is still well inside `window` (a quarter view-size of slack) and the window is not much
 * bigger than needed (after zooming in), so nothing needs re-culling.
 */
export function stillInside(view: Rect, window: Rect): boolean {
  const sx = view.width / 4;
  const sy = view.height / 4;
  const inside =
    view.x - sx >= window.x &&
    view.y - sy >= window.y &&
    view.x + view.width + sx <= window.x + window.width &&
    view.y + view.height + sy <= window.y + window.height;
  return inside && window.width * window.height <= 16 * view.width * view.height;
}

/** The box around every node of a layout. */
export function layoutBounds(layout: FlowLayout): Rect {
  if (layout.nodes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of layout.nodes) {
    x0 = Math.min(x0, n.x);
    y0 = Math.min(y0, n.y);
    x1 = Math.max(x1, n.x + n.width);
    y1 = Math.max(y1, n.y + n.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
