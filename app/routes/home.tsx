import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/home";
import { getDb } from "../../db/client.server";
import { listAudit } from "../../db/audit.server";
import { ROLE_LABELS } from "../../db/roles";
import { countPublishedByDepartment, listPublishedSops } from "../../db/sops.server";
import { countUsers } from "../../db/users.server";
import { listOverdueReviews, listReviewQueue } from "../../db/versions.server";
import { isoDay } from "../../sop-schema/review";
import { can, navFor } from "../auth/permissions";
import { actsOnAllDepartments } from "../auth/policy";
import { requireUser } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";

export const meta: Route.MetaFunction = () => [{ title: "Home · Stepwise" }];

export function loader({ request }: Route.LoaderArgs) {
  const user = requireUser(request);
  const db = getDb();
  const sops = listPublishedSops(db);
  const mine = sops.filter((s) => s.owner === user.email);
  const inDept = user.departmentId ? sops.filter((s) => s.departmentId === user.departmentId) : [];
  return {
    user: { name: user.name, role: user.role },
    totals: { sops: sops.length, departments: countPublishedByDepartment(db) },
    featured: (inDept.length ? inDept : sops).slice(0, 6).map((s) => ({ id: s.id, title: s.title, purpose: s.purpose, departmentName: s.departmentName })),
    mine: mine.map((s) => ({ id: s.id, title: s.title, version: s.version })),
    authoring: can(user.role, "edit:sop")
      ? {
          overdue: listOverdueReviews(db, isoDay(Date.now()), actsOnAllDepartments(user) ? null : user.email),
          reviews: can(user.role, "review:sop") ? listReviewQueue(db, user.id).length : 0,
          all: actsOnAllDepartments(user),
        }
      : null,
    admin: can(user.role, "manage:users") ? { users: countUsers(db), audit: listAudit(db, { limit: 5 }).rows } : null,
  };
}

export default function Home() {
  const { user, totals, featured, mine, admin, authoring } = useLoaderData<typeof loader>();
  const firstName = user.name.split(" ")[0];
  const areas = navFor(user.role).filter((n) => n.to !== "/library");
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">{ROLE_LABELS[user.role]}</p>
        <h1>Welcome, {firstName}</h1>
      </header>

      <Form method="get" action="/library" role="search" className="home-search">
        <label htmlFor="home-q" className="visually-hidden">
          Find a procedure
        </label>
        <input id="home-q" name="q" type="search" placeholder="Find a procedure: refund, identity check, late delivery…" />
        <button className="button button-primary" type="submit">
          Search
        </button>
      </Form>

      <div className="grid-2">
        <section className="card" aria-labelledby="featured-title">
          <h2 id="featured-title">Procedures for you</h2>
          {featured.length === 0 ? (
            <p className="muted">No procedures are published yet.</p>
          ) : (
            <ul className="link-list">
              {featured.map((s) => (
                <li key={s.id}>
                  <Link to={`/sops/${s.id}`}>{s.title}</Link>
                  <span className="muted small">{s.departmentName}</span>
                </li>
              ))}
            </ul>
          )}
          <Link to="/library" className="card-footer-link">
            All {totals.sops} procedures
          </Link>
        </section>

        <section className="card" aria-labelledby="areas-title">
          <h2 id="areas-title">Your work</h2>
          {mine.length > 0 ? (
            <>
              <p className="muted small">Procedures you own</p>
              <ul className="link-list">
                {mine.map((s) => (
                  <li key={s.id}>
                    <Link to={`/sops/${s.id}`}>{s.title}</Link>
                    <span className="muted small">v{s.version}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {areas.length > 0 ? (
            <ul className="area-list">
              {areas.map((a) => (
                <li key={a.to}>
                  <Link to={a.to}>{a.label}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>
              <Link to="/library">Read your department's procedures in the library</Link>
            </p>
          )}
        </section>

        {authoring ? (
          <section className="card" aria-labelledby="review-due-title">
            <h2 id="review-due-title">Due for review</h2>
            {authoring.reviews ? (
              <p>
                <Link to="/reviews">{authoring.reviews} SOP(s) waiting for your approval</Link>
              </p>
            ) : null}
            {authoring.overdue.length === 0 ? (
              <p className="muted">{authoring.all ? "No SOP is overdue for review." : "None of your SOPs is overdue for review."}</p>
            ) : (
              <ul className="link-list" aria-label="SOPs overdue for review">
                {authoring.overdue.map((s) => (
                  <li key={s.id}>
                    <Link to={`/sops/${s.id}/edit`}>{s.title}</Link>
                    <span className="badge badge-warning">overdue since {s.nextReviewAt}</span>
                  </li>
                ))}
              </ul>
            )}
            <Link to="/editor" className="card-footer-link">
              Open the editor
            </Link>
          </section>
        ) : null}

        <section className="card" aria-labelledby="depts-title">
          <h2 id="depts-title">Library by department</h2>
          <ul className="stat-list">
            {totals.departments.map((d) => (
              <li key={d.departmentName}>
                <span>{d.departmentName}</span>
                <strong>{d.n}</strong>
              </li>
            ))}
          </ul>
        </section>

        {admin ? (
          <section className="card" aria-labelledby="admin-title">
            <h2 id="admin-title">Administration</h2>
            <p>
              <strong>{admin.users}</strong> user accounts · <Link to="/admin/users">Manage users</Link>
            </p>
            <h3 className="small-heading">Recent changes</h3>
            <ul className="link-list">
              {admin.audit.map((a) => (
                <li key={a.id}>
                  <span>{a.summary}</span>
                  <span className="muted small">{a.actorName ?? "System"}</span>
                </li>
              ))}
            </ul>
            <Link to="/admin/audit" className="card-footer-link">
              Full audit log
            </Link>
          </section>
        ) : null}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
