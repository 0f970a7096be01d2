import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { RunEvent } from "../runbook/events";
import type { RunState } from "../runbook/state";
import type { SopDocument } from "../sop-schema/types";
import type { Db } from "./client.server";
import { WalSync } from "./wal-sync.server";
import { parseStored } from "./json-columns";
import { checkpointInBackground } from "./wal-checkpointer.server";
import type { RunFacts } from "../analytics/facts";
import { departments, feedback, RUN_STATUSES, runEvents, runs, sops, sopVersions, users } from "./schema";

/** What the DB layer needs from an event: the rest is the engine's business (runbook/). */
export type StoredEvent = { id: string; type: string; at: number };

/** Columns the list views filter and sort on, derived from the reduced state by the engine. */
export type RunSummary = {
  status: (typeof RUN_STATUSES)[number];
  /** index of the current step in the version's steps (lists show it; the state snapshot may lag behind) */
  currentStepIndex?: number | null;
  outcome?: string | null;
  followUpDue?: string | null;
  followUpClosedAt?: number | null;
  completedAt?: number | null;
};

export type FeedbackInput = {
  id: string;
  stepId: string;
  kind: (typeof feedback.$inferInsert)["kind"];
  text: string;
  at: number;
};

/**
 * The engine the DB layer applies events with (dependency-injected so db/ imports no runbook/ code, only its types).
 */
export type RunEngine<E extends StoredEvent, S> = {
  validate(state: S, event: E): string | null;
  reduce(state: S, event: E): S;
  /**
   * `validate`, then `reduce` when it passes, in one step (an engine may check an event once where the two calls
   * check it twice). The append path uses it when present; folding stored events uses `reduce`.
   */
  apply?(state: S, event: E): { ok: true; state: S } | { ok: false; message: string };
  summarise(state: S): RunSummary;
  /** the feedback row an event creates, if any (step flagged) */
  feedbackOf?(event: E): FeedbackInput | null;
  /** the most events a run keeps (its first included), and the events still taken past it (the wrap-up) */
  limit?: { maxEvents: number; exempt?(event: E): boolean };
  /**
   * How many events `state` has applied, its first included. With it the run's row holds a snapshot of the state,
   * rewritten every SNAPSHOT_EVERY events (and whenever the run is not active), and a reader folds the few events
   * stored after it: an append writes its events and the run's small columns, not the whole state (a long call's
   * state is hundreds of KB). Without it the state is stored on every append.
   */
  eventCountOf?(state: S): number;
  /** what the dashboards keep of a wrapped-up run (analytics/facts.ts), stored in run_facts with its last event */
  factsOf?(state: S): RunFacts;
  /**
   * Webhooks an applied event announces (the run's wrap-up, an escalation, a flag), queued in the append's own
   * transaction (db/webhooks.server.ts), so an acknowledged event is announced and a refused one never is.
   */
  announce?(tx: Db, run: AppendRun, event: E, state: S): void;
};

/** The run an append writes to, as the append path reads it. */
export type AppendRun = {
  id: string;
  eventCount: number;
  sopId: string;
  versionId: number;
  agentId: string;
  practice: boolean;
  integrationId: string | null;
  externalRef: string | null;
  customerRef: string | null;
  channel: string | null;
};

/**
 * A run's state snapshot (runs.state) is due when this many of its events are stored after it. The group-commit
 * writer stores it right after answering the group that made it due; should that fall behind (or a crash lose
 * it), the group that reaches twice as many stores it with its events. So a reader that has no cached state folds
 * fewer than 2 × SNAPSHOT_EVERY events, and usually fewer than SNAPSHOT_EVERY.
 */
export const SNAPSHOT_EVERY = 32;

/**
 * A due snapshot of a run with at most this many events is written in the group's own transaction: its state
 * serialises in tens of microseconds, far less than the second commit (and fsync) a separate write would cost.
 * Longer runs' snapshots (milliseconds each) wait until after the acknowledgements.
 */
export const INLINE_SNAPSHOT_MAX_EVENTS = 512;

export class RunEventRejected extends Error {
  constructor(
    readonly index: number,
    readonly eventId: string,
    message: string,
    readonly status: 400 | 404 | 409 = 400,
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

export async function createRun<E extends StoredEvent, S>(
  db: Db,
  input: {
    sopId: string;
    versionId: number;
    agentId: string;
    customerRef?: string | null;
    channel?: string | null;
    started: E;
    state: S;
    summary: RunSummary;
    /** a practice run (training) on this `<Scenario>`: stored like any run, never counted as a live call */
    practice?: { scenarioId: string };
    /** started by an integration (API or embed), for its reference (a ticket id) */
    integration?: { id: string; externalRef: string | null };
  },
  /** more writes of the same transaction (the webhook outbox's `run.started`) */
  alsoInTransaction?: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0], runId: string) => void,
): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  // The engine is injected: production's is runbook's, whose RunState and RunEvent the columns are typed with, and
  // db/ tests run toy engines over the same columns. This is the one place its generic values meet those types.
  const state = input.state as RunState;
  const started = input.started as RunEvent;
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
        state,
        currentStepIndex: input.summary.currentStepIndex ?? null,
        practice: input.practice !== undefined,
        scenarioId: input.practice?.scenarioId ?? null,
        integrationId: input.integration?.id ?? null,
        externalRef: input.integration?.externalRef ?? null,
      })
      .run();
    tx.insert(runEvents)
      .values({
        id: input.started.id,
        runId: id,
        seq: 1,
        type: input.started.type,
        at: input.started.at,
        receivedAt: now,
        payload: started,
      })
      .run();
    writeFacts(db, id, null); // the dashboards count it from its start (practice runs: never)
    alsoInTransaction?.(tx, id);
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
export async function appendRunEvents<E extends StoredEvent, S>(
  db: Db,
  runId: string,
  events: E[],
  engine: RunEngine<E, S>,
): Promise<AppendResult<S>> {
  const group = new Map<string, GroupState>();
  const now = Date.now();
  const result = statements(db).inTransaction(() => {
    const r = appendInTransaction(db, runId, events, engine, now, group);
    const stateJson = writeGroupRows(db, group, now).get(runId);
    return stateJson === undefined ? r : { ...r, stateJson };
  });
  rememberGroup(db, group);
  return result;
}

/**
 * The append path's statements, prepared once per connection. Appending is the one hot write of the product
 * (every agent action), so it skips the query builder: plain SQL on the same tables, same columns.
 */
type HotStatements = {
  /** without `state`: a long run's state is hundreds of KB, read only when no cached state matches */
  runForAppend: import("better-sqlite3").Statement<[string], Omit<AppendRun, "practice"> & { practice: number }>;
  runSnapshot: import("better-sqlite3").Statement<[string], { state: string }>;
  /** the events stored after a snapshot, in order (run_events_run_seq_unique covers it) */
  eventsAfter: import("better-sqlite3").Statement<[string, number, number], { payload: string }>;
  eventOwner: import("better-sqlite3").Statement<[string], { runId: string }>;
  insertEvent: import("better-sqlite3").Statement<[string, string, number, string, number, number, string]>;
  updateRun: import("better-sqlite3").Statement<
    [string, number, number, string, string | null, string | null, number | null, number | null, number | null, string]
  >;
  updateRunColumns: import("better-sqlite3").Statement<
    [number, number, string, string | null, string | null, number | null, number | null, number | null, string]
  >;
  /** a snapshot on its own, only if the run still holds the events it was taken at */
  writeSnapshot: import("better-sqlite3").Statement<[string, string, number]>;
  runHead: import("better-sqlite3").Statement<[string], RunHead>;
  runWriteHead: import("better-sqlite3").Statement<[string], RunWriteHead>;
  upsertFacts: import("better-sqlite3").Statement<
    [number | null, number, number, number, number, number, number, number, string, number | null, string]
  >;
  deleteFacts: import("better-sqlite3").Statement<[string]>;
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
      runForAppend: c.prepare(
        "SELECT id, event_count AS eventCount, sop_id AS sopId, " +
          "version_id AS versionId, agent_id AS agentId, practice, " +
          "integration_id AS integrationId, external_ref AS externalRef, " +
          "customer_ref AS customerRef, channel FROM runs WHERE id = ?",
      ),
      runSnapshot: c.prepare("SELECT state FROM runs WHERE id = ?"),
      eventsAfter: c.prepare("SELECT payload FROM run_events WHERE run_id = ? AND seq > ? AND seq <= ? ORDER BY seq"),
      eventOwner: c.prepare("SELECT run_id AS runId FROM run_events WHERE id = ?"),
      insertEvent: c.prepare(
        "INSERT INTO run_events (id, run_id, seq, type, at, received_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?) " +
          "ON CONFLICT (id) DO NOTHING",
      ),
      updateRun: c.prepare(
        "UPDATE runs SET state = ?, event_count = ?, updated_at = ?, status = ?, outcome = ?, follow_up_due " +
          "= ?, follow_up_closed_at = ?, completed_at = ?, current_step_index = ? WHERE id = ?",
      ),
      // Same-size rows are overwritten in place, page by page (SQLite 3.23+): with the snapshot unchanged, only
      // the page holding these columns is written, however large the state.
      updateRunColumns: c.prepare(
        "UPDATE runs SET event_count = ?, updated_at = ?, status = ?, outcome = ?, follow_up_due " +
          "= ?, follow_up_closed_at = ?, completed_at = ?, current_step_index = ? WHERE id = ?",
      ),
      writeSnapshot: c.prepare("UPDATE runs SET state = ? WHERE id = ? AND event_count = ?"),
      runHead: c.prepare(
        "SELECT r.id AS id, r.agent_id AS agentId, r.sop_id AS sopId, r.version_id AS versionId, r.status AS " +
          "status, s.department_id AS departmentId FROM runs r JOIN sops s ON s.id = r.sop_id WHERE r.id = ?",
      ),
      runWriteHead: c.prepare("SELECT agent_id AS agentId, version_id AS versionId FROM runs WHERE id = ?"),
      versionDocument: c.prepare("SELECT document FROM sop_versions WHERE id = ?"),
      // The run's own columns come from its row (written just before, in the same transaction); practice runs get none.
      upsertFacts: c.prepare(
        "INSERT INTO run_facts (run_id, sop_id, version_id, agent_id, started_at, " +
          "status, outcome, completed_at, follow_up_due, follow_up_closed_at, " +
          "handle_ms, escalations, flags, skips, steps_total, " +
          "steps_done, checks_total, checks_done, detail, step_index) " +
          "SELECT id, sop_id, version_id, agent_id, started_at, status, outcome, " +
          "completed_at, follow_up_due, follow_up_closed_at, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? " +
          "FROM runs WHERE id = ? AND practice = 0 " +
          "ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, " +
          "outcome = excluded.outcome, completed_at = excluded.completed_at, " +
          "follow_up_due = excluded.follow_up_due, follow_up_closed_at = " +
          "excluded.follow_up_closed_at, handle_ms = excluded.handle_ms, " +
          "escalations = excluded.escalations, flags = excluded.flags, " +
          "skips = excluded.skips, steps_total = excluded.steps_total, " +
          "steps_done = excluded.steps_done, checks_total = excluded.checks_total, " +
          "checks_done = excluded.checks_done, detail = excluded.detail, " +
          "step_index = excluded.step_index",
      ),
      deleteFacts: c.prepare("DELETE FROM run_facts WHERE run_id = ?"),
      inTransaction: c.transaction((fn: () => unknown) => fn()) as HotStatements["inTransaction"],
    } as HotStatements;
    hot.set(db, h);
  }
  return h;
}

/** Who a run belongs to and what it runs: enough to authorise a write, without its state or document. */
export type RunHead = {
  id: string;
  agentId: string;
  sopId: string;
  versionId: number;
  status: string;
  departmentId: number | null;
};

export async function getRunHead(db: Db, runId: string): Promise<RunHead | undefined> {
  return statements(db).runHead.get(runId);
}

/** What appending needs before the writer takes a batch: whose run it is and its version. Neither ever changes. */
export type RunWriteHead = { agentId: string; versionId: number };

const WRITE_HEADS_PER_CONNECTION = 10_000;
const writeHeads = new WeakMap<Db, Map<string, RunWriteHead>>();

/**
 * A run's agent and version, remembered per connection (the most recent WRITE_HEADS_PER_CONNECTION runs): every
 * event request asks, and the answer is fixed when the run is created. A run deleted since (retention) is still
 * found here; the writer then refuses the batch with 404, as this would have.
 */
export async function getRunWriteHead(db: Db, runId: string): Promise<RunWriteHead | undefined> {
  let heads = writeHeads.get(db);
  if (!heads) writeHeads.set(db, (heads = new Map()));
  const known = heads.get(runId);
  if (known) return known;
  const head = statements(db).runWriteHead.get(runId);
  if (!head) return undefined;
  if (heads.size >= WRITE_HEADS_PER_CONNECTION) heads.delete(heads.keys().next().value!);
  heads.set(runId, head);
  return head;
}

/** A version's parsed document (versions are immutable once published: callers may cache it by id). */
export function getVersionDocument(db: Db, versionId: number): SopDocument | undefined {
  const row = statements(db).versionDocument.get(versionId);
  return row ? parseStored(sopVersions.document, row.document) : undefined;
}

/**
 * Reduced states as last committed, by run (the reducer never mutates a state, so sharing one is safe).
 * Keyed by the run's event count: any append — from this process or another — bumps it, and an entry is only
 * written after its commit, so a state read from here is always the row's snapshot with the events after it.
 * `snapshotAt` is the event count of that snapshot.
 */
type Committed = { eventCount: number; state: unknown; snapshotAt: number };
const committedStates = new WeakMap<Db, Map<string, Committed>>();
const STATE_CACHE_SIZE = 2_000;

function stateCache(db: Db) {
  let m = committedStates.get(db);
  if (!m) committedStates.set(db, (m = new Map()));
  return m;
}

function remember(db: Db, runId: string, entry: Committed): void {
  const m = stateCache(db);
  m.delete(runId);
  m.set(runId, { eventCount: entry.eventCount, state: entry.state, snapshotAt: entry.snapshotAt });
  if (m.size > STATE_CACHE_SIZE) m.delete(m.keys().next().value!);
}

/**
 * Forgets cached states of these runs: their stored state was rewritten outside the append path (the retention purge).
 */
export function forgetRunStates(db: Db, runIds: Iterable<string>): void {
  const m = committedStates.get(db);
  if (m) for (const id of runIds) m.delete(id);
}

/** After the commit: every run a group appended to, as the group left it. */
function rememberGroup(db: Db, group: Map<string, GroupState>): void {
  for (const [runId, w] of group) remember(db, runId, w);
}

/**
 * The state a run's row stands for at `eventCount`: its snapshot (runs.state; `stored`, if the caller read it
 * with that count) with the events stored after it, up to that count, folded in — fewer than 2 × SNAPSHOT_EVERY.
 */
function loadState<E extends StoredEvent, S>(
  db: Db,
  runId: string,
  eventCount: number,
  engine: RunEngine<E, S>,
  stored?: unknown,
): Committed {
  const q = statements(db);
  let state = (stored !== undefined ? stored : JSON.parse(q.runSnapshot.get(runId)?.state ?? "null")) as S;
  const snapshotAt = engine.eventCountOf ? engine.eventCountOf(state) : eventCount;
  if (snapshotAt < eventCount) {
    for (const { payload } of q.eventsAfter.all(runId, snapshotAt, eventCount))
      state = engine.reduce(state, JSON.parse(payload) as E);
  }
  return { eventCount, state, snapshotAt };
}

/**
 * A run's current state, given its row as read (`getRun`: `eventCount` and `state`, the stored snapshot): the
 * cached committed state when it is the row's, else the snapshot with the events after it (fewer than
 * 2 × SNAPSHOT_EVERY) folded in with the engine.
 */
export async function currentRunState<E extends StoredEvent, S>(
  db: Db,
  runId: string,
  row: { eventCount: number; state: unknown },
  engine: RunEngine<E, S>,
): Promise<S> {
  const known = stateCache(db).get(runId);
  if (known && known.eventCount === row.eventCount) return known.state as S;
  const loaded = loadState(db, runId, row.eventCount, engine, row.state);
  remember(db, runId, loaded);
  return loaded.state as S;
}

/**
 * A run's state as a group has left it: its events are inserted, its `runs` row is written once for the whole
 * group, after the last append to it (`engine` is set while that write is due). `snapshotAt` is the event count
 * of the state stored in the row.
 */
type GroupState = Committed & { engine?: RunEngine<never, unknown> };

/**
 * The body of an append, inside a transaction (or savepoint) the caller owns. The run row is not written here:
 * `group` holds the state and event count this transaction has reached for each run (a later append to the same
 * run starts from there), and `writeGroupRows` stores each once at the end.
 */
function appendInTransaction<E extends StoredEvent, S>(
  db: Db,
  runId: string,
  events: E[],
  engine: RunEngine<E, S>,
  now: number,
  group: Map<string, GroupState>,
): AppendResult<S> {
  const q = statements(db);
  const run = q.runForAppend.get(runId);
  if (!run) throw new RunEventRejected(-1, "", "There is no run with this id.", 404);
  const inGroup = group.get(runId);
  const before = inGroup?.eventCount ?? run.eventCount;
  const cached = stateCache(db).get(runId);
  const known: Committed =
    inGroup ?? (cached && cached.eventCount === before ? cached : loadState(db, runId, before, engine));
  let state = known.state as S;
  let seq = before;
  let accepted = 0;
  let duplicates = 0;
  const seen = new Set<string>();
  events.forEach((event, index) => {
    // the same id twice in one batch is a retry inside the batch: stored once
    if (seen.has(event.id)) {
      duplicates += 1;
      return;
    }
    // Stored first (one index lookup, not two): a known id inserts nothing and is a retry, or another run's; a
    // new event refused below takes its row back with the batch's savepoint.
    if (q.insertEvent.run(event.id, runId, seq + 1, event.type, event.at, now, JSON.stringify(event)).changes === 0) {
      const owner = q.eventOwner.get(event.id)?.runId;
      if (owner !== runId)
        throw new RunEventRejected(index, event.id, `Event ${event.id} already belongs to another run.`, 409);
      duplicates += 1;
      return;
    }
    const limit = engine.limit;
    if (limit && seq >= limit.maxEvents && !limit.exempt?.(event))
      throw new RunEventLimitReached(limit.maxEvents, before);
    if (engine.apply) {
      const applied = engine.apply(state, event);
      if (!applied.ok) throw new RunEventRejected(index, event.id, applied.message);
      state = applied.state;
    } else {
      const problem = engine.validate(state, event);
      if (problem) throw new RunEventRejected(index, event.id, problem);
      state = engine.reduce(state, event);
    }
    seq += 1;
    accepted += 1;
    seen.add(event.id);
    engine.announce?.(db, { ...run, practice: run.practice === 1 }, event, state);
    const fb = engine.feedbackOf?.(event);
    if (fb) {
      db.insert(feedback)
        .values({
          id: fb.id,
          runId,
          sopId: run.sopId,
          versionId: run.versionId,
          stepId: fb.stepId,
          kind: fb.kind,
          text: fb.text,
          createdBy: run.agentId,
          createdAt: fb.at,
        })
        .run();
    }
  });
  // Only a run that took events has its row written (or one whose write an earlier append of the group left due).
  if (accepted > 0 || inGroup?.engine)
    group.set(runId, {
      eventCount: seq,
      state,
      snapshotAt: known.snapshotAt,
      engine: engine as unknown as GroupState["engine"],
    });
  else if (!inGroup) group.set(runId, known); // nothing to write; remembered after the commit all the same
  return { accepted, duplicates, state, eventCount: seq };
}

/**
 * Writes, in the caller's transaction, the row of every run the group appended to: its event count and list
 * columns always; its state only when the snapshot is due — SNAPSHOT_EVERY events after the last one, on every
 * append for an engine without `eventCountOf`, and whenever the run is no longer active (a wrapped-up run takes
 * at most a follow-up closing, and readers of the column, e.g. the follow-up list, then see it whole).
 * With `later`, a snapshot due only for its count of a run longer than INLINE_SNAPSHOT_MAX_EVENTS is not written
 * here but added to `later` (the writer stores it after the acknowledgements: nothing durable waits on it), unless
 * it is overdue (2 × SNAPSHOT_EVERY).
 * Returns the state JSON of the snapshots written.
 */
function writeGroupRows(db: Db, group: Map<string, GroupState>, now: number, later?: Set<string>): Map<string, string> {
  const q = statements(db);
  const written = new Map<string, string>();
  for (const [runId, w] of group) {
    const engine = w.engine as RunEngine<StoredEvent, unknown> | undefined;
    if (!engine) continue;
    const summary = engine.summarise(w.state);
    const columns = [
      w.eventCount,
      now,
      summary.status,
      summary.outcome ?? null,
      summary.followUpDue ?? null,
      summary.followUpClosedAt ?? null,
      summary.completedAt ?? null,
      summary.currentStepIndex ?? null,
      runId,
    ] as const;
    const tail = w.eventCount - w.snapshotAt;
    const due = tail >= SNAPSHOT_EVERY;
    if (
      !engine.eventCountOf ||
      summary.status !== "active" ||
      (due && (!later || w.eventCount <= INLINE_SNAPSHOT_MAX_EVENTS)) ||
      tail >= 2 * SNAPSHOT_EVERY
    ) {
      const stateJson = JSON.stringify(w.state);
      q.updateRun.run(stateJson, ...columns);
      written.set(runId, stateJson);
      w.snapshotAt = w.eventCount;
    } else {
      q.updateRunColumns.run(...columns);
      if (due) later!.add(runId);
    }
    // The dashboards' row of a wrapped-up run, with the event that wrapped it up (a discarded run counts nowhere).
    if (summary.status === "completed" && engine.factsOf)
      writeFacts(db, runId, engine.factsOf(w.state), summary.currentStepIndex ?? null);
    else if (summary.status === "discarded") q.deleteFacts.run(runId);
    delete w.engine;
  }
  return written;
}

const NO_DETAIL = JSON.stringify({ steps: [], path: [], ends: [] });

/**
 * Stores a run's dashboard row (run_facts) from its `runs` row as written, with its facts when it is wrapped up
 * (null: a run just started) and the step it is on (where a run wrapped up as abandoned stopped; passed in, as the
 * runs column sits after the state and reading it would walk the state's overflow pages). Replaces what it had.
 * The ingest path, run creation, the backfill and the seed use it.
 */
export function writeFacts(db: Db, runId: string, f: RunFacts | null, stepIndex: number | null = null): void {
  const q = statements(db).upsertFacts;
  if (!f) q.run(null, 0, 0, 0, 0, 0, 0, 0, NO_DETAIL, stepIndex, runId);
  else
    q.run(
      f.handleMs,
      f.escalations,
      f.flags,
      f.skips,
      f.stepsTotal,
      f.stepsDone,
      f.checksTotal,
      f.checksDone,
      JSON.stringify(f.detail),
      stepIndex,
      runId,
    );
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
 * fsync. Each append runs in its own savepoint, so a refused batch rolls back alone and answers its own 4xx.
 * On a file database the COMMIT only writes the WAL (synchronous=NORMAL, for the group alone) and the promises
 * settle after `WalSync` fsynced it off the event loop, while the next group forms; elsewhere they settle after
 * the COMMIT returned (synchronous=FULL). Either way an acknowledged event is durable exactly as with
 * `appendRunEvents`. If the commit or its fsync fails, every append of the group fails.
 */
export class RunEventWriter {
  private queue: Job[] = [];
  private scheduled = false;
  /** a committed group waits for its fsync; the next group forms meanwhile */
  private syncing = false;
  /** runs whose snapshot is due (SNAPSHOT_EVERY), written one per turn after the acknowledgements */
  private snapshotsDue = new Set<string>();
  private snapshotScheduled = false;
  private snapshotYielded = false;
  /** groups committed and appends in them, and snapshots written after them (for the benchmark and tests) */
  readonly stats = { commits: 0, appends: 0, largestGroup: 0, snapshots: 0 };

  /** Where the WAL is fsynced before a group is answered; null: COMMIT syncs (an in-memory or non-WAL database). */
  private readonly walSync: WalSync | null;

  constructor(
    private readonly db: Db,
    private readonly maxGroup = 512,
    walSync?: WalSync | null,
  ) {
    this.walSync = walSync === undefined ? walSyncFor(db) : walSync;
  }

  append<E extends StoredEvent, S>(runId: string, events: E[], engine: RunEngine<E, S>): Promise<AppendResult<S>> {
    return new Promise<AppendResult<S>>((resolve, reject) => {
      this.queue.push({
        runId,
        events,
        engine: engine as unknown as RunEngine<StoredEvent, unknown>,
        resolve: resolve as Job["resolve"],
        reject,
      });
      this.kick();
    });
  }

  /** Schedules the next group: in the next turn, or when the fsync in flight returns (what arrives meanwhile joins). */
  private kick(): void {
    if (this.scheduled || this.syncing || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    const jobs = this.queue.splice(0, this.maxGroup);
    if (jobs.length === 0) return;
    const outcomes: ({ ok: true; value: AppendResult<unknown> } | { ok: false; error: unknown })[] = [];
    const written = new Map<string, GroupState>();
    let stateJson = new Map<string, string>();
    const q = statements(this.db);
    try {
      const now = Date.now();
      // With a WAL to sync, the COMMIT does not wait for the disk; the answers below wait for `walSync` instead.
      if (this.walSync) this.synchronous().normal.run();
      q.inTransaction(() => {
        for (const job of jobs) {
          // A refused append rolls back its savepoint and leaves `written` as it was (set only on success).
          const before = written.get(job.runId);
          try {
            outcomes.push({
              ok: true,
              value: q.inTransaction(() =>
                appendInTransaction(this.db, job.runId, job.events, job.engine, now, written),
              ),
            });
          } catch (error) {
            if (before) written.set(job.runId, before);
            else written.delete(job.runId);
            outcomes.push({ ok: false, error });
          }
        }
        // Each run's row once, with the state its last append of the group left — in the same transaction.
        stateJson = writeGroupRows(this.db, written, now, this.snapshotsDue);
      });
    } catch (error) {
      for (const job of jobs) job.reject(error);
      this.kick();
      return;
    } finally {
      if (this.walSync) this.synchronous().full.run();
    }
    // Committed: the next group builds on it (the cache), even before it is on disk.
    rememberGroup(this.db, written);
    this.stats.commits += 1;
    this.stats.appends += jobs.length;
    this.stats.largestGroup = Math.max(this.stats.largestGroup, jobs.length);
    if (this.walSync) {
      this.syncing = true;
      this.walSync.durable().then(
        () => {
          this.syncing = false;
          this.answer(jobs, outcomes, written, stateJson);
          this.kick();
        },
        (error: unknown) => {
          this.syncing = false;
          for (const job of jobs) job.reject(error);
          this.kick();
        },
      );
    } else {
      this.answer(jobs, outcomes, written, stateJson);
      this.kick();
    }
    this.scheduleSnapshot();
  }

  private pragmas?: { normal: import("better-sqlite3").Statement<[]>; full: import("better-sqlite3").Statement<[]> };

  /**
   * The group's COMMIT without its fsync (walSync runs it before the answers), and back to every other write's
   * default. Prepared on first use, outside any transaction (SQLite refuses a PRAGMA synchronous inside one).
   */
  private synchronous() {
    return (this.pragmas ??= {
      normal: this.db.$client.prepare("PRAGMA synchronous = NORMAL"),
      full: this.db.$client.prepare("PRAGMA synchronous = FULL"),
    });
  }

  private answer(
    jobs: Job[],
    outcomes: ({ ok: true; value: AppendResult<unknown> } | { ok: false; error: unknown })[],
    written: Map<string, GroupState>,
    stateJson: Map<string, string>,
  ): void {
    jobs.forEach((job, i) => {
      const o = outcomes[i]!;
      if (!o.ok) return job.reject(o.error);
      // The run's last append of the group gets the state JSON if its snapshot was written (`?state=1` reuses it).
      const json = stateJson.get(job.runId);
      job.resolve(
        json !== undefined && o.value.state === written.get(job.runId)?.state
          ? { ...o.value, stateJson: json }
          : o.value,
      );
    });
  }

  private scheduleSnapshot(): void {
    if (this.snapshotScheduled || this.snapshotsDue.size === 0) return;
    this.snapshotScheduled = true;
    setImmediate(() => this.writeSnapshot());
  }

  /**
   * One due snapshot (a long run's state takes milliseconds to serialise and store), in its own transaction after
   * the group that made it due has been answered; a group waiting to commit goes first, once (under a steady load
   * there is always one). Losing it (a crash, a failure) loses nothing: the events are stored, a reader folds a
   * longer tail, the next append marks it due again.
   */
  private writeSnapshot(): void {
    this.snapshotScheduled = false;
    if (this.scheduled && !this.snapshotYielded) {
      this.snapshotYielded = true;
      return this.scheduleSnapshot();
    }
    this.snapshotYielded = false;
    const runId: string | undefined = this.snapshotsDue.values().next().value;
    if (runId === undefined) return;
    this.snapshotsDue.delete(runId);
    const entry = stateCache(this.db).get(runId);
    try {
      // nothing waits for it: with a WAL to sync, the next group's fsync makes it durable
      if (this.walSync) this.synchronous().normal.run();
      if (entry && entry.eventCount - entry.snapshotAt >= SNAPSHOT_EVERY) {
        // only if no other writer moved the run on since (its event count is the cache's key)
        if (statements(this.db).writeSnapshot.run(JSON.stringify(entry.state), runId, entry.eventCount).changes > 0) {
          entry.snapshotAt = entry.eventCount;
          this.stats.snapshots += 1;
        }
      }
    } catch (error) {
      console.error(
        `stepwise: could not store the state snapshot of run ${runId} ` +
          `(its events are stored; retried at its next append):`,
        error,
      );
    } finally {
      if (this.walSync) this.synchronous().full.run();
    }
    this.scheduleSnapshot();
  }
}

/** The WAL file's fsync for a file database in WAL mode (what openDb opens), else null. */
function walSyncFor(db: Db): WalSync | null {
  const c = db.$client;
  if (c.memory || c.pragma("journal_mode", { simple: true }) !== "wal") return null;
  return new WalSync(`${c.name}-wal`);
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

export async function getRun(db: Db, runId: string) {
  return db
    .select({
      id: runs.id,
      sopId: runs.sopId,
      versionId: runs.versionId,
      agentId: runs.agentId,
      agentName: users.name,
      agentDepartmentId: users.departmentId,
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
      practice: runs.practice,
      scenarioId: runs.scenarioId,
      practiceScore: runs.practiceScore,
      practiceResult: runs.practiceResult,
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

export async function listRunEvents(db: Db, runId: string) {
  return db
    .select({
      id: runEvents.id,
      seq: runEvents.seq,
      type: runEvents.type,
      at: runEvents.at,
      receivedAt: runEvents.receivedAt,
      payload: runEvents.payload,
    })
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
  return db
    .select(listColumns)
    .from(runs)
    .innerJoin(sops, eq(sops.id, runs.sopId))
    .innerJoin(departments, eq(departments.id, sops.departmentId));
}

/**
 * A run that counts as a live call: not discarded by its agent (discarded runs stay in the log, for the audit
 * views) and not a practice call (training shows those, with their scores).
 */
export const counted = sql`(${runs.status} <> 'discarded' and ${runs.practice} = 0)`;

/**
 * An agent's runs, newest first. Discarded runs are left out (they were started by mistake and never count);
 * an audit view passes `includeDiscarded: true` and labels them by their `status` ("discarded").
 */
export async function listRunsForAgent(
  db: Db,
  agentId: string,
  { limit = 50, includeDiscarded = false }: { limit?: number; includeDiscarded?: boolean } = {},
) {
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
export async function listOpenFollowUps(db: Db, agentId: string) {
  return runList(db)
    .where(and(eq(runs.agentId, agentId), isNotNull(runs.followUpDue), isNull(runs.followUpClosedAt), counted))
    .orderBy(asc(runs.followUpDue), asc(runs.startedAt))
    .all();
}

/** A version with whether it is its SOP's published one and whether the SOP is archived, the first `where` finds. */
function versionRef(db: Db, where: SQL | undefined) {
  return db
    .select({
      sopId: sopVersions.sopId,
      versionId: sopVersions.id,
      state: sopVersions.state,
      document: sopVersions.document,
      publishedVersionId: sops.publishedVersionId,
      archivedAt: sops.archivedAt,
    })
    .from(sopVersions)
    .innerJoin(sops, eq(sops.id, sopVersions.sopId))
    .where(where)
    .get();
}

/** The published version an agent would start now. */
export async function getPublishedVersionRef(db: Db, sopId: string) {
  return versionRef(db, and(eq(sops.id, sopId), eq(sopVersions.id, sops.publishedVersionId)));
}

/** A specific version, with whether it is its SOP's published one and whether the SOP is archived. */
export async function getVersionRef(db: Db, versionId: number) {
  return versionRef(db, eq(sopVersions.id, versionId));
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

export async function queryRunsForAgent(db: Db, agentId: string, query: AgentRunQuery = {}) {
  const text = query.q?.trim();
  const like = text ? `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(runs.agentId, agentId),
    inArray(runs.status, ["active", "completed"]),
    eq(runs.practice, false),
    like
      ? sql`(lower(${sops.title}) like ${like} escape '\\'
          or lower(coalesce(${runs.customerRef}, '')) like ${like} escape '\\')`
      : undefined,
    query.status === "active" ? eq(runs.status, "active") : undefined,
    query.status === "completed" ? eq(runs.status, "completed") : undefined,
    query.status === "follow-up"
      ? and(eq(runs.status, "completed"), isNotNull(runs.followUpDue), isNull(runs.followUpClosedAt))
      : undefined,
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
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(runs)
      .innerJoin(sops, eq(sops.id, runs.sopId))
      .where(where)
      .get()?.n ?? 0;
  return { rows, total };
}

/** The procedures an agent has run, for My runs' procedure filter. */
export async function listRunSopsForAgent(db: Db, agentId: string) {
  return db
    .selectDistinct({ id: sops.id, title: sops.title })
    .from(runs)
    .innerJoin(sops, eq(sops.id, runs.sopId))
    .where(and(eq(runs.agentId, agentId), inArray(runs.status, ["active", "completed"]), eq(runs.practice, false)))
    .orderBy(sql`${sops.title} collate nocase`)
    .all();
}
