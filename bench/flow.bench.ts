// Benchmark: decision flows. Layout (dagre) of generated flows of 200, 1,000 and 5,000 nodes in Node; then, in
// headless Chromium, the React Flow viewer: time to render a 1,000- and a 5,000-node flow and frames per second
// while panning at 100 % zoom (requestAnimationFrame counting, viewport moved every frame).
//
// The browser part loads bench/flow-page (the viewer alone, built with Vite into build-bench-flow/, rebuilt when a
// source is newer) through Playwright's Chromium (CHROMIUM_PATH, default /usr/bin/chromium), served from memory
// with page.route — no port, no app server, no database. Without Chromium those rows say "skipped".
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { layoutFlow } from "../flows/layout";
import type { LayoutOptions } from "../flows/layout";
import { generateFlow } from "./flow-gen";
import type { Row } from "./stats";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = path.join(ROOT, "build-bench-flow");
const PAGE = path.join(ROOT, "bench", "flow-page");

export async function benchFlow(): Promise<Row[]> {
  const rows: Row[] = [];
  rows.push(...benchLayout());
  rows.push(...(await benchBrowser()));
  return rows;
}

function benchLayout(): Row[] {
  const rows: Row[] = [];
  // From LARGE_FLOW_NODES on, layoutFlow switches to its large-flow path (ADR 007); the extra 1,000-node row
  // forces the small-flow ranker so both are on record.
  const plan: [number, number, string | undefined, LayoutOptions, string][] = [
    [200, 15, "≤ 200 ms", {}, "network simplex"],
    [1000, 5, "≤ 1 s", {}, "large-flow path: longest-path ranks, no crossing sweeps"],
    [
      1000,
      3,
      undefined,
      { ranker: "network-simplex", crossingSweeps: true },
      "small-flow path forced (network simplex + crossing sweeps), for comparison",
    ],
    [5000, 2, "usable (no target)", {}, "large-flow path"],
  ];
  for (const [n, runs, target, options, what] of plan) {
    progress(`layout of ${n} nodes`);
    const flow = generateFlow(n);
    // One warm-up run, then `runs` timed runs (few for the big flows: one 5,000-node layout takes seconds).
    const times: number[] = [];
    layoutFlow(flow, options);
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      layoutFlow(flow, options);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    rows.push({
      name: `flow layout, ${n.toLocaleString("en")} nodes${options.ranker ? " (small-flow path)" : ""}`,
      median_ms: times[Math.floor(times.length / 2)]!,
      p95_ms: times[times.length - 1]!,
      target,
      note: `${what}; ${flow.edges.length.toLocaleString("en")} edges, ${runs} runs`,
    });
  }
  return rows;
}

const progress = (what: string) => process.stderr.write(`  flow bench: ${what}…\n`);

function newestMtime(dir: string, filter: (f: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, filter));
    else if (filter(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds bench/flow-page with Vite unless build-bench-flow/ is newer than every source it uses. */
export async function buildPage(): Promise<void> {
  const stamp = path.join(OUT, ".built");
  const sources = Math.max(
    newestMtime(path.join(ROOT, "flows"), (f) => /\.(ts|tsx)$/.test(f) && !/\.test\./.test(f)),
    newestMtime(PAGE, () => true),
    statSync(path.join(ROOT, "bench", "flow-gen.ts")).mtimeMs,
    statSync(path.join(ROOT, "app", "app.css")).mtimeMs,
  );
  if (existsSync(stamp) && statSync(stamp).mtimeMs > sources) return;
  progress("building the viewer page (build-bench-flow/)");
  const { build } = await import("vite");
  await build({
    configFile: false,
    root: PAGE,
    base: "./",
    logLevel: "warn",
    esbuild: { jsx: "automatic" },
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: { outDir: OUT, emptyOutDir: true, target: "es2022" },
  });
  writeFileSync(stamp, new Date().toISOString());
}

type RenderResult = { layoutMs: number; renderMs: number; domNodes: number; far: boolean; nodes: number };
type PanResult = { fps: number; medianFrameMs: number; p95FrameMs: number; domNodes: number; zoomInMs: number };

async function benchBrowser(): Promise<Row[]> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const skipped = (why: string): Row[] =>
    ["render 1,000-node flow", "pan 1,000-node flow", "render 5,000-node flow", "pan 5,000-node flow"].map((name) => ({
      name: `${name} (Chromium)`,
      median_ms: 0,
      p95_ms: 0,
      note: `skipped: ${why}`,
    }));
  if (!existsSync(executablePath)) return skipped(`no Chromium at ${executablePath} (set CHROMIUM_PATH)`);
  await buildPage();
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-timer-throttling",
      "--disable-renderer-backgrounding",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.route("http://bench.local/**", (route) => {
      const rel = decodeURIComponent(new URL(route.request().url()).pathname).replace(/^\/+/, "") || "index.html";
      const file = path.join(OUT, rel);
      if (!file.startsWith(OUT) || !existsSync(file)) return route.fulfill({ status: 404, body: "not found" });
      const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html";
      return route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
    });
    await page.goto("http://bench.local/index.html");
    await page.waitForFunction(() => "stepwiseBench" in window);
    const idle = await page.evaluate(() =>
      (window as unknown as { stepwiseBench: { idleFps(ms: number): Promise<number> } }).stepwiseBench.idleFps(1000),
    );

    const rows: Row[] = [];
    for (const n of [1000, 5000]) {
      progress(`rendering and panning ${n} nodes in Chromium`);
      const renders: RenderResult[] = [];
      const runs = n === 1000 ? 5 : 3;
      for (let i = 0; i < runs + 1; i++) {
        // Layout computed before the clock starts (the layout rows above time it); i = 0 warms the page up.
        const r = await page.evaluate(
          (size) =>
            (
              window as unknown as { stepwiseBench: { render(n: number, l: boolean): Promise<RenderResult> } }
            ).stepwiseBench.render(size, true),
          n,
        );
        if (i > 0) renders.push(r);
      }
      const sorted = renders.map((r) => r.renderMs).sort((a, b) => a - b);
      rows.push({
        name: `render ${n.toLocaleString("en")}-node flow (Chromium)`,
        median_ms: sorted[Math.floor(sorted.length / 2)]!,
        p95_ms: sorted[sorted.length - 1]!,
        target: n === 1000 ? "≤ 1 s" : "usable (no target)",
        note:
          "mount → first frame, fit to view (" +
          (renders[0]!.far ? "zoomed far out: one static drawing" : `${renders[0]!.domNodes} nodes in the DOM`) +
          "); layout precomputed",
      });
      const pans: PanResult[] = [];
      for (let i = 0; i < 2; i++)
        pans.push(
          await page.evaluate(() =>
            (window as unknown as { stepwiseBench: { pan(ms: number): Promise<PanResult> } }).stepwiseBench.pan(2500),
          ),
        );
      const best = pans.sort((a, b) => a.fps - b.fps)[0]!; // report the worse of two runs
      rows.push({
        name: `pan ${n.toLocaleString("en")}-node flow at 100 % (Chromium)`,
        median_ms: best.medianFrameMs,
        p95_ms: best.p95FrameMs,
        target: "≥ 50 fps",
        note:
          `${best.fps.toFixed(1)} fps (frame times in the ms columns; idle ` +
          `page: ${idle.toFixed(0)} fps); ≤ ${best.domNodes} nodes in the DOM; zoom ` +
          `from fit to 100 %: ${Math.round(best.zoomInMs)} ms to the first frame`,
      });
    }
    if (errors.length) throw new Error(`the bench page failed: ${errors.join("; ")}`);
    return rows;
  } finally {
    await browser.close();
  }
}
