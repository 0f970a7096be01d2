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

/**
 * Appends a batch of events in ONE transaction, applying each with the engine. An event id this run already
 * stored is skipped (a client's retry); any refused event rolls the whole batch back. Returns only after commit
 * (synchronous=FULL), so an acknowledged event is durable.
 */
export function appendRunEvents<E extends StoredEvent, S>(db: Db, runId: string, events: E[], engine: RunEngine<E, S>): { accepted: number; duplicates: number; state: S } {
  const now = Date.now();
  return db.transaction((tx) => {
    const run = tx.select().from(runs).where(eq(runs.id, runId)).get();
    if (!run) throw new RunEventRejected(-1, "", "This run does not exist.", 400);
    let state = run.state as S;
    let seq = run.eventCount;
    let accepted = 0;
    let duplicates = 0;
    events.forEach((event, index) => {
      const existing = tx.select({ runId: runEvents.runId }).from(runEvents).where(eq(runEvents.id, event.id)).get();
      if (existing) {
        if (existing.runId !== runId) throw new RunEventRejected(index, event.id, `Event ${event.id} already belongs to another run.`, 409);
        duplicates += 1;
        return;
      }
      const problem = engine.validate(state, event);
      if (problem) throw new RunEventRejected(index, event.id, problem);
      state = engine.reduce(state, event);
      seq += 1;
      accepted += 1;
      tx.insert(runEvents).values({ id: event.id, runId, seq, type: event.type, at: event.at, receivedAt: now, payload: event }).run();
      const fb = engine.feedbackOf?.(event);
      if (fb) {
        tx.insert(feedback)
          .values({ id: fb.id, runId, sopId: run.sopId, versionId: run.versionId, stepId: fb.stepId, kind: fb.kind, text: fb.text, createdBy: run.agentId, createdAt: fb.at })
          .run();
      }
    });
    if (accepted > 0) {
      const summary = engine.summarise(state);
      tx.update(runs)
        .set({
          state,
          eventCount: seq,
          updatedAt: now,
          status: summary.status,
          outcome: summary.outcome ?? null,
          followUpDue: summary.followUpDue ?? null,
          followUpClosedAt: summary.followUpClosedAt ?? null,
          completedAt: summary.completedAt ?? null,
        })
        .where(eq(runs.id, runId))
        .run();
    }
    return { accepted, duplicates, state };
  });
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
