import type { Route } from "./+types/api.runs";
import { getDb } from "../../db/client.server";
import { requireApiUser } from "../auth/session.server";
import { jsonError } from "../http-errors.server";
import { RunApiError, startRun, startRunSchema } from "../runs.server";

/** POST /api/runs — start a run: `{ sopId }` or `{ versionId }`, optional `customerRef`, `channel`. */
export async function action({ request }: Route.ActionArgs) {
  const user = await requireApiUser(request);
  if (request.method !== "POST")
    return Response.json({ error: "Use POST to start a run." }, { status: 405, headers: { Allow: "POST" } });
  try {
    const body: unknown = await request.json();
    const parsed = startRunSchema.safeParse(body);
    if (!parsed.success) throw new RunApiError(400, parsed.error.issues[0]!.message);
    const { runId, state } = await startRun(getDb(), user, parsed.data);
    return Response.json({ id: runId, state }, { status: 201, headers: { Location: `/api/runs/${runId}` } });
  } catch (e) {
    return jsonError(e);
  }
}

export function loader() {
  return Response.json(
    { error: "Use POST to start a run; GET /api/runs/:id reads one." },
    { status: 405, headers: { Allow: "POST" } },
  );
}
