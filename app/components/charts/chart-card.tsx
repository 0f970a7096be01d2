// A dashboard card: heading, the chart, and a "Chart / Table" switch; every chart has a real table (ADR 018).
//
// Without JavaScript the switch cannot work, so the server's HTML (and the hydration render, which must match it)
// also carries the table in a <details> after the chart. Which of the two a reader sees is CSS's call, keyed on
// the `data-js` attribute the head's inline script sets before the first paint (app/viewer-locale.ts), as the
// shell's menu does: no scripts → the switch is hidden and the <details> opens the table natively; scripts → the
// <details> is hidden, so nothing moves when React takes over and drops it. A URL parameter would have cost a
// navigation per click and made the card depend on the router; <noscript> content is never hydrated.
import { useState, useSyncExternalStore, type ReactNode } from "react";
import { useT } from "../i18n";
import { isTableSpec, type TableSpec } from "./tables";
import "./charts.css";

export type { TableSpec } from "./tables";

const noSubscribe = () => () => {};
/** False on the server and during hydration, true once React runs in the browser. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}

export function ChartCard({
  id,
  title,
  description,
  table,
  actions,
  initialView = "chart",
  children,
}: {
  /** the section's id (deep links); the heading and the view get ids derived from it */
  id: string;
  title: string;
  description?: ReactNode;
  /** the chart's figures as a table: any node (e.g. the page's FigureTable) or a TableSpec */
  table: ReactNode | TableSpec;
  /** beside the switch: the page's CSV download link */
  actions?: ReactNode;
  initialView?: "chart" | "table";
  children: ReactNode;
}) {
  const { t } = useT();
  const hydrated = useHydrated();
  const [view, setView] = useState(initialView);
  const tableNode = isTableSpec(table) ? <ChartTable spec={table} /> : table;
  const viewId = `${id}-view`;
  return (
    <section id={id} className="card ch-card" aria-labelledby={`${id}-title`}>
      <div className="ch-card-head">
        <h2 id={`${id}-title`} className="ch-card-title">
          {title}
        </h2>
        <div className="ch-card-tools">
          <div className="ch-switch" role="group" aria-label={t("charts.view.group", { title })}>
            {(["chart", "table"] as const).map((v) => (
              <button
                key={v}
                type="button"
                className="ch-switch-button"
                aria-pressed={view === v}
                aria-controls={viewId}
                onClick={() => setView(v)}
              >
                {v === "chart" ? <ChartIcon /> : <TableIcon />}
                {t(v === "chart" ? "charts.view.chart" : "charts.view.table")}
              </button>
            ))}
          </div>
          {actions}
        </div>
      </div>
      {description ? <p className="ch-card-desc">{description}</p> : null}
      <div id={viewId} className="ch-card-view" data-view={view}>
        {view === "chart" ? children : tableNode}
      </div>
      {!hydrated && view === "chart" ? (
        <details className="ch-nojs">
          <summary>{t("charts.view.fallback")}</summary>
          {tableNode}
        </details>
      ) : null}
    </section>
  );
}

/** A TableSpec as a table: caption, column headers, each row's first cell its header, numbers on the end edge. */
export function ChartTable({ spec }: { spec: TableSpec }) {
  return (
    <div className="table-wrap ch-table-wrap">
      <table className="table ch-table">
        <caption className={spec.captionHidden ? "visually-hidden" : undefined}>{spec.caption}</caption>
        <thead>
          <tr>
            {spec.columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? "ch-num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.rows.map((r) => (
            <tr key={r.key}>
              {r.cells.map((cell, i) => {
                const numeric = spec.columns[i]?.numeric ? "ch-num" : undefined;
                return i === 0 ? (
                  <th key={i} scope="row" className={numeric}>
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={numeric}>
                    {cell}
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

function ChartIcon() {
  return (
    <svg className="ch-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d="M2 14h12M4 12V8M8 12V3M12 12V6"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}

function TableIcon() {
  return (
    <svg className="ch-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d="M2.5 3.5h11v9h-11zM2.5 6.5h11M2.5 9.5h11M6.5 3.5v9"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
    </svg>
  );
}
