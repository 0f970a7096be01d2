// Playing a scenario: the events an agent who follows the procedure and the simulated customer would produce.
// Used to seed the demo's practice runs and to test scoring end to end (a faithful play scores full marks on
// everything but time). Pure: the same reducer and validation as a live run, no DB, no clock.
import type { Scenario, SopDocument } from "../sop-schema/types";
import type { FieldDef } from "../sop-schema/types";
import { initialState, type RunState } from "../runbook/state";
import { nextStepId } from "../runbook/derive";
import { reduce } from "../runbook/reduce";
import { validateEvent, validateFieldValue } from "../runbook/validate";
import type { RunEvent, StartedEvent } from "../runbook/events";

export type PlayOptions = {
  /** epoch ms of the `started` event; each later event is `stepMs` after the one before (default 20 s) */
  startedAt: number;
  stepMs?: number;
  /** event ids are UUIDs derived from `${idPrefix}:${n}`: seeding twice produces the same ids (a no-op) */
  idPrefix: string;
  /** mistakes, for demo runs that should not score 100 */
  mistakes?: {
    skipChecks?: readonly string[];
    skipEscalation?: boolean;
    outcome?: string;
    wrongAnswerAt?: readonly string[];
  };
};

const MAX_EVENTS = 400;

/**
 * The `started` event and everything after it, up to `completed`. Throws when the scenario cannot be played on
 * this document (an answer the flow refuses), which the linter reports for authors anyway.
 */
export function playScenario(
  doc: SopDocument,
  scenario: Scenario,
  started: Omit<StartedEvent, "id" | "at" | "type">,
  opts: PlayOptions,
): { events: RunEvent[]; state: RunState } {
  const step = opts.stepMs ?? 20_000;
  let n = 0;
  let clock = opts.startedAt;
  const nextMeta = () => ({ id: stableUuid(`${opts.idPrefix}:${++n}`), at: (clock += n === 1 ? 0 : step) });
  const first: StartedEvent = { ...started, type: "started", ...nextMeta() };
  let state = initialState(doc, first);
  const events: RunEvent[] = [first];
  const apply = (partial: Record<string, unknown>) => {
    const event = { ...nextMeta(), ...partial } as RunEvent;
    const problem = validateEvent(doc, state, event);
    if (problem) throw new Error(`Scenario “${scenario.id}” cannot be played: ${problem}`);
    state = reduce(doc, state, event);
    events.push(event);
    if (events.length > MAX_EVENTS)
      throw new Error(`Scenario “${scenario.id}” did not finish in ${MAX_EVENTS} events.`);
  };
  const skipChecks = new Set(opts.mistakes?.skipChecks ?? []);
  const wrongAt = new Set(opts.mistakes?.wrongAnswerAt ?? []);
  const values = new Map(scenario.answers.flatMap((a) => (a.kind === "field" ? [[a.field, a.value] as const] : [])));
  const choices = new Map(
    scenario.answers.flatMap((a) => (a.kind === "flow" ? [[`${a.flowId}\u0000${a.nodeId}`, a.choose] as const] : [])),
  );

  const visited = new Set<string>();
  let current = state.currentStepId;
  while (current && state.status === "active") {
    if (visited.has(current)) break; // a loop back to a done step: the procedure is through
    visited.add(current);
    const s = doc.steps.find((x) => x.id === current)!;
    for (const name of s.fieldNames) {
      // The customer's answer where the scenario gives one; a required field it does not mention gets a
      // plausible value (the agent would ask for it), so that the step can be completed.
      const field = doc.fields.find((f) => f.name === name);
      const value = values.get(name) ?? (field?.required ? plausibleValue(field, clock) : undefined);
      if (value !== undefined && state.fields[name]?.value !== value)
        apply({ type: "field.captured", stepId: s.id, name, value });
    }
    for (const checkId of s.checkIds)
      if (!skipChecks.has(checkId) && !state.checks[checkId]) apply({ type: "check.toggled", checkId, checked: true });
    if (s.flowId) {
      const flow = doc.flows.find((f) => f.id === s.flowId)!;
      for (let guard = 0; guard < 100 && !state.flows[flow.id]?.ended; guard++) {
        const nodeId = state.flows[flow.id]!.currentNodeId;
        const out = flow.edges.filter((e) => e.from === nodeId);
        if (out.length === 0) break;
        const wanted = choices.get(`${flow.id}\u0000${nodeId}`);
        let edge = wanted
          ? out.find((e) => (e.label ?? "").trim().toLocaleLowerCase() === wanted.trim().toLocaleLowerCase())
          : out[0];
        if (wanted && wrongAt.has(nodeId)) edge = out.find((e) => e !== edge) ?? edge;
        if (!edge) throw new Error(`Scenario “${scenario.id}”: “${wanted}” is not an answer at ${nodeId}.`);
        apply({
          type: "flow.answered",
          flowId: flow.id,
          nodeId,
          to: edge.to,
          ...(edge.label ? { label: edge.label } : {}),
        });
      }
    }
    // A flow may already have moved the run elsewhere (a go-to): complete this step only if it is still here.
    if (state.steps[s.id]?.status === "pending") {
      const before = state.currentStepId;
      apply({ type: "step.completed", stepId: s.id });
      current = state.currentStepId !== before ? state.currentStepId : nextStepId(doc, state, s.id);
    } else {
      current = state.currentStepId === s.id ? nextStepId(doc, state, s.id) : state.currentStepId;
    }
  }
  if (scenario.expect.escalate && !opts.mistakes?.skipEscalation) {
    const to = scenario.expect.escalateTo ?? doc.steps.flatMap((x) => x.escalations)[0]?.to ?? "Supervisor";
    apply({ type: "escalated", to, reason: `Practice: ${scenario.title}` });
  }
  const outcome = opts.mistakes?.outcome ?? scenario.expect.outcome;
  const followUpDue = outcome === "follow-up" ? new Date(clock + 2 * 86_400_000).toISOString().slice(0, 10) : undefined;
  apply({
    type: "completed",
    outcome,
    ...(followUpDue ? { followUpDue } : {}),
    wrapUp: `Practice call: ${scenario.title}`,
  });
  return { events, state };
}

/** A version-4-shaped UUID derived from a string (four FNV-1a hashes): stable across runs, not random. */
export function stableUuid(seed: string): string {
  let hex = "";
  for (let round = 0; round < 4; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, "0");
  }
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return (
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-` +
    `${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  );
}

/** A value a required field accepts, when the scenario gives none (null when no candidate passes its pattern). */
export function plausibleValue(field: FieldDef, now: number): string | undefined {
  const byType: Record<FieldDef["type"], string[]> = {
    text: ["Practice", "ABC-12345", "12345678", "A1B2C3"],
    textarea: ["Practice call"],
    number: ["1", "10", "100"],
    date: [new Date(now).toISOString().slice(0, 10)],
    select: field.options ?? [],
    phone: ["+44 20 7946 0000"],
    email: ["customer@example.com"],
    "yes-no": ["yes", "no"],
  };
  // Authors give examples in the placeholder or the help ("e.g. RMA0012345"): those fit the pattern.
  const examples = [field.placeholder, field.help].flatMap((text) =>
    text ? [...text.matchAll(/(?:e\.g\.|π\.χ\.|es\.|pvz\.|مثلاً|مثلا)?\s*([^\s,;()]+)/giu)].map((m) => m[1]!) : [],
  );
  const candidates = [...examples, ...byType[field.type]];
  return candidates.find((c) => c.trim() !== "" && validateFieldValue(field, c) === null);
}
