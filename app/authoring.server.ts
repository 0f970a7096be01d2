// Server glue for authoring: compiles sources, checks roles, and calls the one db/ function each step
// needs. Routes stay thin: parse the form, call one function here, return.
import { data } from "react-router";
import { z } from "zod";
import type { Db } from "../db/client.server";
import { findDepartmentByName } from "../db/sops.server";
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
  openOrStartDraft,
  publishApproved,
  rollbackTo,
  saveDraftSource,
  setArchived,
  submitForReview,
  withdrawFromReview,
  type CompiledSource,
  type PublishResolver,
  type VersionRow,
} from "../db/versions.server";
import { departments, sopVersions } from "../db/schema";
import { eq } from "drizzle-orm";
import { slugify } from "../sop-schema/slug";
import { nextReviewDate } from "../sop-schema/review";
import type { Diagnostic, SopDocument } from "../sop-schema";
import { newSopSource, SOP_TEMPLATES } from "../authoring/templates";
import { can } from "./auth/permissions";
import type { SessionUser } from "./auth/session.server";
import { compileSop } from "./sop-library.server";
import type { EditorDraft } from "./lib/editor-draft";

export { LifecycleError };

export type { EditorDraft };

export type SaveResult =
  | { ok: true; revision: number; updatedAt: number; errorCount: number; warningCount: number }
  | { ok: false; status: 409; conflict: { source: string; revision: number; updatedAt: number; updatedByName: string | null } }
  | { ok: false; status: 400 | 404 | 423; error: string };

/** The largest SOP source we accept (a long SOP is ~20 KB). */
export const MAX_SOURCE_BYTES = 512 * 1024;

function requireCan(actor: SessionUser, permission: Parameters<typeof can>[1], what: string) {
  if (!can(actor.role, permission)) throw new LifecycleError(`Your role cannot ${what}.`, 403);
}

/** A LifecycleError becomes a 4xx the route's error boundary (or form) shows; anything else propagates. */
export function asHttpError(error: unknown): never {
  if (error instanceof LifecycleError) throw data({ message: error.message }, { status: error.status });
  throw error;
}

export function compileForSave(source: string, sopId: string): CompiledSource & { diagnostics: Diagnostic[]; document: SopDocument } {
  const compiled = compileSop(source, `${sopId}.mdx`);
  return { source, hash: compiled.hash, document: compiled.document, errorCount: compiled.errorCount, warningCount: compiled.warningCount, title: compiled.document.meta.title || sopId, diagnostics: compiled.document.diagnostics };
}

function toEditorDraft(row: VersionRow, sop: { title: string; departmentName: string }, db: Db): EditorDraft {
  const basedOn = row.basedOnVersionId ? db.select({ version: sopVersions.version }).from(sopVersions).where(eq(sopVersions.id, row.basedOnVersionId)).get() : undefined;
  return {
    sopId: row.sopId,
    versionId: row.id,
    version: row.version,
    state: row.state === "in_review" ? "in_review" : "draft",
    source: row.source,
    revision: row.revision,
    updatedAt: row.updatedAt,
    updatedByName: row.updatedByName,
    title: (row.document as SopDocument).meta?.title || sop.title,
    departmentName: sop.departmentName,
    basedOnVersion: basedOn?.version ?? null,
    reviewerId: row.reviewerId,
    reviewerName: row.reviewerName,
    errorCount: row.errorCount,
    warningCount: row.warningCount,
  };
}

/** Opens the SOP's open draft/in-review version, or starts a new draft from the published one. Throws a 404/403 Response. */
export function openDraftForEditing(db: Db, actor: SessionUser, sopId: string): EditorDraft {
  try {
    requireCan(actor, "edit:sop", "edit SOPs");
    const sop = getSopRow(db, sopId);
    if (!sop) throw new LifecycleError(`There is no SOP “${sopId}”.`, 404);
    return toEditorDraft(openOrStartDraft(db, sopId, actor.id), sop, db);
  } catch (error) {
    return asHttpError(error);
  }
}

export const saveDraftSchema = z.object({
  versionId: z.coerce.number({ error: "versionId: a number" }).int().positive(),
  baseRevision: z.coerce.number({ error: "baseRevision: a number" }).int().positive(),
  source: z.string({ error: "source: the SOP text is missing" }).refine((s) => new TextEncoder().encode(s).length <= MAX_SOURCE_BYTES, {
    error: `source: an SOP may be at most ${MAX_SOURCE_BYTES / 1024} KB`,
  }),
});

export function saveDraft(db: Db, actor: SessionUser, input: { sopId: string; versionId: number; baseRevision: number; source: string }): SaveResult {
  if (!can(actor.role, "edit:sop")) asHttpError(new LifecycleError("Your role cannot edit SOPs.", 403));
  const version = getVersion(db, input.versionId);
  if (!version || version.sopId !== input.sopId) return { ok: false, status: 404, error: "This draft does not belong to this SOP." };
  if (new TextEncoder().encode(input.source).length > MAX_SOURCE_BYTES) return { ok: false, status: 400, error: `An SOP may be at most ${MAX_SOURCE_BYTES / 1024} KB.` };
  const compiled = compileForSave(input.source, input.sopId);
  const outcome = saveDraftSource(db, { versionId: input.versionId, baseRevision: input.baseRevision, compiled, actorId: actor.id });
  if (!outcome.ok) return outcome;
  return { ...outcome, errorCount: compiled.errorCount, warningCount: compiled.warningCount };
}

export function listReviewers(db: Db, exceptUserId?: string) {
  return listReviewerCandidates(db, exceptUserId);
}

export function listDepartmentNames(db: Db): string[] {
  return db
    .select({ name: departments.name })
    .from(departments)
    .orderBy(departments.name)
    .all()
    .map((d) => d.name);
}

const resolvePublish =
  (db: Db): PublishResolver =>
  (document, publishedAt) => {
    const meta = (document as SopDocument).meta;
    const department = findDepartmentByName(db, meta.department);
    if (!department) throw new LifecycleError(`The department “${meta.department}” does not exist: pick one of ${listDepartmentNames(db).join(", ")}.`);
    return { title: meta.title, departmentId: department.id, nextReviewAt: nextReviewDate(meta, publishedAt) };
  };

export const newSopSchema = z.object({
  title: z.string().trim().min(3, "Enter a title of at least 3 characters.").max(120, "Keep the title under 120 characters."),
  department: z.string().trim().min(1, "Choose a department."),
  template: z.enum(SOP_TEMPLATES.map((t) => t.id) as [string, ...string[]], { error: "Choose a template to start from." }),
  language: z
    .string()
    .trim()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "Use a language tag such as en, el or fa.")
    .default("en"),
});

/** A free SOP id derived from the title ("Refund a card" → refund-a-card, refund-a-card-2, …). */
export function freeSopId(db: Db, title: string): string {
  const base = slugify(title).slice(0, 60).replace(/-+$/, "") || "sop";
  for (let i = 1; ; i++) {
    const id = i === 1 ? base : `${base}-${i}`;
    if (!getSopRow(db, id)) return id;
  }
}

/** New SOP from a template: the first version is a draft the author lands in. */
export function createSop(db: Db, actor: SessionUser, input: z.infer<typeof newSopSchema>): { sopId: string; versionId: number } {
  requireCan(actor, "edit:sop", "create SOPs");
  const department = findDepartmentByName(db, input.department);
  if (!department) throw new LifecycleError(`department: there is no department called “${input.department}”.`);
  const sopId = freeSopId(db, input.title);
  const source = newSopSource({ title: input.title, department: department.name, templateId: input.template, language: input.language, owner: actor.email });
  const compiled = compileForSave(source, sopId);
  const { versionId } = createSopDraft(db, { sopId, departmentId: department.id, compiled, actorId: actor.id });
  return { sopId, versionId };
}

export const lifecycleSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit"), reviewerId: z.string().min(1, "Reviewer: choose who reviews it."), comment: z.string().max(2000).default(""), confirmWarnings: z.literal("1").optional() }),
  z.object({ intent: z.literal("withdraw") }),
  z.object({ intent: z.literal("approve"), comment: z.string().max(2000).default("") }),
  z.object({ intent: z.literal("request_changes"), comment: z.string().trim().min(1, "Comment: say what needs to change.").max(2000) }),
  z.object({ intent: z.literal("publish"), changeNote: z.string().trim().min(3, "Change note: say what changed (at least 3 characters).").max(500), confirmWarnings: z.literal("1").optional() }),
  z.object({ intent: z.literal("archive") }),
  z.object({ intent: z.literal("restore") }),
  z.object({ intent: z.literal("rollback"), versionId: z.coerce.number().int().positive(), changeNote: z.string().trim().max(500).default("") }),
]);
export type LifecycleInput = z.infer<typeof lifecycleSchema>;

/** One lifecycle step on an SOP. Throws LifecycleError (a 4xx with a message) when it is refused. */
export function applyLifecycle(db: Db, actor: SessionUser, sopId: string, input: LifecycleInput): string {
  const sop = getSopRow(db, sopId);
  if (!sop) throw new LifecycleError(`There is no SOP “${sopId}”.`, 404);
  const open = getOpenVersion(db, sopId);
  const needOpen = () => {
    if (!open) throw new LifecycleError("This SOP has no draft or version in review.", 409);
    return open;
  };
  switch (input.intent) {
    case "submit":
      requireCan(actor, "edit:sop", "send SOPs to review");
      submitForReview(db, { versionId: needOpen().id, reviewerId: input.reviewerId, actorId: actor.id, comment: input.comment, confirmWarnings: input.confirmWarnings === "1" });
      return "Sent to review.";
    case "withdraw":
      requireCan(actor, "edit:sop", "withdraw reviews");
      withdrawFromReview(db, { versionId: needOpen().id, actorId: actor.id });
      return "Withdrawn from review: the draft is editable again.";
    case "approve":
    case "request_changes":
      requireCan(actor, "review:sop", "review SOPs");
      decideReview(db, { versionId: needOpen().id, actorId: actor.id, actorIsAdmin: actor.role === "admin", decision: input.intent === "approve" ? "approved" : "changes_requested", comment: input.comment });
      return input.intent === "approve" ? "Approved: it can be published." : "Changes requested: the draft is back with its author.";
    case "publish": {
      requireCan(actor, "publish:sop", "publish SOPs");
      const { version } = publishApproved(db, { versionId: needOpen().id, changeNote: input.changeNote, actorId: actor.id, confirmWarnings: input.confirmWarnings === "1", resolve: resolvePublish(db) });
      return `Published version ${version}.`;
    }
    case "archive":
    case "restore":
      requireCan(actor, "publish:sop", "archive SOPs");
      setArchived(db, { sopId, archived: input.intent === "archive", actorId: actor.id });
      return input.intent === "archive" ? "Archived: agents no longer see it." : "Restored: agents see its published version again.";
    case "rollback": {
      requireCan(actor, "publish:sop", "roll back SOPs");
      const { version } = rollbackTo(db, { sopId, fromVersionId: input.versionId, changeNote: input.changeNote, actorId: actor.id, resolve: resolvePublish(db) });
      return `Rolled back: published as version ${version}.`;
    }
  }
}

/** Everything the history page shows about an SOP. */
export function sopHistory(db: Db, sopId: string) {
  const sop = getSopRow(db, sopId);
  if (!sop) throw data({ message: `There is no SOP “${sopId}”.` }, { status: 404 });
  return { sop, versions: listVersions(db, sopId) };
}

/** A version with its review conversation, for the review page. */
export function versionForReview(db: Db, sopId: string) {
  const sop = getSopRow(db, sopId);
  if (!sop) throw data({ message: `There is no SOP “${sopId}”.` }, { status: 404 });
  const open = getOpenVersion(db, sopId);
  const published = sop.publishedVersionId ? getVersion(db, sop.publishedVersionId) : undefined;
  return { sop, open: open ?? null, published: published ?? null, comments: open ? listReviewComments(db, open.id) : [] };
}
