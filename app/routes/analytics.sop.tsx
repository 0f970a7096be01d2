import { useMemo } from "react";
import { Link } from "react-router";
import { OUTCOMES, type Outcome } from "../../runbook/events";
import type { Route } from "./+types/analytics.sop";
import { FlowViewer } from "../../flows/ui/flow-viewer";
import { heatTable } from "../../flows/ui/heat";
import { directionOf } from "../../i18n";
import { sopAnalytics } from "../analytics.server";
import { AnalyticsFrame, CsvLink, filterQuery } from "../components/analytics/frame";
import { FigureTable } from "../components/analytics/figure-table";
import { formatCount, formatDuration, formatShare } from "../components/analytics/format";
import { trendFor } from "../components/analytics/trend";
import { BarChart } from "../components/charts/bar-chart";
import { ChartCard } from "../components/charts/chart-card";
import { StatTile } from "../components/charts/stat-tile";
import { analyticsRequest, readOrRefuse } from "../analytics-request.server";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.sop.title ?? "SOP"} · Analytics · Stepwise` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, user, ctx, filters, errors } = await analyticsRequest(request);
  return await readOrRefuse(async () => ({ ...(await sopAnalytics(db, user, params.sopId, filters, ctx)), errors }));
}

export default function SopAnalytics({ loaderData: d }: Route.ComponentProps) {
  const tr = useT();
  const { t } = tr;
  const f = d.figures;
  const back = filterQuery({ ...d.filters, sopId: null, versionId: null });
  const csv = { sop: d.sop.id };
  const textDir = directionOf(d.sop.language);
  const heatText = useMemo(
    () => ({ outcome: (o: string) => (OUTCOMES.includes(o as Outcome) ? t(`analytics.outcome.${o as Outcome}`) : o) }),
    [t],
  );
  return (
    <AnalyticsFrame
      tab="sop"
      title={d.sop.title}
      intro={t("analytics.sop.intro")}
      filters={d.filters}
      choices={d.choices}
      errors={d.errors}
      sopFixed
      actions={
        <p className="an-header-links">
          <Link to={`/analytics${back}`}>{t("analytics.sop.back")}</Link>
          <Link to={`/sops/${d.sop.id}`}>{t("analytics.sop.open")}</Link>
          <CsvLink table="runs" filters={d.filters} extra={csv} label={t("analytics.csvRuns")} />
        </p>
      }
    >
      <ul className="an-tiles" data-testid="sop-tiles">
        <li>
          <StatTile
            label={t("analytics.fig.runs")}
            value={formatCount(tr, f.runs)}
            trend={trendFor(tr, d.trends.runs, "count", undefined)}
          />
        </li>
        <li>
          <StatTile
            label={t("analytics.fig.completion")}
            value={formatShare(tr, f.completionRate)}
            trend={trendFor(tr, d.trends.completionRate, "share", "up")}
          />
        </li>
        <li>
          <StatTile
            label={t("analytics.fig.abandonment")}
            value={formatShare(tr, f.abandonmentRate)}
            trend={trendFor(tr, d.trends.abandonmentRate, "share", "down")}
          />
        </li>
        <li>
          <StatTile
            label={t("analytics.fig.escalation")}
            value={formatShare(tr, f.escalationRate)}
            trend={trendFor(tr, d.trends.escalationRate, "share", "down")}
          />
        </li>
        <li>
          <StatTile
            label={t("analytics.fig.handleMedian")}
            value={formatDuration(tr, f.handleMedianMs)}
            trend={trendFor(tr, d.trends.handleMedianMs, "duration", "down")}
            hint={
              d.sop.targetMs ? t("analytics.fig.target", { target: formatDuration(tr, d.sop.targetMs) }) : undefined
            }
          />
        </li>
        <li>
          <StatTile
            label={t("analytics.fig.overTarget")}
            value={formatShare(tr, f.overTargetShare)}
            trend={trendFor(tr, d.trends.overTargetShare, "share", "down")}
            hint={t("analytics.fig.overTargetHint", { count: f.overTarget, of: f.withTarget })}
          />
        </li>
      </ul>

      <section className="card an-section" aria-labelledby="an-versions">
        <div className="an-card-head">
          <h2 id="an-versions">{t("analytics.sop.versions")}</h2>
          <CsvLink table="versions" filters={d.filters} extra={csv} />
        </div>
        <p className="muted">{t("analytics.sop.versionsHint")}</p>
        <FigureTable
          caption={t("analytics.sop.versions")}
          captionHidden
          rows={d.versions}
          rowKey={(v) => String(v.versionId)}
          empty={t("analytics.empty")}
          columns={[
            {
              id: "version",
              header: t("analytics.col.version"),
              cell: (v) => t("analytics.versionLabel", { version: v.version }),
              primary: true,
            },
            {
              id: "runs",
              header: t("analytics.col.runs"),
              cell: (v) => formatCount(tr, v.figures.runs),
              numeric: true,
            },
            {
              id: "completion",
              header: t("analytics.fig.completion"),
              cell: (v) => formatShare(tr, v.figures.completionRate),
              numeric: true,
            },
            {
              id: "abandonment",
              header: t("analytics.fig.abandonment"),
              cell: (v) => formatShare(tr, v.figures.abandonmentRate),
              numeric: true,
            },
            {
              id: "escalation",
              header: t("analytics.fig.escalation"),
              cell: (v) => formatShare(tr, v.figures.escalationRate),
              numeric: true,
            },
            {
              id: "median",
              header: t("analytics.fig.handleMedian"),
              cell: (v) => formatDuration(tr, v.figures.handleMedianMs),
              numeric: true,
            },
            {
              id: "p90",
              header: t("analytics.fig.handleP90"),
              cell: (v) => formatDuration(tr, v.figures.handleP90Ms),
              numeric: true,
            },
            {
              id: "target",
              header: t("analytics.col.target"),
              cell: (v) => formatDuration(tr, v.figures.targetMs),
              numeric: true,
            },
            {
              id: "over",
              header: t("analytics.fig.overTarget"),
              cell: (v) => formatShare(tr, v.figures.overTargetShare),
              numeric: true,
            },
          ]}
        />
      </section>

      <div className="an-grid">
        <ChartCard
          id="funnel"
          title={t("analytics.sop.funnel")}
          description={t("analytics.sop.funnelHint")}
          actions={<CsvLink table="funnel" filters={d.filters} extra={csv} />}
          table={
            <FigureTable
              caption={t("analytics.sop.funnel")}
              rows={d.funnel}
              rowKey={(s) => s.stepId}
              columns={[
                { id: "step", header: t("analytics.col.step"), cell: (s) => s.title, primary: true },
                {
                  id: "reached",
                  header: t("analytics.col.reached"),
                  cell: (s) => formatCount(tr, s.reached),
                  numeric: true,
                },
                {
                  id: "stopped",
                  header: t("analytics.col.stoppedHere"),
                  cell: (s) => formatCount(tr, s.stoppedHere),
                  numeric: true,
                },
              ]}
            />
          }
        >
          <BarChart
            ariaLabel={t("analytics.sop.funnel")}
            valueLabel={t("analytics.col.reached")}
            data={d.funnel.map((s) => ({
              key: s.stepId,
              label: s.title,
              value: s.reached,
              note: s.stoppedHere ? t("analytics.sop.abandonedHere", { count: s.stoppedHere }) : undefined,
            }))}
            format={(n) => tr.number(n)}
          />
        </ChartCard>
        <ChartCard
          id="step-times"
          title={t("analytics.sop.stepTimes")}
          description={t("analytics.sop.stepTimesHint")}
          actions={<CsvLink table="step-times" filters={d.filters} extra={csv} />}
          table={
            <FigureTable
              caption={t("analytics.sop.stepTimes")}
              rows={d.stepTimes}
              rowKey={(s) => s.stepId}
              columns={[
                { id: "step", header: t("analytics.col.step"), cell: (s) => s.title, primary: true },
                { id: "runs", header: t("analytics.col.runs"), cell: (s) => formatCount(tr, s.runs), numeric: true },
                {
                  id: "median",
                  header: t("analytics.col.median"),
                  cell: (s) => formatDuration(tr, s.medianMs),
                  numeric: true,
                },
                { id: "p90", header: t("analytics.col.p90"), cell: (s) => formatDuration(tr, s.p90Ms), numeric: true },
              ]}
            />
          }
        >
          <BarChart
            ariaLabel={t("analytics.sop.stepTimes")}
            valueLabel={t("analytics.col.median")}
            data={d.stepTimes.map((s) => ({ key: s.stepId, label: s.title, value: s.medianMs ?? 0 }))}
            format={(n) => formatDuration(tr, n)}
          />
        </ChartCard>
      </div>

      {d.flows.map(({ flow, answers, heat }) => (
        <section
          key={flow.id}
          className="card an-section an-flow"
          aria-labelledby={`an-flow-${flow.id}`}
          data-testid="path-heat"
        >
          <div className="an-card-head">
            <h2 id={`an-flow-${flow.id}`}>{t("analytics.sop.pathHeat", { flow: flow.title })}</h2>
            <CsvLink table="answers" filters={d.filters} extra={{ ...csv, flow: flow.id }} />
          </div>
          <p className="muted">{t("analytics.sop.pathHeatHint", { runs: heat.runs })}</p>
          <FlowViewer
            flow={flow}
            heat={heat}
            textDir={textDir}
            authoring={false}
            lang={tr.lang}
            heatText={heatText}
            label={t("analytics.sop.pathHeatLabel", { flow: flow.title, runs: heat.runs })}
          />
          <details className="an-details">
            <summary>{t("analytics.sop.answersTable")}</summary>
            <FigureTable
              caption={t("analytics.sop.answers", { flow: flow.title })}
              rows={heatTable(flow, heat)}
              rowKey={(r) => `${r.from}\u0000${r.to}\u0000${r.answer ?? ""}`}
              empty={t("analytics.empty")}
              columns={[
                { id: "from", header: t("analytics.filter.from"), cell: (r) => r.fromLabel, primary: true },
                { id: "answer", header: t("analytics.col.answer"), cell: (r) => r.answer ?? "–" },
                { id: "to", header: t("analytics.col.leadsTo"), cell: (r) => r.toLabel },
                { id: "runs", header: t("analytics.col.runs"), cell: (r) => formatCount(tr, r.runs), numeric: true },
                { id: "share", header: t("analytics.col.share"), cell: (r) => formatShare(tr, r.share), numeric: true },
              ]}
            />
          </details>
          {answers.length ? (
            <div className="an-answers">
              {answers.map((q) => (
                <div key={q.nodeId} className="an-answer">
                  <h3>{q.label}</h3>
                  <BarChart
                    ariaLabel={q.label}
                    valueLabel={t("analytics.col.share")}
                    data={q.answers.map((a) => ({
                      key: `${a.to}-${a.label ?? ""}`,
                      label: a.label ?? a.to,
                      value: a.share ?? 0,
                    }))}
                    format={(n) => formatShare(tr, n)}
                    max={1}
                  />
                </div>
              ))}
            </div>
          ) : null}
        </section>
      ))}

      <div className="an-grid">
        <section className="card an-section" aria-labelledby="an-skips">
          <div className="an-card-head">
            <h2 id="an-skips">{t("analytics.sop.skips")}</h2>
            <CsvLink table="skips" filters={d.filters} extra={csv} />
          </div>
          {d.skips.length === 0 ? (
            <p className="muted">{t("analytics.sop.noSkips")}</p>
          ) : (
            <ul className="an-skips">
              {d.skips.map((s) => (
                <li key={s.stepId}>
                  <p className="an-skip-head">
                    <strong>{s.title}</strong> · {t("analytics.sop.skippedTimes", { count: s.count })}
                  </p>
                  <ul>
                    {s.reasons.map((r) => (
                      <li key={r.reason}>
                        <q>{r.reason}</q> <span className="muted">× {tr.number(r.count)}</span>
                      </li>
                    ))}
                    {s.other ? <li className="muted">{t("analytics.sop.otherReasons", { count: s.other })}</li> : null}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card an-section" aria-labelledby="an-flags">
          <div className="an-card-head">
            <h2 id="an-flags">{t("analytics.sop.flags")}</h2>
            <CsvLink table="flags" filters={d.filters} extra={csv} />
          </div>
          <FigureTable
            caption={t("analytics.sop.flags")}
            captionHidden
            rows={d.flags}
            rowKey={(s) => s.stepId}
            empty={t("analytics.sop.noFlags")}
            columns={[
              { id: "step", header: t("analytics.col.step"), cell: (s) => s.title, primary: true },
              { id: "total", header: t("analytics.col.flags"), cell: (s) => formatCount(tr, s.total), numeric: true },
              {
                id: "open",
                header: t("analytics.col.open"),
                cell: (s) =>
                  s.open ? (
                    <Link to={`/feedback?sop=${encodeURIComponent(d.sop.id)}`}>{formatCount(tr, s.open)}</Link>
                  ) : (
                    formatCount(tr, 0)
                  ),
                numeric: true,
              },
            ]}
          />
        </section>
      </div>
    </AnalyticsFrame>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
