// The outbox at the database level: which endpoints a message is queued for (and the remembered subscriptions
// following every change), messages written only by a committed transaction (publishing an SOP, a certificate),
// deterministic ids that a second scan leaves alone (the follow-up scan announces each due follow-up once), the claim
// lease, and the secrets that sign during a rotation.
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "./client.server";
import { createIntegration, setIntegrationDisabled } from "./integrations.server";
import { auditLog, runs, sops, webhookOutbox } from "./schema";
import { seedDemoOrganisation } from "./seed.server";
import { createTestDb, partialRunState } from "./test-db.server";
import { insertCertificate } from "./training.server";
import { findUserByEmail } from "./users.server";
import {
  claimDueMessages,
  createEndpoint,
  deleteEndpoint,
  enqueueWebhook,
  getEndpoint,
  recordAttempt,
  rotateEndpointSecret,
  signingSecrets,
  updateEndpoint,
  webhookWanted,
} from "./webhooks.server";
import { seedSopLibrary } from "../app/sop-library.server";
import { announceDueFollowUps } from "../app/webhook-delivery.server";

let db: Db;
let integrationId: string;

const rows = () => db.select().from(webhookOutbox).all();

beforeEach(async () => {
  db = createTestDb();
  await seedDemoOrganisation(db, async (p) => `hash:${p}`);
  integrationId = (await createIntegration(db, { name: "Desk", allowPrivateTargets: true }, null)).id;
});

describe("the webhook outbox", () => {
  it("queues one row per active subscribed endpoint, and follows every endpoint and integration change", async () => {
    expect(webhookWanted(db, "run.completed")).toBe(false);
    expect(enqueueWebhook(db, "run.completed", { runId: "r0" })).toBe(0);

    const a = await createEndpoint(db, integrationId, { url: "http://127.0.0.1:1/a", events: ["run.completed"] }, null);
    const b = await createEndpoint(
      db,
      integrationId,
      { url: "http://127.0.0.1:1/b", events: ["run.completed", "run.started"] },
      null,
    );
    expect(webhookWanted(db, "run.completed")).toBe(true);
    expect(webhookWanted(db, "sop.published")).toBe(false);
    expect(enqueueWebhook(db, "run.completed", { runId: "r1" })).toBe(2);
    expect(enqueueWebhook(db, "run.started", { runId: "r1" })).toBe(1);

    // paused: no longer queued for
    await updateEndpoint(
      db,
      integrationId,
      b.endpoint.id,
      { url: b.endpoint.url, events: ["run.started"], active: false },
      null,
    );
    expect(webhookWanted(db, "run.started")).toBe(false);
    expect(enqueueWebhook(db, "run.completed", { runId: "r2" })).toBe(1);

    // the integration switched off: nothing at all
    await setIntegrationDisabled(db, integrationId, true, null);
    expect(webhookWanted(db, "run.completed")).toBe(false);
    expect(enqueueWebhook(db, "run.completed", { runId: "r3" })).toBe(0);
    await setIntegrationDisabled(db, integrationId, false, null);
    expect(webhookWanted(db, "run.completed")).toBe(true);

    await deleteEndpoint(db, integrationId, a.endpoint.id, null);
    expect(webhookWanted(db, "run.completed")).toBe(false);

    const stored = rows();
    expect(stored.every((r) => /^msg_[A-Za-z0-9_-]{16}$/.test(r.id))).toBe(true);
    const body = JSON.parse(stored.find((r) => r.eventType === "run.started")!.payload) as Record<string, unknown>;
    expect(body).toMatchObject({ type: "run.started", data: { runId: "r1" } });
    expect(new Date(body.timestamp as string).getTime()).toBeGreaterThan(0);
  });

  it("remembers the subscriptions once per database, for its transactions too, until an endpoint changes", async () => {
    const inTx = <T>(fn: (tx: Db) => T) => db.transaction((tx) => fn(tx as unknown as Db));
    const a = await createEndpoint(db, integrationId, { url: "http://127.0.0.1:1/a", events: ["run.completed"] }, null);
    expect(inTx((tx) => webhookWanted(tx, "run.completed"))).toBe(true);
    // switched off behind the module's back: what the transaction read is what the database (and the next
    // transaction, a new handle) remember
    db.$client.prepare("UPDATE webhook_endpoints SET active = 0").run();
    expect(webhookWanted(db, "run.completed")).toBe(true);
    expect(inTx((tx) => enqueueWebhook(tx, "run.completed", { runId: "r1" }))).toBe(1);

    // saving or deleting an endpoint forgets them for the database and its transactions alike
    await updateEndpoint(db, integrationId, a.endpoint.id, { url: a.endpoint.url, events: ["run.completed"] }, null);
    expect(inTx((tx) => webhookWanted(tx, "run.completed"))).toBe(false);
    expect(webhookWanted(db, "run.completed")).toBe(false);
    const b = await createEndpoint(db, integrationId, { url: "http://127.0.0.1:1/b", events: ["run.completed"] }, null);
    expect(inTx((tx) => webhookWanted(tx, "run.completed"))).toBe(true);
    await deleteEndpoint(db, integrationId, b.endpoint.id, null);
    expect(inTx((tx) => webhookWanted(tx, "run.completed"))).toBe(false);
    expect(webhookWanted(db, "run.completed")).toBe(false);
  });

  it("writes nothing when the transaction that queued it rolls back", async () => {
    await createEndpoint(db, integrationId, { url: "http://127.0.0.1:1/a", events: ["run.completed"] }, null);
    expect(() =>
      db.transaction((tx) => {
        enqueueWebhook(tx, "run.completed", { runId: "r1" });
        throw new Error("the change failed");
      }),
    ).toThrow("the change failed");
    expect(rows()).toEqual([]);
  });

  it("announces publishing an SOP and earning a certificate in their own transactions", async () => {
    await createEndpoint(
      db,
      integrationId,
      { url: "http://127.0.0.1:1/a", events: ["sop.published", "training.certified"] },
      null,
    );
    const report = await seedSopLibrary(db);
    const published = rows().filter((r) => r.eventType === "sop.published");
    expect(published.length).toBe(report.published.length);
    const first = JSON.parse(published[0]!.payload) as { data: { sopId: string; version: number; title: string } };
    expect(first.data).toMatchObject({ version: 1 });
    expect(report.published).toContain(first.data.sopId);

    const agent = (await findUserByEmail(db, "agent@stepwise.example"))!;
    const certificate = {
      userId: agent.id,
      sopId: first.data.sopId,
      versionId: 1,
      version: 1,
      certifiedAt: Date.now(),
      expiresAt: null,
      title: first.data.title,
      renewal: false,
    };
    // a certificate whose transaction fails is not announced…
    expect(() =>
      db.transaction((tx) => {
        insertCertificate(tx, certificate);
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(rows().filter((r) => r.eventType === "training.certified")).toEqual([]);
    // …a stored one is, once
    db.transaction((tx) => insertCertificate(tx, certificate));
    const certified = rows().filter((r) => r.eventType === "training.certified");
    expect(certified).toHaveLength(1);
    expect(JSON.parse(certified[0]!.payload)).toMatchObject({
      type: "training.certified",
      data: { person: { email: "agent@stepwise.example" }, sopId: first.data.sopId, renewal: false },
    });
  });

  it("keyed messages get stable ids: queuing the same thing again adds nothing", async () => {
    await createEndpoint(db, integrationId, { url: "http://127.0.0.1:1/a", events: ["followup.due"] }, null);
    await createEndpoint(db, integrationId, { url: "http://127.0.0.1:1/b", events: ["followup.due"] }, null);
    const key = "followup:run-1:2026-12-01";
    expect(enqueueWebhook(db, "followup.due", { runId: "run-1" }, { key })).toBe(2);
    expect(enqueueWebhook(db, "followup.due", { runId: "run-1" }, { key })).toBe(0);
    expect(enqueueWebhook(db, "followup.due", { runId: "run-1" }, { key: "followup:run-1:2026-12-08" })).toBe(2);
    expect(new Set(rows().map((r) => r.id)).size).toBe(4);
  });

  it("the follow-up scan queues a follow-up that fell due once, however many scans find it open", async () => {
    await createEndpoint(db, integrationId, { url: "http://127.0.0.1:1/a", events: ["followup.due"] }, null);
    await seedSopLibrary(db);
    const sop = db.select({ id: sops.id, versionId: sops.publishedVersionId }).from(sops).get()!;
    db.insert(runs)
      .values({
        id: "run-1",
        sopId: sop.id,
        versionId: sop.versionId!,
        agentId: (await findUserByEmail(db, "agent@stepwise.example"))!.id,
        status: "completed",
        outcome: "follow-up",
        followUpDue: "2026-03-02",
        startedAt: 1_000,
        updatedAt: 1_000,
        state: partialRunState(),
      })
      .run();
    expect(announceDueFollowUps(db, "2026-03-01")).toBe(0); // not due yet
    expect(announceDueFollowUps(db, "2026-03-02")).toBe(1);
    expect(announceDueFollowUps(db, "2026-03-02")).toBe(0); // the next minute's scan
    expect(announceDueFollowUps(db, "2026-03-03")).toBe(0); // still open the next day
    const due = rows().filter((r) => r.eventType === "followup.due");
    expect(due).toHaveLength(1);
    expect(JSON.parse(due[0]!.payload)).toMatchObject({ data: { runId: "run-1", due: "2026-03-02" } });
  });

  it("a claim holds a message for its lease only; an attempt releases it with its outcome", async () => {
    const { endpoint } = await createEndpoint(
      db,
      integrationId,
      { url: "http://127.0.0.1:1/a", events: ["run.completed"] },
      null,
    );
    enqueueWebhook(db, "run.completed", { runId: "r1" }, { at: 1_000 });
    const [claimed] = await claimDueMessages(db, 2_000, 10, 60_000);
    expect(claimed).toMatchObject({ url: endpoint.url, allowPrivateTargets: true, attempts: 0 });
    expect(await claimDueMessages(db, 30_000, 10, 60_000)).toEqual([]); // another worker: still claimed
    // the claim lapsed
    expect((await claimDueMessages(db, 62_000, 10, 60_000)).map((m) => m.id)).toEqual([claimed!.id]);
    await recordAttempt(db, claimed!, {
      at: 62_500,
      statusCode: 503,
      durationMs: 12,
      error: "HTTP 503",
      responseExcerpt: "later",
      result: { kind: "retry", nextAttemptAt: 70_000 },
    });
    expect(await claimDueMessages(db, 69_999, 10, 60_000)).toEqual([]); // not due yet
    const again = await claimDueMessages(db, 70_000, 10, 60_000);
    expect(again.map((m) => [m.id, m.attempts, m.lastStatusCode])).toEqual([[claimed!.id, 1, 503]]);
    await recordAttempt(db, again[0]!, {
      at: 70_100,
      statusCode: 200,
      durationMs: 8,
      error: null,
      responseExcerpt: "ok",
      result: { kind: "delivered" },
    });
    const row = db.select().from(webhookOutbox).where(eq(webhookOutbox.id, claimed!.id)).get()!;
    expect(row).toMatchObject({ status: "delivered", attempts: 2, deliveredAt: 70_100, lockedUntil: null });
    expect(await claimDueMessages(db, 1e15, 10, 60_000)).toEqual([]);
  });

  it("signs with the previous secret too for 24 hours after a rotation, and audits it", async () => {
    const { endpoint, secret } = await createEndpoint(
      db,
      integrationId,
      { url: "http://127.0.0.1:1/a", events: ["run.completed"] },
      null,
    );
    const rotated = await rotateEndpointSecret(db, integrationId, endpoint.id, null);
    expect(rotated).not.toBe(secret);
    const stored = getEndpoint(db, integrationId, endpoint.id);
    expect(stored).toMatchObject({ secret: rotated, previousSecret: secret });
    const now = Date.now();
    expect(stored.previousSecretUntil! - now).toBeGreaterThan(24 * 3600 * 1000 - 60_000);
    expect(signingSecrets(stored, now)).toEqual([rotated, secret]);
    expect(signingSecrets(stored, stored.previousSecretUntil! + 1)).toEqual([rotated]);
    const actions = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .all()
      .map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["webhook.create", "webhook.rotate-secret"]));
  });
});
