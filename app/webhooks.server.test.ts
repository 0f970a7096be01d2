// Webhooks end to end in one process: events of real runs queued in their own transactions, delivered to a real
// HTTP receiver, signed so the Standard Webhooks library verifies them, retried, de-duplicated, never lost.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Db } from "../db/client.server";
import { createIntegration, setIntegrationDisabled } from "../db/integrations.server";
import { runs, webhookAttempts, webhookEndpoints, webhookOutbox } from "../db/schema";
import { seedDemoOrganisation } from "../db/seed.server";
import { createTestDb } from "../db/test-db.server";
import { findUserByEmail } from "../db/users.server";
import { claimDueMessages, createEndpoint, listDeliveries, resendMessage } from "../db/webhooks.server";
import type { SessionUser } from "./auth/session.server";
import { appendEvents, RunApiError, startRun } from "./runs.server";
import { seedSopLibrary } from "./sop-library.server";
import { announceDueFollowUps, deliverDue } from "./webhook-delivery.server";
import type { Resolver } from "../integrations/webhook-target";

type Received = { headers: http.IncomingHttpHeaders; body: string };
let received: Received[] = [];
let answer = 200;
let receiver: http.Server;
let receiverUrl = "";

let db: Db;
let agent: SessionUser;
let integrationId: string;
let secret: string;
const SOP = "billing-dispute-card-charge";
const noDns: Resolver = async () => {
  throw new Error("no DNS in this test");
};

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer, { "Content-Type": "text/plain" }).end(answer === 200 ? "ok" : "not now");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

beforeEach(async () => {
  received = [];
  answer = 200;
  db = createTestDb();
  await seedDemoOrganisation(db, async (p) => `hash:${p}`);
  await seedSopLibrary(db);
  const row = (await findUserByEmail(db, "agent@stepwise.example"))!;
  agent = { id: row.id, email: row.email, name: row.name, role: row.role, departmentId: row.departmentId };
  integrationId = (await createIntegration(db, { name: "Desk", allowPrivateTargets: true }, null)).id;
  secret = (
    await createEndpoint(
      db,
      integrationId,
      {
        url: receiverUrl,
        events: ["run.started", "run.completed", "run.escalated", "feedback.created", "followup.due"],
      },
      null,
    )
  ).secret;
});

const ev = (e: Record<string, unknown>) => ({ id: randomUUID(), at: Date.now(), ...e });

async function wrappedUpCall(outcome = "resolved", extra: Record<string, unknown> = {}) {
  const { runId } = await startRun(db, agent, { sopId: SOP, customerRef: "T-77" });
  await appendEvents(db, agent, runId, {
    events: [
      ev({ type: "field.captured", name: "customer_name", value: "Ines Duarte" }),
      ev({ type: "field.captured", name: "card_last4", value: "4242" }),
      ev({ type: "escalated", to: "Billing team", reason: "Chargeback over the limit" }),
      ev({
        type: "completed",
        outcome,
        wrapUp:
          "Billing dispute\n- Customer's name: Ines Duarte\n- Last four digits of the card: 4242\nCard 4242 refunded.",
        ...extra,
      }),
    ],
  });
  return runId;
}

const bodies = () => received.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });

describe("webhooks", () => {
  it("queues a call's messages with its events and delivers them signed, without sensitive values", async () => {
    const runId = await wrappedUpCall();
    expect(
      db
        .select()
        .from(webhookOutbox)
        .all()
        .map((m) => m.eventType),
    ).toEqual(expect.arrayContaining(["run.started", "run.escalated", "run.completed"]));
    expect(await deliverDue(db, noDns)).toBe(3);
    const verifier = new Webhook(secret);
    for (const r of received) {
      expect(r.headers["webhook-id"]).toMatch(/^msg_/);
      expect(verifier.verify(r.body, r.headers as Record<string, string>)).toBeTruthy();
    }
    const completed = bodies().find((b) => b.type === "run.completed")!;
    expect(completed.data).toMatchObject({
      runId,
      outcome: "resolved",
      customerRef: "T-77",
      agent: { email: "agent@stepwise.example" },
      fields: { customer_name: "Ines Duarte" },
    });
    expect(completed.data.fields).not.toHaveProperty("card_last4");
    expect(completed.data.note).toContain("Ines Duarte");
    expect(completed.data.note).not.toContain("4242");
    expect(completed.data.path).toHaveProperty("steps");
    expect((await listDeliveries(db, integrationId)).every((d) => d.status === "delivered")).toBe(true);
  });

  it("a refused batch announces nothing: the messages share the events' transaction", async () => {
    const { runId } = await startRun(db, agent, { sopId: SOP });
    const before = db.select().from(webhookOutbox).all().length;
    await expect(
      appendEvents(db, agent, runId, {
        events: [
          ev({ type: "completed", outcome: "resolved", wrapUp: "x" }),
          ev({ type: "step.completed", stepId: "no-such-step" }),
        ],
      }),
    ).rejects.toBeInstanceOf(RunApiError);
    expect(db.select().from(webhookOutbox).all().length).toBe(before);
  });

  it("practice runs announce nothing", async () => {
    const { runId } = await startRun(db, agent, { sopId: SOP });
    db.update(runs).set({ practice: true }).where(eq(runs.id, runId)).run();
    db.delete(webhookOutbox).run();
    await appendEvents(db, agent, runId, { events: [ev({ type: "completed", outcome: "resolved", wrapUp: "x" })] });
    expect(db.select().from(webhookOutbox).all()).toEqual([]);
  });

  it("retries a failing receiver with backoff and the same id, and delivers once it answers", async () => {
    await wrappedUpCall();
    answer = 500;
    expect(await deliverDue(db, noDns)).toBe(3);
    const firstIds = received.map((r) => r.headers["webhook-id"]);
    const pending = await listDeliveries(db, integrationId);
    expect(pending.every((d) => d.status === "pending" && d.attempts === 1 && d.lastStatusCode === 500)).toBe(true);
    // nothing is due until the backoff (about 5 s) has passed
    expect(await deliverDue(db, noDns)).toBe(0);
    answer = 200;
    expect(await deliverDue(db, noDns, Date.now() + 6_000)).toBe(3);
    expect(received.slice(3).map((r) => r.headers["webhook-id"])).toEqual(firstIds);
    expect((await listDeliveries(db, integrationId)).every((d) => d.status === "delivered" && d.attempts === 2)).toBe(
      true,
    );
    expect(db.select().from(webhookAttempts).all()).toHaveLength(6);
  });

  it("a claimed message is sent again after the claim lapses (a worker died mid-delivery)", async () => {
    await wrappedUpCall();
    const claimed = await claimDueMessages(db, Date.now(), 10, 60_000);
    expect(claimed).toHaveLength(3);
    expect(await claimDueMessages(db, Date.now(), 10, 60_000)).toHaveLength(0); // held by the first claim
    expect(await deliverDue(db, noDns, Date.now() + 61_000)).toBe(3);
    expect(new Set(received.map((r) => r.headers["webhook-id"]))).toEqual(new Set(claimed.map((c) => c.id)));
  });

  it("410 Gone switches the endpoint off; a switched-off integration's messages wait", async () => {
    await wrappedUpCall();
    answer = 410;
    await deliverDue(db, noDns);
    expect(db.select().from(webhookEndpoints).get()!.active).toBe(false);
    expect(await deliverDue(db, noDns, Date.now() + 60_000)).toBe(0);
    db.update(webhookEndpoints).set({ active: true }).run();
    await setIntegrationDisabled(db, integrationId, true, null);
    expect(await deliverDue(db, noDns, Date.now() + 60_000)).toBe(0);
  });

  it("send again re-queues the same message id", async () => {
    await wrappedUpCall();
    await deliverDue(db, noDns);
    const [first] = await listDeliveries(db, integrationId);
    await resendMessage(db, integrationId, first!.id, null);
    expect(await deliverDue(db, noDns)).toBe(1);
    expect(received.at(-1)!.headers["webhook-id"]).toBe(first!.id);
  });

  it("announces a due follow-up once, however often the scan runs", async () => {
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const due = day(3);
    const runId = await wrappedUpCall("follow-up", { followUpDue: due });
    db.delete(webhookOutbox).run();
    expect(announceDueFollowUps(db, day(2))).toBe(0);
    expect(announceDueFollowUps(db, due)).toBe(1);
    expect(announceDueFollowUps(db, day(4))).toBe(0);
    await deliverDue(db, noDns);
    expect(bodies()).toEqual([expect.objectContaining({ type: "followup.due" })]);
    expect(bodies()[0]!.data).toMatchObject({ runId, due });
  });

  it("refuses a private target at delivery unless the integration allows private targets", async () => {
    const strict = (await createIntegration(db, { name: "Strict" }, null)).id;
    await createEndpoint(db, strict, { url: "https://127.0.0.1:9/hooks", events: ["run.started"] }, null);
    await startRun(db, agent, { sopId: SOP });
    await deliverDue(db, noDns);
    const [d] = await listDeliveries(db, strict);
    expect(d).toMatchObject({ status: "pending", lastStatusCode: null });
    expect(d!.lastError).toMatch(/private network/);
  });
});
