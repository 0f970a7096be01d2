// Live runs across agents as the API lists them: whose runs a reader sees (all, their own, a lead's department's
// too), practice runs never, the filters and paging, open follow-ups soonest due first, one run and its owner.
import { beforeAll, describe, expect, it } from "vitest";
import { seedSopLibrary } from "../app/sop-library.server";
import type { Db } from "./client.server";
import { getRunOwner, getRunSummary, listOpenFollowUpSummaries, listRunSummaries } from "./run-summaries.server";
import { runs, sops } from "./schema";
import { seedDemoOrganisation } from "./seed.server";
import { createTestDb, partialRunState } from "./test-db.server";
import { findUserByEmail } from "./users.server";

let db: Db;
let agent: string;
let billingLead: string;
const page = { limit: 10, offset: 0 };
const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id);

beforeAll(async () => {
  db = createTestDb();
  await seedDemoOrganisation(db, async (p) => `hash:${p}`);
  await seedSopLibrary(db);
  agent = (await findUserByEmail(db, "agent@stepwise.example"))!.id;
  billingLead = (await findUserByEmail(db, "billing.lead@stepwise.example"))!.id;
  db.delete(runs).run(); // only the runs below
  const published = new Map(
    db
      .select()
      .from(sops)
      .all()
      .map((s) => [s.id, s.publishedVersionId!]),
  );
  const run = (id: string, sopId: string, values: Partial<typeof runs.$inferInsert>) =>
    db
      .insert(runs)
      .values({
        id,
        sopId,
        versionId: published.get(sopId)!,
        agentId: agent,
        startedAt: 1_000,
        updatedAt: 1_000,
        state: partialRunState(),
        ...values,
      })
      .run();
  // Customer Service: the agent's; Billing: the agent's and its lead's own
  run("cs-1", "complaint-handling", { startedAt: 1_000, integrationId: "int-1", externalRef: "T-1" });
  run("billing-1", "billing-dispute-card-charge", { startedAt: 2_000, followUpDue: "2026-03-02T09:00" });
  run("billing-2", "billing-dispute-card-charge", {
    startedAt: 3_000,
    agentId: billingLead,
    followUpDue: "2026-03-05",
  });
  run("discarded", "complaint-handling", { startedAt: 4_000, status: "discarded", followUpDue: "2026-03-01" });
  run("closed", "complaint-handling", { startedAt: 5_000, followUpDue: "2026-03-01", followUpClosedAt: 6_000 });
  run("practice", "complaint-handling", { startedAt: 6_000, practice: true, followUpDue: "2026-03-01" });
});

describe("run summaries", () => {
  it("lists live runs newest first, as far as the reader may see them", async () => {
    const all = await listRunSummaries(db, { scope: { all: true } }, page);
    expect(ids(all)).toEqual(["closed", "discarded", "billing-2", "billing-1", "cs-1"]);
    expect(all.total).toBe(5);
    expect(ids(await listRunSummaries(db, { scope: { agentId: billingLead } }, page))).toEqual(["billing-2"]);
    // a lead: their own and their department's SOPs' runs, whoever took them
    expect(ids(await listRunSummaries(db, { scope: { agentId: billingLead, departmentId: 2 } }, page))).toEqual([
      "billing-2",
      "billing-1",
    ]);
  });

  it("filters and pages, counting every match", async () => {
    const scope = { all: true } as const;
    expect(ids(await listRunSummaries(db, { scope, agentEmail: " Billing.Lead@stepwise.example" }, page))).toEqual([
      "billing-2",
    ]);
    expect(ids(await listRunSummaries(db, { scope, externalRef: "T-1" }, page))).toEqual(["cs-1"]);
    expect(ids(await listRunSummaries(db, { scope, status: "discarded" }, page))).toEqual(["discarded"]);
    expect(ids(await listRunSummaries(db, { scope, startedFrom: 2_000, startedBefore: 4_000 }, page))).toEqual([
      "billing-2",
      "billing-1",
    ]);
    const second = await listRunSummaries(db, { scope, sopId: "complaint-handling" }, { limit: 1, offset: 1 });
    expect(ids(second)).toEqual(["discarded"]);
    expect(second.total).toBe(3);
  });

  it("lists open follow-ups of live runs soonest due first, a date-time compared by its date", async () => {
    const scope = { all: true } as const;
    expect(ids(await listOpenFollowUpSummaries(db, { scope }, page))).toEqual(["billing-1", "billing-2"]);
    expect(ids(await listOpenFollowUpSummaries(db, { scope, dueBefore: "2026-03-03" }, page))).toEqual(["billing-1"]);
    expect(ids(await listOpenFollowUpSummaries(db, { scope, dueAfter: "2026-03-02T23:00:00Z" }, page))).toEqual([
      "billing-2",
    ]);
    expect((await listOpenFollowUpSummaries(db, { scope: { agentId: billingLead } }, page)).total).toBe(1);
  });

  it("reads one run with its SOP, version and agent, and who owns it", async () => {
    expect(await getRunSummary(db, "cs-1")).toMatchObject({
      sopId: "complaint-handling",
      version: 1,
      agentEmail: "agent@stepwise.example",
      integrationId: "int-1",
      externalRef: "T-1",
      status: "active",
    });
    expect(await getRunSummary(db, "practice")).toBeDefined(); // the caller decides what a practice run is to it
    expect(await getRunOwner(db, "cs-1")).toEqual({ agentId: agent, integrationId: "int-1" });
    expect(await getRunOwner(db, "billing-1")).toEqual({ agentId: agent, integrationId: null });
    expect(await getRunSummary(db, "nope")).toBeUndefined();
    expect(await getRunOwner(db, "nope")).toBeUndefined();
  });
});
