import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDb, partialDocument } from "./test-db.server";
import type { Db } from "./client.server";
import { createDepartment, createUser } from "./users.server";
import { publishVersion } from "./sops.server";
import { listAudit } from "./audit.server";
import { openFlags } from "./home.server";
import { feedback, sopVersions } from "./schema";
import {
  assertFixable,
  closeFlagsFixedBy,
  FeedbackError,
  fixCandidates,
  flagsOfAgent,
  getFlag,
  inboxSops,
  listInbox,
  openFlagCounts,
  transitionFlag,
} from "./feedback.server";

let db: Db;
let billing: number;
let returns: number;
let agentId: string;
let leadId: string;
let v1: number;
let n = 0;

const doc = partialDocument({
  steps: [
    { id: "greet", number: 1, title: "Greet the caller" },
    { id: "verify", number: 2, title: "Verify identity" },
  ],
});
const publish = async (sopId: string, departmentId: number, title = sopId) =>
  await publishVersion(db, {
    sopId,
    title,
    departmentId,
    source: "",
    hash: `h${++n}`,
    document: doc,
    errorCount: 0,
    warningCount: 0,
    changeNote: `change ${n}`,
    actorId: null,
  });

function flag(sopId: string, versionId: number, stepId = "verify", at = ++n): string {
  const id = `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
  db.insert(feedback)
    .values({
      id,
      runId: null,
      sopId,
      versionId,
      stepId,
      kind: "unclear",
      text: `flag ${id}`,
      createdBy: agentId,
      createdAt: at,
    })
    .run();
  return id;
}

const refused = async (fn: () => unknown, status: number) => {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FeedbackError);
    expect((e as FeedbackError).status).toBe(status);
    return;
  }
  throw new Error("expected a FeedbackError");
};

beforeEach(async () => {
  db = createTestDb();
  billing = await createDepartment(db, { name: "Billing" }, null);
  returns = await createDepartment(db, { name: "Returns" }, null);
  agentId = await createUser(
    db,
    { email: "a@x.test", name: "Ana Agent", role: "agent", departmentId: billing, passwordHash: "x" },
    null,
  );
  leadId = await createUser(
    db,
    { email: "l@x.test", name: "Leo Lead", role: "lead", departmentId: billing, passwordHash: "x" },
    null,
  );
  v1 = (await publish("refunds", billing, "Refunds")).versionId;
});

describe("the inbox", () => {
  it("lists flags in scope with SOP, step, version and who flagged", async () => {
    const id = flag("refunds", v1);
    const rows = await listInbox(db, { all: false, departmentId: billing });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id,
      sopTitle: "Refunds",
      stepTitle: "Verify identity",
      stepNumber: 2,
      version: 1,
      kind: "unclear",
      agentName: "Ana Agent",
      state: "new",
      departmentName: "Billing",
    });
  });

  it("filters by scope: a lead sees their department, an admin all, no department nothing", async () => {
    const ret = (await publish("exchange", returns)).versionId;
    flag("refunds", v1);
    flag("exchange", ret);
    expect((await listInbox(db, { all: false, departmentId: billing })).map((r) => r.sopId)).toEqual(["refunds"]);
    expect((await listInbox(db, { all: false, departmentId: returns })).map((r) => r.sopId)).toEqual(["exchange"]);
    expect(await listInbox(db, { all: true })).toHaveLength(2);
    expect(await listInbox(db, { all: false, departmentId: null })).toHaveLength(0);
    expect(await inboxSops(db, { all: false, departmentId: billing })).toEqual([{ id: "refunds", title: "Refunds" }]);
  });

  it("filters by state (default new + accepted) and SOP", async () => {
    const other = (await publish("cards", billing)).versionId;
    const a = flag("refunds", v1);
    const b = flag("refunds", v1);
    const c = flag("cards", other);
    await transitionFlag(db, a, leadId, { action: "accept", reply: "Will fix" });
    await transitionFlag(db, b, leadId, { action: "dismiss", reason: "Works as written" });
    const scope = { all: true } as const;
    expect((await listInbox(db, scope)).map((r) => r.id).sort()).toEqual([a, c].sort());
    expect((await listInbox(db, scope, { states: ["dismissed"] })).map((r) => r.id)).toEqual([b]);
    expect((await listInbox(db, scope, { sopId: "cards" })).map((r) => r.id)).toEqual([c]);
    expect(
      await listInbox(db, scope, { states: ["new", "accepted", "done", "dismissed"], sopId: "refunds" }),
    ).toHaveLength(2);
  });
});

describe("transitions", () => {
  it("accept needs a reply and is audited", async () => {
    const id = flag("refunds", v1);
    await refused(async () => await transitionFlag(db, id, leadId, { action: "accept", reply: "  " }), 400);
    expect((await getFlag(db, id))?.state).toBe("new");
    expect(await transitionFlag(db, id, leadId, { action: "accept", reply: " Good catch " })).toBe("accepted");
    expect(await getFlag(db, id)).toMatchObject({
      state: "accepted",
      reply: "Good catch",
      handledByName: "Leo Lead",
      resolvedAt: null,
    });
    const audit = (await listAudit(db, { target: { type: "feedback", id } })).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "feedback.accept", actorName: "Leo Lead" });
    expect(audit[0]!.details).toMatchObject({ from: "new", reply: "Good catch" });
    // accepted twice: refused
    await refused(async () => await transitionFlag(db, id, leadId, { action: "accept", reply: "again" }), 409);
  });

  it("done needs a newer published version of the same SOP; it sets resolvedAt", async () => {
    const id = flag("refunds", v1);
    expect(fixCandidates(db, id)).toEqual([]);
    await refused(async () => await transitionFlag(db, id, leadId, { action: "done", fixedVersionId: v1 }), 409);
    const otherSop = (await publish("cards", billing)).versionId;
    await refused(async () => await transitionFlag(db, id, leadId, { action: "done", fixedVersionId: otherSop }), 409);
    const v2 = (await publish("refunds", billing, "Refunds")).versionId;
    expect(fixCandidates(db, id).map((c) => c.id)).toEqual([v2]);
    await transitionFlag(db, id, leadId, { action: "done", fixedVersionId: v2 }, 1234);
    expect(await getFlag(db, id)).toMatchObject({
      state: "done",
      fixedVersionId: v2,
      fixedVersion: 2,
      resolvedAt: 1234,
    });
    expect((await listAudit(db, { target: { type: "feedback", id } })).rows[0]).toMatchObject({
      action: "feedback.done",
    });
  });

  it("dismiss needs a reason; reopen clears the outcome and resolvedAt", async () => {
    const id = flag("refunds", v1);
    await refused(async () => await transitionFlag(db, id, leadId, { action: "reopen" }), 409);
    await refused(async () => await transitionFlag(db, id, leadId, { action: "dismiss", reason: "" }), 400);
    await transitionFlag(db, id, leadId, { action: "dismiss", reason: "Duplicate" }, 99);
    expect(await getFlag(db, id)).toMatchObject({ state: "dismissed", dismissReason: "Duplicate", resolvedAt: 99 });
    await refused(async () => await transitionFlag(db, id, leadId, { action: "dismiss", reason: "again" }), 409);
    await transitionFlag(db, id, leadId, { action: "reopen" });
    expect(await getFlag(db, id)).toMatchObject({
      state: "new",
      dismissReason: null,
      resolvedAt: null,
      fixedVersionId: null,
    });
    expect((await listAudit(db, { target: { type: "feedback", id } })).rows.map((r) => r.action).sort()).toEqual([
      "feedback.dismiss",
      "feedback.reopen",
    ]);
  });

  it("an unknown flag is a 404", async () => {
    await refused(async () => await transitionFlag(db, "nope", leadId, { action: "reopen" }), 404);
  });

  it("the home card's open flags follow resolvedAt", async () => {
    const id = flag("refunds", v1);
    const scope = { all: false, departmentId: billing } as const;
    expect((await openFlags(db, scope)).total).toBe(1);
    await transitionFlag(db, id, leadId, { action: "dismiss", reason: "No" });
    expect((await openFlags(db, scope)).total).toBe(0);
    await transitionFlag(db, id, leadId, { action: "reopen" });
    expect((await openFlags(db, scope)).total).toBe(1);
    expect(db.select().from(feedback).where(eq(feedback.id, id)).get()?.resolvedAt).toBeNull();
  });
});

describe("counts and the agent's view", () => {
  it("openFlagCounts counts new + accepted per SOP", async () => {
    const other = (await publish("cards", billing)).versionId;
    const a = flag("refunds", v1);
    flag("refunds", v1);
    const c = flag("refunds", v1);
    flag("cards", other);
    await transitionFlag(db, a, leadId, { action: "accept", reply: "ok" });
    await transitionFlag(db, c, leadId, { action: "dismiss", reason: "no" });
    const counts = await openFlagCounts(db, ["refunds", "cards", "none"]);
    expect(counts.get("refunds")).toBe(2);
    expect(counts.get("cards")).toBe(1);
    expect(counts.has("none")).toBe(false);
    expect((await openFlagCounts(db, [])).size).toBe(0);
  });

  it("flagsOfAgent lists the agent's own flags, newest first, with the reply", async () => {
    const a = flag("refunds", v1, "verify", 10);
    const b = flag("refunds", v1, "greet", 20);
    await transitionFlag(db, a, leadId, { action: "accept", reply: "Thanks, fixing it" });
    const mine = await flagsOfAgent(db, agentId, 5);
    expect(mine.total).toBe(2);
    expect(mine.rows.map((r) => r.id)).toEqual([b, a]);
    expect(mine.rows[1]).toMatchObject({
      state: "accepted",
      reply: "Thanks, fixing it",
      stepTitle: "Verify identity",
      sopTitle: "Refunds",
    });
    expect((await flagsOfAgent(db, agentId, 1)).rows).toHaveLength(1);
    expect((await flagsOfAgent(db, leadId)).total).toBe(0);
  });
});

describe("publishing a fix", () => {
  const publishFix = async (fixesFeedbackIds: string[], sopId = "refunds") =>
    await publishVersion(db, {
      sopId,
      title: "Refunds",
      departmentId: billing,
      source: "",
      hash: `h${++n}`,
      document: doc,
      errorCount: 0,
      warningCount: 0,
      changeNote: "Clearer step 2",
      actorId: leadId,
      fixesFeedbackIds,
    });
  const versionsOf = (sopId: string) =>
    db.select({ id: sopVersions.id }).from(sopVersions).where(eq(sopVersions.sopId, sopId)).all().length;
  const doneAudit = async (id: string) =>
    (await listAudit(db, { target: { type: "feedback", id } })).rows.filter((r) => r.action === "feedback.done");

  it("closes exactly the ticked flags, linked to the version just published, each audited as a done flag", async () => {
    const accepted = flag("refunds", v1);
    const fresh = flag("refunds", v1, "greet");
    const untouched = flag("refunds", v1);
    await transitionFlag(db, accepted, leadId, { action: "accept", reply: "Rewording it" });
    const v2 = await publishFix([accepted, fresh, accepted]); // a repeated id counts once
    for (const id of [accepted, fresh]) {
      expect(await getFlag(db, id)).toMatchObject({
        state: "done",
        fixedVersionId: v2.versionId,
        fixedVersion: 2,
        handledByName: "Leo Lead",
      });
      expect((await getFlag(db, id))!.resolvedAt).toEqual(expect.any(Number));
      const audit = await doneAudit(id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorName: "Leo Lead" });
      expect(audit[0]!.details).toMatchObject({ sopId: "refunds", fixedVersion: 2, publish: true });
    }
    expect((await doneAudit(accepted))[0]!.details).toMatchObject({ from: "accepted" });
    expect((await doneAudit(fresh))[0]!.details).toMatchObject({ from: "new" });
    // The accepted flag keeps the reply the agent already read.
    expect((await getFlag(db, accepted))?.reply).toBe("Rewording it");
    expect(await getFlag(db, untouched)).toMatchObject({ state: "new", fixedVersionId: null, resolvedAt: null });
    expect(await doneAudit(untouched)).toHaveLength(0);
    expect((await openFlagCounts(db, ["refunds"])).get("refunds")).toBe(1);
    expect((await flagsOfAgent(db, agentId, 5)).rows.find((r) => r.id === accepted)).toMatchObject({
      state: "done",
      fixedVersion: 2,
    });
    // Without fixes, a publish closes nothing.
    await publishFix([]);
    expect((await getFlag(db, untouched))?.state).toBe("new");
  });

  it(
    "refuses a flag of another SOP, an unknown id, or one " + "already done or dismissed, and then publishes nothing",
    async () => {
      const cards = (await publish("cards", billing)).versionId;
      const elsewhere = flag("cards", cards);
      const mine = flag("refunds", v1);
      const dismissed = flag("refunds", v1);
      await transitionFlag(db, dismissed, leadId, { action: "dismiss", reason: "Works as written" });
      const before = versionsOf("refunds");
      await refused(async () => await publishFix([mine, elsewhere]), 400);
      await refused(async () => await publishFix(["00000000-0000-4000-8000-ffffffffffff"]), 400);
      await refused(async () => await publishFix([mine, dismissed]), 409);
      expect(versionsOf("refunds")).toBe(before);
      expect(await getFlag(db, mine)).toMatchObject({ state: "new", fixedVersionId: null });
      expect((await getFlag(db, elsewhere))?.state).toBe("new");
      expect(
        (await listAudit(db, { action: "sop.publish" })).rows.filter((r) => r.targetId === "refunds"),
      ).toHaveLength(1);
      const v2 = await publishFix([mine]);
      expect(await getFlag(db, mine)).toMatchObject({ state: "done", fixedVersionId: v2.versionId });
      // Done now: a second publish may not close it again.
      await refused(async () => await publishFix([mine]), 409);
    },
  );

  it(
    "closeFlagsFixedBy checks the fixing version belongs to the " + "SOP; assertFixable accepts an empty list",
    async () => {
      const id = flag("refunds", v1);
      const cards = (await publish("cards", billing)).versionId;
      expect(() => assertFixable(db, "refunds", [])).not.toThrow();
      await refused(
        () => closeFlagsFixedBy(db, { sopId: "refunds", versionId: cards, flagIds: [id], actorId: leadId }),
        400,
      );
      expect((await getFlag(db, id))?.state).toBe("new");
      expect(closeFlagsFixedBy(db, { sopId: "refunds", versionId: v1, flagIds: [], actorId: leadId })).toBe(0);
    },
  );
});
