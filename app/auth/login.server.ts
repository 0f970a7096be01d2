import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../../db/client.server";
import { findUserByEmail, recordFailedLogin, recordSuccessfulLogin } from "../../db/users.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";

export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

/** At most 10 sign-in attempts per minute per client IP (in memory: one process; see ADR 004). */
const perIp = new RateLimiterMemory({ keyPrefix: "login-ip", points: LOGIN_ATTEMPTS_PER_MINUTE, duration: 60 });

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; status: 400 | 401 | 423 | 429; message: string; retryAfterSeconds?: number };

function minutes(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return m === 1 ? "a minute" : `${m} minutes`;
}

export async function attemptLogin(db: Db, { email, password, ip }: { email: string; password: string; ip: string }): Promise<LoginResult> {
  try {
    await perIp.consume(ip || "unknown");
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      return { ok: false, status: 429, retryAfterSeconds, message: `Too many sign-in attempts from your network. Wait ${retryAfterSeconds} seconds and try again.` };
    }
    throw e;
  }
  const user = findUserByEmail(db, email);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password); // same work as a real check: no e-mail probing by timing
    return { ok: false, status: 401, message: "That e-mail and password don't match an account." };
  }
  const now = Date.now();
  if (user.lockedUntil && user.lockedUntil > now) {
    return { ok: false, status: 429, retryAfterSeconds: Math.ceil((user.lockedUntil - now) / 1000), message: `This account is locked after repeated failed sign-ins. Try again in ${minutes(user.lockedUntil - now)}, or ask an administrator to reset the password.` };
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    const lockedUntil = recordFailedLogin(db, user.id, now);
    if (lockedUntil) {
      return { ok: false, status: 429, retryAfterSeconds: Math.ceil((lockedUntil - now) / 1000), message: `Too many failed sign-ins: this account is locked for ${minutes(lockedUntil - now)}.` };
    }
    return { ok: false, status: 401, message: "That e-mail and password don't match an account." };
  }
  if (!user.active) {
    return { ok: false, status: 401, message: "This account has been deactivated. Ask an administrator if you need access." };
  }
  recordSuccessfulLogin(db, user.id);
  return { ok: true, userId: user.id };
}
