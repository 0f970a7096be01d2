import type { Route } from "./+types/api.run";
import { getDb } from "../../db/client.server";
import { requireRunApiUser } from "../auth/embed-session.server";
import { jsonError } from "../http-errors.server";
import { maskSensitive } from "../lib/sensitive";
import { runPayload } from "../runs.server";

/** GET /api/runs/:id — the run, its events and the reduced state. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireRunApiUser(request);
  try {
    const { run, events, state, document } = await runPayload(getDb(), user, params.runId);
    // sensitive captured values stay with the run's agent (app/lib/sensitive.ts), as on the pages
    const masked = maskSensitive(document, { state, events }, { viewerId: user.id, agentId: run.agentId });
    return Response.json(
      { run: { ...run, state: masked.state }, events: masked.events, state: masked.state },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (e) {
    return jsonError(e);
  }
}
