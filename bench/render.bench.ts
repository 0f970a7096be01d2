import fs from "node:fs";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { parseSop } from "../sop-schema/parse";
import type { SopDocument } from "../sop-schema/types";
import { validateFlow } from "../flows/validate";
import { SopView } from "../app/components/sop/sop-view";
import { diagramHtml } from "../app/components/sop/diagram-cache";
import { prepareDiagrams } from "../app/components/sop/diagram-html.server";
import { makeLargeSop } from "./sop-parse.bench";
import { measure, type Row } from "./stats";

/**
 * What the SOP page (app/routes/sop.tsx) does per view, for an agent: the stored JSON is read back, the loader
 * makes sure the version's diagrams are in the per-version cache (prepareDiagrams), and the page renders with
 * the version's key, so each diagram's HTML comes from the cache. Nothing is parsed.
 * - cold: the first view of a version since the server started (the cache is emptied before each run);
 * - warm: every later view (what agents get all day).
 */
function pageView(stored: string, versionKey: string): string {
  const doc = JSON.parse(stored) as SopDocument;
  prepareDiagrams(doc, versionKey, { authoring: false });
  return renderToString(
    createElement(SopView, { doc, version: 1, versionKey, authoring: false, departmentName: "Customer Service" }),
  );
}

async function renderRows(name: string, doc: SopDocument, target: string): Promise<Row[]> {
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  if (errors.length)
    throw new Error(
      `bench SOP has errors: ${errors
        .slice(0, 3)
        .map((e) => `${e.line}:${e.column} ${e.message}`)
        .join("; ")}`,
    );
  const stored = JSON.stringify(doc);
  const key = `bench-${name}`;
  const flows = `${doc.stats.flows} flow diagram(s)`;
  const uncachedView = () =>
    renderToString(
      createElement(SopView, {
        doc: JSON.parse(stored) as SopDocument,
        version: 1,
        authoring: false,
        departmentName: "Customer Service",
      }),
    );
  // Both code paths compiled and warmed before anything is timed, so the order of the rows does not matter.
  for (let i = 0; i < 30; i++) {
    diagramHtml.clear();
    pageView(stored, key);
    pageView(stored, key);
    uncachedView();
  }
  const cold = await measure(
    () => {
      diagramHtml.clear();
      return pageView(stored, key);
    },
    { runs: 100, warmup: 10 },
  );
  diagramHtml.clear();
  const html = pageView(stored, key);
  const warm = await measure(() => pageView(stored, key), { runs: 200, warmup: 20 });
  // The same page without the cache (how every view rendered before it; a draft preview still does).
  const uncached = await measure(uncachedView, { runs: 100, warmup: 10 });
  const kb = (Buffer.byteLength(html) / 1024).toFixed(0);
  return [
    {
      name: `${name}: cold (first view of the version)`,
      ...cold,
      target: "—",
      note: `JSON.parse + ${flows} drawn by React Flow into the cache + renderToString`,
    },
    {
      name: `${name}: warm (every later view; the route's path)`,
      ...warm,
      target,
      note: `JSON.parse + renderToString, diagrams from the per-version cache; ${kb} KB of HTML`,
    },
    {
      name: `${name}: without the cache (draft preview)`,
      ...uncached,
      target: "—",
      note: "JSON.parse + renderToString with every diagram drawn by React Flow",
    },
  ];
}

export async function benchRender(): Promise<Row[]> {
  const big = makeLargeSop(20 * 1024);
  const bigDoc = parseSop(big, { filename: "bench.mdx" });
  // A real demo SOP with one decision flow: what agents open all day.
  const demo = fs.readFileSync(new URL("../content/sops/billing-dispute-card-charge.mdx", import.meta.url), "utf8");
  const demoDoc = parseSop(demo, { filename: "billing-dispute-card-charge.mdx", validateFlow });
  const rows = [
    ...(await renderRows(
      `SOP page, demo billing dispute (${(Buffer.byteLength(demo) / 1024).toFixed(1)} ` +
        `KB, ${demoDoc.stats.steps} steps)`,
      demoDoc,
      "≤ 5 ms median",
    )),
    ...(await renderRows(
      `SOP page, synthetic (${(Buffer.byteLength(big) / 1024).toFixed(1)} KB, ${bigDoc.stats.steps} steps)`,
      bigDoc,
      "≤ 5 ms text + ~1 ms per diagram",
    )),
  ];
  diagramHtml.clear();
  return rows;
}
