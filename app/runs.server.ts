import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { SopDocument } from "../sop-schema/types";
import { CHANNELS, eventBatchSchema, isWrapUpEvent, MAX_EVENTS_PER_RUN, type RunEvent } from "../runbook/events";
import { initialState, type RunState } from "../runbook/state";
import { applyParsedEvent, reduce } from "../runbook/reduce";
import { validateEvent } from "../runbook/validate";
import type { Db } from "../db/client.server";
import { Refusal } from "../db/refusal";
import { runFacts } from "../analytics/facts";
import {
  createRun,
  currentRunState,
  getPublishedVersionRef,
  getRun,
  getRunWriteHead,
  getVersionDocument,
  getVersionRef,
  listRunEvents,
  RunEventLimitReached,
  RunEventRejected,
  runEventWriter,
  type RunEngine,
  type RunSummary,
} from "../db/runs.server";
import { authorize, decideRun, decideStart } from "./auth/policy";
import { trainersOf } from "../db/training.server";
import { liveRunGate } from "./training.server";
import type { SessionUser } from "./auth/session.server";
import { announceRunEvent, announceRunStarted } from "./run-webhooks.server";
import { nudgeWebhooks } from "./webhook-delivery.server";

export class RunApiError extends Refusal {
  declare readonly status: 400 | 403 | 404 | 409;
  constructor(status: 400 | 403 | 404 | 409, message: string, details?: Record<string, unknown>) {
    super(status, message, { details });
  }
}

export const startRunSchema = z
  .object({
    sopId: z.string().trim().min(1).max(120).optional(),
    versionId: z.coerce.number().int().positive().optional(),
    customerRef: z.string().trim().max(120, "customerRef: keep it under 120 characters").optional(),
    channel: z.enum(CHANNELS, { error: `channel: one of ${CHANNELS.join(", ")}` }).optional(),
  })
  .refine((v) => v.sopId || v.versionId, { message: "Give the sopId (or versionId) of the procedure to run." });

/** A run's list columns (status, where it stands, outcome, follow-up), derived from its state. */
export function runSummary(state: RunState, doc?: SopDocument): RunSummary {
  const index = doc && state.currentStepId ? doc.steps.findIndex((s) => s.id === state.currentStepId) : -1;
  return {
    status: state.status,
    currentStepIndex: index >= 0 ? index : null,
    outcome: state.outcome?.outcome ?? null,
    followUpDue: state.followUp?.due ?? null,
    followUpClosedAt: state.followUp?.closedAt ?? null,
    completedAt: state.completedAt ?? null,
  };
}

const engines = new WeakMap<SopDocument, RunEngine<RunEvent, RunState>>();

function engineFor(doc: SopDocument): RunEngine<RunEvent, RunState> {
  let engine = engines.get(doc);
  if (!engine) engines.set(doc, (engine = makeEngine(doc)));
  return engine;
}

/**
 * Parsed documents by version id. A version is immutable once published, so one parse serves every append to
 * every run of it (and the runbook's per-document index, a WeakMap, is built once too).
 */
const documents = new Map<number, SopDocument>();
const DOCUMENT_CACHE_SIZE = 100;

export function versionDocument(db: Db, versionId: number): SopDocument | undefined {
  let doc = documents.get(versionId);
  if (doc) {
    documents.delete(versionId); // most recently used last
  } else {
    doc = getVersionDocument(db, versionId);
    if (!doc) return undefined;
    if (documents.size >= DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value!);
  }
  documents.set(versionId, doc);
  return doc;
}

function makeEngine(doc: SopDocument): RunEngine<RunEvent, RunState> {
  return {
    validate: (state, event) => validateEvent(doc, state, event),
    reduce: (state, event) => reduce(doc, state, event),
    // the batch was parsed whole (eventBatchSchema): each event is checked once, not by validate and reduce both
    apply: (state, event) => applyParsedEvent(doc, state, event),
    summarise: (state) => runSummary(state, doc),
    feedbackOf: (event) =>
      event.type === "step.flagged"
        ? { id: event.id, stepId: event.stepId, kind: event.kind, text: event.text, at: event.at }
        : null,
    limit: { maxEvents: MAX_EVENTS_PER_RUN, exempt: isWrapUpEvent },
    // every applied event's id is in the state once (idempotence): its count is the snapshot's place in the log
    eventCountOf: (state) => state.appliedEventIds.length,
    factsOf: (state) => runFacts(doc, state),
    announce: (tx, run, event, state) => announceRunEvent(tx, doc, run, event, state),
  };
}

/** Starts a run pinned to the SOP's published version (or the version asked for). */
export async function startRun(
  db: Db,
  user: SessionUser,
  input: z.infer<typeof startRunSchema>,
  /** started for an integration (API or embed) and its reference for the run (a ticket id) */
  integration?: { id: string; externalRef: string | null },
): Promise<{ runId: string; state: RunState }> {
  authorize(decideStart(user, { published: true, archived: false })); // the role, before anything is looked up
  const ref = input.versionId
    ? await getVersionRef(db, input.versionId)
    : await getPublishedVersionRef(db, input.sopId!);
  if (!ref)
    throw new RunApiError(
      404,
      input.versionId ? `There is no SOP version ${input.versionId}.` : `There is no published SOP “${input.sopId}”.`,
    );
  // Agents run what is published now: not a draft, not a superseded version, nothing of an archived SOP.
  authorize(
    decideStart(user, {
      published: ref.publishedVersionId === ref.versionId && (ref.state === "published" || ref.state === "archived"),
      archived: ref.archivedAt != null,
    }),
  );
  // A department may require a certificate on the SOP for live calls (training); practice calls stay open.
  const gate = await liveRunGate(db, user, ref.sopId);
  if (!gate.ok)
    throw new RunApiError(
      403,
      gate.trainers.length
        ? `${gate.reason} (${gate.trainers.map((t) => `${t.name}, ${t.email}`).join("; ")})`
        : gate.reason,
      { code: "certification-required", trainers: gate.trainers },
    );
  const doc = ref.document;
  const started = {
    id: randomUUID(),
    at: Date.now(),
    type: "started" as const,
    sopId: ref.sopId,
    versionId: ref.versionId,
    ...(input.customerRef ? { customerRef: input.customerRef } : {}),
    ...(input.channel ? { channel: input.channel } : {}),
  };
  const state = initialState(doc, started);
  const runId = await createRun(
    db,
    {
      sopId: ref.sopId,
      versionId: ref.versionId,
      agentId: user.id,
      customerRef: input.customerRef,
      channel: input.channel,
      started,
      state,
      summary: runSummary(state, doc),
      integration,
    },
    // the same connection, so inside the run's creating transaction (as the append path writes through `db`)
    (_tx, id) =>
      announceRunStarted(
        db,
        doc,
        {
          id,
          sopId: ref.sopId,
          versionId: ref.versionId,
          agentId: user.id,
          integrationId: integration?.id ?? null,
          externalRef: integration?.externalRef ?? null,
          customerRef: input.customerRef ?? null,
          channel: input.channel ?? null,
        },
        started.at,
      ),
  );
  nudgeWebhooks(db);
  return { runId, state };
}

type Access = "read" | "write";

/** The policy's run rule (app/auth/policy.ts): trainers may read the practice runs of the people they look after. */
function authorise(
  user: SessionUser,
  run: { agentId: string; departmentId: number | null; practice?: boolean },
  access: Access,
  trainerIds: readonly string[] = [],
): void {
  authorize(
    decideRun(user, access, {
      agentId: run.agentId,
      departmentId: run.departmentId,
      practice: run.practice === true,
      trainerIds,
    }),
  );
}

/**
 * The run if this user may read (the agent, admins, leads; a trainer for a practice run) or write (only the agent) it.
 */
export async function loadRunFor(db: Db, user: SessionUser, runId: string, access: Access) {
  const run = await getRun(db, runId);
  if (!run) throw new RunApiError(404, "There is no run with this id.");
  const trainers =
    user.role === "trainer" && run.practice
      ? (await trainersOf(db, { departmentId: run.agentDepartmentId })).map((t) => t.id)
      : [];
  authorise(user, run, access, trainers);
  return run;
}

/**
 * Validates and appends a batch; resolves after the commit that holds it (group commit: batches that arrive
 * together share one transaction, each in its own savepoint). The answer the API sends is `accepted`,
 * `duplicates` and `eventCount` (README "Running a call"); `state` is for the callers that asked for it.
 * A run at MAX_EVENTS_PER_RUN refuses the batch with 409 `{ code: "run-event-limit", limit, eventCount }`
 * (no `index`: no single event is at fault), unless it only wraps up.
 */
export async function appendEvents(db: Db, user: SessionUser, runId: string, body: unknown) {
  const run = await getRunWriteHead(db, runId);
  if (!run) throw new RunApiError(404, "There is no run with this id.");
  authorise(user, { agentId: run.agentId, departmentId: null }, "write"); // writing depends on the agent alone
  const doc = versionDocument(db, run.versionId);
  if (!doc) throw new RunApiError(404, "The procedure version of this run is missing.");
  const parsed = eventBatchSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // `index` names the event at fault (the client drops that one and sends the rest).
    const index = issue.path[0] === "events" && typeof issue.path[1] === "number" ? issue.path[1] : undefined;
    throw new RunApiError(400, `Invalid event batch at ${issue.path.join(".") || "body"}: ${issue.message}`, {
      path: issue.path,
      ...(index === undefined ? {} : { index }),
    });
  }
  try {
    return await runEventWriter(db).append(runId, parsed.data.events, engineFor(doc));
  } catch (e) {
    if (e instanceof RunEventLimitReached) {
      throw new RunApiError(
        409,
        `${e.message} Nothing of this batch was stored; the wrap-up is still ` +
          `accepted, so wrap up the call (and start a new run to go on).`,
        { code: "run-event-limit", limit: e.maxEvents, eventCount: e.eventCount },
      );
    }
    if (e instanceof RunEventRejected) {
      throw new RunApiError(
        e.status,
        e.index >= 0
          ? `Event ${e.index + 1} (${e.eventId}) was refused: ${e.message} Nothing of this batch was stored.`
          : e.message,
        { index: e.index, eventId: e.eventId },
      );
    }
    throw e;
  }
}

/**
 * A run as its pages and `GET /api/runs/:id` show it. The row's `state` is a snapshot (db/runs.server.ts
 * SNAPSHOT_EVERY): `state` here is the current one, the cached committed state or the snapshot with the few
 * events after it folded in.
 */
export async function runPayload(db: Db, user: SessionUser, runId: string) {
  const run = await loadRunFor(db, user, runId, "read");
  const { document, state: snapshot, ...rest } = run;
  const doc = versionDocument(db, run.versionId) ?? document;
  const state = await currentRunState(db, runId, { eventCount: run.eventCount, state: snapshot }, engineFor(doc));
  return { run: { ...rest, state }, events: (await listRunEvents(db, runId)).map((e) => e.payload), state, document };
}

/**
 * A run's current state from its row as read (a list or an export reads many): the cached committed state, or the
 * snapshot with the few events after it folded in. Null when its version's document is missing.
 */
export async function runStateOf(
  db: Db,
  row: { id: string; versionId: number; eventCount: number; state: unknown },
): Promise<RunState | null> {
  const doc = versionDocument(db, row.versionId);
  if (!doc) return null;
  return await currentRunState(db, row.id, { eventCount: row.eventCount, state: row.state }, engineFor(doc));
}
