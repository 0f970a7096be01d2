import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client.server";
import {
  createEmbedSession,
  EMBED_SESSION_MAX_AGE_MS,
  findEmbedSession,
  purgeExpiredLaunches,
  recordLaunch,
  setEmbedSessionRun,
  type EmbedContext,
} from "./embed.server";
import { createIntegration, setIntegrationDisabled } from "./integrations.server";
import { seedDemoOrganisation } from "./seed.server";
import { createTestDb } from "./test-db.server";
import { findUserByEmail, updateUser } from "./users.server";

let db: Db;
let integrationId: string;
let agentId: string;
const context: EmbedContext = { ticketId: "T-1", requester: null, locale: "fa", fields: {}, hostOrigin: null };

beforeAll(async () => {
  db = createTestDb();
  await seedDemoOrganisation(db, async (p) => `hash:${p}`);
  integrationId = (await createIntegration(db, { name: "Desk", allowedOrigins: ["https://desk.example"] }, null)).id;
  agentId = (await findUserByEmail(db, "agent@stepwise.example"))!.id;
});

describe("recordLaunch", () => {
  it("accepts a jti once per integration", async () => {
    const exp = Date.now() + 60_000;
    expect(await recordLaunch(db, integrationId, "j1", exp)).toBe(true);
    expect(await recordLaunch(db, integrationId, "j1", exp)).toBe(false);
    const other = (await createIntegration(db, { name: "Other" }, null)).id;
    expect(await recordLaunch(db, other, "j1", exp)).toBe(true);
  });
  it("purges rows a minute after they expired", async () => {
    const now = Date.now();
    await recordLaunch(db, integrationId, "old", now - 120_000, now);
    await recordLaunch(db, integrationId, "recent", now - 10_000, now);
    await purgeExpiredLaunches(db, now);
    // (not the purge's count: recordLaunch itself purges now and then, and may have taken "old" already)
    expect(await recordLaunch(db, integrationId, "old", now - 120_000, now)).toBe(true);
    expect(await recordLaunch(db, integrationId, "recent", now, now)).toBe(false);
  });
});

describe("embed sessions", () => {
  it("finds the agent, the integration's origins and the context; moves to another run", async () => {
    const token = await createEmbedSession(db, { userId: agentId, integrationId, context, runId: null });
    const found = (await findEmbedSession(db, token))!;
    expect(found.user.email).toBe("agent@stepwise.example");
    expect(found.allowedOrigins).toEqual(["https://desk.example"]);
    expect(found.context).toEqual(context);
    await setEmbedSessionRun(db, token, "run-1");
    expect((await findEmbedSession(db, token))!.runId).toBe("run-1");
    expect(await findEmbedSession(db, token + "x")).toBeNull();
    expect(await findEmbedSession(db, "")).toBeNull();
  });
  it("ends when it expires, the integration is disabled or the agent deactivated", async () => {
    const now = Date.now();
    const token = await createEmbedSession(db, { userId: agentId, integrationId, context, runId: null }, now);
    expect(await findEmbedSession(db, token, now + EMBED_SESSION_MAX_AGE_MS + 1)).toBeNull();
    await setIntegrationDisabled(db, integrationId, true, null);
    expect(await findEmbedSession(db, token)).toBeNull();
    await setIntegrationDisabled(db, integrationId, false, null);
    expect(await findEmbedSession(db, token)).not.toBeNull();
    await updateUser(db, agentId, { active: false }, null);
    expect(await findEmbedSession(db, token)).toBeNull();
  });
});
