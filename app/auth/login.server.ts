import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../../db/client.server";
import { findUserByEmail, normaliseEmail, recordLoginThrottled, recordSuccessfulLogin } from "../../db/users.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";

/**
 * Sign-in limits (ADR 004), all in memory (one process):
 *
 * - per client IP: 10 attempts a minute, whatever the e-mail;
 * - per (e-mail, client IP): after 3 failed attempts in a row, each further failure makes that pair wait
 *   1 s, 2 s, 4 s … up to 15 minutes before the next attempt is even checked. The owner signing in from
 *   another address is not affected, so guessing cannot lock anyone out. The key is the normalised e-mail
 *   string whether or not an account exists, so every answer is the same for known and unknown e-mails.
 *
 * A success clears the pair; an administrator's password reset clears every pair of that e-mail.
 */
export const LOGIN_ATTEMPTS_PER_MINUTE = 10;
/** Failures in a row, per (e-mail, IP), that cost nothing. */
export const FREE_FAILURES = 3;
/** The longest wait between attempts of one (e-mail, IP) pair. */
export const BACKOFF_CAP_SECONDS = 15 * 60;
/**
 * How long a pair's failures are remembered after its last one: 15 minutes while still free, then an hour past
 * the end of the current wait (so an attacker who keeps going stays at the cap). Short memories keep the number of
 * keys small (a spray of one guess per e-mail leaves keys for 15 minutes only) — see ADR 004.
 */
export const FREE_FAILURE_MEMORY_SECONDS = 15 * 60;
export const FAILURE_MEMORY_SECONDS = 60 * 60;
/**
 * Failures against one existing account within a day, from any addresses, that put a note in the audit log (no lock).
 */
export const ACCOUNT_ALERT_FAILURES = 50;

/** The wait (seconds) after the n-th failure in a row: 0 for the first three, then 1, 2, 4 … 512, 900, 900 … */
export function backoffSeconds(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES - 1), BACKOFF_CAP_SECONDS);
}
/** The first failure count whose wait is the cap (audited once per pair). */
const CAP_REACHED_AT = (() => {
  let n = FREE_FAILURES + 1;
  while (backoffSeconds(n) < BACKOFF_CAP_SECONDS) n++;
  return n;
})();

const perIp = new RateLimiterMemory({ keyPrefix: "login-ip", points: LOGIN_ATTEMPTS_PER_MINUTE, duration: 60 });
/** Consecutive failures per (e-mail, IP) pair, and per existing account (counters: they never refuse by themselves). */
const pairFailures = new RateLimiterMemory({
  keyPrefix: "login-fail",
  points: Number.MAX_SAFE_INTEGER,
  duration: FAILURE_MEMORY_SECONDS,
});
const accountFailures = new RateLimiterMemory({
  keyPrefix: "login-fail-account",
  points: Number.MAX_SAFE_INTEGER,
  duration: 24 * 60 * 60,
});
/** A pair that must wait: blocked for its back-off. */
const pairWait = new RateLimiterMemory({ keyPrefix: "login-wait", points: 1, duration: 1 });
/** Bumped by an admin reset: every key of that e-mail becomes fresh (the old ones simply expire). */
const resets = new Map<string, number>();

function pairKey(email: string, ip: string): string {
  return JSON.stringify([email, resets.get(email) ?? 0, ip]);
}

/** Lifts every sign-in slow-down of this e-mail (after an administrator reset the password). */
export function clearSignInBackoff(email: string): void {
  const address = normaliseEmail(email);
  resets.set(address, (resets.get(address) ?? 0) + 1);
}

// The dummy hash costs one argon2 hash: make it now, not during the first unknown-e-mail sign-in.
void dummyPasswordHash();

export type LoginResult =
  { ok: true; userId: string } | { ok: false; status: 400 | 401 | 429; message: string; retryAfterSeconds?: number };

export const WRONG_CREDENTIALS = "That e-mail and password don't match an account.";

function wait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "a second" : `${seconds} seconds`;
  const m = Math.ceil(seconds / 60);
  return m === 1 ? "a minute" : `${m} minutes`;
}

export async function attemptLogin(
  db: Db,
  { email, password, ip }: { email: string; password: string; ip: string },
): Promise<LoginResult> {
  const client = ip || "unknown";
  try {
    await perIp.consume(client);
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      return {
        ok: false,
        status: 429,
        retryAfterSeconds,
        message: `Too many sign-in attempts from your network. Wait ${retryAfterSeconds} seconds and try again.`,
      };
    }
    throw e;
  }
  // Everything below depends only on the e-mail string and the address, never on whether an account exists,
  // until the password has been checked.
  const address = normaliseEmail(email);
  const pair = pairKey(address, client);
  const waiting = await pairWait.get(pair);
  if (waiting && waiting.consumedPoints > 1 && waiting.msBeforeNext > 0) {
    const retryAfterSeconds = Math.max(1, Math.ceil(waiting.msBeforeNext / 1000));
    return {
      ok: false,
      status: 429,
      retryAfterSeconds,
      message:
        `Too many failed sign-ins with this e-mail address from your ` +
        `network. Wait ${wait(retryAfterSeconds)} and try again.`,
    };
  }
  const user = await findUserByEmail(db, address);
  // An unknown e-mail costs the same argon2 verification as a known one: no e-mail probing by timing.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !passwordOk) {
    await recordFailure(db, address, client, user?.id ?? null);
    return { ok: false, status: 401, message: WRONG_CREDENTIALS };
  }
  // Only someone who knows the password learns that the account is deactivated.
  if (!user.active) {
    return {
      ok: false,
      status: 401,
      message: "This account has been deactivated. Ask an administrator if you need access.",
    };
  }
  await pairFailures.delete(pair);
  await pairWait.delete(pair);
  await recordSuccessfulLogin(db, user.id);
  return { ok: true, userId: user.id };
}

async function recordFailure(db: Db, address: string, ip: string, userId: string | null): Promise<void> {
  const pair = pairKey(address, ip);
  const previous = await pairFailures.get(pair);
  const failures = (previous && previous.msBeforeNext > 0 ? previous.consumedPoints : 0) + 1;
  const seconds = backoffSeconds(failures);
  await pairFailures.set(
    pair,
    failures,
    seconds === 0 ? FREE_FAILURE_MEMORY_SECONDS : seconds + FAILURE_MEMORY_SECONDS,
  );
  if (seconds > 0) await pairWait.block(pair, seconds);
  // The rest concerns existing accounts only: administrators' audit notes, nothing that reaches the answer.
  if (!userId) return;
  if (failures === CAP_REACHED_AT)
    await recordLoginThrottled(db, userId, { ip, failures, waitSeconds: seconds, scope: "address" });
  const fromAnywhere = (await accountFailures.penalty(userId, 1)).consumedPoints;
  if (fromAnywhere === ACCOUNT_ALERT_FAILURES)
    await recordLoginThrottled(db, userId, { ip, failures: fromAnywhere, waitSeconds: 0, scope: "account" });
}
