import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDb, partialDocument } from "./test-db.server";
import type { Db } from "./client.server";
import { publishVersion } from "./sops.server";
import { setArchived } from "./versions.server";
import { createDepartment, createUser, updateUser } from "./users.server";
import { auditLog, certifications } from "./schema";
import {
  assignedSopsOf,
  changeAssignment,
  createAssignment,
  createLearningPath,
  evidenceRows,
  insertAcknowledgement,
  insertCertificate,
  listAssignmentsForManagement,
  removeAssignment,
  TrainingError,
  trainingSops,
} from "./training.server";

let db: Db;
let billing: number;
let returns: number;
let trainer: string;

const publish = async (sopId: string, departmentId: number, changeKind?: "material" | "minor") =>
  await publishVersion(db, {
    sopId,
    title: `SOP ${sopId}`,
    departmentId,
    source: sopId,
    hash: `${sopId}-${Math.random()}`,
    document: partialDocument(),
    errorCount: 0,
    warningCount: 0,
    changeNote: "note",
    actorId: null,
    changeKind,
  });
const person = async (
  email: string,
  departmentId: number | null,
  role: "agent" | "trainee" | "lead" | "trainer" = "trainee",
) => await createUser(db, { email, name: email, role, departmentId, passwordHash: "x" }, null);
const learnerOf = (id: string, role: "agent" | "trainee" | "lead" | "trainer", departmentId: number | null) => ({
  id,
  role,
  departmentId,
});
const sopIdsOf = async (l: ReturnType<typeof learnerOf>) => (await assignedSopsOf(db, l)).map((a) => a.sopId).sort();

beforeEach(async () => {
  db = createTestDb();
  billing = await createDepartment(db, { name: "Billing" }, null);
  returns = await createDepartment(db, { name: "Returns" }, null);
  trainer = await person("trainer@x.test", billing, "trainer");
  await publish("refunds", billing);
  await publish("disputes", billing);
  await publish("returns", returns);
});

describe("assignment fan-out", () => {
  it(
    "a department assignment covers its agents and trainees, " +
      "including people who join later, and not other departments",
    async () => {
      const early = await person("early@x.test", billing);
      await createAssignment(db, {
        sopId: "refunds",
        target: { departmentId: billing },
        required: true,
        dueDate: "2027-01-15",
        actorId: trainer,
      });
      const late = await person("late@x.test", billing, "agent");
      const elsewhere = await person("else@x.test", returns);
      const lead = await person("lead@x.test", billing, "lead");
      expect(await sopIdsOf(learnerOf(early, "trainee", billing))).toEqual(["refunds"]);
      expect(await sopIdsOf(learnerOf(late, "agent", billing))).toEqual(["refunds"]);
      expect(await sopIdsOf(learnerOf(elsewhere, "trainee", returns))).toEqual([]);
      // A department means the people who take calls; a lead is covered only when the role is named.
      expect(await sopIdsOf(learnerOf(lead, "lead", billing))).toEqual([]);
      await createAssignment(db, {
        sopId: "disputes",
        target: { departmentId: billing, role: "lead" },
        required: false,
        dueDate: null,
        actorId: trainer,
      });
      expect(await sopIdsOf(learnerOf(lead, "lead", billing))).toEqual(["disputes"]);
      expect(await sopIdsOf(learnerOf(early, "trainee", billing))).toEqual(["refunds"]);
    },
  );

  it(
    "a role assignment covers that role in every department; " + "moving department changes what a person gets",
    async () => {
      const t = await person("t@x.test", billing);
      await createAssignment(db, {
        sopId: "returns",
        target: { role: "trainee" },
        required: true,
        dueDate: null,
        actorId: trainer,
      });
      await createAssignment(db, {
        sopId: "refunds",
        target: { departmentId: billing },
        required: true,
        dueDate: null,
        actorId: trainer,
      });
      expect(await sopIdsOf(learnerOf(t, "trainee", billing))).toEqual(["refunds", "returns"]);
      await updateUser(db, t, { departmentId: returns }, trainer);
      expect(await sopIdsOf(learnerOf(t, "trainee", returns))).toEqual(["returns"]);
      expect(await sopIdsOf(learnerOf(t, "agent", returns))).toEqual([]);
    },
  );

  it("merges assignments of the same SOP: required wins, the earliest due date wins", async () => {
    const t = await person("t@x.test", billing);
    await createAssignment(db, {
      sopId: "refunds",
      target: { departmentId: billing },
      required: false,
      dueDate: "2027-03-01",
      actorId: trainer,
    });
    await createAssignment(db, {
      sopId: "refunds",
      target: { userId: t },
      required: true,
      dueDate: "2027-02-01",
      actorId: trainer,
    });
    const [a] = await assignedSopsOf(db, learnerOf(t, "trainee", billing));
    expect(a).toMatchObject({ sopId: "refunds", required: true, dueDate: "2027-02-01" });
    expect(a!.assignmentIds).toHaveLength(2);
  });

  it("a learning path brings its SOPs in order; unassigning removes them; due dates change", async () => {
    const t = await person("t@x.test", billing);
    const path = await createLearningPath(db, {
      name: "Billing onboarding",
      description: "",
      sopIds: ["disputes", "refunds"],
      actorId: trainer,
    });
    const id = await createAssignment(db, {
      pathId: path,
      target: { userId: t },
      required: true,
      dueDate: "2027-01-31",
      actorId: trainer,
    });
    const items = await assignedSopsOf(db, learnerOf(t, "trainee", billing));
    expect(items.map((i) => [i.sopId, i.path?.position])).toEqual([
      ["disputes", 1],
      ["refunds", 2],
    ]);
    await changeAssignment(db, { id, dueDate: "2027-02-28", required: true, actorId: trainer });
    expect((await assignedSopsOf(db, learnerOf(t, "trainee", billing)))[0]!.dueDate).toBe("2027-02-28");
    await removeAssignment(db, { id, actorId: trainer });
    expect(await assignedSopsOf(db, learnerOf(t, "trainee", billing))).toEqual([]);
    await expect(removeAssignment(db, { id, actorId: trainer })).rejects.toThrow(TrainingError);
    const actions = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .all()
      .map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "training.path_create",
        "training.assign",
        "training.assignment_change",
        "training.unassign",
      ]),
    );
  });

  it("refuses archived, unpublished and unknown SOPs and targets with a clear error", async () => {
    await setArchived(db, { sopId: "returns", archived: true, actorId: trainer });
    await expect(
      createAssignment(db, {
        sopId: "returns",
        target: { role: "trainee" },
        required: true,
        dueDate: null,
        actorId: trainer,
      }),
    ).rejects.toThrow(/archived/);
    await expect(
      createAssignment(db, {
        sopId: "nope",
        target: { role: "trainee" },
        required: true,
        dueDate: null,
        actorId: trainer,
      }),
    ).rejects.toThrow(/no SOP/);
    await expect(
      createAssignment(db, {
        sopId: "refunds",
        target: { userId: "ghost" },
        required: true,
        dueDate: null,
        actorId: trainer,
      }),
    ).rejects.toThrow(/no such person/);
    await expect(
      createAssignment(db, { target: { role: "trainee" }, required: true, dueDate: null, actorId: trainer }),
    ).rejects.toThrow(/either an SOP or a learning path/);
  });

  it("an assignment whose SOP was archived later stays listed, marked archived (no silent gap)", async () => {
    const t = await person("t@x.test", returns);
    await createAssignment(db, {
      sopId: "returns",
      target: { userId: t },
      required: true,
      dueDate: null,
      actorId: trainer,
    });
    await setArchived(db, { sopId: "returns", archived: true, actorId: trainer });
    expect(await sopIdsOf(learnerOf(t, "trainee", returns))).toEqual(["returns"]);
    expect(trainingSops(db, ["returns"]).get("returns")!.archivedAt).not.toBeNull();
    expect((await listAssignmentsForManagement(db))[0]!.sopArchivedAt).not.toBeNull();
  });
});

describe("publishing and training", () => {
  function ackAndCertify(userId: string, sopId: string) {
    const sop = trainingSops(db, [sopId]).get(sopId)!;
    db.transaction((tx) => {
      insertAcknowledgement(tx, {
        userId,
        sopId,
        versionId: sop.versionId!,
        version: sop.version!,
        contentHash: sop.hash!,
        at: Date.now(),
        ip: "",
        userAgent: "",
        title: sop.title,
      });
      insertCertificate(tx, {
        userId,
        sopId,
        versionId: sop.versionId!,
        version: sop.version!,
        certifiedAt: Date.now(),
        expiresAt: null,
        title: sop.title,
        renewal: false,
      });
    });
  }

  it("the first publish sets the baseline; a minor change keeps it and every certificate", async () => {
    const t = await person("t@x.test", billing);
    expect(trainingSops(db, ["refunds"]).get("refunds")!.baselineVersion).toBe(1);
    ackAndCertify(t, "refunds");
    await publish("refunds", billing, "minor");
    const sop = trainingSops(db, ["refunds"]).get("refunds")!;
    expect(sop).toMatchObject({ version: 2, baselineVersion: 1, changeKind: "minor" });
    expect((await evidenceRows(db, ["refunds"], [t])).certificates[0]!.withdrawnAt).toBeNull();
  });

  it(
    "a material change withdraws every active certificate " + "(audited) and reassigns people no assignment covers",
    async () => {
      const covered = await person("covered@x.test", billing);
      const loose = await person("loose@x.test", returns, "agent");
      await createAssignment(db, {
        sopId: "refunds",
        target: { userId: covered },
        required: true,
        dueDate: null,
        actorId: trainer,
      });
      ackAndCertify(covered, "refunds");
      ackAndCertify(loose, "refunds"); // read it once, no assignment any more
      await publish("refunds", billing, "material");
      expect(trainingSops(db, ["refunds"]).get("refunds")).toMatchObject({
        version: 2,
        baselineVersion: 2,
        changeKind: "material",
      });
      const certs = db.select().from(certifications).where(eq(certifications.sopId, "refunds")).all();
      expect(
        certs.every((c) => c.withdrawnAt != null && /Material change in version 2/.test(c.withdrawnReason ?? "")),
      ).toBe(true);
      const withdrawals = db.select().from(auditLog).where(eq(auditLog.action, "training.withdraw")).all();
      expect(withdrawals.map((w) => w.targetId).sort()).toEqual([covered, loose].sort());
      // The one nobody assigned gets an assignment so the change reaches them; the covered one is not doubled.
      expect(await sopIdsOf(learnerOf(loose, "agent", returns))).toEqual(["refunds"]);
      expect((await assignedSopsOf(db, learnerOf(covered, "trainee", billing)))[0]!.assignmentIds).toHaveLength(1);
    },
  );

  it("withdraws 1,000 certificates in one publish transaction", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) ids.push(await person(`p${i}@x.test`, billing));
    await createAssignment(db, {
      sopId: "refunds",
      target: { departmentId: billing },
      required: true,
      dueDate: null,
      actorId: trainer,
    });
    for (const id of ids) ackAndCertify(id, "refunds");
    await publish("refunds", billing, "material");
    const active = db
      .select()
      .from(certifications)
      .all()
      .filter((c) => c.withdrawnAt == null);
    expect(active).toHaveLength(0);
  });

  it("deactivated people are not reassigned", async () => {
    const gone = await person("gone@x.test", returns, "agent");
    ackAndCertify(gone, "refunds");
    await updateUser(db, gone, { active: false }, trainer);
    await publish("refunds", billing, "material");
    expect(await sopIdsOf(learnerOf(gone, "agent", returns))).toEqual([]);
  });
});
