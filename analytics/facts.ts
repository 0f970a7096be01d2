// What the dashboards need from one finished run, computed once when the run is wrapped up (ingest time) and
// stored beside it (run_facts): the dashboards aggregate these small rows and never replay events or parse a
// run's full state. Pure: runs in the server's append path, the seed, the benchmark and tests alike.
import type { SopDocument } from "../sop-schema/types";
import type { RunState } from "../runbook/state";

/** A step as the run left it: "d" done, "s" skipped, "p" never done. */
export type StepMark = "d" | "s" | "p";

/** [stepId, mark, milliseconds spent on it (done steps only), skip reason (skipped steps only)] */
export type StepFact = [stepId: string, mark: StepMark, ms: number | null, skipReason: string | null];

/** One flow answer on the path the run ended with: [flowId, from node, to node, answer label or null] */
export type AnswerFact = [flowId: string, nodeId: string, to: string, label: string | null];

/** A flow's end node the run reached: [flowId, nodeId] */
export type EndFact = [flowId: string, nodeId: string];

export type RunDetail = { steps: StepFact[]; path: AnswerFact[]; ends: EndFact[] };

export type RunFacts = {
  /** completion time minus start time; null while the run has no completion */
  handleMs: number | null;
  escalations: number;
  /** steps the agent flagged (feedback) in this run */
  flags: number;
  skips: number;
  stepsTotal: number;
  stepsDone: number;
  checksTotal: number;
  checksDone: number;
  detail: RunDetail;
};

/**
 * The facts of a run. Time on a step is measured from the previous step the agent finished (or the start of
 * the call) to this one's completion, in the order they were finished: agents may work out of order, and this
 * charges each step with the time the agent actually spent before ticking it.
 */
export function runFacts(doc: Pick<SopDocument, "steps">, state: RunState): RunFacts {
  const finished = doc.steps
    .map((s) => ({ id: s.id, st: state.steps[s.id] }))
    .filter((s) => s.st && s.st.status === "done" && typeof s.st.at === "number")
    .sort((a, b) => a.st!.at! - b.st!.at!);
  const spent = new Map<string, number>();
  let prev = state.startedAt;
  for (const s of finished) {
    spent.set(s.id, Math.max(0, s.st!.at! - prev));
    prev = Math.max(prev, s.st!.at!);
  }
  const steps: StepFact[] = [];
  let skips = 0;
  let stepsDone = 0;
  for (const s of doc.steps) {
    const st = state.steps[s.id];
    if (st?.status === "done") {
      stepsDone += 1;
      steps.push([s.id, "d", spent.get(s.id) ?? null, null]);
    } else if (st?.status === "skipped") {
      skips += 1;
      steps.push([s.id, "s", null, st.skipReason ?? null]);
    } else steps.push([s.id, "p", null, null]);
  }
  const checkValues = Object.values(state.checks);
  const path: AnswerFact[] = [];
  const ends: EndFact[] = [];
  for (const [flowId, flow] of Object.entries(state.flows)) {
    for (const p of flow.path) path.push([flowId, p.nodeId, p.to, p.label ?? null]);
    if (flow.ended) ends.push([flowId, flow.ended.nodeId]);
  }
  return {
    handleMs: state.completedAt !== undefined ? Math.max(0, state.completedAt - state.startedAt) : null,
    escalations: state.escalations.length,
    flags: state.flags.length,
    skips,
    stepsTotal: doc.steps.length,
    stepsDone,
    checksTotal: checkValues.length,
    checksDone: checkValues.filter(Boolean).length,
    detail: { steps, path, ends },
  };
}
