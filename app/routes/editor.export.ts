// GET /editor/export.zip — the published library as department/slug.mdx files.
import type { Route } from "./+types/editor.export";
import { getDb } from "../../db/client.server";
import { requirePermission } from "../auth/session.server";
import { exportLibraryZip } from "../import-export.server";

export async function loader({ request }: Route.LoaderArgs) {
  await requirePermission(request, "edit:sop");
  const { bytes } = exportLibraryZip(getDb());
  const day = new Date().toISOString().slice(0, 10);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="stepwise-library-${day}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}
