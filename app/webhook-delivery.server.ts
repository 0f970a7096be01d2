// Sends the webhook outbox (db/webhooks.server.ts): claims due messages with a lease, signs each (Standard
// Webhooks), POSTs it to the address its endpoint's name was vetted to (no second DNS lookup, no redirects), records
// the attempt and schedules the retry. A process that dies mid-delivery leaves its claims to lapse: the next one
// sends those messages again with the same id. Also announces follow-ups that fall due.
import dns from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client.server";
import { runs, sops, users } from "../db/schema";
import {
  claimDueMessages,
  enqueueWebhook,
  recordAttempt,
  signingSecrets,
  webhookWanted,
  type AttemptRecord,
  type Claimed,
} from "../db/webhooks.server";
import { outcomeOf, retryDelayMs } from "../integrations/webhook-events";
import { signatureHeaders } from "../integrations/webhook-signing";
import { parseTargetUrl, TargetRefused, vetTarget, type Resolver } from "../integrations/webhook-target";

const TIMEOUT_MS = 10_000;
const LEASE_MS = 60_000;
const BATCH = 20;
const PARALLEL = 8;
const EXCERPT_BYTES = 500;

export const systemResolver: Resolver = async (host) => dns.lookup(host, { all: true, verbatim: true });

type Sent = { status: number | null; error: string | null; excerpt: string | null; durationMs: number };

/** One POST to a vetted address; never throws (a failure is an attempt with its error). */
export async function post(
  url: URL,
  address: { address: string; family: number },
  headers: Record<string, string>,
  body: string,
  timeoutMs = TIMEOUT_MS,
): Promise<Sent> {
  const started = performance.now();
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, [address] as never, undefined as never);
    else callback(null, address.address, address.family);
  };
  return new Promise<Sent>((resolve) => {
    let settled = false;
    const done = (s: Omit<Sent, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...s, durationMs: Math.round(performance.now() - started) });
    };
    // `timeout` below is per socket inactivity; this bounds the whole exchange (a receiver dripping a byte at a time)
    const deadline = setTimeout(() => {
      done({ status: null, error: `No complete answer within ${timeoutMs / 1000} s.`, excerpt: null });
      request.destroy();
    }, timeoutMs);
    const request = (url.protocol === "https:" ? https : http).request(
      url,
      {
        method: "POST",
        lookup,
        timeout: timeoutMs,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          "User-Agent": "Stepwise-Webhooks/1",
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(c);
          size += c.length;
        });
        res.on("end", () =>
          done({
            status: res.statusCode ?? null,
            error: null,
            excerpt: Buffer.concat(chunks).toString("utf8").slice(0, EXCERPT_BYTES) || null,
          }),
        );
        res.on("error", (e) => done({ status: res.statusCode ?? null, error: e.message, excerpt: null }));
        res.on("close", () => {
          if (!res.complete)
            done({ status: res.statusCode ?? null, error: "The answer was cut off before its end.", excerpt: null });
        });
      },
    );
    request.on("timeout", () => request.destroy(new Error(`No answer within ${timeoutMs / 1000} s.`)));
    request.on("error", (e) => done({ status: null, error: e.message, excerpt: null }));
    request.end(body);
  });
}

/** Delivers one claimed message and records the attempt. */
export async function deliver(db: Db, message: Claimed, resolve: Resolver = systemResolver): Promise<AttemptRecord> {
  const at = Date.now();
  let sent: Sent;
  try {
    const rules = { allowPrivate: message.allowPrivateTargets };
    const url = parseTargetUrl(message.url, rules);
    // Vetted again now: the name may point elsewhere than when the endpoint was saved.
    const [address] = await vetTarget(url, rules, resolve);
    const headers = signatureHeaders(message.id, new Date(at), message.payload, signingSecrets(message, at));
    sent = await post(url, address!, headers, message.payload);
  } catch (e) {
    if (!(e instanceof TargetRefused)) throw e;
    sent = { status: null, error: e.message, excerpt: null, durationMs: 0 };
  }
  const outcome = outcomeOf(sent.status, sent.error);
  const failedAttempts = message.attempts + 1;
  const delay = outcome.kind === "retry" ? retryDelayMs(failedAttempts) : null;
  const attempt: AttemptRecord = {
    at,
    statusCode: sent.status,
    durationMs: sent.durationMs,
    error: sent.error ?? (outcome.kind === "retry" && sent.status ? `HTTP ${sent.status}` : null),
    responseExcerpt: sent.excerpt,
    result:
      outcome.kind === "delivered"
        ? { kind: "delivered" }
        : outcome.kind === "gone"
          ? { kind: "gone" }
          : delay === null
            ? { kind: "failed" }
            : { kind: "retry", nextAttemptAt: at + delay },
  };
  await recordAttempt(db, message, attempt);
  return attempt;
}

/** One round: claims what is due and sends it, a few at a time. Returns how many were attempted. */
export async function deliverDue(db: Db, resolve: Resolver = systemResolver, now = Date.now()): Promise<number> {
  const claimed = await claimDueMessages(db, now, BATCH, LEASE_MS);
  for (let i = 0; i < claimed.length; i += PARALLEL)
    await Promise.all(claimed.slice(i, i + PARALLEL).map((m) => deliver(db, m, resolve)));
  return claimed.length;
}

/**
 * Announces follow-ups that are due (their date is today or past, not closed), once each: the message id is derived
 * from the run and the due date, so a restart or a second scan finds it already queued.
 */
export function announceDueFollowUps(db: Db, today = new Date().toISOString().slice(0, 10)): number {
  if (!webhookWanted(db, "followup.due")) return 0;
  const due = db
    .select({
      runId: runs.id,
      sopId: runs.sopId,
      sopTitle: sops.title,
      due: runs.followUpDue,
      agentEmail: users.email,
      customerRef: runs.customerRef,
      externalRef: runs.externalRef,
      outcome: runs.outcome,
    })
    .from(runs)
    .innerJoin(sops, eq(sops.id, runs.sopId))
    .innerJoin(users, eq(users.id, runs.agentId))
    .where(
      and(
        lte(runs.followUpDue, today),
        isNull(runs.followUpClosedAt),
        eq(runs.practice, false),
        sql`${runs.status} <> 'discarded'`,
      ),
    )
    .all();
  let queued = 0;
  db.transaction((tx) => {
    for (const f of due) queued += enqueueWebhook(tx, "followup.due", f, { key: `followup:${f.runId}:${f.due}` });
  });
  return queued;
}

type Worker = { stop(): void; nudge(): void };
const workers = new WeakMap<Db, Worker>();

/**
 * Starts the delivery loop for `db` (once per process): a round every second while there is work, and right after
 * something is queued (`nudgeWebhooks`); follow-ups are scanned every minute. Timers never keep the process alive.
 */
export function startWebhookDelivery(db: Db, resolve: Resolver = systemResolver): Worker {
  const existing = workers.get(db);
  if (existing) return existing;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let stopped = false;
  const round = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        while ((await deliverDue(db, resolve)) > 0 && !stopped);
      } while (again && !stopped);
    } catch (error) {
      console.error("stepwise: webhook delivery failed (it runs again in a second):", error);
    } finally {
      running = false;
    }
  };
  const tick = () => {
    void round().finally(() => {
      if (!stopped) timer = setTimeout(tick, 1000).unref();
    });
  };
  timer = setTimeout(tick, 500).unref();
  const scan = setInterval(() => {
    try {
      if (announceDueFollowUps(db)) void round();
    } catch (error) {
      console.error("stepwise: the follow-up webhook scan failed:", error);
    }
  }, 60_000).unref();
  const worker: Worker = {
    stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(scan);
      workers.delete(db);
    },
    nudge() {
      setImmediate(() => void round());
    },
  };
  workers.set(db, worker);
  return worker;
}

/** After a transaction that queued messages: deliver them now rather than at the next second. */
export function nudgeWebhooks(db: Db): void {
  workers.get(db)?.nudge();
}
