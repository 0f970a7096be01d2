import { Link } from "react-router";
import type { Route } from "./+types/editor";
import { getDb } from "../../db/client.server";
import { listSopsForAuthors } from "../../db/versions.server";
import { isStale } from "../../sop-schema/review";
import { can } from "../auth/permissions";
import { inScope } from "../auth/policy";
import { requirePermission } from "../auth/session.server";
import { DataTable, type Column } from "../components/data-table";
import { RouteErrorBoundary } from "../components/errors";
import { StateBadge } from "../components/authoring/state-badge";
import { openFlagsBySop } from "../feedback.server";

export const meta: Route.MetaFunction = () => [{ title: "Editor · Stepwise" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "edit:sop");
  const db = getDb();
  const rows = await listSopsForAuthors(db);
  // Agents' open flags, on the SOPs whose flags this viewer handles (their department's; an admin's: all).
  const flags = await openFlagsBySop(db, user, rows);
  return {
    canPublish: can(user.role, "publish:sop"),
    // Leads edit their own department's SOPs; the others open on their history (reviews cross departments).
    sops: rows.map((r) => ({
      ...r,
      mayEdit: inScope(user, r.departmentId),
      stale: !r.archivedAt && isStale(r.nextReviewAt),
      openFlags: flags.get(r.id) ?? 0,
    })),
  };
}

type Sop = Route.ComponentProps["loaderData"]["sops"][number];

const COLUMNS: Column<Sop>[] = [
  {
    id: "sop",
    header: "SOP",
    cell: (s) => (
      <>
        <Link to={s.mayEdit ? `/sops/${s.id}/edit` : `/sops/${s.id}/history`}>{s.title}</Link>
        <div className="muted small mono">{s.id}</div>
      </>
    ),
  },
  { id: "department", header: "Department", cell: (s) => s.departmentName },
  {
    id: "published",
    header: "Published",
    cell: (s) =>
      s.archivedAt ? (
        <StateBadge state="archived" />
      ) : s.publishedVersion ? (
        <span>v{s.publishedVersion}</span>
      ) : (
        <span className="muted">never</span>
      ),
  },
  {
    id: "draft",
    header: "Draft",
    cell: (s) =>
      s.openState ? (
        <>
          <StateBadge state={s.openState} /> <span className="small">v{s.openVersion}</span>
          {s.openState === "in_review" && s.reviewerName ? (
            <div className="muted small">with {s.reviewerName}</div>
          ) : null}
          {s.openErrors ? <div className="field-error small">{s.openErrors} error(s)</div> : null}
        </>
      ) : (
        <span className="muted">—</span>
      ),
  },
  {
    id: "review",
    header: "Review due",
    cell: (s) =>
      s.stale ? (
        <StateBadge state="stale" />
      ) : s.nextReviewAt ? (
        <span className="small">{s.nextReviewAt}</span>
      ) : (
        <span className="muted">—</span>
      ),
  },
  {
    id: "flags",
    header: "Open flags",
    cell: (s) =>
      s.openFlags ? (
        <Link
          to={`/feedback?sop=${encodeURIComponent(s.id)}`}
          className="badge badge-warning"
          aria-label={`${s.openFlags} open ${s.openFlags === 1 ? "flag" : "flags"} on ${s.title}`}
        >
          {s.openFlags === 1 ? "1 open flag" : `${s.openFlags} open flags`}
        </Link>
      ) : (
        <span className="muted">—</span>
      ),
  },
  {
    id: "actions",
    header: "Actions",
    hideHeader: true,
    className: "nowrap",
    cell: (s) => (
      <>
        <Link className="button button-small button-ghost" to={`/sops/${s.id}/history`}>
          History
        </Link>{" "}
        {s.openState === "in_review" ? (
          <Link className="button button-small button-ghost" to={`/sops/${s.id}/review`}>
            Review
          </Link>
        ) : null}
      </>
    ),
  },
];

export default function Editor({ loaderData }: Route.ComponentProps) {
  const { sops } = loaderData;
  const drafts = sops.filter((s) => s.openState).length;
  return (
    <>
      <header className="page-header page-header-row">
        <div>
          <h1>Editor</h1>
          <p className="muted">
            Write, review and publish procedures. {sops.length} SOPs, {drafts} with a draft or a review open.
          </p>
        </div>
        <div className="form-actions">
          <a className="button" href="/editor/export.zip" download>
            Export library (.zip)
          </a>
          <Link className="button" to="/editor/import">
            Import
          </Link>
          <Link className="button button-primary" to="/sops/new">
            New SOP
          </Link>
        </div>
      </header>
      <DataTable
        caption="Every SOP with its published version and open draft"
        columns={COLUMNS}
        rows={sops}
        rowKey={(s) => s.id}
        rowProps={(s) => ({ "data-sop": s.id })}
        empty={
          <>
            <p>There is no SOP yet. Write the first one, or import the procedures you already have.</p>
            <Link className="button button-primary" to="/sops/new">
              New SOP
            </Link>
          </>
        }
      />
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
