// The feedback inbox: agents' step flags as the SOP's leads read and handle them. new → accepted (with a reply)
// → done (linked to a published version newer than the flagged one), or dismissed (with a reason); done and
// dismissed flags can be reopened. Every transition is audited in its own transaction, and `resolvedAt` follows
// the state (set on done/dismissed, cleared on reopen) because the home page's count card reads it. The scope
// (which departments) comes from the caller, derived from the policy; no policy here. A publish may close flags
// too (closeFlagsFixedBy, inside the publish's own transaction).
import { and, asc, desc, eq, gt, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { RunState } from "../runbook/state";
import type { Db } from "./client.server";
import { Refusal } from "./refusal";
import { recordAudit } from "./audit.server";
import { departments, FEEDBACK_STATES, feedback, runs, sops, sopVersions, users } from "./schema";

export type FeedbackState = (typeof FEEDBACK_STATES)[number];
export type FeedbackKind = (typeof feedback.$inferSelect)["kind"];

/** A refused transition (missing reply, wrong state, unknown flag): a 4xx with a message for a person. */
export class FeedbackError extends Refusal {
  declare readonly status: 400 | 404 | 409;
  constructor(message: string, status: 400 | 404 | 409 = 400) {
    super(status, message);
  }
}

/** Which SOPs the inbox covers: every department (admin), one (a lead), or none. */
export type FeedbackScope = { all: true } | { all: false; departmentId: number | null };

export type InboxFilter = { states?: readonly FeedbackState[]; sopId?: string | null; limit?: number };

/** What the inbox shows when no state is chosen: what still needs someone. */
export const OPEN_STATES: readonly FeedbackState[] = ["new", "accepted"];

export const REPLY_MAX = 2000;

function scopeWhere(scope: FeedbackScope): SQL | undefined {
  if (scope.all) return undefined;
  // No department: no SOP (policy.inScope), so match nothing rather than everything.
  return scope.departmentId == null ? sql`0` : eq(sops.departmentId, scope.departmentId);
}

const flagger = alias(users, "fb_flagger");
const handler = alias(users, "fb_handler");
const fixed = alias(sopVersions, "fb_fixed");

/** The flagged step's title or number, read from the flagged version's stored document. */
const step = (field: "title" | "number") =>
  sql.raw(
    `(select json_extract(st.value, '$.${field}') from json_each("sop_versions"."document", ` +
      `'$.steps') st where json_extract(st.value, '$.id') = "feedback"."step_id")`,
  );

const rowColumns = {
  id: feedback.id,
  sopId: feedback.sopId,
  sopTitle: sops.title,
  departmentId: sops.departmentId,
  departmentName: departments.name,
  versionId: feedback.versionId,
  version: sopVersions.version,
  stepId: feedback.stepId,
  stepTitle: sql<string | null>`${step("title")}`,
  stepNumber: sql<number | null>`${step("number")}`,
  kind: feedback.kind,
  text: feedback.text,
  agentName: flagger.name,
  createdAt: feedback.createdAt,
  runId: feedback.runId,
  state: feedback.state,
  reply: feedback.reply,
  dismissReason: feedback.dismissReason,
  fixedVersionId: feedback.fixedVersionId,
  fixedVersion: fixed.version,
  handledByName: handler.name,
  handledAt: feedback.handledAt,
  resolvedAt: feedback.resolvedAt,
};

export type InboxRow = {
  id: string;
  sopId: string;
  sopTitle: string;
  departmentId: number;
  departmentName: string;
  versionId: number;
  version: number;
  stepId: string;
  stepTitle: string | null;
  stepNumber: number | null;
  kind: FeedbackKind;
  text: string;
  agentName: string | null;
  createdAt: number;
  runId: string | null;
  state: FeedbackState;
  reply: string | null;
  dismissReason: string | null;
  fixedVersionId: number | null;
  fixedVersion: number | null;
  handledByName: string | null;
  handledAt: number | null;
  resolvedAt: number | null;
};

function selectRows(db: Db, where: SQL | undefined) {
  return db
    .select(rowColumns)
    .from(feedback)
    .innerJoin(sops, eq(sops.id, feedback.sopId))
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .innerJoin(sopVersions, eq(sopVersions.id, feedback.versionId))
    .leftJoin(flagger, eq(flagger.id, feedback.createdBy))
    .leftJoin(handler, eq(handler.id, feedback.handledBy))
    .leftJoin(fixed, eq(fixed.id, feedback.fixedVersionId))
    .where(where);
}

/** The inbox for a scope, newest first: by default what is new or accepted. */
export async function listInbox(db: Db, scope: FeedbackScope, filter: InboxFilter = {}): Promise<InboxRow[]> {
  const states = filter.states?.length ? filter.states : OPEN_STATES;
  const where = and(
    scopeWhere(scope),
    inArray(feedback.state, [...states]),
    filter.sopId ? eq(feedback.sopId, filter.sopId) : undefined,
  );
  return selectRows(db, where)
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(filter.limit ?? 200)
    .all();
}

/** One flag with everything the inbox shows, or undefined. */
export async function getFlag(db: Db, id: string): Promise<InboxRow | undefined> {
  return selectRows(db, eq(feedback.id, id)).get();
}

/** SOPs with flags in scope (any state), for the inbox's SOP filter. */
export async function inboxSops(db: Db, scope: FeedbackScope): Promise<{ id: string; title: string }[]> {
  return db
    .selectDistinct({ id: sops.id, title: sops.title })
    .from(feedback)
    .innerJoin(sops, eq(sops.id, feedback.sopId))
    .where(scopeWhere(scope))
    .orderBy(asc(sops.title))
    .all();
}

/** Published (ever) versions of the flag's SOP newer than the flagged one: what a "done" may link to. */
export function fixCandidates(
  db: Db,
  flagId: string,
): { id: number; version: number; publishedAt: number | null; changeNote: string }[] {
  const flag = db
    .select({ sopId: feedback.sopId, version: sopVersions.version })
    .from(feedback)
    .innerJoin(sopVersions, eq(sopVersions.id, feedback.versionId))
    .where(eq(feedback.id, flagId))
    .get();
  if (!flag) return [];
  return db
    .select({
      id: sopVersions.id,
      version: sopVersions.version,
      publishedAt: sopVersions.publishedAt,
      changeNote: sopVersions.changeNote,
    })
    .from(sopVersions)
    .where(
      and(eq(sopVersions.sopId, flag.sopId), isNotNull(sopVersions.publishedAt), gt(sopVersions.version, flag.version)),
    )
    .orderBy(desc(sopVersions.version))
    .all();
}

export type Transition =
  | { action: "accept"; reply: string }
  | { action: "done"; fixedVersionId: number; reply?: string }
  | { action: "dismiss"; reason: string }
  | { action: "reopen" };

/** Which states each transition starts from. */
const FROM: Record<Transition["action"], readonly FeedbackState[]> = {
  accept: ["new"],
  done: ["new", "accepted"],
  dismiss: ["new", "accepted"],
  reopen: ["done", "dismissed"],
};

const WORDS: Record<Transition["action"], string> = {
  accept: "accepted",
  done: "marked done",
  dismiss: "dismissed",
  reopen: "reopened",
};

/** Applies a transition by `actorId` (already authorized by the caller) and audits it; returns the flag's new state. */
export async function transitionFlag(
  db: Db,
  flagId: string,
  actorId: string,
  t: Transition,
  now = Date.now(),
): Promise<FeedbackState> {
  return db.transaction((tx) => {
    const flag = tx
      .select({ id: feedback.id, state: feedback.state, sopId: feedback.sopId, stepId: feedback.stepId })
      .from(feedback)
      .where(eq(feedback.id, flagId))
      .get();
    if (!flag) throw new FeedbackError("This flag does not exist.", 404);
    if (!FROM[t.action].includes(flag.state))
      throw new FeedbackError(`This flag is ${flag.state}: it cannot be ${WORDS[t.action]}.`, 409);
    const handled = { handledBy: actorId, handledAt: now };
    let set: Partial<typeof feedback.$inferInsert>;
    let details: Record<string, unknown> = { from: flag.state, sopId: flag.sopId, stepId: flag.stepId };
    switch (t.action) {
      case "accept": {
        const reply = t.reply.trim();
        if (!reply) throw new FeedbackError("Write a reply for the agent.");
        if (reply.length > REPLY_MAX) throw new FeedbackError(`Keep the reply under ${REPLY_MAX} characters.`);
        set = { state: "accepted", reply, resolvedAt: null, ...handled };
        details = { ...details, reply };
        break;
      }
      case "done": {
        const candidate = fixCandidates(tx as unknown as Db, flagId).find((c) => c.id === t.fixedVersionId);
        if (!candidate) throw new FeedbackError("Choose a published version newer than the flagged one.", 409);
        const reply = t.reply?.trim();
        set = { state: "done", fixedVersionId: candidate.id, resolvedAt: now, ...(reply ? { reply } : {}), ...handled };
        details = { ...details, fixedVersion: candidate.version };
        break;
      }
      case "dismiss": {
        const reason = t.reason.trim();
        if (!reason) throw new FeedbackError("Say why the flag is dismissed.");
        if (reason.length > REPLY_MAX) throw new FeedbackError(`Keep the reason under ${REPLY_MAX} characters.`);
        set = { state: "dismissed", dismissReason: reason, resolvedAt: now, ...handled };
        details = { ...details, reason };
        break;
      }
      case "reopen":
        // Back in the inbox; the reply stays (the agent already saw it), the outcome does not.
        set = { state: "new", resolvedAt: null, fixedVersionId: null, dismissReason: null, ...handled };
        break;
    }
    tx.update(feedback).set(set).where(eq(feedback.id, flagId)).run();
    recordAudit(tx, {
      actorId,
      action: `feedback.${t.action}`,
      targetType: "feedback",
      targetId: flagId,
      summary: `Flag on ${flag.sopId} ${WORDS[t.action]}`,
      details,
    });
    return set.state!;
  });
}

export type AgentFlag = {
  id: string;
  sopId: string;
  sopTitle: string;
  stepTitle: string | null;
  kind: FeedbackKind;
  text: string;
  createdAt: number;
  state: FeedbackState;
  reply: string | null;
  dismissReason: string | null;
  fixedVersion: number | null;
};

/** An agent's own flags, newest first, with what became of them. */
export async function flagsOfAgent(db: Db, agentId: string, limit = 5): Promise<{ total: number; rows: AgentFlag[] }> {
  const where = eq(feedback.createdBy, agentId);
  const rows = selectRows(db, where)
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(limit)
    .all()
    .map((r) => ({
      id: r.id,
      sopId: r.sopId,
      sopTitle: r.sopTitle,
      stepTitle: r.stepTitle,
      kind: r.kind,
      text: r.text,
      createdAt: r.createdAt,
      state: r.state,
      reply: r.reply,
      dismissReason: r.dismissReason,
      fixedVersion: r.fixedVersion,
    }));
  const total = db.get<{ n: number }>(sql`select count(*) as n from ${feedback} where ${where}`)?.n ?? 0;
  return { total, rows };
}

/** Open (new + accepted) flags per SOP; SOPs without any are absent. */
export async function openFlagCounts(db: Db, sopIds: readonly string[]): Promise<Map<string, number>> {
  if (sopIds.length === 0) return new Map();
  const rows = db
    .select({ sopId: feedback.sopId, n: sql<number>`count(*)` })
    .from(feedback)
    .where(and(inArray(feedback.sopId, [...sopIds]), inArray(feedback.state, [...OPEN_STATES])))
    .groupBy(feedback.sopId)
    .all();
  return new Map(rows.map((r) => [r.sopId, r.n]));
}

/** The flags a publish may close: on this SOP and still open (new or accepted). */
const FIXABLE: readonly FeedbackState[] = ["new", "accepted"];

/**
 * Refuses (FeedbackError, nothing written) unless every id is a flag on `sopId` that is new or accepted. Called
 * before the publish writes anything, in its transaction, so a refusal leaves no half-published version.
 */
export function assertFixable(db: Db, sopId: string, flagIds: readonly string[]): void {
  const ids = [...new Set(flagIds)];
  if (ids.length === 0) return;
  const rows = db
    .select({ id: feedback.id, sopId: feedback.sopId, state: feedback.state })
    .from(feedback)
    .where(inArray(feedback.id, ids))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || row.sopId !== sopId) throw new FeedbackError("A flag ticked as fixed is not a flag on this SOP.", 400);
    if (!FIXABLE.includes(row.state))
      throw new FeedbackError(`A flag ticked as fixed is already ${row.state}: reload the page and choose again.`, 409);
  }
}

/**
 * Marks flags done, fixed by `versionId` (the version just published), in the caller's transaction: the
 * publish's, so the version and its "fixed in" links commit together or not at all. Each is audited as the
 * inbox audits a done flag (`feedback.done`). Returns how many were closed.
 */
export function closeFlagsFixedBy(
  db: Db,
  input: { sopId: string; versionId: number; flagIds: readonly string[]; actorId: string | null; now?: number },
): number {
  const ids = [...new Set(input.flagIds)];
  if (ids.length === 0) return 0;
  assertFixable(db, input.sopId, ids);
  const fix = db
    .select({ version: sopVersions.version, sopId: sopVersions.sopId })
    .from(sopVersions)
    .where(eq(sopVersions.id, input.versionId))
    .get();
  if (!fix || fix.sopId !== input.sopId)
    throw new FeedbackError("The fixing version is not a version of this SOP.", 400);
  const now = input.now ?? Date.now();
  const flags = db
    .select({ id: feedback.id, state: feedback.state, stepId: feedback.stepId })
    .from(feedback)
    .where(inArray(feedback.id, ids))
    .all();
  for (const flag of flags) {
    db.update(feedback)
      .set({
        state: "done",
        fixedVersionId: input.versionId,
        resolvedAt: now,
        handledBy: input.actorId,
        handledAt: now,
      })
      .where(eq(feedback.id, flag.id))
      .run();
    recordAudit(db, {
      actorId: input.actorId,
      action: "feedback.done",
      targetType: "feedback",
      targetId: flag.id,
      summary: `Flag on ${input.sopId} ${WORDS.done} by publishing version ${fix.version}`,
      details: { from: flag.state, sopId: input.sopId, stepId: flag.stepId, fixedVersion: fix.version, publish: true },
    });
  }
  return flags.length;
}

/** What the inbox reads of the runs its flags came from, one query for them all (the state is the row's snapshot). */
export type FlagRunRow = {
  id: string;
  versionId: number;
  status: string;
  outcome: string | null;
  eventCount: number;
  state: RunState;
  fieldsPurgedAt: number | null;
};

export async function runsOfFlags(db: Db, runIds: readonly string[]): Promise<Map<string, FlagRunRow>> {
  const ids = [...new Set(runIds)];
  if (ids.length === 0) return new Map();
  const rows = db
    .select({
      id: runs.id,
      versionId: runs.versionId,
      status: runs.status,
      outcome: runs.outcome,
      eventCount: runs.eventCount,
      state: runs.state,
      fieldsPurgedAt: runs.fieldsPurgedAt,
    })
    .from(runs)
    .where(inArray(runs.id, ids))
    .all();
  return new Map(rows.map((r) => [r.id, r]));
}
