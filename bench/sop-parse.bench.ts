// Benchmark: parse + validate a ~10 KB SOP with parseSop, compared with compiling the same file to
// JavaScript with @mdx-js/mdx (compile only — the output is never run). bench/run.ts prints the rows.
import { readFileSync } from "node:fs";
import { compile } from "@mdx-js/mdx";
import remarkFrontmatter from "remark-frontmatter";
import { parseSop } from "../sop-schema/parse";
import { measure, type Row } from "./stats";

const FIXTURE = new URL("../tests/fixtures/sops/good/full-featured.mdx", import.meta.url);

/** Repeats the body of the full-featured fixture (renaming ids and fields) until it is ~targetBytes. */
export function makeLargeSop(targetBytes = 10 * 1024): string {
  const source = readFileSync(FIXTURE, "utf8");
  const bodyStart = source.indexOf("## Open the call");
  const head = source.slice(0, bodyStart);
  const body = source.slice(bodyStart);
  // Split the body into sections/steps and keep appending renamed copies until the target size.
  const chunks = body.split(/\n(?=## |<Step |<Flow )/).map((c) => `${c}\n`);
  const parts = [head, ...chunks];
  let size = parts.join("").length;
  for (let n = 2; size < targetBytes; n++) {
    for (const chunk of chunks) {
      if (size >= targetBytes) break;
      const copy = chunk
        .replace(/(<(?:Step|Flow)\b[^>]*?\bid=")([^"]+)"/g, `$1$2-${n}"`)
        .replace(/\bstep="([^"]+)"/g, `step="$1-${n}"`)
        .replace(/\b(name|field)="([a-z_]+)"/g, `$1="$2_${n}"`)
        .replace(/\{([a-z_]+)\}/g, `{$1_${n}}`)
        .replace(/^## (.+)$/gm, `## $1 (${n})`);
      parts.push(copy);
      size += copy.length;
    }
  }
  return parts.join("");
}

export async function benchParse(runs = 50): Promise<Row[]> {
  const large = makeLargeSop();
  const small = readFileSync(new URL("../tests/fixtures/sops/good/minimal.mdx", import.meta.url), "utf8");
  const probe = parseSop(large);
  const errors = probe.diagnostics.filter((d) => d.severity === "error").length;
  const kb = (new TextEncoder().encode(large).length / 1024).toFixed(1);

  const parse = await measure(() => parseSop(large), { runs, warmup: 10 });
  const parseSmall = await measure(() => parseSop(small), { runs, warmup: 10 });
  const mdx = await measure(() => compile(large, { remarkPlugins: [remarkFrontmatter] }), {
    runs: Math.max(10, Math.floor(runs / 2)),
    warmup: 3,
  });
  const ratio = mdx.median_ms / Math.max(parse.median_ms, 0.001);

  return [
    {
      name: "sop-schema: parseSop (~10 KB SOP)",
      ...parse,
      target: "≤ 50 ms median",
      note:
        `${kb} KB, ${probe.stats.steps} steps, ${probe.stats.fields} fields, ${probe.stats.flows} ` +
        `flows${errors ? `, ${errors} errors (!)` : ""}; ${ratio.toFixed(1)}× faster than @mdx-js/mdx compile`,
    },
    { name: "sop-schema: parseSop (minimal SOP)", ...parseSmall, note: `${small.length} bytes` },
    {
      name: "comparison: @mdx-js/mdx compile (same ~10 KB file)",
      ...mdx,
      note: "compile to JavaScript only (what a code-based MDX pipeline pays before it can even render); never run",
    },
  ];
}
