import type { Route } from "./+types/api.run";
import { getDb } from "../../db/client.server";
import { requireApiUser } from "../auth/session.server";
import { jsonError } from "../http-errors.server";
import { runPayload } from "../runs.server";

/** GET /api/runs/:id — the run, its events and the reduced state. */
export function loader({ request, params }: Route.LoaderArgs) {
  const user = requireApiUser(request);
  try {
    const { run, events, state } = runPayload(getDb(), user, params.runId);
    return Response.json({ run, events, state }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return jsonError(e);
  }
}
