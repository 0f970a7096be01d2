// Per agent, for coaching: how many calls, how they ended, how closely the SOP was followed, how long calls
// take and how often they run over target, and how many flags the agent sent (flags are good: they fix SOPs).
import { FiguresAccumulator, targetLookup } from "./overview";
import type { RunRow, VersionInfo } from "./types";

export type AgentRow = {
  agentId: string;
  runs: number;
  completed: number;
  /** as in overviewFigures: completed with the outcome "abandoned", or active and idle */
  abandoned: number;
  outcomes: Record<string, number>;
  escalated: number;
  /** sums over completed runs (the facts are stored when a run is wrapped up) */
  stepsDone: number;
  stepsTotal: number;
  checksDone: number;
  checksTotal: number;
  skips: number;
  /** (stepsDone + checksDone) / (stepsTotal + checksTotal) over completed runs; null when they have neither */
  adherence: number | null;
  /** median handle time of completed, non-abandoned runs */
  handleMedianMs: number | null;
  /** completed, non-abandoned runs over their version's target */
  overTarget: number;
  flags: number;
};

type Sums = {
  acc: FiguresAccumulator;
  stepsDone: number;
  stepsTotal: number;
  checksDone: number;
  checksTotal: number;
  skips: number;
};

/** One row per agent, most runs first (then by id, a stable order). */
export function agentTable(
  rows: readonly RunRow[],
  versions: ReadonlyMap<number, VersionInfo>,
  now: number,
): AgentRow[] {
  const target = targetLookup(versions);
  const by = new Map<string, Sums>();
  for (const r of rows) {
    let s = by.get(r.agentId);
    if (!s)
      by.set(
        r.agentId,
        (s = {
          acc: new FiguresAccumulator(now),
          stepsDone: 0,
          stepsTotal: 0,
          checksDone: 0,
          checksTotal: 0,
          skips: 0,
        }),
      );
    s.acc.add(r, target(r.versionId));
    if (r.status !== "completed") continue;
    s.stepsDone += r.stepsDone;
    s.stepsTotal += r.stepsTotal;
    s.checksDone += r.checksDone;
    s.checksTotal += r.checksTotal;
    s.skips += r.skips;
  }
  const out: AgentRow[] = [];
  for (const [agentId, s] of by) {
    const f = s.acc.figures();
    const whole = s.stepsTotal + s.checksTotal;
    out.push({
      agentId,
      runs: f.runs,
      completed: f.completed,
      abandoned: f.abandoned,
      outcomes: f.outcomes,
      escalated: f.escalated,
      stepsDone: s.stepsDone,
      stepsTotal: s.stepsTotal,
      checksDone: s.checksDone,
      checksTotal: s.checksTotal,
      skips: s.skips,
      adherence: whole === 0 ? null : (s.stepsDone + s.checksDone) / whole,
      handleMedianMs: f.handleMedianMs,
      overTarget: f.overTarget,
      flags: f.flags,
    });
  }
  return out.sort((a, b) => b.runs - a.runs || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
}
