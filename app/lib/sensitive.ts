// Captured values a viewer may not read. `<Field sensitive>` values are for the run's agent only: everyone else who
// may open the run (its department's leads, admins, a trainer on a practice call) gets them masked. The loaders
// of the run page and the timeline apply this on the server, so a masked value never reaches their browser.
// The retention job (app/retention.server.ts) uses the same text rules to take captured values out of a wrap-up.
// Pure: no React, no database.
import type { FieldDef, SopDocument } from "../../sop-schema/types";
import type { RunEvent } from "../../runbook/events";
import type { RunState } from "../../runbook/state";
import type { TimelineEntry } from "../../runbook/derive";

/** What another viewer sees instead of a sensitive value. */
export const SENSITIVE_MASK = "•••• (sensitive)";

/** What the retention job leaves in a wrap-up note where a captured value was (stored text, not interface text). */
export const REMOVED_VALUE = "[removed]";

/**
 * The fields the document marks sensitive. A flow node capturing into one of these names is sensitive too (and only
 * then).
 */
export function sensitiveFieldNames(doc: Pick<SopDocument, "fields">): Set<string> {
  return new Set(doc.fields.filter((f) => f.sensitive === true).map((f) => f.name));
}

/**
 * A wrap-up note as it may leave Stepwise (a webhook, the help desk's ticket through the embed's bridge): the details
 * lines of sensitive fields, and their values wherever else they stand, masked.
 */
export function shareableWrapUp(
  doc: Pick<SopDocument, "fields" | "flows">,
  text: string,
  captured: Readonly<Record<string, { value: string } | undefined>>,
): string {
  const sensitive = sensitiveFieldNames(doc);
  if (sensitive.size === 0 || text === "") return text;
  const targets: RedactTarget[] = doc.fields
    .filter((f) => sensitive.has(f.name))
    .map((f) => ({ label: f.label, values: captured[f.name]?.value ? [captured[f.name]!.value] : [] }));
  for (const flow of doc.flows)
    for (const n of flow.nodes) if (n.field && sensitive.has(n.field)) targets.push({ label: n.label, values: [] });
  return redactText(text, targets, { replacement: SENSITIVE_MASK });
}

/** A field as it shows in a wrap-up note: the `- {label}: {value}` line of its details, and the values it held. */
export type RedactTarget = { label: string; values: readonly string[] };

/** As the wrap-up writes a value on one line (runbook/derive.ts buildWrapUp). */
function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " / ").trim();
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (ch: string | undefined) => ch !== undefined && WORD_CHAR.test(ch);

/**
 * `text` (a wrap-up note) with the targets' values replaced by `replacement`. Two rules: a line of the note's details,
 * `- {label}: …`, loses everything after the label (whatever form the value took there: "Yes" for a yes-no, a
 * textarea on one line); and anywhere else, each value (and its one-line form) is replaced where it stands as a whole
 * word — not inside a longer word or number: "4242" goes from "card ending 4242", not from "424299". Values shorter
 * than `minLength` are left in the free text (their details line still goes). Case-sensitive, no regular expressions
 * built from the values.
 */
export function redactText(
  text: string,
  targets: readonly RedactTarget[],
  options: { replacement: string; minLength?: number },
): string {
  if (text === "" || targets.length === 0) return text;
  const { replacement, minLength = 1 } = options;
  const prefixes = [...new Set(targets.map((t) => t.label.trim()).filter((l) => l !== ""))].map((l) => `- ${l}: `);
  const values = [...new Set(targets.flatMap((t) => t.values.flatMap((v) => [v.trim(), oneLine(v)])))]
    .filter((v) => v.length >= minLength)
    .sort((a, b) => b.length - a.length); // the longest first: "12 Oak Road" before "12"
  return text
    .split("\n")
    .map((line) => {
      const prefix = prefixes.find((p) => line.startsWith(p));
      if (prefix) return prefix + replacement;
      return values.length ? replaceWholeWords(line, values, replacement) : line;
    })
    .join("\n");
}

function replaceWholeWords(line: string, values: readonly string[], replacement: string): string {
  let out = "";
  let i = 0;
  outer: while (i < line.length) {
    for (const v of values) {
      if (!line.startsWith(v, i)) continue;
      if (isWordChar(v[0]) && isWordChar(line[i - 1])) continue;
      if (isWordChar(v[v.length - 1]) && isWordChar(line[i + v.length])) continue;
      out += replacement;
      i += v.length;
      continue outer;
    }
    out += line[i];
    i += 1;
  }
  return out;
}

/** Who is looking at a run: its agent sees everything, anyone else gets sensitive values masked. */
export type RunViewer = { viewerId: string; agentId: string };

type Maskable = { state: RunState; events?: readonly RunEvent[] };

/**
 * The run's state (and events, when given) as `viewer` may see them: for anyone but the run's agent, every value of a
 * sensitive field becomes SENSITIVE_MASK — in `state.fields` (so `{field}` references in scripts show the mask too),
 * in `field.captured` events, in the answers of flow nodes capturing into a sensitive field (events and the state's
 * flow paths), and in the wrap-up note (`state.outcome.wrapUp` and the `completed` event, see redactText). A cleared
 * value ("") stays "", so the timeline still says it was cleared. Returns `payload` itself when there is nothing to
 * mask (the agent, or an SOP without sensitive fields); never mutates it.
 */
export function maskSensitive<P extends Maskable>(doc: SopDocument, payload: P, viewer: RunViewer): P {
  const names = sensitiveFieldNames(doc);
  if (names.size === 0 || viewer.viewerId === viewer.agentId) return payload;
  const nodes = new Set<string>();
  for (const f of doc.flows) for (const n of f.nodes) if (n.field && names.has(n.field)) nodes.add(nodeKey(f.id, n.id));
  const { state, events } = payload;

  const seen = new Map<string, Set<string>>([...names].map((n) => [n, new Set<string>()]));
  const saw = (name: string, value: string | undefined) => {
    if (value !== undefined && value.trim() !== "") seen.get(name)?.add(value);
  };
  for (const name of names) saw(name, state.fields[name]?.value);
  for (const e of events ?? []) {
    if (e.type === "field.captured" && names.has(e.name)) saw(e.name, e.value);
    else if (e.type === "flow.answered" && nodes.has(nodeKey(e.flowId, e.nodeId)))
      saw(nodeField(doc, e.flowId, e.nodeId)!, answerLabel(doc, e));
  }
  for (const [flowId, flow] of Object.entries(state.flows)) {
    for (const p of flow.path)
      if (nodes.has(nodeKey(flowId, p.nodeId))) saw(nodeField(doc, flowId, p.nodeId)!, p.label);
  }
  const labels = new Map(doc.fields.map((f) => [f.name, f.label]));
  const targets: RedactTarget[] = [...names].map((name) => ({
    label: labels.get(name) ?? name,
    values: [...seen.get(name)!],
  }));
  const redact = (text: string) => redactText(text, targets, { replacement: SENSITIVE_MASK });

  const fields: RunState["fields"] = {};
  for (const [name, entry] of Object.entries(state.fields))
    fields[name] = names.has(name) ? { ...entry, value: SENSITIVE_MASK } : entry;
  const flows: RunState["flows"] = {};
  for (const [flowId, flow] of Object.entries(state.flows)) {
    const hides = (p: RunState["flows"][string]["path"][number]) =>
      p.label !== undefined && nodes.has(nodeKey(flowId, p.nodeId));
    flows[flowId] = flow.path.some(hides)
      ? { ...flow, path: flow.path.map((p) => (hides(p) ? { ...p, label: SENSITIVE_MASK } : p)) }
      : flow;
  }
  const masked: RunState = { ...state, fields, flows };
  if (state.outcome) masked.outcome = { ...state.outcome, wrapUp: redact(state.outcome.wrapUp) };

  const out: P = { ...payload, state: masked };
  if (events) {
    out.events = events.map((e): RunEvent => {
      if (e.type === "field.captured" && names.has(e.name) && e.value.trim() !== "")
        return { ...e, value: SENSITIVE_MASK };
      // a label on the event names the answer for the timeline (without one it would show the edge's label)
      if (e.type === "flow.answered" && nodes.has(nodeKey(e.flowId, e.nodeId))) return { ...e, label: SENSITIVE_MASK };
      if (e.type === "completed") return { ...e, wrapUp: redact(e.wrapUp) };
      return e;
    });
  }
  return out;
}

function nodeKey(flowId: string, nodeId: string): string {
  return `${flowId}\u0000${nodeId}`;
}

function nodeField(doc: SopDocument, flowId: string, nodeId: string): string | undefined {
  return doc.flows.find((f) => f.id === flowId)?.nodes.find((n) => n.id === nodeId)?.field;
}

/** The answer a `flow.answered` event chose: its label, or the label of the (first) edge to its target. */
function answerLabel(doc: SopDocument, e: Extract<RunEvent, { type: "flow.answered" }>): string | undefined {
  return (
    e.label ?? doc.flows.find((f) => f.id === e.flowId)?.edges.find((x) => x.from === e.nodeId && x.to === e.to)?.label
  );
}

/**
 * A wrap-up note without the values the retention job removes: every field's details line, and (see redactText) the
 * values typed into text, number, date, phone and e-mail fields wherever else they stand, when at least 3 characters
 * long — a select's or yes-no's value is one of the SOP's own choices ("Yes", "Other"), and a 1–2 character value
 * ("2") would take unrelated words and numbers with it. `typed`: every value each field held, by field name.
 */
export function wrapUpWithoutValues(
  doc: Pick<SopDocument, "fields" | "flows">,
  text: string,
  typed: ReadonlyMap<string, readonly string[]>,
): string {
  const choice = (f: FieldDef) => f.type === "select" || f.type === "yes-no";
  const targets: RedactTarget[] = doc.fields.map((f) => ({
    label: f.label,
    values: choice(f) ? [] : (typed.get(f.name) ?? []),
  }));
  const fieldNames = new Set(doc.fields.map((f) => f.name));
  const nodeLabels = new Map<string, string>();
  for (const flow of doc.flows) {
    for (const n of flow.nodes)
      if (n.field && !fieldNames.has(n.field) && !nodeLabels.has(n.field)) nodeLabels.set(n.field, n.label);
  }
  for (const label of nodeLabels.values()) targets.push({ label, values: [] });
  // values of fields the document does not know (it is missing or older than the run): removed wherever they stand
  for (const [name, values] of typed)
    if (!fieldNames.has(name) && !nodeLabels.has(name)) targets.push({ label: "", values });
  return redactText(text, targets, { replacement: REMOVED_VALUE, minLength: 3 });
}

/**
 * The timeline with the `field.captured` events the retention job emptied (`purged: true` in the stored event) said
 * for what they are — the value was removed — instead of "Cleared …", which would read as if the agent had cleared it.
 */
export function describePurged(
  doc: Pick<SopDocument, "fields" | "flows">,
  events: readonly unknown[],
  entries: readonly TimelineEntry[],
): TimelineEntry[] {
  const purged = new Map<string, string>();
  for (const e of events) {
    const p = e as { id?: unknown; type?: unknown; name?: unknown; purged?: unknown };
    if (p.type === "field.captured" && p.purged === true && typeof p.id === "string" && typeof p.name === "string")
      purged.set(p.id, p.name);
  }
  if (purged.size === 0) return [...entries];
  const label = (name: string) =>
    (
      doc.fields.find((f) => f.name === name)?.label ??
      doc.flows.flatMap((f) => f.nodes).find((n) => n.field === name)?.label ??
      name
    ).trim();
  return entries.map((entry) => {
    const name = entry.id !== undefined ? purged.get(entry.id) : undefined;
    return name === undefined
      ? entry
      : { ...entry, text: `${label(name)}: value removed at the end of the retention period` };
  });
}
