// Webhook event types, payloads and the retry schedule: pure, shared by the outbox (db/webhooks.server.ts), the
// delivery worker (app/webhook-delivery.server.ts), the admin pages and docs/webhooks.md.

/** What an endpoint can subscribe to. `webhook.test` is the admin's "send a test event", never subscribed. */
export const WEBHOOK_EVENTS = [
  "run.started",
  "run.completed",
  "run.escalated",
  "followup.due",
  "feedback.created",
  "sop.published",
  "training.certified",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type WebhookMessageType = WebhookEvent | "webhook.test";

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** The body every delivery carries (Standard Webhooks' recommended envelope). */
export type WebhookEnvelope = { type: WebhookMessageType; timestamp: string; data: Record<string, unknown> };

export function envelope(type: WebhookMessageType, data: Record<string, unknown>, at: number): string {
  const body: WebhookEnvelope = { type, timestamp: new Date(at).toISOString(), data };
  return JSON.stringify(body);
}

/**
 * Seconds to wait before attempt `n + 1` after `n` failed attempts: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h
 * (about 31 hours in all), then the message is given up as failed. ±10 % jitter spreads retries of many messages
 * failing at once (`random` in [0, 1)).
 */
export const RETRY_SCHEDULE_S = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 14 * 3600] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_S.length + 1;

export function retryDelayMs(failedAttempts: number, random = Math.random()): number | null {
  const base = RETRY_SCHEDULE_S[failedAttempts - 1];
  if (base === undefined) return null;
  return Math.round(base * 1000 * (0.9 + 0.2 * random));
}

/** A message id (`webhook-id`): random, or derived from what it announces when a scan may find it twice. */
export function messageId(random: string): string {
  return `msg_${random}`;
}

/** What a delivery attempt came to. */
export type AttemptOutcome =
  | { kind: "delivered"; status: number }
  | { kind: "gone"; status: 410 }
  | { kind: "retry"; status: number | null; error: string | null };

/** 2xx delivers, 410 Gone switches the endpoint off (the receiver says it no longer exists), the rest retries. */
export function outcomeOf(status: number | null, error: string | null): AttemptOutcome {
  if (status !== null && status >= 200 && status < 300) return { kind: "delivered", status };
  if (status === 410) return { kind: "gone", status: 410 };
  return { kind: "retry", status, error };
}
