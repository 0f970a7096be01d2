// The read-only flow diagram (SOP page, runbook). Positions come from layoutFlow with fixed node sizes and
// every node carries its size and handle bounds, so React Flow 12 draws nodes, edges and labels in the server
// HTML (https://reactflow.dev/learn/advanced-use/ssr-ssg-configuration); the browser then fits it to the real
// width. Big flows render only what is around the view (culling.ts, a grid index instead of React Flow's
// per-frame visibility test), draw far-zoomed nodes as plain shapes, and get an overview map.
//
// Keyboard: each node is a Tab stop with an aria-label (type, text, where its answers lead); focus pans the
// node into view; Tab leaves the diagram after the last rendered node. The text outline (flow-outline.tsx)
// stays the primary screen-reader view; callers render it next to this.
//
// Path heat (`heat`, analytics): edge widths and labels carry each edge's share of the runs, nodes their counts
// and outcomes (flows/ui/heat.ts maps it once per heat and flow; the components only read element data). It is
// independent of `highlight` (the runbook's path): heat draws widths, dashes and fading, the highlight colours.
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { PointerEvent as ReactPointerEvent, ReactNode } from "react";
import { ControlButton, Controls, getViewportForBounds, Panel, ReactFlow, useReactFlow, useStore } from "@xyflow/react";
import type { ReactFlowInstance, Viewport } from "@xyflow/react";
import type { FlowLayout, LayoutDirection } from "../layout";
import { cachedLayout } from "./layout-cache";
import type { FlowGraph } from "../model";
import { cull, indexLayout, layoutBounds, stillInside, viewRect, windowAround } from "./culling";
import type { Rect } from "./culling";
import { viewerElements } from "./elements";
import type { FlowRfEdge, FlowRfNode } from "./elements";
import { edgeTypes } from "./flow-edges";
import { LOD_ZOOM, nodeTypes } from "./flow-nodes";
import type { Highlight } from "./geometry";
import type { FlowHeat } from "../heat";
import { heatFormat, heatView, HEAT_TEXT_EN } from "./heat";
import type { HeatText } from "./heat";
import "./heat.css";
import { IconStroke } from "./icon-stroke";

export type FlowViewerProps = {
  flow: Pick<FlowGraph, "id" | "title" | "nodes" | "edges">;
  /** The node the call is at and the nodes passed on the way (in order); their edges are highlighted. */
  highlight?: Highlight;
  /** Path heat (analytics): each edge drawn by its share of the runs, nodes with their counts and outcomes. */
  heat?: FlowHeat;
  /** The interface language (BCP 47) the heat's numbers are written in (Intl.NumberFormat); default English. */
  lang?: string;
  /**
   * The heat's words in the interface language (outcome names, what is read out); English for what is left out.
   * Read with the heat: a new object alone does not redraw, a new heat or `lang` does.
   */
  heatText?: Partial<HeatText>;
  /** A layout computed elsewhere (e.g. by the loader or a benchmark); else layoutFlow runs here. */
  layout?: FlowLayout;
  direction?: LayoutDirection;
  /** Height of the diagram in pixels (default: from the drawing, 280–640). */
  height?: number;
  /** Width assumed for the server render's fit-to-view, before the browser knows the real one. */
  initialWidth?: number;
  /** Keep the current node in view when it changes (runbook). */
  follow?: boolean;
  /** Show the overview map: "auto" (default) for flows of more than 24 nodes. */
  minimap?: boolean | "auto";
  /** Render only what is around the view: "auto" (default) for flows of more than 60 nodes. */
  onlyVisible?: boolean | "auto";
  /** Text direction of the SOP (labels follow it). */
  textDir?: "ltr" | "rtl";
  /** false: drawn for people who run SOPs (agents), without field names and outcome ids. Default true. */
  authoring?: boolean;
  stepTitle?: (id: string) => string | undefined;
  /** Accessible name of the diagram. */
  label?: string;
  className?: string;
  /** Called once the diagram is fitted to its real size, with React Flow's instance (benchmarks, tours). */
  onInit?: (instance: ReactFlowInstance<FlowRfNode>) => void;
  children?: ReactNode;
};

const MIN_ZOOM = 0.05;
const PADDING = 0.06;

/**
 * The far-zoom drawing's and the overview map's node tint: a class per type, coloured by the theme (app/app.css
 * `.fd-ov`).
 */
function overviewClass(type: string | undefined): string {
  return `fd-ov fd-ov--${type ?? "action"}`;
}

/** A height that shows the flow at the zoom its width allows (280–880 px; taller flows pan). */
export function defaultViewerHeight(layout: FlowLayout, width = 720): number {
  if (layout.nodes.length === 0) return 200;
  const zoom = Math.min(1, (width - 24) / Math.max(1, layout.width));
  return Math.round(Math.min(880, Math.max(280, layout.height * zoom + 24)));
}

/** The viewport that shows the whole drawing in a width × height pane (never above 100 %). */
function fitViewport(bounds: Rect, width: number, height: number): Viewport {
  if (bounds.width === 0 || width === 0 || height === 0) return { x: 0, y: 0, zoom: 1 };
  return getViewportForBounds(bounds, width, height, MIN_ZOOM, 1, PADDING);
}

export function FlowViewer(props: FlowViewerProps) {
  const { flow, highlight, heat, lang, direction = "TB", follow = false, textDir, stepTitle, authoring = true } = props;
  const layout = useMemo(() => props.layout ?? cachedLayout(flow, { direction }), [props.layout, flow, direction]);
  const current = highlight?.current;
  const pathKey = highlight?.path?.join("\u0000") ?? "";
  const heatText = props.heatText;
  // Once per heat and flow: O(nodes + edges), matched by heatEdgeKey over the layout's edges (viewerElements'
  // order). heatText is a page's translations, which change with `lang`.
  const heatMap = useMemo(
    () =>
      heat
        ? heatView({ nodes: flow.nodes, edges: layout.edges }, heat, { format: heatFormat(lang), text: heatText })
        : undefined,
    [heat, flow, layout, lang, heatText],
  );
  const { nodes, edges } = useMemo(
    () =>
      viewerElements(flow, layout, {
        highlight: current || pathKey ? { current, path: pathKey ? pathKey.split("\u0000") : [] } : undefined,
        direction,
        textDir,
        stepTitle,
        authoring,
        heat: heatMap,
      }),
    // stepTitle looks up the same document, so it only changes with the flow: callers pass a new arrow on every
    // render, and redrawing the diagram for it would cost the run screen a frame.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [flow, layout, current, pathKey, direction, textDir, authoring, heatMap],
  );
  const initialWidth = props.initialWidth ?? 720;
  const height = props.height ?? defaultViewerHeight(layout, initialWidth);
  const culled =
    props.onlyVisible === "auto" || props.onlyVisible === undefined ? nodes.length > 60 : props.onlyVisible;
  const minimap = props.minimap === "auto" || props.minimap === undefined ? nodes.length > 24 : props.minimap;
  const label =
    props.label ??
    `Diagram of the decision ` +
      `flow “${flow.title}”${heatMap ? { ...HEAT_TEXT_EN, ...heatText }.traffic(heatMap.runsText) : ""}`;
  const summaryId = useId();
  const bounds = useMemo(() => layoutBounds(layout), [layout]);
  const typeOf = useMemo(() => new Map(flow.nodes.map((n) => [n.id, n.type as string])), [flow]);
  const coldNodes = useMemo(
    () => (heatMap ? new Set([...heatMap.nodes].filter(([, h]) => h.cold).map(([id]) => id)) : undefined),
    [heatMap],
  );
  const containerRef = useRef<HTMLDivElement>(null);

  // The server fits the flow to (initialWidth × height) with React Flow's `fitView`; the browser starts from the
  // same viewport (defaultViewport, so hydration doesn't jump) and fits the real size once mounted. After mount
  // React Flow's own fitView is off (it only counts measured nodes, which culled ones never are) and zooming in
  // up to 200 % is allowed.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const defaultViewport = useMemo(() => fitViewport(bounds, initialWidth, height), [bounds, initialWidth, height]);

  // ---- culling: only what is inside a window around the view goes to React Flow ----
  const index = useMemo(() => (culled ? indexLayout(layout) : null), [culled, layout]);
  // The first window is just the view (at fit-to-view it holds the most nodes); later ones have a margin.
  const [win, setWin] = useState<Rect | null>(() =>
    culled ? windowAround(viewRect(defaultViewport, initialWidth, height), 0.1) : null,
  );
  // Zoomed far out, a big flow is one static drawing (FarView) instead of hundreds of React Flow nodes.
  const [far, setFar] = useState(() => culled && defaultViewport.zoom < LOD_ZOOM);
  const shown = useMemo(() => {
    if (!index || !win) return { nodes, edges };
    if (far) return { nodes: [], edges: [] };
    const c = cull(layout, index, win);
    return { nodes: c.nodes.map((i) => nodes[i]!), edges: c.edges.map((i) => edges[i]!) };
  }, [index, win, far, layout, nodes, edges]);
  const paneSize = useCallback(() => {
    const el = containerRef.current;
    return el ? { width: el.clientWidth, height: el.clientHeight } : { width: initialWidth, height };
  }, [initialWidth, height]);
  const onMove = useCallback(
    (_: unknown, viewport: Viewport) => {
      if (!index) return;
      const { width, height: h } = paneSize();
      const view = viewRect(viewport, width, h);
      setWin((w) => (w && stillInside(view, w) ? w : windowAround(view)));
      setFar(viewport.zoom < LOD_ZOOM);
    },
    [index, paneSize],
  );

  const rfRef = useRef<ReactFlowInstance<FlowRfNode> | null>(null);
  const fitAll = useCallback(
    (duration = 0) => {
      const rf = rfRef.current;
      if (!rf) return;
      const { width, height: h } = paneSize();
      const vp = fitViewport(bounds, width, h);
      void rf.setViewport(vp, { duration });
      onMove(null, vp);
    },
    [bounds, paneSize, onMove],
  );
  // Fit again when the pane changes size (a wider window, the SOP page's full-screen view); in the runbook the
  // current node is centred instead.
  const followRef = useRef<string | undefined>(undefined);
  followRef.current = follow ? current : undefined;
  useEffect(() => {
    const el = containerRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    let last = { w: el.clientWidth, h: el.clientHeight };
    const ro = new ResizeObserver(() => {
      const w = el.clientWidth;
      const h = el.clientHeight;
      if (Math.abs(w - last.w) < 2 && Math.abs(h - last.h) < 2) return;
      last = { w, h };
      const rf = rfRef.current;
      const id = followRef.current;
      const target = id ? layout.nodes.find((n) => n.id === id) : undefined;
      if (rf && target)
        void rf.setCenter(target.x + target.width / 2, target.y + target.height / 2, {
          zoom: Math.max(rf.getZoom(), 0.8),
        });
      else fitAll();
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [fitAll, layout]);

  const onInit = props.onInit;
  const handleInit = useCallback(
    (rf: ReactFlowInstance<FlowRfNode>) => {
      rfRef.current = rf;
      requestAnimationFrame(() => {
        fitAll();
        onInit?.(rf);
      });
    },
    [fitAll, onInit],
  );

  return (
    <div
      ref={containerRef}
      className={`fd-viewer${props.className ? ` ${props.className}` : ""}`}
      style={{ height }}
      dir="ltr"
      data-flow-id={flow.id}
    >
      <ReactFlow<FlowRfNode>
        id={`fd-${flow.id}`}
        aria-label={label}
        aria-describedby={heatMap ? summaryId : undefined}
        nodes={shown.nodes}
        edges={shown.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        width={initialWidth}
        height={height}
        fitView={!mounted}
        fitViewOptions={{ padding: PADDING, maxZoom: 1, minZoom: MIN_ZOOM }}
        defaultViewport={defaultViewport}
        minZoom={MIN_ZOOM}
        maxZoom={mounted ? 2 : 1}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable
        edgesFocusable={false}
        zoomOnScroll={false}
        zoomOnDoubleClick={false}
        panOnScroll={false}
        preventScrolling={false}
        onMove={culled ? onMove : undefined}
        proOptions={{ hideAttribution: true }}
        onInit={handleInit}
        ariaLabelConfig={{
          "node.a11yDescription.default":
            "A node of the decision flow. Tab moves to the next node; the text outline lists the same flow.",
          "controls.ariaLabel": "Diagram zoom",
          "controls.zoomIn.ariaLabel": "Zoom in",
          "controls.zoomOut.ariaLabel": "Zoom out",
        }}
      >
        <Controls showInteractive={false} showFitView={false} position="top-right">
          <ControlButton
            onClick={() => fitAll(200)}
            aria-label="Fit the whole flow in view"
            title="Fit the whole flow in view"
          >
            <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <IconStroke d="M1.5 5.5v-4h4M10.5 1.5h4v4M14.5 10.5v4h-4M5.5 14.5h-4v-4" width="1.8" />
            </svg>
          </ControlButton>
        </Controls>
        {culled ? (
          <FarView
            layout={layout}
            typeOf={typeOf}
            edges={edges}
            cold={coldNodes}
            initial={mounted ? undefined : defaultViewport}
          />
        ) : null}
        {minimap ? <OverviewMap layout={layout} bounds={bounds} typeOf={typeOf} /> : null}
        {follow ? <FollowNode id={current} layout={layout} /> : null}
        {props.children}
      </ReactFlow>
      {heatMap ? (
        <p id={summaryId} className="visually-hidden">
          {heatMap.summary}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A big flow seen from far away (zoom below LOD_ZOOM, where no text is readable): every node and edge drawn
 * once into one SVG that moves as a single composited layer — no React Flow nodes at all. It also renders on
 * the server (no portal; before mount it draws at the initial viewport, then at the store's).
 */
const FarView = memo(function FarView({
  layout,
  typeOf,
  edges,
  cold,
  initial,
}: {
  layout: FlowLayout;
  typeOf: ReadonlyMap<string, string>;
  edges: readonly FlowRfEdge[];
  /** path heat: the nodes no run reached (drawn faded) */
  cold?: ReadonlySet<string>;
  /**
   * The viewport before mount (server render and hydration). React Flow's store only takes a fitted viewport from
   * `fitView` over the nodes it is given, and a far-zoomed flow gives it none: it would say zoom 1 and the server
   * HTML would hold no drawing at all.
   */
  initial?: Viewport;
}) {
  const transform = useStore((s) => s.transform);
  const [x, y, zoom] = initial ? [initial.x, initial.y, initial.zoom] : transform;
  const drawing = useMemo(
    () => (
      <svg width={Math.ceil(layout.width)} height={Math.ceil(layout.height)} aria-hidden="true" focusable="false">
        <g className="fd-far-edges">
          {layout.edges.map((e, i) => {
            if (e.points.length < 2) return null;
            const data = edges[i]?.data;
            const cls = [data?.taken ? "fd-far-taken" : "", data?.heat?.cold ? "fd-far-cold" : ""]
              .filter(Boolean)
              .join(" ");
            // Seen from this far, a heat width is doubled so a busy branch still stands out.
            const style = data?.heat ? { strokeWidth: data.heat.width * 2 } : undefined;
            return (
              <polyline
                key={i}
                points={e.points.map((p) => `${p.x},${p.y}`).join(" ")}
                className={cls || undefined}
                style={style}
              />
            );
          })}
        </g>
        <NodeBoxes
          nodes={layout.nodes}
          rx={14}
          className={(id) => `${overviewClass(typeOf.get(id))}${cold?.has(id) ? " fd-far-cold" : ""}`}
        />
      </svg>
    ),
    [layout, typeOf, edges, cold],
  );
  if (zoom >= LOD_ZOOM) return null;
  return (
    <div className="fd-far" style={{ transform: `translate(${x}px, ${y}px) scale(${zoom})` }}>
      {drawing}
    </div>
  );
});

/** Every node of the layout as a plain rounded rectangle (the far view and the overview map draw nodes so). */
function NodeBoxes({
  nodes,
  rx,
  className,
}: {
  nodes: FlowLayout["nodes"];
  rx: number;
  className: (id: string) => string;
}) {
  return nodes.map((n) => (
    <rect key={n.id} x={n.x} y={n.y} width={n.width} height={n.height} rx={rx} className={className(n.id)} />
  ));
}

/**
 * A small map of the whole flow (every node, even the ones not rendered) with the visible part outlined;
 * click or drag on it to move there. React Flow's MiniMap would only know the rendered (culled) nodes.
 */
const OverviewMap = memo(function OverviewMap({
  layout,
  bounds,
  typeOf,
}: {
  layout: FlowLayout;
  bounds: Rect;
  typeOf: ReadonlyMap<string, string>;
}) {
  const transform = useStore((s) => s.transform);
  const paneW = useStore((s) => s.width);
  const paneH = useStore((s) => s.height);
  const rf = useReactFlow();
  const pad = 40;
  const box = { x: bounds.x - pad, y: bounds.y - pad, width: bounds.width + 2 * pad, height: bounds.height + 2 * pad };
  const scale = Math.min(200 / box.width, 140 / box.height);
  const w = Math.max(60, Math.round(box.width * scale));
  const h = Math.max(40, Math.round(box.height * scale));
  // Drawn once per layout: panning only moves the outline, React skips this unchanged element.
  const rects = useMemo(
    () => (
      <g>
        <NodeBoxes nodes={layout.nodes} rx={12} className={(id) => overviewClass(typeOf.get(id))} />
      </g>
    ),
    [layout, typeOf],
  );
  const view = viewRect({ x: transform[0], y: transform[1], zoom: transform[2] }, paneW, paneH);
  const dragging = useRef(false);
  const moveTo = (e: ReactPointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const fx = box.x + ((e.clientX - r.left) / r.width) * box.width;
    const fy = box.y + ((e.clientY - r.top) / r.height) * box.height;
    void rf.setCenter(fx, fy, { zoom: transform[2] });
  };
  const viewBox = `${box.x} ${box.y} ${box.width} ${box.height}`;
  return (
    <Panel position="bottom-right" className="fd-overview">
      <div className="fd-overview-frame" style={{ width: w, height: h }}>
        {/* Two layers: the nodes (drawn once, cached by the compositor) and the outline that moves. */}
        <svg className="fd-overview-nodes" width={w} height={h} viewBox={viewBox} aria-hidden="true" focusable="false">
          {rects}
        </svg>
        <svg
          className="fd-overview-overlay"
          width={w}
          height={h}
          viewBox={viewBox}
          role="img"
          aria-label="Overview of the whole flow; click to move there"
          onPointerDown={(e) => {
            dragging.current = true;
            e.currentTarget.setPointerCapture(e.pointerId);
            moveTo(e);
          }}
          onPointerMove={(e) => {
            if (dragging.current) moveTo(e);
          }}
          onPointerUp={() => {
            dragging.current = false;
          }}
        >
          <path
            className="fd-overview-mask"
            fillRule="evenodd"
            d={
              `M${box.x},${box.y}h${box.width}v${box.height}h${-box.width}z ` +
              `M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`
            }
          />
          <rect
            className="fd-overview-view"
            x={view.x}
            y={view.y}
            width={view.width}
            height={view.height}
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      </div>
    </Panel>
  );
});

/** Pans to node `id` whenever it changes (keeps the zoom unless the node wouldn't be readable). */
function FollowNode({ id, layout }: { id?: string; layout: FlowLayout }) {
  const rf = useReactFlow<FlowRfNode>();
  const first = useRef(true);
  useEffect(() => {
    // From the layout, not React Flow's store: a culled node is not in the store.
    const node = id ? layout.nodes.find((n) => n.id === id) : undefined;
    if (!node) return;
    // The first time, wait for the fit to the real size (done one frame after init).
    const t = window.setTimeout(
      () => {
        const zoom = Math.max(rf.getZoom(), 0.8);
        // A little below the node's centre, so the answers under it are in view too.
        void rf.setCenter(node.x + node.width / 2, node.y + node.height / 2 + 70, {
          zoom,
          duration: first.current ? 0 : 300,
        });
        first.current = false;
      },
      first.current ? 80 : 0,
    );
    return () => window.clearTimeout(t);
  }, [id, layout, rf]);
  return null;
}
