import { and, desc, eq, sql } from "drizzle-orm";
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
    .values({ ...entry, actorName: entry.actorId ? sql`(select ${users.name} from ${users} where ${users.id} = ${entry.actorId})` : null, details: entry.details ?? {} })
    .run();
}

export function listAudit(
  db: Db,
  { limit = 50, offset = 0, action, target }: { limit?: number; offset?: number; action?: string; target?: { type: string; id: string } } = {},
) {
  const where = and(
    action ? sql`${auditLog.action} like ${action.replace(/[%_]/g, "") + "%"}` : undefined,
    target ? and(eq(auditLog.targetType, target.type), eq(auditLog.targetId, target.id)) : undefined,
  );
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      summary: auditLog.summary,
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
  const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()?.n ?? 0;
  return { rows, total };
}
