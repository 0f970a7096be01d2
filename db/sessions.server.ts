import { randomBytes } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { hashToken } from "../integrations/token";
import type { Db } from "./client.server";
import { sessions, users } from "./schema";

export async function createSession(
  db: Db,
  userId: string,
  { maxAgeMs, userAgent = "", ip = "" }: { maxAgeMs: number; userAgent?: string; ip?: string },
): Promise<string> {
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

/** The user columns a session lookup reads: the SessionUser and whether the account is active. */
export const sessionUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  departmentId: users.departmentId,
  active: users.active,
};

function prepareSessionLookup(db: Db) {
  return db
    .select({
      idHash: sessions.idHash,
      lastSeenAt: sessions.lastSeenAt,
      ...sessionUserColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, sql.placeholder("idHash")), gt(sessions.expiresAt, sql.placeholder("now"))))
    .prepare();
}

/** Every request looks its session up: the statement is built once per database, not per request. */
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

/**
 * Sessions found in the last SESSION_RECHECK_MS, by token hash: an agent's every action is a request, and most of
 * them would otherwise read the same row again. Any revocation, sign-out or change to a user made through this
 * module or db/users.server.ts clears it at once; one made by another process sharing the database takes effect
 * within SESSION_RECHECK_MS (ADR 010).
 */
const recentSessions = new Map<string, { user: SessionUser; checkedAt: number }>();
const SESSION_RECHECK_MS = 2_000;
const RECENT_SESSIONS_MAX = 5_000;

/** Forget every remembered session (after a sign-out, a revocation, a change to a user). */
export function forgetRecentSessions(): void {
  recentSessions.clear();
}

/** The active user behind a token, or null (unknown, expired, revoked or deactivated). */
export async function findSessionUser(db: Db, token: string, maxAgeMs: number): Promise<SessionUser | null> {
  const now = Date.now();
  const idHash = hashToken(token);
  const recent = recentSessions.get(idHash);
  if (recent && now - recent.checkedAt < SESSION_RECHECK_MS) return recent.user;
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  const row = lookup.get({ idHash, now });
  if (!row || !row.active) {
    recentSessions.delete(idHash);
    return null;
  }
  // Sliding expiry, written at most once a minute so reads stay reads.
  if (now - row.lastSeenAt > 60_000) {
    db.update(sessions)
      .set({ lastSeenAt: now, expiresAt: now + maxAgeMs })
      .where(eq(sessions.idHash, row.idHash))
      .run();
  }
  const user = { id: row.id, email: row.email, name: row.name, role: row.role, departmentId: row.departmentId };
  if (recentSessions.size >= RECENT_SESSIONS_MAX) recentSessions.clear();
  recentSessions.set(idHash, { user, checkedAt: now });
  return user;
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  forgetRecentSessions();
  db.delete(sessions)
    .where(eq(sessions.idHash, hashToken(token)))
    .run();
}

/** Revoke a user's sessions inside the caller's transaction (synchronous: it runs in `db.transaction`). */
export function revokeUserSessionsIn(db: Pick<Db, "delete">, userId: string): void {
  forgetRecentSessions();
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export async function purgeExpiredSessions(db: Db): Promise<number> {
  forgetRecentSessions();
  return db.delete(sessions).where(lt(sessions.expiresAt, Date.now())).run().changes;
}
