// npm run bench: performance targets live here, never in timed unit tests.
import { benchParse } from "./sop-parse.bench";
import { benchRender } from "./render.bench";
import { printTable, type Row } from "./stats";

const rows: Row[] = [...(await benchParse()), ...(await (await import("./parse-limits.bench")).benchParseLimits()), ...(await benchRender()), ...(await (await import("./ingest.bench")).benchIngest()), ...(await (await import("./inp.bench")).benchInp()), ...(await (await import("./search.bench")).benchSearch()), ...(await (await import("./flow.bench")).benchFlow())];
console.log(`Stepwise benchmarks — node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
printTable(rows);
