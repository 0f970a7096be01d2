import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDb } from "./test-db.server";
import type { Db } from "./client.server";
import { listAudit } from "./audit.server";
import { createSession, findSessionUser } from "./sessions.server";
import { createDepartment, createUser, recordFailedLogin, resetPassword, updateUser, UserError, LOCKOUT_THRESHOLD } from "./users.server";
import { users } from "./schema";

let db: Db;
let deptId: number;
const mk = (email: string, role: "admin" | "lead" | "agent" = "agent") => createUser(db, { email, name: email.split("@")[0]!, role, departmentId: deptId, passwordHash: "x" }, null);

beforeEach(() => {
  db = createTestDb();
  deptId = createDepartment(db, { name: "Billing" }, null);
});

describe("users", () => {
  it("creates a user with a normalised e-mail and audits it", () => {
    const id = createUser(db, { email: "  Ada@Example.COM ", name: "Ada", role: "lead", departmentId: deptId, passwordHash: "h" }, null);
    expect(db.select().from(users).where(eq(users.id, id)).get()?.email).toBe("ada@example.com");
    expect(listAudit(db).rows[0]).toMatchObject({ action: "user.create", targetId: id });
  });

  it("refuses a duplicate e-mail, naming the field", () => {
    mk("a@x.test");
    expect(() => mk("A@x.test")).toThrowError(UserError);
    try {
      mk("a@x.test");
    } catch (e) {
      expect((e as UserError).field).toBe("email");
    }
  });

  it("audits each change separately and deactivation revokes sessions", () => {
    const admin = mk("root@x.test", "admin");
    const id = mk("b@x.test");
    const token = createSession(db, id, { maxAgeMs: 60_000 });
    expect(findSessionUser(db, token, 60_000)?.id).toBe(id);
    const n = updateUser(db, id, { role: "lead", active: false, name: "Bea" }, admin);
    expect(n).toBe(3);
    expect(findSessionUser(db, token, 60_000)).toBeNull();
    const actions = listAudit(db).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["user.role", "user.deactivate", "user.rename"]));
  });

  it("never leaves the organisation without an active admin", () => {
    const admin = mk("root@x.test", "admin");
    expect(() => updateUser(db, admin, { role: "agent" }, admin)).toThrow(/last active administrator/);
    expect(() => updateUser(db, admin, { active: false }, admin)).toThrow(/last active administrator/);
    mk("second@x.test", "admin");
    expect(updateUser(db, admin, { role: "lead" }, admin)).toBe(1);
  });

  it("rejects an unknown department", () => {
    const id = mk("c@x.test");
    expect(() => updateUser(db, id, { departmentId: 999 }, null)).toThrow(/department does not exist/);
  });

  it("locks an account after repeated failures; a password reset lifts it and signs out", () => {
    const id = mk("d@x.test");
    const token = createSession(db, id, { maxAgeMs: 60_000 });
    let lockedUntil: number | null = null;
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) lockedUntil = recordFailedLogin(db, id, 1_000);
    expect(lockedUntil).toBe(1_000 + 15 * 60_000);
    resetPassword(db, id, "new-hash", null);
    const row = db.select().from(users).where(eq(users.id, id)).get()!;
    expect(row.lockedUntil).toBeNull();
    expect(row.passwordHash).toBe("new-hash");
    expect(findSessionUser(db, token, 60_000)).toBeNull();
  });
});

describe("sessions", () => {
  it("expire", () => {
    const id = mk("e@x.test");
    const token = createSession(db, id, { maxAgeMs: -1 });
    expect(findSessionUser(db, token, 60_000)).toBeNull();
    expect(findSessionUser(db, "not-a-token", 60_000)).toBeNull();
  });
  it("are stored hashed, never as the cookie value", () => {
    const id = mk("f@x.test");
    const token = createSession(db, id, { maxAgeMs: 60_000 });
    const raw = db.$client.prepare("select id_hash from sessions").all() as { id_hash: string }[];
    expect(raw.map((r) => r.id_hash)).not.toContain(token);
  });
});
