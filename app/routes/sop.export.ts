// GET /sops/:sopId/export.mdx[?version=N] — the SOP's source as written (published version by default).
import { data } from "react-router";
import type { Route } from "./+types/sop.export";
import { getDb } from "../../db/client.server";
import { requirePermission } from "../auth/session.server";
import { exportSopSource } from "../import-export.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePermission(request, "edit:sop");
  const raw = new URL(request.url).searchParams.get("version");
  const version = raw === null ? undefined : Number(raw);
  if (version !== undefined && (!Number.isInteger(version) || version < 1))
    throw data({ message: "version: a positive whole number" }, { status: 400 });
  const found = await exportSopSource(getDb(), params.sopId, version);
  if (!found) throw data({ message: `There is no such version of “${params.sopId}”.` }, { status: 404 });
  const filename = version ? found.filename.replace(/\.mdx$/, `.v${version}.mdx`) : found.filename;
  return new Response(found.source, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
