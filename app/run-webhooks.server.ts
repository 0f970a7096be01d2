// What a live call announces to webhooks (issue 12): run.started, run.escalated, run.completed and feedback.created,
// built from the run's document and state and queued in the transaction that stores the event
// (db/webhooks.server.ts). Practice runs announce nothing. Nothing sensitive leaves: captured values of fields the SOP
// marks sensitive are left out and masked in the wrap-up note (app/lib/sensitive.ts).
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.server";
import type { AppendRun } from "../db/runs.server";
import { sopVersions, users } from "../db/schema";
import { enqueueWebhook, webhookWanted } from "../db/webhooks.server";
import { shareableFields } from "../integrations/embed-messages";
import type { WebhookEvent } from "../integrations/webhook-events";
import type { RunEvent } from "../runbook/events";
import type { RunState } from "../runbook/state";
import type { SopDocument } from "../sop-schema/types";
import { shareableWrapUp } from "./lib/sensitive";

type RunRef = Pick<
  AppendRun,
  "id" | "sopId" | "versionId" | "agentId" | "integrationId" | "externalRef" | "customerRef" | "channel"
>;

/** The part every run message carries: which run, of which SOP version, whose, for which ticket. */
function runHeader(tx: Pick<Db, "select">, doc: SopDocument, run: RunRef) {
  const agent = tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, run.agentId)).get();
  const version = tx
    .select({ version: sopVersions.version })
    .from(sopVersions)
    .where(eq(sopVersions.id, run.versionId))
    .get();
  return {
    runId: run.id,
    sop: { id: run.sopId, title: doc.meta.title, version: version?.version ?? null },
    agent: agent ? { email: agent.email, name: agent.name } : null,
    externalRef: run.externalRef,
    integrationId: run.integrationId,
    customerRef: run.customerRef,
    channel: run.channel,
  };
}

/** The path the agent took: steps in the order they were done, and each flow's answers. */
function pathOf(doc: SopDocument, state: RunState) {
  return {
    steps: doc.steps.map((s) => ({ id: s.id, title: s.title, status: state.steps[s.id]?.status ?? "pending" })),
    flows: Object.entries(state.flows).map(([id, f]) => ({
      id,
      path: f.path,
      ended: f.ended ?? null,
    })),
  };
}

/** `run.started`, queued in the transaction that creates the run. */
export function announceRunStarted(tx: Db, doc: SopDocument, run: RunRef, startedAt: number): void {
  if (!webhookWanted(tx, "run.started")) return;
  enqueueWebhook(tx, "run.started", { ...runHeader(tx, doc, run), startedAt: new Date(startedAt).toISOString() });
}

const ANNOUNCED: Partial<Record<RunEvent["type"], WebhookEvent>> = {
  completed: "run.completed",
  escalated: "run.escalated",
  "step.flagged": "feedback.created",
};

/** The engine's `announce` hook (db/runs.server.ts): one message per event that matters, when someone listens. */
export function announceRunEvent(tx: Db, doc: SopDocument, run: AppendRun, event: RunEvent, state: RunState): void {
  const type = ANNOUNCED[event.type];
  if (!type || run.practice || !webhookWanted(tx, type)) return;
  const at = new Date(event.at).toISOString();
  if (event.type === "completed") {
    const outcome = state.outcome;
    enqueueWebhook(tx, type, {
      ...runHeader(tx, doc, run),
      outcome: outcome?.outcome ?? event.outcome,
      followUpDue: outcome?.followUpDue ?? null,
      note: shareableWrapUp(doc, outcome?.wrapUp ?? "", state.fields),
      fields: shareableFields(doc.fields, state.fields),
      path: pathOf(doc, state),
      escalations: state.escalations.map((e) => ({ to: e.to, reason: e.reason, stepId: e.stepId ?? null })),
      startedAt: new Date(state.startedAt).toISOString(),
      completedAt: at,
      handleSeconds: Math.max(0, Math.round((event.at - state.startedAt) / 1000)),
    });
  } else if (event.type === "escalated") {
    enqueueWebhook(tx, type, {
      ...runHeader(tx, doc, run),
      to: event.to,
      reason: event.reason,
      stepId: event.stepId ?? null,
      escalatedAt: at,
    });
  } else if (event.type === "step.flagged") {
    const step = doc.steps.find((s) => s.id === event.stepId);
    enqueueWebhook(tx, type, {
      ...runHeader(tx, doc, run),
      feedbackId: event.id,
      stepId: event.stepId,
      stepTitle: step?.title ?? null,
      kind: event.kind,
      text: event.text,
      createdAt: at,
    });
  }
}
