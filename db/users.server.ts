import { randomUUID } from "node:crypto";
import { Refusal } from "./refusal";
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "./client.server";
import { recordAudit } from "./audit.server";
import { forgetRecentSessions, revokeUserSessionsIn } from "./sessions.server";
import { departments, users } from "./schema";
import { ROLE_LABELS, ROLES, type Role } from "./roles";

export class UserError extends Refusal {
  declare readonly status: 400;
  constructor(message: string, field?: string) {
    super(400, message, { field });
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

export async function getUser(db: Db, id: string) {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/** A user as lists show one: without the password hash, with the department's name. */
const summaryColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
  departmentId: users.departmentId,
  departmentName: departments.name,
};

export async function listUsers(db: Db) {
  return db
    .select({ ...summaryColumns, lockedUntil: users.lockedUntil, createdAt: users.createdAt })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .orderBy(asc(users.name))
    .all();
}

export const USER_SORTS = ["name", "email", "role", "department", "status"] as const;
export type UserSort = { key: (typeof USER_SORTS)[number]; dir: "asc" | "desc" };

export type UserQuery = {
  /** matches the name or the e-mail, anywhere, case-insensitively */
  q?: string;
  /** exactly this e-mail address (any case) */
  email?: string;
  role?: Role | null;
  /** a department's id, or "none" for people without one */
  department?: number | "none" | null;
  active?: boolean | null;
  sort?: UserSort;
  limit?: number;
  offset?: number;
};

/** One user as lists show them (queryUsers' rows), or undefined. */
export async function getUserSummary(db: Db, id: string) {
  return db
    .select(summaryColumns)
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, id))
    .get();
}

/**
 * The Users page (and the API's list): filtered, sorted and paged in SQL. Roles sort most powerful first (ROLES
 * order).
 */
export async function queryUsers(db: Db, query: UserQuery = {}) {
  const text = query.q?.trim();
  const like = text ? `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    like
      ? sql`(lower(${users.name}) like ${like} escape '\\' or lower(${users.email}) like ${like} escape '\\')`
      : undefined,
    query.email ? eq(users.email, normaliseEmail(query.email)) : undefined,
    query.role ? eq(users.role, query.role) : undefined,
    query.department === "none"
      ? isNull(users.departmentId)
      : query.department != null
        ? eq(users.departmentId, query.department)
        : undefined,
    query.active != null ? eq(users.active, query.active) : undefined,
  );
  const sort = query.sort ?? { key: "name", dir: "asc" };
  const d = sort.dir === "asc" ? sql`asc` : sql`desc`;
  const roleRank = sql`case ${users.role} ${sql.join(
    ROLES.map((r, i) => sql`when ${r} then ${i}`),
    sql` `,
  )} end`;
  const key = {
    name: sql`${users.name} collate nocase ${d}`,
    email: sql`${users.email} ${d}`,
    role: sql`${roleRank} ${d}`,
    department: sql`${departments.name} is null, ${departments.name} collate nocase ${d}`,
    status: sql`${users.active} ${sort.dir === "asc" ? sql`desc` : sql`asc`}`,
  }[sort.key];
  const rows = db
    .select(summaryColumns)
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(where)
    .orderBy(key, asc(users.name), asc(users.email))
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(where)
      .get()?.n ?? 0;
  return { rows, total };
}

export async function countUsers(db: Db): Promise<number> {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .get()?.n ?? 0
  );
}

function departmentName(db: Pick<Db, "select">, id: number | null): string {
  if (id == null) return "no department";
  const d = db.select({ name: departments.name }).from(departments).where(eq(departments.id, id)).get();
  if (!d) throw new UserError("That department does not exist.", "departmentId");
  return d.name;
}

export type NewUser = { email: string; name: string; role: Role; departmentId: number | null; passwordHash: string };

/**
 * Where a change came from, added to the details of the audit entries it writes (in its own transaction): the API
 * says `{ via: "api" }`, and a token `{ via: "api", integrationId, tokenId }`, as the actor is then no person.
 */
export type AuditOrigin = Record<string, unknown>;

/** Creates a user and records it in the audit log, in one transaction. */
export async function createUser(
  db: Db,
  input: NewUser,
  actorId: string | null,
  origin: AuditOrigin = {},
): Promise<string> {
  const email = normaliseEmail(input.email);
  return db.transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
      throw new UserError(`A user with the e-mail ${email} already exists.`, "email");
    }
    const dept = departmentName(tx, input.departmentId);
    const id = randomUUID();
    tx.insert(users)
      .values({
        id,
        email,
        name: input.name.trim(),
        role: input.role,
        departmentId: input.departmentId,
        passwordHash: input.passwordHash,
      })
      .run();
    recordAudit(tx, {
      actorId,
      action: "user.create",
      targetType: "user",
      targetId: id,
      summary: `Created ${email} as ${ROLE_LABELS[input.role]} (${dept})`,
      details: { email, role: input.role, departmentId: input.departmentId, ...origin },
    });
    return id;
  });
}

function activeAdminsExcept(tx: Pick<Db, "select">, userId: string): number {
  return (
    tx
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, userId)))
      .get()?.n ?? 0
  );
}

export type UserChanges = { name?: string; role?: Role; departmentId?: number | null; active?: boolean };

/**
 * Applies an admin's changes to a user. Each change is its own audit entry (with `origin` in its details);
 * deactivating revokes every session at once; the last active admin cannot be demoted or deactivated (nobody could
 * undo it).
 */
export async function updateUser(
  db: Db,
  userId: string,
  changes: UserChanges,
  actorId: string | null,
  origin: AuditOrigin = {},
): Promise<number> {
  forgetRecentSessions(); // a role, department or activation change is seen by the next request
  return db.transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user) throw new UserError("That user does not exist.");
    const losesAdmin =
      user.role === "admin" && user.active && ((changes.role && changes.role !== "admin") || changes.active === false);
    if (losesAdmin && activeAdminsExcept(tx, userId) === 0) {
      throw new UserError(
        "This is the last active administrator: make someone else an administrator first.",
        changes.role ? "role" : "active",
      );
    }
    const set: Partial<typeof users.$inferInsert> = {};
    const audits: Parameters<typeof recordAudit>[1][] = [];
    const base = { actorId, targetType: "user", targetId: userId };
    if (changes.name !== undefined && changes.name.trim() !== user.name) {
      set.name = changes.name.trim();
      audits.push({
        ...base,
        action: "user.rename",
        summary: `Renamed ${user.email} from “${user.name}” to “${set.name}”`,
        details: { from: user.name, to: set.name },
      });
    }
    if (changes.role !== undefined && changes.role !== user.role) {
      set.role = changes.role;
      audits.push({
        ...base,
        action: "user.role",
        summary: `Changed ${user.email}'s role from ${ROLE_LABELS[user.role]} to ${ROLE_LABELS[changes.role]}`,
        details: { from: user.role, to: changes.role },
      });
    }
    if (changes.departmentId !== undefined && changes.departmentId !== user.departmentId) {
      const to = departmentName(tx, changes.departmentId);
      const from = departmentName(tx, user.departmentId);
      set.departmentId = changes.departmentId;
      audits.push({
        ...base,
        action: "user.department",
        summary: `Moved ${user.email} from ${from} to ${to}`,
        details: { from: user.departmentId, to: changes.departmentId },
      });
    }
    if (changes.active !== undefined && changes.active !== user.active) {
      set.active = changes.active;
      audits.push({
        ...base,
        action: changes.active ? "user.reactivate" : "user.deactivate",
        summary: `${changes.active ? "Reactivated" : "Deactivated"} ${user.email}`,
      });
      if (!changes.active) revokeUserSessionsIn(tx, userId);
    }
    if (audits.length === 0) return 0;
    tx.update(users)
      .set({ ...set, updatedAt: Date.now() })
      .where(eq(users.id, userId))
      .run();
    for (const a of audits) recordAudit(tx, { ...a, details: { ...a.details, ...origin } });
    return audits.length;
  });
}

/** Sets a new password (already hashed), clears any lock-out and signs the user out everywhere. */
export async function resetPassword(
  db: Db,
  userId: string,
  passwordHash: string,
  actorId: string | null,
): Promise<void> {
  db.transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user) throw new UserError("That user does not exist.");
    tx.update(users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: Date.now() })
      .where(eq(users.id, userId))
      .run();
    revokeUserSessionsIn(tx, userId);
    recordAudit(tx, {
      actorId,
      action: "user.password_reset",
      targetType: "user",
      targetId: userId,
      summary: `Reset the password of ${user.email}`,
    });
  });
}

/**
 * Notes in the audit log that sign-ins to an account are being slowed down (app/auth/login.server.ts): one
 * (e-mail, address) pair reached the longest wait, or the account collected many failures from anywhere.
 * Nothing is locked; the owner can still sign in from their own address.
 */
export async function recordLoginThrottled(
  db: Db,
  userId: string,
  {
    ip,
    failures,
    waitSeconds,
    scope,
  }: { ip: string; failures: number; waitSeconds: number; scope: "address" | "account" },
): Promise<void> {
  const user = db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
  if (!user) return;
  const summary =
    scope === "address"
      ? `Slowed down sign-ins to ${user.email} from ${ip} to one attempt ` +
        `every ${Math.round(waitSeconds / 60)} minutes after ${failures} failures in a row`
      : `${failures} failed sign-ins to ${user.email} within a day (from any address; last from ${ip})`;
  recordAudit(db, {
    actorId: null,
    action: "user.throttled",
    targetType: "user",
    targetId: userId,
    summary,
    details: { ip, failures, waitSeconds, scope },
  });
}

/** A successful sign-in: clears the lock-out columns older versions set (sign-in slow-downs live in memory now). */
export async function recordSuccessfulLogin(db: Db, userId: string): Promise<void> {
  db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId)).run();
}

/**
 * Every department with its active members and its procedures (SOPs that are not archived). The subqueries name
 * the outer table explicitly: drizzle writes a single-table select's columns unqualified (`"id"`), which inside
 * `from users u` would mean `u.id` and count nothing.
 */
export async function listDepartments(db: Db) {
  return db
    .select({
      id: departments.id,
      name: departments.name,
      slug: departments.slug,
      description: departments.description,
      requireCertification: departments.requireCertification,
      members: sql<number>`(select count(*) from users u where u.department_id = "departments"."id" and u.active = 1)`,
      sops: sql<number>`(select count(*) from sops s
        where s.department_id = "departments"."id" and s.archived_at is null)`,
    })
    .from(departments)
    .orderBy(asc(departments.name))
    .all();
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

export async function createDepartment(
  db: Db,
  input: { name: string; description?: string },
  actorId: string | null,
): Promise<number> {
  const name = input.name.trim();
  const slug = slugify(name);
  return db.transaction((tx) => {
    if (tx.select({ id: departments.id }).from(departments).where(eq(departments.slug, slug)).get()) {
      throw new UserError(`A department called “${name}” already exists.`, "name");
    }
    const id = tx
      .insert(departments)
      .values({ name, slug, description: input.description?.trim() ?? "" })
      .returning({ id: departments.id })
      .get().id;
    recordAudit(tx, {
      actorId,
      action: "department.create",
      targetType: "department",
      targetId: String(id),
      summary: `Created the department ${name}`,
    });
    return id;
  });
}

export async function renameDepartment(
  db: Db,
  id: number,
  input: { name: string; description: string },
  actorId: string | null,
): Promise<void> {
  const name = input.name.trim();
  const slug = slugify(name);
  db.transaction((tx) => {
    const dept = tx.select().from(departments).where(eq(departments.id, id)).get();
    if (!dept) throw new UserError("That department does not exist.");
    const clash = tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.slug, slug), ne(departments.id, id)))
      .get();
    if (clash) throw new UserError(`A department called “${name}” already exists.`, "name");
    tx.update(departments)
      .set({ name, slug, description: input.description.trim() })
      .where(eq(departments.id, id))
      .run();
    if (dept.name !== name || dept.description !== input.description.trim()) {
      recordAudit(tx, {
        actorId,
        action: "department.update",
        targetType: "department",
        targetId: String(id),
        summary:
          dept.name === name ? `Updated the description of ${name}` : `Renamed the department ${dept.name} to ${name}`,
      });
    }
  });
}

/** A user's own interface preferences: null means "follow the browser / device". */
export type UserPreferences = { uiLanguage: string | null; timeZone: string | null };

export async function getUserPreferences(db: Db, userId: string): Promise<UserPreferences | undefined> {
  return db
    .select({ uiLanguage: users.uiLanguage, timeZone: users.timeZone })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}

/** Saves a user's interface language and time zone (validated by the caller); false when the user is gone. */
export async function updateUserPreferences(db: Db, userId: string, prefs: UserPreferences): Promise<boolean> {
  return (
    db
      .update(users)
      .set({ uiLanguage: prefs.uiLanguage, timeZone: prefs.timeZone, updatedAt: Date.now() })
      .where(eq(users.id, userId))
      .run().changes > 0
  );
}
