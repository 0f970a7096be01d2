// The authoring lifecycle of SOP versions: draft → in review → published → superseded; archive and
// restore; rollback. Every function is one synchronous transaction; every publish, archive, restore and
// rollback is audited in the same transaction. Callers pass the already-compiled document (db/ never parses).
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { SopDocument } from "../sop-schema/types";
import type { Db } from "./client.server";
import { Refusal } from "./refusal";
import { recordAudit } from "./audit.server";
import { syncSearchForSop } from "./search.server";
import { applyPublishToTraining } from "./training.server";
import { departments, reviewComments, sops, sopVersions, users, type ReviewAction, type SopState } from "./schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** What the caller compiled from a source: db/ stores it, never parses. */
export type CompiledSource = {
  source: string;
  hash: string;
  document: SopDocument;
  errorCount: number;
  warningCount: number;
  title: string;
};

/** A refused lifecycle step: `status` is the HTTP status a route should answer with. */
export class LifecycleError extends Refusal {
  declare readonly status: 400 | 403 | 404 | 409 | 423;
  constructor(message: string, status: 400 | 403 | 404 | 409 | 423 = 400) {
    super(status, message);
  }
}

export const OPEN_STATES: readonly SopState[] = ["draft", "in_review"];

const updater = alias(users, "updater");
const reviewer = alias(users, "reviewer");
const creator = alias(users, "creator");

const versionColumns = {
  id: sopVersions.id,
  sopId: sopVersions.sopId,
  version: sopVersions.version,
  state: sopVersions.state,
  source: sopVersions.source,
  hash: sopVersions.hash,
  document: sopVersions.document,
  errorCount: sopVersions.errorCount,
  warningCount: sopVersions.warningCount,
  changeNote: sopVersions.changeNote,
  revision: sopVersions.revision,
  createdAt: sopVersions.createdAt,
  createdBy: sopVersions.createdBy,
  createdByName: creator.name,
  updatedAt: sopVersions.updatedAt,
  updatedBy: sopVersions.updatedBy,
  updatedByName: updater.name,
  publishedAt: sopVersions.publishedAt,
  basedOnVersionId: sopVersions.basedOnVersionId,
  reviewerId: sopVersions.reviewerId,
  reviewerName: reviewer.name,
  submittedAt: sopVersions.submittedAt,
};

export type VersionRow = {
  id: number;
  sopId: string;
  version: number;
  state: SopState;
  source: string;
  hash: string;
  document: SopDocument;
  errorCount: number;
  warningCount: number;
  changeNote: string;
  revision: number;
  createdAt: number;
  createdBy: string | null;
  createdByName: string | null;
  updatedAt: number;
  updatedBy: string | null;
  updatedByName: string | null;
  publishedAt: number | null;
  basedOnVersionId: number | null;
  reviewerId: string | null;
  reviewerName: string | null;
  submittedAt: number | null;
};

function versionQuery(db: Pick<Db, "select">) {
  return db
    .select(versionColumns)
    .from(sopVersions)
    .leftJoin(creator, eq(creator.id, sopVersions.createdBy))
    .leftJoin(updater, eq(updater.id, sopVersions.updatedBy))
    .leftJoin(reviewer, eq(reviewer.id, sopVersions.reviewerId));
}

export function getVersion(db: Pick<Db, "select">, versionId: number): VersionRow | undefined {
  return versionQuery(db).where(eq(sopVersions.id, versionId)).get() as VersionRow | undefined;
}

/** A version's MDX source alone (the text the API hands out beside the parsed document). */
export async function getVersionSource(db: Pick<Db, "select">, versionId: number): Promise<string | undefined> {
  return db.select({ source: sopVersions.source }).from(sopVersions).where(eq(sopVersions.id, versionId)).get()?.source;
}

/** The SOP's open draft or in-review version, if any (there is at most one). */
export function getOpenVersion(db: Pick<Db, "select">, sopId: string): VersionRow | undefined {
  return versionQuery(db)
    .where(and(eq(sopVersions.sopId, sopId), inArray(sopVersions.state, [...OPEN_STATES])))
    .orderBy(desc(sopVersions.version))
    .get() as VersionRow | undefined;
}

/** Every version of an SOP, newest first, without the heavy columns. */
export async function listVersions(db: Pick<Db, "select">, sopId: string) {
  return db
    .select({
      id: sopVersions.id,
      version: sopVersions.version,
      state: sopVersions.state,
      changeNote: sopVersions.changeNote,
      createdAt: sopVersions.createdAt,
      createdByName: creator.name,
      updatedAt: sopVersions.updatedAt,
      publishedAt: sopVersions.publishedAt,
      errorCount: sopVersions.errorCount,
      warningCount: sopVersions.warningCount,
      hash: sopVersions.hash,
    })
    .from(sopVersions)
    .leftJoin(creator, eq(creator.id, sopVersions.createdBy))
    .where(eq(sopVersions.sopId, sopId))
    .orderBy(desc(sopVersions.version))
    .all();
}

/** An SOP's id, title and department, as the SOP lists and the SOP page show them (joined to departments). */
const sopColumns = {
  id: sops.id,
  title: sops.title,
  departmentId: sops.departmentId,
  departmentName: departments.name,
};

export async function getSopRow(db: Pick<Db, "select">, sopId: string) {
  return db
    .select({
      ...sopColumns,
      publishedVersionId: sops.publishedVersionId,
      archivedAt: sops.archivedAt,
      nextReviewAt: sops.nextReviewAt,
    })
    .from(sops)
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .where(eq(sops.id, sopId))
    .get();
}

/** The number the SOP's next version gets (a draft started now). */
export function nextVersionNumber(tx: Pick<Db, "select">, sopId: string): number {
  const last = tx
    .select({ v: sql<number>`coalesce(max(${sopVersions.version}), 0)` })
    .from(sopVersions)
    .where(eq(sopVersions.sopId, sopId))
    .get();
  return (last?.v ?? 0) + 1;
}

/** Creates a new SOP whose first version is a draft. Refuses an id that is already taken. */
export async function createSopDraft(
  db: Db,
  input: { sopId: string; departmentId: number; compiled: CompiledSource; actorId: string | null; summary?: string },
): Promise<{ versionId: number }> {
  return db.transaction((tx) => {
    if (tx.select({ id: sops.id }).from(sops).where(eq(sops.id, input.sopId)).get()) {
      throw new LifecycleError(`An SOP with the id “${input.sopId}” already exists — choose another title or id.`, 409);
    }
    const now = Date.now();
    tx.insert(sops)
      .values({
        id: input.sopId,
        title: input.compiled.title,
        departmentId: input.departmentId,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    const versionId = insertDraft(tx, input.sopId, 1, input.compiled, input.actorId, null, now);
    recordAudit(tx, {
      actorId: input.actorId,
      action: "sop.create",
      targetType: "sop",
      targetId: input.sopId,
      summary: input.summary ?? `Created the draft SOP “${input.compiled.title}”`,
    });
    syncSearchForSop(tx, input.sopId);
    return { versionId };
  });
}

function insertDraft(
  tx: Tx,
  sopId: string,
  version: number,
  c: CompiledSource,
  actorId: string | null,
  basedOnVersionId: number | null,
  now: number,
): number {
  return tx
    .insert(sopVersions)
    .values({
      sopId,
      version,
      state: "draft",
      source: c.source,
      hash: c.hash,
      document: c.document,
      errorCount: c.errorCount,
      warningCount: c.warningCount,
      createdBy: actorId,
      createdAt: now,
      updatedAt: now,
      updatedBy: actorId,
      basedOnVersionId,
      revision: 1,
    })
    .returning({ id: sopVersions.id })
    .get().id;
}

/** Inserts a draft started from the published version `from`, audited. In the caller's transaction. */
function insertStartedDraft(
  tx: Tx,
  sop: { id: string; title: string },
  from: { id: number; version: number },
  c: CompiledSource,
  actorId: string,
  how: string,
): number {
  const version = nextVersionNumber(tx, sop.id);
  const id = insertDraft(tx, sop.id, version, c, actorId, from.id, Date.now());
  recordAudit(tx, {
    actorId,
    action: "sop.draft",
    targetType: "sop",
    targetId: sop.id,
    summary: `Started draft v${version} of “${sop.title}” from published v${from.version}${how}`,
    details: { version, fromVersion: from.version },
  });
  syncSearchForSop(tx, sop.id);
  return id;
}

/**
 * Starts a new draft copied from the published version (published versions are never edited in place). Only on
 * an explicit request (a POST), never on a page view; audited. Refused when a draft or review is already open.
 */
export async function startDraft(db: Db, sopId: string, actorId: string): Promise<VersionRow> {
  const versionId = db.transaction((tx) => {
    const open = getOpenVersion(tx, sopId);
    if (open) return open.id;
    const sop = tx.select().from(sops).where(eq(sops.id, sopId)).get();
    if (!sop) throw new LifecycleError(`There is no SOP “${sopId}”.`, 404);
    if (sop.archivedAt) throw new LifecycleError("This SOP is archived — restore it before editing.", 423);
    const from = sop.publishedVersionId
      ? tx.select().from(sopVersions).where(eq(sopVersions.id, sop.publishedVersionId)).get()
      : undefined;
    if (!from) throw new LifecycleError(`“${sopId}” has no version to start a draft from.`, 404);
    const copy = { ...from, title: sop.title };
    return insertStartedDraft(tx, sop, from, copy, actorId, "");
  });
  return getVersion(db, versionId)!;
}

/**
 * The first change to a published SOP starts its draft, with that text, in one transaction: opening the editor
 * writes nothing (a "phantom" draft based on `fromVersionId`, the published version the author saw). A draft
 * someone opened meanwhile, or a newer published version, answers 409 with its text and id: the author's change
 * is compared with it, never written over it. Text identical to the published version starts nothing.
 */
export async function startDraftWithSource(
  db: Db,
  input: { sopId: string; fromVersionId: number; compiled: CompiledSource; actorId: string },
): Promise<SaveOutcome> {
  return db.transaction((tx): SaveOutcome => {
    const sop = tx.select().from(sops).where(eq(sops.id, input.sopId)).get();
    if (!sop) return { ok: false, status: 404, error: "This SOP no longer exists." };
    if (sop.archivedAt) return { ok: false, status: 423, error: "This SOP is archived — restore it before editing." };
    const open = getOpenVersion(tx, input.sopId);
    const from = sop.publishedVersionId ? getVersion(tx, sop.publishedVersionId) : undefined;
    const current = open ?? from;
    if (!current) return { ok: false, status: 404, error: "This SOP has no version to start a draft from." };
    if (open || current.id !== input.fromVersionId)
      return {
        ok: false,
        status: 409,
        versionId: current.id,
        conflict: {
          source: current.source,
          revision: open ? current.revision : 0,
          updatedAt: current.updatedAt,
          updatedByName: current.updatedByName,
        },
      };
    if (current.source === input.compiled.source)
      return { ok: true, revision: 0, updatedAt: current.updatedAt, versionId: current.id };
    const id = insertStartedDraft(tx, sop, current, input.compiled, input.actorId, " with its first change");
    const row = getVersion(tx, id)!;
    return { ok: true, revision: row.revision, updatedAt: row.updatedAt, versionId: id };
  });
}

/**
 * Throws the open draft away: its text and review notes go, the SOP stays at its published version (a new SOP's
 * only draft is refused by the policy before this). Audited with the text's size, not the text.
 */
export async function discardDraft(
  db: Db,
  input: { versionId: number; actorId: string },
): Promise<{ version: number }> {
  return db.transaction((tx) => {
    const row = requireOpen(tx, input.versionId, "draft");
    const sop = tx
      .select({ title: sops.title, publishedVersionId: sops.publishedVersionId })
      .from(sops)
      .where(eq(sops.id, row.sopId))
      .get();
    if (!sop?.publishedVersionId)
      throw new LifecycleError("A new SOP's first draft can't be discarded: archive the SOP if it is not needed.", 409);
    tx.delete(reviewComments).where(eq(reviewComments.versionId, row.id)).run();
    tx.delete(sopVersions)
      .where(and(eq(sopVersions.id, row.id), eq(sopVersions.state, "draft")))
      .run();
    recordAudit(tx, {
      actorId: input.actorId,
      action: "sop.discard",
      targetType: "sop",
      targetId: row.sopId,
      summary: `Discarded draft v${row.version} of “${sop.title}” (revision ${row.revision})`,
      details: { version: row.version, revision: row.revision, bytes: row.source.length },
    });
    syncSearchForSop(tx, row.sopId);
    return { version: row.version };
  });
}

/** Who wrote a version: its creator, its last editor and whoever last sent it to review. */
export async function versionAuthorIds(
  db: Pick<Db, "select">,
  row: Pick<VersionRow, "id" | "createdBy" | "updatedBy">,
): Promise<string[]> {
  const submitter = db
    .select({ id: reviewComments.authorId })
    .from(reviewComments)
    .where(and(eq(reviewComments.versionId, row.id), eq(reviewComments.action, "submitted")))
    .orderBy(desc(reviewComments.createdAt), desc(reviewComments.id))
    .get();
  return [...new Set([row.createdBy, row.updatedBy, submitter?.id].filter((x): x is string => Boolean(x)))];
}

/** How many active leads and admins other than `exceptIds` could review. */
export async function countOtherReviewers(db: Pick<Db, "select">, exceptIds: readonly string[]): Promise<number> {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(
        and(
          eq(users.active, true),
          inArray(users.role, ["lead", "admin"]),
          exceptIds.length
            ? sql`${users.id} not in (${sql.join(
                exceptIds.map((id) => sql`${id}`),
                sql`, `,
              )})`
            : undefined,
        ),
      )
      .get()?.n ?? 0
  );
}

/**
 * Imports a new text for an existing SOP as a new draft (based on its published version). Refused when
 * the SOP already has an open draft or review: an import never overwrites work in progress.
 */
export async function importDraftForSop(
  db: Db,
  input: { sopId: string; compiled: CompiledSource; actorId: string | null },
): Promise<{ versionId: number; version: number }> {
  return db.transaction((tx) => {
    const sop = tx.select().from(sops).where(eq(sops.id, input.sopId)).get();
    if (!sop) throw new LifecycleError(`There is no SOP “${input.sopId}”.`, 404);
    const open = getOpenVersion(tx, input.sopId);
    if (open)
      throw new LifecycleError(
        `“${input.sopId}” already has ${open.state === "in_review" ? "a version in review" : "an open draft"} ` +
          `(v${open.version}): finish or withdraw it first.`,
        409,
      );
    const version = nextVersionNumber(tx, input.sopId);
    const versionId = insertDraft(
      tx,
      input.sopId,
      version,
      input.compiled,
      input.actorId,
      sop.publishedVersionId,
      Date.now(),
    );
    recordAudit(tx, {
      actorId: input.actorId,
      action: "sop.import",
      targetType: "sop",
      targetId: input.sopId,
      summary: `Imported a new draft (v${version}) of “${sop.title}”`,
    });
    syncSearchForSop(tx, input.sopId);
    return { versionId, version };
  });
}

export type SaveOutcome =
  /** `versionId`: the draft the text is in now, when a save started it (startDraftWithSource) */
  | { ok: true; revision: number; updatedAt: number; versionId?: number }
  | {
      ok: false;
      status: 409;
      /** the version the conflict is with, when it is not the one the save named */
      versionId?: number;
      conflict: { source: string; revision: number; updatedAt: number; updatedByName: string | null };
    }
  | { ok: false; status: 404 | 423; error: string };

/**
 * Saves a draft only if it is still at `baseRevision`: a save based on an older revision is refused with
 * the current text (a conflict), never applied. Saving identical text is a no-op success.
 */
export async function saveDraftSource(
  db: Db,
  input: { versionId: number; baseRevision: number; compiled: CompiledSource; actorId: string },
): Promise<SaveOutcome> {
  return db.transaction((tx): SaveOutcome => {
    const row = getVersion(tx, input.versionId);
    if (!row) return { ok: false, status: 404, error: "This draft no longer exists." };
    if (row.state !== "draft") {
      return {
        ok: false,
        status: 423,
        error:
          row.state === "in_review"
            ? "This version is in review: withdraw it to edit."
            : `This version is ${row.state} and cannot be edited.`,
      };
    }
    if (row.revision !== input.baseRevision) {
      return {
        ok: false,
        status: 409,
        conflict: {
          source: row.source,
          revision: row.revision,
          updatedAt: row.updatedAt,
          updatedByName: row.updatedByName,
        },
      };
    }
    if (row.source === input.compiled.source) return { ok: true, revision: row.revision, updatedAt: row.updatedAt };
    const now = Date.now();
    const c = input.compiled;
    tx.update(sopVersions)
      .set({
        source: c.source,
        hash: c.hash,
        document: c.document,
        errorCount: c.errorCount,
        warningCount: c.warningCount,
        revision: row.revision + 1,
        updatedAt: now,
        updatedBy: input.actorId,
      })
      .where(and(eq(sopVersions.id, row.id), eq(sopVersions.revision, row.revision)))
      .run();
    // A never-published SOP is known by its draft's title.
    tx.update(sops)
      .set({ title: c.title, updatedAt: now })
      .where(and(eq(sops.id, row.sopId), isNull(sops.publishedVersionId)))
      .run();
    syncSearchForSop(tx, row.sopId);
    return { ok: true, revision: row.revision + 1, updatedAt: now };
  });
}

function addReviewComment(
  tx: Pick<Db, "insert">,
  versionId: number,
  authorId: string,
  action: ReviewAction,
  body: string,
) {
  tx.insert(reviewComments).values({ versionId, authorId, action, body, createdAt: Date.now() }).run();
}

function requireOpen(tx: Pick<Db, "select">, versionId: number, state: SopState): VersionRow {
  const row = getVersion(tx, versionId);
  if (!row) throw new LifecycleError("That version does not exist.", 404);
  if (row.state !== state)
    throw new LifecycleError(`This version is ${row.state.replace("_", " ")}, not ${state.replace("_", " ")}.`, 409);
  return row;
}

/** Draft → in review. A draft with errors is refused; one with warnings needs `confirmWarnings`. */
export async function submitForReview(
  db: Db,
  input: {
    versionId: number;
    reviewerId: string;
    actorId: string;
    comment?: string;
    confirmWarnings?: boolean;
    selfReview?: boolean;
  },
): Promise<void> {
  db.transaction((tx) => {
    const row = requireOpen(tx, input.versionId, "draft");
    if (row.errorCount > 0)
      throw new LifecycleError(`Fix the ${row.errorCount} error(s) before sending this SOP to review.`);
    if (row.warningCount > 0 && !input.confirmWarnings)
      throw new LifecycleError(`This draft has ${row.warningCount} warning(s): confirm to send it anyway.`);
    const who = tx
      .select({ id: users.id, role: users.role, active: users.active, name: users.name })
      .from(users)
      .where(eq(users.id, input.reviewerId))
      .get();
    if (!who || !who.active || (who.role !== "lead" && who.role !== "admin"))
      throw new LifecycleError("Choose an active lead or admin as the reviewer.");
    const now = Date.now();
    tx.update(sopVersions)
      .set({ state: "in_review", reviewerId: who.id, submittedAt: now, updatedAt: now })
      .where(eq(sopVersions.id, row.id))
      .run();
    addReviewComment(tx, row.id, input.actorId, "submitted", input.comment?.trim() ?? "");
    recordAudit(tx, {
      actorId: input.actorId,
      action: "sop.submit",
      targetType: "sop",
      targetId: row.sopId,
      summary:
        `Sent version ${row.version} of “${row.sopId}” to ${who.name} ` +
        `for review${input.selfReview ? " (self-review: the only administrator)" : ""}`,
      details: { version: row.version, reviewerId: who.id, ...(input.selfReview ? { selfReview: true } : {}) },
    });
  });
}

/** In review → draft, by its author or anyone who may edit. */
export async function withdrawFromReview(db: Db, input: { versionId: number; actorId: string }): Promise<void> {
  db.transaction((tx) => {
    const row = requireOpen(tx, input.versionId, "in_review");
    tx.update(sopVersions).set({ state: "draft", updatedAt: Date.now() }).where(eq(sopVersions.id, row.id)).run();
    addReviewComment(tx, row.id, input.actorId, "withdrawn", "");
    recordAudit(tx, {
      actorId: input.actorId,
      action: "sop.withdraw",
      targetType: "sop",
      targetId: row.sopId,
      summary: `Withdrew version ${row.version} of “${row.sopId}” from review`,
      details: { version: row.version },
    });
  });
}

/** A version in review, not yet approved, gets another reviewer. */
export async function reassignReviewer(
  db: Db,
  input: { versionId: number; reviewerId: string; actorId: string; selfReview?: boolean },
): Promise<string> {
  return db.transaction((tx) => {
    const row = requireOpen(tx, input.versionId, "in_review");
    const who = tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, input.reviewerId)).get();
    if (!who) throw new LifecycleError("Choose an active lead or admin as the reviewer.");
    if (row.reviewerId === who.id) throw new LifecycleError(`${who.name} already reviews this version.`, 409);
    if (isApproved(tx, row.id))
      throw new LifecycleError("This version is already approved: publish it, or withdraw it to change it.", 409);
    tx.update(sopVersions).set({ reviewerId: who.id }).where(eq(sopVersions.id, row.id)).run();
    addReviewComment(
      tx,
      row.id,
      input.actorId,
      "comment",
      `Reviewer changed from ${row.reviewerName ?? "nobody"} to ${who.name}`,
    );
    recordAudit(tx, {
      actorId: input.actorId,
      action: "sop.reassign",
      targetType: "sop",
      targetId: row.sopId,
      summary:
        `Changed the reviewer of version ${row.version} of “${row.sopId}” from ${row.reviewerName ?? "nobody"} ` +
        `to ${who.name}${input.selfReview ? " (self-review: the only administrator)" : ""}`,
      details: {
        version: row.version,
        from: row.reviewerId,
        to: who.id,
        ...(input.selfReview ? { selfReview: true } : {}),
      },
    });
    return who.name;
  });
}

/** The chosen reviewer (or an admin) approves or sends the version back with comments. */
export async function decideReview(
  db: Db,
  input: {
    versionId: number;
    actorId: string;
    decision: "approved" | "changes_requested";
    comment: string;
    selfReview?: boolean;
  },
): Promise<void> {
  db.transaction((tx) => {
    // Who may decide is the policy's (app/auth/policy.ts); here: the state, in the same transaction.
    const row = requireOpen(tx, input.versionId, "in_review");
    const comment = input.comment.trim();
    if (input.decision === "changes_requested" && !comment)
      throw new LifecycleError("Say what needs to change: a comment is required.");
    addReviewComment(tx, row.id, input.actorId, input.decision, comment);
    if (input.decision === "changes_requested") {
      tx.update(sopVersions).set({ state: "draft", updatedAt: Date.now() }).where(eq(sopVersions.id, row.id)).run();
    }
    recordAudit(tx, {
      actorId: input.actorId,
      action: input.decision === "approved" ? "sop.approve" : "sop.request_changes",
      targetType: "sop",
      targetId: row.sopId,
      summary:
        `${input.decision === "approved" ? "Approved" : "Requested changes to"} ` +
        `version ${row.version} of “${row.sopId}”` +
        (input.selfReview ? " (self-review: the only administrator)" : "") +
        (comment ? `: ${comment}` : ""),
      details: { version: row.version, ...(input.selfReview ? { selfReview: true } : {}) },
    });
  });
}

export async function listReviewComments(db: Pick<Db, "select">, versionId: number) {
  return db
    .select({
      id: reviewComments.id,
      action: reviewComments.action,
      body: reviewComments.body,
      createdAt: reviewComments.createdAt,
      authorName: users.name,
    })
    .from(reviewComments)
    .leftJoin(users, eq(users.id, reviewComments.authorId))
    .where(eq(reviewComments.versionId, versionId))
    .orderBy(asc(reviewComments.createdAt), asc(reviewComments.id))
    .all();
}

/** Approved since it was last submitted (a withdrawal or a request for changes resets it). */
export function isApproved(db: Pick<Db, "select">, versionId: number): boolean {
  const last = db
    .select({ action: reviewComments.action })
    .from(reviewComments)
    .where(and(eq(reviewComments.versionId, versionId), sql`${reviewComments.action} != 'comment'`))
    .orderBy(desc(reviewComments.createdAt), desc(reviewComments.id))
    .get();
  return last?.action === "approved";
}

type PublishTarget = { title: string; departmentId: number; changeNote: string; nextReviewAt: string | null };

/** How a publish affects training: "material" re-opens it for everyone (acknowledge again), "minor" carries it over. */
export type ChangeKind = "material" | "minor";

function makePublished(
  tx: Tx,
  sopId: string,
  versionId: number,
  target: PublishTarget,
  now: number,
  training: { version: number; kind: ChangeKind; actorId: string },
) {
  tx.update(sopVersions)
    .set({ state: "superseded" })
    .where(and(eq(sopVersions.sopId, sopId), inArray(sopVersions.state, ["published", "archived"])))
    .run();
  tx.update(sopVersions)
    .set({ state: "published", changeNote: target.changeNote, publishedAt: now, updatedAt: now })
    .where(eq(sopVersions.id, versionId))
    .run();
  tx.update(sops)
    .set({
      title: target.title,
      departmentId: target.departmentId,
      publishedVersionId: versionId,
      archivedAt: null,
      nextReviewAt: target.nextReviewAt,
      updatedAt: now,
    })
    .where(eq(sops.id, sopId))
    .run();
  return applyPublishToTraining(tx, {
    sopId,
    versionId,
    version: training.version,
    kind: training.kind,
    title: target.title,
    changeNote: target.changeNote,
    actorId: training.actorId,
    now,
  });
}

/** How the caller turns a stored document into where it is published (department id, review date). */
export type PublishResolver = (
  document: SopDocument,
  publishedAt: number,
) => { title: string; departmentId: number; nextReviewAt: string | null };

/** In review and approved → published; the previous published version becomes superseded. */
export function publishApproved(
  db: Db,
  input: {
    versionId: number;
    changeNote: string;
    actorId: string;
    confirmWarnings?: boolean;
    resolve: PublishResolver;
    changeKind?: ChangeKind;
  },
): { version: number; changeKind: ChangeKind; withdrawn: number; reassigned: number } {
  return db.transaction((tx) => {
    const row = requireOpen(tx, input.versionId, "in_review");
    const note = input.changeNote.trim();
    if (!note) throw new LifecycleError("Publishing needs a change note: say what changed and why.");
    if (row.errorCount > 0)
      throw new LifecycleError(`This version has ${row.errorCount} error(s) and cannot be published.`);
    if (row.warningCount > 0 && !input.confirmWarnings)
      throw new LifecycleError(`This version has ${row.warningCount} warning(s): confirm to publish anyway.`);
    if (!isApproved(tx, row.id))
      throw new LifecycleError("This version has not been approved by its reviewer yet.", 409);
    const now = Date.now();
    const { title, departmentId, nextReviewAt } = input.resolve(row.document, now);
    const changeKind = input.changeKind ?? "material";
    const training = makePublished(
      tx,
      row.sopId,
      row.id,
      { title, departmentId, changeNote: note, nextReviewAt },
      now,
      { version: row.version, kind: changeKind, actorId: input.actorId },
    );
    recordAudit(tx, {
      actorId: input.actorId,
      action: "sop.publish",
      targetType: "sop",
      targetId: row.sopId,
      summary: `Published “${title}” version ${row.version} (${changeKind} change): ${note}`,
      details: { version: row.version, hash: row.hash, changeKind, certificatesWithdrawn: training.withdrawn.length },
    });
    syncSearchForSop(tx, row.sopId);
    return {
      version: row.version,
      changeKind,
      withdrawn: training.withdrawn.length,
      reassigned: training.reassigned.length,
    };
  });
}

/**
 * Roll back = publish a new version whose content is an old version's. The open draft, if any, stays as it is.
 */
export async function rollbackTo(
  db: Db,
  input: { sopId: string; fromVersionId: number; changeNote: string; actorId: string; resolve: PublishResolver },
): Promise<{ version: number; versionId: number }> {
  return db.transaction((tx) => {
    const old = getVersion(tx, input.fromVersionId);
    if (!old || old.sopId !== input.sopId) throw new LifecycleError("That version does not belong to this SOP.", 404);
    // Only content that went through review and was published may reach agents again.
    if (old.publishedAt == null || old.state === "draft" || old.state === "in_review")
      throw new LifecycleError("Only a version that was published before can be rolled back to.", 409);
    if (old.errorCount > 0)
      throw new LifecycleError(`Version ${old.version} has errors and cannot be published again.`);
    const sop = tx.select().from(sops).where(eq(sops.id, input.sopId)).get();
    if (!sop) throw new LifecycleError(`There is no SOP “${input.sopId}”.`, 404);
    if (sop.publishedVersionId === old.id)
      throw new LifecycleError(`Version ${old.version} is already the published version.`, 409);
    const note = input.changeNote.trim() || `Rolled back to version ${old.version}`;
    const now = Date.now();
    const version = nextVersionNumber(tx, input.sopId);
    // Open drafts keep their numbers: the rollback takes the next free one.
    const versionId = tx
      .insert(sopVersions)
      .values({
        sopId: input.sopId,
        version,
        state: "published",
        source: old.source,
        hash: old.hash,
        document: old.document,
        errorCount: old.errorCount,
        warningCount: old.warningCount,
        createdBy: input.actorId,
        createdAt: now,
        updatedAt: now,
        updatedBy: input.actorId,
        basedOnVersionId: old.id,
      })
      .returning({ id: sopVersions.id })
      .get().id;
    const { title, departmentId, nextReviewAt } = input.resolve(old.document, now);
    // A rollback changes what agents do: it is always a material change for training.
    makePublished(tx, input.sopId, versionId, { title, departmentId, changeNote: note, nextReviewAt }, now, {
      version,
      kind: "material",
      actorId: input.actorId,
    });
    recordAudit(tx, {
      actorId: input.actorId,
      action: "sop.rollback",
      targetType: "sop",
      targetId: input.sopId,
      summary:
        `Rolled “${title}” back to the content of ` +
        `version ${old.version}, published as version ${version}: ${note}`,
      details: { fromVersion: old.version, version, hash: old.hash },
    });
    syncSearchForSop(tx, input.sopId);
    return { version, versionId };
  });
}

/** Archive hides an SOP from agents and the library; restore brings its last published version back. */
export async function setArchived(db: Db, input: { sopId: string; archived: boolean; actorId: string }): Promise<void> {
  db.transaction((tx) => {
    const sop = tx.select().from(sops).where(eq(sops.id, input.sopId)).get();
    if (!sop) throw new LifecycleError(`There is no SOP “${input.sopId}”.`, 404);
    if (Boolean(sop.archivedAt) === input.archived)
      throw new LifecycleError(input.archived ? "This SOP is already archived." : "This SOP is not archived.", 409);
    const now = Date.now();
    tx.update(sops)
      .set({ archivedAt: input.archived ? now : null, updatedAt: now })
      .where(eq(sops.id, input.sopId))
      .run();
    if (sop.publishedVersionId) {
      tx.update(sopVersions)
        .set({ state: input.archived ? "archived" : "published" })
        .where(eq(sopVersions.id, sop.publishedVersionId))
        .run();
    }
    recordAudit(tx, {
      actorId: input.actorId,
      action: input.archived ? "sop.archive" : "sop.restore",
      targetType: "sop",
      targetId: input.sopId,
      summary: `${input.archived ? "Archived" : "Restored"} “${sop.title}”`,
    });
    syncSearchForSop(tx, input.sopId);
  });
}

/** Every SOP with where it stands, for the authors' overview. */
export async function listSopsForAuthors(db: Pick<Db, "select">) {
  const open = alias(sopVersions, "open_version");
  const published = alias(sopVersions, "published_version");
  return db
    .select({
      ...sopColumns,
      archivedAt: sops.archivedAt,
      nextReviewAt: sops.nextReviewAt,
      publishedVersion: published.version,
      publishedAt: published.publishedAt,
      owner: sql<string | null>`json_extract(${published.document}, '$.meta.owner')`,
      openVersionId: open.id,
      openVersion: open.version,
      openState: open.state,
      openUpdatedAt: open.updatedAt,
      openErrors: open.errorCount,
      reviewerName: reviewer.name,
      updatedAt: sops.updatedAt,
    })
    .from(sops)
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .leftJoin(published, eq(published.id, sops.publishedVersionId))
    .leftJoin(open, and(eq(open.sopId, sops.id), inArray(open.state, [...OPEN_STATES])))
    .leftJoin(reviewer, eq(reviewer.id, open.reviewerId))
    .orderBy(asc(departments.name), asc(sops.title))
    .all();
}

/** Versions waiting for a review decision: the reviewer's own, or every one for an admin. */
export async function listReviewQueue(db: Pick<Db, "select">, reviewerId: string | null) {
  return db
    .select({
      versionId: sopVersions.id,
      sopId: sopVersions.sopId,
      version: sopVersions.version,
      title: sops.title,
      departmentName: departments.name,
      submittedAt: sopVersions.submittedAt,
      authorName: updater.name,
      reviewerName: reviewer.name,
      reviewerId: sopVersions.reviewerId,
    })
    .from(sopVersions)
    .innerJoin(sops, eq(sops.id, sopVersions.sopId))
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .leftJoin(updater, eq(updater.id, sopVersions.updatedBy))
    .leftJoin(reviewer, eq(reviewer.id, sopVersions.reviewerId))
    .where(and(eq(sopVersions.state, "in_review"), reviewerId ? eq(sopVersions.reviewerId, reviewerId) : undefined))
    .orderBy(asc(sopVersions.submittedAt))
    .all();
}

/** Published, non-archived SOPs past their review date, owned by `ownerEmail` (all owners when null). */
export async function listOverdueReviews(db: Pick<Db, "select">, today: string, ownerEmail: string | null) {
  const published = alias(sopVersions, "published_version");
  const owner = sql<string | null>`json_extract(${published.document}, '$.meta.owner')`;
  return db
    .select({
      id: sops.id,
      title: sops.title,
      nextReviewAt: sops.nextReviewAt,
      departmentName: departments.name,
      owner,
    })
    .from(sops)
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .innerJoin(published, eq(published.id, sops.publishedVersionId))
    .where(
      and(
        isNull(sops.archivedAt),
        isNotNull(sops.nextReviewAt),
        lt(sops.nextReviewAt, today),
        ownerEmail ? or(sql`lower(${owner}) = lower(${ownerEmail})`) : undefined,
      ),
    )
    .orderBy(asc(sops.nextReviewAt))
    .all();
}

/** Active leads and admins: who can be asked to review. */
export async function listReviewerCandidates(db: Pick<Db, "select">, exceptUserId?: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        inArray(users.role, ["lead", "admin"]),
        exceptUserId ? sql`${users.id} != ${exceptUserId}` : undefined,
      ),
    )
    .orderBy(asc(users.name))
    .all();
}
