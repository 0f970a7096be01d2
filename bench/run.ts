// npm run bench: performance targets live here, never in timed unit tests.
// `npm run bench -- render ingest` runs only the named groups (each runs in the order below).
import { printTable, type Row } from "./stats";

const GROUPS: Record<string, () => Promise<Row[]>> = {
  parse: async () => (await import("./sop-parse.bench")).benchParse(),
  "parse-limits": async () => (await import("./parse-limits.bench")).benchParseLimits(),
  render: async () => (await import("./render.bench")).benchRender(),
  ingest: async () => (await import("./ingest.bench")).benchIngest(),
  inp: async () => (await import("./inp.bench")).benchInp(),
  "visual-editor": async () => await (await import("./visual-editor.bench")).benchVisualEditor(),
  search: async () => (await import("./search.bench")).benchSearch(),
  flow: async () => (await import("./flow.bench")).benchFlow(),
  training: async () => await (await import("./training.bench")).benchTraining(),
  analytics: async () => await (await import("./analytics.bench")).benchAnalytics(),
};

const asked = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = asked.filter((a) => !(a in GROUPS));
if (unknown.length) {
  console.error(
    `Unknown benchmark group(s): ${unknown.join(", ")}. Choose from: ${Object.keys(GROUPS).join(", ")} (none = all).`,
  );
  process.exit(2);
}
const rows: Row[] = [];
for (const [name, run] of Object.entries(GROUPS))
  if (asked.length === 0 || asked.includes(name)) rows.push(...(await run()));
console.log(`Stepwise benchmarks — node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
printTable(rows);
