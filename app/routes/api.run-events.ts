import type { Route } from "./+types/api.run-events";
import { getDb } from "../../db/client.server";
import { requireApiUser } from "../auth/session.server";
import { apiError, appendEvents } from "../runs.server";

/**
 * POST /api/runs/:id/events — `{ events: [...] }`, each with a client UUID. Answers after the SQLite
 * transaction commits; an id already stored is accepted again as a no-op; one bad event refuses the batch.
 * In the running server POST is served by app/run-ingest.server.ts, mounted before the router (ADR 010); both
 * call `appendEvents`, and this module stays the route's declaration and its fallback.
 */
export async function action({ request, params }: Route.ActionArgs) {
  const user = requireApiUser(request);
  if (request.method !== "POST") return Response.json({ error: "Use POST to append events." }, { status: 405, headers: { Allow: "POST" } });
  try {
    const body: unknown = await request.json();
    const { accepted, duplicates, state } = await appendEvents(getDb(), user, params.runId, body);
    return Response.json({ accepted, duplicates, state });
  } catch (e) {
    return apiError(e);
  }
}

export function loader() {
  return Response.json({ error: "Use POST to append events; GET /api/runs/:id reads the run." }, { status: 405, headers: { Allow: "POST" } });
}
