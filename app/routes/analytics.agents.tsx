import type { ReactNode } from "react";
import type { Route } from "./+types/analytics.agents";
import { OUTCOMES } from "../../runbook/events";
import { analyticsAgents } from "../analytics.server";
import { AnalyticsFrame, CsvLink, filterQuery } from "../components/analytics/frame";
import { FigureTable } from "../components/analytics/figure-table";
import { formatCount, formatDuration, formatShare } from "../components/analytics/format";
import { BarChart } from "../components/charts/bar-chart";
import { ChartCard } from "../components/charts/chart-card";
import { analyticsRequest, readOrRefuse } from "../analytics-request.server";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";

export const meta: Route.MetaFunction = () => [{ title: "Agents · Analytics · Stepwise" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { db, user, ctx, filters, errors } = await analyticsRequest(request);
  return await readOrRefuse(async () => ({ ...(await analyticsAgents(db, user, filters, ctx)), errors }));
}

export default function AgentAnalytics({ loaderData: d }: Route.ComponentProps) {
  const tr = useT();
  const { t } = tr;
  const outcomes = (o: Record<string, number>) => {
    const present = OUTCOMES.filter((k) => o[k]);
    if (present.length === 0) return "–";
    return (
      <ul className="an-outcomes">
        {present.map((k) => (
          <li key={k}>
            {t(`analytics.outcome.${k}`)} <strong>{tr.number(o[k]!)}</strong>
          </li>
        ))}
      </ul>
    );
  };
  return (
    <AnalyticsFrame
      tab="agents"
      title={t("analytics.agents.title")}
      intro={t("analytics.agents.intro")}
      filters={d.filters}
      choices={d.choices}
      errors={d.errors}
    >
      <ChartCard
        id="adherence"
        title={t("analytics.agents.adherence")}
        description={t("analytics.agents.adherenceHint")}
        actions={<CsvLink table="agents" filters={d.filters} />}
        table={
          <AgentTable agents={d.agents} outcomes={outcomes} query={filterQuery({ ...d.filters, agentId: null })} />
        }
      >
        <BarChart
          ariaLabel={t("analytics.agents.adherence")}
          valueLabel={t("analytics.col.adherence")}
          data={d.agents
            .filter((a) => a.adherence != null)
            .map((a) => ({ key: a.agentId, label: a.name, value: a.adherence ?? 0 }))}
          format={(n) => formatShare(tr, n)}
          max={1}
        />
      </ChartCard>
      <section className="card an-section" aria-labelledby="an-agents">
        <div className="an-card-head">
          <h2 id="an-agents">{t("analytics.agents.table")}</h2>
          <CsvLink table="agents" filters={d.filters} />
        </div>
        <AgentTable agents={d.agents} outcomes={outcomes} query={filterQuery({ ...d.filters, agentId: null })} />
      </section>
    </AnalyticsFrame>
  );
}

type AgentRow = Route.ComponentProps["loaderData"]["agents"][number];

function AgentTable({
  agents,
  outcomes,
  query,
}: {
  agents: AgentRow[];
  outcomes: (o: Record<string, number>) => ReactNode;
  query: string;
}) {
  const tr = useT();
  const { t } = tr;
  const params = new URLSearchParams(query);
  const agentHref = (id: string) => {
    const p = new URLSearchParams(params);
    p.set("agent", id);
    return `/analytics?${p.toString()}`;
  };
  return (
    <FigureTable
      caption={t("analytics.agents.table")}
      captionHidden
      rows={agents}
      rowKey={(a) => a.agentId}
      empty={t("analytics.empty")}
      columns={[
        {
          id: "agent",
          header: t("analytics.col.agent"),
          cell: (a) => <a href={agentHref(a.agentId)}>{a.name}</a>,
          primary: true,
        },
        { id: "runs", header: t("analytics.col.runs"), cell: (a) => formatCount(tr, a.runs), numeric: true },
        { id: "outcomes", header: t("analytics.col.outcomes"), cell: (a) => outcomes(a.outcomes) },
        {
          id: "adherence",
          header: t("analytics.col.adherence"),
          cell: (a) => formatShare(tr, a.adherence),
          numeric: true,
        },
        {
          id: "steps",
          header: t("analytics.col.stepsDone"),
          cell: (a) => `${tr.number(a.stepsDone)} / ${tr.number(a.stepsTotal)}`,
          numeric: true,
        },
        {
          id: "checks",
          header: t("analytics.col.checksDone"),
          cell: (a) => `${tr.number(a.checksDone)} / ${tr.number(a.checksTotal)}`,
          numeric: true,
        },
        { id: "skips", header: t("analytics.col.skips"), cell: (a) => formatCount(tr, a.skips), numeric: true },
        {
          id: "median",
          header: t("analytics.fig.handleMedian"),
          cell: (a) => formatDuration(tr, a.handleMedianMs),
          numeric: true,
        },
        {
          id: "over",
          header: t("analytics.col.overTargetRuns"),
          cell: (a) => formatCount(tr, a.overTarget),
          numeric: true,
        },
        { id: "flags", header: t("analytics.col.flagsSent"), cell: (a) => formatCount(tr, a.flags), numeric: true },
      ]}
    />
  );
}

export { RouteErrorBoundary as ErrorBoundary };
