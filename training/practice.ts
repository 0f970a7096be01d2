// Scoring a practice run against its `<Scenario>`: the path taken, the details captured, the checks ticked, the
// escalation, the outcome and the time, each a weighted criterion with one sentence per thing checked.
import { inlineText } from "../sop-schema/inline";
import { visitBlocks } from "../sop-schema/walk";
import type { Block, FieldDef, Flow, Scenario, SopDocument } from "../sop-schema/types";
import { isolate } from "../runbook/text";
import { outcomeLabel, formatDurationSeconds, stepStatuses } from "../runbook/derive";
import type { RunState } from "../runbook/state";
import { translator, type MessageId, type MessageValues, type Translator } from "../i18n";
import { normaliseAnswer } from "./quiz";

export const PRACTICE_CRITERIA = ["path", "fields", "checks", "escalation", "outcome", "time"] as const;
export type PracticeCriterionId = (typeof PRACTICE_CRITERIA)[number];

/**
 * Points per criterion (they add up to 100); a criterion with nothing to check is dropped and the rest scaled to 100.
 */
export const PRACTICE_WEIGHTS: Readonly<Record<PracticeCriterionId, number>> = Object.freeze({
  path: 30,
  fields: 25,
  checks: 10,
  escalation: 15,
  outcome: 15,
  time: 5,
});

export type PracticeItem = { label: string; ok: boolean; expected?: string; got?: string };

export type PracticeCriterion = {
  id: PracticeCriterionId;
  weight: number;
  /** 0..weight: the share of the criterion's items that are right (time: linear between target and 2× target) */
  earned: number;
  items: PracticeItem[];
};

export type PracticeScore = {
  /** 0–100, rounded down */
  score: number;
  passed: boolean;
  criteria: PracticeCriterion[];
};

/**
 * The sentences, in the interface language (`lang`; English by default). Author and user text is trimmed and
 * isolated (U+2068 … U+2069), so a right-to-left label inside an English sentence, or the reverse, keeps its order;
 * the quotation marks are the language's, in the messages.
 */
type Say = {
  t: Translator;
  msg(id: `training.score.${string}`, values?: MessageValues): string;
  /** author or user text for a message argument */
  x(text: string): string;
  /** several texts, each quoted and isolated, joined with the language's comma */
  list(texts: readonly string[]): string;
};

function sayer(lang: string | null | undefined): Say {
  const t = translator(lang ?? "en");
  const msg = (id: `training.score.${string}`, values?: MessageValues) => t.t(id as MessageId, values);
  const x = (text: string) => isolate(text.trim());
  return {
    t,
    msg,
    x,
    list: (texts) =>
      texts.map((text) => msg("training.score.quote", { text: x(text) })).join(msg("training.score.sep")),
  };
}

function criterion(id: PracticeCriterionId, items: PracticeItem[], earned?: number): PracticeCriterion {
  const weight = PRACTICE_WEIGHTS[id];
  const share = earned ?? (items.length === 0 ? 0 : (weight * items.filter((i) => i.ok).length) / items.length);
  return { id, weight, earned: share, items };
}

// ---------------------------------------------------------------------------------------------- path

/** The label of the answer a path entry took (an unlabelled edge: the label of the node it leads to). */
function takenLabel(flow: Flow, entry: { nodeId: string; to: string; label?: string }): string {
  if (entry.label !== undefined) return entry.label;
  const edge = flow.edges.find((e) => e.from === entry.nodeId && e.to === entry.to);
  if (edge?.label !== undefined) return edge.label;
  return flow.nodes.find((n) => n.id === entry.to)?.label ?? entry.to;
}

function pathItems(doc: SopDocument, scenario: Scenario, state: RunState, say: Say): PracticeItem[] {
  const items: PracticeItem[] = [];
  for (const a of scenario.answers) {
    if (a.kind !== "flow") continue;
    const flow = doc.flows.find((f) => f.id === a.flowId);
    const node = flow?.nodes.find((n) => n.id === a.nodeId);
    // A scenario naming a flow or node the SOP does not have is the author's mistake (the parser reports it), not the
    // trainee's.
    if (!flow || !node) continue;
    const flowState = state.flows[a.flowId];
    const path = flowState?.path ?? [];
    // The latest visit counts: a loop may pass a question twice, and the path holds only the answers still standing.
    let entry: (typeof path)[number] | undefined;
    for (let i = path.length - 1; i >= 0 && !entry; i--) if (path[i].nodeId === a.nodeId) entry = path[i];
    if (!entry) {
      const waiting = flowState?.currentNodeId === a.nodeId && path.length > 0;
      items.push({
        label: say.msg(waiting ? "training.score.path.waiting" : "training.score.path.unreached", {
          question: say.x(node.label),
          answer: say.x(a.choose),
        }),
        ok: false,
        expected: a.choose,
        got: waiting ? "not answered" : "not reached",
      });
      continue;
    }
    const got = takenLabel(flow, entry);
    const ok = normaliseAnswer(got) === normaliseAnswer(a.choose);
    items.push({
      label: say.msg(ok ? "training.score.path.right" : "training.score.path.wrong", {
        question: say.x(node.label),
        got: say.x(got),
        answer: say.x(a.choose),
      }),
      ok,
      expected: a.choose,
      got,
    });
  }
  return items;
}

// ---------------------------------------------------------------------------------------------- fields and checks

/** The steps this run needed: every step except those the path taken made unnecessary. */
function neededSteps(doc: SopDocument, state: RunState): SopDocument["steps"] {
  const statuses = stepStatuses(doc, state);
  return doc.steps.filter((s) => statuses[s.id]?.status !== "not-needed");
}

function sameNumber(a: string, b: string): boolean | null {
  const x = Number(normaliseAnswer(a).replace(/\s/g, ""));
  const y = Number(normaliseAnswer(b).replace(/\s/g, ""));
  return Number.isFinite(x) && Number.isFinite(y) ? x === y : null;
}

/**
 * Whether a captured value is the customer's: numbers numerically, phones by their digits, the rest by
 * `normaliseAnswer`.
 */
export function sameFieldValue(field: Pick<FieldDef, "type">, captured: string, expected: string): boolean {
  if (field.type === "number") {
    const n = sameNumber(captured, expected);
    if (n !== null) return n;
  }
  if (field.type === "phone") {
    const digits = (s: string) => normaliseAnswer(s).replace(/[^\d+]/g, "");
    if (digits(expected) !== "") return digits(captured) === digits(expected);
  }
  return normaliseAnswer(captured) === normaliseAnswer(expected);
}

function fieldItems(
  doc: SopDocument,
  scenario: Scenario,
  state: RunState,
  steps: SopDocument["steps"],
  say: Say,
): PracticeItem[] {
  const given = new Map<string, string>();
  for (const a of scenario.answers) if (a.kind === "field") given.set(a.field, a.value);
  const defs = new Map(doc.fields.map((f) => [f.name, f]));
  const items: PracticeItem[] = [];
  const seen = new Set<string>();
  for (const step of steps) {
    for (const name of step.fieldNames) {
      const field = defs.get(name);
      if (!field || seen.has(name)) continue;
      seen.add(name);
      const expected = given.get(name);
      if (!field.required && expected === undefined) continue;
      const captured = state.fields[name]?.value;
      const label = field.label.trim() || name;
      if (captured === undefined || captured.trim() === "") {
        items.push({
          label:
            expected === undefined
              ? say.msg("training.score.field.missingRequired", {
                  label: say.x(label),
                  number: step.number,
                  step: say.x(step.title),
                })
              : say.msg("training.score.field.missing", { label: say.x(label), expected: say.x(expected) }),
          ok: false,
          ...(expected !== undefined ? { expected } : {}),
          got: "",
        });
      } else if (expected !== undefined && !sameFieldValue(field, captured, expected)) {
        items.push({
          label: say.msg("training.score.field.wrong", {
            label: say.x(label),
            got: say.x(captured),
            expected: say.x(expected),
          }),
          ok: false,
          expected,
          got: captured,
        });
      } else {
        items.push({
          label: say.msg("training.score.field.right", { label: say.x(label) }),
          ok: true,
          ...(expected !== undefined ? { expected } : {}),
          got: captured,
        });
      }
    }
  }
  return items;
}

function checkText(blocks: readonly Block[], id: string): string | null {
  let found: string | null = null;
  visitBlocks(blocks, (b) => {
    if (found !== null) return false;
    if (b.type === "check" && b.id === id) found = inlineText(b.children);
  });
  return found;
}

function checkItems(state: RunState, steps: SopDocument["steps"], say: Say): PracticeItem[] {
  const items: PracticeItem[] = [];
  for (const step of steps) {
    for (const id of step.checkIds) {
      const text = (checkText(step.blocks, id) ?? id).trim();
      const ok = state.checks[id] === true;
      items.push({
        label: ok
          ? say.msg("training.score.check.ticked", { text: say.x(text) })
          : say.msg("training.score.check.unticked", {
              text: say.x(text),
              number: step.number,
              step: say.x(step.title),
            }),
        ok,
      });
    }
  }
  return items;
}

// ---------------------------------------------------------------------------------------------- escalation, outcome,
// time

function escalationItem(scenario: Scenario, state: RunState, say: Say): PracticeItem {
  const { escalate, escalateTo } = scenario.expect;
  const tos = state.escalations.map((e) => e.to);
  const list = say.list(tos);
  if (!escalate) {
    return tos.length === 0
      ? { label: say.msg("training.score.escalation.notNeeded"), ok: true, expected: "no escalation", got: "none" }
      : {
          label: say.msg("training.score.escalation.unneeded", { list }),
          ok: false,
          expected: "no escalation",
          got: tos.join(", "),
        };
  }
  const expected = escalateTo ?? "an escalation";
  if (tos.length === 0) {
    return {
      label: escalateTo
        ? say.msg("training.score.escalation.missedTo", { to: say.x(escalateTo) })
        : say.msg("training.score.escalation.missed"),
      ok: false,
      expected,
      got: "none",
    };
  }
  if (escalateTo === undefined)
    return { label: say.msg("training.score.escalation.right", { list }), ok: true, expected, got: tos.join(", ") };
  const want = normaliseAnswer(escalateTo);
  const hit = tos.find((t) => normaliseAnswer(t) === want);
  return hit !== undefined
    ? { label: say.msg("training.score.escalation.right", { list: say.list([hit]) }), ok: true, expected, got: hit }
    : {
        label: say.msg("training.score.escalation.wrong", { list, to: say.x(escalateTo) }),
        ok: false,
        expected,
        got: tos.join(", "),
      };
}

function outcomeItem(scenario: Scenario, state: RunState, say: Say): PracticeItem {
  const want = scenario.expect.outcome;
  const got = state.outcome?.outcome ?? "";
  return got === want
    ? {
        label: say.msg("training.score.outcome.right", { outcome: say.x(outcomeLabel(got, say.t.lang)) }),
        ok: true,
        expected: want,
        got,
      }
    : {
        label: say.msg("training.score.outcome.wrong", {
          got: say.x(outcomeLabel(got, say.t.lang)),
          want: say.x(outcomeLabel(want, say.t.lang)),
        }),
        ok: false,
        expected: want,
        got,
      };
}

function timeCriterion(doc: SopDocument, state: RunState, say: Say): PracticeCriterion | null {
  const target = doc.meta.targets.handleTimeSeconds;
  if (!(target > 0) || state.completedAt === undefined) return null;
  const took = Math.max(0, (state.completedAt - state.startedAt) / 1000);
  const share = took <= target ? 1 : took >= 2 * target ? 0 : (2 * target - took) / target;
  const ok = took <= target;
  const item: PracticeItem = {
    // "6 min 12 s" in the language's words and digits (runbook.duration.*)
    label: say.msg(ok ? "training.score.time.within" : "training.score.time.over", {
      took: formatDurationSeconds(took, say.t.lang),
      target: formatDurationSeconds(target, say.t.lang),
    }),
    ok,
    expected: `${target}`,
    got: `${Math.floor(took)}`,
  };
  return criterion("time", [item], PRACTICE_WEIGHTS.time * share);
}

// ---------------------------------------------------------------------------------------------- the score

/**
 * Scores a finished practice run against its scenario (see training/README.md). A run that was not wrapped up
 * scores 0, with one item saying so. The items' sentences are in `lang` (an interface language; English when
 * absent or without a catalog).
 */
export function scorePracticeRun(
  doc: SopDocument,
  scenario: Scenario,
  state: RunState,
  opts: { passScore: number; lang?: string | null },
): PracticeScore {
  const say = sayer(opts.lang);
  if (state.status !== "completed" || state.completedAt === undefined) {
    const label = say.msg(state.status === "discarded" ? "training.score.discarded" : "training.score.unfinished");
    return {
      score: 0,
      passed: false,
      criteria: [{ id: "outcome", weight: PRACTICE_WEIGHTS.outcome, earned: 0, items: [{ label, ok: false }] }],
    };
  }
  const steps = neededSteps(doc, state);
  const raw: (PracticeCriterion | null)[] = [
    criterion("path", pathItems(doc, scenario, state, say)),
    criterion("fields", fieldItems(doc, scenario, state, steps, say)),
    criterion("checks", checkItems(state, steps, say)),
    criterion("escalation", [escalationItem(scenario, state, say)]),
    criterion("outcome", [outcomeItem(scenario, state, say)]),
    timeCriterion(doc, state, say),
  ];
  const criteria = raw.filter((c): c is PracticeCriterion => c !== null && c.items.length > 0);
  let weights = 0;
  let earned = 0;
  for (const c of criteria) {
    weights += c.weight;
    earned += c.earned;
  }
  // The epsilon absorbs floating-point sums (25/3 + 50/3…), so a perfect run is 100 and never 99.
  const score = weights === 0 ? 0 : Math.max(0, Math.min(100, Math.floor((earned * 100) / weights + 1e-9)));
  return { score, passed: score >= opts.passScore, criteria };
}

/** The things the trainee got wrong, as sentences (already in the score's language), in criterion order. */
export function practiceFeedback(score: PracticeScore): string[] {
  const out: string[] = [];
  for (const c of score.criteria) for (const i of c.items) if (!i.ok) out.push(i.label);
  return out;
}
