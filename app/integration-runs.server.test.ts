import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.server";
import { createIntegration } from "../db/integrations.server";
import { runs } from "../db/schema";
import { seedDemoOrganisation } from "../db/seed.server";
import { createTestDb } from "../db/test-db.server";
import { findUserByEmail } from "../db/users.server";
import type { SessionUser } from "./auth/session.server";
import { startOrResumeTicketRun } from "./integration-runs.server";
import { runPayload } from "./runs.server";
import { seedSopLibrary } from "./sop-library.server";

let db: Db;
let agent: SessionUser;
let integrationId: string;
const SOP = "billing-dispute-card-charge";

beforeAll(async () => {
  db = createTestDb();
  await seedDemoOrganisation(db, async (p) => `hash:${p}`);
  await seedSopLibrary(db);
  const row = (await findUserByEmail(db, "agent@stepwise.example"))!;
  agent = { id: row.id, email: row.email, name: row.name, role: row.role, departmentId: row.departmentId };
  integrationId = (await createIntegration(db, { name: "Help desk" }, null)).id;
});

describe("startOrResumeTicketRun", () => {
  it("starts a run for the ticket, fills matching fields, reports unknown and refused ones", async () => {
    const r = await startOrResumeTicketRun(db, agent, {
      integrationId,
      sopId: SOP,
      externalRef: "T-1001",
      fields: { customer_name: "Dana Reyes", card_last4: "12ab", ticket_priority: "high", statement_text: "" },
    });
    expect(r.resumed).toBe(false);
    expect(r.filled).toEqual(["customer_name"]);
    expect(r.ignored).toEqual(["ticket_priority"]);
    expect(r.invalid.map((i) => i.name)).toEqual(["card_last4"]);
    const row = db.select().from(runs).where(eq(runs.id, r.runId)).get()!;
    expect(row).toMatchObject({ integrationId, externalRef: "T-1001", agentId: agent.id });
    expect((await runPayload(db, agent, r.runId)).state.fields.customer_name?.value).toBe("Dana Reyes");
  });

  it("resumes the agent's active run for the same ticket and keeps what the agent typed since", async () => {
    const first = await startOrResumeTicketRun(db, agent, { integrationId, sopId: SOP, externalRef: "T-2002" });
    const again = await startOrResumeTicketRun(db, agent, {
      integrationId,
      sopId: SOP,
      externalRef: "T-2002",
      fields: { customer_name: "From the ticket" },
    });
    expect(again).toMatchObject({ runId: first.runId, resumed: true, filled: ["customer_name"] });
    const third = await startOrResumeTicketRun(db, agent, {
      integrationId,
      sopId: SOP,
      externalRef: "T-2002",
      fields: { customer_name: "Changed on the ticket" },
    });
    expect(third.filled).toEqual([]);
    expect((await runPayload(db, agent, first.runId)).state.fields.customer_name?.value).toBe("From the ticket");
  });

  it("starts a new run for another ticket, or without a reference", async () => {
    const a = await startOrResumeTicketRun(db, agent, { integrationId, sopId: SOP, externalRef: "T-3003" });
    const b = await startOrResumeTicketRun(db, agent, { integrationId, sopId: SOP, externalRef: "T-3004" });
    const c = await startOrResumeTicketRun(db, agent, { integrationId, sopId: SOP, externalRef: null });
    const d = await startOrResumeTicketRun(db, agent, { integrationId, sopId: SOP, externalRef: null });
    expect(new Set([a.runId, b.runId, c.runId, d.runId]).size).toBe(4);
  });
});
