// The charts' layout math, without React: where a bucket sits, which x labels fit at which width, the y axis's
// ticks, and the figures a chart's summary names. The charts never measure the DOM (ADR 018): x positions are
// percentages of the container, so only the label density depends on the width, and CSS container queries pick
// it from the levels computed here.

export type Dir = "ltr" | "rtl";

/** The plot's height and its margins, in px (the y axis is in px; only x follows the container). */
export const PLOT = { height: 208, top: 10, bottom: 28, labelBaseline: 22 } as const;
/** Axis text size in px: the label estimates below assume it, and charts.css sets it. */
export const AXIS_FONT_PX = 12;
/** Room kept free after the newest bucket (inline end) so its centred label is not cut off. */
export const END_PAD_PX = 20;

/**
 * Label density levels, by the chart container's width (the CSS container queries in charts.css use the same
 * breakpoints). `minPx` is the narrowest container the level is used at, so labels chosen for it never overlap
 * at any width of that level. xs covers phones down to 320 px; s starts at 20rem, so a 400 px screen is in it.
 */
export const X_LEVELS = [
  { id: "xs", minPx: 256 },
  { id: "s", minPx: 320 },
  { id: "m", minPx: 480 },
  { id: "l", minPx: 768 },
] as const;
export type XLevel = (typeof X_LEVELS)[number]["id"];

/** Centre of bucket `i` of `n`, in % of the plot width. Right to left mirrors time: the newest is on the left. */
export function bucketCentre(i: number, n: number, dir: Dir): number {
  const ltr = ((i + 0.5) / n) * 100;
  return dir === "rtl" ? 100 - ltr : ltr;
}

/** A bar in bucket `i`: its start (the physical left edge, % of the plot) and width, `fill` of the slot. */
export function bucketBar(i: number, n: number, dir: Dir, fill = 0.72): { x: number; width: number } {
  const width = (100 / n) * fill;
  return { x: bucketCentre(i, n, dir) - width / 2, width };
}

/**
 * A horizontal bar of `value` on a 0…`max` scale, in % of the track: from the left in LTR, from the right in RTL
 * (x is the physical left edge, as SVG wants it).
 */
export function horizontalBar(value: number, max: number, dir: Dir): { x: number; width: number; end: number } {
  const width = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  return { x: dir === "rtl" ? 100 - width : 0, width, end: width };
}

/** A position on the 0…`max` scale, physical % from the left (mirrored in RTL). */
export function horizontalAt(value: number, max: number, dir: Dir): number {
  const at = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  return dir === "rtl" ? 100 - at : at;
}

/**
 * A text's width in px at `fontPx`, estimated (no DOM on the server): 0.62 em a character is a little wider
 * than system-ui's digits and Latin, Greek and Persian letters, so the estimate errs towards fewer labels.
 */
export function textWidthPx(text: string, fontPx = AXIS_FONT_PX): number {
  return Array.from(text).length * 0.62 * fontPx;
}

const NICE_STEPS = [1, 2, 3, 4, 5, 7, 10, 14, 15, 20, 28, 30, 50, 60, 90, 100];

/** Every how many buckets a label can stand when each is `labelPx` wide (plus a gap) on a plot of `plotPx`. */
export function labelStep(n: number, labelPx: number, plotPx: number, gapPx = 8): number {
  if (n <= 0) return 1;
  const slot = Math.max(plotPx, 1) / n;
  const need = Math.ceil((labelPx + gapPx) / slot);
  return NICE_STEPS.find((s) => s >= need) ?? need;
}

/** The buckets that get a label at `step`, counted back from the newest so the latest bucket is always named. */
export function labelledBuckets(n: number, step: number): number[] {
  const out: number[] = [];
  for (let i = n - 1; i >= 0; i -= Math.max(1, step)) out.push(i);
  return out.reverse();
}

/**
 * For each bucket, the density levels at which its label is shown (empty: never). The widest label decides,
 * so no two shown labels overlap; the plot width of a level is its narrowest container less the y axis.
 */
export function xLabelLevels(labels: readonly string[], yAxisPx: number): XLevel[][] {
  const n = labels.length;
  const widest = Math.max(0, ...labels.map((l) => textWidthPx(l)));
  const out: XLevel[][] = labels.map(() => []);
  for (const level of X_LEVELS) {
    const plot = level.minPx - yAxisPx - END_PAD_PX;
    for (const i of labelledBuckets(n, labelStep(n, widest, plot))) out[i]!.push(level.id);
  }
  return out;
}

/** The plot width (px) a level guarantees: what the tests check the labels against. */
export function levelPlotPx(level: XLevel, yAxisPx: number): number {
  return X_LEVELS.find((l) => l.id === level)!.minPx - yAxisPx - END_PAD_PX;
}

/**
 * Y axis: a 0-based "nice" maximum, the smallest 1-2-2.5-5 step that needs at most `count + 1` intervals (so
 * 42 gets 0–50 by tens, not 0–60 by twenties); whole steps only when the data are whole (counts), so a chart
 * of 0–2 runs is not labelled 0.5 and 1.5.
 */
export function yTicks(max: number, integers: boolean, count = 4): { top: number; ticks: number[] } {
  const m = Number.isFinite(max) && max > 0 ? max : 1;
  const mag = 10 ** Math.floor(Math.log10(m / (count + 1)));
  const steps = [1, 2, 2.5, 5, 10, 20, 25, 50].map((f) => Number((f * mag).toPrecision(12)));
  const step =
    steps.find((s) => (!integers || Number.isInteger(s)) && Math.ceil(m / s - 1e-9) <= count + 1) ??
    Math.max(1, Math.ceil(m / count));
  const top = Number((Math.ceil(m / step - 1e-9) * step).toPrecision(12));
  const ticks: number[] = [];
  for (let k = 0; k * step <= top + step / 1e6; k++) ticks.push(Number((k * step).toPrecision(12)));
  return { top, ticks };
}

/** Pixel y of `value` on a 0…top axis inside PLOT. */
export function yAt(value: number, top: number): number {
  const inner = PLOT.height - PLOT.top - PLOT.bottom;
  return PLOT.top + inner - (top > 0 ? (value / top) * inner : 0);
}

export type Series = { key: string; label: string; values: (number | null)[] };

/** True when there is nothing to draw: no buckets, no series, or every value missing or zero. */
export function seriesEmpty(buckets: readonly unknown[], series: readonly Series[]): boolean {
  return buckets.length === 0 || series.every((s) => s.values.every((v) => v == null || v === 0));
}

/** Per bucket, the sum of the values present (a stacked bar's height). */
export function bucketTotals(n: number, series: readonly Series[]): number[] {
  return Array.from({ length: n }, (_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
}

/** The highest value (or total, for stacked bars) and where: the first bucket reaching it. */
export function peak(
  n: number,
  series: readonly Series[],
  stacked: boolean,
): { value: number; bucket: number; series: number } | null {
  let best: { value: number; bucket: number; series: number } | null = null;
  if (stacked) {
    bucketTotals(n, series).forEach((v, i) => {
      if (!best || v > best.value) best = { value: v, bucket: i, series: -1 };
    });
  } else {
    series.forEach((s, k) =>
      s.values.forEach((v, i) => {
        if (v != null && i < n && (!best || v > best.value)) best = { value: v, bucket: i, series: k };
      }),
    );
  }
  return best;
}

/** Segments of a stacked bar from the baseline up, in series order; missing and zero values draw nothing. */
export function stackSegments(i: number, series: readonly Series[]): { series: number; from: number; to: number }[] {
  const out: { series: number; from: number; to: number }[] = [];
  let at = 0;
  series.forEach((s, k) => {
    const v = s.values[i];
    if (v == null || v <= 0) return;
    out.push({ series: k, from: at, to: at + v });
    at += v;
  });
  return out;
}

/** Eight line dash patterns and marker shapes: series differ by more than colour (WCAG 1.4.1). */
export const DASHES = ["", "7 3", "2 3", "9 3 2 3", "12 4", "4 2 1 2", "1 3", "10 3 3 3 3 3"] as const;
export const MARKERS = ["circle", "square", "triangle", "diamond", "triangle-down", "plus", "cross", "bar"] as const;
export type Marker = (typeof MARKERS)[number];

/** A marker's outline centred on 0,0 (radius about `r`). */
export function markerPath(marker: Marker, r = 3.5): string {
  const f = (n: number) => Number(n.toFixed(2));
  switch (marker) {
    case "circle":
      return `M${f(-r)},0a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0Z`;
    case "square":
      return `M${f(-r)},${f(-r)}H${f(r)}V${f(r)}H${f(-r)}Z`;
    case "triangle":
      return `M0,${f(-r * 1.15)}L${f(r * 1.1)},${f(r * 0.85)}H${f(-r * 1.1)}Z`;
    case "triangle-down":
      return `M0,${f(r * 1.15)}L${f(r * 1.1)},${f(-r * 0.85)}H${f(-r * 1.1)}Z`;
    case "diamond":
      return `M0,${f(-r * 1.3)}L${f(r * 1.3)},0L0,${f(r * 1.3)}L${f(-r * 1.3)},0Z`;
    case "plus": {
      const t = r * 0.4;
      return (
        `M${f(-t)},${f(-r)}H${f(t)}V${f(-t)}H${f(r)}V${f(t)}H${f(t)}` +
        `V${f(r)}H${f(-t)}V${f(t)}H${f(-r)}V${f(-t)}H${f(-t)}Z`
      );
    }
    case "cross": {
      const a = r * 0.95;
      const t = r * 0.35;
      const points: [number, number][] = [
        [-a, -a + t],
        [-a + t, -a],
        [0, -t],
        [a - t, -a],
        [a, -a + t],
        [t, 0],
        [a, a - t],
        [a - t, a],
        [0, t],
        [-a + t, a],
        [-a, a - t],
        [-t, 0],
      ];
      return `M${points.map(([x, y]) => `${f(x)},${f(y)}`).join("L")}Z`;
    }
    case "bar":
      return `M${f(-r * 0.45)},${f(-r * 1.2)}H${f(r * 0.45)}V${f(r * 1.2)}H${f(-r * 0.45)}Z`;
  }
}

/** Fill patterns over the stacked bars' colours (the first series is plain). */
export const PATTERNS = [
  "none",
  "diagonal",
  "dots",
  "horizontal",
  "cross",
  "back-diagonal",
  "vertical",
  "grid",
] as const;

/** Colour slot 1…8 (charts.css's --chart-N) for series `k`; more than eight series reuse them. */
export const colourSlot = (k: number) => (k % 8) + 1;
