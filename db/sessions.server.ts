import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "./client.server";
import { sessions, users } from "./schema";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function createSession(
  db: Db,
  userId: string,
  { maxAgeMs, userAgent = "", ip = "" }: { maxAgeMs: number; userAgent?: string; ip?: string },
): string {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  db.insert(sessions)
    .values({
      idHash: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + maxAgeMs,
      userAgent: userAgent.slice(0, 300),
      ip,
    })
    .run();
  return token;
}

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: (typeof users.$inferSelect)["role"];
  departmentId: number | null;
};

function prepareSessionLookup(db: Db) {
  return db
    .select({
      idHash: sessions.idHash,
      lastSeenAt: sessions.lastSeenAt,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      departmentId: users.departmentId,
      active: users.active,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, sql.placeholder("idHash")), gt(sessions.expiresAt, sql.placeholder("now"))))
    .prepare();
}

/** Every request looks its session up: the statement is built once per database, not per request. */
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

/** The active user behind a token, or null (unknown, expired, revoked or deactivated). */
export function findSessionUser(db: Db, token: string, maxAgeMs: number): SessionUser | null {
  const now = Date.now();
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  const row = lookup.get({ idHash: hashToken(token), now });
  if (!row || !row.active) return null;
  // Sliding expiry, written at most once a minute so reads stay reads.
  if (now - row.lastSeenAt > 60_000) {
    db.update(sessions)
      .set({ lastSeenAt: now, expiresAt: now + maxAgeMs })
      .where(eq(sessions.idHash, row.idHash))
      .run();
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role, departmentId: row.departmentId };
}

export function revokeSession(db: Db, token: string): void {
  db.delete(sessions)
    .where(eq(sessions.idHash, hashToken(token)))
    .run();
}

export function revokeUserSessions(db: Pick<Db, "delete">, userId: string): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function purgeExpiredSessions(db: Db): number {
  return db.delete(sessions).where(lt(sessions.expiresAt, Date.now())).run().changes;
}
