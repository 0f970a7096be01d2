import { data, Link } from "react-router";
import type { Route } from "./+types/sop";
import { withoutAnswerKey } from "../../sop-schema/answer-key";
import { assignedSopsOf } from "../../db/training.server";
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
import { useT } from "../components/i18n";
import { openFlagsOnSop } from "../feedback.server";
import "../components/training/training.css";

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requirePermission(request, "view:library");
  const sop = await getPublishedSop(getDb(), params.sopId);
  if (!sop) throw data({ message: "There is no published procedure at this address." }, { status: 404 });
  // The stored, already-validated document: nothing is parsed on a page view.
  const document = sop.document;
  // Authoring details (field names, outcome ids) are for the people who may edit this SOP, not for agents.
  const row = can(user.role, "edit:sop") ? await getSopRow(getDb(), sop.id) : undefined;
  const authoring = row
    ? decideSop(user, "edit", { departmentId: row.departmentId, archived: row.archivedAt != null }).ok
    : false;
  // A published version never changes: its diagrams are drawn once and then served from the cache.
  prepareDiagrams(document, sop.hash, { authoring });
  // Quizzes and scenarios are training: their answer key reaches only the SOP's authors; people who have the SOP
  // in their training are pointed to its training page.
  const inTraining =
    can(user.role, "view:own-training") && (await assignedSopsOf(getDb(), user)).some((a) => a.sopId === sop.id);
  return {
    sopId: sop.id,
    version: sop.version,
    versionKey: sop.hash,
    departmentName: sop.departmentName,
    document: authoring ? document : withoutAnswerKey(document),
    authoring,
    inTraining,
    canRun: can(user.role, "run:sop"),
    canEdit: can(user.role, "edit:sop"),
    openFlags:
      authoring && row ? await openFlagsOnSop(getDb(), user, { id: sop.id, departmentId: row.departmentId }) : null,
  };
}

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.document.meta.title ?? "Procedure"} · Stepwise` },
];

export default function SopPage({ loaderData }: Route.ComponentProps) {
  const { sopId, document, version, versionKey, departmentName, authoring, inTraining, canRun, canEdit, openFlags } =
    loaderData;
  const tr = useT();
  const { t } = tr;
  const actions = (
    <>
      {inTraining ? (
        <p className="alert sop-training-notice" role="note" lang={tr.lang} dir={tr.dir}>
          {t("training.assignedNotice")}{" "}
          <Link to={`/training/${encodeURIComponent(sopId)}`}>{t("training.assignedLink")}</Link>
        </p>
      ) : null}
      {canRun ? <StartRunForm sopId={sopId} /> : null}
      {canEdit ? (
        <nav className="sop-author-links" aria-label="Authoring">
          <Link className="button button-small" to={`/sops/${sopId}/edit`}>
            Edit
          </Link>
          <Link className="button button-small button-ghost" to={`/sops/${sopId}/history`}>
            History
          </Link>
          {openFlags != null ? (
            <Link className="button button-small button-ghost" to={`/feedback?sop=${encodeURIComponent(sopId)}`}>
              {openFlags === 1 ? "1 open flag" : `${openFlags} open flags`}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
  return (
    <SopView
      doc={document}
      version={version}
      versionKey={versionKey}
      authoring={authoring}
      departmentName={departmentName}
      actions={canRun || canEdit || inTraining ? actions : null}
    />
  );
}

export const ErrorBoundary = RouteErrorBoundary;
