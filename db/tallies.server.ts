// The dashboards' day tallies (analytics/tally.ts) in SQLite. A day's tallies are built from its run_facts rows in
// one pass, all SOPs at once, and listed in tally_days; the triggers of migration 0009 delete a day from
// tally_days whenever one of its facts rows is inserted, updated or deleted (a run started, wrapped up, had its
// follow-up closed, was discarded), so a tally is never older than the facts it stands for: the next read of the
// day rebuilds it. Ingest pays one indexed DELETE per facts write; a day is rebuilt at most once per change.
//
// A period is read as: tallies for the UTC days it covers whole that have settled (ended SETTLE_MS ago), the runs
// of the hours before and after them as rows, and the open runs of the tallied days as rows (whether an open run is
// idle depends on the clock). A year of a busy centre is ~15,000 tallies instead of 200,000 rows.
import {
  DAY_MS,
  detailOf,
  emptyDetail,
  mergeDetail,
  talliesOf,
  type Counts,
  type DetailTally,
  type Tally,
} from "../analytics/tally";
import type { DetailedRunRow, RunRow } from "../analytics/types";
import {
  readDetailedRunRows,
  readOpenRows,
  readRunRows,
  statement,
  whereScoped,
  type RunRowQuery,
} from "./analytics.server";
import type { Db } from "./client.server";

/** A UTC day is tallied once it ended this long ago (runs still open then are read as rows until they close). */
export const SETTLE_MS = 60 * 60 * 1000;
/** Days rebuilt per transaction (a busy day is ~600 runs). */
const BUILD_CHUNK_DAYS = 7;

/** The first UTC day that is not settled at `now`. */
export function unsettledFrom(now: number): number {
  return Math.floor((now - SETTLE_MS) / DAY_MS);
}

/** A tally's counts as stored: an array, which JSON.parse reads faster than an object with the same values. */
type Stored = [
  runs: number,
  completed: number,
  escalated: number,
  flags: number,
  followUpsOpened: number,
  followUpsClosed: number,
  outcomes: Counts,
  handle: number[],
  stopped: Counts,
];

function stored(t: Tally): Stored {
  return [
    t.runs,
    t.completed,
    t.escalated,
    t.flags,
    t.followUpsOpened,
    t.followUpsClosed,
    t.outcomes,
    t.handle,
    t.stopped,
  ];
}

/** Days in [fromDay, toDay) whose tallies are missing or out of date, in order. */
function staleDays(db: Db, fromDay: number, toDay: number): number[] {
  if (toDay <= fromDay) return [];
  const built = new Set(
    (statement(db, "SELECT day FROM tally_days WHERE day >= ? AND day < ?").all(fromDay, toDay) as [number][]).map(
      (r) => r[0],
    ),
  );
  const out: number[] = [];
  for (let d = fromDay; d < toDay; d++) if (!built.has(d)) out.push(d);
  return out;
}

/** Rebuilds the tallies of consecutive days [fromDay, toDay) from their facts rows, in one transaction. */
function rebuild(db: Db, fromDay: number, toDay: number, now: number): void {
  db.$client
    .transaction(() => {
      const rows = readDetailedRunRows(db, { from: fromDay * DAY_MS, to: toDay * DAY_MS, departmentIds: null });
      statement(db, "DELETE FROM run_tallies WHERE day >= ? AND day < ?").run(fromDay, toDay);
      const insert = statement(
        db,
        "INSERT INTO run_tallies (day, sop_id, version_id, tally, starts, detail) VALUES (?, ?, ?, ?, ?, ?)",
      );
      for (const { tally, detail } of talliesOf(rows).values()) {
        insert.run(
          tally.day,
          tally.sopId,
          tally.versionId,
          JSON.stringify(stored(tally)),
          JSON.stringify(tally.starts),
          JSON.stringify(detail),
        );
      }
      const mark = statement(
        db,
        "INSERT INTO tally_days (day, built_at) VALUES (?, ?) ON " +
          "CONFLICT (day) DO UPDATE SET built_at = excluded.built_at",
      );
      for (let d = fromDay; d < toDay; d++) mark.run(d, now);
    })
    .immediate();
}

/** Makes the tallies of the settled days in [fromDay, toDay) current; returns the days rebuilt. */
export async function ensureTallies(db: Db, fromDay: number, toDay: number, now = Date.now()): Promise<number> {
  const days = staleDays(db, fromDay, Math.min(toDay, unsettledFrom(now)));
  for (let i = 0; i < days.length;) {
    // consecutive stale days, at most BUILD_CHUNK_DAYS, share a read and a transaction
    let j = i + 1;
    while (j < days.length && days[j] === days[j - 1]! + 1 && j - i < BUILD_CHUNK_DAYS) j++;
    rebuild(db, days[i]!, days[j - 1]! + 1, now);
    i = j;
  }
  return days.length;
}

/**
 * Builds what is missing of the last `days` days a few days at a time, yielding between chunks so requests are
 * served meanwhile: run at start and daily, so a dashboard's first read finds its tallies built.
 */
export async function warmTallies(db: Db, days = 2 * 366, now = Date.now()): Promise<number> {
  const to = unsettledFrom(now);
  let built = 0;
  for (let from = to - days; from < to; from += BUILD_CHUNK_DAYS) {
    built += await ensureTallies(db, from, Math.min(to, from + BUILD_CHUNK_DAYS), now);
    await new Promise((r) => setImmediate(r));
  }
  return built;
}

type TallyQuery = Omit<RunRowQuery, "from" | "to" | "agentId"> & { fromDay: number; toDay: number };

function tallyWhere(q: TallyQuery): { sql: string; params: (string | number)[] } {
  return whereScoped("t", { clauses: ["t.day >= ?", "t.day < ?"], params: [q.fromDay, q.toDay] }, q);
}

/**
 * The stored tallies of the days, with the SOP's department as it is now. `starts` is read only for the days in
 * `startsFor` (the days a time zone's midnight cuts in two, where a series counts quarter by quarter); the other
 * tallies have none.
 */
export async function readTallies(db: Db, q: TallyQuery, startsFor: readonly number[] = []): Promise<Tally[]> {
  const w = tallyWhere(q);
  const starts = startsFor.length ? "CASE WHEN t.day IN (SELECT value FROM json_each(?)) THEN t.starts END" : "NULL";
  const sql =
    `SELECT t.day, t.sop_id, t.version_id, s.department_id, t.tally, ${starts} ` +
    `FROM run_tallies t JOIN sops s ON s.id = t.sop_id WHERE ${w.sql}`;
  const params = startsFor.length ? [JSON.stringify(startsFor), ...w.params] : w.params;
  const rows = statement(db, sql).all(...params) as [number, string, number, number, string, string | null][];
  return rows.map(([day, sopId, versionId, departmentId, json, startsJson]): Tally => {
    const [runs, completed, escalated, flags, followUpsOpened, followUpsClosed, outcomes, handle, stopped] = JSON.parse(
      json,
    ) as Stored;
    const starts = startsJson ? (JSON.parse(startsJson) as Counts) : {};
    return {
      day,
      sopId,
      versionId,
      departmentId,
      runs,
      starts,
      completed,
      outcomes,
      escalated,
      flags,
      followUpsOpened,
      followUpsClosed,
      handle,
      stopped,
    };
  });
}

/** The stored detail tallies of the days, added up. */
export async function readDetailTally(db: Db, q: TallyQuery): Promise<DetailTally> {
  const w = tallyWhere(q);
  const out = emptyDetail();
  for (const [json] of statement(
    db,
    `SELECT t.detail FROM run_tallies t JOIN sops s ON s.id = t.sop_id WHERE ${w.sql}`,
  ).all(...w.params) as [string][]) {
    mergeDetail(out, JSON.parse(json) as DetailTally);
  }
  return out;
}

/** A period as the aggregations take it: tallies, and as rows the runs no tally holds. */
export type PeriodParts<R extends RunRow = RunRow> = {
  tallies: Tally[];
  /** the runs of the hours outside the tallied days (any status): counted in figures and series */
  rows: R[];
  /** the open runs of the tallied days: counted in figures only (the tallies' starts hold them) */
  open: RunRow[];
  /** the tallied UTC days [fromDay, toDay) (empty when none) */
  fromDay: number;
  toDay: number;
};

/** The tallied days of a period: the whole UTC days it covers that have settled. An agent filter reads rows only. */
function talliedDays(q: RunRowQuery, now: number): { fromDay: number; toDay: number } {
  const fromDay = Math.ceil(q.from / DAY_MS);
  const toDay = Math.min(Math.floor(q.to / DAY_MS), unsettledFrom(now));
  return q.agentId || toDay <= fromDay ? { fromDay, toDay: fromDay } : { fromDay, toDay };
}

type PartsOptions = { withStep: boolean; splitDay?: (fromMs: number, toMs: number) => boolean };

async function partsOf<R extends RunRow>(
  db: Db,
  q: RunRowQuery,
  now: number,
  read: (q: RunRowQuery) => R[] | Promise<R[]>,
  opts: PartsOptions,
): Promise<PeriodParts<R>> {
  const { fromDay, toDay } = talliedDays(q, now);
  if (toDay === fromDay) return { tallies: [], rows: await read(q), open: [], fromDay, toDay };
  await ensureTallies(db, fromDay, toDay, now);
  const inner = { ...q, from: fromDay * DAY_MS, to: toDay * DAY_MS };
  const rows = [
    ...(q.from < inner.from ? await read({ ...q, to: inner.from }) : []),
    ...(inner.to < q.to ? await read({ ...q, from: inner.to }) : []),
  ];
  const startsFor: number[] = [];
  if (opts.splitDay)
    for (let d = fromDay; d < toDay; d++) if (opts.splitDay(d * DAY_MS, (d + 1) * DAY_MS - 1)) startsFor.push(d);
  return {
    tallies: await readTallies(db, { ...q, fromDay, toDay }, startsFor),
    rows,
    open: await readOpenRows(db, inner, opts.withStep),
    fromDay,
    toDay,
  };
}

/**
 * The period's runs as tallies and rows (the overview, trends and the figures of an SOP's page). A series passes
 * `splitDay`, true for a day [fromMs, toMs] its buckets cut in two: those days' tallies come with their starts
 * per quarter-hour (tally.ts startsOf, given the same test, reads them for those days only).
 */
export async function readPeriod(
  db: Db,
  q: RunRowQuery,
  now = Date.now(),
  splitDay?: (fromMs: number, toMs: number) => boolean,
): Promise<PeriodParts> {
  return await partsOf(db, q, now, async (x) => await readRunRows(db, x), { withStep: false, splitDay });
}

/**
 * As readPeriod, with the detail of the whole period: one SOP's page (the detail tally of the tallied days and the
 * rows' own detail, added up; open rows have none).
 */
export async function readSopPeriod(
  db: Db,
  q: RunRowQuery & { sopId: string },
  now = Date.now(),
): Promise<PeriodParts<DetailedRunRow> & { detail: DetailTally }> {
  // the funnel needs the step open runs are on
  const parts = await partsOf(db, q, now, (x) => readDetailedRunRows(db, { ...x, sopId: q.sopId }), { withStep: true });
  const detail = detailOf(parts.rows);
  if (parts.toDay > parts.fromDay)
    mergeDetail(detail, await readDetailTally(db, { ...q, fromDay: parts.fromDay, toDay: parts.toDay }));
  return { ...parts, detail };
}
