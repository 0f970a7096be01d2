// The flow viewer alone, for bench/flow.bench.ts: built with Vite into build-bench-flow/ and driven by headless
// Chromium. window.stepwiseBench mounts a generated flow and pans it, and reports what it measured.
import { createRoot } from "react-dom/client";
import type { Root } from "react-dom/client";
import "../../app/app.css";
import { layoutFlow } from "../../flows/layout";
import type { FlowLayout } from "../../flows/layout";
import { FlowViewer } from "../../flows/ui/flow-viewer";
import { generateFlow } from "../flow-gen";

type PanApi = {
  setViewport(v: { x: number; y: number; zoom: number }): void;
  getViewport(): { x: number; y: number; zoom: number };
};
let root: Root | null = null;
let api: PanApi | null = null;
let lastSize: number | null = null;

const cache = new Map<number, { flow: ReturnType<typeof generateFlow>; layout: FlowLayout; layoutMs: number }>();
/** The generated flow and its layout, computed once per size (the layout rows of the bench time it in Node). */
function prepared(n: number, withLayout: boolean) {
  let c = cache.get(n);
  if (!c) {
    const flow = generateFlow(n);
    const l0 = performance.now();
    const layout = layoutFlow(flow);
    c = { flow, layout, layoutMs: performance.now() - l0 };
    cache.set(n, c);
  }
  return { flow: c.flow, layout: withLayout ? c.layout : undefined, layoutMs: c.layoutMs };
}

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));

async function render(n: number, withLayout: boolean) {
  root?.unmount();
  api = null;
  const el = document.getElementById("root")!;
  el.innerHTML = "";
  const { flow, layout, layoutMs } = prepared(n, withLayout);
  lastSize = n;
  await nextFrame();
  const t0 = performance.now();
  let ready!: () => void;
  const inited = new Promise<void>((r) => (ready = r));
  root = createRoot(el);
  root.render(
    <div style={{ width: 1200, height: 760 }}>
      <FlowViewer
        flow={flow}
        layout={layout}
        height={760}
        initialWidth={1200}
        onInit={(rf) => {
          api = { setViewport: (v) => void rf.setViewport(v), getViewport: () => rf.getViewport() };
          ready();
        }}
      />
    </div>,
  );
  await inited;
  // Wait until the drawing is in the DOM (React Flow nodes, or the far-zoom drawing) and a frame has been produced.
  while (!document.querySelector(".react-flow__node, .fd-far svg")) await nextFrame();
  await nextFrame();
  await nextFrame();
  const renderMs = performance.now() - t0;
  return {
    layoutMs,
    renderMs,
    domNodes: document.querySelectorAll(".react-flow__node").length,
    far: document.querySelector(".fd-far svg") !== null,
    nodes: flow.nodes.length,
  };
}

/**
 * Pans at 100 % zoom for `ms`, one viewport step per animation frame, around the middle of the drawing (a
 * loop of 700 × 400 px, so nodes keep entering and leaving the screen); returns frames per second and frame times.
 */
async function pan(ms = 2500) {
  if (!api || lastSize === null) throw new Error("render first");
  const { layout } = prepared(lastSize, true);
  const mid = layout!.nodes[Math.floor(layout!.nodes.length / 2)]!;
  const cx = mid.x + mid.width / 2;
  const cy = mid.y + mid.height / 2;
  const at = (t: number) => ({
    x: 600 - (cx + 700 * Math.cos(t / 900)),
    y: 380 - (cy + 400 * Math.sin(t / 700)),
    zoom: 1,
  });
  // From the far-away fit to 100 % around the middle: time to the first frame with real nodes.
  const z0 = performance.now();
  api.setViewport(at(0));
  while (!document.querySelector(".react-flow__node")) await nextFrame();
  await nextFrame();
  const zoomInMs = performance.now() - z0;
  await nextFrame();
  const times: number[] = [];
  const t0 = performance.now();
  let last = t0;
  let frames = 0;
  let seen = 0;
  while (performance.now() - t0 < ms) {
    const now = await nextFrame();
    api.setViewport(at(now - t0));
    times.push(now - last);
    last = now;
    frames++;
    seen = Math.max(seen, document.querySelectorAll(".react-flow__node").length);
  }
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return {
    fps: frames / seconds,
    medianFrameMs: times[Math.floor(times.length / 2)] ?? 0,
    p95FrameMs: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? 0,
    domNodes: seen,
    zoomInMs,
  };
}

/** Frames per second the page manages with nothing to do (the ceiling of this browser/machine). */
async function idleFps(ms = 1000) {
  const t0 = performance.now();
  let frames = 0;
  while (performance.now() - t0 < ms) {
    await nextFrame();
    frames++;
  }
  return frames / ((performance.now() - t0) / 1000);
}

(window as unknown as { stepwiseBench: unknown }).stepwiseBench = { render, pan, idleFps };
