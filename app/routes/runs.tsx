import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/runs";
import { getDb } from "../../db/client.server";
import { listRunsForAgent } from "../../db/runs.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";

export const meta: Route.MetaFunction = () => [{ title: "My runs · Stepwise" }];

export function loader({ request }: Route.LoaderArgs) {
  const user = requirePermission(request, "view:own-runs");
  return { runs: listRunsForAgent(getDb(), user.id, { limit: 100 }) };
}

const OUTCOME: Record<string, string> = { resolved: "Resolved", escalated: "Escalated", "follow-up": "Follow-up", transferred: "Transferred", abandoned: "Abandoned" };

export default function Runs() {
  const { runs } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header">
        <h1>My runs</h1>
        <p className="muted">Every call you stepped through. Active runs resume exactly where you left them.</p>
      </header>
      {runs.length === 0 ? (
        <section className="empty-state">
          <p>You have not run a procedure yet. Press <kbd>/</kbd> anywhere to find one, or open the library.</p>
          <Link className="button" to="/library">
            Open the library
          </Link>
        </section>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Your runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Procedure</th>
                <th scope="col">Customer</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">
                    <time dateTime={new Date(r.startedAt).toISOString()}>{new Date(r.startedAt).toISOString().slice(0, 16).replace("T", " ")}</time>
                  </td>
                  <td>
                    <Link to={`/runs/${r.id}`}>{r.sopTitle}</Link>
                    <div className="muted small">{r.departmentName}</div>
                  </td>
                  <td>{r.customerRef ?? <span className="muted">—</span>}</td>
                  <td>
                    {r.status === "active" ? <span className="badge">In progress</span> : <span className="badge badge-success">{OUTCOME[r.outcome ?? ""] ?? "Completed"}</span>}
                    {r.followUpDue && !r.followUpClosedAt ? <span className="badge badge-warning">Follow up by {r.followUpDue}</span> : null}
                  </td>
                  <td className="nowrap">
                    <Link to={`/runs/${r.id}/timeline`}>Timeline</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
