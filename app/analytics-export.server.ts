// CSV downloads: every table of the dashboards, computed by the same functions the pages use (the figures in a
// download are the figures on the screen), and the runs themselves, one row per run, streamed in batches.
// Captured field values are exported only for fields not marked `sensitive`.
import { csvFileName, toCsv } from "../analytics/csv";
import { OUTCOMES } from "../sop-schema/types";
import type { Db } from "../db/client.server";
import { exportRunBatches, peopleNames, readRunRows, versionInfos } from "../db/analytics.server";
import { parseStored } from "../db/json-columns";
import { runs } from "../db/schema";
import type { RunState } from "../runbook/state";
import type { SopDocument } from "../sop-schema/types";
import {
  analyticsAgents,
  analyticsOverview,
  analyticsScope,
  AnalyticsError,
  analyticsTrends,
  periodOf,
  sopAnalytics,
  type AnalyticsContext,
  type AnalyticsFilters,
} from "./analytics.server";
import type { SessionUser } from "./auth/session.server";
import { runStateOf, versionDocument } from "./runs.server";

export const CSV_TABLES = [
  "runs",
  "daily",
  "outcomes",
  "sops",
  "versions",
  "funnel",
  "step-times",
  "answers",
  "skips",
  "flags",
  "trends-sop",
  "trends-tag",
  "trends-department",
  "movers-rising",
  "movers-falling",
  "agents",
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export type CsvFile = { filename: string; body: string | ReadableStream<Uint8Array> };

const secs = (ms: number | null | undefined) => (ms == null ? null : Math.round(ms / 1000));
const pct = (share: number | null | undefined) => (share == null ? null : Math.round(share * 1000) / 10);
const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

export function isCsvTable(v: string | null): v is CsvTable {
  return v !== null && (CSV_TABLES as readonly string[]).includes(v);
}

/** One CSV: the table asked for, with the page's filters (`extra`: the SOP, the flow, the bucket unit). */
export async function analyticsCsv(
  db: Db,
  user: SessionUser,
  table: CsvTable,
  filters: AnalyticsFilters,
  ctx: AnalyticsContext,
  extra: { sopId?: string | null; flowId?: string | null; unit?: "day" | "week" },
): Promise<CsvFile> {
  const name = (...parts: string[]) => csvFileName(["stepwise", table, ...parts, filters.from, filters.to]);
  const needSop = async () => {
    const sopId = extra.sopId ?? filters.sopId;
    if (!sopId) throw new AnalyticsError(400, "Say which SOP (sop=…) this table is about.", "sopId");
    return await sopAnalytics(db, user, sopId, filters, ctx);
  };
  const figureHeader = [
    "runs",
    "in_progress",
    "completed",
    "abandoned",
    "completion_rate_pct",
    "abandonment_rate_pct",
    "escalation_rate_pct",
    "handle_median_s",
    "handle_p90_s",
    "target_s",
    "over_target_pct",
    "follow_ups_opened",
    "follow_ups_closed",
    "flags",
  ];
  type Figures = Awaited<ReturnType<typeof analyticsOverview>>["figures"];
  const figureCells = (f: Figures) => [
    f.runs,
    f.inProgress,
    f.completed,
    f.abandoned,
    pct(f.completionRate),
    pct(f.abandonmentRate),
    pct(f.escalationRate),
    secs(f.handleMedianMs),
    secs(f.handleP90Ms),
    secs(f.targetMs),
    pct(f.overTargetShare),
    f.followUpsOpened,
    f.followUpsClosed,
    f.flags,
  ];
  switch (table) {
    case "runs":
      return {
        filename: name(...(extra.sopId ? [extra.sopId] : [])),
        body: await runsCsv(db, user, { ...filters, sopId: extra.sopId ?? filters.sopId }, ctx),
      };
    case "daily": {
      const o = await analyticsOverview(db, user, filters, ctx);
      return {
        filename: name(),
        body: toCsv(
          ["day", "runs"],
          o.daily.buckets.map((b, i) => [b.key, o.daily.total[i] ?? 0]),
        ),
      };
    }
    case "outcomes": {
      const o = await analyticsOverview(db, user, filters, ctx);
      return {
        filename: name(),
        body: toCsv(
          ["outcome", "runs"],
          OUTCOMES.map((k) => [k, o.figures.outcomes[k] ?? 0]),
        ),
      };
    }
    case "sops": {
      const o = await analyticsOverview(db, user, filters, ctx);
      return {
        filename: name(),
        body: toCsv(
          ["sop_id", "sop_title", ...figureHeader],
          o.sops.map((s) => [s.sopId, s.title, ...figureCells(s.figures)]),
        ),
      };
    }
    case "versions": {
      const s = await needSop();
      return {
        filename: name(s.sop.id),
        body: toCsv(
          ["sop_id", "version", ...figureHeader],
          s.versions.map((v) => [s.sop.id, v.version, ...figureCells(v.figures)]),
        ),
      };
    }
    case "funnel": {
      const s = await needSop();
      return {
        filename: name(s.sop.id),
        body: toCsv(
          ["step_id", "step", "reached", "stopped_here"],
          s.funnel.map((x) => [x.stepId, x.title, x.reached, x.stoppedHere]),
        ),
      };
    }
    case "step-times": {
      const s = await needSop();
      return {
        filename: name(s.sop.id),
        body: toCsv(
          ["step_id", "step", "runs", "median_s", "p90_s"],
          s.stepTimes.map((x) => [x.stepId, x.title, x.runs, secs(x.medianMs), secs(x.p90Ms)]),
        ),
      };
    }
    case "answers": {
      const s = await needSop();
      const flows = extra.flowId ? s.flows.filter((f) => f.flow.id === extra.flowId) : s.flows;
      if (extra.flowId && flows.length === 0) throw new AnalyticsError(404, `This SOP has no flow "${extra.flowId}".`);
      const rows = flows.flatMap(({ flow, answers }) =>
        answers.flatMap((q) =>
          q.answers.map((a) => [flow.id, q.nodeId, q.label, a.label ?? "", a.to, a.runs, pct(a.share)]),
        ),
      );
      return {
        filename: name(s.sop.id, ...(extra.flowId ? [extra.flowId] : [])),
        body: toCsv(["flow_id", "question_id", "question", "answer", "leads_to", "runs", "share_pct"], rows),
      };
    }
    case "skips": {
      const s = await needSop();
      const rows = s.skips.flatMap((x) => [
        ...x.reasons.map((r) => [x.stepId, x.title, r.reason, r.count]),
        ...(x.other ? [[x.stepId, x.title, "(other reasons)", x.other]] : []),
      ]);
      return { filename: name(s.sop.id), body: toCsv(["step_id", "step", "reason", "times"], rows) };
    }
    case "flags": {
      const s = await needSop();
      return {
        filename: name(s.sop.id),
        body: toCsv(
          ["step_id", "step", "flags", "open"],
          s.flags.map((x) => [x.stepId, x.title, x.total, x.open]),
        ),
      };
    }
    case "trends-sop":
    case "trends-tag":
    case "trends-department": {
      const tr = await analyticsTrends(db, user, filters, { ...ctx, unit: extra.unit });
      const by = table.slice("trends-".length) as "sop" | "tag" | "department";
      const rows = tr.series[by].map((s) => [s.key, s.label, ...s.counts, s.total, s.previousTotal]);
      return {
        filename: name(tr.unit),
        body: toCsv([by, "label", ...tr.buckets.map((b) => b.key), "total", "previous_period_total"], rows),
      };
    }
    case "movers-rising":
    case "movers-falling": {
      const tr = await analyticsTrends(db, user, filters, ctx);
      const list = table === "movers-rising" ? tr.movers.rising : tr.movers.falling;
      return {
        filename: name(),
        body: toCsv(
          ["dimension", "key", "label", "previous", "current", "change", "change_pct"],
          list.map((m) => [
            m.dimension,
            m.key,
            m.label,
            m.previousTotal,
            m.total,
            m.trend.change,
            pct(m.trend.relative),
          ]),
        ),
      };
    }
    case "agents": {
      const a = await analyticsAgents(db, user, filters, ctx);
      const header = [
        "agent_id",
        "agent",
        "runs",
        "completed",
        "abandoned",
        ...OUTCOMES.map((o) => `outcome_${o}`),
        "escalated",
        "adherence_pct",
        "steps_done",
        "steps_total",
        "checks_done",
        "checks_total",
        "skips",
        "handle_median_s",
        "over_target",
        "flags_sent",
      ];
      const rows = a.agents.map((x) => [
        x.agentId,
        x.name,
        x.runs,
        x.completed,
        x.abandoned,
        ...OUTCOMES.map((o) => x.outcomes[o] ?? 0),
        x.escalated,
        pct(x.adherence),
        x.stepsDone,
        x.stepsTotal,
        x.checksDone,
        x.checksTotal,
        x.skips,
        secs(x.handleMedianMs),
        x.overTarget,
        x.flags,
      ]);
      return { filename: name(), body: toCsv(header, rows) };
    }
  }
}

/**
 * The fields a version captures that may leave the run: `<Field>`s not marked sensitive and flow questions' fields of
 * the same kind.
 */
export function exportableFields(doc: Pick<SopDocument, "fields" | "flows">): string[] {
  const sensitive = new Set(
    doc.fields.filter((f) => (f as { sensitive?: boolean }).sensitive === true).map((f) => f.name),
  );
  const names: string[] = [];
  const add = (n: string) => {
    if (!sensitive.has(n) && !names.includes(n)) names.push(n);
  };
  for (const f of doc.fields) add(f.name);
  for (const flow of doc.flows) for (const n of flow.nodes) if (n.field) add(n.field);
  return names;
}

/** The path a run took through its flows, in words: "Is it faulty? → Yes, our fault → Issue the RMA". */
export function pathText(doc: Pick<SopDocument, "flows">, state: Pick<RunState, "flows">): string {
  const parts: string[] = [];
  for (const flow of doc.flows) {
    const fs = state.flows[flow.id];
    if (!fs || fs.path.length === 0) continue;
    const label = new Map(flow.nodes.map((n) => [n.id, n.label]));
    const words = [label.get(fs.path[0]!.nodeId) ?? fs.path[0]!.nodeId];
    for (const p of fs.path) {
      const edge = flow.edges.find(
        (e) => e.from === p.nodeId && e.to === p.to && (p.label === undefined || e.label === p.label),
      );
      if (edge?.label ?? p.label) words.push(`[${edge?.label ?? p.label}]`);
      words.push(label.get(p.to) ?? p.to);
    }
    parts.push(`${flow.title}: ${words.join(" → ")}`);
  }
  return parts.join(" | ");
}

const BOM = "\uFEFF";

/** The runs of the period, one row per run, streamed (a year of a busy centre is ~200,000 rows). */
async function runsCsv(
  db: Db,
  user: SessionUser,
  filters: AnalyticsFilters,
  ctx: AnalyticsContext,
): Promise<ReadableStream<Uint8Array>> {
  const scope = analyticsScope(user);
  const period = periodOf(filters, ctx.timeZone);
  const query = {
    from: period.from,
    to: period.to,
    departmentIds: scope,
    departmentId: filters.departmentId,
    sopId: filters.sopId,
    versionId: filters.versionId,
    agentId: filters.agentId,
  };
  // The columns first: the union of the exportable fields of every version in the period.
  const versionIds = new Set((await readRunRows(db, query)).map((r) => r.versionId));
  const infos = await versionInfos(db, versionIds);
  const fieldNames: string[] = [];
  const neverExported = new Set<string>();
  for (const id of versionIds) {
    const doc = versionDocument(db, id);
    if (!doc) continue;
    for (const f of doc.fields) if ((f as { sensitive?: boolean }).sensitive === true) neverExported.add(f.name);
    for (const n of exportableFields(doc)) if (!fieldNames.includes(n)) fieldNames.push(n);
  }
  const fields = fieldNames.filter((n) => !neverExported.has(n)); // sensitive in any version: never exported
  const sopTitles = new Map<string, string>();
  for (const row of db.$client.prepare("SELECT id, title FROM sops").all() as { id: string; title: string }[])
    sopTitles.set(row.id, row.title);
  const departments = new Map<number, string>();
  for (const row of db.$client.prepare("SELECT id, name FROM departments").all() as { id: number; name: string }[])
    departments.set(row.id, row.name);
  const header = [
    "run_id",
    "sop_id",
    "sop_title",
    "version",
    "department",
    "agent",
    "channel",
    "customer_ref",
    "started_at",
    "completed_at",
    "status",
    "outcome",
    "handle_s",
    "target_s",
    "over_target",
    "escalations",
    "skips",
    "flags",
    "steps_done",
    "steps_total",
    "checks_done",
    "checks_total",
    "follow_up_due",
    "follow_up_closed_at",
    "path",
    ...fields.map((n) => `field_${n}`),
  ];
  const batches = exportRunBatches(db, query, 500);
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first) {
        first = false;
        controller.enqueue(encoder.encode(toCsv(header, [])));
        return;
      }
      const next = batches.next();
      if (next.done) return controller.close();
      const names = await peopleNames(
        db,
        next.value.map((r) => r.row.agentId),
      );
      const rows = await Promise.all(
        next.value.map(async ({ row, channel, customerRef, eventCount, state: stored }) => {
          const state = await runStateOf(db, {
            id: row.id,
            versionId: row.versionId,
            eventCount,
            state: parseStored(runs.state, stored),
          });
          const doc = versionDocument(db, row.versionId);
          const info = infos.get(row.versionId);
          const over = row.handleMs != null && info?.targetMs != null ? row.handleMs > info.targetMs : null;
          return [
            row.id,
            row.sopId,
            sopTitles.get(row.sopId) ?? row.sopId,
            info?.version ?? null,
            departments.get(row.departmentId) ?? "",
            names.get(row.agentId) ?? "",
            channel,
            customerRef,
            iso(row.startedAt),
            iso(row.completedAt),
            row.status,
            row.outcome,
            secs(row.handleMs),
            secs(info?.targetMs),
            over == null ? null : over ? "yes" : "no",
            row.escalations,
            row.skips,
            row.flags,
            row.stepsDone,
            row.stepsTotal,
            row.checksDone,
            row.checksTotal,
            row.followUpDue,
            iso(row.followUpClosedAt),
            doc && state ? pathText(doc, state) : "",
            ...fields.map((n) => state?.fields[n]?.value ?? null),
          ];
        }),
      );
      // the header's line (no header cell holds a line break) and the BOM are the first call's
      const csv = toCsv(header, rows).replace(BOM, "");
      controller.enqueue(encoder.encode(csv.slice(csv.indexOf("\r\n") + 2)));
    },
  });
}
