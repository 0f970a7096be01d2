import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "./client.server";
import { departments, feedback, runEvents, runs, sops, sopVersions, users } from "./schema";

/** What the DB layer needs from an event: the rest is the engine's business (runbook/). */
export type StoredEvent = { id: string; type: string; at: number };

/** Columns the list views filter and sort on, derived from the reduced state by the engine. */
export type RunSummary = {
  status: "active" | "completed";
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
  const { eventCount, ...result } = statements(db).inTransaction(() => appendInTransaction(db, runId, events, engine, Date.now()));
  remember(db, runId, eventCount, result.state);
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
 * The body of an append, inside a transaction (or savepoint) the caller owns. `overlay` holds the states this
 * group has written but not committed yet (a later append to the same run in the group starts from there).
 */
function appendInTransaction<E extends StoredEvent, S>(
  db: Db,
  runId: string,
  events: E[],
  engine: RunEngine<E, S>,
  now: number,
  overlay?: Map<string, { eventCount: number; state: unknown }>,
): AppendResult<S> & { eventCount: number } {
  const q = statements(db);
  const run = q.runForAppend.get(runId);
  if (!run) throw new RunEventRejected(-1, "", "This run does not exist.", 400);
  const known = overlay?.get(runId) ?? stateCache(db).get(runId);
  let state = (known && known.eventCount === run.eventCount ? known.state : JSON.parse(run.state)) as S;
  let seq = run.eventCount;
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
  if (accepted > 0) {
    const summary = engine.summarise(state);
    stateJson = JSON.stringify(state);
    q.updateRun.run(stateJson, seq, now, summary.status, summary.outcome ?? null, summary.followUpDue ?? null, summary.followUpClosedAt ?? null, summary.completedAt ?? null, runId);
  }
  return { accepted, duplicates, state, eventCount: seq, ...(stateJson === undefined ? {} : { stateJson }) };
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
    const written = new Map<string, { eventCount: number; state: unknown }>();
    try {
      const now = Date.now();
      const { inTransaction } = statements(this.db);
      inTransaction(() => {
        for (const job of jobs) {
          try {
            const { eventCount, ...value } = inTransaction(() => appendInTransaction(this.db, job.runId, job.events, job.engine, now, written));
            written.set(job.runId, { eventCount, state: value.state });
            outcomes.push({ ok: true, value });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
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

/** The database's group-committing writer (one per connection). */
export function runEventWriter(db: Db): RunEventWriter {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new RunEventWriter(db)));
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

export function listRunsForAgent(db: Db, agentId: string, { limit = 50 }: { limit?: number } = {}) {
  return runList(db)
    .where(eq(runs.agentId, agentId))
    .orderBy(desc(runs.startedAt))
    .limit(limit)
    .all();
}

/** Open follow-ups, soonest due first. */
export function listOpenFollowUps(db: Db, agentId: string) {
  return runList(db)
    .where(and(eq(runs.agentId, agentId), isNotNull(runs.followUpDue), isNull(runs.followUpClosedAt)))
    .orderBy(asc(runs.followUpDue), asc(runs.startedAt))
    .all();
}

export function countOpenFollowUps(db: Db, agentId: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(runs)
      .where(and(eq(runs.agentId, agentId), isNotNull(runs.followUpDue), isNull(runs.followUpClosedAt)))
      .get()?.n ?? 0
  );
}

/** The published version an agent would start now. */
export function getPublishedVersionRef(db: Db, sopId: string) {
  return db
    .select({ sopId: sops.id, versionId: sopVersions.id, document: sopVersions.document })
    .from(sops)
    .innerJoin(sopVersions, eq(sopVersions.id, sops.publishedVersionId))
    .where(eq(sops.id, sopId))
    .get();
}

/** A specific version (published or superseded: a run may pin an older one). */
export function getVersionRef(db: Db, versionId: number) {
  return db
    .select({ sopId: sopVersions.sopId, versionId: sopVersions.id, state: sopVersions.state, document: sopVersions.document })
    .from(sopVersions)
    .where(eq(sopVersions.id, versionId))
    .get();
}
