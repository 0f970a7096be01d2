// The headline figures of a set of runs (the overview dashboard, and the same figures per SOP, department or
// version), from rows and from day tallies (tally.ts) alike: one pass, handle times kept as a histogram of
// seconds (a year of a busy centre is ~200,000 runs but a few thousand distinct handle times).
import { OUTCOMES } from "../sop-schema/types";
import { histogramMedianAndQuantile, share } from "./stats";
import { secondsOf, type Tally } from "./tally";
import { ABANDONED_AFTER_MS, type Period, type RunRow, type VersionInfo } from "./types";

export type OverviewFigures = {
  /** every row: live runs started in the period (practice and discarded runs never reach the aggregations) */
  runs: number;
  /** active runs touched less than ABANDONED_AFTER_MS before `now` */
  inProgress: number;
  /** wrapped-up runs (whatever their outcome, "abandoned" included) */
  completed: number;
  /** completed runs with the outcome "abandoned", plus active runs untouched for ABANDONED_AFTER_MS (idle) */
  abandoned: number;
  /** runs that are over: completed + idle active runs */
  finished: number;
  /** (finished − abandoned) / finished; null when nothing finished */
  completionRate: number | null;
  /** abandoned / finished; null when nothing finished */
  abandonmentRate: number | null;
  /** completed runs by outcome: every runbook outcome is present (0 when none), plus any other seen */
  outcomes: Record<string, number>;
  /** completed runs that escalated at least once or ended with the outcome "escalated" */
  escalated: number;
  /** escalated / completed; null when nothing completed */
  escalationRate: number | null;
  /** rows with a follow-up due date */
  followUpsOpened: number;
  /** rows whose follow-up was closed */
  followUpsClosed: number;
  /**
   * median handle time of completed runs (outcome "abandoned" excluded: a dropped call says nothing of the SOP),
   * of the handle times to the second, rounded up (tally.ts secondsOf)
   */
  handleMedianMs: number | null;
  /** 90th percentile (nearest rank) of the same handle times */
  handleP90Ms: number | null;
  /** completed, non-abandoned runs with a handle time whose version has a handle-time target */
  withTarget: number;
  /** those of withTarget whose handle time is over (strictly above) their version's target */
  overTarget: number;
  /** overTarget / withTarget; null when no run has a target */
  overTargetShare: number | null;
  /** flags raised (sum over the rows) */
  flags: number;
  /** the target every withTarget run's version shares; null when they differ or there are none */
  targetMs: number | null;
};

/** An active run untouched for ABANDONED_AFTER_MS: the agent left it open and moved on. */
export function isIdle(r: RunRow, now: number): boolean {
  return r.status === "active" && now - r.updatedAt >= ABANDONED_AFTER_MS;
}

/** A completed run with the outcome "abandoned", or an idle active run. */
export function isAbandoned(r: RunRow, now: number): boolean {
  return r.status === "completed" ? r.outcome === "abandoned" : isIdle(r, now);
}

/** A completed run that escalated at least once or ended with the outcome "escalated". */
export function isEscalated(r: RunRow): boolean {
  return r.status === "completed" && (r.escalations > 0 || r.outcome === "escalated");
}

/** A completed, non-abandoned run with a handle time: what handle-time figures and targets are taken over. */
export function countsForHandleTime(r: RunRow): boolean {
  return r.status === "completed" && r.outcome !== "abandoned" && r.handleMs !== null;
}

function emptyOutcomes(): Record<string, number> {
  const o: Record<string, number> = {};
  for (const k of OUTCOMES) o[k] = 0;
  return o;
}

/** Handle times up to two hours are counted in an array (a call centre's calls nearly all are). */
const DENSE_SECONDS = 7200;

/** The figures of rows and tallies added one by one (figuresBy keeps one per group). */
export class FiguresAccumulator {
  private runs = 0;
  private active = 0;
  private idle = 0;
  private completed = 0;
  private abandoned = 0;
  private outcomes = emptyOutcomes();
  private escalated = 0;
  private followUpsOpened = 0;
  private followUpsClosed = 0;
  private withTarget = 0;
  private overTarget = 0;
  private flags = 0;
  /** undefined: no run with a target yet; null: targets differ */
  private target: number | null | undefined = undefined;
  /** handle time in seconds → runs: dense up to DENSE_SECONDS (nearly every call), a map beyond */
  private dense: Float64Array | null = null;
  private sparse = new Map<number, number>();

  constructor(private readonly now: number) {}

  /** Adds a row; targetMs is its version's target (null when it has none). */
  add(r: RunRow, targetMs: number | null): void {
    this.runs++;
    this.flags += r.flags;
    if (r.followUpDue !== null) this.followUpsOpened++;
    if (r.followUpClosedAt !== null) this.followUpsClosed++;
    if (r.status !== "completed") {
      this.active++;
      if (this.now - r.updatedAt >= ABANDONED_AFTER_MS) {
        this.idle++;
        this.abandoned++;
      }
      return;
    }
    this.completed++;
    const outcome = r.outcome;
    if (outcome !== null) this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
    if (r.escalations > 0 || outcome === "escalated") this.escalated++;
    if (outcome === "abandoned") {
      this.abandoned++;
      return;
    }
    if (r.handleMs !== null) this.handle(secondsOf(r.handleMs), 1, targetMs);
  }

  /** Adds a day's tally (its completed runs; its open runs are added as rows); targetMs is its version's target. */
  addTally(t: Tally, targetMs: number | null): void {
    this.runs += t.completed;
    this.completed += t.completed;
    this.flags += t.flags;
    this.followUpsOpened += t.followUpsOpened;
    this.followUpsClosed += t.followUpsClosed;
    this.escalated += t.escalated;
    for (const o in t.outcomes) this.outcomes[o] = (this.outcomes[o] ?? 0) + t.outcomes[o]!;
    this.abandoned += t.outcomes.abandoned ?? 0;
    const h = t.handle;
    for (let i = 0; i + 1 < h.length; i += 2) this.handle(h[i]!, h[i + 1]!, targetMs);
  }

  /** Adds another accumulator's runs (the same clock): the overview's totals are its SOPs' added up. */
  merge(o: FiguresAccumulator): void {
    this.runs += o.runs;
    this.active += o.active;
    this.idle += o.idle;
    this.completed += o.completed;
    this.abandoned += o.abandoned;
    for (const k in o.outcomes) this.outcomes[k] = (this.outcomes[k] ?? 0) + o.outcomes[k]!;
    this.escalated += o.escalated;
    this.followUpsOpened += o.followUpsOpened;
    this.followUpsClosed += o.followUpsClosed;
    this.withTarget += o.withTarget;
    this.overTarget += o.overTarget;
    this.flags += o.flags;
    if (o.target !== undefined) this.target = this.target === undefined || this.target === o.target ? o.target : null;
    if (o.dense) for (let s = 0; s < DENSE_SECONDS; s++) if (o.dense[s]) this.count(s, o.dense[s]!);
    for (const [s, n] of o.sparse) this.count(s, n);
  }

  private count(seconds: number, n: number): void {
    if (seconds >= 0 && seconds < DENSE_SECONDS && Number.isInteger(seconds))
      (this.dense ??= new Float64Array(DENSE_SECONDS))[seconds]! += n;
    else this.sparse.set(seconds, (this.sparse.get(seconds) ?? 0) + n);
  }

  private histogram(): Map<number, number> {
    const h = new Map(this.sparse);
    if (this.dense)
      for (let s = 0; s < DENSE_SECONDS; s++) if (this.dense[s]) h.set(s, (h.get(s) ?? 0) + this.dense[s]!);
    return h;
  }

  private handle(seconds: number, n: number, targetMs: number | null): void {
    this.count(seconds, n);
    if (targetMs === null) return;
    this.withTarget += n;
    if (seconds * 1000 > targetMs) this.overTarget += n;
    if (this.target === undefined) this.target = targetMs;
    else if (this.target !== targetMs) this.target = null;
  }

  figures(): OverviewFigures {
    const finished = this.completed + this.idle;
    const handle = histogramMedianAndQuantile(this.histogram(), 0.9);
    return {
      runs: this.runs,
      inProgress: this.active - this.idle,
      completed: this.completed,
      abandoned: this.abandoned,
      finished,
      completionRate: share(finished - this.abandoned, finished),
      abandonmentRate: share(this.abandoned, finished),
      outcomes: { ...this.outcomes },
      escalated: this.escalated,
      escalationRate: share(this.escalated, this.completed),
      followUpsOpened: this.followUpsOpened,
      followUpsClosed: this.followUpsClosed,
      handleMedianMs: handle.median === null ? null : handle.median * 1000,
      handleP90Ms: handle.quantile === null ? null : handle.quantile * 1000,
      withTarget: this.withTarget,
      overTarget: this.overTarget,
      overTargetShare: share(this.overTarget, this.withTarget),
      flags: this.flags,
      targetMs: this.target ?? null,
    };
  }
}

/** Looks up versions' targets, remembering the last one (rows come in runs of the same version). */
export function targetLookup(versions: ReadonlyMap<number, VersionInfo>): (versionId: number) => number | null {
  let lastId = Number.NaN;
  let last: number | null = null;
  return (versionId) => {
    if (versionId !== lastId) {
      lastId = versionId;
      last = versions.get(versionId)?.targetMs ?? null;
    }
    return last;
  };
}

/**
 * The figures of all the rows and tallies (definitions on OverviewFigures; a tally stands for its completed runs,
 * the caller passes the runs no tally holds as rows). `now` decides which active runs are idle.
 */
export function overviewFigures(
  rows: readonly RunRow[],
  versions: ReadonlyMap<number, VersionInfo>,
  now: number,
  tallies: readonly Tally[] = [],
): OverviewFigures {
  const acc = new FiguresAccumulator(now);
  const target = targetLookup(versions);
  for (let i = 0; i < rows.length; i++) acc.add(rows[i]!, target(rows[i]!.versionId));
  for (let i = 0; i < tallies.length; i++) acc.addTally(tallies[i]!, target(tallies[i]!.versionId));
  return acc.figures();
}

/** What rows and tallies are grouped by. */
export type Grouped = Pick<RunRow, "sopId" | "versionId" | "departmentId">;

/** The figures per group (in the order groups are first met, rows before tallies), in one pass. */
export function figuresBy<K>(
  rows: readonly RunRow[],
  key: (r: Grouped) => K,
  versions: ReadonlyMap<number, VersionInfo>,
  now: number,
  tallies: readonly Tally[] = [],
): Map<K, OverviewFigures> {
  const out = new Map<K, OverviewFigures>();
  for (const [k, acc] of accumulateBy(rows, key, versions, now, tallies)) out.set(k, acc.figures());
  return out;
}

function accumulateBy<K>(
  rows: readonly RunRow[],
  key: (r: Grouped) => K,
  versions: ReadonlyMap<number, VersionInfo>,
  now: number,
  tallies: readonly Tally[] = [],
): Map<K, FiguresAccumulator> {
  const groups = new Map<K, FiguresAccumulator>();
  const target = targetLookup(versions);
  const of = (x: Grouped) => {
    const k = key(x);
    let acc = groups.get(k);
    if (!acc) groups.set(k, (acc = new FiguresAccumulator(now)));
    return acc;
  };
  for (let i = 0; i < rows.length; i++) of(rows[i]!).add(rows[i]!, target(rows[i]!.versionId));
  for (let i = 0; i < tallies.length; i++) of(tallies[i]!).addTally(tallies[i]!, target(tallies[i]!.versionId));
  return groups;
}

export type Trend = {
  current: number | null;
  previous: number | null;
  /** current − previous; null when either is unknown */
  change: number | null;
  /** change / previous; null when previous is 0 or unknown */
  relative: number | null;
  /** "flat" when the change is 0 or under half a percent of previous; null when change is unknown */
  direction: "up" | "down" | "flat" | null;
};

export function trend(current: number | null, previous: number | null): Trend {
  const change = current !== null && previous !== null ? current - previous : null;
  const relative = change !== null && previous !== 0 ? change / previous! : null;
  let direction: Trend["direction"] = null;
  if (change !== null)
    direction = change === 0 || (relative !== null && Math.abs(relative) < 0.005) ? "flat" : change > 0 ? "up" : "down";
  return { current, previous, change, relative, direction };
}

/** The figures compared between two periods (outcomes is a breakdown and targetMs a setting: not compared). */
export const TREND_KEYS = [
  "runs",
  "inProgress",
  "completed",
  "abandoned",
  "finished",
  "completionRate",
  "abandonmentRate",
  "escalated",
  "escalationRate",
  "followUpsOpened",
  "followUpsClosed",
  "handleMedianMs",
  "handleP90Ms",
  "withTarget",
  "overTarget",
  "overTargetShare",
  "flags",
] as const satisfies readonly (keyof OverviewFigures)[];
export type TrendKey = (typeof TREND_KEYS)[number];

export function compareFigures(current: OverviewFigures, previous: OverviewFigures): Record<TrendKey, Trend> {
  const out = {} as Record<TrendKey, Trend>;
  for (const k of TREND_KEYS) out[k] = trend(current[k], previous[k]);
  return out;
}

/** The period of the same length that ends where p starts (what "vs previous period" compares with). */
export function previousPeriod(p: Period): Period {
  return { from: p.from - (p.to - p.from), to: p.from };
}

export type SopTableRow = { sopId: string; figures: OverviewFigures };

/**
 * The figures per SOP, the SOPs most often over their handle-time target first (share over target descending,
 * SOPs without a target last), then by number of runs, then by id (a stable order for equal figures).
 */
export function sopTable(
  rows: readonly RunRow[],
  versions: ReadonlyMap<number, VersionInfo>,
  now: number,
  tallies: readonly Tally[] = [],
): SopTableRow[] {
  return overviewWithSops(rows, versions, now, tallies).sops;
}

/** overviewFigures and sopTable of the same runs, in one pass (the overview page shows both). */
export function overviewWithSops(
  rows: readonly RunRow[],
  versions: ReadonlyMap<number, VersionInfo>,
  now: number,
  tallies: readonly Tally[] = [],
): { figures: OverviewFigures; sops: SopTableRow[] } {
  const all = new FiguresAccumulator(now);
  const out: SopTableRow[] = [];
  for (const [sopId, acc] of accumulateBy(rows, (r) => r.sopId, versions, now, tallies)) {
    all.merge(acc);
    out.push({ sopId, figures: acc.figures() });
  }
  const sops = out.sort((a, b) => {
    const sa = a.figures.overTargetShare;
    const sb = b.figures.overTargetShare;
    if (sa !== sb) {
      if (sa === null) return 1;
      if (sb === null) return -1;
      return sb - sa;
    }
    return b.figures.runs - a.figures.runs || (a.sopId < b.sopId ? -1 : a.sopId > b.sopId ? 1 : 0);
  });
  return { figures: all.figures(), sops };
}
