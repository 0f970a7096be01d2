// Run history written in bulk: the demo's months of calls and the analytics benchmark's year. A historic run is
// stored exactly as the live path (createRun, appendRunEvents) would have left it — its row with the state and
// list columns, every event in order, its facts if it is wrapped up, a feedback row per flagged step — so every
// page, the follow-up list and a later append read it like any other run. The caller produced the events with
// the engine (they are not validated again here) and passes batches: one transaction per call.
import type { Db } from "./client.server";
import type { RunFacts } from "../analytics/facts";
import { writeFacts, type FeedbackInput, type RunSummary, type StoredEvent } from "./runs.server";
import { FEEDBACK_STATES, type feedback } from "./schema";

/** Where a flag raised in a historic run stands in the lead's inbox (default: new, untouched). */
export type HistoricFlagInbox = {
  state: (typeof FEEDBACK_STATES)[number];
  reply?: string | null;
  dismissReason?: string | null;
  /** the published version that fixed it (state done) */
  fixedVersionId?: number | null;
  handledBy?: string | null;
  handledAt?: number | null;
};

export type HistoricRun<E extends StoredEvent = StoredEvent, S = unknown> = {
  id: string;
  sopId: string;
  versionId: number;
  agentId: string;
  customerRef?: string | null;
  channel?: string | null;
  /** every event the run took, `started` first, in the order they were applied (times not decreasing) */
  events: readonly E[];
  /** the state after the last of them (stored as the run's snapshot: readers fold nothing) */
  state: S;
  summary: RunSummary;
  /** required for a completed run, null for any other (open runs have no facts) */
  facts: RunFacts | null;
  /** the inbox state of the feedback a flagging event created, by that event's id */
  flags?: Readonly<Record<string, HistoricFlagInbox>>;
};

type FeedbackKind = (typeof feedback.$inferInsert)["kind"];

/** The feedback row a step.flagged event creates, read from the event itself (the app engine's feedbackOf). */
function flaggedStep(event: StoredEvent): FeedbackInput | null {
  if (event.type !== "step.flagged") return null;
  const e = event as StoredEvent & { stepId?: unknown; kind?: unknown; text?: unknown };
  if (typeof e.stepId !== "string" || typeof e.kind !== "string" || typeof e.text !== "string") return null;
  return { id: e.id, stepId: e.stepId, kind: e.kind as FeedbackKind, text: e.text, at: e.at };
}

type Statements = {
  run: import("better-sqlite3").Statement<unknown[]>;
  event: import("better-sqlite3").Statement<unknown[]>;
  feedback: import("better-sqlite3").Statement<unknown[]>;
};
const prepared = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = prepared.get(db);
  if (!s) {
    const c = db.$client;
    s = {
      run: c.prepare(
        "INSERT INTO runs (id, sop_id, version_id, agent_id, status, " +
          "customer_ref, channel, outcome, follow_up_due, follow_up_closed_at, " +
          "started_at, completed_at, updated_at, event_count, state, current_step_index, " +
          "practice) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
      ),
      event: c.prepare(
        "INSERT INTO run_events (id, run_id, seq, type, at, received_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      feedback: c.prepare(
        "INSERT INTO feedback (id, run_id, sop_id, version_id, step_id, " +
          "kind, text, created_by, created_at, resolved_at, state, reply, " +
          "dismiss_reason, fixed_version_id, handled_by, handled_at) " +
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
    };
    prepared.set(db, s);
  }
  return s;
}

/**
 * Inserts finished or still-open runs with all they would have stored live, in ONE transaction (all or nothing).
 * `updated_at` and every event's `received_at` are the events' own times (the history is back-dated). A feedback
 * row is written for each event `feedbackOf` maps to one (by default a `step.flagged` event, as the app engine
 * does), with its inbox state from `run.flags` (resolved_at follows it as the inbox sets it: done or dismissed).
 */
export async function insertHistoricRuns<E extends StoredEvent, S>(
  db: Db,
  runs: readonly HistoricRun<E, S>[],
  feedbackOf: (event: E) => FeedbackInput | null = flaggedStep,
): Promise<void> {
  if (runs.length === 0) return;
  const q = statements(db);
  db.$client.transaction(() => {
    for (const r of runs) {
      const first = r.events[0];
      if (!first || first.type !== "started")
        throw new Error(`Historic run ${r.id}: its first event must be “started”.`);
      const completed = r.summary.status === "completed";
      if (completed !== (r.facts !== null))
        throw new Error(`Historic run ${r.id}: a completed run needs its facts, and only a completed run has them.`);
      let updatedAt = first.at;
      for (const e of r.events) updatedAt = Math.max(updatedAt, e.at);
      const s = r.summary;
      q.run.run(
        r.id,
        r.sopId,
        r.versionId,
        r.agentId,
        s.status,
        r.customerRef ?? null,
        r.channel ?? null,
        s.outcome ?? null,
        s.followUpDue ?? null,
        s.followUpClosedAt ?? null,
        first.at,
        s.completedAt ?? null,
        updatedAt,
        r.events.length,
        JSON.stringify(r.state),
        s.currentStepIndex ?? null,
      );
      r.events.forEach((e, i) => {
        q.event.run(e.id, r.id, i + 1, e.type, e.at, e.at, JSON.stringify(e));
        const fb = feedbackOf(e);
        if (!fb) return;
        const inbox = r.flags?.[e.id];
        const state = inbox?.state ?? "new";
        if (!FEEDBACK_STATES.includes(state))
          throw new Error(`Historic run ${r.id}: “${state}” is not a feedback state.`);
        const handledAt = inbox?.handledAt ?? null;
        const resolvedAt = state === "done" || state === "dismissed" ? handledAt : null;
        q.feedback.run(
          fb.id,
          r.id,
          r.sopId,
          r.versionId,
          fb.stepId,
          fb.kind,
          fb.text,
          r.agentId,
          fb.at,
          resolvedAt,
          state,
          inbox?.reply ?? null,
          inbox?.dismissReason ?? null,
          inbox?.fixedVersionId ?? null,
          inbox?.handledBy ?? null,
          handledAt,
        );
      });
      // every live run has its dashboard row (a wrapped-up one with its facts), as the live path writes it
      if (r.summary.status !== "discarded")
        writeFacts(db, r.id, r.summary.status === "completed" ? r.facts : null, r.summary.currentStepIndex ?? null);
    }
  })();
}
