import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDb } from "./test-db.server";
import type { Db } from "./client.server";
import { listAudit } from "./audit.server";
import { createSession, findSessionUser } from "./sessions.server";
import {
  createDepartment,
  createUser,
  getUserSummary,
  queryUsers,
  recordLoginThrottled,
  resetPassword,
  updateUser,
  UserError,
} from "./users.server";
import { users } from "./schema";

let db: Db;
let deptId: number;
const mk = async (email: string, role: "admin" | "lead" | "agent" = "agent") =>
  await createUser(db, { email, name: email.split("@")[0]!, role, departmentId: deptId, passwordHash: "x" }, null);

beforeEach(async () => {
  db = createTestDb();
  deptId = await createDepartment(db, { name: "Billing" }, null);
});

describe("users", () => {
  it("creates a user with a normalised e-mail and audits it", async () => {
    const id = await createUser(
      db,
      { email: "  Ada@Example.COM ", name: "Ada", role: "lead", departmentId: deptId, passwordHash: "h" },
      null,
    );
    expect(db.select().from(users).where(eq(users.id, id)).get()?.email).toBe("ada@example.com");
    expect((await listAudit(db)).rows[0]).toMatchObject({ action: "user.create", targetId: id });
  });

  it("refuses a duplicate e-mail, naming the field", async () => {
    await mk("a@x.test");
    await expect(mk("A@x.test")).rejects.toThrowError(UserError);
    try {
      await mk("a@x.test");
    } catch (e) {
      expect((e as UserError).field).toBe("email");
    }
  });

  it("audits each change separately and deactivation revokes sessions", async () => {
    const admin = await mk("root@x.test", "admin");
    const id = await mk("b@x.test");
    const token = await createSession(db, id, { maxAgeMs: 60_000 });
    expect((await findSessionUser(db, token, 60_000))?.id).toBe(id);
    const n = await updateUser(db, id, { role: "lead", active: false, name: "Bea" }, admin);
    expect(n).toBe(3);
    expect(await findSessionUser(db, token, 60_000)).toBeNull();
    const actions = (await listAudit(db)).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["user.role", "user.deactivate", "user.rename"]));
  });

  it("writes where a change came from (an API token) into its own audit entries", async () => {
    const origin = { via: "api", integrationId: "int-1", tokenId: "tok-1" };
    const id = await createUser(
      db,
      { email: "api@x.test", name: "Api", role: "agent", departmentId: deptId, passwordHash: "!" },
      null,
      origin,
    );
    const created = (await listAudit(db, { action: "user.create" })).rows[0]!;
    expect(created.details).toEqual({ email: "api@x.test", role: "agent", departmentId: deptId, ...origin });
    await mk("root@x.test", "admin");
    expect(await updateUser(db, id, { role: "lead", active: false }, null, origin)).toBe(2);
    const changes = (await listAudit(db, { target: { type: "user", id } })).rows.filter(
      (r) => r.action !== "user.create",
    );
    expect(changes.map((r) => r.action).sort()).toEqual(["user.deactivate", "user.role"]);
    expect(changes.find((r) => r.action === "user.role")!.details).toEqual({ from: "agent", to: "lead", ...origin });
    expect(changes.find((r) => r.action === "user.deactivate")!.details).toEqual(origin);
    // a change made in the app says nothing of the kind
    const other = await mk("app@x.test");
    expect((await listAudit(db, { target: { type: "user", id: other } })).rows[0]!.details).not.toHaveProperty("via");
  });

  it("finds a user by exact e-mail in any case, as lists show them", async () => {
    const id = await mk("Grace@x.test");
    await mk("grace.h@x.test");
    const { rows, total } = await queryUsers(db, { email: " GRACE@x.test" });
    expect(total).toBe(1);
    expect(rows).toEqual([await getUserSummary(db, id)]);
    expect(rows[0]).toMatchObject({ email: "grace@x.test", departmentName: "Billing", active: true });
    expect(rows[0]).not.toHaveProperty("passwordHash");
    expect(await getUserSummary(db, "no-such-user")).toBeUndefined();
  });

  it("never leaves the organisation without an active admin", async () => {
    const admin = await mk("root@x.test", "admin");
    await expect(updateUser(db, admin, { role: "agent" }, admin)).rejects.toThrow(/last active administrator/);
    await expect(updateUser(db, admin, { active: false }, admin)).rejects.toThrow(/last active administrator/);
    await mk("second@x.test", "admin");
    expect(await updateUser(db, admin, { role: "lead" }, admin)).toBe(1);
  });

  it("rejects an unknown department", async () => {
    const id = await mk("c@x.test");
    await expect(updateUser(db, id, { departmentId: 999 }, null)).rejects.toThrow(/department does not exist/);
  });

  it("a password reset clears a lock-out left by an older version and signs out", async () => {
    const id = await mk("d@x.test");
    const token = await createSession(db, id, { maxAgeMs: 60_000 });
    db.update(users)
      .set({ failedLogins: 4, lockedUntil: Date.now() + 60_000 })
      .where(eq(users.id, id))
      .run();
    await resetPassword(db, id, "new-hash", null);
    const row = db.select().from(users).where(eq(users.id, id)).get()!;
    expect(row.lockedUntil).toBeNull();
    expect(row.failedLogins).toBe(0);
    expect(row.passwordHash).toBe("new-hash");
    expect(await findSessionUser(db, token, 60_000)).toBeNull();
  });

  it("audits a heavily slowed-down account without locking it", async () => {
    const id = await mk("f@x.test");
    await recordLoginThrottled(db, id, { ip: "203.0.113.5", failures: 14, waitSeconds: 900, scope: "address" });
    const entry = (await listAudit(db, { action: "user.throttled" })).rows[0]!;
    expect(entry).toMatchObject({ targetId: id, actorName: null });
    expect(entry.summary).toBe(
      "Slowed down sign-ins to f@x.test from 203.0.113.5 to one attempt every 15 minutes after 14 failures in a row",
    );
    expect(db.select().from(users).where(eq(users.id, id)).get()!.lockedUntil).toBeNull();
    await recordLoginThrottled(db, "no-such-user", { ip: "x", failures: 1, waitSeconds: 0, scope: "account" });
    expect((await listAudit(db, { action: "user.throttled" })).total).toBe(1);
  });
});

describe("sessions", () => {
  it("expire", async () => {
    const id = await mk("e@x.test");
    const token = await createSession(db, id, { maxAgeMs: -1 });
    expect(await findSessionUser(db, token, 60_000)).toBeNull();
    expect(await findSessionUser(db, "not-a-token", 60_000)).toBeNull();
  });
  it("are stored hashed, never as the cookie value", async () => {
    const id = await mk("f@x.test");
    const token = await createSession(db, id, { maxAgeMs: 60_000 });
    const raw = db.$client.prepare("select id_hash from sessions").all() as { id_hash: string }[];
    expect(raw.map((r) => r.id_hash)).not.toContain(token);
  });
});
