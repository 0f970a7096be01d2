import { data, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/sop";
import type { SopDocument } from "../../sop-schema";
import { getDb } from "../../db/client.server";
import { getPublishedSop } from "../../db/sops.server";
import { getSopRow } from "../../db/versions.server";
import { decideSop } from "../auth/policy";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { SopView } from "../components/sop/sop-view";
import { prepareDiagrams } from "../components/sop/diagram-html.server";
import { StartRunForm } from "../components/start-run";
import { can } from "../auth/permissions";

export function loader({ request, params }: Route.LoaderArgs) {
  const user = requirePermission(request, "view:library");
  const sop = getPublishedSop(getDb(), params.sopId);
  if (!sop) throw data({ message: "There is no published procedure at this address." }, { status: 404 });
  // The stored, already-validated document: nothing is parsed on a page view.
  const document = sop.document as SopDocument;
  // Authoring details (field names, outcome ids) are for the people who may edit this SOP, not for agents.
  const row = can(user.role, "edit:sop") ? getSopRow(getDb(), sop.id) : undefined;
  const authoring = row ? decideSop(user, "edit", { departmentId: row.departmentId, archived: row.archivedAt != null }).ok : false;
  // A published version never changes: its diagrams are drawn once and then served from the cache.
  prepareDiagrams(document, sop.hash, { authoring });
  return { sopId: sop.id, version: sop.version, versionKey: sop.hash, departmentName: sop.departmentName, document, authoring, canRun: can(user.role, "run:sop"), canEdit: can(user.role, "edit:sop") };
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.document.meta.title ?? "Procedure"} · Stepwise` }];

export default function SopPage() {
  const { sopId, document, version, versionKey, departmentName, authoring, canRun, canEdit } = useLoaderData<typeof loader>();
  const actions = (
    <>
      {canRun ? <StartRunForm sopId={sopId} /> : null}
      {canEdit ? (
        <nav className="sop-author-links" aria-label="Authoring">
          <Link className="button button-small" to={`/sops/${sopId}/edit`}>
            Edit
          </Link>
          <Link className="button button-small button-ghost" to={`/sops/${sopId}/history`}>
            History
          </Link>
        </nav>
      ) : null}
    </>
  );
  return <SopView doc={document} version={version} versionKey={versionKey} authoring={authoring} departmentName={departmentName} actions={canRun || canEdit ? actions : null} />;
}

export const ErrorBoundary = RouteErrorBoundary;
