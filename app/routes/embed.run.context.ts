import type { Route } from "./+types/embed.run.context";
import { inboundMessageSchema } from "../../integrations/embed-messages";
import { requireEmbedSession } from "../auth/embed-session.server";
import { updateEmbedContext } from "../embed.server";
import { problemOf, problemResponse } from "../http-errors.server";

/**
 * POST /embed/runs/:runId/context `{type: "stepwise:context.update", fields}` — the host's new ticket values (relayed
 * by the embed's bridge): they fill the run's fields that are still empty, as events like any other value.
 */
export async function action({ request, params }: Route.ActionArgs) {
  const { session } = await requireEmbedSession(request);
  const input = inboundMessageSchema.safeParse(await request.json().catch(() => null));
  if (!input.success)
    return problemResponse(400, 'Send {type: "stepwise:context.update", fields: {name: text}}.', { field: "fields" });
  try {
    return Response.json(await updateEmbedContext(session, params.runId, input.data.fields));
  } catch (e) {
    return problemOf(e);
  }
}
