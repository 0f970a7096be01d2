import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "./client.server";
import { recordAudit } from "./audit.server";
import { syncSearchForSop } from "./search.server";
import { applyPublishToTraining } from "./training.server";
import { assertFixable, closeFlagsFixedBy } from "./feedback.server";
import { departments, sops, sopVersions, users } from "./schema";
import type { CompiledSource } from "./versions.server";
import { enqueueWebhook, webhookWanted } from "./webhooks.server";

/** One row of the library: what the list shows, read from the published version's stored document. */
export type LibraryRow = {
  id: string;
  title: string;
  departmentId: number;
  departmentName: string;
  version: number;
  purpose: string;
  owner: string | null;
  tags: string[];
  language: string;
  steps: number;
  publishedAt: number | null;
  nextReviewAt: string | null;
};

export async function listPublishedSops(
  db: Db,
  { departmentId }: { departmentId?: number } = {},
): Promise<LibraryRow[]> {
  const rows = db
    .select({
      id: sops.id,
      title: sops.title,
      departmentId: sops.departmentId,
      departmentName: departments.name,
      version: sopVersions.version,
      purpose: sql<string>`json_extract(${sopVersions.document}, '$.meta.purpose')`,
      nextReviewAt: sops.nextReviewAt,
      owner: sql<string | null>`json_extract(${sopVersions.document}, '$.meta.owner')`,
      tags: sql<string>`json_extract(${sopVersions.document}, '$.meta.tags')`,
      language: sql<string>`json_extract(${sopVersions.document}, '$.meta.language')`,
      steps: sql<number>`json_extract(${sopVersions.document}, '$.stats.steps')`,
      publishedAt: sopVersions.publishedAt,
    })
    .from(sops)
    .innerJoin(sopVersions, eq(sopVersions.id, sops.publishedVersionId))
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .where(and(isNull(sops.archivedAt), departmentId ? eq(sops.departmentId, departmentId) : undefined))
    .orderBy(asc(departments.name), asc(sops.title))
    .all();
  return rows.map((r) => ({
    ...r,
    tags: safeJsonArray(r.tags),
    owner: r.owner ?? null,
    language: r.language ?? "en",
    steps: r.steps ?? 0,
  }));
}

function safeJsonArray(text: string | null): string[] {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** The published version of an SOP with its stored, already-parsed document (archived SOPs: none). */
export async function getPublishedSop(db: Db, sopId: string) {
  return db
    .select({
      id: sops.id,
      title: sops.title,
      departmentName: departments.name,
      versionId: sopVersions.id,
      version: sopVersions.version,
      hash: sopVersions.hash,
      document: sopVersions.document,
      publishedAt: sopVersions.publishedAt,
    })
    .from(sops)
    .innerJoin(sopVersions, eq(sopVersions.id, sops.publishedVersionId))
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .where(and(eq(sops.id, sopId), isNull(sops.archivedAt)))
    .get();
}

export async function sopExists(db: Pick<Db, "select">, sopId: string): Promise<boolean> {
  return Boolean(db.select({ id: sops.id }).from(sops).where(eq(sops.id, sopId)).get());
}

export async function findDepartmentByName(db: Pick<Db, "select">, name: string) {
  return findDepartmentByNameIn(db, name);
}

/** findDepartmentByName, synchronous: for a publish resolver, which runs inside the publishing transaction. */
export function findDepartmentByNameIn(db: Pick<Db, "select">, name: string) {
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(sql`lower(${departments.name}) = lower(${name.trim()})`)
    .get();
}

/** A department by its id, its name (any case) or its slug: how the API lets a caller name one. */
export async function findDepartmentByRef(db: Pick<Db, "select">, ref: string | number) {
  const text = String(ref).trim();
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(
      /^\d+$/.test(text)
        ? eq(departments.id, Number(text))
        : sql`(lower(${departments.name}) = lower(${text}) or ${departments.slug} = lower(${text}))`,
    )
    .get();
}

export type PublishInput = CompiledSource & {
  sopId: string;
  departmentId: number;
  changeNote: string;
  actorId: string | null;
  /** for training: "minor" carries acknowledgements and certificates over; default "material" */
  changeKind?: "material" | "minor";
  /** YYYY-MM-DD when it is next due for review (sop-schema/review.ts nextReviewDate) */
  nextReviewAt?: string | null;
  /** agents' flags on this SOP (new or accepted) this version fixes: marked done in the publish's transaction */
  fixesFeedbackIds?: readonly string[];
};

/**
 * Publishes a new version of an SOP (creating the SOP on its first version) in one transaction:
 * the previous published version becomes superseded and the publish is audited. The flags in `fixesFeedbackIds`
 * become done, fixed by it; an id that is not an open flag of this SOP refuses the whole publish (FeedbackError).
 */
export async function publishVersion(db: Db, input: PublishInput): Promise<{ versionId: number; version: number }> {
  if (input.errorCount > 0) throw new Error(`Refusing to publish ${input.sopId}: it has ${input.errorCount} error(s).`);
  return db.transaction((tx) => {
    const now = Date.now();
    const fixes = input.fixesFeedbackIds ?? [];
    assertFixable(tx as unknown as Db, input.sopId, fixes);
    const existing = tx.select().from(sops).where(eq(sops.id, input.sopId)).get();
    if (!existing) {
      tx.insert(sops).values({ id: input.sopId, title: input.title, departmentId: input.departmentId }).run();
    }
    const last = tx
      .select({ v: sql<number>`coalesce(max(${sopVersions.version}), 0)` })
      .from(sopVersions)
      .where(eq(sopVersions.sopId, input.sopId))
      .get();
    const version = (last?.v ?? 0) + 1;
    tx.update(sopVersions)
      .set({ state: "superseded" })
      .where(and(eq(sopVersions.sopId, input.sopId), eq(sopVersions.state, "published")))
      .run();
    const versionId = tx
      .insert(sopVersions)
      .values({
        sopId: input.sopId,
        version,
        state: "published",
        source: input.source,
        hash: input.hash,
        document: input.document,
        errorCount: input.errorCount,
        warningCount: input.warningCount,
        changeNote: input.changeNote,
        createdBy: input.actorId,
        createdAt: now,
        publishedAt: now,
      })
      .returning({ id: sopVersions.id })
      .get().id;
    tx.update(sops)
      .set({
        title: input.title,
        departmentId: input.departmentId,
        publishedVersionId: versionId,
        nextReviewAt: input.nextReviewAt ?? null,
        updatedAt: now,
      })
      .where(eq(sops.id, input.sopId))
      .run();
    // Library imports and the seed publish directly (no review): a new version there is material unless told otherwise.
    applyPublishToTraining(tx, {
      sopId: input.sopId,
      versionId,
      version,
      kind: input.changeKind ?? "material",
      title: input.title,
      changeNote: input.changeNote,
      actorId: input.actorId,
      now,
    });
    syncSearchForSop(tx, input.sopId);
    closeFlagsFixedBy(tx as unknown as Db, {
      sopId: input.sopId,
      versionId,
      flagIds: fixes,
      actorId: input.actorId,
      now,
    });
    recordAudit(tx, {
      actorId: input.actorId,
      action: "sop.publish",
      targetType: "sop",
      targetId: input.sopId,
      summary: `Published “${input.title}” version ${version}${input.changeNote ? `: ${input.changeNote}` : ""}`,
      details: { version, hash: input.hash },
    });
    // announced in the publish's own transaction (through `db`: the same connection), so never for a rolled-back one
    if (webhookWanted(db, "sop.published")) {
      const department = tx
        .select({ name: departments.name })
        .from(departments)
        .where(eq(departments.id, input.departmentId))
        .get();
      const by = input.actorId
        ? tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, input.actorId)).get()
        : undefined;
      enqueueWebhook(db, "sop.published", {
        sopId: input.sopId,
        title: input.title,
        version,
        versionId,
        department: department?.name ?? null,
        changeNote: input.changeNote,
        changeKind: input.changeKind ?? "material",
        publishedBy: by ?? null,
        publishedAt: new Date(now).toISOString(),
      });
    }
    return { versionId, version };
  });
}

export async function countPublishedByDepartment(db: Db) {
  return db
    .select({ departmentName: departments.name, n: sql<number>`count(${sops.id})` })
    .from(departments)
    .leftJoin(sops, and(eq(sops.departmentId, departments.id), sql`${sops.publishedVersionId} is not null`))
    .groupBy(departments.id)
    .orderBy(asc(departments.name))
    .all();
}
