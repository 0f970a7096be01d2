import type { Route } from "./+types/embed.session";
import { requireEmbedSession } from "../auth/embed-session.server";
import { sessionInfo } from "../embed.server";

/** GET /embed/session — who the embed is signed in as, its language, its host's origins (for the bridge). */
export async function loader({ request }: Route.LoaderArgs) {
  const { session } = await requireEmbedSession(request);
  return Response.json(
    { session: sessionInfo(session), runId: session.runId },
    { headers: { "Cache-Control": "no-store" } },
  );
}
