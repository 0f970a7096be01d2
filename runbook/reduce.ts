// state = reduce(events). PURE and TOTAL: never throws, never mutates its input (unchanged parts keep their
// references, changed parts are new objects, so the UI can compare by reference).
import type { FlowEdge, SopDocument } from "../sop-schema/types";
import { indexDoc, terminalTypeOf, type DocIndex, type FlowIndex } from "./doc-index";
import { parseRunEvent, type RunEvent } from "./events";
import { initialState, type FlowState, type RunState, type StepState } from "./state";
import { normaliseFieldValue } from "./text";
import { checkEvent, checkParsedEvent } from "./validate";

/** Copy-on-write record: copies the record on the first write only. */
class Draft<T> {
  private copied = false;
  constructor(public value: Record<string, T>) {}
  set(key: string, v: T): void {
    if (!this.copied) {
      this.value = { ...this.value };
      this.copied = true;
    }
    this.value[key] = v;
  }
  delete(key: string): void {
    if (!(key in this.value)) return;
    if (!this.copied) {
      this.value = { ...this.value };
      this.copied = true;
    }
    delete this.value[key];
  }
}

function withoutKeys<T extends object>(obj: T, ...keys: (keyof T)[]): T {
  const out = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}

/** Sets (or clears, for a blank value) a field; marks done steps whose `<Say>` uses it as stale. */
function setField(
  index: DocIndex,
  fields: Draft<{ value: string; at: number }>,
  steps: Draft<StepState>,
  name: string,
  value: string,
  at: number,
): void {
  const before = fields.value[name]?.value ?? "";
  const blank = value.trim() === "";
  const after = blank ? "" : value;
  if (blank) fields.delete(name);
  else fields.set(name, { value, at });
  if (before === after) return;
  const label = index.fields.get(name)?.label ?? index.nodeFields.get(name) ?? name;
  for (const stepId of index.sayRefs.get(name) ?? []) {
    const s = steps.value[stepId];
    if (s && s.status === "done")
      steps.set(stepId, { ...s, stale: `“${label.trim()}” changed after this step was done` });
  }
}

function gotoStepOf(index: DocIndex, fi: FlowIndex, nodeId: string): string | null {
  const node = fi.nodes.get(nodeId);
  return node && node.type === "goto" && node.step && index.steps.has(node.step) ? node.step : null;
}

/** The edge an answer takes: the one with the given label when several lead to the same node. */
export function pickEdge(fi: FlowIndex, nodeId: string, to: string, label?: string): FlowEdge | undefined {
  const edges = (fi.out.get(nodeId) ?? []).filter((e) => e.to === to);
  if (label === undefined) return edges[0];
  return edges.find((e) => (e.label ?? "") === label);
}

function applyFlowAnswer(
  index: DocIndex,
  state: RunState,
  event: Extract<RunEvent, { type: "flow.answered" }>,
  steps: Draft<StepState>,
  fields: Draft<{ value: string; at: number }>,
): { flows: Record<string, FlowState>; currentStepId: string | null } {
  const fi = index.flows.get(event.flowId)!;
  const flow = state.flows[event.flowId] ?? { path: [], currentNodeId: fi.startId };
  const node = fi.nodes.get(event.nodeId)!;
  const edge = pickEdge(fi, event.nodeId, event.to, event.label)!;
  let path = flow.path;
  if (flow.currentNodeId !== event.nodeId) {
    // Changing an earlier answer: cut the path back to the (latest) visit of that node, then recompute.
    let cut = path.length - 1;
    while (cut >= 0 && path[cut].nodeId !== event.nodeId) cut--;
    const removed = path.slice(cut);
    path = path.slice(0, cut);
    const old = removed[0];
    // Steps the withdrawn part of the path sent the agent to may no longer apply (unless the new answer goes
    // straight back there).
    const answerChanged = !!old && (old.to !== event.to || (old.label ?? "") !== (edge.label ?? ""));
    const reason =
      answerChanged && node.type === "question"
        ? `The answer to “${node.label.trim()}” changed`
        : `The path through “${fi.flow.title.trim()}” changed`;
    const stillSentTo = gotoStepOf(index, fi, event.to);
    for (const r of removed) {
      const stepId = gotoStepOf(index, fi, r.to);
      if (stepId && stepId !== stillSentTo) steps.set(stepId, { ...steps.value[stepId], stale: reason });
    }
    // Answers that nodes after the changed one captured into fields no longer hold (unless edited since).
    for (const r of removed.slice(1)) {
      const captured = fi.nodes.get(r.nodeId)?.field;
      if (captured && r.label !== undefined && fields.value[captured]?.value === r.label) {
        setField(index, fields, steps, captured, "", event.at);
      }
    }
  }
  const entry =
    edge.label !== undefined
      ? { nodeId: event.nodeId, to: event.to, label: edge.label, at: event.at }
      : { nodeId: event.nodeId, to: event.to, at: event.at };
  const next: FlowState = { path: [...path, entry], currentNodeId: event.to };
  const terminal = terminalTypeOf(fi, event.to);
  if (terminal) next.ended = { nodeId: event.to, type: terminal };
  if (node.field && edge.label !== undefined) setField(index, fields, steps, node.field, edge.label, event.at);
  const goto = gotoStepOf(index, fi, event.to);
  return { flows: { ...state.flows, [event.flowId]: next }, currentStepId: goto ?? state.currentStepId };
}

/** Applies an event already checked by `checkEvent` (valid, not a duplicate). */
function apply(index: DocIndex, state: RunState, event: RunEvent, appliedEventIds: string[]): RunState {
  const at = event.at;
  const base = { ...state, lastEventAt: at, appliedEventIds };
  switch (event.type) {
    case "started":
      return state; // refused by checkEvent; kept for totality
    case "step.focused":
      return { ...base, currentStepId: event.stepId };
    case "step.completed":
      return { ...base, steps: { ...state.steps, [event.stepId]: { status: "done", at } } };
    case "step.reopened":
      return { ...base, steps: { ...state.steps, [event.stepId]: { status: "pending" } } };
    case "step.skipped":
      return {
        ...base,
        steps: { ...state.steps, [event.stepId]: { status: "skipped", skipReason: event.reason, at } },
      };
    case "check.toggled":
      return { ...base, checks: { ...state.checks, [event.checkId]: event.checked } };
    case "field.captured": {
      // a value the retention job removed: filled once, so it still counts as filled (and changes no step)
      if (event.purged) return { ...base, fields: { ...state.fields, [event.name]: { value: "", at, purged: true } } };
      const fields = new Draft(state.fields);
      const steps = new Draft(state.steps);
      const def = index.fields.get(event.name);
      setField(index, fields, steps, event.name, def ? normaliseFieldValue(def, event.value) : event.value, at);
      return { ...base, fields: fields.value, steps: steps.value };
    }
    case "flow.answered": {
      const fields = new Draft(state.fields);
      const steps = new Draft(state.steps);
      const { flows, currentStepId } = applyFlowAnswer(index, state, event, steps, fields);
      return { ...base, flows, currentStepId, fields: fields.value, steps: steps.value };
    }
    case "note.added": {
      const next = { ...base, notes: [...state.notes, { id: event.id, text: event.text, at }] };
      return next.noteDraft ? withoutKeys(next, "noteDraft") : next;
    }
    case "note.drafted":
      if (event.text.trim() === "") return base.noteDraft ? withoutKeys(base, "noteDraft") : base;
      return { ...base, noteDraft: { text: event.text, at } };
    case "discarded": {
      const reason = event.reason?.trim();
      const next: RunState = { ...base, status: "discarded", discardedAt: at };
      if (reason) next.discardReason = reason;
      return next;
    }
    case "escalated": {
      const esc =
        event.stepId !== undefined
          ? { id: event.id, to: event.to, reason: event.reason, stepId: event.stepId, at }
          : { id: event.id, to: event.to, reason: event.reason, at };
      return { ...base, escalations: [...state.escalations, esc] };
    }
    case "step.flagged":
      return {
        ...base,
        flags: [...state.flags, { id: event.id, stepId: event.stepId, kind: event.kind, text: event.text, at }],
      };
    case "completed": {
      const followUp = event.outcome === "follow-up" && event.followUpDue !== undefined;
      const next: RunState = {
        ...base,
        status: "completed",
        completedAt: at,
        outcome: followUp
          ? { outcome: event.outcome, followUpDue: event.followUpDue!, wrapUp: event.wrapUp, at }
          : { outcome: event.outcome, wrapUp: event.wrapUp, at },
      };
      if (followUp) next.followUp = { due: event.followUpDue! };
      else if (next.followUp) return withoutKeys(next, "followUp");
      return next;
    }
    case "followup.closed":
      return { ...base, followUp: { ...state.followUp!, closedAt: at, note: event.note } };
  }
}

/**
 * Like `reduce`, but an unexpected internal error propagates instead of being swallowed (tests use it to make
 * sure the total `reduce` never has to swallow one).
 */
export function reduceStrict(doc: SopDocument, state: RunState, event: RunEvent | unknown): RunState {
  const checked = checkEvent(doc, state, event);
  if (!checked.ok || checked.duplicate) return state;
  return apply(indexDoc(doc), state, checked.event, [...state.appliedEventIds, checked.event.id]);
}

/**
 * Applies one event. An event that is invalid for the state (see `validateEvent`) or whose id was already
 * applied returns `state` itself, unchanged. Never throws, never mutates `state`.
 */
export function reduce(doc: SopDocument, state: RunState, event: RunEvent | unknown): RunState {
  try {
    return reduceStrict(doc, state, event);
  } catch {
    return state;
  }
}

export type AppliedEvent = { ok: true; state: RunState } | { ok: false; message: string };

/**
 * Checks and applies one event already parsed with `runEventSchema` (the ingest parses its batch whole): the
 * refusal `validateEvent` would give, else the state `reduce` would make — one check where calling both makes two
 * (each parsing the event again). Total like `reduce`: an already applied id, or an internal error, leaves `state`.
 */
export function applyParsedEvent(doc: SopDocument, state: RunState, event: RunEvent): AppliedEvent {
  try {
    const checked = checkParsedEvent(doc, state, event);
    if (!checked.ok) return checked;
    if (checked.duplicate) return { ok: true, state };
    return { ok: true, state: apply(indexDoc(doc), state, event, [...state.appliedEventIds, event.id]) };
  } catch {
    return { ok: true, state };
  }
}

/**
 * Applies many events in order; the same result as folding `reduce`, without re-copying the applied-id list per
 * event (a Set answers "already applied?").
 */
export function reduceAll(doc: SopDocument, state: RunState, events: readonly (RunEvent | unknown)[]): RunState {
  const index = indexDoc(doc);
  const seen = new Set(state.appliedEventIds);
  let ids: string[] | null = null;
  let current = state;
  for (const event of events) {
    let next: RunState;
    try {
      const checked = checkEvent(doc, current, event, (id) => seen.has(id));
      if (!checked.ok || checked.duplicate) continue;
      ids ??= [...state.appliedEventIds];
      next = apply(index, current, checked.event, ids);
      seen.add(checked.event.id);
      ids.push(checked.event.id);
    } catch {
      continue;
    }
    current = next;
  }
  // Intermediate states shared the growing `ids`; the result owns it, and earlier states are not returned.
  return current;
}

/** Rebuilds a run's state from its events; the first must be `started` (else this throws). */
export function replay(doc: SopDocument, events: readonly (RunEvent | unknown)[]): RunState {
  const first = events.length > 0 ? parseRunEvent(events[0]) : null;
  if (!first || !first.ok || first.event.type !== "started") {
    throw new Error(
      first && !first.ok
        ? `The first event is not a valid “started” event: ${first.message}`
        : "A run's first event must be “started”.",
    );
  }
  return reduceAll(doc, initialState(doc, first.event), events.slice(1));
}
