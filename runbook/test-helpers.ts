// Test-only helpers (imported by *.test.ts only). Pure: reading the demo SOPs from disk stays in the tests.
import type { SopDocument } from "../sop-schema/types";
import { indexDoc, terminalTypeOf } from "./doc-index";
import type { RunEvent } from "./events";
import type { RunState } from "./state";

/** A deterministic, valid v4 UUID for the n-th event. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

type Payload<T extends RunEvent["type"]> = Omit<Extract<RunEvent, { type: T }>, "id" | "at" | "type">;

/** Builds events with increasing ids and times (one second apart). */
export class EventFactory {
  n = 0;
  private starts = 0;
  readonly origin: number;
  constructor(public clock = 1_700_000_000_000) {
    this.origin = clock;
  }
  make<T extends RunEvent["type"]>(type: T, payload: Payload<T>): Extract<RunEvent, { type: T }> {
    this.n += 1;
    this.clock += 1000;
    return { id: uuid(this.n), at: this.clock, type, ...payload } as Extract<RunEvent, { type: T }>;
  }
  /** A `started` event at the factory's origin time, from its own id range (so it may be built after others). */
  started(doc: SopDocument, extra: Partial<Payload<"started">> = {}): Extract<RunEvent, { type: "started" }> {
    this.starts += 1;
    return {
      id: uuid(0xf00000000000 + this.starts),
      at: this.origin,
      type: "started",
      sopId: doc.meta.id,
      versionId: 1,
      ...extra,
    };
  }
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`invariant: ${message}`);
}

function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(value as object).every((v) => v !== undefined && isPlainJson(v));
  }
  return false;
}

/** The structural invariants every reachable state keeps. Throws with a description when one breaks. */
export function checkInvariants(doc: SopDocument, state: RunState): void {
  const index = indexDoc(doc);
  ok(isPlainJson(state), "state is plain JSON (no undefined, no class instances)");
  ok(state.status === "active" || state.status === "completed" || state.status === "discarded", "status");
  ok((state.status === "discarded") === (state.discardedAt !== undefined), "discardedAt iff discarded");
  ok(
    state.discardReason === undefined ||
      (state.status === "discarded" &&
        state.discardReason.trim() === state.discardReason &&
        state.discardReason !== ""),
    "discardReason only when discarded, trimmed",
  );
  ok(
    state.noteDraft === undefined || (state.noteDraft.text.trim() !== "" && state.noteDraft.text.length <= 5000),
    "a note draft is not blank",
  );
  ok((state.status === "completed") === (state.completedAt !== undefined), "completedAt iff completed");
  ok((state.status === "completed") === (state.outcome !== undefined), "outcome iff completed");
  ok(state.currentStepId === null || index.steps.has(state.currentStepId), "current step exists");
  ok(new Set(state.appliedEventIds).size === state.appliedEventIds.length, "applied ids are unique");
  ok(state.appliedEventIds.length > 0, "the started event is applied");
  ok(state.lastEventAt >= 0 && state.startedAt >= 0, "times");
  ok(
    Object.keys(state.steps).length === index.stepOrder.length &&
      index.stepOrder.every((id) => state.steps[id] !== undefined),
    "one StepState per step",
  );
  for (const [id, s] of Object.entries(state.steps)) {
    ok(["pending", "done", "skipped"].includes(s.status), `step ${id} status`);
    ok((s.status === "skipped") === (s.skipReason !== undefined), `step ${id}: skipReason iff skipped`);
    ok((s.status !== "pending") === (s.at !== undefined), `step ${id}: at iff done or skipped`);
  }
  ok(
    Object.keys(state.checks).length === index.checkOrder.length &&
      Object.values(state.checks).every((v) => typeof v === "boolean"),
    "one boolean per check",
  );
  for (const [name, f] of Object.entries(state.fields)) {
    ok(index.fields.has(name) || index.nodeFields.has(name), `field ${name} is known`);
    const def = index.fields.get(name);
    if (def && (def.type === "number" || def.type === "phone" || def.type === "date" || def.pattern))
      ok(!/[\u0660-\u0669\u06F0-\u06F9]/.test(f.value), `field ${name} holds ASCII digits`);
    ok(
      f.purged === true || f.value.trim() !== "",
      `field ${name} is not blank (blank clears; a purged value is kept as "")`,
    );
  }
  ok(Object.keys(state.flows).length === index.flows.size, "one FlowState per flow");
  for (const [id, fi] of index.flows) {
    const flow = state.flows[id];
    ok(flow, `flow ${id} state`);
    let at = fi.startId;
    for (const p of flow.path) {
      ok(p.nodeId === at, `flow ${id}: path is connected`);
      const edge = (fi.out.get(p.nodeId) ?? []).find((e) => e.to === p.to && (e.label ?? undefined) === p.label);
      ok(edge, `flow ${id}: ${p.nodeId} → ${p.to} is an edge with that label`);
      at = p.to;
    }
    ok(flow.currentNodeId === at, `flow ${id}: current node is the end of the path`);
    const terminal = terminalTypeOf(fi, at);
    ok(
      terminal ? flow.ended?.nodeId === at && flow.ended.type === terminal : flow.ended === undefined,
      `flow ${id}: ended iff terminal`,
    );
  }
  const ids = [...state.notes, ...state.escalations, ...state.flags].map((x) => x.id);
  const applied = new Set(state.appliedEventIds);
  ok(
    ids.every((x) => applied.has(x)),
    "notes/escalations/flags come from applied events",
  );
  if (state.followUp) {
    ok(
      state.outcome?.outcome === "follow-up" && state.outcome.followUpDue === state.followUp.due,
      "follow-up matches the outcome",
    );
    ok((state.followUp.closedAt === undefined) === (state.followUp.note === undefined), "closedAt iff note");
  } else {
    ok(state.outcome?.outcome !== "follow-up", "a follow-up outcome has a follow-up");
  }
  ok(JSON.stringify(JSON.parse(JSON.stringify(state))) === JSON.stringify(state), "JSON round trip");
}
