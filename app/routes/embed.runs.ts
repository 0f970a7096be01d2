import { z } from "zod";
import type { Route } from "./+types/embed.runs";
import { requireEmbedSession } from "../auth/embed-session.server";
import { startEmbedRun } from "../embed.server";
import { problemOf, problemResponse } from "../http-errors.server";

const startSchema = z.object({ sopId: z.string().trim().min(1).max(200) });

/** POST /embed/runs `{sopId}` — the quick find's pick: start or resume that SOP's run for the session's ticket. */
export async function action({ request }: Route.ActionArgs) {
  const { session, token } = await requireEmbedSession(request);
  if (request.method !== "POST")
    return problemResponse(405, "Use POST to start a run.", { headers: { Allow: "POST" } });
  const body: unknown = await request.json().catch(() => null);
  const input = startSchema.safeParse(body);
  if (!input.success) return problemResponse(400, "Say which procedure to start (sopId).", { field: "sopId" });
  try {
    const started = await startEmbedRun(session, token, input.data.sopId);
    return Response.json(started, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return problemOf(e);
  }
}

export function loader() {
  return problemResponse(405, "Use POST to start a run.", { headers: { Allow: "POST" } });
}
