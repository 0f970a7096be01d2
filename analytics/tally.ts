// Tallies: what the dashboards keep of the runs of one SOP version started on one UTC day, in a form that adds
// up. A year of a busy centre is 200,000 runs but ~15,000 tallies (40 SOPs × 365 days, a version or two each), so
// a long period is read as tallies and only the runs no tally holds (open ones, and the hours of a period that
// do not cover a whole UTC day) as rows. db/tallies.server.ts stores them per day and rebuilds a day from its
// run_facts rows whenever one of them changes; the functions here are the one definition of what a tally holds,
// and the row-based aggregations (overview.ts, sop.ts) are written over them, so rows and tallies give the same
// figures by construction.
//
// Times are kept to the second, rounded up (secondsOf): a median is shown to the second, "over a target of 300 s"
// stays exact (a call of 300.2 s counts as 301 s, over), and a year of handle times is a few thousand distinct
// values, not 200,000.
import type { DetailedRunRow, RunRow } from "./types";

export const DAY_MS = 86_400_000;
export const QUARTER_MS = 900_000;

/** A duration in whole seconds, rounded up (0 stays 0). */
export function secondsOf(ms: number): number {
  return Math.ceil(ms / 1000);
}

/** The UTC day number of a time (days since 1970-01-01). */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** A sparse count per key. */
export type Counts = Record<string, number>;

function bump(c: Counts, key: string | number, n: number): void {
  const v = (c[key] ?? 0) + n;
  if (v === 0) delete c[key];
  else c[key] = v;
}

function addCounts(into: Counts, from: Counts, sign = 1): void {
  for (const k in from) bump(into, k, sign * from[k]!);
}

/** What the overview keeps of one SOP version's live runs started on one UTC day. */
export type Tally = {
  day: number;
  sopId: string;
  versionId: number;
  /** the SOP's department (today's, as RunRow's) */
  departmentId: number;
  /** every live run started that day, open ones included (the runs-per-day series) */
  runs: number;
  /** quarter-hour of the day (0–95) → runs started in it: every time zone's midnight falls on one */
  starts: Counts;
  /**
   * The figures below are over the day's completed runs; open runs are read as rows (whether one is idle depends on the
   * clock).
   */
  completed: number;
  outcomes: Counts;
  escalated: number;
  flags: number;
  followUpsOpened: number;
  followUpsClosed: number;
  /**
   * handle times of the completed, non-abandoned runs with one, as flat pairs [seconds (rounded up), runs, …]: a
   * value may repeat (the runs add up). Flat numbers, as JSON.parse reads them and the figures walk them fastest.
   */
  handle: number[];
  /** step index → completed runs with the outcome "abandoned" that stopped on it (the funnel) */
  stopped: Counts;
};

export type TallyKey = Pick<Tally, "day" | "sopId" | "versionId" | "departmentId">;

export function emptyTally(k: TallyKey): Tally {
  return {
    ...k,
    runs: 0,
    starts: {},
    completed: 0,
    outcomes: {},
    escalated: 0,
    flags: 0,
    followUpsOpened: 0,
    followUpsClosed: 0,
    handle: [],
    stopped: {},
  };
}

/** Adds one run to its day's tally (the caller picked the tally of the run's day, SOP and version). */
export function addRunToTally(t: Tally, r: RunRow): void {
  t.runs++;
  bump(t.starts, Math.floor((r.startedAt - t.day * DAY_MS) / QUARTER_MS), 1);
  if (r.status !== "completed") return;
  t.completed++;
  if (r.outcome !== null) bump(t.outcomes, r.outcome, 1);
  if (r.escalations > 0 || r.outcome === "escalated") t.escalated++;
  t.flags += r.flags;
  if (r.followUpDue !== null) t.followUpsOpened++;
  if (r.followUpClosedAt !== null) t.followUpsClosed++;
  if (r.outcome === "abandoned") bump(t.stopped, Math.max(0, r.currentStepIndex ?? 0), 1);
  else if (r.handleMs !== null) t.handle.push(secondsOf(r.handleMs), 1);
}

/** Flat [value, count] pairs with each value once, in ascending order (what a stored tally keeps). */
export function compactPairs(pairs: readonly number[]): number[] {
  const m = new Map<number, number>();
  for (let i = 0; i + 1 < pairs.length; i += 2) m.set(pairs[i]!, (m.get(pairs[i]!) ?? 0) + pairs[i + 1]!);
  const out: number[] = [];
  for (const v of [...m.keys()].sort((x, y) => x - y)) if (m.get(v)) out.push(v, m.get(v)!);
  return out;
}

/** Adds b into a (same key). */
export function mergeTally(a: Tally, b: Tally): void {
  a.runs += b.runs;
  addCounts(a.starts, b.starts);
  a.completed += b.completed;
  addCounts(a.outcomes, b.outcomes);
  a.escalated += b.escalated;
  a.flags += b.flags;
  a.followUpsOpened += b.followUpsOpened;
  a.followUpsClosed += b.followUpsClosed;
  for (let i = 0; i < b.handle.length; i++) a.handle.push(b.handle[i]!);
  addCounts(a.stopped, b.stopped);
}

/** How the runs that answered in one flow went through it (sop.ts pathHeat and flowAnswers read it). */
export type FlowTally = {
  /** runs with at least one answer in the flow */
  runs: number;
  /** node id → runs whose path touched it (as the node answered or the node an answer led to) */
  reach: Counts;
  /** node id → runs that answered at it */
  answered: Counts;
  /** JSON [from, to, label] → runs that gave that answer (once per run, however often they went round) */
  answers: Counts;
  /** JSON [node, outcome] → wrapped-up runs that ended the flow on that node with that outcome */
  ends: Counts;
};

/** What one SOP's page keeps of the completed runs of one SOP version started on one UTC day. */
export type DetailTally = {
  /** step id → time on it in seconds (rounded up) → runs that did it */
  times: Record<string, Counts>;
  /** step id → skip reason as given (trimmed) → runs that skipped it so */
  skips: Record<string, Counts>;
  flows: Record<string, FlowTally>;
};

export function emptyDetail(): DetailTally {
  return { times: {}, skips: {}, flows: {} };
}

function flowOf(d: DetailTally, flowId: string): FlowTally {
  return (d.flows[flowId] ??= { runs: 0, reach: {}, answered: {}, answers: {}, ends: {} });
}

/** Adds one completed run's detail (rows without detail, i.e. open runs, add nothing). */
export function addRunToDetail(d: DetailTally, r: DetailedRunRow): void {
  if (!r.detail) return;
  for (const [stepId, mark, ms, reason] of r.detail.steps) {
    if (mark === "d" && ms !== null) bump((d.times[stepId] ??= {}), secondsOf(ms), 1);
    else if (mark === "s") bump((d.skips[stepId] ??= {}), (reason ?? "").trim(), 1);
  }
  // per flow: what this run touched, each once
  const seen = new Map<
    string,
    { reach: Set<string>; answered: Set<string>; answers: Set<string>; lastTo: string | null }
  >();
  for (const [flowId, nodeId, to, label] of r.detail.path) {
    let s = seen.get(flowId);
    if (!s) seen.set(flowId, (s = { reach: new Set(), answered: new Set(), answers: new Set(), lastTo: null }));
    s.reach.add(nodeId).add(to);
    s.answered.add(nodeId);
    s.answers.add(JSON.stringify([nodeId, to, label]));
    s.lastTo = to;
  }
  for (const [flowId, s] of seen) {
    const f = flowOf(d, flowId);
    f.runs++;
    for (const n of s.reach) bump(f.reach, n, 1);
    for (const n of s.answered) bump(f.answered, n, 1);
    for (const a of s.answers) bump(f.answers, a, 1);
    if (r.status !== "completed" || r.outcome === null) continue;
    let endedOn = s.lastTo;
    for (const [endFlow, nodeId] of r.detail.ends) if (endFlow === flowId) endedOn = nodeId;
    if (endedOn !== null) bump(f.ends, JSON.stringify([endedOn, r.outcome]), 1);
  }
}

/** Adds b into a. */
export function mergeDetail(a: DetailTally, b: DetailTally): void {
  for (const k in b.times) addCounts((a.times[k] ??= {}), b.times[k]!);
  for (const k in b.skips) addCounts((a.skips[k] ??= {}), b.skips[k]!);
  for (const k in b.flows) {
    const from = b.flows[k]!;
    const into = flowOf(a, k);
    into.runs += from.runs;
    addCounts(into.reach, from.reach);
    addCounts(into.answered, from.answered);
    addCounts(into.answers, from.answers);
    addCounts(into.ends, from.ends);
  }
}

/** The detail of rows, added up. */
export function detailOf(rows: readonly DetailedRunRow[]): DetailTally {
  const d = emptyDetail();
  for (const r of rows) addRunToDetail(d, r);
  return d;
}

export type DayTallies = { tally: Tally; detail: DetailTally };

/** The tallies of rows, one per UTC day, SOP and version (what db/tallies.server.ts stores for a day). */
export function talliesOf(rows: readonly DetailedRunRow[]): Map<string, DayTallies> {
  const out = new Map<string, DayTallies>();
  for (const r of rows) {
    const day = dayOf(r.startedAt);
    const key = `${day}\u0000${r.sopId}\u0000${r.versionId}`;
    let t = out.get(key);
    if (!t)
      out.set(
        key,
        (t = {
          tally: emptyTally({ day, sopId: r.sopId, versionId: r.versionId, departmentId: r.departmentId }),
          detail: emptyDetail(),
        }),
      );
    addRunToTally(t.tally, r);
    addRunToDetail(t.detail, r);
  }
  for (const t of out.values()) t.tally.handle = compactPairs(t.tally.handle);
  return out;
}

/** A number of runs started at a time: a row (n = 1), or a tally's quarter-hour or whole day. */
export type Starts = Pick<RunRow, "sopId" | "versionId" | "departmentId" | "startedAt"> & { n?: number };

/**
 * The starts of tallies as the series count them: a day whose every quarter-hour falls in one bucket as one
 * entry, any other day (one a time zone's midnight cuts in two: `splitDay`) quarter by quarter.
 */
export function startsOf(tallies: readonly Tally[], splitDay: (from: number, to: number) => boolean): Starts[] {
  const out: Starts[] = [];
  for (const t of tallies) {
    const from = t.day * DAY_MS;
    const base = { sopId: t.sopId, versionId: t.versionId, departmentId: t.departmentId };
    if (!splitDay(from, from + DAY_MS - 1)) out.push({ ...base, startedAt: from, n: t.runs });
    else for (const q in t.starts) out.push({ ...base, startedAt: from + Number(q) * QUARTER_MS, n: t.starts[q]! });
  }
  return out;
}
