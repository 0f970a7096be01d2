import { Link } from "react-router";
import type { Route } from "./+types/admin.users";
import { getDb } from "../../db/client.server";
import { ROLES } from "../../db/roles";
import { listDepartments, queryUsers, USER_SORTS } from "../../db/users.server";
import { translator } from "../../i18n";
import { requirePermission } from "../auth/session.server";
import { DataTable, FilterField, TableFilters, type Column } from "../components/data-table";
import { RouteErrorBoundary } from "../components/errors";
import { DepartmentSelect, RoleSelect } from "../components/selects";
import { useT } from "../components/i18n";
import { pageCount, parseChoice, parsePage, parseSort, parseText } from "../lib/data-table";
import { viewerLocale } from "../viewer-locale.server";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? "Users"} · Stepwise` }];

const PAGE_SIZE = 100;
const DEFAULT_SORT = { key: "name", dir: "asc" } as const;
const STATUSES = ["active", "deactivated"] as const;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "manage:users");
  const db = getDb();
  const url = new URL(request.url);
  const departments = (await listDepartments(db)).map((d) => ({ id: d.id, name: d.name }));
  const sort = parseSort(url.searchParams.get("sort"), USER_SORTS, DEFAULT_SORT);
  const q = parseText(url.searchParams.get("q"));
  const role = parseChoice(url.searchParams.get("role"), ROLES);
  const department = parseChoice(url.searchParams.get("department"), ["none", ...departments.map((d) => String(d.id))]);
  const status = parseChoice(url.searchParams.get("status"), STATUSES);
  const query = {
    q,
    role,
    department: department === "none" ? ("none" as const) : department ? Number(department) : null,
    active: status ? status === "active" : null,
    sort,
    limit: PAGE_SIZE,
  };
  let page = parsePage(url.searchParams.get("page"));
  let found = await queryUsers(db, { ...query, offset: (page - 1) * PAGE_SIZE });
  const pages = pageCount(found.total, PAGE_SIZE);
  if (page > pages) {
    page = pages;
    found = await queryUsers(db, { ...query, offset: (page - 1) * PAGE_SIZE });
  }
  return {
    title: translator((await viewerLocale(request, user)).uiLanguage).t("app.nav.users"),
    rows: found.rows,
    total: found.total,
    page,
    pages,
    sort,
    filters: { q, role: role ?? "", department: department ?? "", status: status ?? "" },
    departments,
  };
}

type Row = Route.ComponentProps["loaderData"]["rows"][number];

export default function Users({ loaderData }: Route.ComponentProps) {
  const { rows, total, page, pages, sort, filters, departments } = loaderData;
  const { t } = useT();
  const filtered = Boolean(filters.q || filters.role || filters.department || filters.status);

  const columns: Column<Row>[] = [
    {
      id: "name",
      header: t("tables.users.name"),
      sort: { key: "name" },
      primary: true,
      cell: (u) => <Link to={`/admin/users/${u.id}`}>{u.name}</Link>,
    },
    {
      id: "email",
      header: t("tables.users.email"),
      sort: { key: "email" },
      cell: (u) => <bdi className="dt-break">{u.email}</bdi>,
    },
    { id: "role", header: t("tables.users.role"), sort: { key: "role" }, cell: (u) => t(`app.role.${u.role}`) },
    {
      id: "department",
      header: t("tables.users.department"),
      sort: { key: "department" },
      cell: (u) => u.departmentName ?? <span className="muted">{t("tables.users.noDepartment")}</span>,
    },
    {
      id: "status",
      header: t("tables.users.status"),
      sort: { key: "status" },
      cell: (u) =>
        u.active ? (
          <span className="badge badge-success">{t("tables.users.active")}</span>
        ) : (
          <span className="badge badge-muted">{t("tables.users.deactivated")}</span>
        ),
    },
  ];

  return (
    <>
      <header className="page-header page-header-row">
        <div>
          <h1>{t("app.nav.users")}</h1>
          <p className="muted">{t("tables.users.intro")}</p>
        </div>
        <Link className="button button-primary" to="/admin/users/new">
          {t("tables.users.new")}
        </Link>
      </header>
      <TableFilters label={t("tables.users.filterLabel")} sort={sort} active={filtered}>
        <FilterField name="q" label={t("tables.users.search")} value={filters.q} wide>
          {(p) => <input {...p} type="search" placeholder={t("tables.users.searchPlaceholder")} maxLength={100} />}
        </FilterField>
        <FilterField name="role" label={t("tables.users.role")} value={filters.role}>
          {(p) => <RoleSelect {...p} blank={t("tables.users.anyRole")} label={(r) => t(`app.role.${r}`)} />}
        </FilterField>
        <FilterField name="department" label={t("tables.users.department")} value={filters.department}>
          {(p) => (
            <DepartmentSelect {...p} departments={departments} blank={t("tables.users.anyDepartment")}>
              <option value="none">{t("tables.users.noDepartment")}</option>
            </DepartmentSelect>
          )}
        </FilterField>
        <FilterField name="status" label={t("tables.users.status")} value={filters.status}>
          {(p) => (
            <select {...p}>
              <option value="">{t("tables.users.anyStatus")}</option>
              <option value="active">{t("tables.users.active")}</option>
              <option value="deactivated">{t("tables.users.deactivated")}</option>
            </select>
          )}
        </FilterField>
      </TableFilters>
      <DataTable
        caption={t("tables.users.caption")}
        columns={columns}
        rows={rows}
        rowKey={(u) => u.id}
        sort={sort}
        summary={
          filtered ? t("tables.users.countFiltered", { count: total }) : t("tables.users.count", { count: total })
        }
        page={page}
        pages={pages}
        empty={
          filtered ? (
            <>
              <p>{t("tables.users.noMatch")}</p>
              <Link className="button" to="/admin/users">
                {t("tables.filter.clear")}
              </Link>
            </>
          ) : (
            <>
              <p>{t("tables.users.empty")}</p>
              <Link className="button button-primary" to="/admin/users/new">
                {t("tables.users.new")}
              </Link>
            </>
          )
        }
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
