// The charts without a browser: the layout math (mirroring, label thinning, ticks), and the server's HTML — bars
// and points where the figures put them, right to left mirrored, time labels that fit at 400 px, an empty period
// said in words, the switch and the real table, the tiles' trend sentences, and a palette that holds 3:1.
import { readFileSync } from "node:fs";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "../i18n";
import { BarChart } from "./bar-chart";
import { ChartCard } from "./chart-card";
import {
  bucketBar,
  bucketCentre,
  DASHES,
  horizontalBar,
  labelledBuckets,
  labelStep,
  levelPlotPx,
  markerPath,
  MARKERS,
  peak,
  stackSegments,
  textWidthPx,
  xLabelLevels,
  X_LEVELS,
  yTicks,
} from "./layout";
import { StatTile, trendVerdict } from "./stat-tile";
import { barTable, seriesTable } from "./tables";
import { TimeSeriesChart } from "./time-series-chart";

const render = (lang: string, node: ReactNode) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <I18nProvider lang={lang} timeZone="UTC">
        {node}
      </I18nProvider>
    </MemoryRouter>,
  );

/** Every `<name …>` start tag whose class list has `cls`, as attribute maps. */
function tags(html: string, name: string, cls?: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, "g"))) {
    const a: Record<string, string> = {};
    for (const [, k, v] of m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)) a[k!] = v!;
    if (!cls || (a.class ?? "").split(/\s+/).includes(cls)) out.push(a);
  }
  return out;
}
const pct = (v: string | undefined) => Number((v ?? "").replace("%", ""));
const count = (html: string, needle: string) => html.split(needle).length - 1;

const days = Array.from({ length: 30 }, (_, i) => ({
  key: `2026-11-${String(i + 1).padStart(2, "0")}`,
  label: `${i + 1} Nov`,
}));
const runs = days.map((_, i) => (i === 11 ? 42 : (i * 7) % 13));

describe("layout math", () => {
  it("places buckets left to right, and right to left in RTL (newest on the left)", () => {
    expect(bucketCentre(0, 4, "ltr")).toBe(12.5);
    expect(bucketCentre(3, 4, "ltr")).toBe(87.5);
    expect(bucketCentre(0, 4, "rtl")).toBe(87.5);
    expect(bucketCentre(3, 4, "rtl")).toBe(12.5);
    const bar = bucketBar(0, 4, "ltr", 0.8);
    expect(bar.x).toBeCloseTo(2.5);
    expect(bar.width).toBeCloseTo(20);
  });

  it("grows horizontal bars from the start edge: the left in LTR, the right in RTL", () => {
    expect(horizontalBar(25, 100, "ltr")).toEqual({ x: 0, width: 25, end: 25 });
    expect(horizontalBar(25, 100, "rtl")).toEqual({ x: 75, width: 25, end: 25 });
    expect(horizontalBar(150, 100, "ltr").width).toBe(100);
    expect(horizontalBar(5, 0, "ltr").width).toBe(0);
  });

  it("thins labels to a nice step that fits, and always names the newest bucket", () => {
    expect(labelStep(30, 45, 600)).toBe(3); // 20 px a day: 53 px needs 3 days
    expect(labelStep(30, 45, 240)).toBe(7); // 8 px a day: a week
    expect(labelStep(7, 45, 700)).toBe(1);
    expect(labelledBuckets(30, 7)).toEqual([1, 8, 15, 22, 29]);
    expect(labelledBuckets(5, 1)).toEqual([0, 1, 2, 3, 4]);
  });

  it("never lets two shown labels overlap at any density level, 400 px screens included", () => {
    for (const [labels, yAxis] of [
      [days.map((d) => d.label), 40],
      [Array.from({ length: 90 }, (_, i) => `${(i % 30) + 1} Sept`), 56],
      [Array.from({ length: 12 }, (_, i) => `Week of ${i + 1} Nov`), 40],
      [Array.from({ length: 30 }, (_, i) => `${i + 1} نوامبر`), 40],
    ] as const) {
      const levels = xLabelLevels(labels, yAxis);
      const widest = Math.max(...labels.map((l) => textWidthPx(l)));
      for (const level of X_LEVELS) {
        const shown = levels.flatMap((ls, i) => (ls.includes(level.id) ? [i] : []));
        expect(shown.length, `${labels[0]} at ${level.id}`).toBeGreaterThan(0);
        expect(shown.at(-1)).toBe(labels.length - 1);
        const slot = levelPlotPx(level.id, yAxis) / labels.length;
        for (let j = 1; j < shown.length; j++)
          expect((shown[j]! - shown[j - 1]!) * slot).toBeGreaterThanOrEqual(widest);
      }
    }
    // the narrowest level shows far fewer labels than the widest
    const levels = xLabelLevels(
      days.map((d) => d.label),
      40,
    );
    const at = (id: string) => levels.filter((ls) => ls.includes(id as never)).length;
    expect(at("xs")).toBeLessThan(at("s"));
    expect(at("s")).toBeLessThan(at("l"));
    // a 400 px screen: a 320–370 px card is in level s (20rem…30rem), whose plot is at least 260 px
    expect(levelPlotPx("s", 40)).toBe(260);
  });

  it("picks nice y ticks from zero, whole numbers for counts", () => {
    expect(yTicks(42, true)).toEqual({ top: 50, ticks: [0, 10, 20, 30, 40, 50] });
    expect(yTicks(2, true)).toEqual({ top: 2, ticks: [0, 1, 2] });
    expect(yTicks(0.73, false)).toEqual({ top: 0.8, ticks: [0, 0.2, 0.4, 0.6, 0.8] });
    expect(yTicks(0, true).top).toBe(1);
  });

  it("gives every series of eight its own dash and marker shape", () => {
    expect(new Set(DASHES).size).toBe(8);
    const paths = MARKERS.map((m) => markerPath(m));
    expect(new Set(paths).size).toBe(8);
    for (const d of paths) expect(d).toMatch(/^M-?[\d.]+,-?[\d.]+.*Z$/);
    expect(markerPath("cross").split("L")).toHaveLength(12);
  });

  it("stacks series from the baseline and finds the peak", () => {
    const series = [
      { key: "a", label: "A", values: [1, null, 3] },
      { key: "b", label: "B", values: [2, 5, 0] },
    ];
    expect(stackSegments(0, series)).toEqual([
      { series: 0, from: 0, to: 1 },
      { series: 1, from: 1, to: 3 },
    ]);
    expect(stackSegments(1, series)).toEqual([{ series: 1, from: 0, to: 5 }]);
    expect(peak(3, series, true)).toEqual({ value: 5, bucket: 1, series: -1 });
    expect(peak(3, series, false)).toEqual({ value: 5, bucket: 1, series: 1 });
  });
});

describe("BarChart", () => {
  const data = [
    { key: "a", label: "Refund a card charge the customer does not recognise", value: 40, href: "/analytics/sops/a" },
    { key: "b", label: "Delivery", value: 10 },
    { key: "c", label: "Password reset", value: 20 },
  ];

  it("draws a bar per item, its length by value, labels truncated with the full text as a tooltip", () => {
    const html = render("en", <BarChart data={data} ariaLabel="Runs by SOP" valueLabel="runs" />);
    const bars = tags(html, "rect", "ch-bar");
    expect(bars).toHaveLength(3);
    expect(bars.map((b) => [Number(b.x), Number(b.width)])).toEqual([
      [0, 100],
      [0, 25],
      [0, 50],
    ]);
    expect(html).toContain('<ul class="ch-bar-list" aria-label="Runs by SOP">');
    expect(html).toContain('title="Refund a card charge the customer does not recognise"');
    expect(html).toContain('<a href="/analytics/sops/a" data-discover="true">Refund a card charge');
    // the value stands at the bar's end (logical, so it follows RTL), named for screen readers
    expect(html).toMatch(
      /class="ch-bar-value" style="inset-inline-start:25%">10<span class="visually-hidden"> runs<\/span>/,
    );
  });

  it("grows bars from the right in RTL, with the language's digits", () => {
    const html = render("fa", <BarChart data={data} ariaLabel="x" valueLabel="y" />);
    expect(tags(html, "rect", "ch-bar").map((b) => [Number(b.x), Number(b.width)])).toEqual([
      [0, 100],
      [75, 25],
      [50, 50],
    ]);
    expect(html).toContain(">۱۰<");
  });

  it("draws a labelled, dashed target line at the target, mirrored in RTL", () => {
    const steps = [
      { key: "s1", label: "Verify", value: 120_000 },
      { key: "s2", label: "Refund", value: 300_000 },
    ];
    const fmt = (ms: number) => `${Math.floor(ms / 60000)}:${String((ms / 1000) % 60).padStart(2, "0")}`;
    const ltr = render("en", <BarChart data={steps} format={fmt} target={240_000} ariaLabel="x" valueLabel="median" />);
    const lines = tags(ltr, "line", "ch-bar-target");
    expect(lines).toHaveLength(2);
    expect(Number(lines[0]!.x1)).toBe(80);
    expect(ltr).toContain("Target 4:00");
    const rtl = render("fa", <BarChart data={steps} format={fmt} target={240_000} ariaLabel="x" valueLabel="median" />);
    expect(Number(tags(rtl, "line", "ch-bar-target")[0]!.x1)).toBe(20);
    expect(rtl).toContain("هدف: 4:00");
  });

  it("draws the secondary value behind and names it when asked", () => {
    const html = render(
      "en",
      <BarChart
        data={[{ key: "s", label: "Step", value: 2, secondary: 8 }]}
        ariaLabel="x"
        valueLabel="stopped here"
        secondaryLabel="Reached"
      />,
    );
    expect(Number(tags(html, "rect", "ch-bar-secondary")[0]!.width)).toBe(100);
    expect(Number(tags(html, "rect", "ch-bar")[0]!.width)).toBe(25);
    expect(html).toContain(", Reached: 8");
  });

  it("says there is no data when there is none, but zeros on a fixed scale are figures", () => {
    expect(render("en", <BarChart data={[]} ariaLabel="x" valueLabel="y" />)).toContain("No data in this period");
    expect(
      render("en", <BarChart data={[{ key: "a", label: "A", value: 0 }]} ariaLabel="x" valueLabel="y" />),
    ).toContain("No data in this period");
    const shares = render(
      "en",
      <BarChart data={[{ key: "a", label: "A", value: 0 }]} max={1} ariaLabel="x" valueLabel="y" />,
    );
    expect(shares).not.toContain("No data");
    expect(tags(shares, "rect", "ch-bar")).toHaveLength(1);
  });
});

describe("TimeSeriesChart", () => {
  const two = [
    { key: "refund", label: "Refunds", values: runs },
    { key: "delivery", label: "Delivery", values: days.map((_, i) => (i % 3 === 0 ? null : 2)) },
  ];

  it("stacks a segment per non-empty value, summarised in one sentence for screen readers", () => {
    const html = render(
      "en",
      <TimeSeriesChart kind="stacked-bars" buckets={days} series={two} ariaLabel="Runs per day" />,
    );
    const segs = tags(html, "rect", "ch-seg").filter((r) => r.width!.endsWith("%")); // not the legend's swatches
    expect(segs).toHaveLength(runs.filter((v) => v > 0).length + 20);
    expect(html).toContain(
      'role="img" aria-label="Runs per day, 1 Nov – 30 Nov: highest ' +
        'total 44 on 12 Nov; 2 series: Refunds and Delivery"',
    );
    // the second series is patterned, not only coloured, and the legend names both in words
    expect(segs.filter((s) => s.fill?.startsWith("url(#"))).toHaveLength(20);
    expect(tags(html, "pattern")).toHaveLength(1);
    expect(html).toMatch(/<ul class="ch-legend" aria-label="Legend">.*Refunds.*Delivery.*<\/ul>/);
  });

  it("summarises a single series as in the issue: highest value and when", () => {
    const html = render(
      "en",
      <TimeSeriesChart
        kind="stacked-bars"
        buckets={days}
        series={[{ key: "runs", label: "Runs", values: runs }]}
        ariaLabel="Runs per day"
      />,
    );
    expect(html).toContain('aria-label="Runs per day, 1 Nov – 30 Nov: highest 42 on 12 Nov"');
    expect(html).not.toContain("ch-legend");
    // 42 on a nice axis of 0–50, in whole numbers
    expect(tags(html, "text", "ch-tick").length).toBe(6);
  });

  it("mirrors time right to left: the newest bucket on the left, the value axis on the right", () => {
    const series = [{ key: "runs", label: "Runs", values: runs }];
    const x = (html: string) => tags(html, "rect", "ch-seg").map((r) => pct(r.x));
    const ltr = x(render("en", <TimeSeriesChart kind="stacked-bars" buckets={days} series={series} ariaLabel="x" />));
    const rtlHtml = render("fa", <TimeSeriesChart kind="stacked-bars" buckets={days} series={series} ariaLabel="x" />);
    const rtl = x(rtlHtml);
    expect(ltr[0]!).toBeLessThan(ltr.at(-1)!);
    expect(rtl[0]!).toBeGreaterThan(rtl.at(-1)!);
    ltr.forEach((v, i) =>
      expect(v + rtl[i]! + Number(tags(rtlHtml, "rect", "ch-seg")[i]!.width.replace("%", ""))).toBeCloseTo(100, 2),
    );
    // the value axis: AxisRight at the plot's side, anchored by the svg's direction, Persian digits
    expect(rtlHtml).toMatch(/<svg class="ch-ts-y" width="\d+" height="208" direction="rtl"/);
    expect(rtlHtml).toMatch(/class="ch-tick">۵۰</);
    const newest = tags(rtlHtml, "text", "ch-xt").at(-1)!;
    expect(pct(newest.x)).toBeLessThan(5);
  });

  it("draws a line per series with its own dash and markers, with gaps where values are missing", () => {
    const html = render("en", <TimeSeriesChart kind="line" buckets={days} series={two} ariaLabel="Runs per day" />);
    const paths = tags(html, "path", "ch-line");
    expect(paths).toHaveLength(2);
    expect(paths[0]!["stroke-dasharray"]).toBeUndefined();
    expect(paths[1]!["stroke-dasharray"]).toBe("7 3");
    expect(paths.every((p) => p["vector-effect"] === "non-scaling-stroke")).toBe(true);
    expect(count(paths[1]!.d!, "M")).toBe(10); // a missing value every third day breaks the line
    expect(tags(html, "path", "ch-marker").filter((m) => !m.transform)).toHaveLength(30 + 20);
    expect(html).toContain("highest 42 (Refunds) on 12 Nov");
    // the legend shows each dash and marker, not a colour alone
    expect(tags(html, "svg", "ch-swatch")).toHaveLength(2);
  });

  it("labels fewer days on narrow containers; the labels of 400 px screens never overlap", () => {
    const html = render(
      "en",
      <TimeSeriesChart
        kind="stacked-bars"
        buckets={days}
        series={[{ key: "r", label: "Runs", values: runs }]}
        ariaLabel="x"
      />,
    );
    const labels = tags(html, "text", "ch-xt");
    const at = (level: string) => labels.filter((l) => l.class!.split(" ").includes(`ch-xt--${level}`));
    expect(at("s").length).toBeLessThan(at("l").length);
    expect(at("l").length).toBeLessThanOrEqual(30);
    const small = at("s").map((l) => pct(l.x));
    const yAxis = Number(tags(html, "svg", "ch-ts-y")[0]!.width);
    for (let i = 1; i < small.length; i++)
      expect(((small[i]! - small[i - 1]!) / 100) * levelPlotPx("s", yAxis)).toBeGreaterThanOrEqual(
        textWidthPx("30 Nov"),
      );
    expect(html).toContain(">30 Nov</text>");
  });

  it("says there is no data when every value is missing or zero", () => {
    const html = render(
      "en",
      <TimeSeriesChart
        kind="line"
        buckets={days}
        series={[{ key: "r", label: "Runs", values: days.map(() => null) }]}
        ariaLabel="Runs per day"
      />,
    );
    expect(html).toContain("No data in this period");
    expect(html).toContain('aria-label="Runs per day: no data in this period"');
    expect(render("el", <TimeSeriesChart kind="line" buckets={[]} series={[]} ariaLabel="x" />)).toContain(
      "Δεν υπάρχουν δεδομένα σε αυτή την περίοδο",
    );
  });
});

describe("ChartCard", () => {
  const spec = barTable({
    caption: "Outcomes",
    labelHeader: "Outcome",
    valueLabel: "Runs",
    data: [
      { key: "r", label: "Resolved", value: 1200 },
      { key: "e", label: "Escalated", value: 30 },
    ],
    format: (n) => n.toLocaleString("en"),
  });

  it("is a named section with a chart/table switch, and without scripts the table in a <details>", () => {
    const html = render(
      "en",
      <ChartCard
        id="outcomes"
        title="Outcomes"
        description="Live calls only"
        table={spec}
        actions={<a href="/x.csv">CSV</a>}
      >
        <p>the chart</p>
      </ChartCard>,
    );
    expect(html).toMatch(
      new RegExp(
        /^<section id="outcomes" class="card ch-card" aria-labelledby="outcomes-title">/.source +
          /<div class="ch-card-head"><h2 id="outcomes-title"/.source,
      ),
    );
    expect(html).toContain('<div class="ch-switch" role="group" aria-label="Show “Outcomes” as">');
    const buttons = tags(html, "button", "ch-switch-button");
    expect(buttons.map((b) => [b.type, b["aria-pressed"], b["aria-controls"]])).toEqual([
      ["button", "true", "outcomes-view"],
      ["button", "false", "outcomes-view"],
    ]);
    expect(html).toContain('<a href="/x.csv">CSV</a>');
    expect(html).toContain('<div id="outcomes-view" class="ch-card-view" data-view="chart"><p>the chart</p></div>');
    expect(html).toMatch(
      new RegExp(
        /<details class="ch-nojs"><summary>Show the figures as a table<\/summary>/.source +
          /<div class="table-wrap ch-table-wrap"><table/.source,
      ),
    );
  });

  it("renders a TableSpec as a real table: caption, column headers, row headers, numbers on the end edge", () => {
    const html = render(
      "en",
      <ChartCard id="o" title="Outcomes" table={spec} initialView="table">
        <p>the chart</p>
      </ChartCard>,
    );
    expect(html).not.toContain("the chart");
    expect(html).not.toContain("ch-nojs");
    expect(html).toContain("<caption>Outcomes</caption>");
    expect(tags(html, "th").filter((t) => t.scope === "col")).toHaveLength(2);
    expect(html).toContain('<th scope="col" class="ch-num">Runs</th>');
    expect(html).toContain('<tr><th scope="row">Resolved</th><td class="ch-num">1,200</td></tr>');
    expect(tags(html, "button").find((b) => b["aria-pressed"] === "true")).toBeTruthy();
    expect(count(html, 'aria-pressed="true"')).toBe(1);
  });

  it("builds a series table: a row per bucket, a column per series and the total", () => {
    const t = seriesTable({
      caption: "Runs",
      bucketHeader: "Day",
      buckets: days.slice(0, 2),
      series: [
        { key: "a", label: "A", values: [1, null] },
        { key: "b", label: "B", values: [2, 3] },
      ],
      format: String,
      totalLabel: "Total",
    });
    expect(t.columns.map((c) => c.label)).toEqual(["Day", "A", "B", "Total"]);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ["1 Nov", "1", "2", "3"],
      ["2 Nov", "–", "3", "3"],
    ]);
  });
});

describe("StatTile", () => {
  it("tells a worsening by arrow, words and colour, in one sentence for screen readers", () => {
    const html = render(
      "en",
      <StatTile
        label="Abandonment"
        value="6 %"
        trend={{ direction: "up", text: "+2 pts on the previous period", good: "down" }}
        hint="Open for 24 h"
      />,
    );
    expect(html).toContain('class="ch-trend ch-trend--bad"');
    expect(html).toContain("ch-trend-icon--up");
    expect(html).toContain(
      '<span aria-hidden="true">+2 pts on the previous period<span class="ch-trend-verdict"> · worse</span></span>',
    );
    expect(html).toContain('<span class="visually-hidden">Up, worse: +2 pts on the previous period</span>');
    expect(html).toContain('<p class="ch-tile-value">6 %</p>');
    expect(html).toContain("Open for 24 h");
  });

  it("a fall that is good is better; neutral figures and flat trends have no verdict", () => {
    expect(trendVerdict({ direction: "down", text: "", good: "down" })).toBe("better");
    expect(trendVerdict({ direction: "up", text: "" })).toBeNull();
    expect(trendVerdict({ direction: "flat", text: "", good: "up" })).toBeNull();
    const runs = render(
      "en",
      <StatTile label="Runs" value="120" trend={{ direction: "down", text: "−12 % on the previous period" }} />,
    );
    expect(runs).toContain("ch-trend--neutral");
    expect(runs).toContain("Down: −12 % on the previous period");
    const none = render(
      "en",
      <StatTile label="Runs" value="120" trend={{ direction: null, text: "No earlier period to compare" }} />,
    );
    expect(none).not.toContain("ch-trend-icon");
    expect(none).not.toContain("visually-hidden");
    expect(none).toContain("No earlier period to compare");
  });

  it("speaks the interface language", () => {
    const html = render(
      "fa",
      <StatTile label="x" value="۶٪" trend={{ direction: "down", text: "−۲ واحد نسبت به دورهٔ قبل", good: "down" }} />,
    );
    expect(html).toContain("کاهش، بهتر: −۲ واحد نسبت به دورهٔ قبل");
    expect(html).toContain("ch-trend--good");
  });
});

describe("palette", () => {
  const lum = (hex: string) => {
    const v = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * v[0]! + 0.7152 * v[1]! + 0.0722 * v[2]!;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };

  it("gives eight series colours of at least 3:1 against the card, in light and dark", () => {
    const css = readFileSync(new URL("./charts.css", import.meta.url), "utf8");
    const app = readFileSync(new URL("../../app.css", import.meta.url), "utf8");
    const colours = [...css.matchAll(/--chart-(\d): (#[0-9a-f]{6});/g)].map((m) => m[2]!);
    const surfaces = [...app.matchAll(/--surface: (#[0-9a-f]{6});/g)].map((m) => m[1]!);
    expect(colours).toHaveLength(16);
    expect(surfaces).toEqual(["#ffffff", "#1a1f29"]);
    const [light, dark] = [colours.slice(0, 8), colours.slice(8)];
    for (const c of light) expect(contrast(c, surfaces[0]!), c).toBeGreaterThanOrEqual(3);
    for (const c of dark) expect(contrast(c, surfaces[1]!), c).toBeGreaterThanOrEqual(3);
    expect(new Set(light).size).toBe(8);
    expect(new Set(dark).size).toBe(8);
  });
});
