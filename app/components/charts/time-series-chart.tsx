// Figures over time: lines, or bars stacked per bucket. Nothing is measured (ADR 018): the value axis is its own
// small SVG in px beside the plot; the plot's x positions are percentages, so it is as wide as its container on
// the server and the client alike, and its text never scales. Only how many time labels fit depends on the
// width: each label carries the density levels it belongs to (layout.ts) and the container queries in charts.css
// show one level's labels. Right to left mirrors time (the newest on the left) and puts the value axis on the
// right. Series differ by colour and by dash and marker (lines) or fill pattern (bars), and the legend names
// them in words; the figure is one image with a summary, and the card's table view has every value.
import { AxisLeft, AxisRight } from "@visx/axis";
import { scaleLinear } from "@visx/scale";
import { Bar, Line, LinePath } from "@visx/shape";
import { useId } from "react";
import { useT } from "../i18n";
import {
  bucketBar,
  bucketCentre,
  colourSlot,
  DASHES,
  markerPath,
  MARKERS,
  PATTERNS,
  peak,
  PLOT,
  seriesEmpty,
  stackSegments,
  textWidthPx,
  xLabelLevels,
  yAt,
  yTicks,
  type Series,
} from "./layout";
import "./charts.css";

export type { Series } from "./layout";
export type Bucket = { key: string; label: string };

/** Above this many buckets, line points are not marked (the dash patterns still tell the series apart). */
const MARKERS_UP_TO = 45;
const TICK_GAP = 6;

export function TimeSeriesChart({
  buckets,
  series,
  kind,
  ariaLabel,
  format,
}: {
  buckets: readonly Bucket[];
  /** up to eight read well; more reuse the colours and patterns */
  series: readonly Series[];
  kind: "line" | "stacked-bars";
  /** what the chart shows ("Runs per day"): the start of its summary */
  ariaLabel: string;
  format?: (n: number) => string;
}) {
  const tr = useT();
  const { t, dir } = tr;
  const uid = `ch${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const fmt = format ?? ((n: number) => tr.number(n));
  const n = buckets.length;
  if (seriesEmpty(buckets, series)) {
    return (
      <p className="ch-empty" role="img" aria-label={t("charts.summary.empty", { chart: ariaLabel })}>
        {t("charts.empty")}
      </p>
    );
  }
  const stacked = kind === "stacked-bars";
  const high = peak(n, series, stacked)!;
  const integers = series.every((s) => s.values.every((v) => v == null || Number.isInteger(v)));
  const { top, ticks } = yTicks(high.value, integers);
  const tickText = ticks.map((v) => fmt(v));
  const yWidth = Math.ceil(Math.max(24, ...tickText.map((s) => textWidthPx(s))) + TICK_GAP + 4);
  const levels = xLabelLevels(
    buckets.map((b) => b.label),
    yWidth,
  );
  const y = scaleLinear<number>({ domain: [0, top], range: [yAt(0, top), yAt(top, top)] });
  const summary = summarise();
  const Axis = dir === "rtl" ? AxisRight : AxisLeft;

  function summarise(): string {
    const base = {
      chart: ariaLabel,
      from: buckets[0]!.label,
      to: buckets[n - 1]!.label,
      max: fmt(high.value),
      at: buckets[high.bucket]!.label,
    };
    if (series.length === 1) return t("charts.summary.one", base);
    const names = tr.list(series.map((s) => s.label));
    if (stacked) return t("charts.summary.stacked", { ...base, count: series.length, names });
    return t("charts.summary.lines", { ...base, name: series[high.series]!.label, count: series.length, names });
  }

  return (
    <div className="ch-ts">
      <div className="ch-ts-figure" role="img" aria-label={summary}>
        <svg className="ch-ts-y" width={yWidth} height={PLOT.height} direction={dir} focusable="false">
          <Axis
            left={dir === "rtl" ? 0 : yWidth}
            scale={y}
            tickValues={ticks}
            tickFormat={(v) => fmt(Number(v))}
            hideAxisLine
            hideTicks
            tickLength={TICK_GAP}
            axisClassName="ch-axis"
            // text-anchor "end" is the edge towards the plot in both directions (the svg's direction says which)
            tickComponent={({ x, y: ty, formattedValue }) => (
              <text x={x} y={ty} dy="0.32em" textAnchor="end" className="ch-tick">
                {formattedValue}
              </text>
            )}
          />
        </svg>
        <svg className="ch-ts-plot" width="100%" height={PLOT.height} direction={dir} focusable="false">
          {stacked ? <Patterns uid={uid} count={series.length} /> : null}
          {ticks.map((v) => (
            <line key={v} className={v === 0 ? "ch-baseline" : "ch-grid"} x1="0" x2="100%" y1={y(v)} y2={y(v)} />
          ))}
          {stacked
            ? buckets.map((b, i) => {
                const { x, width } = bucketBar(i, n, dir);
                return stackSegments(i, series).map((seg) => (
                  <Bar
                    key={`${b.key}-${series[seg.series]!.key}`}
                    // a fill class would outrank the pattern's fill attribute: only the plain first series has one
                    className={seg.series % 8 === 0 ? "ch-seg ch-fill-1" : "ch-seg"}
                    fill={seg.series % 8 === 0 ? undefined : `url(#${uid}-p${seg.series % 8})`}
                    x={`${r(x)}%`}
                    width={`${r(width)}%`}
                    y={r(y(seg.to))}
                    height={r(y(seg.from) - y(seg.to))}
                  >
                    <title>{`${b.label} · ${series[seg.series]!.label}: ${fmt(seg.to - seg.from)}`}</title>
                  </Bar>
                ));
              })
            : series.map((s, k) => (
                <g key={s.key} className={`ch-series ch-stroke-${colourSlot(k)}`}>
                  {/* the path in a 0–100 wide viewBox stretched to the plot; strokes and dashes keep their px */}
                  <svg
                    viewBox={`0 0 100 ${PLOT.height}`}
                    preserveAspectRatio="none"
                    width="100%"
                    height={PLOT.height}
                    overflow="visible"
                  >
                    <LinePath
                      data={s.values.map((v, i) => ({ v, i }))}
                      defined={(d) => d.v != null && d.i < n}
                      x={(d) => r(bucketCentre(d.i, n, dir))}
                      y={(d) => r(y(d.v ?? 0))}
                      className="ch-line"
                      fill="none"
                      strokeDasharray={DASHES[k % 8] || undefined}
                      vectorEffect="non-scaling-stroke"
                    />
                  </svg>
                  {n <= MARKERS_UP_TO
                    ? s.values.slice(0, n).map((v, i) =>
                        v == null ? null : (
                          <svg
                            key={i}
                            className="ch-point"
                            x={`${r(bucketCentre(i, n, dir))}%`}
                            y={r(y(v))}
                            width="1"
                            height="1"
                            overflow="visible"
                          >
                            <path className={`ch-marker ch-fill-${colourSlot(k)}`} d={markerPath(MARKERS[k % 8]!)}>
                              <title>{`${buckets[i]!.label} · ${s.label}: ${fmt(v)}`}</title>
                            </path>
                          </svg>
                        ),
                      )
                    : null}
                </g>
              ))}
          {buckets.map((b, i) =>
            levels[i]!.length ? (
              <text
                key={b.key}
                className={`ch-xt ${levels[i]!.map((l) => `ch-xt--${l}`).join(" ")}`}
                x={`${r(bucketCentre(i, n, dir))}%`}
                y={PLOT.height - PLOT.bottom + PLOT.labelBaseline}
                textAnchor="middle"
              >
                {b.label}
              </text>
            ) : null,
          )}
        </svg>
      </div>
      {series.length > 1 ? (
        <ul className="ch-legend" aria-label={t("charts.legend")}>
          {series.map((s, k) => (
            <li key={s.key} className="ch-legend-item">
              {stacked ? (
                <svg className="ch-swatch" width="14" height="14" aria-hidden="true" focusable="false">
                  <rect
                    className={k % 8 === 0 ? "ch-seg ch-fill-1" : "ch-seg"}
                    fill={k % 8 === 0 ? undefined : `url(#${uid}-p${k % 8})`}
                    x="0.5"
                    y="0.5"
                    width="13"
                    height="13"
                  />
                </svg>
              ) : (
                <svg
                  className={`ch-swatch ch-stroke-${colourSlot(k)}`}
                  width="32"
                  height="12"
                  aria-hidden="true"
                  focusable="false"
                >
                  <Line
                    className="ch-line"
                    from={{ x: 1, y: 6 }}
                    to={{ x: 31, y: 6 }}
                    strokeDasharray={DASHES[k % 8] || undefined}
                  />
                  <path
                    className={`ch-marker ch-fill-${colourSlot(k)}`}
                    transform="translate(16 6)"
                    d={markerPath(MARKERS[k % 8]!)}
                  />
                </svg>
              )}
              <span>{s.label}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A fill pattern per series after the first: the series colour with light strokes over it (charts.css). */
function Patterns({ uid, count }: { uid: string; count: number }) {
  const used = PATTERNS.slice(1, Math.min(count, 8));
  return (
    <defs>
      {used.map((kind, j) => {
        const k = j + 1;
        const rotate =
          kind === "diagonal" || kind === "cross" ? "rotate(45)" : kind === "back-diagonal" ? "rotate(-45)" : undefined;
        return (
          <pattern
            key={kind}
            id={`${uid}-p${k}`}
            patternUnits="userSpaceOnUse"
            width="6"
            height="6"
            patternTransform={rotate}
          >
            <rect className={`ch-fill-${colourSlot(k)}`} width="6" height="6" />
            {kind === "dots" ? <circle className="ch-pat-dot" cx="3" cy="3" r="1.3" /> : null}
            {kind === "diagonal" ||
            kind === "back-diagonal" ||
            kind === "vertical" ||
            kind === "cross" ||
            kind === "grid" ? (
              <line className="ch-pat" x1="3" y1="0" x2="3" y2="6" />
            ) : null}
            {kind === "horizontal" || kind === "cross" || kind === "grid" ? (
              <line className="ch-pat" x1="0" y1="3" x2="6" y2="3" />
            ) : null}
          </pattern>
        );
      })}
    </defs>
  );
}

const r = (n: number) => Math.round(n * 1000) / 1000;
