// The analytics dashboards' server side: who sees which departments, the filters, and one function per page that
// reads the period's rows (db/analytics.server.ts) and hands them to the pure aggregations (analytics/).
import { ABANDONED_AFTER_MS, type Period } from "../analytics/types";
import { agentTable } from "../analytics/agents";
import { bucketIndex, bucketsOf, contactTrends, type Bucket } from "../analytics/trends";
import {
  byVersion,
  flagsPerStep,
  flowAnswersOf,
  pathHeatOf,
  skippedStepsOf,
  stepFunnel,
  stepTimesOf,
} from "../analytics/sop";
import { compareFigures, overviewFigures, overviewWithSops, previousPeriod } from "../analytics/overview";
import { startsOf, type Starts } from "../analytics/tally";
import type { Db } from "../db/client.server";
import { Refusal } from "../db/refusal";
import {
  analyticsChoices,
  openFlagCount,
  runsWithoutFacts,
  flagsOfSop,
  peopleNames,
  publishedVersions,
  readRunRows,
  versionInfos,
  type RunRowQuery,
} from "../db/analytics.server";
import { readPeriod, readSopPeriod, warmTallies, type PeriodParts } from "../db/tallies.server";
import { getMeta } from "../db/meta.server";
import { scheduleJob } from "./lib/background-job.server";
import { writeFacts } from "../db/runs.server";
import { parseStored } from "../db/json-columns";
import { runs } from "../db/schema";
import { runFacts } from "../analytics/facts";
import { authorize, decideAnalytics, sopListScope } from "./auth/policy";
import type { SessionUser } from "./auth/session.server";
import { dayRangeBounds, isDay, todayIn } from "./lib/data-table";
import { versionDocument } from "./runs.server";

/**
 * The filters every dashboard takes (URL search params). Days are YYYY-MM-DD in the viewer's time zone, both included.
 */
export type AnalyticsFilters = {
  from: string;
  to: string;
  departmentId?: number | null;
  sopId?: string | null;
  versionId?: number | null;
  agentId?: string | null;
};

export type AnalyticsContext = { now: number; timeZone: string };

/** The default period: the last 30 days, today included. */
export const DEFAULT_DAYS = 30;
/** The longest period a dashboard reads. */
export const MAX_DAYS = 366;

export class AnalyticsError extends Refusal {
  declare readonly status: 400 | 403 | 404;
  declare readonly field?: keyof AnalyticsFilters;
  constructor(status: 400 | 403 | 404, message: string, field?: keyof AnalyticsFilters) {
    super(status, message, { field });
  }
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export type ParsedFilters = { filters: AnalyticsFilters; errors: Partial<Record<keyof AnalyticsFilters, string>> };

/**
 * Reads the filters from the URL. A value that is not valid is named in `errors` (the page says why) and the
 * default is used instead: the dashboard always shows something.
 */
export function parseAnalyticsFilters(params: URLSearchParams, ctx: AnalyticsContext): ParsedFilters {
  const errors: ParsedFilters["errors"] = {};
  const today = todayIn(ctx.timeZone, ctx.now);
  const day = (key: "from" | "to", fallback: string) => {
    const v = (params.get(key) ?? "").trim();
    if (!v) return fallback;
    if (isDay(v)) return v;
    errors[key] = "Give a date as YYYY-MM-DD.";
    return fallback;
  };
  let to = day("to", today);
  let from = day("from", addDays(to, -(DEFAULT_DAYS - 1)));
  if (from > to) {
    errors.from = "The start date is after the end date.";
    to = today;
    from = addDays(to, -(DEFAULT_DAYS - 1));
  } else if (daysBetween(from, to) > MAX_DAYS) {
    errors.from = `Choose at most ${MAX_DAYS} days.`;
    from = addDays(to, -(MAX_DAYS - 1));
  }
  const filters: AnalyticsFilters = { from, to };
  const dep = (params.get("department") ?? "").trim();
  if (dep) {
    if (/^\d+$/.test(dep)) filters.departmentId = Number(dep);
    else errors.departmentId = "Choose a department from the list.";
  }
  const sop = (params.get("sop") ?? "").trim();
  if (sop) filters.sopId = sop.slice(0, 120);
  const version = (params.get("version") ?? "").trim();
  if (version) {
    if (/^\d+$/.test(version)) filters.versionId = Number(version);
    else errors.versionId = "Choose a version from the list.";
  }
  const agent = (params.get("agent") ?? "").trim();
  if (agent) filters.agentId = agent.slice(0, 64);
  return { filters, errors };
}

/** The departments whose runs the viewer sees (null: every one), after the policy allows analytics at all. */
export function analyticsScope(user: SessionUser): number[] | null {
  authorize(decideAnalytics(user, {}));
  const scope = sopListScope(user);
  if (scope.all) return null;
  return scope.departmentId == null ? [] : [scope.departmentId];
}

export function periodOf(f: AnalyticsFilters, timeZone: string): Period {
  const b = dayRangeBounds(f, timeZone);
  return { from: b.from!, to: b.toExclusive! };
}

function queryOf(scope: number[] | null, f: AnalyticsFilters, period: Period): RunRowQuery {
  return {
    from: period.from,
    to: period.to,
    departmentIds: scope,
    departmentId: f.departmentId,
    sopId: f.sopId,
    versionId: f.versionId,
    agentId: f.agentId,
  };
}

/** The filter choices and what they resolve to, shared by every dashboard page. */
async function choicesFor(db: Db, user: SessionUser, scope: number[] | null, f: AnalyticsFilters) {
  const choices = await analyticsChoices(db, scope);
  if (f.departmentId != null && !choices.departments.some((d) => d.id === f.departmentId)) {
    authorize(decideAnalytics(user, { departmentId: f.departmentId }));
    throw new AnalyticsError(404, "There is no such department.", "departmentId");
  }
  const versions = f.sopId ? await publishedVersions(db, f.sopId) : [];
  return { ...choices, versions, demo: getMeta(db, "demo_history_seeded_at") != null };
}

function labels(db: Db, choices: Awaited<ReturnType<typeof analyticsChoices>>) {
  return {
    sop: new Map(choices.sops.map((s) => [s.id, s.title])),
    department: new Map(choices.departments.map((d) => [d.id, d.name])),
  };
}

/** The overview: the figures of the period with their trend against the one before, and the SOPs by how they do. */
export async function analyticsOverview(db: Db, user: SessionUser, filters: AnalyticsFilters, ctx: AnalyticsContext) {
  const scope = analyticsScope(user);
  const choices = await choicesFor(db, user, scope, filters);
  const period = periodOf(filters, ctx.timeZone);
  const previous = previousPeriod(period);
  const buckets = bucketsOf(period, unitFor(filters), ctx.timeZone);
  const current = await readPeriod(db, queryOf(scope, filters, period), ctx.now, splitBy(buckets));
  const before = await readPeriod(db, queryOf(scope, filters, previous), ctx.now);
  const versions = await versionInfos(db, versionIdsOf(current, before));
  const { figures, sops } = overviewWithSops([...current.rows, ...current.open], versions, ctx.now, current.tallies);
  const prior = figuresOf(before, versions, ctx.now);
  const names = labels(db, choices);
  // Runs per day (or week): one pass over the starts, not the contact-reason series the trends page computes.
  const total = buckets.map(() => 0);
  for (const r of startsIn(current, buckets)) {
    const i = bucketIndex(buckets, r.startedAt);
    if (i >= 0) total[i]! += r.n ?? 1;
  }
  return {
    filters,
    period,
    previous,
    choices,
    figures,
    trends: compareFigures(figures, prior),
    sops: sops.map((s) => ({ ...s, title: names.sop.get(s.sopId) ?? s.sopId })),
    daily: { buckets, total },
    abandonedAfterHours: ABANDONED_AFTER_MS / 3_600_000,
    openFlags: await openFlagCount(db, scope),
  };
}

function versionIdsOf(...parts: PeriodParts[]): number[] {
  const ids = new Set<number>();
  for (const p of parts) {
    for (const r of p.rows) ids.add(r.versionId);
    for (const r of p.open) ids.add(r.versionId);
    for (const t of p.tallies) ids.add(t.versionId);
  }
  return [...ids];
}

function figuresOf(p: PeriodParts, versions: Awaited<ReturnType<typeof versionInfos>>, now: number) {
  return overviewFigures([...p.rows, ...p.open], versions, now, p.tallies);
}

/** For a series in these buckets: whether the buckets cut the time range [from, to] in two. */
function splitBy(buckets: readonly Bucket[]): (from: number, to: number) => boolean {
  return (from, to) => bucketIndex(buckets, from) !== bucketIndex(buckets, to);
}

/** A period's run starts for series in these buckets: its rows one by one, its tallies by day or by quarter-hour. */
function startsIn(p: PeriodParts, buckets: readonly Bucket[]): Starts[] {
  return [...p.rows, ...startsOf(p.tallies, splitBy(buckets))];
}

function unitFor(f: AnalyticsFilters): "day" | "week" {
  return daysBetween(f.from, f.to) > 92 ? "week" : "day";
}

/**
 * Contact reasons: runs by SOP, tag and department per day or week, what moved most, tags rising in several
 * departments.
 */
export async function analyticsTrends(
  db: Db,
  user: SessionUser,
  filters: AnalyticsFilters,
  ctx: AnalyticsContext & { unit?: "day" | "week" },
) {
  const scope = analyticsScope(user);
  const choices = await choicesFor(db, user, scope, filters);
  const period = periodOf(filters, ctx.timeZone);
  const previous = previousPeriod(period);
  const unit = ctx.unit ?? unitFor(filters);
  const buckets = bucketsOf(period, unit, ctx.timeZone);
  const current = await readPeriod(db, queryOf(scope, filters, period), ctx.now, splitBy(buckets));
  const before = await readPeriod(db, queryOf(scope, filters, previous), ctx.now);
  const versions = await versionInfos(db, versionIdsOf(current, before));
  // the period before is only counted, not bucketed: its tallies count by whole day
  const trends = contactTrends(
    startsIn(current, buckets),
    [...before.rows, ...startsOf(before.tallies, () => false)],
    versions,
    { period, unit, timeZone: ctx.timeZone, labels: labels(db, choices) },
  );
  return { filters, period, previous, choices, unit, ...trends };
}

/** Per agent, for coaching: runs, outcomes, adherence, handle time and flags sent. */
export async function analyticsAgents(db: Db, user: SessionUser, filters: AnalyticsFilters, ctx: AnalyticsContext) {
  const scope = analyticsScope(user);
  const choices = await choicesFor(db, user, scope, filters);
  const period = periodOf(filters, ctx.timeZone);
  const rows = await readRunRows(db, queryOf(scope, filters, period));
  const versions = await versionInfos(
    db,
    rows.map((r) => r.versionId),
  );
  const table = agentTable(rows, versions, ctx.now);
  const names = await peopleNames(
    db,
    table.map((a) => a.agentId),
  );
  return {
    filters,
    period,
    choices,
    agents: table.map((a) => ({ ...a, name: names.get(a.agentId) ?? "Former user" })),
  };
}

/**
 * One SOP: the figures per version, where abandoned runs stopped, time per step, skips, answers and path heat, flags.
 */
export async function sopAnalytics(
  db: Db,
  user: SessionUser,
  sopId: string,
  filters: AnalyticsFilters,
  ctx: AnalyticsContext,
) {
  const scope = analyticsScope(user);
  const f = { ...filters, sopId };
  const choices = await choicesFor(db, user, scope, f);
  const sop = choices.sops.find((s) => s.id === sopId);
  if (!sop) {
    throw new AnalyticsError(404, "There is no published SOP with this id in your departments.", "sopId");
  }
  const period = periodOf(f, ctx.timeZone);
  const previous = previousPeriod(period);
  const current = await readSopPeriod(db, { ...queryOf(scope, f, period), sopId }, ctx.now);
  const before = await readPeriod(db, queryOf(scope, f, previous), ctx.now);
  const versions = await versionInfos(db, versionIdsOf(current, before));
  // the runs no tally holds, as rows (the detail of the whole period is current.detail)
  const rows = [...current.rows, ...current.open];
  const detail = current.detail;
  // The document the page draws: the version filtered on, else the published one.
  const shownVersionId = f.versionId ?? sop.publishedVersionId;
  const doc = shownVersionId != null ? versionDocument(db, shownVersionId) : undefined;
  if (!doc) throw new AnalyticsError(404, "This version of the SOP is missing.", "versionId");
  const figures = figuresOf(current, versions, ctx.now);
  const stepTitle = new Map(doc.steps.map((s) => [s.id, s.title]));
  const flags = flagsPerStep(
    (await flagsOfSop(db, sopId, period.from, period.to)).filter(
      (x) => f.versionId == null || x.versionId === f.versionId,
    ),
  );
  // answers are kept by flow id: a version without this flow contributes nothing
  const flows = doc.flows.map((flow) => ({
    flow,
    stepId: doc.steps.find((s) => s.flowId === flow.id)?.id ?? null,
    answers: flowAnswersOf(detail, flow),
    heat: pathHeatOf(detail, flow),
  }));
  return {
    filters: f,
    period,
    previous,
    choices,
    sop: {
      id: sop.id,
      title: sop.title,
      version: versions.get(shownVersionId!)?.version ?? null,
      targetMs: versions.get(shownVersionId!)?.targetMs ?? null,
      language: doc.meta.language ?? null,
    },
    figures,
    trends: compareFigures(figures, figuresOf(before, versions, ctx.now)),
    versions: byVersion(rows, versions, ctx.now, current.tallies),
    funnel: stepFunnel(rows, versions, ctx.now, current.tallies).map((s) => ({
      ...s,
      title: stepTitle.get(s.stepId) ?? s.stepId,
    })),
    stepTimes: stepTimesOf(
      detail,
      doc.steps.map((s) => s.id),
    ).map((s) => ({ ...s, title: stepTitle.get(s.stepId) ?? s.stepId })),
    skips: skippedStepsOf(detail).map((s) => ({ ...s, title: stepTitle.get(s.stepId) ?? s.stepId })),
    flags: flags.map((s) => ({ ...s, title: stepTitle.get(s.stepId) ?? s.stepId })),
    flows,
  };
}

/**
 * Writes the dashboard row of live runs that have none (a database from before run_facts, or runs whose version's
 * document was missing then). A completed run's stored state is whole (db/runs.server.ts writes it on wrap-up).
 */
export async function backfillRunFacts(db: Db): Promise<number> {
  let done = 0;
  const skipped = new Set<string>();
  for (;;) {
    const batch = (await runsWithoutFacts(db, 500 + skipped.size)).filter((r) => !skipped.has(r.id));
    if (batch.length === 0) return done;
    db.transaction(() => {
      for (const r of batch) {
        if (r.status !== "completed") {
          writeFacts(db, r.id, null); // open: counted from its start, its facts come at wrap-up
          done += 1;
          continue;
        }
        const doc = versionDocument(db, r.versionId);
        if (!doc) {
          skipped.add(r.id);
          continue;
        }
        writeFacts(db, r.id, runFacts(doc, parseStored(runs.state, r.state)), r.stepIndex);
        done += 1;
      }
    });
  }
}

/**
 * Keeps the dashboards' day tallies built (db/tallies.server.ts): now, in the background, and every hour after
 * (a UTC day settles an hour after it ends; a day whose runs changed since is rebuilt). A dashboard read builds
 * whatever is still missing itself, so this only spares the first reader the wait. Returns a stop function.
 */
export function scheduleTallies(db: Db, everyMs = 3_600_000): () => void {
  let t0 = 0;
  const run = async (d: Db) => ((t0 = performance.now()), await warmTallies(d));
  return scheduleJob(
    db,
    "tallies",
    run,
    { delayMs: 0, everyMs },
    {
      failure: "building the dashboards' tallies",
      done: (days) => {
        if (days > 30)
          console.log(`Built the dashboards' tallies of ${days} days in ${Math.round(performance.now() - t0)} ms.`);
      },
    },
  );
}
