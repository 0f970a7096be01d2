import { useEffect, useRef } from "react";
import { Form, Link, useNavigation, useSubmit } from "react-router";
import type { Route } from "./+types/library";
import { getDb } from "../../db/client.server";
import { listDepartments } from "../../db/users.server";
import {
  listSearchTags,
  readSearchParams,
  SEARCH_MAX_QUERY,
  searchSops,
  type SearchStatus,
} from "../../db/search.server";
import { can } from "../auth/permissions";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { DepartmentSelect } from "../components/selects";
import { SearchResultCard, SearchResults, type SearchResultView } from "../components/search-results";
import { languageDirection } from "../../sop-schema/frontmatter";

export const meta: Route.MetaFunction = () => [{ title: "Library · Stepwise" }];

const PAGE_SIZE = 30;
const STATUS_OPTIONS: { value: SearchStatus; label: string }[] = [
  { value: "published", label: "Published" },
  { value: "draft", label: "Draft" },
  { value: "in_review", label: "In review" },
  { value: "any", label: "Any state" },
];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "view:library");
  const isAuthor = can(user.role, "edit:sop");
  const audience = isAuthor ? "author" : "agent";
  const url = new URL(request.url);
  const db = getDb();
  const departments = (await listDepartments(db)).map((d) => ({ id: d.id, name: d.name, slug: d.slug }));

  // The library is forgiving where the API is strict: an over-long query is cut, a bad page is page 1.
  const params = new URLSearchParams();
  const q = (url.searchParams.get("q") ?? "").slice(0, SEARCH_MAX_QUERY);
  const page = Math.min(Math.max(1, Math.trunc(Number(url.searchParams.get("page")) || 1)), 300);
  params.set("q", q);
  for (const key of ["department", "tag"]) params.set(key, url.searchParams.get(key) ?? "");
  // The library shows published procedures unless an author asks for another state.
  const status = (
    isAuthor && STATUS_OPTIONS.some((o) => o.value === url.searchParams.get("status"))
      ? url.searchParams.get("status")
      : "published"
  ) as SearchStatus;
  params.set("status", status);
  params.set("limit", String(PAGE_SIZE));
  params.set("offset", String((page - 1) * PAGE_SIZE));

  const read = await readSearchParams(db, params, audience);
  let error: string | null = read.ok ? null : read.error;
  const found = read.ok ? await searchSops(db, read.search.options) : { total: 0, results: [] };
  if (found.error) error = found.error;
  const results: SearchResultView[] = found.results.map((r) => ({ ...r, dir: languageDirection(r.language) }));
  return {
    q,
    department: read.ok ? (read.search.department?.slug ?? "") : "",
    tag: read.ok ? (read.search.options.tag ?? "") : "",
    status,
    isAuthor,
    departments,
    tags: await listSearchTags(db, audience),
    results,
    total: found.total,
    page,
    pageSize: PAGE_SIZE,
    maxQuery: SEARCH_MAX_QUERY,
    error,
  };
}

function countLabel(n: number, status: SearchStatus): string {
  const [one, many] =
    status === "published"
      ? ["published procedure", "published procedures"]
      : status === "draft"
        ? ["draft", "drafts"]
        : status === "in_review"
          ? ["procedure in review", "procedures in review"]
          : ["procedure", "procedures"];
  return n === 1 ? `1 ${one}` : `${n.toLocaleString("en")} ${many}`;
}

function pageHref(
  search: { q: string; department: string; tag: string; status: SearchStatus; isAuthor: boolean },
  page: number,
): string {
  const p = new URLSearchParams();
  if (search.q) p.set("q", search.q);
  if (search.department) p.set("department", search.department);
  if (search.tag) p.set("tag", search.tag);
  if (search.isAuthor && search.status !== "published") p.set("status", search.status);
  if (page > 1) p.set("page", String(page));
  const qs = p.toString();
  return qs ? `/library?${qs}` : "/library";
}

export default function Library({ loaderData: data }: Route.ComponentProps) {
  const { q, department, tag, status, isAuthor, departments, tags, results, total, page, pageSize, maxQuery, error } =
    data;
  const submit = useSubmit();
  const navigation = useNavigation();
  const form = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Back/forward or a link changed the search: show it in the fields, except the one being used.
  useEffect(() => {
    const fields = form.current?.elements;
    if (!fields) return;
    const values: Record<string, string> = { q, department, tag, status };
    for (const [name, value] of Object.entries(values)) {
      const el = fields.namedItem(name);
      if ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement) && document.activeElement !== el)
        el.value = value;
    }
  }, [q, department, tag, status]);
  useEffect(() => () => clearTimeout(timer.current), []);

  /** As you type: search after a short pause, replacing the history entry instead of adding one per key. */
  function searchSoon(delay: number) {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (form.current) void submit(form.current, { replace: true, preventScrollReset: true });
    }, delay);
  }

  const searching = navigation.state === "loading" && navigation.location?.pathname === "/library";
  const filtered = Boolean(q.trim() || tag);
  const summary = `${countLabel(total, isAuthor ? status : "published")}${q.trim() ? ` matching “${q.trim()}”` : ""}`;
  const from = total ? (page - 1) * pageSize + 1 : 0;
  const to = Math.min(total, page * pageSize);

  // Without words the library reads by department; with words, by relevance.
  const groups = filtered
    ? []
    : departments
        .map((d) => ({ ...d, results: results.filter((r) => r.department.id === d.id) }))
        .filter((g) => g.results.length > 0);

  return (
    <>
      <header className="page-header">
        <h1>Library</h1>
        <p className="muted">
          {isAuthor
            ? "Procedures by department: published, or any state you choose."
            : "Published procedures, by department."}
        </p>
      </header>
      <Form ref={form} method="get" role="search" aria-label="Procedures" className="filters library-filters">
        <div className="form-field grow">
          <label htmlFor="library-q">Search</label>
          <input
            ref={input}
            id="library-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={maxQuery}
            autoComplete="off"
            placeholder="Words from the title, purpose, terms, tags or steps"
            aria-describedby="library-count"
            onChange={() => searchSoon(200)}
          />
        </div>
        <div className="form-field">
          <label htmlFor="library-department">Department</label>
          <DepartmentSelect
            id="library-department"
            name="department"
            defaultValue={department}
            onChange={() => searchSoon(0)}
            departments={departments.map((d) => ({ id: d.slug, name: d.name }))}
            blank="All departments"
          />
        </div>
        <div className="form-field">
          <label htmlFor="library-tag">Tag</label>
          <select id="library-tag" name="tag" defaultValue={tag} onChange={() => searchSoon(0)}>
            <option value="">Any tag</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        {isAuthor ? (
          <div className="form-field">
            <label htmlFor="library-status">Status</label>
            <select id="library-status" name="status" defaultValue={status} onChange={() => searchSoon(0)}>
              {STATUS_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button className="button" type="submit">
          Apply
        </button>
      </Form>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <p
        id="library-count"
        className="muted small library-count"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        aria-busy={searching}
      >
        {summary}
        {total > pageSize ? ` · showing ${from}–${to}` : ""}
      </p>
      {total === 0 ? (
        <section className="empty-state">
          <p>
            {filtered || department
              ? `No ${status === "published" || !isAuthor ? "published procedure" : "procedure"} ` +
                `matches. Try fewer words, the start of a word, or another department.`
              : "No procedures are published yet."}
          </p>
        </section>
      ) : filtered ? (
        <section
          aria-labelledby="library-results-heading"
          className={searching ? "library-results is-searching" : "library-results"}
        >
          <h2 id="library-results-heading" className="visually-hidden">
            Best matches first
          </h2>
          <SearchResults results={results} showState={isAuthor} />
        </section>
      ) : (
        groups.map((g) => (
          <section key={g.slug} className="library-group" aria-labelledby={`dept-${g.slug}`}>
            <h2 id={`dept-${g.slug}`}>{g.name}</h2>
            <ul className="sop-cards">
              {g.results.map((r) => (
                <SearchResultCard key={r.versionId} result={r} showState={isAuthor} showDepartment={false} />
              ))}
            </ul>
          </section>
        ))
      )}
      {total > pageSize ? (
        <nav className="pager" aria-label="Pages">
          {page > 1 ? (
            <Link to={pageHref(data, page - 1)} rel="prev">
              Previous
            </Link>
          ) : null}
          <span className="muted small">
            Page {page} of {Math.ceil(total / pageSize)}
          </span>
          {to < total ? (
            <Link to={pageHref(data, page + 1)} rel="next">
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
