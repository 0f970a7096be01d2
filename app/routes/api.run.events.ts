import type { Route } from "./+types/api.run.events";
import { getDb } from "../../db/client.server";
import { requireRunApiUser } from "../auth/embed-session.server";
import { jsonError } from "../http-errors.server";
import { appendEvents } from "../runs.server";

/**
 * POST /api/runs/:id/events — `{ events: [...] }`, each with a client UUID. Answers after the SQLite
 * transaction commits with `{ accepted, duplicates, eventCount }` (`?state=1`: and `state`); an id already
 * stored is accepted again as a no-op; one bad event refuses the batch.
 * In the running server POST is served by app/run-ingest.server.ts, mounted before the router (ADR 010); both
 * call `appendEvents`, and this module stays the route's declaration and its fallback.
 */
export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireRunApiUser(request);
  if (request.method !== "POST")
    return Response.json({ error: "Use POST to append events." }, { status: 405, headers: { Allow: "POST" } });
  try {
    const body: unknown = await request.json();
    const { accepted, duplicates, eventCount, state } = await appendEvents(getDb(), user, params.runId, body);
    // What changed, not the whole state (the client folds its batch itself); `?state=1` adds the state.
    const withState = new URL(request.url).searchParams.get("state") === "1";
    return Response.json(
      withState ? { accepted, duplicates, eventCount, state } : { accepted, duplicates, eventCount },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (e) {
    return jsonError(e);
  }
}

export function loader() {
  return Response.json(
    { error: "Use POST to append events; GET /api/runs/:id reads the run." },
    { status: 405, headers: { Allow: "POST" } },
  );
}
