// Standard Webhooks signatures (https://www.standardwebhooks.com): `webhook-signature: v1,<base64 HMAC-SHA256 of
// "id.timestamp.body">`, with the `standardwebhooks` reference library so receivers can verify with the same one.
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A new endpoint secret: `whsec_` and 24 random bytes, base64 (the library's format). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/**
 * The three headers of a delivery. During a rotation both the new and the previous secret sign it (space-separated
 * signatures, as the spec allows), so a receiver that has not switched yet still verifies.
 */
export function signatureHeaders(
  msgId: string,
  at: Date,
  body: string,
  secrets: readonly string[],
): { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string } {
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": secrets.map((s) => new Webhook(s).sign(msgId, at, body)).join(" "),
  };
}
