import { Link } from "react-router";
import type { Route } from "./+types/analytics.trends";
import { analyticsTrends } from "../analytics.server";
import { AnalyticsFrame, CsvLink, filterQuery } from "../components/analytics/frame";
import { FigureTable } from "../components/analytics/figure-table";
import { formatCount, formatShare } from "../components/analytics/format";
import { ChartCard } from "../components/charts/chart-card";
import { TimeSeriesChart } from "../components/charts/time-series-chart";
import { analyticsRequest, readOrRefuse } from "../analytics-request.server";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";

export const meta: Route.MetaFunction = () => [{ title: "Contact reasons · Analytics · Stepwise" }];

const DIMENSIONS = ["sop", "tag", "department"] as const;
type Dimension = (typeof DIMENSIONS)[number];
/** A chart draws the busiest series; the rest are summed as "Other" (all of them are in the table). */
const MAX_SERIES = 6;

export async function loader({ request }: Route.LoaderArgs) {
  const { db, user, ctx, params, filters, errors } = await analyticsRequest(request);
  const unitParam = params.get("unit");
  const unit = unitParam === "day" || unitParam === "week" ? unitParam : undefined;
  const byParam = params.get("by");
  const by: Dimension = (DIMENSIONS as readonly string[]).includes(byParam ?? "") ? (byParam as Dimension) : "tag";
  return await readOrRefuse(async () => ({
    ...(await analyticsTrends(db, user, filters, { ...ctx, unit })),
    by,
    errors,
  }));
}

export default function ContactTrends({ loaderData: d }: Route.ComponentProps) {
  const tr = useT();
  const { t } = tr;
  const all = d.series[d.by];
  const label = (s: { key: string; label: string }) =>
    d.by === "tag" && s.key === "" ? t("analytics.trends.untagged") : s.label;
  const shown = all.slice(0, MAX_SERIES).map((s) => ({ key: s.key || "_none", label: label(s), values: s.counts }));
  // A run counts under each of its tags, so tags are drawn as lines (stacking them would add a run up twice);
  // SOPs and departments partition the runs and stack.
  const kind = d.by === "tag" ? ("line" as const) : ("stacked-bars" as const);
  if (kind === "stacked-bars" && all.length > MAX_SERIES) {
    const rest = all.slice(MAX_SERIES);
    shown.push({
      key: "_other",
      label: t("analytics.trends.other", { count: rest.length }),
      values: d.buckets.map((_, i) => rest.reduce((n, s) => n + (s.counts[i] ?? 0), 0)),
    });
  }
  const bucketLabel = (key: string) =>
    tr.date(Date.parse(`${key}T12:00:00Z`), { day: "numeric", month: "short", timeZone: "UTC" });
  const dimLabel: Record<Dimension, string> = {
    sop: t("analytics.trends.bySop"),
    tag: t("analytics.trends.byTag"),
    department: t("analytics.trends.byDepartment"),
  };
  const change = (n: number | null, rel: number | null) =>
    n == null
      ? "–"
      : `${n > 0 ? "+" : n < 0 ? "−" : ""}${tr.number(Math.abs(n))}` +
        (rel != null ? ` (${n >= 0 ? "+" : "−"}${formatShare(tr, Math.abs(rel))})` : "");
  return (
    <AnalyticsFrame
      tab="trends"
      title={t("analytics.trends.title")}
      intro={t("analytics.trends.intro")}
      filters={d.filters}
      choices={d.choices}
      errors={d.errors}
    >
      <nav className="an-switch" aria-label={t("analytics.trends.dimension")}>
        {DIMENSIONS.map((dim) => (
          <Link
            key={dim}
            to={`/analytics/trends${filterQuery(d.filters, { by: dim, unit: d.unit })}`}
            aria-current={d.by === dim ? "page" : undefined}
            className="an-chip"
          >
            {dimLabel[dim]}
          </Link>
        ))}
        <span className="an-switch-gap" aria-hidden="true" />
        {(["day", "week"] as const).map((u) => (
          <Link
            key={u}
            to={`/analytics/trends${filterQuery(d.filters, { by: d.by, unit: u })}`}
            aria-current={d.unit === u ? "page" : undefined}
            className="an-chip"
          >
            {t(u === "day" ? "analytics.trends.perDay" : "analytics.trends.perWeek")}
          </Link>
        ))}
      </nav>

      {d.crossDepartment.length ? (
        <section className="alert alert-warning an-callout" aria-labelledby="an-cross" data-testid="cross-department">
          <h2 id="an-cross">{t("analytics.trends.crossTitle")}</h2>
          <ul>
            {d.crossDepartment.map((c) => (
              <li key={c.tag}>
                {t("analytics.trends.crossItem", {
                  tag: c.tag,
                  departments: tr.list(
                    c.departments.map((x) => `${x.label} (${tr.number(x.previous)} → ${tr.number(x.current)})`),
                  ),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <ChartCard
        id="trend-chart"
        title={t("analytics.trends.chartTitle", { by: dimLabel[d.by] })}
        actions={<CsvLink table={`trends-${d.by}`} filters={d.filters} extra={{ unit: d.unit }} />}
        table={
          <FigureTable
            caption={t("analytics.trends.chartTitle", { by: dimLabel[d.by] })}
            rows={all}
            rowKey={(s) => s.key || "_none"}
            empty={t("analytics.empty")}
            columns={[
              { id: "key", header: dimLabel[d.by], cell: (s) => label(s), primary: true },
              ...d.buckets.map((b, i) => ({
                id: b.key,
                header: bucketLabel(b.key),
                cell: (s: (typeof all)[number]) => formatCount(tr, s.counts[i] ?? 0),
                numeric: true,
              })),
              { id: "total", header: t("analytics.col.total"), cell: (s) => formatCount(tr, s.total), numeric: true },
            ]}
          />
        }
      >
        <TimeSeriesChart
          kind={kind}
          ariaLabel={t("analytics.trends.chartTitle", { by: dimLabel[d.by] })}
          buckets={d.buckets.map((b) => ({ key: b.key, label: bucketLabel(b.key) }))}
          series={shown}
        />
      </ChartCard>

      <div>
        {(["rising", "falling"] as const).map((way) => (
          <section key={way} className="card an-section" aria-labelledby={`an-${way}`}>
            <div className="an-card-head">
              <h2 id={`an-${way}`}>{t(way === "rising" ? "analytics.trends.rising" : "analytics.trends.falling")}</h2>
              <CsvLink table={`movers-${way}`} filters={d.filters} />
            </div>
            <FigureTable
              caption={t(way === "rising" ? "analytics.trends.rising" : "analytics.trends.falling")}
              captionHidden
              rows={d.movers[way]}
              rowKey={(m) => `${m.dimension}-${m.key}`}
              empty={t("analytics.trends.noMovers")}
              columns={[
                {
                  id: "what",
                  header: t("analytics.col.what"),
                  cell: (m) => `${m.dimension === "tag" && m.key === "" ? t("analytics.trends.untagged") : m.label}`,
                  primary: true,
                },
                {
                  id: "dim",
                  header: t("analytics.col.kind"),
                  cell: (m) => dimLabel[m.dimension as Dimension] ?? m.dimension,
                },
                {
                  id: "prev",
                  header: t("analytics.col.previous"),
                  cell: (m) => formatCount(tr, m.previousTotal),
                  numeric: true,
                },
                { id: "now", header: t("analytics.col.current"), cell: (m) => formatCount(tr, m.total), numeric: true },
                {
                  id: "change",
                  header: t("analytics.col.change"),
                  cell: (m) => change(m.trend.change, m.trend.relative),
                  numeric: true,
                },
              ]}
            />
          </section>
        ))}
      </div>
    </AnalyticsFrame>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
