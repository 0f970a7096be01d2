// Horizontal bars: a list, one item per bar, so a screen reader reads "label, value" in order and a bar with a
// link is a link. The label is HTML (it truncates with an ellipsis at any width, the full text in its tooltip
// and in the card's table); the bar is a small visx SVG whose viewBox is 0–100 wide, stretched to the track
// (preserveAspectRatio="none"): it follows the container with no measuring, on the server as on the client.
// Right to left, bars grow from the right; the value stands at the bar's end either way (logical CSS).
import { Bar, Line } from "@visx/shape";
import type { CSSProperties } from "react";
import { Link } from "react-router";
import { useT } from "../i18n";
import { horizontalAt, horizontalBar } from "./layout";
import "./charts.css";

export type BarDatum = {
  key: string;
  label: string;
  value: number;
  /** drawn as a paler bar behind the value (e.g. runs that reached a step, behind those that stopped there) */
  secondary?: number;
  href?: string;
  /** a few words after the value */
  note?: string;
};

const VIEW_H = 20;

export function BarChart({
  data,
  format,
  max,
  ariaLabel,
  valueLabel,
  target,
  targetLabel,
  secondaryLabel,
}: {
  data: readonly BarDatum[];
  format?: (n: number) => string;
  /** the scale's end (1 for shares). Without it the largest value is the end, and all-zero data count as none. */
  max?: number;
  /** the list's name */
  ariaLabel: string;
  /** what a value is ("runs"), said after each value */
  valueLabel: string;
  /** a marker line across the bars, e.g. the handle-time target */
  target?: number;
  /** the marker's words; "Target 4:00" when absent */
  targetLabel?: string;
  /** names the secondary value for screen readers ("Reached: 40"); unnamed, it is drawn only */
  secondaryLabel?: string;
}) {
  const tr = useT();
  const { t, dir } = tr;
  const fmt = format ?? ((n: number) => tr.number(n));
  if (data.length === 0 || (max === undefined && data.every((d) => d.value === 0 && !d.secondary))) {
    return <p className="ch-empty">{t("charts.empty")}</p>;
  }
  const top = max ?? Math.max(...data.map((d) => Math.max(d.value, d.secondary ?? 0)), target ?? 0);
  const values = data.map((d) => fmt(d.value));
  // Room after the longest bar for its value: estimated in characters, so nothing is measured.
  const room = Math.max(...values.map((v) => Array.from(v).length)) + 2;
  const targetX = target === undefined ? null : horizontalAt(target, top, dir);
  const targetEnd = target === undefined ? 0 : horizontalBar(target, top, "ltr").end;
  return (
    <div className="ch-bars" style={{ "--ch-room": `${room}ch` } as CSSProperties}>
      {target !== undefined ? (
        <div className="ch-bar-row ch-bar-head">
          <span />
          <span className="ch-bar-plot">
            {/* past the middle, the label ends at the line instead of starting there, so it stays inside */}
            <span
              className={`ch-target-label${targetEnd > 60 ? " is-before" : ""}`}
              style={targetEnd > 60 ? { insetInlineEnd: `${100 - targetEnd}%` } : { insetInlineStart: `${targetEnd}%` }}
            >
              {targetLabel ? `${targetLabel} ${fmt(target)}` : t("charts.target", { value: fmt(target) })}
            </span>
          </span>
        </div>
      ) : null}
      <ul className="ch-bar-list" aria-label={ariaLabel}>
        {data.map((d, i) => {
          const bar = horizontalBar(d.value, top, dir);
          const back = d.secondary === undefined ? null : horizontalBar(d.secondary, top, dir);
          return (
            <li key={d.key} className="ch-bar-row">
              <span className="ch-bar-label" title={d.label}>
                {d.href ? <Link to={d.href}>{d.label}</Link> : d.label}
              </span>
              <span className="ch-bar-plot">
                <svg
                  className="ch-bar-svg"
                  viewBox={`0 0 100 ${VIEW_H}`}
                  preserveAspectRatio="none"
                  aria-hidden="true"
                  focusable="false"
                >
                  {back ? (
                    <Bar className="ch-bar-secondary" x={r(back.x)} y={2} width={r(back.width)} height={VIEW_H - 4} />
                  ) : null}
                  <Bar
                    className="ch-bar"
                    x={r(bar.x)}
                    y={back ? 6 : 3}
                    width={r(bar.width)}
                    height={back ? VIEW_H - 12 : VIEW_H - 6}
                  />
                  {targetX !== null ? (
                    <Line
                      className="ch-bar-target"
                      from={{ x: r(targetX), y: 0 }}
                      to={{ x: r(targetX), y: VIEW_H }}
                      vectorEffect="non-scaling-stroke"
                    />
                  ) : null}
                </svg>
                <span className="ch-bar-value" style={{ insetInlineStart: `${r(bar.end)}%` }}>
                  {values[i]}
                  <span className="visually-hidden"> {valueLabel}</span>
                  {d.secondary !== undefined && secondaryLabel ? (
                    <span className="visually-hidden">
                      , {t("charts.secondary", { label: secondaryLabel, value: fmt(d.secondary) })}
                    </span>
                  ) : null}
                  {d.note ? <span className="ch-bar-note"> · {d.note}</span> : null}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

const r = (n: number) => Math.round(n * 1000) / 1000;
