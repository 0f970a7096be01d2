// Why an event is refused, in words an agent understands on a live call. `null` means the event applies.
import type { FieldDef, SopDocument } from "../sop-schema";
// Linear-time (RE2) patterns, compiled once and cached: a pattern can never stall the event loop or the browser.
import { compiledFieldPattern } from "../sop-schema/pattern";
import { indexDoc, lowerFirst, type DocIndex } from "./doc-index";
import { isIsoDate, parseRunEvent, type RunEvent } from "./events";
import type { RunState } from "./state";

const NUMBER_RE = /^[-+]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const PHONE_CHARS_RE = /^[0-9\s+\-()]+$/;

/** "the order number" / "the RMA number" — the label as used inside a sentence. */
function the(field: FieldDef): string {
  return `the ${lowerFirst(field.label.trim().replace(/[?:]+$/, ""))}`;
}

/** The field's `help`, as the tail of a sentence: "two letters and six digits, e.g. AB123456". */
function helpTail(field: FieldDef): string | null {
  const help = field.help?.trim().replace(/\.$/, "");
  return help ? lowerFirst(help) : null;
}

/**
 * Checks one value against its `<Field>`: required, then the type (number, date YYYY-MM-DD, email, phone,
 * select, yes-no), then the author's pattern. Leading and trailing spaces are ignored. Null when the value is fine.
 */
export function validateFieldValue(field: FieldDef, value: string): string | null {
  const v = value.trim();
  if (v === "") {
    if (!field.required) return null;
    switch (field.type) {
      case "select":
        return `Choose ${the(field)}.`;
      case "yes-no":
        return `Answer “${field.label.trim()}”: yes or no.`;
      default:
        return `Enter ${the(field)}.`;
    }
  }
  const help = helpTail(field);
  switch (field.type) {
    case "number":
      if (!NUMBER_RE.test(v)) return `Enter ${the(field)} as a number, e.g. 42 or 19.99.`;
      break;
    case "date":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return `Enter ${the(field)} as a date, e.g. 2025-03-31.`;
      if (!isIsoDate(v)) return `${v} is not a real date. Check ${the(field)}.`;
      break;
    case "email":
      if (!EMAIL_RE.test(v)) return `Enter ${the(field)} as an e-mail address, e.g. name@example.com.`;
      break;
    case "phone": {
      const digits = v.replace(/\D/g, "").length;
      if (!PHONE_CHARS_RE.test(v)) return `Enter ${the(field)} with digits only (spaces, +, - and brackets are fine).`;
      if (digits < 6) return `${capitalise(the(field))} is too short: it needs at least 6 digits.`;
      if (digits > 20) return `${capitalise(the(field))} is too long: at most 20 digits.`;
      break;
    }
    case "select": {
      const options = field.options ?? [];
      if (options.length > 0 && !options.includes(v)) {
        return options.length <= 4
          ? `Choose ${the(field)} from the list: ${options.join(", ")}.`
          : `Choose ${the(field)} from the list.`;
      }
      break;
    }
    case "yes-no":
      if (v !== "yes" && v !== "no") return `Answer “${field.label.trim()}” with yes or no.`;
      break;
    default:
      break;
  }
  if (field.pattern) {
    // A pattern that does not compile (the linter reports it) does not block the agent on a live call.
    const re = compiledFieldPattern(field.pattern);
    if (re && !re.test(v)) {
      return help ? `Enter ${the(field)}: ${help}.` : `${capitalise(the(field))} is not in the expected format. Check it with the customer.`;
    }
  }
  return null;
}

function capitalise(s: string): string {
  return s.length ? s[0].toUpperCase() + s.slice(1) : s;
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
export function checkEvent(doc: SopDocument, state: RunState, input: unknown, applied?: (id: string) => boolean): Checked {
  const parsed = parseRunEvent(input);
  if (!parsed.ok) return parsed;
  const event = parsed.event;
  const isApplied = applied ? applied(event.id) : state.appliedEventIds.includes(event.id);
  if (isApplied) return { ok: true, event, duplicate: true };
  const message = stateProblem(indexDoc(doc), state, event);
  return message ? { ok: false, message } : { ok: true, event, duplicate: false };
}

/**
 * Why `event` cannot be applied to `state`, or null when it can. An event whose id was already applied is
 * fine (null): applying it again is a no-op. Accepts anything (it parses the event with `runEventSchema`).
 */
export function validateEvent(doc: SopDocument, state: RunState, event: RunEvent | unknown): string | null {
  const checked = checkEvent(doc, state, event);
  return checked.ok ? null : checked.message;
}

function unknownStep(index: DocIndex, stepId: string): string | null {
  return index.steps.has(stepId) ? null : `This SOP has no step “${stepId}”.`;
}

function stateProblem(index: DocIndex, state: RunState, event: RunEvent): string | null {
  if (event.type === "started") return "This call has already started.";
  if (state.status === "completed" && event.type !== "followup.closed") {
    return "This call is wrapped up and can no longer be changed.";
  }
  switch (event.type) {
    case "step.focused":
      return unknownStep(index, event.stepId);
    case "step.completed": {
      const problem = unknownStep(index, event.stepId);
      if (problem) return problem;
      const step = index.steps.get(event.stepId)!;
      const issues: string[] = [];
      for (const name of step.fieldNames) {
        const field = index.fields.get(name);
        if (!field) continue;
        const issue = validateFieldValue(field, state.fields[name]?.value ?? "");
        if (issue) issues.push(issue);
      }
      if (issues.length === 0) return null;
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more ${issues.length > 2 ? "fields" : "field"})` : "";
      return `To complete this step, ${lowerFirst(issues[0].replace(/\.$/, ""))}${more}.`;
    }
    case "step.reopened": {
      const problem = unknownStep(index, event.stepId);
      if (problem) return problem;
      const s = state.steps[event.stepId];
      if (s && s.status === "pending" && !s.stale) return "This step is not done or skipped, so there is nothing to reopen.";
      return null;
    }
    case "step.skipped": {
      const problem = unknownStep(index, event.stepId);
      if (problem) return problem;
      if (state.steps[event.stepId]?.status === "done") return "This step is done. Reopen it first if you want to skip it.";
      return null;
    }
    case "check.toggled":
      return index.checks.has(event.checkId) ? null : `This SOP has no checklist item “${event.checkId}”.`;
    case "field.captured": {
      const field = index.fields.get(event.name);
      if (!field) return index.nodeFields.has(event.name) ? null : `This SOP has no field “${event.name}”.`;
      if (event.value.trim() === "") return null; // clearing is always allowed; completing the step checks it
      return validateFieldValue(field, event.value);
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
        return `${quote(node.label)} is not on the path taken. Answer the current step of the flow, or change an earlier answer.`;
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
      return null;
    case "escalated":
      return event.stepId === undefined ? null : unknownStep(index, event.stepId);
    case "step.flagged":
      return unknownStep(index, event.stepId);
    case "completed": {
      if (event.outcome === "follow-up" && event.followUpDue !== undefined) {
        // One day of slack for the agent's time zone (the event time is UTC).
        const yesterday = utcDate(event.at - 86_400_000);
        if (event.followUpDue < yesterday) return "The follow-up date is in the past. Pick today or a later date.";
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
