// One table for every list that grows (My runs, the audit log, users): sortable headers, filters and pages,
// all kept in the URL's search params (app/lib/data-table.ts), so a view survives a reload, can be shared, and
// works without JavaScript — the filters are a GET form and each sort header is a submit button of another.
// With JavaScript the same forms navigate in place (no full reload, empty filters left out of the URL).
// Sorting, filtering and paging happen on the server; this component only renders and asks.
// Without `sort` it is a plain table (the editor overview, an SOP's versions): the same columns, caption,
// keyboard-scrollable wrapper and empty state, without the sort form, the count and the pager.
import { Fragment, useId, type FormEvent, type ReactNode } from "react";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { ariaSort, nextSort, sortParam, withParams, type Sort, type SortDir } from "../lib/data-table";
import { useT } from "./i18n";
import "./data-table.css";

export type Column<R> = {
  id: string;
  header: string;
  /** sortable by this server-side key; `firstDir` is the direction a first click asks for (dates: newest first) */
  sort?: { key: string; firstDir?: SortDir };
  cell: (row: R) => ReactNode;
  className?: string;
  /** the row's main cell: shown first and without a label when rows stack on narrow screens */
  primary?: boolean;
  /** header hidden visually (an actions column), still named for screen readers */
  hideHeader?: boolean;
  /** a number: aligned to the end, figures of one width, so a column of them reads at a glance */
  numeric?: boolean;
  /** the cell that names its row (a version number): rendered as a row header */
  rowHeader?: boolean;
};

/** The keyboard-scrollable box around a wide table: a named region that takes focus, so arrows scroll it. */
export function TableWrap({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `table-wrap ${className}` : "table-wrap"} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

function cellClass<R>(c: Column<R>, stack: boolean): string | undefined {
  return (
    [c.className, c.numeric ? "dt-num" : null, stack && c.primary ? "dt-primary" : null].filter(Boolean).join(" ") ||
    undefined
  );
}

/** Navigates to the form's values (empty ones and the page dropped) instead of a full GET, when scripts run. */
function useGetSubmit() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const native = event.nativeEvent as SubmitEvent;
    const data = new FormData(event.currentTarget, native.submitter ?? undefined);
    const params = withParams(
      new URLSearchParams(),
      Object.fromEntries([...data.entries()].map(([k, v]) => [k, typeof v === "string" ? v : null])),
    );
    navigate(`${pathname}${params.size ? `?${params}` : ""}`, { preventScrollReset: true });
  };
}

/** What every variant of the table renders: the list's name, its columns and its rows. */
type TableRows<R> = {
  /** what the table lists (read by screen readers as the table's name, and the scroll region's label) */
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  /** extra attributes of a row (`data-sop`), for styles and tests that find a row by what it shows */
  rowProps?: (row: R) => Record<`data-${string}`, string | number>;
};

export function DataTable<R>({
  className,
  sort,
  summary,
  empty,
  page = 1,
  pages = 1,
  ...table
}: TableRows<R> & {
  /** classes of the <table> besides `table` (a plain table only) */
  className?: string;
  /** the list's sort: makes it a sortable list (headers with sort buttons, rows stacked as cards when narrow) */
  sort?: Sort;
  /** how many rows match, in words ("12 runs") */
  summary?: string;
  /** what to show when nothing matches, with a next step (without it an empty table keeps its headers) */
  empty?: ReactNode;
  page?: number;
  pages?: number;
}) {
  if (!sort) {
    if (table.rows.length === 0 && empty != null) return <div className="empty-state">{empty}</div>;
    return <Table {...table} className={className} />;
  }
  return <SortableTable {...table} sort={sort} summary={summary} empty={empty} page={page} pages={pages} />;
}

/** The table itself; `sort` (with its form) makes the headers sort buttons and the rows cards on narrow screens. */
function Table<R>({
  caption,
  columns,
  rows,
  rowKey,
  rowProps,
  className,
  sorting,
}: TableRows<R> & {
  className?: string;
  sorting?: { sort: Sort; formId: string };
}) {
  // Stacked rows change the table's display, so they carry explicit ARIA roles to keep its semantics.
  const stack = Boolean(sorting);
  const role = <T extends string>(r: T) => (stack ? r : undefined);
  return (
    <TableWrap label={caption}>
      <table className={stack ? "table dt-table" : className ? `table ${className}` : "table"} role={role("table")}>
        <caption className="visually-hidden">{caption}</caption>
        <thead role={role("rowgroup")}>
          <tr role={role("row")}>
            {columns.map((c) => {
              const sortable = sorting && c.sort ? c.sort : null;
              return (
                <th
                  key={c.id}
                  scope="col"
                  role={role("columnheader")}
                  aria-sort={sorting && sortable ? (ariaSort(sorting.sort, sortable.key) ?? "none") : undefined}
                  className={
                    [sortable ? "dt-sortable" : null, c.numeric ? "dt-num" : null].filter(Boolean).join(" ") ||
                    undefined
                  }
                >
                  {sorting && sortable ? (
                    <button
                      type="submit"
                      form={sorting.formId}
                      name="sort"
                      value={sortParam(nextSort(sorting.sort, sortable.key, sortable.firstDir))}
                      className="dt-sort"
                    >
                      <span>{c.header}</span>
                      <SortIcon dir={sorting.sort.key === sortable.key ? sorting.sort.dir : null} />
                    </button>
                  ) : c.hideHeader ? (
                    <span className="visually-hidden">{c.header}</span>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody role={role("rowgroup")}>
          {rows.map((row) => (
            <tr key={rowKey(row)} role={role("row")} {...rowProps?.(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.id} scope="row" role={role("rowheader")} className={cellClass(c, stack)}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td
                    key={c.id}
                    role={role("cell")}
                    className={cellClass(c, stack)}
                    data-label={!stack || c.primary || c.hideHeader ? undefined : c.header}
                  >
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function SortableTable<R>({
  sort,
  summary,
  empty,
  page,
  pages,
  ...table
}: TableRows<R> & {
  sort: Sort;
  summary?: string;
  empty?: ReactNode;
  page: number;
  pages: number;
}) {
  const { t } = useT();
  const [params] = useSearchParams();
  const sortFormId = useId();
  const onSubmit = useGetSubmit();
  // The sort form carries every current filter; a header button adds its own `sort` (and page 1).
  const keep = withParams(params, { sort: null });
  return (
    <div className="dt">
      <form id={sortFormId} method="get" onSubmit={onSubmit} hidden>
        {[...keep].map(([k, v], i) => (
          <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
        ))}
      </form>
      {summary ? (
        <p className="dt-summary" role="status">
          {summary}
        </p>
      ) : null}
      {table.rows.length === 0 && empty != null ? (
        <div className="empty-state dt-empty">{empty}</div>
      ) : (
        <Table {...table} sorting={{ sort, formId: sortFormId }} />
      )}
      {pages > 1 ? (
        <nav className="dt-pager" aria-label={t("tables.pager.label")}>
          {page > 1 ? (
            <Link
              className="button"
              rel="prev"
              to={`?${withParams(params, { page: String(page - 1) }, { keepPage: true })}`}
            >
              {t("tables.pager.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="muted">{t("tables.pager.status", { page, pages })}</span>
          {page < pages ? (
            <Link
              className="button"
              rel="next"
              to={`?${withParams(params, { page: String(page + 1) }, { keepPage: true })}`}
            >
              {t("tables.pager.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}

function SortIcon({ dir }: { dir: SortDir | null }) {
  return (
    <svg className="dt-sort-icon" viewBox="0 0 10 14" width="10" height="14" aria-hidden="true" focusable="false">
      <path d="M5 1 9 5H1z" className={dir === "asc" ? "on" : undefined} />
      <path d="M5 13 1 9h8z" className={dir === "desc" ? "on" : undefined} />
    </svg>
  );
}

/**
 * The filters above a DataTable: a GET form (works without scripts) that keeps the current sort and starts
 * again at page 1. `active` shows "Clear filters" (back to the list's default view).
 */
export function TableFilters({
  label,
  sort,
  active,
  children,
}: {
  label: string;
  sort: Sort;
  active: boolean;
  children: ReactNode;
}) {
  const { t } = useT();
  const { pathname } = useLocation();
  const onSubmit = useGetSubmit();
  return (
    <form method="get" className="dt-filters" role="search" aria-label={label} onSubmit={onSubmit}>
      {children}
      <input type="hidden" name="sort" value={sortParam(sort)} />
      <div className="dt-filter-actions">
        <button type="submit" className="button button-primary">
          {t("tables.filter.apply")}
        </button>
        {active ? (
          <Link
            to={`${pathname}?${new URLSearchParams({ sort: sortParam(sort) })}`}
            className="button button-ghost"
            preventScrollReset
          >
            {t("tables.filter.clear")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}

/**
 * One filter control, labelled, with its error. The URL's value is the default; the key remounts the control
 * when the URL changes it (a "Clear filters"), not while the same value is being typed.
 */
export function FilterField({
  name,
  label,
  value,
  error,
  wide,
  children,
}: {
  name: string;
  label: string;
  value: string;
  error?: string;
  wide?: boolean;
  children: (props: {
    id: string;
    name: string;
    defaultValue: string;
    "aria-invalid"?: true;
    "aria-describedby"?: string;
  }) => ReactNode;
}) {
  const id = `filter-${name}`;
  return (
    <div className={`form-field dt-filter${wide ? " dt-filter-wide" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <Fragment key={value}>
        {children({
          id,
          name,
          defaultValue: value,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${id}-error` : undefined,
        })}
      </Fragment>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
