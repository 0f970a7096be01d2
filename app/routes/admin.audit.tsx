import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/admin.audit";
import { getDb } from "../../db/client.server";
import { listAudit } from "../../db/audit.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";

export const meta: Route.MetaFunction = () => [{ title: "Audit log · Stepwise" }];

const PAGE_SIZE = 50;

export function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "view:audit");
  const url = new URL(request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const { rows, total } = listAudit(getDb(), { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ") + " UTC";
}

export default function Audit() {
  const { rows, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header">
        <h1>Audit log</h1>
        <p className="muted">Who changed what, and when: accounts, roles, departments and publishing. {total} entries.</p>
      </header>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Audit log, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">
                  <time dateTime={new Date(r.at).toISOString()}>{formatTime(r.at)}</time>
                </td>
                <td>{r.actorName ?? <span className="muted">System</span>}</td>
                <td>{r.summary}</td>
                <td>
                  <code className="small">{r.action}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="pager" aria-label="Audit log pages">
          {page > 1 ? <Link to={`?page=${page - 1}`}>Newer</Link> : <span />}
          <span className="muted">
            Page {page} of {pages}
          </span>
          {page < pages ? <Link to={`?page=${page + 1}`}>Older</Link> : <span />}
        </nav>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
