import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listAudit } from "../../db/audit.server";
import { createTestDb } from "../../db/test-db.server";
import { createUser, updateUser } from "../../db/users.server";
import {
  attemptLogin,
  BACKOFF_CAP_SECONDS,
  backoffSeconds,
  clearSignInBackoff,
  FREE_FAILURES,
  LOGIN_ATTEMPTS_PER_MINUTE,
  WRONG_CREDENTIALS,
  type LoginResult,
} from "./login.server";
import { hashPassword } from "./password.server";

const db = createTestDb();
let userId: string;
let ownerId: string;
beforeAll(async () => {
  const hash = await hashPassword("correct horse");
  userId = await createUser(
    db,
    { email: "agent@x.test", name: "Agent", role: "agent", departmentId: null, passwordHash: hash },
    null,
  );
  await createUser(
    db,
    { email: "gone@x.test", name: "Gone", role: "agent", departmentId: null, passwordHash: hash },
    null,
  );
  ownerId = await createUser(
    db,
    { email: "owner@x.test", name: "Owner", role: "admin", departmentId: null, passwordHash: hash },
    null,
  );
  for (const e of ["pair@x.test", "reset@x.test", "audit@x.test", "wide@x.test", "parity@x.test"])
    await createUser(db, { email: e, name: e, role: "agent", departmentId: null, passwordHash: hash }, null);
});

// Only the clock is faked (rate-limiter-flexible reads Date); argon2 still runs for real.
let now = Date.UTC(2030, 0, 1);
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(now);
});
afterEach(() => {
  now = Date.now() + 24 * 60 * 60_000; // every test starts a day later: nothing carries over
  vi.useRealTimers();
});
const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

const login = async (email: string, password: string, ip: string) => await attemptLogin(db, { email, password, ip });

describe("backoffSeconds", () => {
  it("is free for three failures, then doubles from 1 s up to 15 minutes", () => {
    expect([1, 2, 3].map(backoffSeconds)).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map(backoffSeconds)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
    expect(backoffSeconds(14)).toBe(BACKOFF_CAP_SECONDS);
    expect(backoffSeconds(1000)).toBe(15 * 60);
  });
});

describe("attemptLogin", () => {
  it("accepts the right password, case-insensitively on the e-mail", async () => {
    expect(await login("Agent@X.test", "correct horse", "10.0.0.1")).toEqual({ ok: true, userId });
  });

  it("refuses a wrong password and an unknown e-mail with the same answer", async () => {
    const a = await login("agent@x.test", "nope-nope", "10.0.0.2");
    const b = await login("nobody@x.test", "nope-nope", "10.0.0.2");
    expect(a).toEqual({ ok: false, status: 401, message: WRONG_CREDENTIALS });
    expect(b).toEqual(a);
  });

  it("limits attempts per IP to 10 a minute", async () => {
    const ip = "10.0.0.3";
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE; i++) {
      const r = await login(`nobody${i}@x.test`, "x", ip);
      expect(r).toMatchObject({ ok: false, status: 401 });
    }
    const blocked = await login("agent@x.test", "correct horse", ip);
    expect(blocked).toMatchObject({ ok: false, status: 429 });
    expect(blocked.ok === false && blocked.retryAfterSeconds).toBeGreaterThan(0);
    // another address is unaffected
    expect(await login("agent@x.test", "correct horse", "10.0.0.4")).toMatchObject({ ok: true });
  });

  it("never locks the owner out: many failures from one address leave the owner's own address unaffected", async () => {
    for (let i = 0; i < 30; i++) {
      await login("owner@x.test", `guess-${i}`, "203.0.113.66");
      advance(61); // past the per-IP minute, so only the per-account defences are in play
    }
    expect(await login("owner@x.test", "correct horse", "198.51.100.7")).toEqual({ ok: true, userId: ownerId });
    // the attacker's address is slowed down, not refused for good
    const slowed = await login("owner@x.test", "correct horse", "203.0.113.66");
    expect(slowed).toMatchObject({ ok: false, status: 429 });
  });

  it(
    "slows one (e-mail, address) pair down exponentially " + "after three failures, even for the right password",
    async () => {
      const ip = "10.3.0.1";
      for (let i = 1; i <= FREE_FAILURES; i++) {
        expect(await login("pair@x.test", "bad", ip)).toMatchObject({ status: 401 });
      }
      // no wait yet: the fourth failure is checked at once, and starts the back-off
      expect(await login("pair@x.test", "bad", ip)).toMatchObject({ status: 401 });
      const waiting = await login("pair@x.test", "correct horse", ip);
      expect(waiting).toEqual({
        ok: false,
        status: 429,
        retryAfterSeconds: 1,
        message: "Too many failed sign-ins with this e-mail address from your network. Wait a second and try again.",
      });
      advance(1.01);
      expect(await login("pair@x.test", "bad", ip)).toMatchObject({ status: 401 }); // 5th: wait 2 s
      advance(1);
      expect(await login("pair@x.test", "bad", ip)).toMatchObject({ status: 429, retryAfterSeconds: 1 });
      advance(1.01);
      expect(await login("pair@x.test", "bad", ip)).toMatchObject({ status: 401 }); // 6th: wait 4 s
      expect(await login("pair@x.test", "bad", ip)).toMatchObject({ status: 429, retryAfterSeconds: 4 });
      // the same e-mail from another address is not slowed down
      expect(await login("pair@x.test", "correct horse", "10.3.0.2")).toMatchObject({ ok: true });
      // and a success clears the pair
      advance(61);
      expect(await login("pair@x.test", "correct horse", ip)).toMatchObject({ ok: true });
      for (let i = 1; i <= FREE_FAILURES; i++)
        expect(await login("pair@x.test", "bad", ip)).toMatchObject({ status: 401 });
    },
  );

  it("forgets free failures after 15 minutes, and a slowed-down pair an hour after its wait", async () => {
    const ip = "10.8.0.1";
    for (let i = 0; i < FREE_FAILURES; i++) await login("nobody-forget@x.test", "bad", ip);
    advance(15 * 60 + 1);
    await login("nobody-forget@x.test", "bad", ip); // the count starts again: no wait after this one
    expect(await login("nobody-forget@x.test", "bad", ip)).toMatchObject({ status: 401 });
    expect(await login("nobody-forget@x.test", "bad", ip)).toMatchObject({ status: 401 }); // third
    expect(await login("nobody-forget@x.test", "bad", ip)).toMatchObject({ status: 401 }); // fourth: wait 1 s
    expect(await login("nobody-forget@x.test", "bad", ip)).toMatchObject({ status: 429 });
    advance(1 + 60 * 60 + 1);
    for (let i = 0; i < FREE_FAILURES + 1; i++)
      expect(await login("nobody-forget@x.test", "bad", ip)).toMatchObject({ status: 401 });
  });

  it("caps the wait at 15 minutes", async () => {
    const ip = "10.4.0.1";
    for (let n = 1; n <= 20; n++) {
      expect(await login("nobody-cap@x.test", "bad", ip)).toMatchObject({ status: 401 });
      if (backoffSeconds(n) > 0)
        expect(await login("nobody-cap@x.test", "bad", ip)).toMatchObject({
          status: 429,
          retryAfterSeconds: backoffSeconds(n),
        });
      advance(backoffSeconds(n) + 61);
    }
    expect(backoffSeconds(20)).toBe(900);
  });

  it("answers known and unknown e-mails identically in every state, the slowed-down one included", async () => {
    const trail = async (email: string, ip: string) => {
      const answers: LoginResult[] = [];
      for (let i = 1; i <= 16; i++) {
        answers.push(await login(email, "wrong-password", ip));
        answers.push(await login(email, `another-guess-${i}`, ip)); // at once: 429 while the pair waits
        advance(i % 3 === 0 ? backoffSeconds(i) + 61 : 61); // sometimes wait it out, sometimes not
      }
      return answers;
    };
    const t0 = Date.now();
    const known = await trail("parity@x.test", "10.5.0.1");
    vi.setSystemTime(t0);
    const unknown = await trail("nobody-parity@x.test", "10.5.0.2");
    expect(unknown).toEqual(known);
    expect(known.filter((a) => !a.ok && a.status === 429).length).toBeGreaterThan(10);
    expect(known.every((a) => !a.ok)).toBe(true);
  });

  it("audits a heavily slowed-down account (and leaves no trace of unknown e-mails)", async () => {
    for (const email of ["audit@x.test", "nobody-audit@x.test"]) {
      for (let n = 1; n <= 15; n++) {
        await login(email, "bad", "10.5.0.9");
        advance(backoffSeconds(n) + 61);
      }
    }
    const rows = (await listAudit(db, { action: "user.throttled" })).rows;
    expect(rows.map((r) => r.summary)).toContain(
      "Slowed down sign-ins to audit@x.test from 10.5.0.9 to one attempt every 15 minutes after 14 failures in a row",
    );
    expect(rows.filter((r) => r.summary.includes("audit@x.test"))).toHaveLength(1);
    expect(rows.some((r) => r.summary.includes("nobody"))).toBe(false);
  });

  it("notes many failures against one account from many addresses in the audit log", async () => {
    for (let i = 0; i < 50; i++) await login("wide@x.test", "bad", `10.6.${i}.1`);
    const rows = (await listAudit(db, { action: "user.throttled" })).rows;
    expect(rows.map((r) => r.summary)).toContain(
      "50 failed sign-ins to wide@x.test within a day (from any address; last from 10.6.49.1)",
    );
    expect(await login("wide@x.test", "correct horse", "10.6.99.1")).toMatchObject({ ok: true });
  });

  it("lifts every slow-down of an e-mail when an administrator resets the password", async () => {
    for (const ip of ["10.7.0.1", "10.7.0.2"]) {
      for (let i = 0; i < 6; i++) await login("reset@x.test", "bad", ip);
      expect(await login("reset@x.test", "correct horse", ip)).toMatchObject({ status: 429 });
    }
    clearSignInBackoff(" Reset@X.test ");
    expect(await login("reset@x.test", "correct horse", "10.7.0.1")).toMatchObject({ ok: true });
    expect(await login("reset@x.test", "correct horse", "10.7.0.2")).toMatchObject({ ok: true });
  });

  it("refuses a deactivated account, saying so only after the right password", async () => {
    const gone = (await login("gone@x.test", "correct horse", "10.2.0.1")) as { ok: true; userId: string };
    await updateUser(db, gone.userId, { active: false }, null);
    const r = await login("gone@x.test", "correct horse", "10.2.0.2");
    expect(r).toMatchObject({ ok: false, status: 401 });
    expect(r.ok === false && r.message).toMatch(/deactivated/);
    expect(await login("gone@x.test", "wrong", "10.2.0.2")).toEqual({
      ok: false,
      status: 401,
      message: WRONG_CREDENTIALS,
    });
  });
});
