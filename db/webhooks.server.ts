// Webhook endpoints and the delivery outbox (issue 12). A message is written in the transaction of the change it
// announces (`enqueueWebhook(tx, …)`), one row per subscribed endpoint, so a committed change is always announced
// and a rolled-back one never is. The delivery worker (app/webhook-delivery.server.ts) claims due rows with a lease,
// so a crash mid-delivery sends the message again after restart, with the same `webhook-id` (at least once).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { envelope, isWebhookEvent, type WebhookMessageType } from "../integrations/webhook-events";
import { newWebhookSecret } from "../integrations/webhook-signing";
import { recordAudit } from "./audit.server";
import type { Db } from "./client.server";
import { Refusal } from "./refusal";
import { integrations, webhookAttempts, webhookEndpoints, webhookOutbox } from "./schema";

export class WebhookError extends Refusal {}

export type Endpoint = typeof webhookEndpoints.$inferSelect;
export type OutboxRow = typeof webhookOutbox.$inferSelect;

/** A rotated-out secret keeps signing (beside the new one) this long, for receivers to switch over. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;
const MAX_ENDPOINTS_PER_INTEGRATION = 20;

// ---- subscriptions, remembered per process (the append path asks on every agent action) ----

type Subscriptions = Map<string, string[]>;
/** per connection, with the version it was read at (forgetWebhookSubscriptions makes every entry stale) */
const subscriptions = new WeakMap<object, { subs: Subscriptions; version: number }>();
let subscriptionsVersion = 0;

/** Forget the remembered subscriptions (after any change to endpoints or integrations). */
export function forgetWebhookSubscriptions(): void {
  subscriptionsVersion += 1;
}

/**
 * What the subscriptions are remembered by: the connection. The append path asks with its transaction handle (tx),
 * a new object per transaction and without `$client`; keyed by the handle, every transaction would miss and read
 * the endpoints again. Every handle opened on a database runs on that database's session, whose `client` is its
 * `$client`: keyed by that, db and each tx share one entry.
 */
function connectionOf(db: object): object {
  const handle = db as { $client?: object; session?: { client?: object } };
  return handle.$client ?? handle.session?.client ?? db;
}

function subscribed(db: Pick<Db, "select">): Subscriptions {
  const key = connectionOf(db);
  const known = subscriptions.get(key);
  if (known && known.version === subscriptionsVersion) return known.subs;
  const subs: Subscriptions = new Map();
  const rows = db
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .innerJoin(integrations, eq(integrations.id, webhookEndpoints.integrationId))
    .where(and(eq(webhookEndpoints.active, true), isNull(integrations.disabledAt)))
    .all();
  for (const row of rows)
    for (const type of row.events) {
      const list = subs.get(type) ?? [];
      list.push(row.id);
      subs.set(type, list);
    }
  subscriptions.set(key, { subs, version: subscriptionsVersion });
  return subs;
}

/** Whether any active endpoint wants `type`: one map lookup, so callers build a payload only when it is wanted. */
export function webhookWanted(db: Pick<Db, "select">, type: WebhookMessageType): boolean {
  return (subscribed(db).get(type)?.length ?? 0) > 0;
}

/**
 * Writes the message for every active endpoint subscribed to `type`, in the caller's transaction. `key` makes the
 * message ids deterministic (a periodic scan that may find the same thing twice): an existing id is left alone.
 */
export function enqueueWebhook(
  tx: Pick<Db, "select" | "insert">,
  type: WebhookMessageType,
  data: Record<string, unknown>,
  options: { at?: number; key?: string; endpointIds?: readonly string[] } = {},
): number {
  const endpointIds = options.endpointIds ?? subscribed(tx).get(type) ?? [];
  if (!endpointIds.length) return 0;
  const at = options.at ?? Date.now();
  const payload = envelope(type, data, at);
  const rows = endpointIds.map((endpointId) => ({
    id: options.key ? `msg_${keyHash(`${options.key}:${endpointId}`)}` : `msg_${randomBytes(12).toString("base64url")}`,
    endpointId,
    eventType: type,
    payload,
    createdAt: at,
    nextAttemptAt: at,
  }));
  return tx.insert(webhookOutbox).values(rows).onConflictDoNothing().run().changes;
}

/** A stable id from what the message announces (a de-duplication key, not a secret). */
function keyHash(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 22);
}

// ---- endpoints ----

export type EndpointInput = { url: string; events: string[]; description?: string; active?: boolean };

function checkEvents(events: string[]): string[] {
  const unique = [...new Set(events)];
  const unknown = unique.filter((e) => !isWebhookEvent(e));
  if (unknown.length) throw new WebhookError(400, `Unknown event type: ${unknown.join(", ")}.`, { field: "events" });
  if (!unique.length) throw new WebhookError(400, "Choose at least one event to send.", { field: "events" });
  return unique;
}

/** `url` must already be vetted (app/webhooks.server.ts checks it against the integration's target rules). */
export async function createEndpoint(
  db: Db,
  integrationId: string,
  input: EndpointInput,
  actorId: string | null,
): Promise<{ endpoint: Endpoint; secret: string }> {
  const events = checkEvents(input.events);
  const secret = newWebhookSecret();
  const endpoint = db.transaction((tx) => {
    const count = tx
      .select({ n: sql<number>`count(*)` })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.integrationId, integrationId))
      .get()!.n;
    if (count >= MAX_ENDPOINTS_PER_INTEGRATION)
      throw new WebhookError(409, `An integration has at most ${MAX_ENDPOINTS_PER_INTEGRATION} endpoints.`);
    const row = tx
      .insert(webhookEndpoints)
      .values({
        id: randomUUID(),
        integrationId,
        url: input.url,
        description: (input.description ?? "").trim().slice(0, 300),
        events,
        secret,
        active: input.active ?? true,
        createdBy: actorId,
      })
      .returning()
      .get();
    recordAudit(tx, {
      actorId,
      action: "webhook.create",
      targetType: "integration",
      targetId: integrationId,
      summary: `Added the webhook endpoint ${row.url}`,
      details: { endpointId: row.id, events },
    });
    return row;
  });
  forgetWebhookSubscriptions();
  return { endpoint, secret };
}

export async function listEndpoints(db: Db, integrationId: string) {
  return db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      events: webhookEndpoints.events,
      active: webhookEndpoints.active,
      createdAt: webhookEndpoints.createdAt,
      previousSecretUntil: webhookEndpoints.previousSecretUntil,
      pending: sql<number>`(select count(*) from ${webhookOutbox}
        where ${webhookOutbox.endpointId} = ${webhookEndpoints.id} and ${webhookOutbox.status} = 'pending')`,
      failed: sql<number>`(select count(*) from ${webhookOutbox}
        where ${webhookOutbox.endpointId} = ${webhookEndpoints.id} and ${webhookOutbox.status} = 'failed')`,
    })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.integrationId, integrationId))
    .orderBy(webhookEndpoints.createdAt)
    .all();
}

export function getEndpoint(db: Pick<Db, "select">, integrationId: string, endpointId: string): Endpoint {
  const row = db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.integrationId, integrationId)))
    .get();
  if (!row) throw new WebhookError(404, "There is no such endpoint on this integration.");
  return row;
}

export async function updateEndpoint(
  db: Db,
  integrationId: string,
  endpointId: string,
  input: EndpointInput,
  actorId: string | null,
): Promise<void> {
  const events = checkEvents(input.events);
  db.transaction((tx) => {
    const before = getEndpoint(tx, integrationId, endpointId);
    tx.update(webhookEndpoints)
      .set({
        url: input.url,
        events,
        description: (input.description ?? before.description).trim().slice(0, 300),
        active: input.active ?? before.active,
      })
      .where(eq(webhookEndpoints.id, endpointId))
      .run();
    recordAudit(tx, {
      actorId,
      action: "webhook.update",
      targetType: "integration",
      targetId: integrationId,
      summary: `Changed the webhook endpoint ${input.url}`,
      details: {
        endpointId,
        url: { from: before.url, to: input.url },
        events: { from: before.events, to: events },
        active: { from: before.active, to: input.active ?? before.active },
      },
    });
  });
  forgetWebhookSubscriptions();
}

export async function deleteEndpoint(
  db: Db,
  integrationId: string,
  endpointId: string,
  actorId: string | null,
): Promise<void> {
  db.transaction((tx) => {
    const before = getEndpoint(tx, integrationId, endpointId);
    tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).run();
    recordAudit(tx, {
      actorId,
      action: "webhook.delete",
      targetType: "integration",
      targetId: integrationId,
      summary: `Removed the webhook endpoint ${before.url} and its delivery log`,
      details: { endpointId },
    });
  });
  forgetWebhookSubscriptions();
}

/** A new secret; the previous one keeps signing beside it for ROTATION_OVERLAP_MS. Returns the new secret. */
export async function rotateEndpointSecret(
  db: Db,
  integrationId: string,
  endpointId: string,
  actorId: string | null,
): Promise<string> {
  const secret = newWebhookSecret();
  db.transaction((tx) => {
    const before = getEndpoint(tx, integrationId, endpointId);
    tx.update(webhookEndpoints)
      .set({ secret, previousSecret: before.secret, previousSecretUntil: Date.now() + ROTATION_OVERLAP_MS })
      .where(eq(webhookEndpoints.id, endpointId))
      .run();
    recordAudit(tx, {
      actorId,
      action: "webhook.rotate-secret",
      targetType: "integration",
      targetId: integrationId,
      summary: `Rotated the signing secret of ${before.url} (the previous one signs too for 24 hours)`,
      details: { endpointId },
    });
  });
  return secret;
}

/** The secrets that sign a delivery now: the current one, and the previous one during a rotation. */
export function signingSecrets(
  endpoint: Pick<Endpoint, "secret" | "previousSecret" | "previousSecretUntil">,
  now: number,
) {
  return endpoint.previousSecret && (endpoint.previousSecretUntil ?? 0) > now
    ? [endpoint.secret, endpoint.previousSecret]
    : [endpoint.secret];
}

// ---- the outbox ----

export type Claimed = OutboxRow & {
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: number | null;
  allowPrivateTargets: boolean;
};

/**
 * Claims up to `limit` due messages for `leaseMs`: nobody else sends them meanwhile, and if this process dies the
 * lease lapses and they are due again. Messages of endpoints or integrations switched off wait.
 */
export async function claimDueMessages(db: Db, now: number, limit: number, leaseMs: number): Promise<Claimed[]> {
  return db.transaction((tx) => {
    const due = tx
      .select({ id: webhookOutbox.id })
      .from(webhookOutbox)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookOutbox.endpointId))
      .innerJoin(integrations, eq(integrations.id, webhookEndpoints.integrationId))
      .where(
        and(
          eq(webhookOutbox.status, "pending"),
          sql`${webhookOutbox.nextAttemptAt} <= ${now}`,
          sql`(${webhookOutbox.lockedUntil} is null or ${webhookOutbox.lockedUntil} <= ${now})`,
          eq(webhookEndpoints.active, true),
          isNull(integrations.disabledAt),
        ),
      )
      .orderBy(webhookOutbox.nextAttemptAt)
      .limit(limit)
      .all()
      .map((r) => r.id);
    if (!due.length) return [];
    tx.update(webhookOutbox)
      .set({ lockedUntil: now + leaseMs })
      .where(inArray(webhookOutbox.id, due))
      .run();
    return tx
      .select({
        row: webhookOutbox,
        url: webhookEndpoints.url,
        secret: webhookEndpoints.secret,
        previousSecret: webhookEndpoints.previousSecret,
        previousSecretUntil: webhookEndpoints.previousSecretUntil,
        allowPrivateTargets: integrations.allowPrivateTargets,
      })
      .from(webhookOutbox)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookOutbox.endpointId))
      .innerJoin(integrations, eq(integrations.id, webhookEndpoints.integrationId))
      .where(inArray(webhookOutbox.id, due))
      .all()
      .map(({ row, ...rest }) => ({ ...row, ...rest }));
  });
}

export type AttemptRecord = {
  at: number;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
  /** the outcome: delivered, retry at `nextAttemptAt`, failed for good, or the endpoint is gone (410) */
  result: { kind: "delivered" } | { kind: "retry"; nextAttemptAt: number } | { kind: "failed" } | { kind: "gone" };
};

export async function recordAttempt(
  db: Db,
  message: Pick<OutboxRow, "id" | "endpointId">,
  attempt: AttemptRecord,
): Promise<void> {
  db.transaction((tx) => {
    tx.insert(webhookAttempts)
      .values({
        messageId: message.id,
        at: attempt.at,
        statusCode: attempt.statusCode,
        durationMs: attempt.durationMs,
        error: attempt.error?.slice(0, 500) ?? null,
        responseExcerpt: attempt.responseExcerpt?.slice(0, 500) ?? null,
      })
      .run();
    const r = attempt.result;
    tx.update(webhookOutbox)
      .set({
        attempts: sql`${webhookOutbox.attempts} + 1`,
        lockedUntil: null,
        lastStatusCode: attempt.statusCode,
        lastError: attempt.error?.slice(0, 500) ?? null,
        ...(r.kind === "delivered"
          ? { status: "delivered" as const, deliveredAt: attempt.at }
          : r.kind === "retry"
            ? { nextAttemptAt: r.nextAttemptAt }
            : { status: "failed" as const }),
      })
      .where(eq(webhookOutbox.id, message.id))
      .run();
    if (r.kind === "gone") {
      tx.update(webhookEndpoints).set({ active: false }).where(eq(webhookEndpoints.id, message.endpointId)).run();
      recordAudit(tx, {
        actorId: null,
        action: "webhook.gone",
        targetType: "webhook-endpoint",
        targetId: message.endpointId,
        summary: "Switched off a webhook endpoint that answered 410 Gone",
      });
    }
  });
  if (attempt.result.kind === "gone") forgetWebhookSubscriptions();
}

/** Sends the message again now (same id: the receiver may de-duplicate), whatever it came to before. */
export async function resendMessage(
  db: Db,
  integrationId: string,
  messageId: string,
  actorId: string | null,
): Promise<void> {
  db.transaction((tx) => {
    const row = tx
      .select({ id: webhookOutbox.id, endpointId: webhookOutbox.endpointId, type: webhookOutbox.eventType })
      .from(webhookOutbox)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookOutbox.endpointId))
      .where(and(eq(webhookOutbox.id, messageId), eq(webhookEndpoints.integrationId, integrationId)))
      .get();
    if (!row) throw new WebhookError(404, "There is no such delivery on this integration.");
    tx.update(webhookOutbox)
      .set({ status: "pending", nextAttemptAt: Date.now(), lockedUntil: null })
      .where(eq(webhookOutbox.id, messageId))
      .run();
    recordAudit(tx, {
      actorId,
      action: "webhook.resend",
      targetType: "integration",
      targetId: integrationId,
      summary: `Queued ${row.type} (${row.id}) to be sent again`,
      details: { messageId, endpointId: row.endpointId },
    });
  });
}

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;

export async function listDeliveries(
  db: Db,
  integrationId: string,
  filters: { endpointId?: string | null; status?: (typeof DELIVERY_STATUSES)[number] | null; limit?: number } = {},
) {
  return db
    .select({
      id: webhookOutbox.id,
      endpointId: webhookOutbox.endpointId,
      url: webhookEndpoints.url,
      eventType: webhookOutbox.eventType,
      status: webhookOutbox.status,
      attempts: webhookOutbox.attempts,
      createdAt: webhookOutbox.createdAt,
      nextAttemptAt: webhookOutbox.nextAttemptAt,
      deliveredAt: webhookOutbox.deliveredAt,
      lastStatusCode: webhookOutbox.lastStatusCode,
      lastError: webhookOutbox.lastError,
      lastDurationMs: sql<number | null>`(select ${webhookAttempts.durationMs} from ${webhookAttempts}
        where ${webhookAttempts.messageId} = ${webhookOutbox.id}
        order by ${webhookAttempts.at} desc, ${webhookAttempts.id} desc limit 1)`,
    })
    .from(webhookOutbox)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookOutbox.endpointId))
    .where(
      and(
        eq(webhookEndpoints.integrationId, integrationId),
        filters.endpointId ? eq(webhookOutbox.endpointId, filters.endpointId) : undefined,
        filters.status ? eq(webhookOutbox.status, filters.status) : undefined,
      ),
    )
    .orderBy(desc(webhookOutbox.createdAt), desc(webhookOutbox.id))
    .limit(filters.limit ?? 100)
    .all();
}

export async function listAttempts(db: Db, messageId: string) {
  return db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.messageId, messageId))
    .orderBy(desc(webhookAttempts.at), desc(webhookAttempts.id))
    .all();
}

/** Queues a `webhook.test` ping for one endpoint (the admin's "Send test event"); returns its message id. */
export async function sendTestEvent(
  db: Db,
  integrationId: string,
  endpointId: string,
  actorId: string | null,
): Promise<string> {
  return db.transaction((tx) => {
    const endpoint = getEndpoint(tx, integrationId, endpointId);
    const id = `msg_${randomBytes(12).toString("base64url")}`;
    const at = Date.now();
    tx.insert(webhookOutbox)
      .values({
        id,
        endpointId,
        eventType: "webhook.test",
        payload: envelope(
          "webhook.test",
          { endpointId, url: endpoint.url, message: "A test event from Stepwise." },
          at,
        ),
        createdAt: at,
        nextAttemptAt: at,
      })
      .run();
    recordAudit(tx, {
      actorId,
      action: "webhook.test",
      targetType: "integration",
      targetId: integrationId,
      summary: `Sent a test event to ${endpoint.url}`,
      details: { endpointId, messageId: id },
    });
    return id;
  });
}
