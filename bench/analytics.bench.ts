// Analytics at contact-centre scale: a year of a busy centre — 200,000 runs with ~4,000,000 events, 40 SOPs (one
// with a 200-node flow), 500 agents in 8 departments — in a temporary SQLite file, then the dashboards' server
// time (queries + aggregations) and what storing the facts at ingest costs the append path.
//
// The runs are played on the runbook (app/analytics-demo.server.ts simulateCall: every event goes through
// `reduce`, a refused one throws), so states, summaries and facts (runFacts) are those a live run would store;
// they are written with insertHistoricRuns in batches. STEPWISE_BENCH_RUNS=20000 scales the history down for a
// quick check (the events scale with it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { FieldDef, Flow, SopDocument, Step } from "../sop-schema/types";
import { migrateDb, openDb, type Db } from "../db/client.server";
import { departments, users } from "../db/schema";
import { publishVersion } from "../db/sops.server";
import { insertHistoricRuns, type HistoricRun } from "../db/history.server";
import { createRun, runEventWriter, type RunEngine } from "../db/runs.server";
import { readDetailedRunRows, readRunRows } from "../db/analytics.server";
import { readSopPeriod, warmTallies } from "../db/tallies.server";
import { checkpointInBackground } from "../db/wal-checkpointer.server";
import { pathHeat, pathHeatOf } from "../analytics/sop";
import { runFacts } from "../analytics/facts";
import { initialState, type RunState } from "../runbook/state";
import type { RunEvent } from "../runbook/events";
import { simulateCall, workUnits, type CallProfile } from "../app/analytics-demo.server";
import { seededRandom, type Rand } from "../app/lib/random";
import { analyticsOverview, sopAnalytics, type AnalyticsFilters } from "../app/analytics.server";
import { appendEvents, runSummary, startRun } from "../app/runs.server";
import type { SessionUser } from "../app/auth/session.server";
import { generateFlow } from "./flow-gen";
import { measure, type Row } from "./stats";

const RUNS = Math.max(1_000, Number(process.env.STEPWISE_BENCH_RUNS) || 200_000);
const SOPS = 40;
const AGENTS = 500;
const DEPARTMENTS = 8;
const DAYS = 365;
const BIG_FLOW_NODES = 200;
/** the SOP with the 200-node flow (the third busiest) */
const BIG = 2;
const BATCH = 2_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** the ingest comparison: runs per round, rounds per engine (alternating) */
const INGEST_RUNS = 400;
const INGEST_ROUNDS = 6;

const position = { line: 1, column: 1 };
const text = (value: string) => [{ type: "text" as const, value }];
const TAGS = [
  "billing",
  "delivery",
  "returns",
  "refund",
  "account",
  "broadband",
  "complaint",
  "card",
  "follow-up",
  "security",
  "device",
  "order",
];

/** An SOP like the demo ones: 4–6 steps with a field or two and a checklist, one of them a decision flow. */
function benchDoc(i: number, rand: Rand): SopDocument {
  const id = `bench-sop-${String(i).padStart(2, "0")}`;
  const stepCount = 4 + (i % 3);
  const flowAt = 1 + (i % 2);
  const fields: FieldDef[] = [];
  const steps: Step[] = [];
  let flow: Flow | undefined;
  for (let j = 0; j < stepCount; j++) {
    const stepId = `step-${j + 1}`;
    const blocks: Step["blocks"] = [];
    const fieldNames: string[] = [];
    const checkIds: string[] = [];
    let flowId: string | undefined;
    if (j === flowAt) {
      const model = generateFlow(i === BIG ? BIG_FLOW_NODES : 8 + Math.floor(rand() * 22), 100 + i);
      flowId = `flow-${i}`;
      flow = {
        id: flowId,
        title: model.title,
        stepId,
        position,
        nodes: model.nodes.map((n) => ({ ...n, position })),
        edges: model.edges.map((e) => ({ ...e, position })),
      };
      blocks.push({ type: "flow", flowId });
    } else {
      const nFields = j === 0 ? 2 : Math.floor(rand() * 2.4);
      for (let k = 0; k < nFields; k++) {
        const name = `s${j}_f${k}`;
        const kind = (j + k) % 4;
        const field: FieldDef =
          kind === 0
            ? {
                name,
                label: "Order number",
                type: "text",
                required: true,
                pattern: "^[A-Z]{2}[0-9]{6}$",
                help: "Two letters and six digits, e.g. AB123456",
                stepId,
                position,
              }
            : kind === 1
              ? {
                  name,
                  label: "Reason",
                  type: "select",
                  required: true,
                  options: ["Late", "Damaged", "Wrong item", "Other"],
                  stepId,
                  position,
                }
              : kind === 2
                ? { name, label: "Resolved?", type: "yes-no", required: false, stepId, position }
                : { name, label: "Customer name", type: "text", required: true, stepId, position };
        fields.push(field);
        fieldNames.push(name);
        blocks.push({ type: "field", field });
      }
      const nChecks = Math.floor(rand() * 3);
      for (let k = 0; k < nChecks; k++) {
        const checkId = `c${j}-${k}`;
        checkIds.push(checkId);
        blocks.push({ type: "check", id: checkId, children: text(`Check ${k + 1}`) });
      }
    }
    const escalations = j === stepCount - 2 ? [{ to: "Team lead", reason: "Above the agent's limit" }] : [];
    steps.push({
      id: stepId,
      number: j + 1,
      title: `Step ${j + 1}`,
      sectionId: "s",
      blocks,
      fieldNames,
      checkIds,
      ...(flowId ? { flowId } : {}),
      escalations,
      position,
    });
  }
  const minutes = 4 + (i % 9);
  return {
    formatVersion: 1,
    meta: {
      id,
      title: `Procedure ${i + 1}`,
      department: `Department ${(i % DEPARTMENTS) + 1}`,
      purpose: "Benchmark",
      tags: [TAGS[i % TAGS.length]!, TAGS[(i * 7 + 3) % TAGS.length]!],
      language: "en",
      direction: "ltr",
      targets: { handleTime: `${minutes}m`, handleTimeSeconds: minutes * 60 },
    },
    glossary: [],
    sections: [{ id: "s", number: 1, title: "Steps", intro: [], stepIds: steps.map((s) => s.id), position }],
    steps,
    fields,
    flows: flow ? [flow] : [],
    variables: [],
    diagnostics: [],
    stats: { words: 100, steps: steps.length, fields: fields.length, flows: flow ? 1 : 0 },
  };
}

const PROFILE: CallProfile = {
  skipRate: 0.03,
  skipReasons: ["Not applicable to this call", "Customer in a hurry", "System down"],
};

type Sop = { id: string; versionId: number; departmentId: number; doc: SopDocument; units: number; weight: number };

type World = {
  db: Db;
  dir: string;
  admin: SessionUser;
  agent: SessionUser;
  sops: Sop[];
  agents: Map<number, string[]>;
  now: number;
  events: number;
  generationMs: number;
};

/**
 * Ids for the generated history: UUIDs (version 7-shaped, as the event schema accepts) in the order they are made,
 * so that the year is loaded by appending to the id indexes rather than by 4 million random inserts into them.
 */
let made = 0;
const orderedId = () =>
  `${(0x10000000 + Math.floor(made / 0x1000000000000)).toString(16)}-0000-7000-8000-` +
  `${(made++ % 0x1000000000000).toString(16).padStart(12, "0")}`;

/** One simulated call of `sop` by `agentId` starting at `startedAt` (`id` names its run and its events). */
function call(
  sop: Sop,
  agentId: string,
  startedAt: number,
  rand: Rand,
  now: number,
  id: () => string = orderedId,
): HistoricRun<RunEvent, RunState> {
  const handleMs =
    sop.doc.meta.targets!.handleTimeSeconds! *
    1000 *
    0.8 *
    Math.exp(0.35 * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
  const r = rand();
  const { events, state } = simulateCall(sop.doc, {
    rand,
    started: {
      sopId: sop.id,
      versionId: sop.versionId,
      customerRef: `C-${Math.floor(rand() * 1e7)}`,
      channel: rand() < 0.8 ? "phone" : "chat",
    },
    startedAt,
    paceMs: handleMs / sop.units,
    id: () => id(),
    profile: PROFILE,
    ending: r < 0.02 ? "hang-up" : r < 0.03 ? "open" : "complete",
    stopAfterMs: handleMs * 0.4,
    now,
    flag:
      rand() < 0.003
        ? { stepId: sop.doc.steps[0]!.id, kind: "unclear", text: "Which order number do we ask for?" }
        : null,
    closeFollowUp: (_due, completedAt) => (rand() < 0.8 ? { at: completedAt + 2 * DAY, note: "Called back." } : null),
  });
  return {
    id: id(),
    sopId: sop.id,
    versionId: sop.versionId,
    agentId,
    events,
    state,
    summary: runSummary(state, sop.doc),
    facts: state.status === "completed" ? runFacts(sop.doc, state) : null,
    customerRef: state.customerRef,
    channel: state.channel,
  };
}

async function setUp(): Promise<World> {
  const t0 = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-analytics-bench-"));
  const db = openDb(path.join(dir, "bench.db"));
  migrateDb(db);
  // Loading the history is not what is measured: no journal and no fsync while it is written (a temporary file),
  // then the production pragmas (WAL, synchronous=FULL) for everything measured.
  db.$client.pragma("journal_mode = OFF");
  db.$client.pragma("synchronous = OFF");
  db.$client.pragma("cache_size = -262144");
  const rand = seededRandom(2026);
  const deptIds: number[] = [];
  for (let d = 0; d < DEPARTMENTS; d++)
    deptIds.push(
      db
        .insert(departments)
        .values({ name: `Department ${d + 1}`, slug: `department-${d + 1}` })
        .returning({ id: departments.id })
        .get().id,
    );
  const adminId = randomUUID();
  db.insert(users)
    .values({ id: adminId, email: "admin@bench", name: "Admin", role: "admin", departmentId: null, passwordHash: "x" })
    .run();
  const agents = new Map<number, string[]>();
  db.transaction((tx) => {
    for (let a = 0; a < AGENTS; a++) {
      const id = randomUUID();
      const departmentId = deptIds[a % DEPARTMENTS]!;
      tx.insert(users)
        .values({
          id,
          email: `agent${a}@bench`,
          name: `Agent ${String(a).padStart(3, "0")}`,
          role: "agent",
          departmentId,
          passwordHash: "x",
        })
        .run();
      agents.set(departmentId, [...(agents.get(departmentId) ?? []), id]);
    }
  });
  const sops: Sop[] = [];
  for (let i = 0; i < SOPS; i++) {
    const doc = benchDoc(i, rand);
    const departmentId = deptIds[i % DEPARTMENTS]!;
    const { versionId } = await publishVersion(db, {
      sopId: doc.meta.id,
      title: doc.meta.title,
      departmentId,
      source: doc.meta.id,
      hash: doc.meta.id,
      document: doc,
      errorCount: 0,
      warningCount: 0,
      changeNote: "v1",
      actorId: adminId,
    });
    // Zipf-like popularity: the first SOP is the busiest
    sops.push({
      id: doc.meta.id,
      versionId,
      departmentId,
      doc,
      units: workUnits(doc, PROFILE, i),
      weight: 1 / Math.pow(i + 1, 0.8),
    });
  }
  const now = Date.now();
  // Start times over the year: office hours, weekdays busier, sorted (runs arrive in time order).
  const starts = new Float64Array(RUNS);
  for (let i = 0; i < RUNS; i++) {
    let day: number;
    do day = Math.floor(rand() * DAYS);
    while ([0, 6].includes(new Date(now - day * DAY).getUTCDay()) && rand() < 0.7);
    starts[i] = Math.floor((now - day * DAY) / DAY) * DAY + 7 * HOUR + Math.floor(rand() * 11 * HOUR);
  }
  starts.sort();
  const cumulative: number[] = [];
  let total = 0;
  for (const s of sops) cumulative.push((total += s.weight));
  let batch: HistoricRun<RunEvent, RunState>[] = [];
  let events = 0;
  let stored = 0;
  for (let i = 0; i < RUNS; i++) {
    if (starts[i]! >= now) continue;
    const x = rand() * total;
    const sop = sops[cumulative.findIndex((c) => c > x)]!;
    const team = agents.get(sop.departmentId)!;
    const run = call(sop, team[Math.floor(rand() * team.length)]!, starts[i]!, rand, now);
    events += run.events.length;
    batch.push(run);
    if (batch.length >= BATCH) {
      await insertHistoricRuns(db, batch);
      stored += batch.length;
      batch = [];
      if (stored % 50_000 === 0)
        progress(
          `${stored.toLocaleString("en")} runs, ${events.toLocaleString("en")} ` +
            `events (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
        );
    }
  }
  await insertHistoricRuns(db, batch);
  db.$client.pragma("journal_mode = WAL");
  db.$client.pragma("synchronous = FULL");
  db.$client.exec("ANALYZE");
  const agentRow = db.$client
    .prepare(
      "SELECT id, email, name, role, department_id AS departmentId " +
        "FROM users WHERE role = 'agent' AND department_id = ? LIMIT 1",
    )
    .get(sops[0]!.departmentId) as SessionUser;
  return {
    db,
    dir,
    admin: { id: adminId, email: "admin@bench", name: "Admin", role: "admin", departmentId: null },
    agent: agentRow,
    sops,
    agents,
    now,
    events,
    generationMs: performance.now() - t0,
  };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The app's engine for an SOP's version (one per document), as appendEvents hands it to the writer
 * (app/runs.server.ts keeps it private): one real append through the service, the writer's `append` watched.
 */
async function appEngine(w: World, sop: Sop): Promise<RunEngine<RunEvent, RunState>> {
  const writer = runEventWriter(w.db);
  const original = writer.append;
  let engine: RunEngine<RunEvent, RunState> | undefined;
  writer.append = ((runId: string, events: RunEvent[], e: RunEngine<RunEvent, RunState>) => {
    engine = e;
    return original.call(writer, runId, events, e);
  }) as typeof writer.append;
  try {
    const { runId } = await startRun(w.db, w.agent, { sopId: sop.id });
    await appendEvents(w.db, w.agent, runId, {
      events: [{ id: randomUUID(), at: Date.now(), type: "note.added", text: "Engine probe." }],
    });
  } finally {
    writer.append = original;
  }
  if (!engine?.factsOf) throw new Error("Could not get the app's run engine (with factsOf) from appendEvents.");
  return engine;
}

/**
 * One round of ingest: INGEST_RUNS calls started, then appended event by event as the run screen sends them —
 * every run's next event in the same turn, so they share group commits as concurrent agents do — wrap-up
 * included. Returns the time of the appends (the runs are started before the clock starts).
 */
async function ingestRound(
  w: World,
  engines: ReadonlyMap<string, RunEngine<RunEvent, RunState>>,
  seed: number,
): Promise<{ ms: number; events: number }> {
  const rand = seededRandom(seed);
  const sops = w.sops.filter((s) => engines.has(s.id));
  const now = Date.now();
  const runs = [];
  for (let i = 0; i < INGEST_RUNS; i++) {
    const sop = sops[Math.floor(rand() * sops.length)]!;
    const played = call(sop, w.agent.id, now - 20 * 60_000, rand, Number.POSITIVE_INFINITY, randomUUID);
    const started = played.events[0] as Extract<RunEvent, { type: "started" }>;
    const state = initialState(sop.doc, started);
    const engine = engines.get(sop.id)!;
    const id = await createRun(w.db, {
      sopId: sop.id,
      versionId: sop.versionId,
      agentId: w.agent.id,
      started,
      state,
      summary: engine.summarise(state),
    });
    runs.push({ id, engine, events: played.events.slice(1) });
  }
  const writer = runEventWriter(w.db);
  const longest = Math.max(...runs.map((r) => r.events.length));
  let events = 0;
  const t0 = performance.now();
  for (let k = 0; k < longest; k++) {
    const turn = runs.filter((r) => k < r.events.length);
    events += turn.length;
    await Promise.all(turn.map((r) => writer.append(r.id, [r.events[k]!], r.engine)));
  }
  return { ms: performance.now() - t0, events };
}

export async function benchAnalytics(): Promise<Row[]> {
  progress(`generating ${RUNS.toLocaleString("en")} runs over ${DAYS} days`);
  const w = await setUp();
  const rows: Row[] = [];
  const fmt = (n: number) => Math.round(n).toLocaleString("en");
  try {
    const { db, admin, now } = w;
    const size = fs.statSync(path.join(w.dir, "bench.db")).size;
    rows.push({
      name: `analytics: generate ${fmt(RUNS)} runs, ${fmt(w.events)} events`,
      median_ms: w.generationMs,
      p95_ms: w.generationMs,
      note:
        `played on the runbook (reduce per event), facts by runFacts, insertHistoricRuns × ${BATCH}; ` +
        `${SOPS} SOPs, ${AGENTS} agents, ${DEPARTMENTS} departments; ${fmt(size / 1e6)} MB`,
    });
    const ctx = { now, timeZone: "UTC" };
    const month: AnalyticsFilters = { from: day(now - 29 * DAY), to: day(now) };
    const year: AnalyticsFilters = { from: day(now - (DAYS - 1) * DAY), to: day(now) };
    const count = (f: AnalyticsFilters, sopId?: string) =>
      (
        db.$client
          .prepare(
            `SELECT count(*) AS n FROM runs WHERE started_at >= ? AND started_at < ?${sopId ? " AND sop_id = ?" : ""}`,
          )
          .get(Date.parse(f.from), Date.parse(f.to) + DAY, ...(sopId ? [sopId] : [])) as { n: number }
      ).n;
    const options = { runs: 30, warmup: 3 };
    // The day tallies the dashboards read (db/tallies.server.ts): built once for the whole history, as the server
    // does in the background at start; afterwards only a day whose runs changed is rebuilt.
    progress("building the day tallies of the year");
    const t0 = performance.now();
    const built = await warmTallies(db, DAYS + 1, now);
    const buildMs = performance.now() - t0;
    const tallies = (db.$client.prepare("SELECT count(*) AS n FROM run_tallies").get() as { n: number }).n;
    rows.push({
      name: `analytics: build the day tallies of ${fmt(built)} days (once, in the background)`,
      median_ms: buildMs,
      p95_ms: buildMs,
      note:
        `${fmt(tallies)} tallies (day × SOP × version) from ${fmt(RUNS)} ` +
        `runs; a day is rebuilt when one of its runs changes`,
    });
    for (const [label, f, timeZone] of [
      ["30 days", month, "UTC"],
      ["30 days, Asia/Tehran (+03:30)", month, "Asia/Tehran"],
      ["12 months", year, "UTC"],
    ] as const) {
      progress(`overview, ${label}`);
      rows.push({
        name: `analytics: overview, ${label}, all departments`,
        ...(await measure(async () => await analyticsOverview(db, admin, f, { now, timeZone }), options)),
        target: "≤ 150 ms",
        note: `${fmt(count(f))} runs (and the period before)`,
      });
    }
    // What the tallies save: the 12-month overview's runs read as rows.
    const yearQuery = { from: Date.parse(year.from), to: Date.parse(year.to) + DAY, departmentIds: null };
    rows.push({
      name: "analytics: for comparison, the 12 months' runs read as rows (readRunRows)",
      ...(await measure(async () => await readRunRows(db, yearQuery), { runs: 5, warmup: 1 })),
      note: "what the overview read before the tallies; 5 runs",
    });
    const busiest = w.sops[0]!;
    for (const [label, f] of [
      ["30 days", month],
      ["12 months", year],
    ] as const) {
      progress(`per-SOP page, ${label}`);
      rows.push({
        name: `analytics: SOP page (busiest SOP), ${label}`,
        ...(await measure(async () => await sopAnalytics(db, admin, busiest.id, f, ctx), options)),
        target: "≤ 150 ms",
        note: `${fmt(count(f, busiest.id))} runs of ${busiest.id}`,
      });
    }
    const big = w.sops[BIG]!;
    const flow = big.doc.flows[0]!;
    const q = { from: Date.parse(year.from), to: Date.parse(year.to) + DAY, departmentIds: null, sopId: big.id };
    const detailed = readDetailedRunRows(db, q);
    progress("path heat");
    rows.push({
      name: `analytics: path heat, ${flow.nodes.length}-node flow, 12 months, from the runs' rows`,
      ...(await measure(() => pathHeat(detailed, flow), options)),
      note: `${fmt(detailed.length)} runs, rows already read (the SOP page's edge hours take this path)`,
    });
    rows.push({
      name: "analytics: path heat with its read, 12 months (tallies + rows)",
      ...(await measure(async () => {
        return pathHeatOf((await readSopPeriod(db, q, now)).detail, flow);
      }, options)),
      target: "≤ 100 ms",
      note: "readSopPeriod (the day tallies' detail, the edge hours' rows) + pathHeatOf",
    });

    // Ingest: the same appends with the app's engine and with it minus factsOf, alternating (the order flips
    // every round so neither side always runs second).
    progress("ingest with and without facts");
    const withFacts = new Map<string, RunEngine<RunEvent, RunState>>();
    for (const s of w.sops.filter((x) => x.departmentId === busiest.departmentId))
      withFacts.set(s.id, await appEngine(w, s));
    const withoutFacts = new Map([...withFacts].map(([id, e]) => [id, { ...e, factsOf: undefined }]));
    const times = { with: [] as number[], without: [] as number[] };
    let events = 0;
    await ingestRound(w, withFacts, 1); // warm-up
    for (let r = 0; r < INGEST_ROUNDS; r++) {
      const order = r % 2 === 0 ? (["with", "without"] as const) : (["without", "with"] as const);
      for (const which of order) {
        const round = await ingestRound(w, which === "with" ? withFacts : withoutFacts, 100 + r);
        times[which].push(round.ms);
        events = round.events;
      }
    }
    const stat = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return {
        median_ms: s[Math.floor(s.length / 2)]!,
        p95_ms: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!,
      };
    };
    const a = stat(times.with);
    const b = stat(times.without);
    const ratio = a.median_ms / b.median_ms;
    rows.push({
      name: `analytics: ingest ${INGEST_RUNS} calls event by event, app engine (facts at wrap-up)`,
      ...a,
      note: `${fmt(events)} events per round, ${INGEST_ROUNDS} rounds, ${fmt((events / a.median_ms) * 1000)} events/s`,
    });
    rows.push({
      name: "analytics: the same without factsOf",
      ...b,
      target: "ratio ≤ 1.10",
      note: `ratio ${ratio.toFixed(3)} (median with / without)`,
    });
  } finally {
    await checkpointInBackground(w.db)?.stop();
    w.db.$client.close();
    if (process.env.STEPWISE_BENCH_KEEP) console.error(`  analytics bench: kept the database in ${w.dir}`);
    else fs.rmSync(w.dir, { recursive: true, force: true });
  }
  return rows;
}

const progress = (what: string) => process.stderr.write(`  analytics bench: ${what}…\n`);
