import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/library";
import { getDb } from "../../db/client.server";
import { listDepartments } from "../../db/users.server";
import { listPublishedSops, type LibraryRow } from "../../db/sops.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { languageDirection } from "../../sop-schema/frontmatter";

export const meta: Route.MetaFunction = () => [{ title: "Library · Stepwise" }];

function matches(row: LibraryRow, words: string[]): boolean {
  const hay = [row.title, row.purpose, row.departmentName, row.owner ?? "", ...row.tags].join(" ").toLocaleLowerCase();
  return words.every((w) => hay.includes(w));
}

export function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "view:library");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const dept = url.searchParams.get("department") ?? "";
  const db = getDb();
  const departments = listDepartments(db).map((d) => ({ id: d.id, name: d.name, slug: d.slug }));
  const selected = departments.find((d) => d.slug === dept);
  const words = q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const rows = listPublishedSops(db, { departmentId: selected?.id }).filter((r) => matches(r, words));
  const groups = departments
    .map((d) => ({ ...d, sops: rows.filter((r) => r.departmentId === d.id).map((r) => ({ ...r, direction: languageDirection(r.language) })) }))
    .filter((g) => g.sops.length > 0);
  return { q, department: selected?.slug ?? "", departments, groups, count: rows.length };
}

export default function Library() {
  const { q, department, departments, groups, count } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header">
        <h1>Library</h1>
        <p className="muted">Published procedures, by department.</p>
      </header>
      <Form method="get" role="search" className="filters">
        <div className="form-field grow">
          <label htmlFor="library-q">Search</label>
          <input id="library-q" name="q" type="search" defaultValue={q} placeholder="Title, purpose, tag or owner" />
        </div>
        <div className="form-field">
          <label htmlFor="library-department">Department</label>
          <select id="library-department" name="department" defaultValue={department}>
            <option value="">All departments</option>
            {departments.map((d) => (
              <option key={d.slug} value={d.slug}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <button className="button" type="submit">
          Apply
        </button>
      </Form>
      <p className="muted small" role="status">
        {count === 1 ? "1 procedure" : `${count} procedures`}
        {q ? ` matching “${q}”` : ""}
      </p>
      {groups.length === 0 ? (
        <section className="empty-state">
          <p>{q || department ? "No published procedure matches. Try fewer words or another department." : "No procedures are published yet."}</p>
        </section>
      ) : (
        groups.map((g) => (
          <section key={g.slug} className="library-group" aria-labelledby={`dept-${g.slug}`}>
            <h2 id={`dept-${g.slug}`}>{g.name}</h2>
            <ul className="sop-cards">
              {g.sops.map((s) => (
                <li key={s.id} className="sop-card" lang={s.language} dir={s.direction}>
                  <h3>
                    <Link to={`/sops/${s.id}`}>{s.title}</Link>
                  </h3>
                  <p className="sop-card-purpose">{s.purpose}</p>
                  <p className="sop-card-meta" dir="ltr">
                    <span>{s.steps} steps</span>
                    <span>v{s.version}</span>
                    {s.owner ? <span>{s.owner}</span> : null}
                  </p>
                  {s.tags.length ? (
                    <ul className="tags" aria-label="Tags">
                      {s.tags.map((t) => (
                        <li key={t} className="tag">
                          {t}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
