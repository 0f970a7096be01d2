// Server glue for authoring: compiles sources, checks roles, and calls the one db/ function each step
// needs. Routes stay thin: parse the form, call one function here, return.
import { data } from "react-router";
import { z } from "zod";
import type { Db } from "../db/client.server";
import { findDepartmentByName, findDepartmentByNameIn } from "../db/sops.server";
import { assertFixable, closeFlagsFixedBy } from "../db/feedback.server";
import {
  createSopDraft,
  decideReview,
  getOpenVersion,
  getSopRow,
  getVersion,
  LifecycleError,
  listReviewComments,
  listReviewerCandidates,
  listVersions,
  countOtherReviewers,
  reassignReviewer,
  startDraft as startDraftRow,
  versionAuthorIds,
  publishApproved,
  rollbackTo,
  saveDraftSource,
  startDraftWithSource,
  discardDraft,
  nextVersionNumber,
  setArchived,
  submitForReview,
  withdrawFromReview,
  type CompiledSource,
  type PublishResolver,
  type VersionRow,
} from "../db/versions.server";
import { departments, sopVersions, users } from "../db/schema";
import { eq } from "drizzle-orm";
import { slugify } from "../sop-schema/slug";
import { nextReviewDate } from "../sop-schema/review";
import { blocksReview } from "../sop-schema/placeholders";
import type { Diagnostic, SopDocument } from "../sop-schema/types";
import { newSopSource, SOP_TEMPLATES } from "../authoring/templates";
import { can } from "./auth/permissions";
import {
  authorize,
  decideFeedback,
  decideReviewer,
  decideSop,
  inScope,
  PolicyDenied,
  type SopAction,
  type SopSubject,
  type VersionState,
} from "./auth/policy";
import type { SessionUser } from "./auth/session.server";
import { compileSop } from "./sop-library.server";
import { CompileJobError, compileSopAsync, type CompilePriority } from "./compile-pool.server";
import type { CompiledSop } from "./sop-compile.server";
import type { EditorDraft } from "./lib/editor-draft";
import { throwRouteError } from "./http-errors.server";

export { LifecycleError };

export type { EditorDraft };

export type SaveResult =
  /** `versionId`: set when this save started the draft (the editor saves into it from now on) */
  | { ok: true; revision: number; updatedAt: number; errorCount: number; warningCount: number; versionId?: number }
  | {
      ok: false;
      status: 409;
      /** the version the conflict is with, when it is not the one the save named (a draft started meanwhile) */
      versionId?: number;
      conflict: { source: string; revision: number; updatedAt: number; updatedByName: string | null };
    }
  | { ok: false; status: 400 | 404 | 423; error: string };

/** The largest SOP source we accept (a long SOP is ~20 KB). */
export const MAX_SOURCE_BYTES = 512 * 1024;

function requireCan(actor: SessionUser, permission: Parameters<typeof can>[1], what: string) {
  if (!can(actor.role, permission)) throw new LifecycleError(`Your role cannot ${what}.`, 403);
}

type SopRow = NonNullable<Awaited<ReturnType<typeof getSopRow>>>;

/** What the policy needs to know about an SOP and (optionally) one of its versions. */
async function sopSubject(db: Db, sop: SopRow, version?: VersionRow): Promise<SopSubject> {
  return {
    departmentId: sop.departmentId,
    archived: sop.archivedAt != null,
    published: sop.publishedVersionId != null,
    ...(version
      ? {
          version: {
            state: version.state,
            authorIds: await versionAuthorIds(db, version),
            reviewerId: version.reviewerId,
            everPublished: version.publishedAt != null,
            current: sop.publishedVersionId === version.id,
          },
        }
      : {}),
  };
}

/** Asks the policy; throws PolicyDenied (a 4xx with the reason) when refused. */
async function check(db: Db, actor: SessionUser, action: SopAction, sop: SopRow, version?: VersionRow) {
  const subject = await sopSubject(db, sop, version);
  const others = action === "review" ? await countOtherReviewers(db, [actor.id]) : undefined;
  return authorize(decideSop(actor, action, subject, { otherReviewers: others }));
}

async function requireSop(db: Db, sopId: string): Promise<SopRow> {
  const sop = await getSopRow(db, sopId);
  if (!sop) throw new LifecycleError(`There is no SOP “${sopId}”.`, 404);
  return sop;
}

export type CompiledForSave = CompiledSource & { diagnostics: Diagnostic[]; document: SopDocument };

function forSave(source: string, sopId: string, compiled: CompiledSop): CompiledForSave {
  return {
    source,
    hash: compiled.hash,
    document: compiled.document,
    errorCount: compiled.errorCount,
    warningCount: compiled.warningCount,
    title: compiled.document.meta.title || sopId,
    diagnostics: compiled.document.diagnostics,
  };
}

/** Compiles on this thread (seed, tests). Requests use compileForSaveAsync. */
export function compileForSave(source: string, sopId: string): CompiledForSave {
  return forSave(source, sopId, compileSop(source, `${sopId}.mdx`));
}

/** Compiles in the worker pool, off the request thread. Rejects with CompileJobError on timeout or crash. */
export async function compileForSaveAsync(
  source: string,
  sopId: string,
  priority: CompilePriority = "interactive",
): Promise<CompiledForSave> {
  return forSave(source, sopId, await compileSopAsync(source, `${sopId}.mdx`, { priority }));
}

function toEditorDraft(row: VersionRow, sop: { title: string; departmentName: string }, db: Db): EditorDraft {
  const basedOn = row.basedOnVersionId
    ? db
        .select({ version: sopVersions.version })
        .from(sopVersions)
        .where(eq(sopVersions.id, row.basedOnVersionId))
        .get()
    : undefined;
  return {
    sopId: row.sopId,
    versionId: row.id,
    version: row.version,
    state: row.state === "in_review" ? "in_review" : "draft",
    source: row.source,
    revision: row.revision,
    updatedAt: row.updatedAt,
    updatedByName: row.updatedByName,
    title: row.document.meta?.title || sop.title,
    departmentName: sop.departmentName,
    basedOnVersion: basedOn?.version ?? null,
    reviewerId: row.reviewerId,
    reviewerName: row.reviewerName,
    errorCount: row.errorCount,
    warningCount: row.warningCount,
    phantom: false,
  };
}

export type EditorStart = {
  sopId: string;
  title: string;
  departmentName: string;
  publishedVersion: number | null;
  archived: boolean;
  refusal: string | null;
};

/**
 * What the editor opens: the SOP's open draft or in-review version, or — when there is none — what a new draft
 * would start from. A page view never writes: the draft is created by `startDraft`, an explicit POST.
 */
export async function editorFor(
  db: Db,
  actor: SessionUser,
  sopId: string,
): Promise<{ draft: EditorDraft; start: null } | { draft: null; start: EditorStart }> {
  try {
    const sop = await requireSop(db, sopId);
    await check(db, actor, "read-drafts", sop);
    if (!inScope(actor, sop.departmentId))
      throw new PolicyDenied(
        403,
        `You can only edit SOPs of your own department; “${sop.title}” belongs to ${sop.departmentName}.`,
      );
    const open = getOpenVersion(db, sopId);
    if (open) return { draft: toEditorDraft(open, sop, db), start: null };
    const published = sop.publishedVersionId ? getVersion(db, sop.publishedVersionId) : undefined;
    const decision = decideSop(actor, "edit", await sopSubject(db, sop, published));
    // A phantom draft: the editor opens on the published text and the first change starts the draft (a GET
    // writes nothing). Revision 0 tells the save which published version the author saw.
    if (published && decision.ok)
      return {
        draft: {
          ...toEditorDraft(published, sop, db),
          version: nextVersionNumber(db, sopId),
          state: "draft",
          revision: 0,
          basedOnVersion: published.version,
          reviewerId: null,
          reviewerName: null,
          phantom: true,
        },
        start: null,
      };
    return {
      draft: null,
      start: {
        sopId,
        title: sop.title,
        departmentName: sop.departmentName,
        publishedVersion: published?.version ?? null,
        archived: sop.archivedAt != null,
        refusal: decision.ok ? null : decision.reason,
      },
    };
  } catch (error) {
    return throwRouteError(error);
  }
}

/**
 * Starts a draft from the published version by an explicit POST ("Start editing" without JavaScript; the editor
 * starts one with its first save).
 */
export async function startDraft(db: Db, actor: SessionUser, sopId: string): Promise<{ versionId: number }> {
  const sop = await requireSop(db, sopId);
  if (!inScope(actor, sop.departmentId)) authorize(decideSop(actor, "edit", await sopSubject(db, sop)));
  const open = getOpenVersion(db, sopId);
  if (open) return { versionId: open.id };
  await check(db, actor, "edit", sop, sop.publishedVersionId ? getVersion(db, sop.publishedVersionId) : undefined);
  return { versionId: (await startDraftRow(db, sopId, actor.id)).id };
}

export const saveDraftSchema = z.object({
  versionId: z.coerce.number({ error: "versionId: a number" }).int().positive(),
  /** 0: no draft yet, `versionId` is the published version the editor opened on (a phantom draft) */
  baseRevision: z.coerce.number({ error: "baseRevision: a number" }).int().nonnegative(),
  source: z
    .string({ error: "source: the SOP text is missing" })
    .refine((s) => new TextEncoder().encode(s).length <= MAX_SOURCE_BYTES, {
      error: `source: an SOP may be at most ${MAX_SOURCE_BYTES / 1024} KB`,
    }),
});

export async function saveDraft(
  db: Db,
  actor: SessionUser,
  input: { sopId: string; versionId: number; baseRevision: number; source: string },
): Promise<SaveResult> {
  const version = getVersion(db, input.versionId);
  const sop = await getSopRow(db, input.sopId);
  if (!sop || !version || version.sopId !== input.sopId)
    return { ok: false, status: 404, error: "This draft does not belong to this SOP." };
  // Scope and role; the state (draft, not in review) and the revision are checked in the save's transaction.
  const decision = decideSop(actor, "edit", await sopSubject(db, sop));
  if (!decision.ok) throwRouteError(new PolicyDenied(decision.status, decision.reason));
  if (new TextEncoder().encode(input.source).length > MAX_SOURCE_BYTES)
    return { ok: false, status: 400, error: `An SOP may be at most ${MAX_SOURCE_BYTES / 1024} KB.` };
  let compiled: CompiledForSave;
  try {
    compiled = await compileForSaveAsync(input.source, input.sopId);
  } catch (error) {
    if (!(error instanceof CompileJobError)) throw error;
    return {
      ok: false,
      status: 400,
      error:
        `${error.message}, so the draft was not saved (your text is ` +
        `kept in this browser). Split the SOP or simplify its lists.`,
    };
  }
  // Revision 0 names the published version the editor opened on: this first change starts the draft.
  const outcome =
    input.baseRevision === 0
      ? await startDraftWithSource(db, {
          sopId: input.sopId,
          fromVersionId: input.versionId,
          compiled,
          actorId: actor.id,
        })
      : await saveDraftSource(db, {
          versionId: input.versionId,
          baseRevision: input.baseRevision,
          compiled,
          actorId: actor.id,
        });
  if (!outcome.ok) return outcome;
  return { ...outcome, errorCount: compiled.errorCount, warningCount: compiled.warningCount };
}

/** Whom the author may ask to review: other active leads and admins; an admin alone may pick themselves. */
export async function listReviewers(db: Db, actor: SessionUser) {
  const others = await listReviewerCandidates(db, actor.id);
  if (others.length === 0 && actor.role === "admin")
    return [{ id: actor.id, name: `${actor.name} (you — the only reviewer)`, email: actor.email }];
  return others;
}

/** Department names, in order; with `actor`, only those they may author in (a lead: their own). */
export function listDepartmentNames(db: Db, actor?: SessionUser): string[] {
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .orderBy(departments.name)
    .all()
    .filter((d) => !actor || inScope(actor, d.id))
    .map((d) => d.name);
}

const resolvePublish =
  (db: Db, actor: SessionUser): PublishResolver =>
  (document, publishedAt) => {
    const meta = document.meta;
    const department = findDepartmentByNameIn(db, meta.department);
    if (!department)
      throw new LifecycleError(
        `The department “${meta.department}” does not exist: pick one of ${listDepartmentNames(db).join(", ")}.`,
      );
    // Publishing into a department is acting on it: a lead cannot move an SOP into another department's library.
    if (!inScope(actor, department.id))
      throw new PolicyDenied(
        403,
        `This version moves the SOP to ${department.name}: only its leads or an admin can publish there.`,
      );
    return { title: meta.title, departmentId: department.id, nextReviewAt: nextReviewDate(meta, publishedAt) };
  };

export const newSopSchema = z.object({
  title: z
    .string()
    .trim()
    .min(3, "Enter a title of at least 3 characters.")
    .max(120, "Keep the title under 120 characters."),
  department: z.string().trim().min(1, "Choose a department."),
  template: z.enum(SOP_TEMPLATES.map((t) => t.id) as [string, ...string[]], {
    error: "Choose a template to start from.",
  }),
  language: z
    .string()
    .trim()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "Use a language tag such as en, el or fa.")
    .default("en"),
});

/** A free SOP id derived from the title ("Refund a card" → refund-a-card, refund-a-card-2, …). */
export async function freeSopId(db: Db, title: string): Promise<string> {
  const base = slugify(title).slice(0, 60).replace(/-+$/, "") || "sop";
  for (let i = 1; ; i++) {
    const id = i === 1 ? base : `${base}-${i}`;
    if (!(await getSopRow(db, id))) return id;
  }
}

/** New SOP from a template: the first version is a draft the author lands in. */
export async function createSop(
  db: Db,
  actor: SessionUser,
  input: z.infer<typeof newSopSchema>,
): Promise<{ sopId: string; versionId: number }> {
  requireCan(actor, "edit:sop", "create SOPs");
  const department = await findDepartmentByName(db, input.department);
  if (!department) throw new LifecycleError(`department: there is no department called “${input.department}”.`);
  if (!inScope(actor, department.id))
    throw new PolicyDenied(403, `department: you can only create SOPs in your own department.`);
  const sopId = await freeSopId(db, input.title);
  const source = newSopSource({
    title: input.title,
    department: department.name,
    templateId: input.template,
    language: input.language,
    owner: actor.email,
  });
  const compiled = await compileForSaveAsync(source, sopId);
  const { versionId } = await createSopDraft(db, { sopId, departmentId: department.id, compiled, actorId: actor.id });
  return { sopId, versionId };
}

export const lifecycleSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("submit"),
    reviewerId: z.string().min(1, "Reviewer: choose who reviews it."),
    comment: z.string().max(2000).default(""),
    confirmWarnings: z.literal("1").optional(),
  }),
  z.object({ intent: z.literal("withdraw") }),
  z.object({ intent: z.literal("discard") }),
  z.object({ intent: z.literal("reassign"), reviewerId: z.string().min(1, "Reviewer: choose who reviews it.") }),
  z.object({ intent: z.literal("approve"), comment: z.string().max(2000).default("") }),
  z.object({
    intent: z.literal("request_changes"),
    comment: z.string().trim().min(1, "Comment: say what needs to change.").max(2000),
  }),
  z.object({
    intent: z.literal("publish"),
    changeNote: z.string().trim().min(3, "Change note: say what changed (at least 3 characters).").max(500),
    confirmWarnings: z.literal("1").optional(),
    /** training: must everyone read it again (material) or does what they confirmed still hold (minor)? */
    changeKind: z
      .enum(["material", "minor"], {
        error: "Change for training: choose material (everyone reads it again) or minor (acknowledgements carry over).",
      })
      .optional(),
  }),
  z.object({ intent: z.literal("archive") }),
  z.object({ intent: z.literal("restore") }),
  z.object({
    intent: z.literal("rollback"),
    versionId: z.coerce.number().int().positive(),
    changeNote: z.string().trim().max(500).default(""),
  }),
]);
export type LifecycleInput = z.infer<typeof lifecycleSchema>;

/**
 * The publish form's "This version fixes …" checkboxes (every ticked one, so read with FormData.getAll): ids of
 * agents' flags the published version closes. Checked against the SOP's open flags when publishing.
 */
export const fixesSchema = z
  .array(z.string().trim().min(1).max(64), { error: "Fixed flags: a list of flag ids." })
  .max(200, "Fixed flags: tick at most 200 at once.");

/** Extra input of a lifecycle step that a plain schema field cannot carry (repeated form values). */
export type LifecycleOptions = { fixesFeedbackIds?: readonly string[] };

/** Checks a chosen reviewer against the policy; true when it is the sole-admin self-review exception. */
async function checkReviewer(db: Db, actor: SessionUser, reviewerId: string, version: VersionRow): Promise<boolean> {
  const reviewer = db
    .select({ id: users.id, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, reviewerId))
    .get();
  const authors = [...new Set([...(await versionAuthorIds(db, version)), actor.id])];
  const decision = authorize(decideReviewer(actor, reviewer, authors, await countOtherReviewers(db, authors)));
  return decision.note === "sole-admin-self-review";
}

/**
 * The warnings of a stored document that block review (sop-schema/placeholders.ts): `TODO` values the Markdown
 * import left in the front matter, and a template's example text.
 */
function placeholderDiagnostics(document: unknown): Diagnostic[] {
  const diagnostics =
    document && typeof document === "object" ? (document as { diagnostics?: unknown }).diagnostics : undefined;
  if (!Array.isArray(diagnostics)) return [];
  return diagnostics.filter((d): d is Diagnostic => Boolean(d) && typeof d === "object" && blocksReview(d));
}

/**
 * A version with placeholders is not sent to review (the content freezes there) nor published: confirming the
 * warnings does not get past them. The message says what to change, and where.
 */
function refusePlaceholders(version: VersionRow, doing: string): void {
  const found = placeholderDiagnostics(version.document);
  if (!found.length) return;
  // "Set the handle time target: the import left a placeholder" → "Set the handle time target (line 7)";
  // "Replace the example text: “Describe what the agent does.”" stays whole, with its line.
  const what = found
    .map((d) => `${d.code === "placeholder" ? d.message.split(":")[0]!.trim() : d.message} (line ${d.line})`)
    .join("; ");
  throw new LifecycleError(`Replace the placeholder${found.length === 1 ? "" : "s"} before ${doing}: ${what}.`);
}

/**
 * One lifecycle step on an SOP. The policy (app/auth/policy.ts) decides who may; db/ checks the state in the
 * step's transaction. Throws LifecycleError or PolicyDenied (a 4xx with a message) when it is refused.
 */
export async function applyLifecycle(
  db: Db,
  actor: SessionUser,
  sopId: string,
  input: LifecycleInput,
  options: LifecycleOptions = {},
): Promise<string> {
  const sop = await requireSop(db, sopId);
  const open = getOpenVersion(db, sopId);
  const needOpen = () => {
    if (!open) throw new LifecycleError("This SOP has no draft or version in review.", 409);
    return open;
  };
  switch (input.intent) {
    case "submit": {
      const version = needOpen();
      await check(db, actor, "submit", sop, version);
      refusePlaceholders(version, "sending this SOP to review");
      const selfReview = await checkReviewer(db, actor, input.reviewerId, version);
      await submitForReview(db, {
        versionId: version.id,
        reviewerId: input.reviewerId,
        actorId: actor.id,
        comment: input.comment,
        confirmWarnings: input.confirmWarnings === "1",
        selfReview,
      });
      return "Sent to review.";
    }
    case "discard": {
      const version = needOpen();
      await check(db, actor, "discard", sop, version);
      const { version: number } = await discardDraft(db, { versionId: version.id, actorId: actor.id });
      return `Draft v${number} discarded: the SOP stays as published.`;
    }
    case "withdraw":
      await check(db, actor, "withdraw", sop, needOpen());
      await withdrawFromReview(db, { versionId: open!.id, actorId: actor.id });
      return "Withdrawn from review: the draft is editable again.";
    case "reassign": {
      const version = needOpen();
      await check(db, actor, "reassign", sop, version);
      const selfReview = await checkReviewer(db, actor, input.reviewerId, version);
      const name = await reassignReviewer(db, {
        versionId: version.id,
        reviewerId: input.reviewerId,
        actorId: actor.id,
        selfReview,
      });
      return `${name} now reviews it.`;
    }
    case "approve":
    case "request_changes": {
      const decision = await check(db, actor, "review", sop, needOpen());
      await decideReview(db, {
        versionId: open!.id,
        actorId: actor.id,
        decision: input.intent === "approve" ? "approved" : "changes_requested",
        comment: input.comment,
        selfReview: decision.note === "sole-admin-self-review",
      });
      return input.intent === "approve"
        ? "Approved: it can be published."
        : "Changes requested: the draft is back with its author.";
    }
    case "publish": {
      await check(db, actor, "publish", sop, needOpen());
      refusePlaceholders(open!, "publishing");
      // A first publish has nothing to carry over; after that the lead must say which kind of change it is.
      if (sop.publishedVersionId != null && !input.changeKind)
        throw new LifecycleError(
          "Change for training: choose material (everyone reads it again) or minor (acknowledgements carry over).",
        );
      const fixes = [...new Set(options.fixesFeedbackIds ?? [])];
      if (fixes.length) authorize(decideFeedback(actor, "done", { departmentId: sop.departmentId }));
      // One transaction: the version goes live and the flags it fixes are done, or neither (publishApproved's
      // own transaction nests as a savepoint). The flags are checked before anything is written.
      const { version, changeKind, withdrawn, reassigned, fixed } = db.transaction((tx) => {
        const inTx = tx as unknown as Db;
        assertFixable(inTx, sopId, fixes);
        const published = publishApproved(inTx, {
          versionId: open!.id,
          changeNote: input.changeNote,
          actorId: actor.id,
          confirmWarnings: input.confirmWarnings === "1",
          resolve: resolvePublish(inTx, actor),
          changeKind: input.changeKind ?? "material",
        });
        return {
          ...published,
          fixed: closeFlagsFixedBy(inTx, { sopId, versionId: open!.id, flagIds: fixes, actorId: actor.id }),
        };
      });
      const closed = fixed === 1 ? "1 flag is" : `${fixed} flags are`;
      const flags = fixed ? ` ${closed} marked fixed in version ${version}: the agents see it on their home page.` : "";
      if (changeKind === "minor")
        return `Published version ${version} as a minor change: acknowledgements and certificates carry over.${flags}`;
      const reach = [
        withdrawn ? `${withdrawn} certificate${withdrawn === 1 ? "" : "s"} withdrawn` : "",
        reassigned ? `${reassigned} ${reassigned === 1 ? "person" : "people"} asked to read it` : "",
      ]
        .filter(Boolean)
        .join(", ");
      return (
        `Published version ${version} as a material change: everyone assigned ` +
        `must read and confirm it again${reach ? ` (${reach})` : ""}.${flags}`
      );
    }
    case "archive":
    case "restore":
      await check(db, actor, input.intent, sop);
      await setArchived(db, { sopId, archived: input.intent === "archive", actorId: actor.id });
      return input.intent === "archive"
        ? "Archived: agents no longer see it."
        : "Restored: agents see its published version again.";
    case "rollback": {
      const target = getVersion(db, input.versionId);
      if (!target || target.sopId !== sopId) throw new LifecycleError("That version does not belong to this SOP.", 404);
      await check(db, actor, "rollback", sop, target);
      const { version } = await rollbackTo(db, {
        sopId,
        fromVersionId: input.versionId,
        changeNote: input.changeNote,
        actorId: actor.id,
        resolve: resolvePublish(db, actor),
      });
      return `Rolled back: published as version ${version}.`;
    }
  }
}

export type LifecycleAbilities = Record<
  "edit" | "withdraw" | "reassign" | "review" | "publish" | "archive" | "restore",
  boolean
>;

/** What the page may offer this actor on this SOP and its open version (the same policy the actions ask). */
export async function lifecycleAbilities(db: Db, actor: SessionUser, sopId: string): Promise<LifecycleAbilities> {
  const sop = await getSopRow(db, sopId);
  const none = {
    edit: false,
    withdraw: false,
    reassign: false,
    review: false,
    publish: false,
    archive: false,
    restore: false,
  };
  if (!sop) return none;
  const open = getOpenVersion(db, sopId);
  const withOpen = await sopSubject(db, sop, open);
  const bare = await sopSubject(db, sop);
  const others = await countOtherReviewers(db, [actor.id]);
  const ok = (action: SopAction, subject: SopSubject) =>
    decideSop(actor, action, subject, { otherReviewers: others }).ok;
  return {
    edit: ok("edit", withOpen),
    withdraw: Boolean(open) && ok("withdraw", withOpen),
    reassign: Boolean(open) && ok("reassign", withOpen),
    review: Boolean(open) && ok("review", withOpen),
    publish: Boolean(open) && ok("publish", withOpen),
    archive: ok("archive", bare),
    restore: ok("restore", bare),
  };
}

/**
 * The versions `actor` may roll this SOP back to (history page buttons), decided from the rows the page already
 * listed: rollback depends on state and publication only, so no version's source or document is read.
 */
export function rollbackTargets(
  actor: SessionUser,
  sop: SopRow,
  versions: readonly { id: number; state: VersionState; publishedAt: number | null }[],
): number[] {
  const base = { departmentId: sop.departmentId, archived: sop.archivedAt != null };
  return versions
    .filter(
      (v) =>
        decideSop(actor, "rollback", {
          ...base,
          version: {
            state: v.state,
            authorIds: [],
            reviewerId: null,
            everPublished: v.publishedAt != null,
            current: v.id === sop.publishedVersionId,
          },
        }).ok,
    )
    .map((v) => v.id);
}

/** Everything the history page shows about an SOP. */
export async function sopHistory(db: Db, sopId: string) {
  const sop = await getSopRow(db, sopId);
  if (!sop) throw data({ message: `There is no SOP “${sopId}”.` }, { status: 404 });
  return { sop, versions: await listVersions(db, sopId) };
}

/** A version with its review conversation, for the review page. */
export async function versionForReview(db: Db, sopId: string) {
  const sop = await getSopRow(db, sopId);
  if (!sop) throw data({ message: `There is no SOP “${sopId}”.` }, { status: 404 });
  const open = getOpenVersion(db, sopId);
  const published = sop.publishedVersionId ? getVersion(db, sop.publishedVersionId) : undefined;
  return {
    sop,
    open: open ?? null,
    published: published ?? null,
    comments: open ? await listReviewComments(db, open.id) : [],
  };
}
