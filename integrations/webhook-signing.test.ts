import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { newWebhookSecret, signatureHeaders } from "./webhook-signing";

describe("webhook signatures", () => {
  it("signs so that the Standard Webhooks reference library verifies the delivery", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const body = JSON.stringify({ type: "run.completed", timestamp: new Date().toISOString(), data: { runId: "r" } });
    const headers = signatureHeaders("msg_1", new Date(), body, [secret]);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("a changed body, id or another secret does not verify", () => {
    const secret = newWebhookSecret();
    const body = '{"type":"run.started","timestamp":"2026-12-02T10:00:00.000Z","data":{}}';
    const headers = signatureHeaders("msg_2", new Date(), body, [secret]);
    expect(() => new Webhook(secret).verify(body.replace("started", "completed"), headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-id": "msg_3" })).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it("during a rotation both secrets sign, so receivers with either verify", () => {
    const [next, previous] = [newWebhookSecret(), newWebhookSecret()];
    const body = '{"type":"webhook.test","timestamp":"2026-12-02T10:00:00.000Z","data":{}}';
    const headers = signatureHeaders("msg_4", new Date(), body, [next, previous]);
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(next).verify(body, headers)).toBeTruthy();
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
  });
});
