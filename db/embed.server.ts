// The embedded runbook's storage (issue 12, ADR 022): launch tokens already used (a `jti` is accepted once) and the
// embed sessions a launch creates. An embed session is not a sign-in to Stepwise: app/auth/embed-session.server.ts
// accepts it on the embed routes and the run APIs the embed calls only.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "./client.server";
import { embedLaunches, embedSessions, integrations, users } from "./schema";
import { sessionUserColumns, type SessionUser } from "./sessions.server";

/** An embed session lasts a shift at most; a launch from the help desk makes a new one. */
export const EMBED_SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Records a launch token's `jti` as used; false when it was used already (a replay). Expired rows are purged now
 * and then (one launch in 50), so the table holds at most the last few minutes' launches.
 */
export async function recordLaunch(
  db: Db,
  integrationId: string,
  jti: string,
  expiresAtMs: number,
  now = Date.now(),
): Promise<boolean> {
  if (Math.random() < 0.02) await purgeExpiredLaunches(db, now);
  const done = db
    .insert(embedLaunches)
    .values({ integrationId, jti, usedAt: now, expiresAt: expiresAtMs })
    .onConflictDoNothing()
    .run();
  return done.changes === 1;
}

export async function purgeExpiredLaunches(db: Db, now = Date.now()): Promise<number> {
  // kept a minute past expiry: a token within the clock skew allowance is still refused as a replay
  return db
    .delete(embedLaunches)
    .where(lt(embedLaunches.expiresAt, now - 60_000))
    .run().changes;
}

export type EmbedContext = {
  ticketId: string | null;
  requester: { name?: string; email?: string } | null;
  locale: string | null;
  fields: Record<string, string>;
  /** the host's origin as the launch declared it (a fallback where the browser does not say) */
  hostOrigin: string | null;
};

export async function createEmbedSession(
  db: Pick<Db, "insert">,
  input: { userId: string; integrationId: string; context: EmbedContext; runId: string | null },
  now = Date.now(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  db.insert(embedSessions)
    .values({
      idHash: hash(token),
      userId: input.userId,
      integrationId: input.integrationId,
      context: input.context,
      runId: input.runId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + EMBED_SESSION_MAX_AGE_MS,
    })
    .run();
  return token;
}

export type EmbedSession = {
  user: SessionUser & { uiLanguage: string | null };
  integrationId: string;
  allowedOrigins: string[];
  context: EmbedContext;
  runId: string | null;
};

function prepareLookup(db: Db) {
  return db
    .select({
      integrationId: embedSessions.integrationId,
      context: embedSessions.context,
      runId: embedSessions.runId,
      allowedOrigins: integrations.allowedOrigins,
      disabledAt: integrations.disabledAt,
      ...sessionUserColumns,
      uiLanguage: users.uiLanguage,
    })
    .from(embedSessions)
    .innerJoin(users, eq(users.id, embedSessions.userId))
    .innerJoin(integrations, eq(integrations.id, embedSessions.integrationId))
    .where(
      and(eq(embedSessions.idHash, sql.placeholder("idHash")), gt(embedSessions.expiresAt, sql.placeholder("now"))),
    )
    .prepare();
}
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

/** The embed session behind a token, or null (unknown, expired, its agent deactivated, its integration disabled). */
export async function findEmbedSession(db: Db, token: string, now = Date.now()): Promise<EmbedSession | null> {
  if (token.length > 100) return null;
  let lookup = lookups.get(db);
  if (!lookup) lookups.set(db, (lookup = prepareLookup(db)));
  const row = lookup.get({ idHash: hash(token), now });
  if (!row || !row.active || row.disabledAt !== null) return null;
  return {
    user: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      departmentId: row.departmentId,
      uiLanguage: row.uiLanguage,
    },
    integrationId: row.integrationId,
    allowedOrigins: row.allowedOrigins,
    context: row.context as EmbedContext,
    runId: row.runId,
  };
}

/** The run the session is on now (a launch's, or the one the agent picked in the embed's quick find). */
export async function setEmbedSessionRun(db: Db, token: string, runId: string): Promise<void> {
  db.update(embedSessions)
    .set({ runId })
    .where(eq(embedSessions.idHash, hash(token)))
    .run();
}

export async function purgeExpiredEmbedSessions(db: Db, now = Date.now()): Promise<number> {
  return db.delete(embedSessions).where(lt(embedSessions.expiresAt, now)).run().changes;
}
