import fs from "node:fs";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { parseSop, type SopDocument } from "../sop-schema";
import { validateFlow } from "../flows/validate";
import { SopView } from "../app/components/sop/sop-view";
import { makeLargeSop } from "./sop-parse.bench";
import { measure, type Row } from "./stats";

/** What a page view does: the stored JSON is read back and rendered; nothing is parsed. */
async function renderRow(name: string, doc: SopDocument, target: string): Promise<Row> {
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`bench SOP has errors: ${errors.slice(0, 3).map((e) => `${e.line}:${e.column} ${e.message}`).join("; ")}`);
  const stored = JSON.stringify(doc);
  const result = await measure(() => renderToString(createElement(SopView, { doc: JSON.parse(stored) as SopDocument, version: 1, departmentName: "Customer Service" })), { runs: 100, warmup: 10 });
  return { name, ...result, target, note: `JSON.parse of the stored document + renderToString; ${doc.stats.flows} flow diagram(s) drawn on the server` };
}

export async function benchRender(): Promise<Row[]> {
  const big = makeLargeSop(20 * 1024);
  const bigDoc = parseSop(big, { filename: "bench.mdx" });
  // A real demo SOP with one decision flow: what agents open all day.
  const demo = fs.readFileSync(new URL("../content/sops/billing-dispute-card-charge.mdx", import.meta.url), "utf8");
  const demoDoc = parseSop(demo, { filename: "billing-dispute-card-charge.mdx", validateFlow });
  return [
    await renderRow(`render stored SOP page, demo billing dispute (${(Buffer.byteLength(demo) / 1024).toFixed(1)} KB, ${demoDoc.stats.steps} steps)`, demoDoc, "≤ 5 ms median"),
    await renderRow(
      `render stored SOP page, synthetic (${(Buffer.byteLength(big) / 1024).toFixed(1)} KB, ${bigDoc.stats.steps} steps)`,
      bigDoc,
      "≤ 5 ms text + ~1 ms per diagram",
    ),
  ];
}
