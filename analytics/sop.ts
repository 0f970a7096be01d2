// One SOP's page: its runs (possibly over several versions) by version, where calls stop, how long each step
// takes, what gets skipped and why, how the decision flows are answered, and which steps are flagged. Every
// run is read against its own version (its step ids, its targets): a step the newest version dropped still
// shows, after the current steps.
import type { FlowHeat, FlowHeatEdge, FlowHeatNode } from "../flows/heat";
import { figuresBy, isAbandoned, type OverviewFigures } from "./overview";
import { histogramMedianAndQuantile } from "./stats";
import { detailOf, type DetailTally, type FlowTally, type Tally } from "./tally";
import type { DetailedRunRow, RunRow, VersionInfo } from "./types";

export type VersionFigures = { versionId: number; version: number | null; figures: OverviewFigures };

/** The figures per version, newest version first (a version the map does not know has version null, last). */
export function byVersion(
  rows: readonly RunRow[],
  versions: ReadonlyMap<number, VersionInfo>,
  now: number,
  tallies: readonly Tally[] = [],
): VersionFigures[] {
  const out: VersionFigures[] = [];
  for (const [versionId, figures] of figuresBy(rows, (r) => r.versionId, versions, now, tallies)) {
    out.push({ versionId, version: versions.get(versionId)?.version ?? null, figures });
  }
  return out.sort((a, b) => {
    if (a.version !== b.version) {
      if (a.version === null) return 1;
      if (b.version === null) return -1;
      return b.version - a.version;
    }
    return b.versionId - a.versionId;
  });
}

export type FunnelStep = {
  stepId: string;
  /** position in the funnel (0-based) */
  index: number;
  /** runs that got to this step */
  reached: number;
  /** abandoned runs that stopped on this step */
  stoppedHere: number;
  /** false for a step only older versions have (listed after the newest version's steps) */
  inNewest: boolean;
};

/** The versions the rows point to, newest first (rows whose version is unknown are left out). */
function versionsOf(
  rows: readonly Pick<RunRow, "versionId">[],
  versions: ReadonlyMap<number, VersionInfo>,
): VersionInfo[] {
  const used = new Map<number, VersionInfo>();
  for (const r of rows) {
    if (used.has(r.versionId)) continue;
    const v = versions.get(r.versionId);
    if (v) used.set(r.versionId, v);
  }
  return [...used.values()].sort((a, b) => b.version - a.version || b.versionId - a.versionId);
}

/**
 * Where calls stop. The steps are those of the newest version among the rows, in its order, then the steps only
 * older versions have (newest first, in their order). A run reached every step of its version up to the one it
 * is on (currentStepIndex; none recorded counts as the first step, where every run starts); a completed run
 * that was not abandoned reached all its version's steps. An abandoned run (a completed one with the outcome
 * "abandoned" or an idle active one, as in overviewFigures) stopped on its current step and reached the steps
 * before it only. Rows whose version is not in `versions` are left out (their steps are unknown). Tallies add
 * their completed runs (tally.ts `stopped`: where the abandoned ones stopped).
 */
export function stepFunnel(
  rows: readonly RunRow[],
  versions: ReadonlyMap<number, VersionInfo>,
  now: number,
  tallies: readonly Tally[] = [],
): FunnelStep[] {
  const ordered = versionsOf([...rows, ...tallies], versions);
  const steps: FunnelStep[] = [];
  const position = new Map<string, number>();
  const slots = new Map<number, Int32Array>();
  ordered.forEach((v, vi) => {
    const slot = new Int32Array(v.stepIds.length);
    v.stepIds.forEach((id, i) => {
      let p = position.get(id);
      if (p === undefined) {
        position.set(id, (p = steps.length));
        steps.push({ stepId: id, index: p, reached: 0, stoppedHere: 0, inNewest: vi === 0 });
      }
      slot[i] = p;
    });
    slots.set(v.versionId, slot);
  });
  for (const r of rows) {
    const slot = slots.get(r.versionId);
    if (!slot || slot.length === 0) continue;
    const abandoned = isAbandoned(r, now);
    const last =
      r.status === "completed" && !abandoned
        ? slot.length - 1
        : Math.min(Math.max(r.currentStepIndex ?? 0, 0), slot.length - 1);
    for (let i = 0; i <= last; i++) steps[slot[i]!]!.reached++;
    if (abandoned) steps[slot[last]!]!.stoppedHere++;
  }
  for (const t of tallies) {
    const slot = slots.get(t.versionId);
    if (!slot || slot.length === 0) continue;
    let stopped = 0;
    for (const k in t.stopped) {
      const n = t.stopped[k]!;
      const last = Math.min(Math.max(Number(k), 0), slot.length - 1);
      for (let i = 0; i <= last; i++) steps[slot[i]!]!.reached += n;
      steps[slot[last]!]!.stoppedHere += n;
      stopped += n;
    }
    const through = t.completed - stopped;
    for (let i = 0; i < slot.length; i++) steps[slot[i]!]!.reached += through;
  }
  return steps;
}

export type StepTime = { stepId: string; runs: number; medianMs: number | null; p90Ms: number | null };

/** Time spent per step (facts.ts: since the previous step finished) over the runs that did it, in stepIds' order. */
export function stepTimes(rows: readonly DetailedRunRow[], stepIds: readonly string[]): StepTime[] {
  return stepTimesOf(detailOf(rows), stepIds);
}

/** stepTimes over a detail tally (times to the second, rounded up). */
export function stepTimesOf(d: DetailTally, stepIds: readonly string[]): StepTime[] {
  return [...new Set(stepIds)].map((stepId) => {
    const hist = new Map<number, number>();
    let runs = 0;
    const times = d.times[stepId] ?? {};
    for (const s in times) {
      hist.set(Number(s), times[s]!);
      runs += times[s]!;
    }
    const { median, quantile } = histogramMedianAndQuantile(hist, 0.9);
    return {
      stepId,
      runs,
      medianMs: median === null ? null : median * 1000,
      p90Ms: quantile === null ? null : quantile * 1000,
    };
  });
}

export const MAX_SKIP_REASONS = 10;

export type SkippedStep = {
  stepId: string;
  /** times the step was skipped (one per run) */
  count: number;
  /** the most given reasons, most frequent first ("" for a skip without a reason) */
  reasons: { reason: string; count: number }[];
  /** skips with a reason not in `reasons` (past the first MAX_SKIP_REASONS) */
  other: number;
};

/** How skip reasons are grouped: trimmed, inner white space collapsed, case-folded (ß = ss, final σ = σ). */
export function reasonKey(reason: string): string {
  return reason.trim().replace(/\s+/g, " ").normalize("NFC").toUpperCase().toLowerCase();
}

const byCountThenText =
  <T extends { count: number }>(text: (x: T) => string) =>
  (a: T, b: T) =>
    b.count - a.count || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0);

/**
 * The skipped steps, most skipped first, with their reasons grouped (reasonKey) and shown in the spelling
 * given most often (the first met on a tie).
 */
export function skippedSteps(rows: readonly DetailedRunRow[]): SkippedStep[] {
  return skippedStepsOf(detailOf(rows));
}

/** skippedSteps over a detail tally. */
export function skippedStepsOf(d: DetailTally): SkippedStep[] {
  type Reason = { count: number; spellings: Map<string, number> };
  const out: SkippedStep[] = [];
  for (const stepId in d.skips) {
    const given = d.skips[stepId]!;
    const groups = new Map<string, Reason>();
    let count = 0;
    for (const spelling in given) {
      const n = given[spelling]!;
      count += n;
      const key = reasonKey(spelling);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { count: 0, spellings: new Map() }));
      g.count += n;
      g.spellings.set(spelling, (g.spellings.get(spelling) ?? 0) + n);
    }
    if (count === 0) continue;
    const reasons = [...groups.values()].map((g) => {
      let best = "";
      let bestCount = 0;
      for (const [spelling, n] of g.spellings) {
        if (n > bestCount) {
          best = spelling;
          bestCount = n;
        }
      }
      return { reason: best, count: g.count };
    });
    reasons.sort(byCountThenText((x) => x.reason));
    const shown = reasons.slice(0, MAX_SKIP_REASONS);
    out.push({ stepId, count, reasons: shown, other: count - shown.reduce((s, x) => s + x.count, 0) });
  }
  return out.sort(byCountThenText((x) => x.stepId));
}

/** The part of a flow the aggregations read (sop-schema's Flow and flows/ FlowGraph both fit). */
export type FlowShape = {
  id: string;
  nodes: readonly { id: string; type: string; label: string }[];
  edges: readonly { from: string; to: string; label?: string }[];
};

/**
 * The flow's edges indexed by their ends and label, built once per flow: runs' answers are looked up, never searched.
 */
class EdgeIndex {
  private readonly byFrom = new Map<string, Map<string, { first: number; byLabel: Map<string, number> }>>();
  readonly nodeIndex = new Map<string, number>();

  constructor(readonly flow: FlowShape) {
    flow.nodes.forEach((n, i) => {
      if (!this.nodeIndex.has(n.id)) this.nodeIndex.set(n.id, i);
    });
    flow.edges.forEach((e, i) => {
      let byTo = this.byFrom.get(e.from);
      if (!byTo) this.byFrom.set(e.from, (byTo = new Map()));
      let ends = byTo.get(e.to);
      if (!ends) byTo.set(e.to, (ends = { first: i, byLabel: new Map() }));
      if (e.label !== undefined && !ends.byLabel.has(e.label)) ends.byLabel.set(e.label, i);
    });
  }

  /**
   * The edge an answer took, -1 when the flow has no edge from→to (an older version's). A labelled answer takes
   * the edge with that label; an answer without a label, or whose label the flow no longer has (renamed in a
   * newer version), takes the first edge from→to.
   */
  edgeOf(from: string, to: string, label: string | null): number {
    const ends = this.byFrom.get(from)?.get(to);
    if (!ends) return -1;
    return (label !== null ? ends.byLabel.get(label) : undefined) ?? ends.first;
  }
}

export type FlowAnswer = { to: string; label: string | null; runs: number; share: number };

export type FlowQuestion = {
  nodeId: string;
  label: string;
  /** runs that answered this question */
  total: number;
  /** every edge out of the question, in the flow's order: runs that took it and their share of total (0–1) */
  answers: FlowAnswer[];
  /** runs whose answer here is no edge of this flow (the flow changed since) */
  unmatched: number;
};

/** A flow tally's answers, each looked up once in the flow: [edge index or -1, from node, runs]. */
function answersIn(t: FlowTally, index: EdgeIndex): [edge: number, from: string, runs: number][] {
  const out: [number, string, number][] = [];
  for (const key in t.answers) {
    const [from, to, label] = JSON.parse(key) as [string, string, string | null];
    out.push([index.edgeOf(from, to, label), from, t.answers[key]!]);
  }
  return out;
}

const NO_FLOW: FlowTally = { runs: 0, reach: {}, answered: {}, answers: {}, ends: {} };

/**
 * How each question of the flow was answered (in the flow's node order), over the paths the runs ended with. A
 * run is counted once per question and once per answer, even if it went round a loop: with loops, a run may
 * count under two answers of one question and the shares add up to more than 1. (Two answers of one run that
 * lead to the same edge — the same two nodes, under labels the flow no longer has — count twice.)
 */
export function flowAnswers(rows: readonly DetailedRunRow[], flow: FlowShape): FlowQuestion[] {
  return flowAnswersOf(detailOf(rows), flow);
}

/** flowAnswers over a detail tally. */
export function flowAnswersOf(d: DetailTally, flow: FlowShape): FlowQuestion[] {
  const t = d.flows[flow.id] ?? NO_FLOW;
  const index = new EdgeIndex(flow);
  const edgeRuns = new Float64Array(flow.edges.length);
  const unmatched = new Map<string, number>();
  for (const [e, from, runs] of answersIn(t, index)) {
    if (e >= 0) edgeRuns[e]! += runs;
    else unmatched.set(from, (unmatched.get(from) ?? 0) + runs);
  }
  const out: FlowQuestion[] = [];
  const outOf = new Map<string, FlowQuestion>();
  for (const node of flow.nodes) {
    if (node.type !== "question" || outOf.has(node.id)) continue;
    const q: FlowQuestion = {
      nodeId: node.id,
      label: node.label,
      total: t.answered[node.id] ?? 0,
      answers: [],
      unmatched: unmatched.get(node.id) ?? 0,
    };
    outOf.set(node.id, q);
    out.push(q);
  }
  flow.edges.forEach((e, i) => {
    const q = outOf.get(e.from);
    if (q)
      q.answers.push({
        to: e.to,
        label: e.label ?? null,
        runs: edgeRuns[i]!,
        share: q.total ? edgeRuns[i]! / q.total : 0,
      });
  });
  return out;
}

/**
 * How the runs went through a flow (flows/heat.ts, drawn by the viewer). `runs` are the rows with at least one
 * answer in this flow; an edge counts a run once however often the run took it; a node counts the runs that
 * reached it (the start node every run). Outcomes sit on the node each wrapped-up run ended the flow on: its end
 * (detail.ends), or the node its last answer led to when it wrapped up mid-flow. Answers along edges the flow no
 * longer has are not drawn (their nodes still count when the flow has them).
 */
export function pathHeat(rows: readonly DetailedRunRow[], flow: FlowShape): FlowHeat {
  return pathHeatOf(detailOf(rows), flow);
}

/** pathHeat over a detail tally. */
export function pathHeatOf(d: DetailTally, flow: FlowShape): FlowHeat {
  const t = d.flows[flow.id] ?? NO_FLOW;
  const index = new EdgeIndex(flow);
  const edgeRuns = new Float64Array(flow.edges.length);
  for (const [e, , runs] of answersIn(t, index)) if (e >= 0) edgeRuns[e]! += runs;
  const outcomes = new Map<string, Record<string, number>>();
  for (const key in t.ends) {
    const [node, outcome] = JSON.parse(key) as [string, string];
    if (!index.nodeIndex.has(node)) continue;
    let o = outcomes.get(node);
    if (!o) outcomes.set(node, (o = {}));
    o[outcome] = (o[outcome] ?? 0) + t.ends[key]!;
  }
  const edges: FlowHeatEdge[] = flow.edges.map((e, i) => {
    const edge: FlowHeatEdge = {
      from: e.from,
      to: e.to,
      runs: edgeRuns[i]!,
      share: t.runs ? edgeRuns[i]! / t.runs : 0,
    };
    if (e.label !== undefined) edge.label = e.label;
    return edge;
  });
  const heatNodes: Record<string, FlowHeatNode> = {};
  flow.nodes.forEach((node, i) => {
    if (index.nodeIndex.get(node.id) !== i) return;
    // every run that answered in the flow started at its start node
    const h: FlowHeatNode = { runs: node.type === "start" && t.runs > 0 ? t.runs : (t.reach[node.id] ?? 0) };
    const o = outcomes.get(node.id);
    if (o) h.outcomes = o;
    heatNodes[node.id] = h;
  });
  return { flowId: flow.id, runs: t.runs, edges, nodes: heatNodes };
}

export type StepFlags = { stepId: string; total: number; open: number };

/** Flags per step, most flagged first; open = still to be handled (state new or accepted). */
export function flagsPerStep(flags: readonly { stepId: string; state: string }[]): StepFlags[] {
  const by = new Map<string, StepFlags>();
  for (const f of flags) {
    let s = by.get(f.stepId);
    if (!s) by.set(f.stepId, (s = { stepId: f.stepId, total: 0, open: 0 }));
    s.total++;
    if (f.state === "new" || f.state === "accepted") s.open++;
  }
  return [...by.values()].sort(
    (a, b) => b.total - a.total || b.open - a.open || (a.stepId < b.stepId ? -1 : a.stepId > b.stepId ? 1 : 0),
  );
}
