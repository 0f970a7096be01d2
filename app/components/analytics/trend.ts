// A figure's trend against the previous period, in words a tile can show and a screen reader can say.
import type { Translator } from "../../../i18n";
import { formatDuration } from "./format";

export type TrendLike = {
  current: number | null;
  previous: number | null;
  change: number | null;
  relative: number | null;
  direction: "up" | "down" | "flat" | null;
};
export type TrendKind = "count" | "share" | "duration";

/** The StatTile trend: direction, text ("+12 % vs previous period") and which way is good for this figure. */
export function trendFor(
  tr: Translator,
  trend: TrendLike | undefined,
  kind: TrendKind,
  good: "up" | "down" | undefined,
) {
  if (!trend || trend.direction === null || trend.change === null)
    return { direction: null, text: tr.t("analytics.trend.none"), good };
  if (trend.direction === "flat") return { direction: "flat" as const, text: tr.t("analytics.trend.flat"), good };
  const sign = trend.change > 0 ? "+" : "−";
  const abs = Math.abs(trend.change);
  const amount =
    kind === "share"
      ? tr.t("analytics.trend.points", { points: tr.number(abs * 100, { maximumFractionDigits: 1 }) })
      : kind === "duration"
        ? formatDuration(tr, abs)
        : trend.relative !== null
          ? tr.number(Math.abs(trend.relative), { style: "percent", maximumFractionDigits: 0 })
          : tr.number(abs);
  return { direction: trend.direction, text: tr.t("analytics.trend.change", { change: `${sign}${amount}` }), good };
}
