// The dashboards' row reads: the live runs of a period (practice and discarded runs never), with the facts stored
// when they were wrapped up (run_facts), in one query on its started_at indexes; every figure is then computed by
// the pure functions in analytics/. Long periods are read as day tallies (db/tallies.server.ts), which uses the
// reads here for the runs no tally holds. Plain prepared SQL, cached per connection and query shape.
import type { RunDetail } from "../analytics/facts";
import type { DetailedRunRow, RunRow, VersionInfo } from "../analytics/types";
import type { Db } from "./client.server";

export type RunRowQuery = {
  /** the period, by start time: [from, to) in ms */
  from: number;
  to: number;
  /** the departments the viewer may see: null = every department */
  departmentIds: readonly number[] | null;
  departmentId?: number | null;
  sopId?: string | null;
  versionId?: number | null;
  agentId?: string | null;
};

/** The dashboards read run_facts (one narrow row per live run), never the wide `runs` rows. */
const COLUMNS =
  "f.run_id, f.sop_id, f.version_id, f.agent_id, s.department_id, " +
  "f.status, f.outcome, f.started_at, f.completed_at, f.completed_at, " +
  "f.follow_up_due, f.follow_up_closed_at, f.step_index, f.handle_ms, f.escalations, " +
  "f.flags, f.skips, f.steps_total, f.steps_done, f.checks_total, f.checks_done";
const FROM = "FROM run_facts f JOIN sops s ON s.id = f.sop_id";

/**
 * The export's columns: the same, from runs (it needs their state), practice and discarded runs left out by `where`.
 */
const RUN_COLUMNS =
  "r.id, r.sop_id, r.version_id, r.agent_id, s.department_id, " +
  "r.status, r.outcome, r.started_at, r.completed_at, r.updated_at, " +
  "r.follow_up_due, r.follow_up_closed_at, r.current_step_index, f.handle_ms, f.escalations, " +
  "f.flags, f.skips, f.steps_total, f.steps_done, f.checks_total, f.checks_done";

type Raw = [
  string,
  string,
  number,
  string,
  number,
  RunRow["status"],
  string | null,
  number,
  number | null,
  number,
  string | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  string?,
];

const prepared = new WeakMap<Db, Map<string, import("better-sqlite3").Statement>>();

/** A prepared statement (returning rows as arrays), cached per connection and SQL text. */
export function statement(db: Db, sql: string): import("better-sqlite3").Statement {
  let m = prepared.get(db);
  if (!m) prepared.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) {
    s = db.$client.prepare(sql);
    if (s.reader) s.raw(true);
    m.set(sql, s);
  }
  return s;
}

/** The filters of a dashboard query on a table aliased `t` joined to sops s, after its time clauses. */
export type Scope = Pick<RunRowQuery, "departmentIds" | "departmentId" | "sopId" | "versionId" | "agentId">;

/**
 * The WHERE clause of a query over a table aliased `t` (run_facts f, runs r, run_tallies t) joined to sops s: the
 * given time clauses, then the scope's filters, with their parameters.
 */
export function whereScoped(
  t: string,
  time: { clauses: string[]; params: (string | number)[] },
  q: Scope,
): { sql: string; params: (string | number)[] } {
  const clauses = [...time.clauses];
  const params = [...time.params];
  const add = (clause: string, ...values: (string | number)[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  // an empty scope reads nothing (a lead without a department)
  if (q.departmentIds)
    add(
      q.departmentIds.length ? `s.department_id IN (${q.departmentIds.map(() => "?").join(", ")})` : "0",
      ...q.departmentIds,
    );
  if (q.departmentId != null) add("s.department_id = ?", q.departmentId);
  if (q.sopId) add(`${t}.sop_id = ?`, q.sopId);
  if (q.versionId != null) add(`${t}.version_id = ?`, q.versionId);
  if (q.agentId) add(`${t}.agent_id = ?`, q.agentId);
  return { sql: clauses.join(" AND "), params };
}

/** The WHERE clause of a query over run_facts f (or runs r) joined to sops s, with its parameters. */
export function where(q: RunRowQuery, t: "f" | "r" = "f"): { sql: string; params: (string | number)[] } {
  const clauses = [`${t}.started_at >= ?`, `${t}.started_at < ?`];
  if (t === "r") clauses.push("r.practice = 0", "r.status <> 'discarded'");
  return whereScoped(t, { clauses, params: [q.from, q.to] }, q);
}

function rowOf(r: Raw): RunRow {
  return {
    id: r[0],
    sopId: r[1],
    versionId: r[2],
    agentId: r[3],
    departmentId: r[4],
    status: r[5],
    outcome: r[6],
    startedAt: r[7],
    completedAt: r[8],
    updatedAt: r[9],
    followUpDue: r[10],
    followUpClosedAt: r[11],
    currentStepIndex: r[12],
    handleMs: r[13],
    escalations: r[14] ?? 0,
    flags: r[15] ?? 0,
    skips: r[16] ?? 0,
    stepsTotal: r[17] ?? 0,
    stepsDone: r[18] ?? 0,
    checksTotal: r[19] ?? 0,
    checksDone: r[20] ?? 0,
  };
}

/**
 * The live runs started in the period that match the filters, with their facts. An open run's current step is
 * left out (null) unless asked for: no figure but the funnel needs it, and it costs a read of the run's state.
 */
export async function readRunRows(db: Db, q: RunRowQuery, withStep = false): Promise<RunRow[]> {
  const w = where(q);
  return withActivity(
    db,
    (statement(db, `SELECT ${COLUMNS} ${FROM} WHERE ${w.sql}`).all(...w.params) as Raw[]).map(rowOf),
    withStep,
  );
}

/**
 * The open runs started in the period that match the filters (the runs a period's tallies do not hold), with
 * their last activity (and current step) joined from `runs` in the same query.
 */
export async function readOpenRows(db: Db, q: RunRowQuery, withStep = false): Promise<RunRow[]> {
  const w = where(q);
  const columns = COLUMNS.replace("f.completed_at, f.completed_at", "f.completed_at, r.updated_at").replace(
    "f.step_index",
    withStep ? "r.current_step_index" : "NULL",
  );
  const sql =
    `SELECT ${columns} FROM run_facts f INDEXED BY run_facts_open_idx JOIN runs r ON r.id ` +
    `= f.run_id JOIN sops s ON s.id = f.sop_id WHERE f.status = 'active' AND ${w.sql}`;
  return (statement(db, sql).all(...w.params) as Raw[]).map(rowOf);
}

/**
 * An open run's last activity (and current step) from `runs`: they change with every event, so run_facts does not
 * keep them. A few rows, read by id; the step only when asked, as that column sits after the state.
 */
function withActivity<R extends RunRow>(db: Db, rows: R[], withStep: boolean): R[] {
  const wanted = rows.filter((r) => r.status === "active");
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    const byId = new Map(chunk.map((r) => [r.id, r]));
    const columns = withStep ? "id, updated_at, current_step_index" : "id, updated_at, NULL";
    const found = statement(db, `SELECT ${columns} FROM runs WHERE id IN (${chunk.map(() => "?").join(", ")})`).all(
      ...chunk.map((r) => r.id),
    ) as [string, number, number | null][];
    for (const [id, updatedAt, step] of found) {
      const r = byId.get(id)!;
      r.updatedAt = updatedAt;
      r.currentStepIndex = step;
    }
  }
  return rows;
}

/** As readRunRows, with each wrapped-up run's per-step detail (an SOP's page, a day's tallies). */
export function readDetailedRunRows(db: Db, q: RunRowQuery): DetailedRunRow[] {
  const w = where(q);
  const rows = statement(db, `SELECT ${COLUMNS}, f.detail ${FROM} WHERE ${w.sql}`).all(...w.params) as Raw[];
  return withActivity(
    db,
    rows.map((r) => ({ ...rowOf(r), detail: r[5] === "completed" && r[21] ? (JSON.parse(r[21]) as RunDetail) : null })),
    true,
  );
}

/** Versions are immutable once published: what the aggregations need of one is read once per process. */
const versionCache = new WeakMap<Db, Map<number, VersionInfo>>();

/** Target, tags and step order of each version (from its stored document, without parsing it in JS). */
export async function versionInfos(db: Db, versionIds: Iterable<number>): Promise<Map<number, VersionInfo>> {
  let cache = versionCache.get(db);
  if (!cache) versionCache.set(db, (cache = new Map()));
  const out = new Map<number, VersionInfo>();
  const missing: number[] = [];
  for (const id of new Set(versionIds)) {
    const hit = cache.get(id);
    if (hit) out.set(id, hit);
    else missing.push(id);
  }
  for (let i = 0; i < missing.length; i += 500) {
    const chunk = missing.slice(i, i + 500);
    const rows = statement(
      db,
      `SELECT v.id, v.sop_id, v.version, v.state, json_extract(v.document, ` +
        `'$.meta.targets.handleTimeSeconds'), json_extract(v.document, '$.meta.tags'), ` +
        `(SELECT json_group_array(json_extract(value, '$.id')) FROM json_each(v.document, ` +
        `'$.steps')) FROM sop_versions v WHERE v.id IN (${chunk.map(() => "?").join(", ")})`,
    ).all(...chunk) as [number, string, number, string, number | null, string | null, string | null][];
    for (const [id, sopId, version, state, seconds, tags, steps] of rows) {
      const info: VersionInfo = {
        versionId: id,
        sopId,
        version,
        targetMs: typeof seconds === "number" && seconds > 0 ? seconds * 1000 : null,
        tags: tags ? (JSON.parse(tags) as unknown[]).filter((t): t is string => typeof t === "string") : [],
        stepIds: steps ? (JSON.parse(steps) as unknown[]).filter((s): s is string => typeof s === "string") : [],
      };
      // drafts change: only what can no longer change is kept
      if (state !== "draft" && state !== "in_review") cache.set(id, info);
      out.set(id, info);
    }
  }
  return out;
}

export type AnalyticsSop = { id: string; title: string; departmentId: number; publishedVersionId: number | null };
export type AnalyticsVersion = { id: number; sopId: string; version: number; publishedAt: number | null };
export type AnalyticsPerson = { id: string; name: string; email: string; departmentId: number | null; role: string };

/** What the filters offer: the departments, SOPs and people in the viewer's scope. */
export async function analyticsChoices(db: Db, departmentIds: readonly number[] | null) {
  const scope = departmentIds
    ? departmentIds.length
      ? `IN (${departmentIds.map(() => "?").join(", ")})`
      : "IN (NULL)"
    : null;
  const params = departmentIds ?? [];
  const departments = (
    statement(db, `SELECT id, name FROM departments${scope ? ` WHERE id ${scope}` : ""} ORDER BY name`).all(
      ...params,
    ) as [number, string][]
  ).map(([id, name]) => ({ id, name }));
  const sops = (
    statement(
      db,
      `SELECT id, title, department_id, published_version_id FROM sops WHERE published_version_id ` +
        `IS NOT NULL${scope ? ` AND department_id ${scope}` : ""} ORDER BY title`,
    ).all(...params) as [string, string, number, number | null][]
  ).map(([id, title, departmentId, publishedVersionId]): AnalyticsSop => ({
    id,
    title,
    departmentId,
    publishedVersionId,
  }));
  const people = (
    statement(
      db,
      `SELECT id, name, email, department_id, role FROM users WHERE role IN ` +
        `('agent', 'lead')${scope ? ` AND department_id ${scope}` : ""} ORDER BY name`,
    ).all(...params) as [string, string, string, number | null, string][]
  ).map(([id, name, email, departmentId, role]): AnalyticsPerson => ({ id, name, email, departmentId, role }));
  return { departments, sops, people };
}

/** The published (and superseded) versions of an SOP, newest first: the version filter. */
export async function publishedVersions(db: Db, sopId: string): Promise<AnalyticsVersion[]> {
  return (
    statement(
      db,
      "SELECT id, sop_id, version, published_at FROM sop_versions WHERE " +
        "sop_id = ? AND published_at IS NOT NULL ORDER BY version DESC",
    ).all(sopId) as [number, string, number, number | null][]
  ).map(([id, s, version, publishedAt]) => ({ id, sopId: s, version, publishedAt }));
}

/** Names of people by id (for the tables), whatever their state now. */
export async function peopleNames(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  const out = new Map<string, string>();
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    for (const [id, name] of statement(
      db,
      `SELECT id, name FROM users WHERE id IN (${chunk.map(() => "?").join(", ")})`,
    ).all(...chunk) as [string, string][])
      out.set(id, name);
  }
  return out;
}

/** The flags raised on an SOP's steps in the period (live runs), with their inbox state. */
export async function flagsOfSop(
  db: Db,
  sopId: string,
  from: number,
  to: number,
): Promise<{ stepId: string; state: string; versionId: number }[]> {
  return (
    statement(
      db,
      "SELECT step_id, state, version_id FROM feedback WHERE sop_id = ? AND created_at >= ? AND created_at < ?",
    ).all(sopId, from, to) as [string, string, number][]
  ).map(([stepId, state, versionId]) => ({ stepId, state, versionId }));
}

export type ExportRun = {
  row: RunRow;
  channel: string | null;
  customerRef: string | null;
  eventCount: number;
  state: string;
};

/**
 * Runs for the CSV export, oldest first, a batch at a time (keyset pages: the caller may query between batches,
 * e.g. to fold an open run's latest events into its state), with their stored state (the captured fields).
 */
export function* exportRunBatches(db: Db, q: RunRowQuery, batch = 1000): Generator<ExportRun[]> {
  const w = where(q, "r");
  const s = statement(
    db,
    `SELECT ${RUN_COLUMNS}, r.channel, r.customer_ref, r.event_count, r.state FROM ` +
      `runs r JOIN sops s ON s.id = r.sop_id LEFT JOIN run_facts f ON f.run_id = r.id ` +
      `WHERE ${w.sql} AND (r.started_at > ? OR (r.started_at = ? AND r.id > ?)) ORDER BY r.started_at, r.id LIMIT ?`,
  );
  let after: [number, string] = [-1, ""];
  for (;;) {
    const rows = s.all(...w.params, after[0], after[0], after[1], batch) as unknown[][];
    if (rows.length === 0) return;
    yield rows.map((raw) => ({
      row: rowOf(raw as unknown as Raw),
      channel: raw[21] as string | null,
      customerRef: raw[22] as string | null,
      eventCount: raw[23] as number,
      state: raw[24] as string,
    }));
    const last = rows[rows.length - 1]!;
    after = [last[7] as number, last[0] as string];
    if (rows.length < batch) return;
  }
}

/** Flags waiting for a lead (new or accepted) on the SOPs of these departments (null: all). */
export async function openFlagCount(db: Db, departmentIds: readonly number[] | null): Promise<number> {
  const scope = departmentIds
    ? departmentIds.length
      ? ` AND s.department_id IN (${departmentIds.map(() => "?").join(", ")})`
      : " AND 0"
    : "";
  const row = statement(
    db,
    `SELECT count(*) FROM feedback f JOIN sops s ON s.id = f.sop_id WHERE f.state IN ('new', 'accepted')${scope}`,
  ).get(...(departmentIds ?? [])) as [number];
  return row[0];
}

/** Live runs stored before run_facts existed (or by an older build): their rows are written once at start. */
export async function runsWithoutFacts(
  db: Db,
  limit: number,
): Promise<{ id: string; versionId: number; status: string; state: string; stepIndex: number | null }[]> {
  return (
    statement(
      db,
      "SELECT r.id, r.version_id, r.status, r.state, r.current_step_index FROM runs r LEFT JOIN run_facts " +
        "f ON f.run_id = r.id WHERE r.status <> 'discarded' AND r.practice = 0 AND f.run_id IS NULL LIMIT ?",
    ).all(limit) as [string, number, string, string, number | null][]
  ).map(([id, versionId, status, state, stepIndex]) => ({ id, versionId, status, state, stepIndex }));
}
