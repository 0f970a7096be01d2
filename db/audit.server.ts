import { and, asc, desc, eq, gte, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client.server";
import { auditLog, users } from "./schema";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  summary: string;
  details?: Record<string, unknown>;
};

/** Call inside the same transaction as the change it records. The actor's name is copied as it is now. */
export function recordAudit(db: Pick<Db, "insert">, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({
      ...entry,
      actorName: entry.actorId ? sql`(select ${users.name} from ${users} where ${users.id} = ${entry.actorId})` : null,
      details: entry.details ?? {},
    })
    .run();
}

/** The columns every audit list shows of an entry. */
const entryColumns = {
  id: auditLog.id,
  at: auditLog.at,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  summary: auditLog.summary,
};

function countEntries(db: Db, where: SQL | undefined): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(where)
      .get()?.n ?? 0
  );
}

export async function listAudit(
  db: Db,
  {
    limit = 50,
    offset = 0,
    action,
    target,
  }: { limit?: number; offset?: number; action?: string; target?: { type: string; id: string } } = {},
) {
  const where = and(
    action ? sql`${auditLog.action} like ${action.replace(/[%_]/g, "") + "%"}` : undefined,
    target ? and(eq(auditLog.targetType, target.type), eq(auditLog.targetId, target.id)) : undefined,
  );
  const rows = db
    .select({
      ...entryColumns,
      details: auditLog.details,
      actorName: sql<string | null>`coalesce(${auditLog.actorName}, ${users.name})`,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
  return { rows, total: countEntries(db, where) };
}

export const AUDIT_SORTS = ["at", "actor", "action"] as const;
export type AuditSort = { key: (typeof AUDIT_SORTS)[number]; dir: "asc" | "desc" };

export type AuditQuery = {
  /** an action (`user.role`) or a family of actions (`user`, `sop`): the family matches `user.*` */
  action?: string | null;
  /** the actor's user id, or "system" for entries without one (seeding, sign-in throttling) */
  actor?: string | null;
  /** epoch ms, inclusive */
  from?: number | null;
  /** epoch ms, exclusive */
  toExclusive?: number | null;
  sort?: AuditSort;
  limit?: number;
  offset?: number;
};

/** The audit log filtered, sorted and paged in SQL: it grows without bound, so the page never loads it all. */
export async function queryAudit(db: Db, q: AuditQuery = {}) {
  const actorName = sql<string | null>`coalesce(${auditLog.actorName}, ${users.name})`;
  const where = and(
    q.action
      ? q.action.includes(".")
        ? eq(auditLog.action, q.action)
        : sql`${auditLog.action} like ${q.action.replace(/[%_\\]/g, "") + ".%"}`
      : undefined,
    q.actor ? (q.actor === "system" ? isNull(auditLog.actorId) : eq(auditLog.actorId, q.actor)) : undefined,
    q.from != null ? gte(auditLog.at, q.from) : undefined,
    q.toExclusive != null ? lt(auditLog.at, q.toExclusive) : undefined,
  );
  const sort = q.sort ?? { key: "at", dir: "desc" };
  const dir = sort.dir === "asc" ? asc : desc;
  const order =
    sort.key === "actor"
      ? [
          sort.dir === "asc"
            ? sql`${actorName} is null, ${actorName} collate nocase asc`
            : sql`${actorName} is null, ${actorName} collate nocase desc`,
          desc(auditLog.at),
        ]
      : sort.key === "action"
        ? [dir(auditLog.action), desc(auditLog.at)]
        : [dir(auditLog.at)];
  const rows = db
    .select({
      ...entryColumns,
      actorId: auditLog.actorId,
      actorName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(...order, dir(auditLog.id))
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0)
    .all();
  return { rows, total: countEntries(db, where) };
}

/** The filter choices of the audit log: every action recorded, and everyone who acted (by their name now or then). */
export async function auditFilterOptions(db: Db) {
  const actions = db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(asc(auditLog.action))
    .all()
    .map((r) => r.action);
  const actors = db
    .select({ id: auditLog.actorId, name: sql<string>`coalesce(max(${users.name}), max(${auditLog.actorName}), '')` })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(isNotNull(auditLog.actorId))
    .groupBy(auditLog.actorId)
    .orderBy(sql`coalesce(max(${users.name}), max(${auditLog.actorName}), '') collate nocase`)
    .all()
    .filter((r): r is { id: string; name: string } => r.id != null);
  return { actions, actors };
}
