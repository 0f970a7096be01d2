// Values derived from a run's state (or its events) for the runbook screen, the wrap-up and the timeline.
import type { Block, FlowNode, Inline, SopDocument } from "../sop-schema";
import { fieldLabel, indexDoc, inlineToText, type DocIndex, type FlowIndex } from "./doc-index";
import { parseRunEvent, type RunEvent } from "./events";
import type { FlowState, RunState } from "./state";

// ---------------------------------------------------------------------------------------------- progress

export type Progress = { done: number; skipped: number; total: number; percent: number };

/** Steps done and skipped out of all steps; percent counts both (a skipped step is dealt with), 0 when no steps. */
export function progress(doc: SopDocument, state: RunState): Progress {
  let done = 0;
  let skipped = 0;
  for (const s of doc.steps) {
    const status = state.steps[s.id]?.status;
    if (status === "done") done++;
    else if (status === "skipped") skipped++;
  }
  const total = doc.steps.length;
  return { done, skipped, total, percent: total === 0 ? 0 : Math.round(((done + skipped) * 100) / total) };
}

/**
 * The next pending step in document order after `fromStepId` (default: the current step), wrapping round to
 * earlier pending steps; null when nothing is pending. An unknown or null start means "from the top".
 */
export function nextStepId(doc: SopDocument, state: RunState, fromStepId?: string | null): string | null {
  const order = indexDoc(doc).stepOrder;
  const from = fromStepId === undefined ? state.currentStepId : fromStepId;
  const at = from === null ? -1 : order.indexOf(from);
  const pending = (id: string) => (state.steps[id]?.status ?? "pending") === "pending";
  for (let i = at + 1; i < order.length; i++) if (pending(order[i])) return order[i];
  for (let i = 0; i <= at && i < order.length; i++) if (pending(order[i]) && order[i] !== from) return order[i];
  return null;
}

// ---------------------------------------------------------------------------------------------- substitution

type Fields = RunState["fields"] | Record<string, string>;

function valueOf(fields: Fields, name: string): string {
  const v = (fields as Record<string, unknown>)[name];
  const s = typeof v === "string" ? v : v && typeof v === "object" && typeof (v as { value?: unknown }).value === "string" ? (v as { value: string }).value : "";
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

/** `substitute` over blocks (a `<Say>`'s content, an `<Escalate>` script…). Returns the input when nothing changed. */
export function substituteBlocks(blocks: Block[], fields: Fields): Block[] {
  let out: Block[] | null = null;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    let m: Block = b;
    switch (b.type) {
      case "paragraph":
      case "heading":
      case "check": {
        const children = substitute(b.children, fields);
        if (children !== b.children) m = { ...b, children } as Block;
        break;
      }
      case "list": {
        let changed = false;
        const items = b.items.map((item) => {
          const r = substituteBlocks(item, fields);
          if (r !== item) changed = true;
          return r;
        });
        if (changed) m = { ...b, items };
        break;
      }
      case "blockquote":
      case "say":
      case "tip":
      case "warning":
      case "escalate":
      case "training": {
        const children = substituteBlocks(b.children, fields);
        if (children !== b.children) m = { ...b, children } as Block;
        break;
      }
      default:
        break;
    }
    if (m !== b && out === null) out = blocks.slice(0, i);
    if (out !== null) out.push(m);
  }
  return out ?? blocks;
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

function stepName(index: DocIndex, stepId: string): string {
  const s = index.steps.get(stepId);
  return s ? `${s.number}. ${s.title.trim()}` : stepId;
}

function displayValue(index: DocIndex, name: string, value: string): string {
  const f = index.fields.get(name);
  if (f?.type === "yes-no") return value === "yes" ? "Yes" : value === "no" ? "No" : value;
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
  /** IANA time zone for times in the text (default UTC, so the output is the same everywhere). */
  timeZone?: string;
};

function formatDateTime(ms: number, timeZone = "UTC"): string {
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
    return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}${timeZone === "UTC" ? " UTC" : ""}`;
  } catch {
    return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  }
}

function formatTime(ms: number, timeZone = "UTC"): string {
  return formatDateTime(ms, timeZone).slice(11);
}

/** 372 → "6 min 12 s"; 3720 → "1 h 2 min". */
export function formatDurationSeconds(total: number): string {
  const s = Math.max(0, Math.floor(total));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${sec} s`;
  return `${sec} s`;
}

function terminalText(index: DocIndex, node: FlowNode): string {
  const label = node.label.trim();
  switch (node.type) {
    case "goto":
      return node.step && index.steps.has(node.step) ? `${label} (go to step ${stepName(index, node.step)})` : label;
    case "sop":
      return node.sop ? `${label} (open SOP ${node.sop})` : label;
    case "escalate":
      return node.to ? `${label} (escalate to ${node.to}${node.reason ? `: ${node.reason}` : ""})` : label;
    case "end":
      return node.outcome ? `${label} (${node.outcome})` : label;
    default:
      return label;
  }
}

/** "Q? → answer → action → … → outcome" for one flow's path; null when the flow was not started. */
export function describeFlowPath(doc: SopDocument, flowId: string, flow: FlowState): string | null {
  const index = indexDoc(doc);
  const fi = index.flows.get(flowId);
  if (!fi || flow.path.length === 0) return null;
  const parts: string[] = [];
  for (const p of flow.path) {
    const node = fi.nodes.get(p.nodeId);
    if (!node || node.type === "start") continue;
    if (node.type === "question") parts.push(p.label ? `${node.label.trim()}${/[?:]$/.test(node.label.trim()) ? "" : ":"} ${p.label.trim()}` : node.label.trim());
    else parts.push(node.label.trim());
  }
  const last = fi.nodes.get(flow.currentNodeId);
  if (last) parts.push(flow.ended ? terminalText(index, last) : `${last.label.trim()} (not finished)`);
  return parts.join(" → ");
}

// ---------------------------------------------------------------------------------------------- wrap-up

export type WrapUpOptions = TimeOptions & {
  /** the version number people know (state.versionId is the database id) */
  versionNumber?: number;
};

/**
 * The customer-meeting record, plain text ready to paste into a CRM: SOP and version, customer, channel,
 * start and duration, captured fields, the path taken in each flow, skipped steps, escalations and notes.
 */
export function buildWrapUp(doc: SopDocument, state: RunState, options: WrapUpOptions = {}): string {
  const index = indexDoc(doc);
  const lines: string[] = [];
  lines.push(`${doc.meta.title.trim()} (version ${options.versionNumber ?? state.versionId})`);
  const who: string[] = [];
  if (state.customerRef) who.push(`Customer: ${state.customerRef}`);
  if (state.channel) who.push(`Channel: ${state.channel}`);
  if (who.length) lines.push(who.join(" · "));
  const end = state.completedAt ?? state.lastEventAt;
  lines.push(`Started: ${formatDateTime(state.startedAt, options.timeZone)} · Duration: ${formatDurationSeconds((end - state.startedAt) / 1000)}`);
  const p = progress(doc, state);
  lines.push(`Steps: ${p.done} of ${p.total} done${p.skipped ? `, ${p.skipped} skipped` : ""}`);
  if (state.outcome) {
    lines.push(`Outcome: ${state.outcome.outcome}${state.outcome.followUpDue ? `, follow up by ${state.outcome.followUpDue}` : ""}`);
  }

  const captured: string[] = [];
  const names = [...index.fields.keys(), ...index.nodeFields.keys()];
  for (const name of Object.keys(state.fields)) if (!names.includes(name)) names.push(name);
  for (const name of names) {
    const v = state.fields[name]?.value;
    if (v === undefined || v.trim() === "") continue;
    captured.push(`- ${fieldLabel(index, name).trim()}: ${oneLine(displayValue(index, name, v))}`);
  }
  if (captured.length) lines.push("", "Details", ...captured);

  const decisions: string[] = [];
  for (const [flowId, fi] of index.flows) {
    const flow = state.flows[flowId];
    const text = flow && describeFlowPath(doc, flowId, flow);
    if (text) decisions.push(`- ${fi.flow.title.trim()}: ${text}`);
  }
  if (decisions.length) lines.push("", "Decisions", ...decisions);

  const skipped: string[] = [];
  for (const id of index.stepOrder) {
    const s = state.steps[id];
    if (s?.status === "skipped") skipped.push(`- ${stepName(index, id)}: ${oneLine(s.skipReason ?? "")}`);
  }
  if (skipped.length) lines.push("", "Skipped steps", ...skipped);

  if (state.escalations.length) {
    lines.push("", "Escalations");
    for (const e of state.escalations) {
      lines.push(`- ${formatTime(e.at, options.timeZone)} to ${e.to}: ${oneLine(e.reason)}${e.stepId ? ` (step ${stepName(index, e.stepId)})` : ""}`);
    }
  }
  if (state.notes.length) {
    lines.push("", "Notes");
    for (const n of state.notes) lines.push(`- ${formatTime(n.at, options.timeZone)} ${oneLine(n.text)}`);
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
      const extra = [event.channel, event.customerRef ? `customer ${event.customerRef}` : ""].filter(Boolean).join(", ");
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
      return event.value.trim() === "" ? `Cleared ${label}` : `${label}: ${shorten(displayValue(index, event.name, event.value))}`;
    }
    case "flow.answered": {
      const fi = index.flows.get(event.flowId);
      const from = fi?.nodes.get(event.nodeId);
      const title = fi ? fi.flow.title.trim() : event.flowId;
      const answer = from?.type === "question" ? (event.label ?? fi?.out.get(event.nodeId)?.find((e) => e.to === event.to)?.label) : undefined;
      if (from?.type === "question") return `${title}: ${nodeLabel(fi, event.nodeId)} ${answer ? `“${answer.trim()}”` : `→ ${nodeLabel(fi, event.to)}`}`;
      return `${title}: ${nodeLabel(fi, event.nodeId)} → ${nodeLabel(fi, event.to)}`;
    }
    case "note.added":
      return `Note: ${shorten(event.text, 200)}`;
    case "escalated":
      return `Escalated to ${event.to}: ${shorten(event.reason)}`;
    case "step.flagged":
      return `Flagged step ${stepName(index, event.stepId)} as ${event.kind.replace("-", " ")}: ${shorten(event.text)}`;
    case "completed":
      return `Call wrapped up: ${event.outcome}${event.outcome === "follow-up" && event.followUpDue ? `, follow up by ${event.followUpDue}` : ""}`;
    case "followup.closed":
      return `Follow-up closed: ${shorten(event.note)}`;
  }
}

/** Each event of the log described in words, in log order (malformed entries and repeated ids are left out). */
export function timeline(doc: SopDocument, events: readonly (RunEvent | unknown)[]): TimelineEntry[] {
  const index = indexDoc(doc);
  const seen = new Set<string>();
  const out: TimelineEntry[] = [];
  for (const raw of events) {
    const parsed = parseRunEvent(raw);
    if (!parsed.ok) continue;
    const e = parsed.event;
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push({ at: e.at, text: describe(index, doc, e), id: e.id, type: e.type });
  }
  return out;
}

export { inlineToText };
