// A key figure with its trend against the previous period. The change is told three ways, never by colour alone:
// an arrow for its direction, the words ("+12 % on the previous period"), and — when the figure has a good
// direction — "better" or "worse" beside them, in the colour that says the same. A screen reader hears one
// sentence: "Up, worse: +12 % on the previous period".
import { useT } from "../i18n";
import "./charts.css";

export type TileTrend = {
  direction: "up" | "down" | "flat" | null;
  /** the change in words, from the page ("+12 % on the previous period", "No earlier period to compare") */
  text: string;
  /** which way is good for this figure; absent when neither is (a run count) */
  good?: "up" | "down";
};

export function StatTile({
  label,
  value,
  trend,
  hint,
}: {
  label: string;
  value: string;
  trend?: TileTrend;
  hint?: string;
}) {
  return (
    <div className="ch-tile">
      <p className="ch-tile-label">{label}</p>
      <p className="ch-tile-value">{value}</p>
      {trend ? <Trend trend={trend} /> : null}
      {hint ? <p className="ch-tile-hint">{hint}</p> : null}
    </div>
  );
}

/** "better", "worse", or null when the change has no good side (flat, nothing to compare, neutral figures). */
export function trendVerdict(trend: TileTrend): "better" | "worse" | null {
  if (!trend.good || (trend.direction !== "up" && trend.direction !== "down")) return null;
  return trend.direction === trend.good ? "better" : "worse";
}

function Trend({ trend }: { trend: TileTrend }) {
  const { t } = useT();
  const verdict = trendVerdict(trend);
  const moved = trend.direction === "up" || trend.direction === "down";
  const tone = verdict === "better" ? "good" : verdict === "worse" ? "bad" : "neutral";
  return (
    <p className={`ch-trend ch-trend--${tone}`}>
      <TrendIcon direction={trend.direction} />
      <span aria-hidden={moved || undefined}>
        {trend.text}
        {verdict ? (
          <span className="ch-trend-verdict">
            {" "}
            · {t(verdict === "better" ? "charts.trend.better" : "charts.trend.worse")}
          </span>
        ) : null}
      </span>
      {moved ? (
        <span className="visually-hidden">
          {t("charts.trend.moved", { direction: trend.direction, verdict: verdict ?? "none", text: trend.text })}
        </span>
      ) : null}
    </p>
  );
}

function TrendIcon({ direction }: { direction: TileTrend["direction"] }) {
  if (direction === null) return null;
  const d =
    direction === "up"
      ? "M8 3v10M3.5 7.5 8 3l4.5 4.5"
      : direction === "down"
        ? "M8 13V3M3.5 8.5 8 13l4.5-4.5"
        : "M2.5 8h11M9.5 4l4 4-4 4";
  return (
    <svg
      className={`ch-trend-icon ch-trend-icon--${direction}`}
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
      focusable="false"
    >
      <path d={d} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
