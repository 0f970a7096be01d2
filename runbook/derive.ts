// Values derived from a run's state (or its events) for the runbook screen, the wrap-up and the timeline.
import type { Block, FlowNode, Inline, SopDocument } from "../sop-schema/types";
import { mapBlockInlines } from "../sop-schema/walk";
import type { Translator } from "../i18n";
import { fieldLabel, indexDoc, inlineToText, type DocIndex, type FlowIndex } from "./doc-index";
import { parseFollowUpDue, parseRunEvent, type RunEvent } from "./events";
import type { FlowState, RunState } from "./state";
import { msg, tr } from "./text";
import { fieldProblem } from "./validate";

// ---------------------------------------------------------------------------------------------- step statuses

/**
 * A step's status as the run screen, progress and the wrap-up count it (derived; the log stores only done,
 * skipped and pending):
 * - "done": done by the agent, or a flow step whose flow reached its end (goto, end, escalate, sop) with its
 *   fields valid — the decision was its work (`byFlow`);
 * - "skipped": skipped by the agent, with a reason;
 * - "not-needed": a pending step the path taken jumped over (`flowId` says which flow): a finished flow's goto
 *   went forward from the flow's step to a later one, and every step in between is not needed — unless some
 *   flow's path goes to it. Not needed is not work left: it counts neither as open nor as dealt with;
 * - "pending": still to do.
 */
export type StepProgressStatus = "pending" | "done" | "skipped" | "not-needed";
export type StepStatusInfo = { status: StepProgressStatus; flowId?: string; byFlow?: true };

const statusCache = new WeakMap<RunState, { doc: SopDocument; statuses: Record<string, StepStatusInfo> }>();

function stepFieldsValid(index: DocIndex, stepId: string, state: RunState): boolean {
  const step = index.steps.get(stepId);
  if (!step) return false;
  return step.fieldNames.every((name) => {
    const field = index.fields.get(name);
    return (
      !field || state.fields[name]?.purged === true || fieldProblem(field, state.fields[name]?.value ?? "") === null
    );
  });
}

function gotoTarget(index: DocIndex, fi: FlowIndex, nodeId: string): string | null {
  const node = fi.nodes.get(nodeId);
  return node?.type === "goto" && node.step && index.steps.has(node.step) ? node.step : null;
}

/** Every step's derived status (see StepProgressStatus), in document order. Cached per state object. */
export function stepStatuses(doc: SopDocument, state: RunState): Record<string, StepStatusInfo> {
  const hit = statusCache.get(state);
  if (hit && hit.doc === doc) return hit.statuses;
  const index = indexDoc(doc);
  const out: Record<string, StepStatusInfo> = {};
  for (const id of index.stepOrder) out[id] = { status: state.steps[id]?.status ?? "pending" };
  const chosen = new Set<string>();
  const candidates = new Map<string, string>(); // step → the flow that makes it unnecessary
  for (const [flowId, fi] of index.flows) {
    const flow = state.flows[flowId];
    if (!flow) continue;
    for (const p of flow.path) {
      const t = gotoTarget(index, fi, p.to);
      if (t) chosen.add(t);
    }
    if (!flow.ended) continue;
    const flowStep = fi.flow.stepId;
    if (out[flowStep]?.status === "pending" && stepFieldsValid(index, flowStep, state))
      out[flowStep] = { status: "done", flowId, byFlow: true };
    // The steps the chosen goto jumped over (between the flow's step and its target). Other goto targets of the
    // flow are not assumed unnecessary: a branch often joins a later target (cash on delivery: IBAN, then refund).
    const target = flow.ended.type === "goto" ? gotoTarget(index, fi, flow.ended.nodeId) : null;
    const from = index.stepOrder.indexOf(flowStep);
    const to = target ? index.stepOrder.indexOf(target) : -1;
    if (from >= 0 && to > from)
      for (let i = from + 1; i < to; i++)
        if (!candidates.has(index.stepOrder[i])) candidates.set(index.stepOrder[i], flowId);
  }
  for (const [stepId, flowId] of candidates) {
    if (chosen.has(stepId) || out[stepId]?.status !== "pending") continue;
    out[stepId] = { status: "not-needed", flowId };
  }
  statusCache.set(state, { doc, statuses: out });
  return out;
}

/** One step's derived status ("pending" for an unknown step). */
export function stepStatus(doc: SopDocument, state: RunState, stepId: string): StepProgressStatus {
  return stepStatuses(doc, state)[stepId]?.status ?? "pending";
}

// ---------------------------------------------------------------------------------------------- progress

export type Progress = {
  /** done steps, flow steps finished by their flow included */
  done: number;
  skipped: number;
  /** steps the path taken made unnecessary */
  notNeeded: number;
  /** needed steps neither done nor skipped */
  pending: number;
  /** total - notNeeded: the steps this call needs */
  needed: number;
  total: number;
  /** (done + skipped) / needed, 0 when the SOP has no steps, 100 when nothing is needed */
  percent: number;
};

/**
 * Steps done, skipped and not needed; percent counts done + skipped (a skipped step is dealt with) out of the needed
 * ones.
 */
export function progress(doc: SopDocument, state: RunState): Progress {
  const statuses = stepStatuses(doc, state);
  let done = 0;
  let skipped = 0;
  let notNeeded = 0;
  for (const s of doc.steps) {
    const status = statuses[s.id]?.status ?? "pending";
    if (status === "done") done++;
    else if (status === "skipped") skipped++;
    else if (status === "not-needed") notNeeded++;
  }
  const total = doc.steps.length;
  const needed = total - notNeeded;
  const percent = total === 0 ? 0 : needed === 0 ? 100 : Math.round(((done + skipped) * 100) / needed);
  return { done, skipped, notNeeded, pending: needed - done - skipped, needed, total, percent };
}

/**
 * The next needed pending step in document order after `fromStepId` (default: the current step), wrapping round
 * to earlier ones; null when nothing needed is pending (the screen then opens the wrap-up). Done, skipped and
 * not-needed steps are passed over, so Done on the last needed step never goes back to a step the path jumped
 * over or to a flow step its flow finished. An unknown or null start means "from the top".
 */
export function nextStepId(doc: SopDocument, state: RunState, fromStepId?: string | null): string | null {
  const order = indexDoc(doc).stepOrder;
  const statuses = stepStatuses(doc, state);
  const from = fromStepId === undefined ? state.currentStepId : fromStepId;
  const at = from === null ? -1 : order.indexOf(from);
  const pending = (id: string) => (statuses[id]?.status ?? "pending") === "pending";
  for (let i = at + 1; i < order.length; i++) if (pending(order[i])) return order[i];
  for (let i = 0; i <= at && i < order.length; i++) if (pending(order[i]) && order[i] !== from) return order[i];
  return null;
}

// ---------------------------------------------------------------------------------------------- substitution

type Fields = RunState["fields"] | Record<string, string>;

function valueOf(fields: Fields, name: string): string {
  const v = (fields as Record<string, unknown>)[name];
  const s =
    typeof v === "string"
      ? v
      : v && typeof v === "object" && typeof (v as { value?: unknown }).value === "string"
        ? (v as { value: string }).value
        : "";
  return s.trim() === "" ? "" : s;
}

/**
 * Replaces `var` inlines by `{ type: "text" }` with the captured value; unfilled ones stay `var` (the UI marks
 * them). Returns the input array itself when nothing changed.
 */
export function substitute(inlines: Inline[], fields: Fields): Inline[] {
  let out: Inline[] | null = null;
  for (let i = 0; i < inlines.length; i++) {
    const n = inlines[i];
    let m: Inline = n;
    if (n.type === "var") {
      const v = valueOf(fields, n.name);
      if (v !== "") m = { type: "text", value: v };
    } else if (n.type === "strong" || n.type === "emphasis" || n.type === "delete" || n.type === "link") {
      const children = substitute(n.children, fields);
      if (children !== n.children) m = { ...n, children };
    }
    if (m !== n && out === null) out = inlines.slice(0, i);
    if (out !== null) out.push(m);
  }
  return out ?? inlines;
}

/**
 * `substitute` over blocks (a `<Say>`'s content, an `<Escalate>` script…), every inline run at any depth (quiz
 * and scenario blocks are not part of a live run: nothing to fill in). Returns the input when nothing changed.
 */
export function substituteBlocks(blocks: Block[], fields: Fields): Block[] {
  return mapBlockInlines(blocks, (inlines) => substitute(inlines, fields));
}

// ---------------------------------------------------------------------------------------------- timer

export type TimerLevel = "calm" | "approaching" | "over";
export type Timer = { elapsedSeconds: number; targetSeconds: number; level: TimerLevel };

/**
 * Handle time against the SOP's target: "approaching" from 80 % of the target, "over" past it. A completed run
 * stops at its completion time. No target (0) is always calm.
 */
export function timer(state: RunState, now: number, doc: SopDocument): Timer {
  const end = state.completedAt ?? now;
  const elapsedSeconds = Math.max(0, Math.floor((end - state.startedAt) / 1000));
  const targetSeconds = Math.max(0, doc.meta.targets?.handleTimeSeconds ?? 0);
  let level: TimerLevel = "calm";
  if (targetSeconds > 0) {
    if (elapsedSeconds > targetSeconds) level = "over";
    else if (elapsedSeconds >= targetSeconds * 0.8) level = "approaching";
  }
  return { elapsedSeconds, targetSeconds, level };
}

// ---------------------------------------------------------------------------------------------- wording helpers

function stepName(index: DocIndex, stepId: string, t?: Translator): string {
  const s = index.steps.get(stepId);
  return s ? `${t ? t.number(s.number) : s.number}. ${s.title.trim()}` : stepId;
}

function displayValue(index: DocIndex, name: string, value: string, t: Translator = tr()): string {
  const f = index.fields.get(name);
  if (f?.type === "yes-no")
    return value === "yes" ? msg(t, "runbook.value.yes") : value === "no" ? msg(t, "runbook.value.no") : value;
  return value;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " / ").trim();
}

function shorten(s: string, max = 80): string {
  const t = oneLine(s);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export type TimeOptions = {
  /** IANA time zone for times in the text (default UTC without `lang`, so the output is the same everywhere). */
  timeZone?: string;
};

function formatDateTime(ms: number, timeZone = "UTC"): string {
  const zone = validZone(timeZone);
  return `${wallTime(ms, zone ?? "UTC").replace("T", " ")}${zone === undefined || zone === "UTC" ? " UTC" : ""}`;
}

/** The zone when the runtime knows it, else undefined. */
function validZone(timeZone: string): string | undefined {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

function formatTime(ms: number, timeZone = "UTC"): string {
  return formatDateTime(ms, timeZone).slice(11);
}

/** 372 → "6 min 12 s"; 3720 → "1 h 2 min" (in `lang`, English by default: "6 λεπ. 12 δευτ.", "۶ دقیقه ۱۲ ثانیه"). */
export function formatDurationSeconds(total: number, lang?: string | null): string {
  const t = tr(lang);
  const s = Math.max(0, Math.floor(total));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const n = (x: number) => t.number(x);
  if (h > 0) return msg(t, "runbook.duration.h", { h: n(h), m: n(m) });
  if (m > 0) return msg(t, "runbook.duration.m", { m: n(m), s: n(sec) });
  return msg(t, "runbook.duration.s", { s: n(sec) });
}

function terminalText(index: DocIndex, node: FlowNode, t: Translator, named: (id: string) => string): string {
  const label = node.label.trim();
  switch (node.type) {
    case "goto":
      return node.step && index.steps.has(node.step)
        ? msg(t, "runbook.flow.goto", { label, step: named(node.step) })
        : label;
    case "sop":
      return node.sop ? msg(t, "runbook.flow.sop", { label, sop: node.sop }) : label;
    case "escalate":
      if (!node.to) return label;
      return node.reason
        ? msg(t, "runbook.flow.escalateReason", { label, to: node.to, reason: node.reason })
        : msg(t, "runbook.flow.escalate", { label, to: node.to });
    case "end":
      return node.outcome ? `${label} (${node.outcome})` : label;
    default:
      return label;
  }
}

/**
 * "Q? → answer → action → … → outcome" for one flow's path; null when the flow was not started. The words the
 * engine adds ("not finished", "go to step …") are in `lang` (English by default).
 */
export function describeFlowPath(
  doc: SopDocument,
  flowId: string,
  flow: FlowState,
  lang?: string | null,
): string | null {
  const index = indexDoc(doc);
  const fi = index.flows.get(flowId);
  if (!fi || flow.path.length === 0) return null;
  const t = tr(lang);
  const named = (id: string) => stepName(index, id, lang ? t : undefined);
  const parts: string[] = [];
  for (const p of flow.path) {
    const node = fi.nodes.get(p.nodeId);
    if (!node || node.type === "start") continue;
    if (node.type === "question")
      parts.push(
        p.label
          ? `${node.label.trim()}${/[?:;؟]$/.test(node.label.trim()) ? "" : ":"} ${p.label.trim()}`
          : node.label.trim(),
      );
    else parts.push(node.label.trim());
  }
  const last = fi.nodes.get(flow.currentNodeId);
  if (last)
    parts.push(
      flow.ended
        ? terminalText(index, last, t, named)
        : msg(t, "runbook.flow.notFinished", { label: last.label.trim() }),
    );
  return parts.join(" → ");
}

// ---------------------------------------------------------------------------------------------- words for values

/** "resolved" → "επιλύθηκε": an outcome in `lang` (English by default); unknown values come back as they are. */
export function outcomeLabel(outcome: string, lang?: string | null): string {
  return labelOf("outcome", outcome, lang);
}
/** "phone" → "τηλέφωνο". */
export function channelLabel(channel: string, lang?: string | null): string {
  return labelOf("channel", channel, lang);
}
/** "missing-case" → "missing case". */
export function flagKindLabel(kind: string, lang?: string | null): string {
  return labelOf("flag", kind, lang);
}
/** "not-needed" → "not needed" (the derived step statuses). */
export function stepStatusLabel(status: StepProgressStatus, lang?: string | null): string {
  return labelOf("status", status, lang);
}

const KNOWN_LABELS: Record<string, readonly string[]> = {
  outcome: ["resolved", "escalated", "follow-up", "transferred", "abandoned"],
  channel: ["phone", "email", "chat", "in-person"],
  flag: ["unclear", "wrong", "outdated", "missing-case"],
  status: ["pending", "done", "skipped", "not-needed"],
};

function labelOf(kind: string, value: string, lang?: string | null): string {
  if (!KNOWN_LABELS[kind]?.includes(value)) return value;
  return msg(tr(lang), `runbook.${kind}.${value}`);
}

// ---------------------------------------------------------------------------------------------- follow-ups

/** The wall-clock date and time of an instant in a time zone: "2026-12-01T14:30" (the runtime's zone without one). */
function wallTime(ms: number, timeZone?: string): string {
  try {
    const parts = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(new Date(ms));
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
    return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
  } catch {
    return new Date(ms).toISOString().slice(0, 16);
  }
}

export type FollowUpTiming = "overdue" | "today" | "upcoming";

/**
 * Where a follow-up due value stands at `now` for a viewer in `timeZone`: a date is "today" all that day and
 * "overdue" from the next; a local date-time (YYYY-MM-DDTHH:mm) is read as the viewer's wall clock and is
 * overdue once passed; a date-time with an offset is one instant. Null for a value that is not a due value.
 * Use this (not string comparison) wherever due follow-ups are found or badged.
 */
export function followUpTiming(due: string, now: number, timeZone?: string): FollowUpTiming | null {
  const parts = parseFollowUpDue(due);
  if (!parts) return null;
  const wall = wallTime(now, timeZone);
  const today = wall.slice(0, 10);
  if (parts.kind === "date") return parts.date < today ? "overdue" : parts.date === today ? "today" : "upcoming";
  if (parts.kind === "local") {
    if (`${parts.date}T${parts.time}` < wall) return "overdue";
    return parts.date === today ? "today" : "upcoming";
  }
  if (parts.at < now) return "overdue";
  return wallTime(parts.at, timeZone).slice(0, 10) === today ? "today" : "upcoming";
}

/** The viewer's calendar day (YYYY-MM-DD) a follow-up falls on: for grouping and sorting lists by day. */
export function followUpDay(due: string, timeZone?: string): string | null {
  const parts = parseFollowUpDue(due);
  if (!parts) return null;
  return parts.kind === "instant" ? wallTime(parts.at, timeZone).slice(0, 10) : parts.date;
}

/**
 * Orders due values soonest first for a viewer in `timeZone` (a date counts as the start of its day, so it
 * comes before the timed follow-ups of the same day); values that are not due values go last.
 */
export function compareFollowUpDue(a: string, b: string, timeZone?: string): number {
  const key = (v: string) => {
    const p = parseFollowUpDue(v);
    if (!p) return "~";
    return p.kind === "date"
      ? `${p.date}T00:00`
      : p.kind === "local"
        ? `${p.date}T${p.time}`
        : wallTime(p.at, timeZone);
  };
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * A due value in words, in `lang` and the viewer's zone: "31 Mar 2025", "31 Mar 2025, 14:30"; as written when not a due
 * value.
 */
export function formatFollowUpDue(due: string, lang?: string | null, timeZone?: string): string {
  const parts = parseFollowUpDue(due);
  if (!parts) return due;
  const t = tr(lang, timeZone);
  if (parts.kind === "instant") return t.date(parts.at, { dateStyle: "medium", timeStyle: "short" });
  const [y, m, d] = parts.date.split("-").map(Number);
  if (parts.kind === "date") return t.date(Date.UTC(y, m - 1, d), { dateStyle: "medium", timeZone: "UTC" });
  const [hh, mm] = parts.time.split(":").map(Number);
  return t.date(Date.UTC(y, m - 1, d, hh, mm), { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
}

// ---------------------------------------------------------------------------------------------- wrap-up

export type WrapUpOptions = TimeOptions & {
  /** the version number people know (state.versionId is the database id) */
  versionNumber?: number;
  /**
   * The viewer's interface language (en, el, it, lt, fa; any BCP 47 tag). With it, every word the engine adds
   * is in that language and every time is formatted by `translator(lang, timeZone)` (the viewer's locale and
   * zone; the runtime's zone when `timeZone` is absent). Without it: English, times as "2025-03-31 14:05 UTC".
   */
  lang?: string;
  /**
   * The clock the call timer shows (`timer(state, now, doc)`): the duration in the note is the timer's elapsed
   * time, so the two never disagree. Default: the last event's time. A wrapped-up run stops at completion.
   */
  now?: number;
};

/**
 * The customer-meeting record, plain text ready to paste into a CRM: SOP and version, customer, channel,
 * start and duration (the timer's), the steps line with the completion rule (needed steps done, skipped, not
 * done, not needed on the path taken), outcome, captured fields, the path taken in each flow, checks (☑/☐) per
 * step, skipped steps, escalations and notes — the note being typed last, marked "typed, not added".
 */
export function buildWrapUp(doc: SopDocument, state: RunState, options: WrapUpOptions = {}): string {
  const index = indexDoc(doc);
  const localised = options.lang !== undefined;
  const t = tr(options.lang, options.timeZone);
  const num = (n: number) => (localised ? t.number(n) : String(n));
  const at = (ms: number) =>
    localised ? t.date(ms, { dateStyle: "medium", timeStyle: "short" }) : formatDateTime(ms, options.timeZone);
  const time = (ms: number) => (localised ? t.time(ms, { timeStyle: "short" }) : formatTime(ms, options.timeZone));
  const named = (id: string) => stepName(index, id, localised ? t : undefined);
  const comma = msg(t, "runbook.wrapup.sepComma");
  const lines: string[] = [];
  lines.push(
    msg(t, "runbook.wrapup.title", {
      title: doc.meta.title.trim(),
      version: num(options.versionNumber ?? state.versionId),
    }),
  );
  const who: string[] = [];
  if (state.customerRef) who.push(msg(t, "runbook.wrapup.customer", { ref: state.customerRef }));
  if (state.channel)
    who.push(
      msg(t, "runbook.wrapup.channel", { channel: localised ? channelLabel(state.channel, t.lang) : state.channel }),
    );
  if (who.length) lines.push(who.join(" · "));
  const elapsed = timer(state, options.now ?? state.lastEventAt, doc).elapsedSeconds;
  lines.push(
    msg(t, "runbook.wrapup.started", { start: at(state.startedAt), duration: formatDurationSeconds(elapsed, t.lang) }),
  );

  const p = progress(doc, state);
  const statuses = stepStatuses(doc, state);
  const open = index.stepOrder.filter((id) => statuses[id]?.status === "pending");
  const notNeeded = index.stepOrder.filter((id) => statuses[id]?.status === "not-needed");
  let steps = p.notNeeded
    ? msg(t, "runbook.wrapup.stepsNeeded", { done: num(p.done), needed: num(p.needed) })
    : msg(t, "runbook.wrapup.stepsDone", { done: num(p.done), total: num(p.total) });
  if (p.skipped) steps += comma + msg(t, "runbook.wrapup.skippedCount", { count: p.skipped });
  const clause = msg(t, "runbook.wrapup.sepClause");
  if (open.length)
    steps += clause + msg(t, "runbook.wrapup.openCount", { count: open.length, steps: open.map(named).join(comma) });
  if (notNeeded.length)
    steps +=
      clause +
      msg(t, "runbook.wrapup.notNeededCount", { count: notNeeded.length, steps: notNeeded.map(named).join(comma) });
  lines.push(steps);
  if (state.outcome) {
    const outcome = localised ? outcomeLabel(state.outcome.outcome, t.lang) : state.outcome.outcome;
    const due = state.outcome.followUpDue;
    lines.push(
      due
        ? msg(t, "runbook.wrapup.outcomeFollowUp", {
            outcome,
            due: localised ? formatFollowUpDue(due, t.lang, options.timeZone) : due,
          })
        : msg(t, "runbook.wrapup.outcome", { outcome }),
    );
  }
  if (state.status === "discarded") {
    lines.push(
      state.discardReason
        ? msg(t, "runbook.wrapup.discardedReason", { reason: oneLine(state.discardReason) })
        : msg(t, "runbook.wrapup.discarded"),
    );
  }

  const captured: string[] = [];
  const names = [...index.fields.keys(), ...index.nodeFields.keys()];
  for (const name of Object.keys(state.fields)) if (!names.includes(name)) names.push(name);
  for (const name of names) {
    const v = state.fields[name]?.value;
    if (v === undefined || v.trim() === "") continue;
    captured.push(`- ${fieldLabel(index, name).trim()}: ${oneLine(displayValue(index, name, v, t))}`);
  }
  if (captured.length) lines.push("", msg(t, "runbook.wrapup.details"), ...captured);

  const decisions: string[] = [];
  for (const [flowId, fi] of index.flows) {
    const flow = state.flows[flowId];
    const text = flow && describeFlowPath(doc, flowId, flow, options.lang);
    if (text) decisions.push(`- ${fi.flow.title.trim()}: ${text}`);
  }
  if (decisions.length) lines.push("", msg(t, "runbook.wrapup.decisions"), ...decisions);

  const checks: string[] = [];
  const byStep = new Map<string, string[]>();
  for (const id of index.checkOrder) {
    const c = index.checks.get(id)!;
    const list = byStep.get(c.stepId) ?? [];
    list.push(id);
    byStep.set(c.stepId, list);
  }
  for (const stepId of index.stepOrder) {
    const ids = byStep.get(stepId);
    if (!ids) continue;
    // a step the path made unnecessary lists its checks only when one was ticked anyway
    if (statuses[stepId]?.status === "not-needed" && !ids.some((id) => state.checks[id])) continue;
    const items = ids.map((id) => `${state.checks[id] ? "☑" : "☐"} ${oneLine(index.checks.get(id)!.text)}`);
    checks.push(`- ${named(stepId)}: ${items.join(" · ")}`);
  }
  if (checks.length) lines.push("", msg(t, "runbook.wrapup.checks"), ...checks);

  const skipped: string[] = [];
  for (const id of index.stepOrder) {
    const s = state.steps[id];
    if (s?.status === "skipped") skipped.push(`- ${named(id)}: ${oneLine(s.skipReason ?? "")}`);
  }
  if (skipped.length) lines.push("", msg(t, "runbook.wrapup.skipped"), ...skipped);

  if (state.escalations.length) {
    lines.push("", msg(t, "runbook.wrapup.escalations"));
    for (const e of state.escalations) {
      const values = { time: time(e.at), to: e.to, reason: oneLine(e.reason) };
      const line = e.stepId
        ? msg(t, "runbook.wrapup.escalationStep", { ...values, step: named(e.stepId) })
        : msg(t, "runbook.wrapup.escalation", values);
      lines.push(`- ${line}`);
    }
  }
  const draft = state.noteDraft && state.noteDraft.text.trim() !== "" ? state.noteDraft : null;
  if (state.notes.length || draft) {
    lines.push("", msg(t, "runbook.wrapup.notes"));
    for (const n of state.notes) lines.push(`- ${time(n.at)} ${oneLine(n.text)}`);
    if (draft) lines.push(`- ${time(draft.at)} ${msg(t, "runbook.wrapup.draft", { text: oneLine(draft.text) })}`);
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------- timeline

export type TimelineEntry = { at: number; text: string; id?: string; type?: string };

function nodeLabel(fi: FlowIndex | undefined, id: string): string {
  return fi?.nodes.get(id)?.label.trim() ?? id;
}

function describe(index: DocIndex, doc: SopDocument, event: RunEvent): string {
  switch (event.type) {
    case "started": {
      const extra = [event.channel, event.customerRef ? `customer ${event.customerRef}` : ""]
        .filter(Boolean)
        .join(", ");
      return `Call started with “${doc.meta.title.trim()}”${extra ? ` (${extra})` : ""}`;
    }
    case "step.focused":
      return `Moved to step ${stepName(index, event.stepId)}`;
    case "step.completed":
      return `Completed step ${stepName(index, event.stepId)}`;
    case "step.reopened":
      return `Reopened step ${stepName(index, event.stepId)}`;
    case "step.skipped":
      return `Skipped step ${stepName(index, event.stepId)}: ${shorten(event.reason)}`;
    case "check.toggled": {
      const text = index.checks.get(event.checkId)?.text ?? event.checkId;
      return `${event.checked ? "Ticked" : "Unticked"} “${shorten(text)}”`;
    }
    case "field.captured": {
      const label = fieldLabel(index, event.name).trim();
      return event.value.trim() === ""
        ? `Cleared ${label}`
        : `${label}: ${shorten(displayValue(index, event.name, event.value))}`;
    }
    case "flow.answered": {
      const fi = index.flows.get(event.flowId);
      const from = fi?.nodes.get(event.nodeId);
      const title = fi ? fi.flow.title.trim() : event.flowId;
      const answer =
        from?.type === "question"
          ? (event.label ?? fi?.out.get(event.nodeId)?.find((e) => e.to === event.to)?.label)
          : undefined;
      if (from?.type === "question")
        return (
          `${title}: ${nodeLabel(fi, event.nodeId)} ` + (answer ? `“${answer.trim()}”` : `→ ${nodeLabel(fi, event.to)}`)
        );
      return `${title}: ${nodeLabel(fi, event.nodeId)} → ${nodeLabel(fi, event.to)}`;
    }
    case "note.added":
      return `Note: ${shorten(event.text, 200)}`;
    case "note.drafted":
      return event.text.trim() === "" ? "Note draft cleared" : `Note typed (not added): ${shorten(event.text, 200)}`;
    case "discarded":
      return `Run discarded${event.reason?.trim() ? `: ${shorten(event.reason)}` : " (started by mistake)"}`;
    case "escalated":
      return `Escalated to ${event.to}: ${shorten(event.reason)}`;
    case "step.flagged":
      return `Flagged step ${stepName(index, event.stepId)} as ${event.kind.replace("-", " ")}: ${shorten(event.text)}`;
    case "completed":
      return (
        `Call wrapped up: ${event.outcome}` +
        (event.outcome === "follow-up" && event.followUpDue ? `, follow up by ${event.followUpDue}` : "")
      );
    case "followup.closed":
      return `Follow-up closed: ${shorten(event.note)}`;
  }
}

/**
 * Each event of the log described in words, in log order (malformed entries and repeated ids are left out;
 * note drafts only with `{ drafts: true }`: one arrives per pause in typing, and the note they lead to is listed).
 */
export function timeline(
  doc: SopDocument,
  events: readonly (RunEvent | unknown)[],
  options: { drafts?: boolean } = {},
): TimelineEntry[] {
  const index = indexDoc(doc);
  const seen = new Set<string>();
  const out: TimelineEntry[] = [];
  for (const raw of events) {
    const parsed = parseRunEvent(raw);
    if (!parsed.ok) continue;
    const e = parsed.event;
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (e.type === "note.drafted" && !options.drafts) continue;
    out.push({ at: e.at, text: describe(index, doc, e), id: e.id, type: e.type });
  }
  return out;
}

export { inlineToText };
