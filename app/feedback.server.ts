// The feedback inbox's service: who may see and handle which flags (app/auth/policy.ts `decideFeedback`), then
// the database (db/feedback.server.ts). A lead acts on the flags of their department's SOPs, an admin on all.
// Each card carries the run the flag came from (the path taken, the answers at the flagged step), read from the
// runs' state snapshots in one query for the whole list, never by replaying their logs.
import type { Db } from "../db/client.server";
import {
  fixCandidates,
  flagsOfAgent,
  getFlag,
  inboxSops,
  listInbox,
  openFlagCounts,
  runsOfFlags,
  transitionFlag,
  FeedbackError,
  type FeedbackState,
  type FlagRunRow,
  type InboxRow,
  type Transition,
} from "../db/feedback.server";
import { FEEDBACK_STATES } from "../db/schema";
import { stepStatuses, type StepProgressStatus } from "../runbook/derive";
import type { RunState } from "../runbook/state";
import { forEachVar } from "../sop-schema/walk";
import type { Block, FieldDef, SopDocument } from "../sop-schema/types";
import { authorize, decideFeedback, sopListScope, type Actor } from "./auth/policy";
import { runStateOf, versionDocument } from "./runs.server";

/** One step of the run up to the flagged one, in document order. */
export type PathStep = {
  id: string;
  number: number;
  title: string;
  status: StepProgressStatus;
  skipReason?: string;
  flagged: boolean;
};
/** A question of a flow on the way, and the answer the agent chose (null when it captures a sensitive field). */
export type PathAnswer = { flow: string; question: string; answer: string | null; masked: boolean };
/** A value captured for the flagged step; `value` is null when nothing was captured or it is `masked` (sensitive). */
export type PathField = {
  name: string;
  label: string;
  type: FieldDef["type"] | null;
  value: string | null;
  masked: boolean;
};

export type FlagRun = {
  id: string;
  status: RunState["status"];
  outcome: string | null;
  steps: PathStep[];
  answers: PathAnswer[];
  fields: PathField[];
  /** the retention job removed the run's captured values */
  fieldsPurged: boolean;
};

export type InboxItem = InboxRow & { candidates: { id: number; version: number }[]; run: FlagRun | null };

/** Fields whose values must never leave the run (`<Field sensitive>`): shown as masked wherever a lead reads a run. */
export function isSensitive(field: FieldDef | undefined): boolean {
  return Boolean((field as { sensitive?: boolean } | undefined)?.sensitive);
}

/**
 * The run as the flag card tells it: every step up to the flagged one in document order with its status (done,
 * skipped with the reason, not needed, pending), the answers chosen in the flows of those steps (question →
 * answer, in the order given), and the values captured for the flagged step (its fields, those its scripts use,
 * those its flow captures). Sensitive values are masked. Pure: the document and the state in, plain data out.
 */
export function flagRunPath(
  doc: SopDocument,
  state: RunState,
  stepId: string,
): Pick<FlagRun, "steps" | "answers" | "fields"> {
  const statuses = stepStatuses(doc, state);
  const at = doc.steps.findIndex((s) => s.id === stepId);
  const upTo = at >= 0 ? doc.steps.slice(0, at + 1) : [];
  const steps: PathStep[] = upTo.map((s) => {
    const status = statuses[s.id]?.status ?? "pending";
    const skipReason = status === "skipped" ? state.steps[s.id]?.skipReason : undefined;
    return {
      id: s.id,
      number: s.number,
      title: s.title,
      status,
      ...(skipReason ? { skipReason } : {}),
      flagged: s.id === stepId,
    };
  });
  const onTheWay = new Set(upTo.map((s) => s.id));
  const defs = new Map(doc.fields.map((f) => [f.name, f]));
  const answers: PathAnswer[] = [];
  for (const flow of doc.flows) {
    if (!onTheWay.has(flow.stepId)) continue;
    const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
    for (const p of state.flows[flow.id]?.path ?? []) {
      const node = nodes.get(p.nodeId);
      if (node?.type !== "question") continue;
      // A question that captures into a sensitive field: its answer is that field's value.
      const masked = node.field ? isSensitive(defs.get(node.field)) : false;
      const answer = p.label ?? nodes.get(p.to)?.label ?? p.to;
      answers.push({
        flow: flow.title.trim(),
        question: node.label.trim(),
        answer: masked ? null : answer.trim(),
        masked,
      });
    }
  }
  const step = at >= 0 ? doc.steps[at]! : undefined;
  const names: string[] = [];
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  if (step) {
    step.fieldNames.forEach(add);
    for (const f of doc.fields) if (f.stepId === step.id) add(f.name);
    for (const flow of doc.flows) if (flow.stepId === step.id) for (const n of flow.nodes) if (n.field) add(n.field);
    for (const name of referencedFields(step.blocks)) add(name);
  }
  const nodeLabels = new Map(
    doc.flows.flatMap((f) => f.nodes.filter((n) => n.field).map((n) => [n.field!, n.label] as const)),
  );
  const fields: PathField[] = names.map((name) => {
    const def = defs.get(name);
    const masked = isSensitive(def);
    const captured = state.fields[name]?.value;
    const label = (def?.label ?? nodeLabels.get(name) ?? name).trim();
    return { name, label, type: def?.type ?? null, value: masked || captured === undefined ? null : captured, masked };
  });
  return { steps, answers, fields };
}

/** `{field}` references in a step's text (scripts, checks, callouts): the values the step speaks or relies on. */
function referencedFields(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  forEachVar(blocks, (name) => out.push(name));
  return out;
}

async function runOf(db: Db, row: FlagRunRow, stepId: string): Promise<FlagRun | null> {
  const doc = versionDocument(db, row.versionId);
  const state = doc ? await runStateOf(db, row) : null;
  if (!doc || !state) return null;
  return {
    id: row.id,
    status: state.status,
    outcome: row.outcome,
    ...flagRunPath(doc, state, stepId),
    fieldsPurged: row.fieldsPurgedAt != null,
  };
}

/** The runs of a list of flags, one query for all of them; a flag without a run (deleted) gets null. */
export async function flagRuns(
  db: Db,
  flags: readonly { id: string; runId: string | null; stepId: string }[],
): Promise<Map<string, FlagRun | null>> {
  const rows = await runsOfFlags(
    db,
    flags.flatMap((f) => (f.runId ? [f.runId] : [])),
  );
  return new Map(
    await Promise.all(
      flags.map(async (f) => {
        const row = f.runId ? rows.get(f.runId) : undefined;
        return [f.id, row ? await runOf(db, row, f.stepId) : null] as const;
      }),
    ),
  );
}

/** The state filter from the URL: known states only; none chosen means new + accepted (the db default). */
export function parseStates(values: readonly string[]): FeedbackState[] {
  return values.filter((v): v is FeedbackState => (FEEDBACK_STATES as readonly string[]).includes(v));
}

/** The inbox the actor may see (403 for anyone who handles no flags), with each open flag's fix candidates. */
export async function inboxFor(
  db: Db,
  actor: Actor,
  filter: { states: FeedbackState[]; sopId: string | null },
): Promise<{ items: InboxItem[]; sops: { id: string; title: string }[] }> {
  authorize(decideFeedback(actor, "read", { departmentId: actor.departmentId }));
  const scope = sopListScope(actor);
  const rows = await listInbox(db, scope, { states: filter.states, sopId: filter.sopId });
  const runsById = await flagRuns(db, rows);
  const items = rows.map((r) => ({
    ...r,
    candidates:
      r.state === "new" || r.state === "accepted"
        ? fixCandidates(db, r.id).map((c) => ({ id: c.id, version: c.version }))
        : [],
    run: runsById.get(r.id) ?? null,
  }));
  return { items, sops: await inboxSops(db, scope) };
}

/** Applies a transition after checking the actor may act on the flag's SOP. */
export async function handleFlag(db: Db, actor: Actor, flagId: string, t: Transition): Promise<FeedbackState> {
  const flag = await getFlag(db, flagId);
  if (!flag) throw new FeedbackError("This flag does not exist.", 404);
  authorize(decideFeedback(actor, t.action, { departmentId: flag.departmentId }));
  return await transitionFlag(db, flagId, actor.id, t);
}

/** An agent's own last flags, for their home page. */
export async function myFlags(db: Db, actor: Actor, limit = 5) {
  return await flagsOfAgent(db, actor.id, limit);
}

/** Open flags on one SOP, when the viewer may act on them; null otherwise (nothing to show). */
export async function openFlagsOnSop(
  db: Db,
  actor: Actor,
  sop: { id: string; departmentId: number },
): Promise<number | null> {
  if (!decideFeedback(actor, "read", { departmentId: sop.departmentId }).ok) return null;
  return (await openFlagCounts(db, [sop.id])).get(sop.id) ?? 0;
}

/** Open flags per SOP for the SOPs the viewer may handle flags on (the editor's overview); the others are absent. */
export async function openFlagsBySop(
  db: Db,
  actor: Actor,
  sops: readonly { id: string; departmentId: number }[],
): Promise<Map<string, number>> {
  const mine = sops.filter((s) => decideFeedback(actor, "read", { departmentId: s.departmentId }).ok).map((s) => s.id);
  return await openFlagCounts(db, mine);
}

export type FixableFlag = Pick<
  InboxRow,
  | "id"
  | "stepId"
  | "stepTitle"
  | "stepNumber"
  | "version"
  | "kind"
  | "text"
  | "agentName"
  | "createdAt"
  | "state"
  | "reply"
>;

/**
 * The flags a publish of this SOP may close ("This version fixes …"): new and accepted ones, the accepted first
 * (they are what the lead said would be fixed), when the viewer may handle them; none otherwise.
 */
export async function fixableFlags(
  db: Db,
  actor: Actor,
  sop: { id: string; departmentId: number },
): Promise<FixableFlag[]> {
  if (!decideFeedback(actor, "done", { departmentId: sop.departmentId }).ok) return [];
  const rows = await listInbox(db, { all: true }, { states: ["accepted", "new"], sopId: sop.id });
  const order = (s: FeedbackState) => (s === "accepted" ? 0 : 1);
  return rows
    .sort((a, b) => order(a.state) - order(b.state))
    .map((r): FixableFlag => ({
      id: r.id,
      stepId: r.stepId,
      stepTitle: r.stepTitle,
      stepNumber: r.stepNumber,
      version: r.version,
      kind: r.kind,
      text: r.text,
      agentName: r.agentName,
      createdAt: r.createdAt,
      state: r.state,
      reply: r.reply,
    }));
}
