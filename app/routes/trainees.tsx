// Trainees: who is ready for the floor. A readiness matrix, people × the SOPs assigned to them, filtered in the
// URL (a GET form) by department, state, due date and name. English-only, like the editor and admin pages.
import { Link } from "react-router";
import type { Route } from "./+types/trainees";
import { getDb } from "../../db/client.server";
import { ROLE_LABELS } from "../../db/roles";
import { CELL_STATES, type CellState } from "../../training/certification";
import { requirePermission } from "../auth/session.server";
import { FilterField, TableFilters } from "../components/data-table";
import { RouteErrorBoundary } from "../components/errors";
import { DepartmentSelect } from "../components/selects";
import { CELL_STATE_LABELS, CellStateBadge } from "../components/training/cell-state-badge";
import { formatDay } from "../components/training/format";
import { ReadyBadge } from "../components/training/ready-badge";
import { throwRouteError } from "../http-errors.server";
import { parseChoice, parseText } from "../lib/data-table";
import { traineesOverview, type ReadinessFilter } from "../training.server";
import { viewerLocale } from "../viewer-locale.server";
import "./trainees.css";

export const meta: Route.MetaFunction = () => [{ title: "Trainees · Stepwise" }];

const STATE_FILTERS = ["overdue", ...CELL_STATES] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The matrix keeps its sort fixed (people by name); the filter form carries it like every other table. */
const SORT = { key: "name", dir: "asc" } as const;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "view:trainees");
  const { timeZone } = await viewerLocale(request, user);
  const url = new URL(request.url);
  const q = parseText(url.searchParams.get("q"));
  const state = parseChoice(url.searchParams.get("state"), STATE_FILTERS);
  const rawDue = (url.searchParams.get("due") ?? "").trim();
  const due = DAY.test(rawDue) && !Number.isNaN(Date.parse(rawDue)) ? rawDue : "";
  const dept = Number(url.searchParams.get("department"));
  const departmentId = Number.isInteger(dept) && dept > 0 ? dept : null;
  const filter: ReadinessFilter = {
    ...(departmentId ? { departmentId } : {}),
    ...(state ? { state } : {}),
    ...(due ? { dueBefore: due } : {}),
    ...(q ? { q } : {}),
  };
  try {
    const overview = await traineesOverview(getDb(), user, filter, { timeZone });
    return {
      ...overview,
      filters: { q, state: state ?? "", due, department: departmentId ? String(departmentId) : "" },
      dueError: rawDue && !due ? "Enter a date as YYYY-MM-DD." : null,
    };
  } catch (e) {
    throwRouteError(e);
  }
}

type Data = Route.ComponentProps["loaderData"];
type Row = Data["rows"][number];
type Cell = Row["cells"][string];

export default function Trainees({ loaderData }: Route.ComponentProps) {
  const { rows, sops, counts, departments, filters, dueError } = loaderData;
  const filtered = Boolean(filters.q || filters.state || filters.due || filters.department);
  const notReady = rows.filter((r) => r.ready === "not-ready").length;
  return (
    <>
      <header className="page-header page-header-row training-header">
        <div>
          <h1>Trainees</h1>
          <p className="muted">
            Who is ready for the floor, and on which procedures. Ready means certified on every required SOP of their
            department.
          </p>
        </div>
        <Link className="button button-primary" to="/assignments">
          Assign training
        </Link>
      </header>

      <ul className="trainees-stats" aria-label={filtered ? "Totals for these filters" : "Totals"}>
        <li className="trainees-stat">
          <span className="trainees-stat-value" data-testid="count-people">
            {counts.people}
          </span>
          <span className="trainees-stat-label">{counts.people === 1 ? "person" : "people"} in training</span>
        </li>
        <li className="trainees-stat is-ready">
          <span className="trainees-stat-value" data-testid="count-ready">
            {counts.ready}
          </span>
          <span className="trainees-stat-label">ready for the floor</span>
          {counts.people > 0 ? (
            <Meter value={counts.ready} max={counts.people} label={`${counts.ready} of ${counts.people} ready`} />
          ) : null}
        </li>
        <li className="trainees-stat is-pending">
          <span className="trainees-stat-value">{notReady}</span>
          <span className="trainees-stat-label">not ready yet</span>
        </li>
        <li className={`trainees-stat${counts.overdue ? " is-overdue" : ""}`}>
          <span className="trainees-stat-value" data-testid="count-overdue">
            {counts.overdue}
          </span>
          <span className="trainees-stat-label">
            {counts.overdue ? (counts.overdue === 1 ? "person overdue" : "people overdue") : "overdue"}
          </span>
          {counts.overdue ? (
            <Link className="trainees-stat-link" to="?state=overdue">
              Show them
            </Link>
          ) : null}
        </li>
      </ul>

      <TableFilters label="Filter trainees" sort={SORT} active={filtered}>
        <FilterField name="q" label="Name or e-mail" value={filters.q} wide>
          {(p) => <input {...p} type="search" placeholder="Search people" maxLength={100} />}
        </FilterField>
        {departments.length > 1 ? (
          <FilterField name="department" label="Department" value={filters.department}>
            {(p) => <DepartmentSelect {...p} departments={departments} blank="Every department" />}
          </FilterField>
        ) : null}
        <FilterField name="state" label="State" value={filters.state}>
          {(p) => (
            <select {...p}>
              <option value="">Any state</option>
              <option value="overdue">Overdue</option>
              {CELL_STATES.map((s) => (
                <option key={s} value={s}>
                  {CELL_STATE_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField name="due" label="Due by" value={filters.due} error={dueError ?? undefined}>
          {(p) => <input {...p} type="date" />}
        </FilterField>
      </TableFilters>

      <p className="dt-summary" role="status">
        {rows.length === 0
          ? filtered
            ? "No one matches these filters."
            : "No one has training assigned yet."
          : `${rows.length} ${rows.length === 1 ? "person" : "people"} ` +
            `× ${sops.length} ${sops.length === 1 ? "procedure" : "procedures"}${filtered ? " (filtered)" : ""}`}
      </p>

      {rows.length === 0 ? (
        <div className="empty-state">
          {filtered ? (
            <>
              <p>Nobody matches these filters. Widen them, or clear them to see everyone you look after.</p>
              <Link className="button" to="/trainees">
                Clear filters
              </Link>
            </>
          ) : (
            <>
              <p>
                Assign an SOP or a learning path to a person, a department or a role, and their progress shows here.
              </p>
              <Link className="button button-primary" to="/assignments">
                Assign training
              </Link>
            </>
          )}
        </div>
      ) : (
        <Matrix rows={rows} sops={sops} />
      )}
      <Legend />
    </>
  );
}

function Meter({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.round((value * 100) / max) : 0;
  return (
    <span className="trainees-meter" role="img" aria-label={label}>
      <span className="trainees-meter-bar" style={{ inlineSize: `${pct}%` }} />
    </span>
  );
}

function Matrix({ rows, sops }: { rows: Row[]; sops: Data["sops"] }) {
  return (
    <div className="matrix-wrap" role="region" aria-labelledby="matrix-caption" tabIndex={0}>
      <table className="matrix">
        <caption id="matrix-caption" className="visually-hidden">
          Readiness matrix: people and the SOPs assigned to them
        </caption>
        <thead>
          <tr>
            <th scope="col" className="matrix-person">
              Person
            </th>
            <th scope="col" className="matrix-ready">
              Ready for the floor
            </th>
            {sops.map((s) => (
              <th scope="col" key={s.sopId} className={`matrix-sop${s.archived ? " is-archived" : ""}`}>
                <Link to={`/sops/${encodeURIComponent(s.sopId)}`} className="matrix-sop-link" dir="auto">
                  {s.title}
                </Link>
                {s.archived ? <span className="badge badge-danger matrix-flag">Archived</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.person.id} className={Object.values(r.cells).some((c) => c.overdue) ? "has-overdue" : undefined}>
              <th scope="row" className="matrix-person">
                <Link to={`/trainees/${r.person.id}`} className="matrix-name">
                  {r.person.name}
                </Link>
                <span className="matrix-sub">
                  {ROLE_LABELS[r.person.role]}
                  {r.person.departmentName ? ` · ${r.person.departmentName}` : ""}
                </span>
              </th>
              <td className="matrix-ready">
                <ReadyBadge ready={r.ready} />
              </td>
              {sops.map((s) => {
                const cell = r.cells[s.sopId];
                return (
                  <td
                    key={s.sopId}
                    className={cell?.overdue ? "matrix-cell is-overdue" : "matrix-cell"}
                    data-sop={s.sopId}
                  >
                    {cell ? (
                      <MatrixCell cell={cell} />
                    ) : (
                      <span className="matrix-none" aria-label="Not assigned">
                        —
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MatrixCell({ cell }: { cell: Cell }) {
  if (cell.unavailable) {
    return (
      <span className="matrix-cell-body">
        <span className="badge badge-muted matrix-unavailable">Unavailable</span>
        <span className="matrix-meta">SOP archived or not published</span>
      </span>
    );
  }
  return (
    <span className="matrix-cell-body">
      <CellStateBadge state={cell.state as CellState} />
      {cell.overdue ? (
        <span className="matrix-overdue">
          <span aria-hidden="true">⚠ </span>Overdue · due {formatDay(cell.dueDate)}
        </span>
      ) : cell.dueDate && cell.state !== "certified" && cell.state !== "expiring" ? (
        <span className="matrix-meta">Due {formatDay(cell.dueDate)}</span>
      ) : null}
      {!cell.required ? <span className="matrix-meta">For reference</span> : null}
    </span>
  );
}

const STATE_HELP: Record<CellState, string> = {
  "not-started": "has not opened the SOP yet",
  reading: "opened it, not acknowledged yet",
  acknowledged: "confirmed reading the current version",
  "quiz-passed": "passed the quiz",
  practising: "doing practice runs",
  certified: "meets every requirement",
  expiring: "certified, but the certificate runs out soon",
  expired: "certificate ran out: renew it",
};

function Legend() {
  return (
    <details className="matrix-legend">
      <summary>What the states mean</summary>
      <dl>
        {CELL_STATES.map((s) => (
          <div key={s}>
            <dt>
              <CellStateBadge state={s} />
            </dt>
            <dd>{STATE_HELP[s]}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
