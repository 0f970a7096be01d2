// Runs an integration starts for a ticket (the REST API's POST /api/v1/runs and the embed's launch): one rule for
// both. A ticket that already has an active run of the same SOP for the same agent resumes it (a reload of the help
// desk, a second launch), otherwise a run starts; context values whose names match the SOP's `<Field>`s are
// captured as ordinary `field.captured` events, so the run's log says where they came from like any other value.
import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.server";
import { runs } from "../db/schema";
import { CHANNELS } from "../runbook/events";
import type { SessionUser } from "./auth/session.server";
import { appendEvents, RunApiError, runPayload, startRun } from "./runs.server";

export type IntegrationRunInput = {
  integrationId: string;
  sopId: string;
  /** the integration's reference for the call (a ticket id); runs are resumed by it */
  externalRef: string | null;
  /** values to fill: keys are `<Field name>`s; unknown names are reported back, not stored */
  fields?: Record<string, string>;
  channel?: (typeof CHANNELS)[number];
  customerRef?: string;
};

export type IntegrationRunResult = {
  runId: string;
  resumed: boolean;
  /** the field names that were filled from the context */
  filled: string[];
  /** context names the SOP has no `<Field>` for */
  ignored: string[];
  /** values the field refused (its pattern or type), with the reason: the agent fills them in */
  invalid: { name: string; reason: string }[];
};

/** The agent's active run of this SOP for this ticket, if there is one. */
export function findActiveTicketRun(
  db: Db,
  agentId: string,
  input: Pick<IntegrationRunInput, "integrationId" | "sopId" | "externalRef">,
): string | null {
  if (!input.externalRef) return null;
  return (
    db
      .select({ id: runs.id })
      .from(runs)
      .where(
        and(
          eq(runs.externalRef, input.externalRef),
          eq(runs.integrationId, input.integrationId),
          eq(runs.agentId, agentId),
          eq(runs.sopId, input.sopId),
          eq(runs.status, "active"),
          eq(runs.practice, false),
        ),
      )
      .orderBy(desc(runs.startedAt))
      .get()?.id ?? null
  );
}

export async function startOrResumeTicketRun(
  db: Db,
  agent: SessionUser,
  input: IntegrationRunInput,
): Promise<IntegrationRunResult> {
  const existing = findActiveTicketRun(db, agent.id, input);
  const runId =
    existing ??
    (
      await startRun(
        db,
        agent,
        {
          sopId: input.sopId,
          channel: input.channel,
          customerRef: input.customerRef ?? input.externalRef ?? undefined,
        },
        { id: input.integrationId, externalRef: input.externalRef },
      )
    ).runId;
  // the current state (the row's is a snapshot that may lag a few events)
  const { state, document: doc } = await runPayload(db, agent, runId);
  const known = new Set(doc?.fields.map((f) => f.name) ?? []);
  const entries = Object.entries(input.fields ?? {}).filter(([, v]) => typeof v === "string" && v.trim() !== "");
  const ignored = entries.filter(([name]) => !known.has(name)).map(([name]) => name);
  // A resumed run keeps what the agent typed since: only fields still empty are filled from the context.
  const captured = state.fields;
  const toFill = entries.filter(([name]) => known.has(name) && !(existing && captured[name]));
  // One event per value: a value the field refuses (a ticket's "order" that is not an order number) is reported and
  // left for the agent, without losing the others.
  const filled: string[] = [];
  const invalid: { name: string; reason: string }[] = [];
  for (const [name, value] of toFill) {
    try {
      await appendEvents(db, agent, runId, {
        events: [{ id: randomUUID(), at: Date.now(), type: "field.captured", name, value: value.slice(0, 5000) }],
      });
      filled.push(name);
    } catch (e) {
      if (!(e instanceof RunApiError) || e.status !== 400) throw e;
      invalid.push({ name, reason: e.message });
    }
  }
  return { runId, resumed: existing !== null, filled, ignored, invalid };
}
