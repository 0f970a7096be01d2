// The home page's questions, one query each: "what do I do now", per role. Every function takes the scope the
// caller derived from the policy (app/auth/policy.ts): an agent's own runs; a lead's department (or, for an
// admin, every department). Rows are capped; each card also gets the full count. No UI here.
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "./client.server";
import { runListColumns } from "./runs.server";
import { listReviewQueue } from "./versions.server";
import { departments, feedback, runs, sops, sopVersions, users } from "./schema";

/** Which SOPs a list covers: one department (a lead), every department (an admin), or none (no department). */
export type DepartmentScope = { all: true } | { all: false; departmentId: number | null };

/** The rows a card shows and how many there are in all. */
export type Card<T> = { total: number; rows: T[] };

const DEFAULT_LIMIT = 5;

function sopScope(scope: DepartmentScope): SQL | undefined {
  if (scope.all) return undefined;
  // A lead without a department acts on no SOP (policy.inScope): match nothing rather than everything.
  return scope.departmentId == null ? sql`0` : eq(sops.departmentId, scope.departmentId);
}

function count(db: Db, from: SQL, where: SQL | undefined): number {
  return db.get<{ n: number }>(sql`select count(*) as n from ${from} ${where ? sql`where ${where}` : sql``}`)?.n ?? 0;
}

/** The step a run is on (its index, kept with every append) in its pinned version's document: title and number. */
const currentStep = (field: "title" | "number") =>
  sql.raw(`json_extract("sop_versions"."document", '$.steps[' || "runs"."current_step_index" || '].${field}')`);

const runColumns = { ...runListColumns, updatedAt: runs.updatedAt };

function runRows(db: Pick<Db, "select">) {
  return db
    .select({
      ...runColumns,
      stepTitle: sql<string | null>`${currentStep("title")}`,
      stepNumber: sql<number | null>`${currentStep("number")}`,
      stepCount: sql<number>`coalesce(json_array_length("sop_versions"."document", '$.steps'), 0)`,
    })
    .from(runs)
    .innerJoin(sops, eq(sops.id, runs.sopId))
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .innerJoin(sopVersions, eq(sopVersions.id, runs.versionId));
}

export type HomeRun = ReturnType<ReturnType<typeof runRows>["all"]>[number];

/** An agent's (or anyone's own) runs still in progress, the most recently touched first. */
export async function activeRunsOf(db: Db, agentId: string, limit = DEFAULT_LIMIT): Promise<Card<HomeRun>> {
  const where = and(eq(runs.agentId, agentId), eq(runs.status, "active"), eq(runs.practice, false));
  return {
    total: count(db, sql`${runs}`, where),
    rows: runRows(db).where(where).orderBy(desc(runs.updatedAt), desc(runs.startedAt)).limit(limit).all(),
  };
}

/** Calls wrapped up, the latest first. */
export async function completedRunsOf(db: Db, agentId: string, limit = DEFAULT_LIMIT): Promise<Card<HomeRun>> {
  const where = and(eq(runs.agentId, agentId), eq(runs.status, "completed"), eq(runs.practice, false));
  return {
    total: count(db, sql`${runs}`, where),
    rows: runRows(db).where(where).orderBy(desc(runs.completedAt), desc(runs.startedAt)).limit(limit).all(),
  };
}

/**
 * Open follow-ups whose day is on or before `throughDay` (YYYY-MM-DD): the caller passes the viewer's tomorrow and
 * buckets them into overdue and due today in the viewer's zone (a due value may carry a time and an offset).
 * `open` counts every open follow-up, later ones included.
 */
export async function dueFollowUpsOf(db: Db, agentId: string, throughDay: string) {
  const open = and(
    eq(runs.agentId, agentId),
    eq(runs.status, "completed"),
    eq(runs.practice, false),
    isNotNull(runs.followUpDue),
    isNull(runs.followUpClosedAt),
  );
  const rows = db
    .select(runColumns)
    .from(runs)
    .innerJoin(sops, eq(sops.id, runs.sopId))
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .where(and(open, sql`substr(${runs.followUpDue}, 1, 10) <= ${throughDay}`))
    .orderBy(asc(runs.followUpDue), asc(runs.startedAt))
    .limit(500)
    .all();
  return { rows, open: count(db, sql`${runs}`, open) };
}

const updater = alias(users, "home_updater");

/**
 * Versions waiting for a decision: assigned to `reviewerId`, or every one for an admin (who may step in). The
 * review queue's own query (db/versions.server.ts), cut to the card's length; the queue is the versions in
 * review, never a long list.
 */
export async function reviewsWaiting(db: Db, reviewer: { id: string } | { all: true }, limit = DEFAULT_LIMIT) {
  const queue = await listReviewQueue(db, "all" in reviewer ? null : reviewer.id);
  return { total: queue.length, rows: queue.slice(0, limit) };
}

/**
 * Open versions (draft or in review): the ones `authorId` created or last edited, or, for an admin, every open
 * version of every department. The most recently edited first.
 */
export async function openDrafts(db: Db, who: { authorId: string } | { all: true }, limit = DEFAULT_LIMIT) {
  const where = and(
    inArray(sopVersions.state, ["draft", "in_review"]),
    "all" in who ? undefined : or(eq(sopVersions.createdBy, who.authorId), eq(sopVersions.updatedBy, who.authorId)),
  );
  const rows = db
    .select({
      versionId: sopVersions.id,
      sopId: sopVersions.sopId,
      version: sopVersions.version,
      state: sopVersions.state,
      title: sops.title,
      departmentName: departments.name,
      errorCount: sopVersions.errorCount,
      updatedAt: sopVersions.updatedAt,
      authorName: updater.name,
    })
    .from(sopVersions)
    .innerJoin(sops, eq(sops.id, sopVersions.sopId))
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .leftJoin(updater, eq(updater.id, sopVersions.updatedBy))
    .where(where)
    .orderBy(desc(sopVersions.updatedAt), desc(sopVersions.id))
    .limit(limit)
    .all();
  return { total: count(db, sql`${sopVersions}`, where), rows };
}

/** Published, non-archived SOPs in scope whose review date (reviewBy / reviewEvery) is before `today`. */
export async function overdueReviews(db: Db, scope: DepartmentScope, today: string, limit = DEFAULT_LIMIT) {
  const where = and(
    isNull(sops.archivedAt),
    isNotNull(sops.publishedVersionId),
    isNotNull(sops.nextReviewAt),
    lt(sops.nextReviewAt, today),
    sopScope(scope),
  );
  const rows = db
    .select({ id: sops.id, title: sops.title, nextReviewAt: sops.nextReviewAt, departmentName: departments.name })
    .from(sops)
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .where(where)
    .orderBy(asc(sops.nextReviewAt), asc(sops.title))
    .limit(limit)
    .all();
  return { total: count(db, sql`${sops}`, where), rows };
}

const flagger = alias(users, "home_flagger");

/**
 * Steps agents flagged on SOPs in scope and nobody has resolved yet, the newest first, with the step they are about.
 */
export async function openFlags(db: Db, scope: DepartmentScope, limit = DEFAULT_LIMIT) {
  const where = and(isNull(feedback.resolvedAt), sopScope(scope));
  const step = (field: "title" | "number") =>
    sql.raw(
      `(select json_extract(st.value, '$.${field}') from json_each("sop_versions"."document", ` +
        `'$.steps') st where json_extract(st.value, '$.id') = "feedback"."step_id")`,
    );
  const rows = db
    .select({
      id: feedback.id,
      sopId: feedback.sopId,
      sopTitle: sops.title,
      departmentName: departments.name,
      stepId: feedback.stepId,
      stepTitle: sql<string | null>`${step("title")}`,
      stepNumber: sql<number | null>`${step("number")}`,
      kind: feedback.kind,
      text: feedback.text,
      createdAt: feedback.createdAt,
      agentName: flagger.name,
    })
    .from(feedback)
    .innerJoin(sops, eq(sops.id, feedback.sopId))
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .innerJoin(sopVersions, eq(sopVersions.id, feedback.versionId))
    .leftJoin(flagger, eq(flagger.id, feedback.createdBy))
    .where(where)
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(limit)
    .all();
  const total =
    db.get<{ n: number }>(
      sql`select count(*) as n from ${feedback} inner join ${sops} on ${sops.id} = ${feedback.sopId} where ${where}`,
    )?.n ?? 0;
  return { total, rows };
}

/** Published, non-archived procedures of one department (or all), by title. */
export async function departmentProcedures(db: Db, departmentId: number | null, limit = DEFAULT_LIMIT) {
  const where = and(
    isNotNull(sops.publishedVersionId),
    isNull(sops.archivedAt),
    departmentId == null ? undefined : eq(sops.departmentId, departmentId),
  );
  const rows = db
    .select({ id: sops.id, title: sops.title, departmentName: departments.name, departmentSlug: departments.slug })
    .from(sops)
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .where(where)
    .orderBy(asc(sops.title))
    .limit(limit)
    .all();
  return { total: count(db, sql`${sops}`, where), rows };
}

/** Procedures published since `since` (epoch ms), the newest first: what changed in the library. */
export async function recentlyPublished(db: Db, since: number, limit = DEFAULT_LIMIT) {
  const where = and(
    isNull(sops.archivedAt),
    eq(sopVersions.state, "published"),
    sql`${sopVersions.publishedAt} >= ${since}`,
  );
  const rows = db
    .select({
      id: sops.id,
      title: sops.title,
      version: sopVersions.version,
      publishedAt: sopVersions.publishedAt,
      changeNote: sopVersions.changeNote,
      departmentName: departments.name,
    })
    .from(sops)
    .innerJoin(sopVersions, eq(sopVersions.id, sops.publishedVersionId))
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .where(where)
    .orderBy(desc(sopVersions.publishedAt), asc(sops.title))
    .limit(limit)
    .all();
  const total =
    db.get<{ n: number }>(
      sql`select count(*) as n from ${sops} inner join ${sopVersions} on ${sopVersions.id} = ${sops.publishedVersionId}
          where ${where}`,
    )?.n ?? 0;
  return { total, rows };
}

/** The organisation at a glance (admins): people, departments, the library and calls since `since`. */
export async function organisationSummary(db: Db, since: number) {
  const one = (q: SQL) => db.get<{ n: number }>(q)?.n ?? 0;
  return {
    activeUsers: one(sql`select count(*) as n from ${users} where ${users.active} = 1`),
    departments: one(sql`select count(*) as n from ${departments}`),
    publishedSops: one(
      sql`select count(*) as n from ${sops}
          where ${sops.publishedVersionId} is not null and ${sops.archivedAt} is null`,
    ),
    callsSince: one(
      sql`select count(*) as n from ${runs}
          where ${runs.startedAt} >= ${since} and ${runs.status} in ('active', 'completed')`,
    ),
    activeRuns: one(sql`select count(*) as n from ${runs} where ${runs.status} = 'active'`),
  };
}

/** A department's name and slug (for "Procedures in Billing" and its library link). */
export async function departmentOf(db: Db, id: number) {
  return (
    db
      .select({ name: departments.name, slug: departments.slug })
      .from(departments)
      .where(eq(departments.id, id))
      .get() ?? null
  );
}
