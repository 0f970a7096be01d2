import { Link } from "react-router";
import type { Route } from "./+types/runs";
import { getDb } from "../../db/client.server";
import { AGENT_RUN_FILTERS, AGENT_RUN_SORTS, listRunSopsForAgent, queryRunsForAgent } from "../../db/runs.server";
import { requirePermission } from "../auth/session.server";
import { DataTable, FilterField, TableFilters, type Column } from "../components/data-table";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";
import { pageCount, parseChoice, parsePage, parseSort, parseText } from "../lib/data-table";
import { formatDue, parseDue } from "../lib/follow-up-due";
import { outcomeMessage } from "../lib/home";
import { translator } from "../../i18n";
import { viewerLocale } from "../viewer-locale.server";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? "My runs"} · Stepwise` }];

const PAGE_SIZE = 25;
const DEFAULT_SORT = { key: "startedAt", dir: "desc" } as const;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "view:own-runs");
  const db = getDb();
  const url = new URL(request.url);
  const sort = parseSort(url.searchParams.get("sort"), AGENT_RUN_SORTS, DEFAULT_SORT);
  const q = parseText(url.searchParams.get("q"));
  const status = parseChoice(url.searchParams.get("status"), AGENT_RUN_FILTERS);
  const sops = await listRunSopsForAgent(db, user.id);
  const sopId = parseChoice(
    url.searchParams.get("sop"),
    sops.map((s) => s.id),
  );
  const query = { q, status, sopId, sort, limit: PAGE_SIZE };
  let page = parsePage(url.searchParams.get("page"));
  let found = await queryRunsForAgent(db, user.id, { ...query, offset: (page - 1) * PAGE_SIZE });
  const pages = pageCount(found.total, PAGE_SIZE);
  if (page > pages) {
    page = pages;
    found = await queryRunsForAgent(db, user.id, { ...query, offset: (page - 1) * PAGE_SIZE });
  }
  const everRan = sops.length > 0;
  return {
    title: translator((await viewerLocale(request, user)).uiLanguage).t("app.nav.myRuns"),
    rows: found.rows,
    total: found.total,
    page,
    pages,
    sort,
    filters: { q, status: status ?? "", sop: sopId ?? "" },
    sops,
    everRan,
  };
}

type Row = Route.ComponentProps["loaderData"]["rows"][number];

export default function Runs({ loaderData }: Route.ComponentProps) {
  const { rows, total, page, pages, sort, filters, sops, everRan } = loaderData;
  const tr = useT();
  const { t } = tr;
  const filtered = Boolean(filters.q || filters.status || filters.sop);

  const columns: Column<Row>[] = [
    {
      id: "sop",
      header: t("tables.runs.procedure"),
      sort: { key: "sop" },
      primary: true,
      cell: (r) => (
        <>
          <Link to={`/runs/${r.id}`}>{r.sopTitle}</Link>
          <span className="dt-sub">{r.departmentName}</span>
        </>
      ),
    },
    {
      id: "startedAt",
      header: t("tables.runs.started"),
      sort: { key: "startedAt", firstDir: "desc" },
      cell: (r) => (
        <time dateTime={new Date(r.startedAt).toISOString()}>
          {tr.date(r.startedAt, { dateStyle: "medium", timeStyle: "short" })}
        </time>
      ),
    },
    {
      id: "customer",
      header: t("tables.runs.customer"),
      sort: { key: "customer" },
      className: "nowrap",
      cell: (r) => (r.customerRef ? <bdi>{r.customerRef}</bdi> : <span className="muted">{t("tables.none")}</span>),
    },
    {
      id: "status",
      header: t("tables.runs.status"),
      sort: { key: "status" },
      cell: (r) => <RunStatus run={r} />,
    },
    {
      id: "actions",
      header: t("tables.actions"),
      hideHeader: true,
      className: "nowrap",
      cell: (r) => (
        <Link to={`/runs/${r.id}/timeline`} aria-label={t("tables.runs.timelineOf", { sop: r.sopTitle })}>
          {t("tables.runs.timeline")}
        </Link>
      ),
    },
  ];

  return (
    <>
      <header className="page-header">
        <h1>{t("app.nav.myRuns")}</h1>
        <p className="muted">{t("tables.runs.intro")}</p>
      </header>
      {everRan ? (
        <TableFilters label={t("tables.runs.filterLabel")} sort={sort} active={filtered}>
          <FilterField name="q" label={t("tables.runs.search")} value={filters.q} wide>
            {(p) => <input {...p} type="search" placeholder={t("tables.runs.searchPlaceholder")} maxLength={100} />}
          </FilterField>
          <FilterField name="status" label={t("tables.runs.status")} value={filters.status}>
            {(p) => (
              <select {...p}>
                <option value="">{t("tables.runs.anyStatus")}</option>
                <option value="active">{t("tables.runs.status.active")}</option>
                <option value="completed">{t("tables.runs.status.completed")}</option>
                <option value="follow-up">{t("tables.runs.status.followUp")}</option>
              </select>
            )}
          </FilterField>
          <FilterField name="sop" label={t("tables.runs.procedure")} value={filters.sop}>
            {(p) => (
              <select {...p}>
                <option value="">{t("tables.runs.anyProcedure")}</option>
                {sops.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            )}
          </FilterField>
        </TableFilters>
      ) : null}
      <DataTable
        caption={t("tables.runs.caption")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        sort={sort}
        summary={filtered ? t("tables.runs.countFiltered", { count: total }) : t("tables.runs.count", { count: total })}
        page={page}
        pages={pages}
        empty={
          everRan ? (
            <>
              <p>{t("tables.runs.noMatch")}</p>
              <Link className="button" to="/runs">
                {t("tables.filter.clear")}
              </Link>
            </>
          ) : (
            <>
              <p>{t("tables.runs.empty", { key: "/" })}</p>
              <Link className="button button-primary" to="/library">
                {t("tables.runs.openLibrary")}
              </Link>
            </>
          )
        }
      />
    </>
  );
}

function RunStatus({ run }: { run: Row }) {
  const tr = useT();
  const { t } = tr;
  const open = Boolean(run.followUpDue && !run.followUpClosedAt);
  const due = open ? parseDue(run.followUpDue, tr.timeZone) : null;
  return (
    <span className="badges">
      {run.status === "active" ? (
        <span className="badge">{t("tables.runs.status.active")}</span>
      ) : open ? null : (
        <span
          className={
            "badge " +
            (run.outcome === "abandoned"
              ? "badge-muted"
              : run.outcome === "escalated" || run.outcome === "transferred"
                ? ""
                : "badge-success")
          }
        >
          {t(outcomeMessage(run.outcome))}
        </span>
      )}
      {open ? (
        <span className="dt-due">
          {t("tables.runs.followUpBy", { due: due ? formatDue(due, tr) : (run.followUpDue ?? "") })}
        </span>
      ) : null}
    </span>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
