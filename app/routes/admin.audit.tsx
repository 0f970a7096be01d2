import { Link } from "react-router";
import type { Route } from "./+types/admin.audit";
import { getDb } from "../../db/client.server";
import { AUDIT_SORTS, auditFilterOptions, queryAudit } from "../../db/audit.server";
import { translator } from "../../i18n";
import { requirePermission } from "../auth/session.server";
import { DataTable, FilterField, TableFilters, type Column } from "../components/data-table";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";
import { dayRangeBounds, pageCount, parseChoice, parseDayRange, parsePage, parseSort } from "../lib/data-table";
import { viewerLocale } from "../viewer-locale.server";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? "Audit log"} · Stepwise` }];

const PAGE_SIZE = 50;
const DEFAULT_SORT = { key: "at", dir: "desc" } as const;
const SYSTEM = "system";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "view:audit");
  const db = getDb();
  const locale = await viewerLocale(request, user);
  const { t } = translator(locale.uiLanguage, locale.timeZone);
  const url = new URL(request.url);
  const options = await auditFilterOptions(db);
  const families = [...new Set(options.actions.map((a) => a.split(".")[0]!))];
  const sort = parseSort(url.searchParams.get("sort"), AUDIT_SORTS, DEFAULT_SORT);
  const action = parseChoice(url.searchParams.get("action"), [...families, ...options.actions]);
  const actor = parseChoice(url.searchParams.get("actor"), [SYSTEM, ...options.actors.map((a) => a.id)]);
  const range = parseDayRange(url.searchParams.get("from"), url.searchParams.get("to"), {
    invalid: t("tables.audit.badDate"),
    reversed: t("tables.audit.reversed"),
  });
  const bounds = dayRangeBounds(range, locale.timeZone);
  const query = { action, actor, from: bounds.from, toExclusive: bounds.toExclusive, sort, limit: PAGE_SIZE };
  let page = parsePage(url.searchParams.get("page"));
  let found = await queryAudit(db, { ...query, offset: (page - 1) * PAGE_SIZE });
  const pages = pageCount(found.total, PAGE_SIZE);
  if (page > pages) {
    page = pages;
    found = await queryAudit(db, { ...query, offset: (page - 1) * PAGE_SIZE });
  }
  return {
    title: t("app.nav.auditLog"),
    rows: found.rows,
    total: found.total,
    page,
    pages,
    sort,
    timeZone: locale.timeZone,
    filters: {
      action: action ?? "",
      actor: actor ?? "",
      // what was typed stays in the field (with its error, if any) so it can be corrected
      from: (url.searchParams.get("from") ?? "").trim(),
      to: (url.searchParams.get("to") ?? "").trim(),
    },
    errors: range.errors,
    actions: families.map((f) => ({ family: f, actions: options.actions.filter((a) => a.startsWith(`${f}.`)) })),
    actors: options.actors,
  };
}

type Row = Route.ComponentProps["loaderData"]["rows"][number];

const FAMILY_MESSAGES = {
  user: "tables.audit.family.user",
  department: "tables.audit.family.department",
  sop: "tables.audit.family.sop",
} as const;

export default function Audit({ loaderData }: Route.ComponentProps) {
  const { rows, total, page, pages, sort, filters, errors, actions, actors, timeZone } = loaderData;
  const tr = useT();
  const { t } = tr;
  const filtered = Boolean(filters.action || filters.actor || filters.from || filters.to);
  const familyLabel = (f: string) => (f in FAMILY_MESSAGES ? t(FAMILY_MESSAGES[f as keyof typeof FAMILY_MESSAGES]) : f);

  const columns: Column<Row>[] = [
    {
      id: "at",
      header: t("tables.audit.when"),
      sort: { key: "at", firstDir: "desc" },
      className: "nowrap",
      cell: (r) => (
        <time dateTime={new Date(r.at).toISOString()}>
          {tr.date(r.at, { dateStyle: "medium", timeStyle: "medium" })}
        </time>
      ),
    },
    {
      id: "actor",
      header: t("tables.audit.who"),
      sort: { key: "actor" },
      cell: (r) => (r.actorName ? <bdi>{r.actorName}</bdi> : <span className="muted">{t("tables.audit.system")}</span>),
    },
    { id: "summary", header: t("tables.audit.what"), primary: true, cell: (r) => <bdi>{r.summary}</bdi> },
    {
      id: "action",
      header: t("tables.audit.action"),
      sort: { key: "action" },
      cell: (r) => <code className="small nowrap">{r.action}</code>,
    },
  ];

  return (
    <>
      <header className="page-header">
        <h1>{t("app.nav.auditLog")}</h1>
        <p className="muted">{t("tables.audit.intro", { zone: timeZone })}</p>
      </header>
      <TableFilters label={t("tables.audit.filterLabel")} sort={sort} active={filtered}>
        <FilterField name="action" label={t("tables.audit.action")} value={filters.action}>
          {(p) => (
            <select {...p}>
              <option value="">{t("tables.audit.anyAction")}</option>
              {actions.map((g) => (
                <optgroup key={g.family} label={familyLabel(g.family)}>
                  <option value={g.family}>{t("tables.audit.allOfFamily", { family: familyLabel(g.family) })}</option>
                  {g.actions.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField name="actor" label={t("tables.audit.who")} value={filters.actor}>
          {(p) => (
            <select {...p}>
              <option value="">{t("tables.audit.anyone")}</option>
              <option value={SYSTEM}>{t("tables.audit.system")}</option>
              {actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField name="from" label={t("tables.audit.from")} value={filters.from} error={errors.from}>
          {(p) => <input {...p} type="date" />}
        </FilterField>
        <FilterField name="to" label={t("tables.audit.to")} value={filters.to} error={errors.to}>
          {(p) => <input {...p} type="date" />}
        </FilterField>
      </TableFilters>
      <DataTable
        caption={t("tables.audit.caption")}
        columns={columns}
        rows={rows}
        rowKey={(r) => String(r.id)}
        sort={sort}
        summary={
          filtered ? t("tables.audit.countFiltered", { count: total }) : t("tables.audit.count", { count: total })
        }
        page={page}
        pages={pages}
        empty={
          <>
            <p>{t(filtered ? "tables.audit.noMatch" : "tables.audit.empty")}</p>
            {filtered ? (
              <Link className="button" to="/admin/audit">
                {t("tables.filter.clear")}
              </Link>
            ) : null}
          </>
        }
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
