// Rows for the aggregation tests: a completed, resolved one-minute call unless told otherwise.
import type { RunDetail } from "./facts";
import type { DetailedRunRow, RunRow, VersionInfo } from "./types";

export const NOW = Date.UTC(2025, 0, 15, 12);
export const MIN = 60_000;
export const HOUR = 3_600_000;

let seq = 0;

export function row(p: Partial<RunRow> = {}): RunRow {
  seq++;
  return {
    id: `run-${seq}`,
    sopId: "refund",
    versionId: 1,
    agentId: "agent-1",
    departmentId: 1,
    status: "completed",
    outcome: "resolved",
    startedAt: NOW - 2 * HOUR,
    completedAt: NOW - HOUR,
    updatedAt: NOW - HOUR,
    followUpDue: null,
    followUpClosedAt: null,
    currentStepIndex: null,
    handleMs: MIN,
    escalations: 0,
    flags: 0,
    skips: 0,
    stepsTotal: 0,
    stepsDone: 0,
    checksTotal: 0,
    checksDone: 0,
    ...p,
  };
}

/** An active run, last touched `idleFor` ms before NOW (10 minutes unless told). */
export function active(p: Partial<RunRow> = {}, idleFor = 10 * MIN): RunRow {
  return row({ status: "active", outcome: null, completedAt: null, handleMs: null, updatedAt: NOW - idleFor, ...p });
}

export function detailed(p: Partial<RunRow>, detail: RunDetail | null): DetailedRunRow {
  return { ...row(p), detail };
}

export function version(p: Partial<VersionInfo> & { versionId: number }): VersionInfo {
  return { sopId: "refund", version: 1, targetMs: null, tags: [], stepIds: [], ...p };
}

export function versionMap(...infos: VersionInfo[]): Map<number, VersionInfo> {
  return new Map(infos.map((v) => [v.versionId, v]));
}
