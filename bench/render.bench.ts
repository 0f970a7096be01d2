import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { parseSop } from "../sop-schema";
import { SopView } from "../app/components/sop/sop-view";
import { makeLargeSop } from "./sop-parse.bench";
import { measure, type Row } from "./stats";

export async function benchRender(): Promise<Row[]> {
  const big = makeLargeSop(20 * 1024);
  const doc = parseSop(big, { filename: "bench.mdx" });
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`bench SOP has errors: ${errors.slice(0, 3).map((e) => `${e.line}:${e.column} ${e.message}`).join("; ")}`);
  // What a page view does: the stored JSON is read back and rendered; nothing is parsed.
  const stored = JSON.stringify(doc);
  const result = await measure(() => renderToString(createElement(SopView, { doc: JSON.parse(stored), version: 1, departmentName: "Customer Service" })), { runs: 100, warmup: 10 });
  return [{ name: `render stored SOP page (${(Buffer.byteLength(big) / 1024).toFixed(1)} KB source, ${doc.stats.steps} steps)`, ...result, target: "≤ 5 ms median", note: "JSON.parse of the stored document + React renderToString" }];
}
