import { Link } from "react-router";
import type { Route } from "./+types/analytics";
import { OUTCOMES } from "../../runbook/events";
import { analyticsOverview } from "../analytics.server";
import { AnalyticsFrame, CsvLink, filterQuery } from "../components/analytics/frame";
import { FigureTable } from "../components/analytics/figure-table";
import { formatCount, formatDuration, formatShare } from "../components/analytics/format";
import { trendFor } from "../components/analytics/trend";
import { BarChart } from "../components/charts/bar-chart";
import { ChartCard } from "../components/charts/chart-card";
import { StatTile } from "../components/charts/stat-tile";
import { TimeSeriesChart } from "../components/charts/time-series-chart";
import { analyticsRequest, readOrRefuse } from "../analytics-request.server";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";

export const meta: Route.MetaFunction = () => [{ title: "Analytics · Stepwise" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { db, user, ctx, filters, errors } = await analyticsRequest(request);
  return await readOrRefuse(async () => ({ ...(await analyticsOverview(db, user, filters, ctx)), errors }));
}

export default function AnalyticsOverview({ loaderData: d }: Route.ComponentProps) {
  const tr = useT();
  const { t } = tr;
  const f = d.figures;
  const tiles = [
    {
      id: "runs",
      label: t("analytics.fig.runs"),
      value: formatCount(tr, f.runs),
      trend: trendFor(tr, d.trends.runs, "count", undefined),
      hint: t("analytics.fig.runsHint", { inProgress: f.inProgress }),
    },
    {
      id: "completion",
      label: t("analytics.fig.completion"),
      value: formatShare(tr, f.completionRate),
      trend: trendFor(tr, d.trends.completionRate, "share", "up"),
      hint: t("analytics.fig.completionHint", { finished: f.finished }),
    },
    {
      id: "abandonment",
      label: t("analytics.fig.abandonment"),
      value: formatShare(tr, f.abandonmentRate),
      trend: trendFor(tr, d.trends.abandonmentRate, "share", "down"),
      hint: t("analytics.fig.abandonmentHint", { hours: d.abandonedAfterHours }),
    },
    {
      id: "escalation",
      label: t("analytics.fig.escalation"),
      value: formatShare(tr, f.escalationRate),
      trend: trendFor(tr, d.trends.escalationRate, "share", "down"),
      hint: t("analytics.fig.escalationHint", { count: f.escalated }),
    },
    {
      id: "handle",
      label: t("analytics.fig.handleMedian"),
      value: formatDuration(tr, f.handleMedianMs),
      trend: trendFor(tr, d.trends.handleMedianMs, "duration", "down"),
      hint: f.targetMs
        ? t("analytics.fig.target", { target: formatDuration(tr, f.targetMs) })
        : t("analytics.fig.targetsVary"),
    },
    {
      id: "p90",
      label: t("analytics.fig.handleP90"),
      value: formatDuration(tr, f.handleP90Ms),
      trend: trendFor(tr, d.trends.handleP90Ms, "duration", "down"),
      hint: t("analytics.fig.p90Hint"),
    },
    {
      id: "over",
      label: t("analytics.fig.overTarget"),
      value: formatShare(tr, f.overTargetShare),
      trend: trendFor(tr, d.trends.overTargetShare, "share", "down"),
      hint: t("analytics.fig.overTargetHint", { count: f.overTarget, of: f.withTarget }),
    },
    {
      id: "followups",
      label: t("analytics.fig.followUps"),
      value: `${formatCount(tr, f.followUpsOpened)} / ${formatCount(tr, f.followUpsClosed)}`,
      trend: trendFor(tr, d.trends.followUpsOpened, "count", undefined),
      hint: t("analytics.fig.followUpsHint"),
    },
  ];
  const outcomes = OUTCOMES.map((o) => ({ key: o, label: t(`analytics.outcome.${o}`), value: f.outcomes[o] ?? 0 }));
  const dailyLabel = (key: string) =>
    tr.date(Date.parse(`${key}T12:00:00Z`), { day: "numeric", month: "short", timeZone: "UTC" });
  const over = d.sops.filter((s) => s.figures.withTarget > 0);
  return (
    <AnalyticsFrame
      tab="overview"
      title={t("analytics.title")}
      intro={t("analytics.intro")}
      filters={d.filters}
      choices={d.choices}
      errors={d.errors}
      actions={<CsvLink table="runs" filters={d.filters} label={t("analytics.csvRuns")} />}
    >
      <section aria-labelledby="an-figures" className="an-section">
        <h2 id="an-figures" className="visually-hidden">
          {t("analytics.figures")}
        </h2>
        <ul className="an-tiles" data-testid="overview-tiles">
          {tiles.map((tile) => (
            <li key={tile.id}>
              <StatTile label={tile.label} value={tile.value} trend={tile.trend} hint={tile.hint} />
            </li>
          ))}
          <li>
            <StatTile
              label={t("analytics.fig.flagsWaiting")}
              value={formatCount(tr, d.openFlags)}
              hint={t("analytics.fig.flagsHint")}
            />
            <Link to="/feedback" className="an-tile-link">
              {t("analytics.openInbox")}
            </Link>
          </li>
        </ul>
      </section>
      <div className="an-grid">
        <ChartCard
          id="runs-per-day"
          title={t("analytics.chart.runsPerBucket")}
          actions={<CsvLink table="daily" filters={d.filters} />}
          table={
            <FigureTable
              caption={t("analytics.chart.runsPerBucket")}
              rows={d.daily.buckets.map((b, i) => ({ key: b.key, n: d.daily.total[i] ?? 0 }))}
              rowKey={(r) => r.key}
              columns={[
                { id: "day", header: t("analytics.col.day"), cell: (r) => dailyLabel(r.key), primary: true },
                { id: "runs", header: t("analytics.col.runs"), cell: (r) => formatCount(tr, r.n), numeric: true },
              ]}
            />
          }
        >
          <TimeSeriesChart
            kind="stacked-bars"
            ariaLabel={t("analytics.chart.runsPerBucket")}
            buckets={d.daily.buckets.map((b) => ({ key: b.key, label: dailyLabel(b.key) }))}
            series={[{ key: "runs", label: t("analytics.col.runs"), values: d.daily.total }]}
          />
        </ChartCard>
        <ChartCard
          id="outcomes"
          title={t("analytics.chart.outcomes")}
          actions={<CsvLink table="outcomes" filters={d.filters} />}
          table={
            <FigureTable
              caption={t("analytics.chart.outcomes")}
              rows={outcomes}
              rowKey={(r) => r.key}
              columns={[
                { id: "outcome", header: t("analytics.col.outcome"), cell: (r) => r.label, primary: true },
                { id: "runs", header: t("analytics.col.runs"), cell: (r) => formatCount(tr, r.value), numeric: true },
              ]}
            />
          }
        >
          <BarChart
            ariaLabel={t("analytics.chart.outcomes")}
            valueLabel={t("analytics.col.runs")}
            data={outcomes}
            format={(n) => tr.number(n)}
          />
        </ChartCard>
      </div>
      <ChartCard
        id="sops-over-target"
        title={t("analytics.chart.overTarget")}
        description={t("analytics.chart.overTargetHint")}
        actions={<CsvLink table="sops" filters={d.filters} />}
        table={<SopTable rows={d.sops} query={filterQuery({ ...d.filters, sopId: null, versionId: null })} />}
      >
        <BarChart
          ariaLabel={t("analytics.chart.overTarget")}
          valueLabel={t("analytics.fig.overTarget")}
          data={over.map((s) => ({ key: s.sopId, label: s.title, value: s.figures.overTargetShare ?? 0 }))}
          format={(n) => formatShare(tr, n)}
          max={1}
        />
      </ChartCard>
      <section className="card an-section" aria-labelledby="an-sops">
        <div className="an-card-head">
          <h2 id="an-sops">{t("analytics.sops.title")}</h2>
          <CsvLink table="sops" filters={d.filters} />
        </div>
        <SopTable rows={d.sops} query={filterQuery({ ...d.filters, sopId: null, versionId: null })} captionHidden />
      </section>
    </AnalyticsFrame>
  );
}

type SopRow = {
  sopId: string;
  title: string;
  figures: {
    runs: number;
    completionRate: number | null;
    abandonmentRate: number | null;
    escalationRate: number | null;
    handleMedianMs: number | null;
    handleP90Ms: number | null;
    targetMs: number | null;
    overTargetShare: number | null;
  };
};

function SopTable({ rows, query, captionHidden = false }: { rows: SopRow[]; query: string; captionHidden?: boolean }) {
  const tr = useT();
  const { t } = tr;
  return (
    <FigureTable
      caption={t("analytics.sops.title")}
      captionHidden={captionHidden}
      rows={rows}
      rowKey={(r) => r.sopId}
      empty={t("analytics.empty")}
      columns={[
        {
          id: "sop",
          header: t("analytics.col.sop"),
          cell: (r) => <Link to={`/analytics/sops/${r.sopId}${query}`}>{r.title}</Link>,
          primary: true,
        },
        { id: "runs", header: t("analytics.col.runs"), cell: (r) => formatCount(tr, r.figures.runs), numeric: true },
        {
          id: "completion",
          header: t("analytics.fig.completion"),
          cell: (r) => formatShare(tr, r.figures.completionRate),
          numeric: true,
        },
        {
          id: "abandonment",
          header: t("analytics.fig.abandonment"),
          cell: (r) => formatShare(tr, r.figures.abandonmentRate),
          numeric: true,
        },
        {
          id: "escalation",
          header: t("analytics.fig.escalation"),
          cell: (r) => formatShare(tr, r.figures.escalationRate),
          numeric: true,
        },
        {
          id: "median",
          header: t("analytics.fig.handleMedian"),
          cell: (r) => formatDuration(tr, r.figures.handleMedianMs),
          numeric: true,
        },
        {
          id: "p90",
          header: t("analytics.fig.handleP90"),
          cell: (r) => formatDuration(tr, r.figures.handleP90Ms),
          numeric: true,
        },
        {
          id: "target",
          header: t("analytics.col.target"),
          cell: (r) => formatDuration(tr, r.figures.targetMs),
          numeric: true,
        },
        {
          id: "over",
          header: t("analytics.fig.overTarget"),
          cell: (r) => formatShare(tr, r.figures.overTargetShare),
          numeric: true,
        },
      ]}
    />
  );
}

export { RouteErrorBoundary as ErrorBoundary };
