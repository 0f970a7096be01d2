import { Form, NavLink, Outlet, useLoaderData } from "react-router";
import type { Route } from "./+types/shell";
import { ROLE_LABELS } from "../../db/roles";
import { can, navFor } from "../auth/permissions";
import { requireUser } from "../auth/session.server";
import { Logo } from "../components/logo";
import { RouteErrorBoundary } from "../components/errors";
import { QuickFind } from "../components/quick-find";

export function loader({ request }: Route.LoaderArgs) {
  const user = requireUser(request);
  return { user: { name: user.name, email: user.email, role: user.role }, canRun: can(user.role, "run:sop") };
}

export default function Shell() {
  const { user, canRun } = useLoaderData<typeof loader>();
  const nav = navFor(user.role);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <NavLink to="/" className="sidebar-brand" aria-label="Stepwise home">
          <Logo />
        </NavLink>
        <QuickFind canRun={canRun} />
        <nav aria-label="Main">
          <ul className="nav-list">
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className="nav-link" prefetch="intent">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-user">
          <div className="avatar" aria-hidden="true">
            {initials(user.name)}
          </div>
          <div className="sidebar-user-text">
            <span className="sidebar-user-name">{user.name}</span>
            <span className="sidebar-user-role" data-testid="current-role">
              {ROLE_LABELS[user.role]}
            </span>
          </div>
          <Form method="post" action="/logout">
            <button type="submit" className="button button-ghost button-small">
              Sign out
            </button>
          </Form>
        </div>
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join("");
}

export const ErrorBoundary = RouteErrorBoundary;
