// The rows the dashboards aggregate. db/analytics.server.ts reads them (one query per dashboard, by time range
// and filters); every function in analytics/ is pure over them, so the figures are unit-tested without a DB.
import type { RunDetail, RunFacts } from "./facts";

/** One live run (practice and discarded runs are never read), with its facts when it is wrapped up. */
export type RunRow = {
  id: string;
  sopId: string;
  versionId: number;
  agentId: string;
  /** the SOP's department (today's: an SOP moved to another department counts there) */
  departmentId: number;
  status: "active" | "completed";
  /** the wrap-up outcome (runbook OUTCOMES: resolved, escalated, follow-up, transferred, abandoned) */
  outcome: string | null;
  startedAt: number;
  completedAt: number | null;
  /** the run's last write: an active run untouched for ABANDONED_AFTER_MS counts as abandoned */
  updatedAt: number;
  followUpDue: string | null;
  followUpClosedAt: number | null;
  /** index into the version's steps of the step the run is on (where an abandoned run stopped) */
  currentStepIndex: number | null;
} & /* the run's facts but their detail, from run_facts (null/0 while the run is active) */ Omit<RunFacts, "detail">;

/** A run row with its per-step detail (per-SOP pages only: one SOP's runs). Null while the run is active. */
export type DetailedRunRow = RunRow & { detail: RunDetail | null };

/** What the aggregations know of each SOP version the rows point to. */
export type VersionInfo = {
  versionId: number;
  sopId: string;
  version: number;
  /** the version's handle-time target (front matter targets.handleTime), in ms */
  targetMs: number | null;
  /** the version's front matter tags: the contact reasons */
  tags: string[];
  /** the version's step ids in order (funnel, time per step) */
  stepIds: string[];
};

/** A half-open time window [from, to) in ms. */
export type Period = { from: number; to: number };

/** An active run untouched this long is counted as abandoned (the agent left it open and moved on). */
export const ABANDONED_AFTER_MS = 4 * 60 * 60 * 1000;
