// Live runs across agents, each with its SOP, version and agent: what the versioned API lists, pages and reads
// (app/api-v1.server.ts). An agent's own lists (My runs, Follow-ups) and the run itself are in db/runs.server.ts.
import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client.server";
import { runs, sops, sopVersions, users } from "./schema";
import { normaliseEmail } from "./users.server";

const summaryColumns = {
  id: runs.id,
  sopId: runs.sopId,
  sopTitle: sops.title,
  version: sopVersions.version,
  agentId: users.id,
  agentEmail: users.email,
  agentName: users.name,
  status: runs.status,
  outcome: runs.outcome,
  channel: runs.channel,
  customerRef: runs.customerRef,
  externalRef: runs.externalRef,
  integrationId: runs.integrationId,
  followUpDue: runs.followUpDue,
  followUpClosedAt: runs.followUpClosedAt,
  startedAt: runs.startedAt,
  completedAt: runs.completedAt,
  eventCount: runs.eventCount,
};

/**
 * Whose runs a reader sees (the policy's read rule, decided by the caller): every run, or an agent's own and, for a
 * lead, also those of their department's SOPs.
 */
export type RunScope = { all: true } | { agentId: string; departmentId?: number | null };

export type Page = { limit: number; offset: number };

function scopeWhere(scope: RunScope): SQL | undefined {
  if ("all" in scope) return undefined;
  if (scope.departmentId != null)
    return sql`(${runs.agentId} = ${scope.agentId} or ${sops.departmentId} = ${scope.departmentId})`;
  return eq(runs.agentId, scope.agentId);
}

function summaryQuery(db: Db) {
  return db
    .select(summaryColumns)
    .from(runs)
    .innerJoin(sops, eq(sops.id, runs.sopId))
    .innerJoin(sopVersions, eq(sopVersions.id, runs.versionId))
    .innerJoin(users, eq(users.id, runs.agentId));
}

export type RunSummary = ReturnType<ReturnType<typeof summaryQuery>["all"]>[number];

function summaryPage(db: Db, where: SQL | undefined, order: SQL[], page: Page) {
  const items = summaryQuery(db)
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset)
    .all();
  // the count needs no version: its join only adds columns
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(runs)
      .innerJoin(sops, eq(sops.id, runs.sopId))
      .innerJoin(users, eq(users.id, runs.agentId))
      .where(where)
      .get()?.n ?? 0;
  return { items, total };
}

export type RunSummaryFilters = {
  scope: RunScope;
  externalRef?: string;
  agentEmail?: string;
  sopId?: string;
  status?: RunSummary["status"];
  /** epoch ms: started at or after */
  startedFrom?: number;
  /** epoch ms: started before */
  startedBefore?: number;
};

/** One page of live runs (never practice), newest first, and how many match in all. */
export async function listRunSummaries(db: Db, filters: RunSummaryFilters, page: Page) {
  const where = and(
    eq(runs.practice, false),
    scopeWhere(filters.scope),
    filters.externalRef ? eq(runs.externalRef, filters.externalRef) : undefined,
    filters.agentEmail ? eq(users.email, normaliseEmail(filters.agentEmail)) : undefined,
    filters.sopId ? eq(runs.sopId, filters.sopId) : undefined,
    filters.status ? eq(runs.status, filters.status) : undefined,
    filters.startedFrom !== undefined ? gte(runs.startedAt, filters.startedFrom) : undefined,
    filters.startedBefore !== undefined ? lt(runs.startedAt, filters.startedBefore) : undefined,
  );
  return summaryPage(db, where, [desc(runs.startedAt), desc(runs.id)], page);
}

export type OpenFollowUpFilters = {
  scope: RunScope;
  agentEmail?: string;
  /** a date (`YYYY-MM-DD`) or a date-time: only its date counts */
  dueBefore?: string;
  dueAfter?: string;
};

/** One page of the open follow-ups of live runs (not discarded), soonest due first, and how many match in all. */
export async function listOpenFollowUpSummaries(db: Db, filters: OpenFollowUpFilters, page: Page) {
  // `due` is a date or a date-time text: compared as text on its date part, which sorts as time does
  const dueDay = sql`substr(${runs.followUpDue}, 1, 10)`;
  const where = and(
    eq(runs.practice, false),
    sql`${runs.status} <> 'discarded'`,
    isNotNull(runs.followUpDue),
    isNull(runs.followUpClosedAt),
    scopeWhere(filters.scope),
    filters.agentEmail ? eq(users.email, normaliseEmail(filters.agentEmail)) : undefined,
    filters.dueBefore ? lt(dueDay, filters.dueBefore.slice(0, 10)) : undefined,
    filters.dueAfter ? gt(dueDay, filters.dueAfter.slice(0, 10)) : undefined,
  );
  return summaryPage(db, where, [asc(runs.followUpDue), asc(runs.startedAt)], page);
}

/** One run (practice runs too: the caller decides) with its SOP, version and agent. */
export async function getRunSummary(db: Db, runId: string): Promise<RunSummary | undefined> {
  return summaryQuery(db).where(eq(runs.id, runId)).get();
}

/** Whose run it is and which integration started it (null: started in the app): enough to authorise a token. */
export async function getRunOwner(
  db: Db,
  runId: string,
): Promise<{ agentId: string; integrationId: string | null } | undefined> {
  return db
    .select({ agentId: runs.agentId, integrationId: runs.integrationId })
    .from(runs)
    .where(eq(runs.id, runId))
    .get();
}
