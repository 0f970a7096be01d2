import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../db/test-db.server";
import { createUser, updateUser } from "../../db/users.server";
import { attemptLogin, LOGIN_ATTEMPTS_PER_MINUTE } from "./login.server";
import { hashPassword } from "./password.server";

const db = createTestDb();
let userId: string;
beforeAll(async () => {
  userId = createUser(db, { email: "agent@x.test", name: "Agent", role: "agent", departmentId: null, passwordHash: await hashPassword("correct horse") }, null);
  createUser(db, { email: "gone@x.test", name: "Gone", role: "agent", departmentId: null, passwordHash: await hashPassword("correct horse") }, null);
});

describe("attemptLogin", () => {
  it("accepts the right password, case-insensitively on the e-mail", async () => {
    expect(await attemptLogin(db, { email: "Agent@X.test", password: "correct horse", ip: "10.0.0.1" })).toEqual({ ok: true, userId });
  });

  it("refuses a wrong password and an unknown e-mail with the same message", async () => {
    const a = await attemptLogin(db, { email: "agent@x.test", password: "nope-nope", ip: "10.0.0.2" });
    const b = await attemptLogin(db, { email: "nobody@x.test", password: "nope-nope", ip: "10.0.0.2" });
    expect(a).toMatchObject({ ok: false, status: 401 });
    expect(b).toMatchObject({ ok: false, status: 401 });
    expect(a.ok === false && b.ok === false && a.message === b.message).toBe(true);
  });

  it("limits attempts per IP to 10 a minute", async () => {
    const ip = "10.0.0.3";
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE; i++) {
      const r = await attemptLogin(db, { email: "nobody@x.test", password: "x", ip });
      expect(r).toMatchObject({ ok: false, status: 401 });
    }
    const blocked = await attemptLogin(db, { email: "agent@x.test", password: "correct horse", ip });
    expect(blocked).toMatchObject({ ok: false, status: 429 });
    expect(blocked.ok === false && blocked.retryAfterSeconds).toBeGreaterThan(0);
    // another address is unaffected
    expect(await attemptLogin(db, { email: "agent@x.test", password: "correct horse", ip: "10.0.0.4" })).toMatchObject({ ok: true });
  });

  it("locks the account after five failures in a row, even from many addresses", async () => {
    for (let i = 0; i < 4; i++) expect(await attemptLogin(db, { email: "agent@x.test", password: "bad", ip: `10.1.0.${i}` })).toMatchObject({ status: 401 });
    const fifth = await attemptLogin(db, { email: "agent@x.test", password: "bad", ip: "10.1.0.9" });
    expect(fifth).toMatchObject({ ok: false, status: 429 });
    const right = await attemptLogin(db, { email: "agent@x.test", password: "correct horse", ip: "10.1.0.10" });
    expect(right).toMatchObject({ ok: false, status: 429 });
    expect(right.ok === false && right.message).toMatch(/locked/);
  });

  it("refuses a deactivated account", async () => {
    const gone = (await attemptLogin(db, { email: "gone@x.test", password: "correct horse", ip: "10.2.0.1" })) as { ok: true; userId: string };
    updateUser(db, gone.userId, { active: false }, null);
    const r = await attemptLogin(db, { email: "gone@x.test", password: "correct horse", ip: "10.2.0.2" });
    expect(r).toMatchObject({ ok: false, status: 401 });
    expect(r.ok === false && r.message).toMatch(/deactivated/);
  });
});
