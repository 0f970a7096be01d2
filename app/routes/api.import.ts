// POST /api/import (multipart: files[], department?) → { report }: the import page posts here with
// XMLHttpRequest so it can show upload progress.
import type { Route } from "./+types/api.import";
import { requireApiUser } from "../auth/session.server";
import { can } from "../auth/permissions";
import { handleImportRequest } from "../import-request.server";

export async function action({ request }: Route.ActionArgs) {
  const user = await requireApiUser(request);
  if (!can(user.role, "edit:sop")) throw Response.json({ error: "Your role cannot import SOPs." }, { status: 403 });
  if (request.method !== "POST") throw Response.json({ error: "POST the files." }, { status: 405 });
  try {
    return Response.json(await handleImportRequest(request, user));
  } catch (e) {
    // Thrown data() from the handler: answer JSON with its status.
    if (e && typeof e === "object" && "init" in e && "data" in e) {
      const d = e as { data: { message?: string }; init: { status?: number } | null };
      return Response.json({ error: d.data.message ?? "Bad request" }, { status: d.init?.status ?? 400 });
    }
    throw e;
  }
}
