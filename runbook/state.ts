// The state of one run, as reduced from its events. Plain JSON (the DB stores it as is): no undefined-valued
// keys, no Maps or Sets, no class instances.
import type { SopDocument } from "../sop-schema";
import { indexDoc, terminalTypeOf, type TerminalType } from "./doc-index";
import type { StartedEvent } from "./events";

export type StepStatus = "pending" | "done" | "skipped";

export type StepState = {
  status: StepStatus;
  /** only when skipped */
  skipReason?: string;
  /** when the step was last done or skipped (absent while pending) */
  at?: number;
  /** set when an earlier change (flow answer, field) may have invalidated it; cleared when touched again */
  stale?: string;
};

export type FlowPathEntry = { nodeId: string; to: string; label?: string; at: number };

export type FlowState = {
  path: FlowPathEntry[];
  currentNodeId: string;
  /** the terminal node reached, if any */
  ended?: { nodeId: string; type: TerminalType };
};

export type RunState = {
  sopId: string;
  versionId: number;
  customerRef?: string;
  channel?: string;
  status: "active" | "completed";
  startedAt: number;
  completedAt?: number;
  lastEventAt: number;
  currentStepId: string | null;
  /** every step of the doc, initially pending */
  steps: Record<string, StepState>;
  /** every check of the doc, initially false */
  checks: Record<string, boolean>;
  /** captured values; an empty value is not stored (capturing "" clears the field) */
  fields: Record<string, { value: string; at: number }>;
  /** every flow, currentNodeId = its start node */
  flows: Record<string, FlowState>;
  notes: { id: string; text: string; at: number }[];
  escalations: { id: string; to: string; reason: string; stepId?: string; at: number }[];
  flags: { id: string; stepId: string; kind: string; text: string; at: number }[];
  outcome?: { outcome: string; followUpDue?: string; wrapUp: string; at: number };
  followUp?: { due: string; closedAt?: number; note?: string };
  /** ids of the events applied, in order (for idempotence) */
  appliedEventIds: string[];
};

export type { TerminalType };

/** The state right after `started`: every step pending, every check unticked, every flow at its start node. */
export function initialState(doc: SopDocument, started: StartedEvent): RunState {
  const index = indexDoc(doc);
  const steps: Record<string, StepState> = {};
  for (const id of index.stepOrder) steps[id] = { status: "pending" };
  const checks: Record<string, boolean> = {};
  for (const id of index.checkOrder) checks[id] = false;
  const flows: Record<string, FlowState> = {};
  for (const [id, fi] of index.flows) {
    const flow: FlowState = { path: [], currentNodeId: fi.startId };
    const terminal = terminalTypeOf(fi, fi.startId);
    if (terminal) flow.ended = { nodeId: fi.startId, type: terminal };
    flows[id] = flow;
  }
  const state: RunState = {
    sopId: started.sopId,
    versionId: started.versionId,
    status: "active",
    startedAt: started.at,
    lastEventAt: started.at,
    currentStepId: index.stepOrder[0] ?? null,
    steps,
    checks,
    fields: {},
    flows,
    notes: [],
    escalations: [],
    flags: [],
    appliedEventIds: [started.id],
  };
  if (started.customerRef !== undefined && started.customerRef.trim() !== "") state.customerRef = started.customerRef.trim();
  if (started.channel !== undefined) state.channel = started.channel;
  return state;
}
