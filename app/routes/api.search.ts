import type { Route } from "./+types/api.search";
import { getDb } from "../../db/client.server";
import { readSearchParams, searchSops } from "../../db/search.server";
import { can } from "../auth/permissions";
import { requireRunApiUser } from "../auth/embed-session.server";

/**
 * GET /api/search?q=&department=&tag=&status=&limit=&offset= — full-text search over SOPs.
 * Authors (edit:sop) may ask for drafts and versions in review (`status`); everyone else gets the
 * published versions of non-archived SOPs. `{ total, results }`; 400 `{ error }` on bad parameters.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRunApiUser(request);
  if (!can(user.role, "view:library"))
    return Response.json({ error: "Your role does not give access to the library." }, { status: 403 });
  const db = getDb();
  const audience = can(user.role, "edit:sop") ? "author" : "agent";
  const read = await readSearchParams(db, new URL(request.url).searchParams, audience);
  if (!read.ok) return Response.json({ error: read.error }, { status: 400 });
  const found = await searchSops(db, read.search.options);
  if (found.error) return Response.json({ error: found.error }, { status: 400 });
  return Response.json(
    { total: found.total, results: found.results },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
