// The state of one run, as reduced from its events. Plain JSON (the DB stores it as is): no undefined-valued
// keys, no Maps or Sets, no class instances.
import type { SopDocument } from "../sop-schema/types";
import { indexDoc, terminalTypeOf, type TerminalType } from "./doc-index";
import type { StartedEvent } from "./events";

export type StepStatus = "pending" | "done" | "skipped";

export const RUN_STATES = ["active", "completed", "discarded"] as const;
export type RunStatus = (typeof RUN_STATES)[number];

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
  /** "discarded": thrown away by its agent (started by mistake); kept in the log, never counted, read-only */
  status: RunStatus;
  startedAt: number;
  completedAt?: number;
  /** when the run was discarded (iff status is "discarded") */
  discardedAt?: number;
  /** the agent's reason for discarding, when given */
  discardReason?: string;
  lastEventAt: number;
  currentStepId: string | null;
  /** every step of the doc, initially pending */
  steps: Record<string, StepState>;
  /** every check of the doc, initially false */
  checks: Record<string, boolean>;
  /** captured values; an empty value is not stored (capturing "" clears the field) */
  /** purged: the retention job removed the value (it was filled, and valid, when captured) */
  fields: Record<string, { value: string; at: number; purged?: true }>;
  /** every flow, currentNodeId = its start node */
  flows: Record<string, FlowState>;
  notes: { id: string; text: string; at: number }[];
  /** the note being typed and not added yet (`note.drafted`); absent when there is none */
  noteDraft?: { text: string; at: number };
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
  if (started.customerRef !== undefined && started.customerRef.trim() !== "")
    state.customerRef = started.customerRef.trim();
  if (started.channel !== undefined) state.channel = started.channel;
  return state;
}
