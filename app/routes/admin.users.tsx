import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/admin.users";
import { getDb } from "../../db/client.server";
import { ROLE_LABELS } from "../../db/roles";
import { listUsers } from "../../db/users.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";

export const meta: Route.MetaFunction = () => [{ title: "Users · Stepwise" }];

export function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "manage:users");
  return { users: listUsers(getDb()) };
}

export default function Users() {
  const { users } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header page-header-row">
        <div>
          <h1>Users</h1>
          <p className="muted">Accounts, roles and departments. Every change is recorded in the audit log.</p>
        </div>
        <Link className="button button-primary" to="/admin/users/new">
          New user
        </Link>
      </header>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">All user accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Department</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                </td>
                <td>{u.email}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.departmentName ?? <span className="muted">—</span>}</td>
                <td>
                  {!u.active ? <span className="badge badge-muted">Deactivated</span> : <span className="badge badge-success">Active</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
