// Benchmark: the parser on huge and hostile sources (sop-schema/limits.ts, micromark-patch.ts), and the
// compile worker pool keeping the event loop free (app/compile-pool.server.ts). bench/run.ts prints the rows.
import { parseSop } from "../sop-schema/parse";
import { pathologicalCases, PATHOLOGICAL_HEAD } from "../sop-schema/pathological-inputs";
import { validateFlow } from "../flows/validate";
import { CompilePool } from "../app/compile-pool.server";
import { makeLargeSop } from "./sop-parse.bench";
import { maxTickGap, measure, type Row } from "./stats";

const kb = (s: string) => `${Math.round(new TextEncoder().encode(s).length / 1024)} KB`;

export async function benchParseLimits(): Promise<Row[]> {
  const rows: Row[] = [];
  const realistic = makeLargeSop(1000 * 1024);
  const probe = parseSop(realistic, { validateFlow });
  rows.push({
    name: "sop-schema: parseSop, 1 MB realistic SOP",
    ...(await measure(() => parseSop(realistic, { validateFlow }), { runs: 5, warmup: 1 })),
    target: "linear; well under the 15 s worker deadline",
    note:
      `${kb(realistic)}, ${probe.stats.steps} steps, ${probe.stats.fields} ` +
      `fields, ${probe.stats.flows} flows; micromark (remark-parse + remark-mdx) is ~2/3 of it`,
  });

  // Every hostile input: the slowest one is the row; the note names it.
  const cases = pathologicalCases();
  let worst = { name: "", median_ms: 0, p95_ms: 0 };
  let limited = 0;
  for (const c of cases) {
    const m = await measure(() => parseSop(c.source), { runs: 3, warmup: 1 });
    if (c.expect === "nesting-too-deep" || c.expect === "sop-too-large") {
      limited++;
      if (m.median_ms > worst.median_ms) worst = { name: c.name, ...m };
    }
  }
  rows.push({
    name: `sop-schema: parseSop, ${limited} hostile inputs stopped by a limit (slowest)`,
    median_ms: worst.median_ms,
    p95_ms: worst.p95_ms,
    target: "≤ 100 ms each",
    note: `slowest: ${worst.name}; before the limits up to 14 s or a stack overflow`,
  });
  for (const name of ["10,000 <Step>s", "table of 20,000 rows"]) {
    const c = cases.find((x) => x.name === name)!;
    rows.push({
      name: `sop-schema: parseSop, ${name} (flat, no limit applies)`,
      ...(await measure(() => parseSop(c.source), { runs: 3, warmup: 1 })),
      note: `${kb(c.source)}: linear, in the worker`,
    });
  }
  const lists = `${PATHOLOGICAL_HEAD}<Step title="s">\n\n${"- item\n\ntext\n\n".repeat(8000)}\n</Step>\n`;
  rows.push({
    name: "sop-schema: parseSop, 8,000 lists in one SOP (micromark EditMap patch)",
    ...(await measure(() => parseSop(lists), { runs: 3, warmup: 1 })),
    target: "linear",
    note: `${kb(lists)}; 13.5 s unpatched (quadratic EditMap.consume)`,
  });

  // The pool: how long the event loop is blocked while a 1 MB SOP compiles in a worker.
  const pool = new CompilePool({ size: 1 });
  try {
    await pool.run({ kind: "compile", source: "---\ntitle: warm\n---\n" });
    const gaps: number[] = [];
    const totals: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const { gap } = await maxTickGap(() => pool.run({ kind: "compile", source: realistic }), 2);
      totals.push(performance.now() - t0);
      gaps.push(gap);
    }
    gaps.sort((a, b) => a - b);
    totals.sort((a, b) => a - b);
    rows.push({
      name: "compile pool: longest event-loop stall while a 1 MB SOP compiles",
      median_ms: gaps[1],
      p95_ms: gaps[2],
      target: "< 50 ms",
      note:
        `the compile itself took ${Math.round(totals[1])} ms in the ` +
        `worker (median of 3); the stall is receiving the result`,
    });
  } finally {
    await pool.close();
  }
  return rows;
}
