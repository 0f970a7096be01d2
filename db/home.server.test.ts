import { beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createTestDb, partialDocument, partialRunState } from "./test-db.server";
import type { Db } from "./client.server";
import { feedback, runs, sopVersions } from "./schema";
import { publishVersion } from "./sops.server";
import { setArchived } from "./versions.server";
import { createDepartment, createUser, queryUsers } from "./users.server";
import { queryRunsForAgent, listRunSopsForAgent } from "./runs.server";
import { auditFilterOptions, queryAudit, recordAudit } from "./audit.server";
import { inScope } from "../app/auth/policy";
import {
  activeRunsOf,
  completedRunsOf,
  departmentProcedures,
  dueFollowUpsOf,
  openDrafts,
  openFlags,
  organisationSummary,
  overdueReviews,
  recentlyPublished,
  reviewsWaiting,
  type DepartmentScope,
} from "./home.server";

const STEPS = [
  { id: "greet", number: 1, title: "Greet the caller" },
  { id: "verify", number: 2, title: "Verify identity" },
  { id: "close", number: 3, title: "Close" },
];
const DOC = partialDocument({ steps: STEPS });

let db: Db;
let billing: number;
let returns: number;
let admin: string;
let lead: string;
let returnsLead: string;
let agent: string;
let otherAgent: string;

async function publish(
  sopId: string,
  departmentId: number,
  opts: { nextReviewAt?: string | null; title?: string } = {},
) {
  return (
    await publishVersion(db, {
      sopId,
      title: opts.title ?? sopId,
      departmentId,
      source: "",
      hash: `${sopId}-${Math.random()}`,
      document: DOC,
      errorCount: 0,
      warningCount: 0,
      changeNote: "",
      actorId: null,
      nextReviewAt: opts.nextReviewAt ?? null,
    })
  ).versionId;
}

let t = 1_000_000;
function run(
  versionId: number,
  sopId: string,
  agentId: string,
  opts: Partial<typeof runs.$inferInsert> & { step?: string } = {},
) {
  const id = randomUUID();
  t += 1000;
  const { step, ...rest } = opts;
  db.insert(runs)
    .values({
      id,
      sopId,
      versionId,
      agentId,
      status: "active",
      startedAt: t,
      updatedAt: t,
      state: partialRunState({ currentStepId: step ?? "greet" }),
      currentStepIndex: STEPS.findIndex((s) => s.id === (step ?? "greet")),
      ...rest,
    })
    .run();
  return id;
}

function draft(
  sopId: string,
  authorId: string,
  state: "draft" | "in_review" = "draft",
  reviewerId: string | null = null,
) {
  return db
    .insert(sopVersions)
    .values({
      sopId,
      version: 99,
      state,
      source: "",
      hash: randomUUID(),
      document: DOC,
      createdBy: authorId,
      updatedBy: authorId,
      reviewerId,
      submittedAt: state === "in_review" ? (t += 1) : null,
      updatedAt: (t += 1),
    })
    .returning({ id: sopVersions.id })
    .get().id;
}

function flag(sopId: string, versionId: number, stepId: string, at: number, resolved = false) {
  db.insert(feedback)
    .values({
      id: randomUUID(),
      sopId,
      versionId,
      stepId,
      kind: "unclear",
      text: `about ${stepId}`,
      createdBy: agent,
      createdAt: at,
      resolvedAt: resolved ? at + 1 : null,
    })
    .run();
}

const leadScope = (departmentId: number | null): DepartmentScope => ({ all: false, departmentId });

beforeEach(async () => {
  db = createTestDb();
  billing = await createDepartment(db, { name: "Billing" }, null);
  returns = await createDepartment(db, { name: "Returns" }, null);
  const u = async (email: string, role: "admin" | "lead" | "agent", dept: number | null) =>
    await createUser(db, { email, name: email.split("@")[0]!, role, departmentId: dept, passwordHash: "x" }, null);
  admin = await u("root@x.test", "admin", null);
  lead = await u("lead@x.test", "lead", billing);
  returnsLead = await u("rl@x.test", "lead", returns);
  agent = await u("agent@x.test", "agent", billing);
  otherAgent = await u("other@x.test", "agent", billing);
});

describe("an agent's home", () => {
  it("lists their own runs in progress, most recently touched first, with the step they are on", async () => {
    const v = await publish("refund", billing, { title: "Refund" });
    const older = run(v, "refund", agent, { step: "verify", updatedAt: 5 });
    const newer = run(v, "refund", agent, { updatedAt: 9, customerRef: "C-1" });
    run(v, "refund", otherAgent);
    run(v, "refund", agent, { status: "completed", completedAt: 7 });
    run(v, "refund", agent, { status: "discarded" as "active" });
    const card = await activeRunsOf(db, agent);
    expect(card.total).toBe(2);
    expect(card.rows.map((r) => r.id)).toEqual([newer, older]);
    expect(card.rows[1]).toMatchObject({
      stepTitle: "Verify identity",
      stepNumber: 2,
      stepCount: 3,
      sopTitle: "Refund",
    });
    expect(card.rows[0]).toMatchObject({ stepTitle: "Greet the caller", customerRef: "C-1" });
  });

  it("caps the rows but counts them all", async () => {
    const v = await publish("refund", billing);
    for (let i = 0; i < 7; i++) run(v, "refund", agent);
    expect(await activeRunsOf(db, agent, 5)).toMatchObject({ total: 7 });
    expect((await activeRunsOf(db, agent, 5)).rows).toHaveLength(5);
  });

  it(
    "lists completed calls latest first and open follow-ups " +
      "due by today (not closed, not later, not someone else's)",
    async () => {
      const v = await publish("refund", billing);
      const a = run(v, "refund", agent, { status: "completed", completedAt: 10, outcome: "resolved" });
      const b = run(v, "refund", agent, {
        status: "completed",
        completedAt: 20,
        outcome: "follow-up",
        followUpDue: "2026-11-30",
        customerRef: "C-9",
      });
      const c = run(v, "refund", agent, {
        status: "completed",
        completedAt: 30,
        outcome: "follow-up",
        followUpDue: "2026-12-01T15:00",
      });
      run(v, "refund", agent, {
        status: "completed",
        completedAt: 40,
        outcome: "follow-up",
        followUpDue: "2026-12-02",
      });
      run(v, "refund", agent, {
        status: "completed",
        completedAt: 50,
        outcome: "follow-up",
        followUpDue: "2026-11-01",
        followUpClosedAt: 60,
      });
      run(v, "refund", otherAgent, {
        status: "completed",
        completedAt: 70,
        outcome: "follow-up",
        followUpDue: "2026-11-01",
      });
      expect((await completedRunsOf(db, agent, 3)).rows.map((r) => r.completedAt)).toEqual([50, 40, 30]);
      expect((await completedRunsOf(db, agent)).total).toBe(5);
      const due = await dueFollowUpsOf(db, agent, "2026-12-01");
      expect(due.rows.map((r) => r.id)).toEqual([b, c]);
      expect(due.rows[0]!.customerRef).toBe("C-9");
      expect(due.open).toBe(3);
      expect((await dueFollowUpsOf(db, agent, "2026-12-02")).rows).toHaveLength(3);
      expect(a).toBeTruthy();
    },
  );
});

describe("a lead's and an admin's home", () => {
  it("shows reviews assigned to the lead, and every review to an admin", async () => {
    await publish("refund", billing);
    await publish("late", returns);
    draft("refund", returnsLead, "in_review", lead);
    draft("late", lead, "in_review", returnsLead);
    expect(await reviewsWaiting(db, { id: lead })).toMatchObject({
      total: 1,
      rows: [{ sopId: "refund", authorName: "rl" }],
    });
    expect(await reviewsWaiting(db, { id: returnsLead })).toMatchObject({ total: 1, rows: [{ sopId: "late" }] });
    expect((await reviewsWaiting(db, { all: true })).total).toBe(2);
  });

  it(
    "shows the lead's own open drafts (draft or in review), " + "newest edit first; an admin sees every open one",
    async () => {
      await publish("refund", billing);
      await publish("late", returns);
      await publish("card", billing);
      draft("refund", lead);
      draft("late", lead, "in_review", returnsLead);
      draft("card", returnsLead);
      expect((await openDrafts(db, { authorId: lead })).rows.map((r) => [r.sopId, r.state])).toEqual([
        ["late", "in_review"],
        ["refund", "draft"],
      ]);
      expect((await openDrafts(db, { all: true })).total).toBe(3);
    },
  );

  it("lists overdue reviews of the lead's department only (not due today, not archived, not unpublished)", async () => {
    await publish("a", billing, { nextReviewAt: "2026-10-31" });
    await publish("b", billing, { nextReviewAt: "2026-12-01" });
    await publish("c", billing, { nextReviewAt: "2026-11-15" });
    await publish("d", returns, { nextReviewAt: "2026-01-01" });
    await publish("e", billing, { nextReviewAt: "2026-01-01" });
    await setArchived(db, { sopId: "e", archived: true, actorId: admin });
    expect((await overdueReviews(db, leadScope(billing), "2026-12-01")).rows.map((r) => r.id)).toEqual(["a", "c"]);
    expect((await overdueReviews(db, leadScope(returns), "2026-12-01")).rows.map((r) => r.id)).toEqual(["d"]);
    expect((await overdueReviews(db, { all: true }, "2026-12-01")).total).toBe(3);
    // a lead without a department acts on nothing (policy.inScope), so sees nothing
    expect(inScope({ id: lead, role: "lead", departmentId: null }, billing)).toBe(false);
    expect((await overdueReviews(db, leadScope(null), "2026-12-01")).total).toBe(0);
  });

  it("counts open flags on the department's SOPs and names the step of the version flagged", async () => {
    const v1 = await publish("refund", billing, { title: "Refund" });
    const v2 = await publish("late", returns);
    flag("refund", v1, "verify", 10);
    flag("refund", v1, "close", 30);
    flag("refund", v1, "greet", 20, true);
    flag("refund", v1, "gone", 25);
    flag("late", v2, "greet", 40);
    const mine = await openFlags(db, leadScope(billing));
    expect(mine.total).toBe(3);
    expect(mine.rows.map((r) => [r.stepId, r.stepTitle, r.stepNumber])).toEqual([
      ["close", "Close", 3],
      ["gone", null, null],
      ["verify", "Verify identity", 2],
    ]);
    expect(mine.rows[0]).toMatchObject({ sopTitle: "Refund", agentName: "agent", departmentName: "Billing" });
    expect((await openFlags(db, { all: true })).total).toBe(4);
    expect(await openFlags(db, leadScope(returns), 1)).toMatchObject({ total: 1, rows: [{ sopId: "late" }] });
  });

  it("sums up the organisation for an admin, leaving discarded runs out of the call count", async () => {
    const v = await publish("refund", billing);
    await publish("late", returns);
    await setArchived(db, { sopId: "late", archived: true, actorId: admin });
    run(v, "refund", agent, { startedAt: 5_000 });
    run(v, "refund", agent, { startedAt: 9_000_000, status: "completed" });
    run(v, "refund", agent, { startedAt: 9_000_000, status: "discarded" as "active" });
    expect(await organisationSummary(db, 1_000_000)).toEqual({
      activeUsers: 5,
      departments: 2,
      publishedSops: 1,
      callsSince: 1,
      activeRuns: 1,
    });
  });
});

describe("a trainer's and trainee's home", () => {
  it("lists the department's published procedures and what was published lately", async () => {
    await publish("b-two", billing, { title: "Two" });
    await publish("b-one", billing, { title: "One" });
    await publish("r", returns, { title: "R" });
    await publish("gone", billing, { title: "Gone" });
    await setArchived(db, { sopId: "gone", archived: true, actorId: admin });
    expect(await departmentProcedures(db, billing)).toMatchObject({
      total: 2,
      rows: [{ title: "One", departmentSlug: "billing" }, { title: "Two" }],
    });
    expect((await departmentProcedures(db, null)).total).toBe(3);
    expect((await recentlyPublished(db, 0)).rows.map((r) => r.id).sort()).toEqual(["b-one", "b-two", "r"]);
    expect((await recentlyPublished(db, Date.now() + 60_000)).total).toBe(0);
  });
});

describe("list queries behind the tables", () => {
  it(
    "My runs: filters by text on procedure or customer, by " +
      "status and procedure; sorts; pages; never another agent's",
    async () => {
      const v1 = await publish("refund", billing, { title: "Refund and return" });
      const v2 = await publish("card", billing, { title: "Card dispute" });
      run(v1, "refund", agent, { customerRef: "ORD-100" });
      run(v2, "card", agent, { customerRef: "ord-200", status: "completed", outcome: "resolved" });
      run(v2, "card", agent, { status: "completed", outcome: "follow-up", followUpDue: "2026-12-01" });
      run(v1, "refund", otherAgent, { customerRef: "ORD-300" });
      run(v1, "refund", agent, { status: "discarded" as "active" });
      expect((await queryRunsForAgent(db, agent)).total).toBe(3);
      expect((await queryRunsForAgent(db, agent, { q: "ord" })).rows.map((r) => r.customerRef)).toEqual([
        "ord-200",
        "ORD-100",
      ]);
      expect((await queryRunsForAgent(db, agent, { q: "DISPUTE" })).total).toBe(2);
      expect((await queryRunsForAgent(db, agent, { q: "100%" })).total).toBe(0);
      expect((await queryRunsForAgent(db, agent, { status: "active" })).total).toBe(1);
      expect((await queryRunsForAgent(db, agent, { status: "follow-up" })).rows.map((r) => r.outcome)).toEqual([
        "follow-up",
      ]);
      expect((await queryRunsForAgent(db, agent, { sopId: "card" })).total).toBe(2);
      expect(
        (await queryRunsForAgent(db, agent, { sort: { key: "sop", dir: "asc" } })).rows.map((r) => r.sopTitle),
      ).toEqual(["Card dispute", "Card dispute", "Refund and return"]);
      expect((await queryRunsForAgent(db, agent, { sort: { key: "status", dir: "asc" } })).rows[0]!.status).toBe(
        "active",
      );
      expect(
        (await queryRunsForAgent(db, agent, { sort: { key: "customer", dir: "asc" } })).rows.map((r) => r.customerRef),
      ).toEqual(["ORD-100", "ord-200", null]);
      expect(
        (await queryRunsForAgent(db, agent, { sort: { key: "startedAt", dir: "asc" }, limit: 1, offset: 1 })).rows[0]!
          .customerRef,
      ).toBe("ord-200");
      expect((await listRunSopsForAgent(db, agent)).map((s) => s.title)).toEqual(["Card dispute", "Refund and return"]);
    },
  );

  it("Users: filters by text, role, department (or none) and status; roles sort most powerful first", async () => {
    expect((await queryUsers(db, { q: "LEAD" })).rows.map((u) => u.email)).toEqual(["lead@x.test"]);
    expect((await queryUsers(db, { q: "x.test" })).total).toBe(5);
    expect((await queryUsers(db, { q: "_" })).total).toBe(0);
    expect((await queryUsers(db, { role: "agent" })).total).toBe(2);
    expect((await queryUsers(db, { department: billing })).total).toBe(3);
    expect((await queryUsers(db, { department: "none" })).rows.map((u) => u.email)).toEqual(["root@x.test"]);
    expect((await queryUsers(db, { active: false })).total).toBe(0);
    expect((await queryUsers(db, { sort: { key: "role", dir: "asc" } })).rows.map((u) => u.role)).toEqual([
      "admin",
      "lead",
      "lead",
      "agent",
      "agent",
    ]);
    expect((await queryUsers(db, { sort: { key: "department", dir: "asc" } })).rows.at(-1)!.departmentName).toBeNull();
    expect((await queryUsers(db, { sort: { key: "name", dir: "desc" }, limit: 2 })).rows.map((u) => u.name)).toEqual([
      "root",
      "rl",
    ]);
  });

  it(
    "Audit log: filters by action or family, actor (or the " + "system) and instants; sorts; offers the choices",
    async () => {
      recordAudit(db, {
        actorId: admin,
        action: "sop.publish",
        targetType: "sop",
        targetId: "a",
        summary: "published",
      });
      recordAudit(db, { actorId: lead, action: "sop.approve", targetType: "sop", targetId: "a", summary: "approved" });
      const all = await queryAudit(db, { limit: 100 });
      expect(all.total).toBe(9); // 2 departments, 5 users, 2 above
      expect((await queryAudit(db, { action: "sop" })).total).toBe(2);
      expect((await queryAudit(db, { action: "sop.approve" })).rows.map((r) => r.actorName)).toEqual(["lead"]);
      expect((await queryAudit(db, { action: "so%" })).total).toBe(0);
      expect((await queryAudit(db, { actor: "system" })).total).toBe(7);
      expect((await queryAudit(db, { actor: admin })).total).toBe(1);
      const newest = all.rows[0]!.at;
      expect((await queryAudit(db, { from: newest + 1 })).total).toBe(0);
      expect((await queryAudit(db, { toExclusive: newest + 1 })).total).toBe(9);
      expect(
        (await queryAudit(db, { sort: { key: "actor", dir: "asc" } })).rows.slice(0, 2).map((r) => r.actorName),
      ).toEqual(["lead", "root"]);
      expect((await queryAudit(db, { sort: { key: "action", dir: "desc" } })).rows[0]!.action).toBe("user.create");
      expect(await auditFilterOptions(db)).toEqual({
        actions: ["department.create", "sop.approve", "sop.publish", "user.create"],
        actors: [
          { id: lead, name: "lead" },
          { id: admin, name: "root" },
        ],
      });
    },
  );
});
