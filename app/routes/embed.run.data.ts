import type { Route } from "./+types/embed.run.data";
import { requireEmbedSession } from "../auth/embed-session.server";
import { embedRun } from "../embed.server";
import { problemOf } from "../http-errors.server";

/** GET /embed/runs/:runId/data — the run for the compact runbook (as the full run screen's loader gives it). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { session } = await requireEmbedSession(request);
  try {
    return Response.json(await embedRun(session, params.runId), { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return problemOf(e);
  }
}
