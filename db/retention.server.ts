// Retention of captured field values. What an agent types into a run's fields is customer data: an admin sets how
// long it is kept (app_meta), and the daily job (app/retention.server.ts) empties it from finished runs — their
// `field.captured` events, their state and their wrap-up note. Everything else stays: the events themselves (same
// ids, order and types), steps, checks, flow paths, notes typed by the agent, outcomes and run_facts, so the
// dashboards count exactly what they counted before.
import { and, desc, eq } from "drizzle-orm";
import type { SopDocument } from "../sop-schema/types";
import type { Db } from "./client.server";
import { parseStored } from "./json-columns";
import { recordAudit } from "./audit.server";
import { getMeta, setMeta } from "./meta.server";
import { forgetRunStates } from "./runs.server";
import { auditLog, sopVersions } from "./schema";

export const RETENTION_DAYS_KEY = "retention.field_values_days";
/** when the job last looked for values to remove (ms epoch, as text), whether or not it found any */
export const RETENTION_LAST_RUN_KEY = "retention.last_run_at";
export const DEFAULT_RETENTION_DAYS = 90;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
export const RETENTION_AUDIT = { setting: "retention.days", purge: "retention.purge" } as const;

const isValidDays = (n: number) => Number.isInteger(n) && n >= MIN_RETENTION_DAYS && n <= MAX_RETENTION_DAYS;

/**
 * How many days captured field values are kept: the admin's setting, or 90 when none (or an unusable one) is stored.
 */
export function getRetentionDays(db: Pick<Db, "select">): number {
  const raw = getMeta(db, RETENTION_DAYS_KEY);
  const n = raw === undefined || raw.trim() === "" ? Number.NaN : Number(raw);
  return isValidDays(n) ? n : DEFAULT_RETENTION_DAYS;
}

/**
 * Stores the retention period, with an audit entry (`retention.days`, the values before and after). Saving the
 * value already in force changes nothing and records nothing: returns whether it changed. A value outside
 * 1–3650 whole days is a RangeError (the admin page validates first and says why).
 */
export function setRetentionDays(db: Db, days: number, actorId: string | null): boolean {
  if (!isValidDays(days))
    throw new RangeError(
      `The retention period must be a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}.`,
    );
  return db.transaction((tx) => {
    const stored = getMeta(tx, RETENTION_DAYS_KEY);
    const before = getRetentionDays(tx);
    if (stored !== undefined && before === days) return false;
    setMeta(tx, RETENTION_DAYS_KEY, String(days));
    recordAudit(tx, {
      actorId,
      action: RETENTION_AUDIT.setting,
      targetType: "setting",
      targetId: RETENTION_DAYS_KEY,
      summary: `Captured field values are kept for ${days} days (was ${before})`,
      details: { from: before, to: days },
    });
    return true;
  });
}

export type PurgeResult = {
  /** runs whose values were removed */
  runs: number;
  /** run events rewritten: every `field.captured` that held a value, and a wrap-up (`completed`) that held one */
  events: number;
};

/**
 * Takes the captured values out of a wrap-up note (app/lib/sensitive.ts `wrapUpWithoutValues`): injected, as the
 * run engine is, so the database layer holds no text rules. `document` is the run's version's parsed SopDocument
 * (as stored; null should the version be gone); `typed` every value each field held in the run, by field name.
 */
export type WrapUpScrubber = (
  text: string,
  run: { document: SopDocument | null; typed: ReadonlyMap<string, readonly string[]> },
) => string;

export type PurgeOptions = {
  /** ms epoch: runs completed (discarded runs: last changed) before this lose their values */
  olderThan: number;
  /** runs per transaction (default 500): a large purge holds the write lock for one batch at a time */
  batch?: number;
  scrubWrapUp: WrapUpScrubber;
  /**
   * Called after each batch's commit with the runs it purged. The in-process state cache (db/runs.server.ts) still
   * holds their old states under the same event count: it must forget them (see the retention job).
   */
  onPurged?: (runIds: readonly string[]) => void;
  /** the time stored in runs.fields_purged_at (default: now) */
  now?: number;
};

/** Rows of `runs` looked at per step: the scan yields between chunks, so a large table never blocks for long. */
const SCAN_CHUNK = 5_000;

type Statements = {
  chunkEnd: import("better-sqlite3").Statement<[number, number], { hi: number | null }>;
  candidates: import("better-sqlite3").Statement<[number, number, number], { id: string }>;
  run: import("better-sqlite3").Statement<[string], { state: string; versionId: number }>;
  document: import("better-sqlite3").Statement<[number], { document: string }>;
  events: import("better-sqlite3").Statement<[string], { id: string; type: string; payload: string }>;
  writeEvent: import("better-sqlite3").Statement<[string, string]>;
  writeRun: import("better-sqlite3").Statement<[string, number, string]>;
};

// A run is finished when completed (completed_at; the row's updated_at should it lack one) or discarded (its last
// change, the discarding). Practice runs are purged like live ones. Active runs are never touched.
const FINISHED = "status IN ('completed', 'discarded') AND fields_purged_at IS NULL";
const FINISHED_AT = "CASE status WHEN 'completed' THEN coalesce(completed_at, updated_at) ELSE updated_at END";

function statements(db: Db): Statements {
  const c = db.$client;
  return {
    chunkEnd: c.prepare("SELECT max(rowid) AS hi FROM (SELECT rowid FROM runs WHERE rowid > ? ORDER BY rowid LIMIT ?)"),
    candidates: c.prepare(
      `SELECT id FROM runs WHERE rowid > ? AND rowid <= ? AND ${FINISHED} AND ${FINISHED_AT} < ? ORDER BY rowid`,
    ),
    // read again inside the batch's transaction: the run may have changed since the scan (a follow-up closed)
    run: c.prepare(`SELECT state, version_id AS versionId FROM runs WHERE id = ? AND ${FINISHED}`),
    document: c.prepare("SELECT document FROM sop_versions WHERE id = ?"),
    events: c.prepare(
      "SELECT id, type, payload FROM run_events WHERE run_id = ? " +
        "AND type IN ('field.captured', 'completed') ORDER BY seq",
    ),
    writeEvent: c.prepare("UPDATE run_events SET payload = ? WHERE id = ?"),
    writeRun: c.prepare("UPDATE runs SET state = ?, fields_purged_at = ? WHERE id = ?"),
  };
}

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The purge, one step at a time: each `next()` either purges up to `batch` runs in one transaction or scans one
 * chunk of the table, and yields what that step removed; the return value is the total. The retention job yields
 * to the event loop between steps (live calls go on); `purgeFieldValues` runs them all at once.
 *
 * A purged run keeps every event, with the same id, seq, type, time and field name: a `field.captured` that held a
 * value gets `value: ""` and `purged: true` (the reducer reads "" as clearing the field, so a replay ends with the
 * field empty). Its state keeps everything but `fields`, which becomes {}; the wrap-up note (in the state and in the
 * `completed` event) goes through `scrubWrapUp`. `fields_purged_at` marks it, so a second purge skips it.
 */
export function* purgeFieldValuesInSteps(db: Db, options: PurgeOptions): Generator<PurgeResult, PurgeResult, void> {
  const batch = Math.max(1, Math.floor(options.batch ?? 500));
  const q = statements(db);
  const documents = new Map<number, SopDocument | null>();
  const documentOf = (versionId: number) => {
    if (!documents.has(versionId)) {
      const row = q.document.get(versionId);
      documents.set(versionId, row ? parseStored(sopVersions.document, row.document) : null);
    }
    return documents.get(versionId) ?? null;
  };
  const total: PurgeResult = { runs: 0, events: 0 };
  let after = 0;
  for (;;) {
    const hi = q.chunkEnd.get(after, SCAN_CHUNK)?.hi ?? null;
    if (hi === null) return total;
    const ids = q.candidates.all(after, hi, options.olderThan).map((r) => r.id);
    after = hi;
    if (ids.length === 0) {
      yield { runs: 0, events: 0 };
      continue;
    }
    for (let i = 0; i < ids.length; i += batch) {
      const slice = ids.slice(i, i + batch);
      const now = options.now ?? Date.now();
      const step = db.$client.transaction(() => {
        const purged: string[] = [];
        let events = 0;
        for (const id of slice) {
          const n = purgeRun(q, id, now, documentOf, options.scrubWrapUp);
          if (n === null) continue;
          purged.push(id);
          events += n;
        }
        return { purged, events };
      })();
      forgetRunStates(db, step.purged); // right after the commit: no reader in this process sees the old values
      options.onPurged?.(step.purged);
      total.runs += step.purged.length;
      total.events += step.events;
      yield { runs: step.purged.length, events: step.events };
    }
  }
}

/** Every finished run completed before `olderThan` loses its captured values (see purgeFieldValuesInSteps). */
export function purgeFieldValues(db: Db, options: PurgeOptions): PurgeResult {
  const steps = purgeFieldValuesInSteps(db, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * One run, inside the caller's transaction: the number of events rewritten, or null when it is not (or no longer) due.
 */
function purgeRun(
  q: Statements,
  runId: string,
  now: number,
  documentOf: (versionId: number) => SopDocument | null,
  scrub: WrapUpScrubber,
): number | null {
  const run = q.run.get(runId);
  if (!run) return null;
  const state = JSON.parse(run.state) as unknown;
  const events = q.events.all(runId).map((e) => ({ ...e, json: JSON.parse(e.payload) as unknown }));
  const typed = new Map<string, string[]>();
  const keep = (name: string, value: unknown) => {
    if (typeof value !== "string" || value.trim() === "") return;
    const list = typed.get(name) ?? [];
    if (!list.includes(value)) list.push(value);
    typed.set(name, list);
  };
  for (const e of events)
    if (e.type === "field.captured" && isObject(e.json) && typeof e.json.name === "string")
      keep(e.json.name, e.json.value);
  if (isObject(state) && isObject(state.fields))
    for (const [name, f] of Object.entries(state.fields)) if (isObject(f)) keep(name, f.value);

  let document: SopDocument | null | undefined;
  const scrubbed = (text: string) => scrub(text, { document: (document ??= documentOf(run.versionId)), typed });
  let rewritten = 0;
  for (const e of events) {
    if (!isObject(e.json)) continue;
    let payload: JsonObject | null = null;
    if (e.type === "field.captured" && typeof e.json.value === "string" && e.json.value !== "")
      payload = { ...e.json, value: "", purged: true };
    else if (e.type === "completed" && typeof e.json.wrapUp === "string") {
      const wrapUp = scrubbed(e.json.wrapUp);
      if (wrapUp !== e.json.wrapUp) payload = { ...e.json, wrapUp };
    }
    if (!payload) continue;
    q.writeEvent.run(JSON.stringify(payload), e.id);
    rewritten += 1;
  }
  let next = state;
  if (isObject(state)) {
    next = { ...state, fields: {} };
    if (isObject(state.outcome) && typeof state.outcome.wrapUp === "string") {
      (next as JsonObject).outcome = { ...state.outcome, wrapUp: scrubbed(state.outcome.wrapUp) };
    }
  }
  q.writeRun.run(JSON.stringify(next), now, runId);
  return rewritten;
}

/** The last `retention.purge` entry of the audit log, if any: when, and what it removed. */
export function lastRetentionPurge(
  db: Pick<Db, "select">,
): { at: number; runs: number; events: number; olderThan: number | null } | null {
  const row = db
    .select({ at: auditLog.at, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, RETENTION_AUDIT.purge), eq(auditLog.targetType, "runs")))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1)
    .get();
  if (!row) return null;
  const d = row.details ?? {};
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  return {
    at: row.at,
    runs: num(d.runs),
    events: num(d.events),
    olderThan: typeof d.olderThan === "number" ? d.olderThan : null,
  };
}

/** When the job last ran (whether or not it removed anything), or null before its first run. */
export function lastRetentionRun(db: Pick<Db, "select">): number | null {
  const raw = getMeta(db, RETENTION_LAST_RUN_KEY);
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}

export function setLastRetentionRun(db: Pick<Db, "insert">, at: number): void {
  setMeta(db, RETENTION_LAST_RUN_KEY, String(at));
}
