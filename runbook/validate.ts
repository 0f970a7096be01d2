// Why an event is refused, in words an agent understands on a live call. `null` means the event applies.
import type { FieldDef, SopDocument } from "../sop-schema/types";
// Linear-time (RE2) patterns, compiled once and cached: a pattern can never stall the event loop or the browser.
import { compiledFieldPattern } from "../sop-schema/pattern";
import { indexDoc, lowerFirst, type DocIndex } from "./doc-index";
import { isIsoDate, parseFollowUpDue, parseRunEvent, type RunEvent } from "./events";
import type { RunState } from "./state";
import { isolate, msg, normaliseFieldValue, tr } from "./text";

const NUMBER_RE = /^[-+]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const PHONE_CHARS_RE = /^[0-9\s+\-()]+$/;

type InvalidCode =
  | "number"
  | "dateFormat"
  | "dateReal"
  | "email"
  | "phoneChars"
  | "phoneShort"
  | "phoneLong"
  | "selectList"
  | "selectAny"
  | "yesNo"
  | "pattern"
  | "patternHelp";

/** What is wrong with a value, before it is put in words (in the agent's language, at the field or in the banner). */
export type FieldProblem =
  { kind: "missing"; action: "enter" | "choose" | "answer" } | { kind: "invalid"; code: InvalidCode; value: string };

/** The label as used inside a sentence: "Order number:" → "order number" in English ("the order number"). */
function labelArg(field: FieldDef, lang: string): string {
  const label = field.label.trim().replace(/[?:]+$/, "");
  return isolate(lang === "en" ? lowerFirst(label) : label);
}

/** The label as a quoted question (yes-no fields keep their question mark). */
function questionArg(field: FieldDef): string {
  return isolate(field.label.trim());
}

/** The field's `help`, as the tail of a sentence: "two letters and six digits, e.g. AB123456". */
function helpTail(field: FieldDef): string | null {
  const help = field.help?.trim().replace(/\.$/, "");
  return help ? lowerFirst(help) : null;
}

/**
 * What is wrong with a value for its `<Field>` (null when it is fine): required, then the type (number, date
 * YYYY-MM-DD, email, phone, select, yes-no), then the author's pattern (honouring `ignoreCase`). Leading and
 * trailing spaces are ignored; Persian and Arabic-Indic digits count as digits (see normaliseFieldValue).
 */
export function fieldProblem(field: FieldDef, value: string): FieldProblem | null {
  const v = normaliseFieldValue(field, value).trim();
  if (v === "") {
    if (!field.required) return null;
    return {
      kind: "missing",
      action: field.type === "select" ? "choose" : field.type === "yes-no" ? "answer" : "enter",
    };
  }
  const invalid = (code: InvalidCode): FieldProblem => ({ kind: "invalid", code, value: v });
  switch (field.type) {
    case "number":
      if (!NUMBER_RE.test(v)) return invalid("number");
      break;
    case "date":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return invalid("dateFormat");
      if (!isIsoDate(v)) return invalid("dateReal");
      break;
    case "email":
      if (!EMAIL_RE.test(v)) return invalid("email");
      break;
    case "phone": {
      const digits = v.replace(/\D/g, "").length;
      if (!PHONE_CHARS_RE.test(v)) return invalid("phoneChars");
      if (digits < 6) return invalid("phoneShort");
      if (digits > 20) return invalid("phoneLong");
      break;
    }
    case "select": {
      const options = field.options ?? [];
      if (options.length > 0 && !options.includes(v)) return invalid(options.length <= 4 ? "selectList" : "selectAny");
      break;
    }
    case "yes-no":
      if (v !== "yes" && v !== "no") return invalid("yesNo");
      break;
    default:
      break;
  }
  if (field.pattern) {
    // A pattern that does not compile (the linter reports it) does not block the agent on a live call.
    const re = compiledFieldPattern(field.pattern, { ignoreCase: field.ignoreCase === true });
    if (re && !re.test(v)) return invalid(helpTail(field) ? "patternHelp" : "pattern");
  }
  return null;
}

function optionsArg(field: FieldDef, lang: string): string {
  const t = tr(lang);
  return (field.options ?? []).map(isolate).join(msg(t, "runbook.wrapup.sepComma"));
}

/** A problem in words, as shown at the field: "Enter the order number: two letters and six digits, e.g. AB123456." */
export function describeFieldProblem(field: FieldDef, problem: FieldProblem, lang?: string | null): string {
  const t = tr(lang);
  const label = labelArg(field, t.lang);
  if (problem.kind === "missing") {
    if (problem.action === "answer") return msg(t, "runbook.field.answer", { label: questionArg(field) });
    return msg(t, problem.action === "choose" ? "runbook.field.choose" : "runbook.field.enter", { label });
  }
  switch (problem.code) {
    case "dateReal":
      return msg(t, "runbook.field.dateReal", { label, value: isolate(problem.value) });
    case "selectList":
      return msg(t, "runbook.field.selectList", { label, options: optionsArg(field, t.lang) });
    case "yesNo":
      return msg(t, "runbook.field.yesNo", { label: questionArg(field) });
    case "patternHelp":
      return msg(t, "runbook.field.patternHelp", { label, help: isolate(helpTail(field) ?? "") });
    default:
      return msg(t, `runbook.field.${problem.code}`, { label });
  }
}

/**
 * Checks one value against its `<Field>` (see fieldProblem) and says what is wrong, in `lang` (English by
 * default), with the label and the value isolated (U+2068 … U+2069). Null when the value is fine.
 */
export function validateFieldValue(field: FieldDef, value: string, lang?: string | null): string | null {
  const problem = fieldProblem(field, value);
  return problem ? describeFieldProblem(field, problem, lang) : null;
}

/**
 * Why a step cannot be completed yet, in `lang`: "To complete this step, enter the order number (and 1 more
 * field)." for a missing value, "…, correct the order number: two letters and six digits, e.g. AB123456." for
 * one entered but invalid. Null when every `<Field>` of the step is fine (or the step does not exist).
 * `typed`: what the step's inputs hold now, by field name, when it differs from the state (an invalid value is
 * refused by `field.captured`, so the state does not hold it: without `typed` the banner would say "enter").
 */
export function stepCompletionProblem(
  doc: SopDocument,
  state: RunState,
  stepId: string,
  lang?: string | null,
  typed?: Readonly<Record<string, string>>,
): string | null {
  const index = indexDoc(doc);
  const step = index.steps.get(stepId);
  if (!step) return null;
  const problems: { field: FieldDef; problem: FieldProblem }[] = [];
  for (const name of step.fieldNames) {
    const field = index.fields.get(name);
    if (!field) continue;
    const typedHere = typed && Object.prototype.hasOwnProperty.call(typed, name);
    if (!typedHere && state.fields[name]?.purged) continue; // valid when captured; its value was removed since
    const value = typedHere ? typed[name] : (state.fields[name]?.value ?? "");
    const problem = fieldProblem(field, value);
    if (problem) problems.push({ field, problem });
  }
  if (problems.length === 0) return null;
  const t = tr(lang);
  const { field, problem } = problems[0];
  const more = problems.length - 1;
  const label = labelArg(field, t.lang);
  if (problem.kind === "missing") {
    if (problem.action === "answer") return msg(t, "runbook.step.answer", { label: questionArg(field), more });
    return msg(t, problem.action === "choose" ? "runbook.step.choose" : "runbook.step.enter", { label, more });
  }
  let detail: string;
  switch (problem.code) {
    case "dateReal":
      detail = msg(t, "runbook.detail.dateReal", { value: isolate(problem.value) });
      break;
    case "selectList":
      detail = msg(t, "runbook.detail.selectList", { options: optionsArg(field, t.lang) });
      break;
    case "patternHelp":
      detail = isolate(helpTail(field) ?? "");
      break;
    default:
      detail = msg(t, `runbook.detail.${problem.code}`);
  }
  return msg(t, "runbook.step.correct", { label: field.type === "yes-no" ? questionArg(field) : label, detail, more });
}

/** UTC calendar date of an epoch-ms time, YYYY-MM-DD. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function quote(s: string): string {
  return `“${s.trim()}”`;
}

export type Checked = { ok: true; event: RunEvent; duplicate: boolean } | { ok: false; message: string };

/** Schema + state checks; returns the parsed event when it applies. Internal: used by validateEvent and reduce. */
export function checkEvent(
  doc: SopDocument,
  state: RunState,
  input: unknown,
  applied?: (id: string) => boolean,
  lang?: string | null,
): Checked {
  const parsed = parseRunEvent(input);
  if (!parsed.ok) return parsed;
  return checkParsedEvent(doc, state, parsed.event, applied, lang);
}

/** `checkEvent`'s state checks for an event already parsed with `runEventSchema` (an ingested batch is, whole). */
export function checkParsedEvent(
  doc: SopDocument,
  state: RunState,
  event: RunEvent,
  applied?: (id: string) => boolean,
  lang?: string | null,
): Checked {
  const isApplied = applied ? applied(event.id) : state.appliedEventIds.includes(event.id);
  if (isApplied) return { ok: true, event, duplicate: true };
  const message = stateProblem(doc, indexDoc(doc), state, event, lang);
  return message ? { ok: false, message } : { ok: true, event, duplicate: false };
}

/**
 * Why `event` cannot be applied to `state`, or null when it can. An event whose id was already applied is
 * fine (null): applying it again is a no-op. Accepts anything (it parses the event with `runEventSchema`).
 * Field and step-completion messages are in `lang` (English by default, as the server answers); the others
 * are English.
 */
export function validateEvent(
  doc: SopDocument,
  state: RunState,
  event: RunEvent | unknown,
  lang?: string | null,
): string | null {
  const checked = checkEvent(doc, state, event, undefined, lang);
  return checked.ok ? null : checked.message;
}

function unknownStep(index: DocIndex, stepId: string): string | null {
  return index.steps.has(stepId) ? null : `This SOP has no step “${stepId}”.`;
}

/** Slack for a follow-up time with an offset: an agent picking "now" to the minute is not refused. */
const FOLLOW_UP_SLACK_MS = 5 * 60_000;

function stateProblem(
  doc: SopDocument,
  index: DocIndex,
  state: RunState,
  event: RunEvent,
  lang?: string | null,
): string | null {
  if (event.type === "started") return "This call has already started.";
  if (state.status === "discarded") return "This run was discarded and can no longer be changed.";
  if (state.status === "completed" && event.type === "discarded") {
    return "This call is wrapped up: it can no longer be discarded.";
  }
  if (state.status === "completed" && event.type !== "followup.closed") {
    return "This call is wrapped up and can no longer be changed.";
  }
  switch (event.type) {
    case "step.focused":
      return unknownStep(index, event.stepId);
    case "step.completed": {
      const problem = unknownStep(index, event.stepId);
      if (problem) return problem;
      return stepCompletionProblem(doc, state, event.stepId, lang);
    }
    case "step.reopened": {
      const problem = unknownStep(index, event.stepId);
      if (problem) return problem;
      const s = state.steps[event.stepId];
      if (s && s.status === "pending" && !s.stale)
        return "This step is not done or skipped, so there is nothing to reopen.";
      return null;
    }
    case "step.skipped": {
      const problem = unknownStep(index, event.stepId);
      if (problem) return problem;
      if (state.steps[event.stepId]?.status === "done")
        return "This step is done. Reopen it first if you want to skip it.";
      return null;
    }
    case "check.toggled":
      return index.checks.has(event.checkId) ? null : `This SOP has no checklist item “${event.checkId}”.`;
    case "field.captured": {
      const field = index.fields.get(event.name);
      if (!field) return index.nodeFields.has(event.name) ? null : `This SOP has no field “${event.name}”.`;
      if (event.value.trim() === "") return null; // clearing is always allowed; completing the step checks it
      return validateFieldValue(field, event.value, lang);
    }
    case "flow.answered": {
      const fi = index.flows.get(event.flowId);
      if (!fi) return `This SOP has no decision flow “${event.flowId}”.`;
      const title = quote(fi.flow.title);
      const node = fi.nodes.get(event.nodeId);
      if (!node) return `The flow ${title} has no node “${event.nodeId}”.`;
      const target = fi.nodes.get(event.to);
      if (!target) return `The flow ${title} has no node “${event.to}”.`;
      const flow = state.flows[event.flowId];
      const onPath = flow && (flow.currentNodeId === event.nodeId || flow.path.some((p) => p.nodeId === event.nodeId));
      if (!onPath) {
        return (
          `${quote(node.label)} is not on the path taken. Answer the ` +
          `current step of the flow, or change an earlier answer.`
        );
      }
      const edges = fi.out.get(event.nodeId) ?? [];
      if (!edges.some((e) => e.to === event.to)) {
        if (edges.length === 0) return `The flow ends at ${quote(node.label)}: there is no next step.`;
        return node.type === "question"
          ? `${quote(target.label)} is not an answer to ${quote(node.label)}.`
          : `${quote(node.label)} does not lead to ${quote(target.label)}.`;
      }
      if (event.label !== undefined && !edges.some((e) => e.to === event.to && (e.label ?? "") === event.label)) {
        return `${quote(event.label || "Continue")} is not an answer to ${quote(node.label)}.`;
      }
      return null;
    }
    case "note.added":
    case "note.drafted":
    case "discarded":
      return null;
    case "escalated":
      return event.stepId === undefined ? null : unknownStep(index, event.stepId);
    case "step.flagged":
      return unknownStep(index, event.stepId);
    case "completed": {
      if (event.outcome === "follow-up" && event.followUpDue !== undefined) {
        const due = parseFollowUpDue(event.followUpDue);
        if (!due) return null; // refused by the schema
        if (due.kind === "instant") {
          if (due.at < event.at - FOLLOW_UP_SLACK_MS) return "The follow-up time is in the past. Pick a later time.";
        } else {
          // One day of slack for the agent's time zone (the event time is UTC; a date or a local time is not).
          const yesterday = utcDate(event.at - 86_400_000);
          if (due.date < yesterday) return "The follow-up date is in the past. Pick today or a later date.";
          if (due.kind === "local" && Date.parse(`${due.date}T${due.time}:00Z`) + 86_400_000 < event.at) {
            return "The follow-up time is in the past. Pick a later time.";
          }
        }
      }
      return null;
    }
    case "followup.closed":
      if (state.status !== "completed") return "Wrap up the call before closing its follow-up.";
      if (!state.followUp) return "This call has no follow-up to close.";
      if (state.followUp.closedAt !== undefined) return "This follow-up is already closed.";
      return null;
  }
}
