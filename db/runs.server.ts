import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "./client.server";
import { checkpointInBackground } from "./wal-checkpointer.server";
import { departments, feedback, RUN_STATUSES, runEvents, runs, sops, sopVersions, users } from "./schema";

/** What the DB layer needs from an event: the rest is the engine's business (runbook/). */
export type StoredEvent = { id: string; type: string; at: number };

/** Columns the list views filter and sort on, derived from the reduced state by the engine. */
export type RunSummary = {
  status: (typeof RUN_STATUSES)[number];
  outcome?: string | null;
  followUpDue?: string | null;
  followUpClosedAt?: number | null;
  completedAt?: number | null;
};

export type FeedbackInput = { id: string; stepId: string; kind: (typeof feedback.$inferInsert)["kind"]; text: string; at: number };

/** The engine the DB layer applies events with (dependency-injected so db/ does not import runbook/). */
export type RunEngine<E extends StoredEvent, S> = {
  validate(state: S, event: E): string | null;
  reduce(state: S, event: E): S;
  summarise(state: S): RunSummary;
  /** the feedback row an event creates, if any (step flagged) */
  feedbackOf?(event: E): FeedbackInput | null;
  /** the most events a run keeps (its first included), and the events still taken past it (the wrap-up) */
  limit?: { maxEvents: number; exempt?(event: E): boolean };
};

export class RunEventRejected extends Error {
  constructor(
    readonly index: number,
    readonly eventId: string,
    message: string,
    readonly status: 400 | 409 = 400,
  ) {
    super(message);
  }
}

/** A batch that would take the run past its event limit (engine.limit): nothing of it is stored. */
export class RunEventLimitReached extends Error {
  constructor(
    readonly maxEvents: number,
    /** the run's stored event count (without this batch) */
    readonly eventCount: number,
  ) {
    super(`This run already holds ${maxEvents.toLocaleString("en")} events, the most one run keeps.`);
  }
}

export function createRun<E extends StoredEvent, S>(
  db: Db,
  input: { sopId: string; versionId: number; agentId: string; customerRef?: string | null; channel?: string | null; started: E; state: S; summary: RunSummary },
): string {
  const id = randomUUID();
  const now = Date.now();
  db.transaction((tx) => {
    tx.insert(runs)
      .values({
        id,
        sopId: input.sopId,
        versionId: input.versionId,
        agentId: input.agentId,
        status: input.summary.status,
        customerRef: input.customerRef ?? null,
        channel: input.channel ?? null,
        startedAt: input.started.at,
        updatedAt: now,
        eventCount: 1,
        state: input.state,
      })
      .run();
    tx.insert(runEvents).values({ id: input.started.id, runId: id, seq: 1, type: input.started.type, at: input.started.at, receivedAt: now, payload: input.started }).run();
  });
  return id;
}

export type AppendResult<S> = {
  accepted: number;
  duplicates: number;
  /**
   * The run's stored event count right after this batch (its first event included). With `accepted` it tells a
   * client whether the batch landed right after the state it knows: eventCount - accepted events came before.
   */
  eventCount: number;
  state: S;
  /** `state` as stored (JSON), when this append wrote it: an answer can reuse it instead of serialising again */
  stateJson?: string;
};

/**
 * Appends a batch of events in ONE transaction, applying each with the engine. An event id this run already
 * stored is skipped (a client's retry); any refused event rolls the whole batch back. Returns only after commit
 * (synchronous=FULL), so an acknowledged event is durable.
 */
export function appendRunEvents<E extends StoredEvent, S>(db: Db, runId: string, events: E[], engine: RunEngine<E, S>): AppendResult<S> {
  const result = statements(db).inTransaction(() => appendInTransaction(db, runId, events, engine, Date.now()));
  remember(db, runId, result.eventCount, result.state);
  return result;
}

/**
 * The append path's statements, prepared once per connection. Appending is the one hot write of the product
 * (every agent action), so it skips the query builder: plain SQL on the same tables, same columns.
 */
type HotStatements = {
  runForAppend: import("better-sqlite3").Statement<[string], { state: string; eventCount: number; sopId: string; versionId: number; agentId: string }>;
  eventOwner: import("better-sqlite3").Statement<[string], { runId: string }>;
  insertEvent: import("better-sqlite3").Statement<[string, string, number, string, number, number, string]>;
  updateRun: import("better-sqlite3").Statement<[string, number, number, string, string | null, string | null, number | null, number | null, string]>;
  runHead: import("better-sqlite3").Statement<[string], RunHead>;
  versionDocument: import("better-sqlite3").Statement<[number], { document: string }>;
  /** runs `fn` in a transaction, or in a savepoint when one is open (better-sqlite3's own, statements cached) */
  inTransaction: <T>(fn: () => T) => T;
};
const hot = new WeakMap<Db, HotStatements>();

function statements(db: Db): HotStatements {
  let h = hot.get(db);
  if (!h) {
    const c = db.$client;
    h = {
      runForAppend: c.prepare("SELECT state, event_count AS eventCount, sop_id AS sopId, version_id AS versionId, agent_id AS agentId FROM runs WHERE id = ?"),
      eventOwner: c.prepare("SELECT run_id AS runId FROM run_events WHERE id = ?"),
      insertEvent: c.prepare("INSERT INTO run_events (id, run_id, seq, type, at, received_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)"),
      updateRun: c.prepare(
        "UPDATE runs SET state = ?, event_count = ?, updated_at = ?, status = ?, outcome = ?, follow_up_due = ?, follow_up_closed_at = ?, completed_at = ? WHERE id = ?",
      ),
      runHead: c.prepare(
        "SELECT r.id AS id, r.agent_id AS agentId, r.sop_id AS sopId, r.version_id AS versionId, r.status AS status, s.department_id AS departmentId FROM runs r JOIN sops s ON s.id = r.sop_id WHERE r.id = ?",
      ),
      versionDocument: c.prepare("SELECT document FROM sop_versions WHERE id = ?"),
      inTransaction: c.transaction((fn: () => unknown) => fn()) as HotStatements["inTransaction"],
    } as HotStatements;
    hot.set(db, h);
  }
  return h;
}

/** Who a run belongs to and what it runs: enough to authorise a write, without its state or document. */
export type RunHead = { id: string; agentId: string; sopId: string; versionId: number; status: string; departmentId: number | null };

export function getRunHead(db: Db, runId: string): RunHead | undefined {
  return statements(db).runHead.get(runId);
}

/** A version's parsed document (versions are immutable once published: callers may cache it by id). */
export function getVersionDocument(db: Db, versionId: number): unknown {
  const row = statements(db).versionDocument.get(versionId);
  return row ? (JSON.parse(row.document) as unknown) : undefined;
}

/**
 * Reduced states as last committed, by run (the reducer never mutates a state, so sharing one is safe).
 * Keyed by the run's event count: any append — from this process or another — bumps it, and an entry is only
 * written after its commit, so a state read from here is always the one in the row.
 */
const committedStates = new WeakMap<Db, Map<string, { eventCount: number; state: unknown }>>();
const STATE_CACHE_SIZE = 2_000;

function stateCache(db: Db) {
  let m = committedStates.get(db);
  if (!m) committedStates.set(db, (m = new Map()));
  return m;
}

function remember(db: Db, runId: string, eventCount: number, state: unknown): void {
  const m = stateCache(db);
  m.delete(runId);
  m.set(runId, { eventCount, state });
  if (m.size > STATE_CACHE_SIZE) m.delete(m.keys().next().value!);
}

/**
 * A run's state as a group has left it: its events are inserted, its `runs` row is written once for the whole
 * group, after the last append to it (`summarise` is set while that write is due). A long run's state is large
 * (hundreds of KB): written per append, it would be serialised and stored once for every request of the group.
 */
type GroupState = { eventCount: number; state: unknown; summarise?: (state: never) => RunSummary };

/**
 * The body of an append, inside a transaction (or savepoint) the caller owns. With `group` (the group commit)
 * the run row is not written here: `group` holds the state and event count this group has reached for each run
 * (a later append to the same run in the group starts from there), and the writer stores each once at the end.
 */
function appendInTransaction<E extends StoredEvent, S>(
  db: Db,
  runId: string,
  events: E[],
  engine: RunEngine<E, S>,
  now: number,
  group?: Map<string, GroupState>,
): AppendResult<S> {
  const q = statements(db);
  const run = q.runForAppend.get(runId);
  if (!run) throw new RunEventRejected(-1, "", "This run does not exist.", 400);
  const inGroup = group?.get(runId);
  const before = inGroup?.eventCount ?? run.eventCount;
  const known = inGroup ?? stateCache(db).get(runId);
  let state = (known && known.eventCount === before ? known.state : JSON.parse(run.state)) as S;
  let seq = before;
  let accepted = 0;
  let duplicates = 0;
  const seen = new Set<string>();
  events.forEach((event, index) => {
    // the same id twice in one batch is a retry inside the batch: stored once
    const owner = seen.has(event.id) ? runId : q.eventOwner.get(event.id)?.runId;
    if (owner !== undefined) {
      if (owner !== runId) throw new RunEventRejected(index, event.id, `Event ${event.id} already belongs to another run.`, 409);
      duplicates += 1;
      return;
    }
    const limit = engine.limit;
    if (limit && seq >= limit.maxEvents && !limit.exempt?.(event)) throw new RunEventLimitReached(limit.maxEvents, before);
    const problem = engine.validate(state, event);
    if (problem) throw new RunEventRejected(index, event.id, problem);
    state = engine.reduce(state, event);
    seq += 1;
    accepted += 1;
    seen.add(event.id);
    q.insertEvent.run(event.id, runId, seq, event.type, event.at, now, JSON.stringify(event));
    const fb = engine.feedbackOf?.(event);
    if (fb) {
      db.insert(feedback)
        .values({ id: fb.id, runId, sopId: run.sopId, versionId: run.versionId, stepId: fb.stepId, kind: fb.kind, text: fb.text, createdBy: run.agentId, createdAt: fb.at })
        .run();
    }
  });
  let stateJson: string | undefined;
  if (group) {
    if (accepted > 0 || inGroup?.summarise) group.set(runId, { eventCount: seq, state, summarise: engine.summarise as GroupState["summarise"] });
  } else if (accepted > 0) {
    stateJson = writeRunRow(db, runId, state, seq, engine.summarise(state), now);
  }
  return { accepted, duplicates, state, eventCount: seq, ...(stateJson === undefined ? {} : { stateJson }) };
}

/** Stores a run's state, event count and list columns; returns the state as stored (JSON). */
function writeRunRow(db: Db, runId: string, state: unknown, eventCount: number, summary: RunSummary, now: number): string {
  const stateJson = JSON.stringify(state);
  statements(db).updateRun.run(stateJson, eventCount, now, summary.status, summary.outcome ?? null, summary.followUpDue ?? null, summary.followUpClosedAt ?? null, summary.completedAt ?? null, runId);
  return stateJson;
}

type Job = {
  runId: string;
  events: StoredEvent[];
  engine: RunEngine<StoredEvent, unknown>;
  resolve(result: AppendResult<unknown>): void;
  reject(error: unknown): void;
};

/**
 * Group commit. Appends that arrive together — in the same turn of the event loop, which under load is every
 * request whose body came in while the previous commit was being written — share one transaction and so one
 * fsync. Each append runs in its own savepoint, so a refused batch rolls back alone and answers its own 4xx;
 * every promise settles only after the shared COMMIT returned (synchronous=FULL), so an acknowledged event is
 * durable exactly as with `appendRunEvents`. If the commit itself fails, every append of the group fails.
 */
export class RunEventWriter {
  private queue: Job[] = [];
  private scheduled = false;
  /** groups committed and appends in them (for the benchmark and tests) */
  readonly stats = { commits: 0, appends: 0, largestGroup: 0 };

  constructor(
    private readonly db: Db,
    private readonly maxGroup = 512,
  ) {}

  append<E extends StoredEvent, S>(runId: string, events: E[], engine: RunEngine<E, S>): Promise<AppendResult<S>> {
    return new Promise<AppendResult<S>>((resolve, reject) => {
      this.queue.push({ runId, events, engine: engine as unknown as RunEngine<StoredEvent, unknown>, resolve: resolve as Job["resolve"], reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.drain());
      }
    });
  }

  private drain(): void {
    this.scheduled = false;
    const jobs = this.queue.splice(0, this.maxGroup);
    if (this.queue.length) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
    if (jobs.length === 0) return;
    const outcomes: ({ ok: true; value: AppendResult<unknown> } | { ok: false; error: unknown })[] = [];
    const written = new Map<string, GroupState>();
    try {
      const now = Date.now();
      const { inTransaction } = statements(this.db);
      inTransaction(() => {
        for (const job of jobs) {
          // A refused append rolls back its savepoint and leaves `written` as it was (set only on success).
          const before = written.get(job.runId);
          try {
            outcomes.push({ ok: true, value: inTransaction(() => appendInTransaction(this.db, job.runId, job.events, job.engine, now, written)) });
          } catch (error) {
            if (before) written.set(job.runId, before);
            else written.delete(job.runId);
            outcomes.push({ ok: false, error });
          }
        }
        // Each run's row once, with the state its last append of the group left — in the same transaction.
        for (const [runId, w] of written) if (w.summarise) writeRunRow(this.db, runId, w.state, w.eventCount, w.summarise(w.state as never), now);
      });
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    for (const [runId, w] of written) remember(this.db, runId, w.eventCount, w.state);
    this.stats.commits += 1;
    this.stats.appends += jobs.length;
    this.stats.largestGroup = Math.max(this.stats.largestGroup, jobs.length);
    jobs.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
  }
}

const writers = new WeakMap<Db, RunEventWriter>();

/**
 * The database's group-committing writer (one per connection). Its first use also moves the connection's WAL
 * checkpoints to a background thread (wal-checkpointer.server.ts), out of the commits that acknowledge events.
 */
export function runEventWriter(db: Db): RunEventWriter {
  let w = writers.get(db);
  if (!w) {
    writers.set(db, (w = new RunEventWriter(db)));
    // STEPWISE_WAL_CHECKPOINTS=inline keeps SQLite's own checkpoints in the commits (the benchmark's baseline).
    if (process.env.STEPWISE_WAL_CHECKPOINTS !== "inline") checkpointInBackground(db);
  }
  return w;
}

export function getRun(db: Db, runId: string) {
  return db
    .select({
      id: runs.id,
      sopId: runs.sopId,
      versionId: runs.versionId,
      agentId: runs.agentId,
      agentName: users.name,
      status: runs.status,
      customerRef: runs.customerRef,
      channel: runs.channel,
      outcome: runs.outcome,
      followUpDue: runs.followUpDue,
      followUpClosedAt: runs.followUpClosedAt,
      startedAt: runs.startedAt,
      completedAt: runs.completedAt,
      eventCount: runs.eventCount,
      state: runs.state,
      sopTitle: sops.title,
      departmentId: sops.departmentId,
      version: sopVersions.version,
      document: sopVersions.document,
    })
    .from(runs)
    .innerJoin(users, eq(users.id, runs.agentId))
    .innerJoin(sops, eq(sops.id, runs.sopId))
    .innerJoin(sopVersions, eq(sopVersions.id, runs.versionId))
    .where(eq(runs.id, runId))
    .get();
}

export function listRunEvents(db: Db, runId: string) {
  return db
    .select({ id: runEvents.id, seq: runEvents.seq, type: runEvents.type, at: runEvents.at, receivedAt: runEvents.receivedAt, payload: runEvents.payload })
    .from(runEvents)
    .where(eq(runEvents.runId, runId))
    .orderBy(asc(runEvents.seq))
    .all();
}

const listColumns = {
  id: runs.id,
  sopId: runs.sopId,
  sopTitle: sops.title,
  departmentName: departments.name,
  status: runs.status,
  customerRef: runs.customerRef,
  channel: runs.channel,
  outcome: runs.outcome,
  followUpDue: runs.followUpDue,
  followUpClosedAt: runs.followUpClosedAt,
  startedAt: runs.startedAt,
  completedAt: runs.completedAt,
  updatedAt: runs.updatedAt,
};

/** Runs with their SOP title and department, as the list pages show them. */
function runList(db: Db) {
  return db.select(listColumns).from(runs).innerJoin(sops, eq(sops.id, runs.sopId)).innerJoin(departments, eq(departments.id, sops.departmentId));
}

/** A run that counts: not discarded by its agent (discarded runs stay in the log, for the audit views). */
const counted = sql`${runs.status} <> 'discarded'`;

/**
 * An agent's runs, newest first. Discarded runs are left out (they were started by mistake and never count);
 * an audit view passes `includeDiscarded: true` and labels them by their `status` ("discarded").
 */
export function listRunsForAgent(db: Db, agentId: string, { limit = 50, includeDiscarded = false }: { limit?: number; includeDiscarded?: boolean } = {}) {
  return runList(db)
    .where(includeDiscarded ? eq(runs.agentId, agentId) : and(eq(runs.agentId, agentId), counted))
    .orderBy(desc(runs.startedAt))
    .limit(limit)
    .all();
}

/**
 * Open follow-ups, soonest due first (by the stored text: a date sorts before the timed follow-ups of its day;
 * for "overdue / today" use the runbook's `followUpTiming`, and `compareFollowUpDue` to order across offsets).
 * Discarded runs never count.
 */
export function listOpenFollowUps(db: Db, agentId: string) {
  return runList(db)
    .where(and(eq(runs.agentId, agentId), isNotNull(runs.followUpDue), isNull(runs.followUpClosedAt), counted))
    .orderBy(asc(runs.followUpDue), asc(runs.startedAt))
    .all();
}

export function countOpenFollowUps(db: Db, agentId: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(runs)
      .where(and(eq(runs.agentId, agentId), isNotNull(runs.followUpDue), isNull(runs.followUpClosedAt), counted))
      .get()?.n ?? 0
  );
}

/** The published version an agent would start now. */
export function getPublishedVersionRef(db: Db, sopId: string) {
  return db
    .select({ sopId: sops.id, versionId: sopVersions.id, state: sopVersions.state, document: sopVersions.document, publishedVersionId: sops.publishedVersionId, archivedAt: sops.archivedAt })
    .from(sops)
    .innerJoin(sopVersions, eq(sopVersions.id, sops.publishedVersionId))
    .where(eq(sops.id, sopId))
    .get();
}

/** A specific version, with whether it is its SOP's published one and whether the SOP is archived. */
export function getVersionRef(db: Db, versionId: number) {
  return db
    .select({ sopId: sopVersions.sopId, versionId: sopVersions.id, state: sopVersions.state, document: sopVersions.document, publishedVersionId: sops.publishedVersionId, archivedAt: sops.archivedAt })
    .from(sopVersions)
    .innerJoin(sops, eq(sops.id, sopVersions.sopId))
    .where(eq(sopVersions.id, versionId))
    .get();
}

export const AGENT_RUN_SORTS = ["startedAt", "sop", "status", "customer"] as const;
export type AgentRunSort = { key: (typeof AGENT_RUN_SORTS)[number]; dir: "asc" | "desc" };
/** What My runs filters by: in progress, wrapped up, or wrapped up with a follow-up still open. */
export const AGENT_RUN_FILTERS = ["active", "completed", "follow-up"] as const;

export type AgentRunQuery = {
  /** matches the SOP's title or the customer reference, anywhere, case-insensitively */
  q?: string;
  status?: (typeof AGENT_RUN_FILTERS)[number] | null;
  sopId?: string | null;
  sort?: AgentRunSort;
  limit?: number;
  offset?: number;
};

/** My runs: an agent's runs filtered, sorted and paged in SQL (an agent's history grows with every call). */
/** The columns of a run in a list (My runs, the home page's cards): the run, its SOP and department. */
export const runListColumns = {
  id: runs.id,
  sopId: runs.sopId,
  sopTitle: sops.title,
  departmentName: departments.name,
  status: runs.status,
  customerRef: runs.customerRef,
  outcome: runs.outcome,
  followUpDue: runs.followUpDue,
  followUpClosedAt: runs.followUpClosedAt,
  startedAt: runs.startedAt,
  completedAt: runs.completedAt,
};

export function queryRunsForAgent(db: Db, agentId: string, query: AgentRunQuery = {}) {
  const text = query.q?.trim();
  const like = text ? `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(runs.agentId, agentId),
    inArray(runs.status, ["active", "completed"]),
    like ? sql`(lower(${sops.title}) like ${like} escape '\\' or lower(coalesce(${runs.customerRef}, '')) like ${like} escape '\\')` : undefined,
    query.status === "active" ? eq(runs.status, "active") : undefined,
    query.status === "completed" ? eq(runs.status, "completed") : undefined,
    query.status === "follow-up" ? and(eq(runs.status, "completed"), isNotNull(runs.followUpDue), isNull(runs.followUpClosedAt)) : undefined,
    query.sopId ? eq(runs.sopId, query.sopId) : undefined,
  );
  const sort = query.sort ?? { key: "startedAt", dir: "desc" };
  const d = sort.dir === "asc" ? sql`asc` : sql`desc`;
  const key = {
    startedAt: sql`${runs.startedAt} ${d}`,
    sop: sql`${sops.title} collate nocase ${d}`,
    // in progress before wrapped up when ascending (what needs attention first)
    status: sql`${runs.status} = 'active' ${sort.dir === "asc" ? sql`desc` : sql`asc`}, ${runs.outcome} ${d}`,
    customer: sql`${runs.customerRef} is null, ${runs.customerRef} collate nocase ${d}`,
  }[sort.key];
  const rows = db
    .select(runListColumns)
    .from(runs)
    .innerJoin(sops, eq(sops.id, runs.sopId))
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .where(where)
    .orderBy(key, desc(runs.startedAt), asc(runs.id))
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(runs).innerJoin(sops, eq(sops.id, runs.sopId)).where(where).get()?.n ?? 0;
  return { rows, total };
}

/** The procedures an agent has run, for My runs' procedure filter. */
export function listRunSopsForAgent(db: Db, agentId: string) {
  return db
    .selectDistinct({ id: sops.id, title: sops.title })
    .from(runs)
    .innerJoin(sops, eq(sops.id, runs.sopId))
    .where(and(eq(runs.agentId, agentId), inArray(runs.status, ["active", "completed"])))
    .orderBy(sql`${sops.title} collate nocase`)
    .all();
}
