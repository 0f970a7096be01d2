// Full-text search over a 10,000-SOP library: index build time, then p50/p95 of varied queries
// (single words, as-you-type prefixes, two words, department-filtered, no-hit, authors' view).
// Documents are generated directly as SopDocuments (realistic size and vocabulary); nothing is parsed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Block, SopDocument } from "../sop-schema/types";
import { migrateDb, openDb, type Db } from "../db/client.server";
import { departments } from "../db/schema";
import { listSearchTags, rebuildSearchIndex, searchSops, type SearchOptions } from "../db/search.server";
import { seededRandom } from "../app/lib/random";
import type { Row } from "./stats";

// Everyday call-centre vocabulary (frequent), plus a long tail of generated rare words (product names,
// error codes, place names) so the vocabulary grows like a real library's.
const COMMON = (
  `customer agent call caller account order parcel delivery courier refund return replacement charge card payment
invoice billing dispute chargeback bank statement receipt credit debit balance fee discount voucher subscription ` +
  `plan contract
renewal cancel cancellation upgrade downgrade router modem internet outage signal line engineer appointment visit ` +
  `reset password
login access verify verification identity address postcode email phone number reference ticket case note escalate ` +
  `supervisor
manager transfer warm hold queue wait apologise explain confirm check open close review record log update status ` +
  `tracking
label warehouse stock item damaged missing late lost faulty broken warranty repair exchange complaint feedback ` +
  `survey policy
procedure script greet introduce duration thank acknowledge empathy tone listen summarise promise follow deadline ` +
  `hours days
working weekend holiday priority urgent vulnerable safeguarding consent privacy data protection security fraud ` +
  `suspicious
block unblock limit threshold approve decline reason outcome resolve resolution first contact handle time target ` +
  `standard
quality coaching training trainee trainer lead team department billing logistics technical support service chat ` +
  `message
letter form field required optional select option yes no date amount currency euro pound dollar tax vat ` +
  `business personal`
)
  .split(/\s+/)
  .filter(Boolean);
const FILLER =
  "the a an to of and for with on in at by from is are be as that this it your our their then when if or".split(" ");
const SYL = [
  "ka",
  "lo",
  "mi",
  "ne",
  "tor",
  "ves",
  "quin",
  "dra",
  "pel",
  "zu",
  "ro",
  "an",
  "bel",
  "cis",
  "dor",
  "fen",
  "gal",
  "hux",
  "jor",
  "lin",
];

function makeVocabulary(rand: () => number, n: number): string[] {
  const words = new Set<string>();
  while (words.size < n) {
    const k = 2 + Math.floor(rand() * 3);
    let w = "";
    for (let i = 0; i < k; i++) w += SYL[Math.floor(rand() * SYL.length)];
    words.add(w);
  }
  return [...words];
}

type Gen = { rand: () => number; rare: string[] };

function word(g: Gen): string {
  const r = g.rand();
  if (r < 0.45) return FILLER[Math.floor(g.rand() * FILLER.length)]!;
  // Zipf-ish: common words most of the time, the rare tail sometimes.
  if (r < 0.93) return COMMON[Math.floor(Math.pow(g.rand(), 1.6) * COMMON.length)]!;
  return g.rare[Math.floor(Math.pow(g.rand(), 2) * g.rare.length)]!;
}

function sentence(g: Gen, min: number, max: number): string {
  const n = min + Math.floor(g.rand() * (max - min + 1));
  const words = Array.from({ length: n }, () => word(g));
  const s = words.join(" ");
  return s.charAt(0).toUpperCase() + s.slice(1) + ".";
}

const pos = { line: 1, column: 1 };
const para = (text: string): Block => ({ type: "paragraph", children: [{ type: "text", value: text }] });

/** One SOP of roughly 700–1,500 words: 5–10 steps with text, scripts, checks, fields, a tip, and a flow. */
function makeDocument(g: Gen, i: number, departmentName: string): SopDocument {
  const title = `${sentence(g, 2, 5).slice(0, -1)} ${i}`;
  const nSteps = 5 + Math.floor(g.rand() * 6);
  const steps = Array.from({ length: nSteps }, (_, k) => {
    const blocks: Block[] = [];
    for (let p = 0; p < 2 + Math.floor(g.rand() * 3); p++) blocks.push(para(sentence(g, 10, 28)));
    blocks.push({ type: "say", children: [para(sentence(g, 8, 20))] });
    for (let c = 0; c < 1 + Math.floor(g.rand() * 3); c++)
      blocks.push({ type: "check", id: `c${k}-${c}`, children: [{ type: "text", value: sentence(g, 4, 9) }] });
    if (g.rand() < 0.4) blocks.push({ type: "tip", children: [para(sentence(g, 8, 16))] });
    if (g.rand() < 0.5) {
      blocks.push({
        type: "field",
        field: {
          name: `f${k}`,
          label: sentence(g, 2, 4).slice(0, -1),
          type: "text",
          required: true,
          stepId: `s${k}`,
          position: pos,
        },
      });
    }
    return {
      id: `s${k}`,
      number: k + 1,
      title: sentence(g, 3, 6).slice(0, -1),
      sectionId: "main",
      blocks,
      fieldNames: [],
      checkIds: [],
      escalations: [],
      position: pos,
    };
  });
  const nodes = Array.from({ length: 6 + Math.floor(g.rand() * 6) }, (_, k) => ({
    id: `n${k}`,
    type: k === 0 ? ("start" as const) : ("action" as const),
    label: sentence(g, 3, 8),
    position: pos,
  }));
  const tags = Array.from(
    new Set(Array.from({ length: 2 + Math.floor(g.rand() * 4) }, () => COMMON[Math.floor(g.rand() * 60)]!)),
  );
  return {
    formatVersion: 1,
    meta: {
      id: `sop-${i}`,
      title,
      department: departmentName,
      purpose: sentence(g, 12, 30),
      tags,
      language: "en",
      direction: "ltr",
      targets: { handleTime: "6m", handleTimeSeconds: 360 },
    },
    glossary: Array.from({ length: Math.floor(g.rand() * 4) }, () => ({
      term: word(g).toUpperCase(),
      meaning: sentence(g, 5, 12),
    })),
    sections: [
      {
        id: "main",
        number: 1,
        title: sentence(g, 2, 4).slice(0, -1),
        intro: [para(sentence(g, 15, 35))],
        stepIds: steps.map((s) => s.id),
        position: pos,
      },
    ],
    steps,
    fields: [],
    flows: [{ id: "flow", title: sentence(g, 3, 6).slice(0, -1), stepId: "s0", nodes, edges: [], position: pos }],
    variables: [],
    diagnostics: [],
    stats: { words: 0, steps: nSteps, fields: 0, flows: 1 },
  };
}

type Query = { kind: string; options: SearchOptions };

function makeQueries(g: Gen, departmentIds: number[], titles: string[]): Query[] {
  const out: Query[] = [];
  const common = () => COMMON[Math.floor(g.rand() * COMMON.length)]!;
  const rare = () => g.rare[Math.floor(g.rand() * 400)]!;
  for (let i = 0; i < 50; i++)
    out.push({ kind: "single word", options: { q: i % 3 === 0 ? rare() : common(), audience: "agent" } });
  for (let i = 0; i < 60; i++) {
    const w = i % 4 === 0 ? rare() : common();
    const n = 2 + (i % 3); // 2, 3, 4 letters: what an agent has typed so far
    out.push({ kind: "prefix as you type (2–4 letters)", options: { q: w.slice(0, n), audience: "agent" } });
  }
  for (let i = 0; i < 40; i++) {
    const t = titles[Math.floor(g.rand() * titles.length)]!.split(" ");
    out.push({
      kind: "two words",
      options: { q: i % 2 ? `${common()} ${common()}` : `${t[0]} ${t[1] ?? ""}`.trim(), audience: "agent" },
    });
  }
  for (let i = 0; i < 30; i++) {
    out.push({
      kind: "department filter",
      options: {
        q: i % 5 === 0 ? "" : common().slice(0, 3 + (i % 4)),
        departmentId: departmentIds[i % departmentIds.length],
        audience: "agent",
      },
    });
  }
  for (let i = 0; i < 20; i++)
    out.push({ kind: "no hit", options: { q: i % 2 ? `zqx${i}vw` : `${common()} zzqy${i}`, audience: "agent" } });
  for (let i = 0; i < 20; i++)
    out.push({
      kind: "author, any state",
      options: { q: common().slice(0, 2 + (i % 4)), audience: "author", status: "any" },
    });
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!;
}

/** Fills a migrated database with `sopCount` generated SOPs (one in ten with an open draft), then indexes it. */
export async function buildBenchLibrary(db: Db, sopCount: number) {
  const g: Gen = { rand: seededRandom(7), rare: [] };
  g.rare = makeVocabulary(g.rand, 6000);
  const deptNames = [
    "Customer Service",
    "Billing",
    "Returns & Logistics",
    "Technical Support",
    "Sales",
    "Retention",
    "Fraud",
    "Accessibility",
  ];
  const deptIds = deptNames.map(
    (name) =>
      db
        .insert(departments)
        .values({ name, slug: name.toLowerCase().replace(/\W+/g, "-") })
        .returning({ id: departments.id })
        .get().id,
  );
  const titles: string[] = [];
  let bytes = 0;
  const insertSop = db.$client.prepare(
    "INSERT INTO sops (id, department_id, title, published_version_id, next_review_at) VALUES (?, ?, ?, ?, ?)",
  );
  const insertVersion = db.$client.prepare(
    "INSERT INTO sop_versions (id, sop_id, version, state, source, hash, " +
      "document, published_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?, ?, ?)",
  );
  let versionId = 0;
  db.$client.transaction(() => {
    for (let i = 0; i < sopCount; i++) {
      const d = i % deptIds.length;
      const doc = makeDocument(g, i, deptNames[d]!);
      const json = JSON.stringify(doc);
      bytes += json.length;
      titles.push(doc.meta.title);
      const published = ++versionId;
      insertSop.run(`sop-${i}`, deptIds[d], doc.meta.title, published, i % 7 === 0 ? "2020-01-01" : "2999-01-01");
      insertVersion.run(published, `sop-${i}`, 1, "published", `h${published}`, json, Date.now(), Date.now());
      if (i % 10 === 0) {
        const draft = ++versionId;
        insertVersion.run(
          draft,
          `sop-${i}`,
          2,
          "draft",
          `h${draft}`,
          JSON.stringify(makeDocument(g, i, deptNames[d]!)),
          null,
          Date.now(),
        );
      }
    }
  })();
  const build = await rebuildSearchIndex(db);
  return { g, deptIds, titles, bytes, build };
}

export async function benchSearch({ sopCount = 10_000 } = {}): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-search-bench-"));
  const db: Db = openDb(path.join(dir, "bench.db"));
  try {
    migrateDb(db);
    const { g, deptIds, titles, bytes, build } = await buildBenchLibrary(db, sopCount);
    const indexed = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM sop_search`)!.n;

    // The library's tag filter: read once from the index, then cached until the index changes.
    const tagStart = performance.now();
    const tagCount = (await listSearchTags(db, "agent")).length;
    const tagCold = performance.now() - tagStart;

    const queries = makeQueries(g, deptIds, titles);
    for (const q of queries.slice(0, 30)) await searchSops(db, q.options); // warm the page cache and statement cache
    const byKind = new Map<string, number[]>();
    const all: number[] = [];
    let hits = 0;
    for (let round = 0; round < 2; round++) {
      for (const q of queries) {
        const t0 = performance.now();
        const r = await searchSops(db, q.options);
        const ms = performance.now() - t0;
        if (round === 0) hits += r.total > 0 ? 1 : 0;
        if (!byKind.has(q.kind)) byKind.set(q.kind, []);
        byKind.get(q.kind)!.push(ms);
        all.push(ms);
      }
    }
    const tagTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await listSearchTags(db, "agent");
      tagTimes.push(performance.now() - t0);
    }

    const stat = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { median_ms: percentile(s, 0.5), p95_ms: percentile(s, 0.95) };
    };
    const rows: Row[] = [
      {
        name: `search index build (${sopCount.toLocaleString("en")} SOPs, ${indexed.toLocaleString("en")} rows)`,
        median_ms: build.ms,
        p95_ms: build.ms,
        note: `${(bytes / 1024 / 1024).toFixed(0)} MB of stored documents; one rebuild, then FTS5 optimize`,
      },
      {
        name: `search: all queries (${queries.length} × 2)`,
        ...stat(all),
        target: "p95 ≤ 20 ms",
        note: `${hits}/${queries.length} with hits; ranked page of 20 + snippets + total`,
      },
    ];
    for (const [kind, times] of byKind)
      rows.push({ name: `search: ${kind} (${times.length / 2} × 2)`, ...stat(times) });
    rows.push({
      name: `search: tag list, first read (${tagCount} tags)`,
      median_ms: tagCold,
      p95_ms: tagCold,
      note: "library page load after an index change",
    });
    rows.push({ name: "search: tag list, cached", ...stat(tagTimes), note: "library page load" });
    return rows;
  } finally {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run alone: npx tsx bench/search.bench.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  void Promise.all([import("./stats"), benchSearch()]).then(([{ printTable }, rows]) => printTable(rows));
}
