// The trainer's side of the training service: who may assign to whom, what the Assignments page counts, and the
// coaching actions' refusals. (The matrix and a person's record are tested with the rest of training.)
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../db/client.server";
import { publishVersion } from "../db/sops.server";
import { createTestDb } from "../db/test-db.server";
import { listActiveAssignments } from "../db/training.server";
import { createDepartment, createUser } from "../db/users.server";
import { cardDoc } from "../training/test-doc";
import type { SopDocument } from "../sop-schema/types";
import { PolicyDenied } from "./auth/policy";
import type { SessionUser } from "./auth/session.server";
import {
  allowAnotherQuizAttempt,
  assignmentsOverview,
  assignTraining,
  changeTrainingAssignment,
  commentOnPersonPractice,
  createTrainingPath,
  removeTrainingAssignment,
  traineesOverview,
  TrainingError,
} from "./training.server";

let db: Db;
let billing: number;
let returns: number;
let trainer: SessionUser;
let admin: SessionUser;
let billingTrainee: SessionUser;
let returnsTrainee: SessionUser;

async function user(name: string, role: SessionUser["role"], departmentId: number | null): Promise<SessionUser> {
  const email = `${name.toLowerCase().replace(/\s+/g, ".")}@x.test`;
  const id = await createUser(db, { email, name, role, departmentId, passwordHash: "x" }, null);
  return { id, email, name, role, departmentId };
}

async function publish(sopId: string, departmentId: number) {
  const document: SopDocument = { ...cardDoc, meta: { ...cardDoc.meta, id: sopId, title: `SOP ${sopId}` } };
  await publishVersion(db, {
    sopId,
    title: `SOP ${sopId}`,
    departmentId,
    source: sopId,
    hash: `${sopId}-hash`,
    document,
    errorCount: 0,
    warningCount: 0,
    changeNote: "first",
    actorId: null,
  });
}

async function refusal(fn: () => unknown): Promise<{ status: number; message: string }> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof PolicyDenied || e instanceof TrainingError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
}

beforeEach(async () => {
  db = createTestDb();
  billing = await createDepartment(db, { name: "Billing" }, null);
  returns = await createDepartment(db, { name: "Returns" }, null);
  trainer = await user("Tara Trainer", "trainer", billing);
  admin = await user("Ada Admin", "admin", null);
  billingTrainee = await user("Bea Billing", "trainee", billing);
  returnsTrainee = await user("Rui Returns", "trainee", returns);
  await publish("refunds", billing);
  await publish("returns", returns);
});

describe("assigning within the trainer's department", () => {
  it("lets a trainer assign to their department, its people and its roles", async () => {
    await assignTraining(db, trainer, {
      sopId: "refunds",
      target: { departmentId: billing },
      required: true,
      dueDate: null,
    });
    await assignTraining(db, trainer, {
      sopId: "refunds",
      target: { userId: billingTrainee.id },
      required: false,
      dueDate: "2030-01-01",
    });
    await assignTraining(db, trainer, {
      sopId: "returns",
      target: { departmentId: billing, role: "agent" },
      required: true,
      dueDate: null,
    });
    expect(await listActiveAssignments(db)).toHaveLength(3);
  });

  it("refuses another department, its people, and company-wide roles, with the policy's 403", async () => {
    expect(
      await refusal(
        async () =>
          await assignTraining(db, trainer, {
            sopId: "refunds",
            target: { userId: returnsTrainee.id },
            required: true,
            dueDate: null,
          }),
      ),
    ).toEqual({
      status: 403,
      message: "This person is not in your department: their trainer looks after them.",
    });
    expect(
      (
        await refusal(
          async () =>
            await assignTraining(db, trainer, {
              sopId: "refunds",
              target: { departmentId: returns },
              required: true,
              dueDate: null,
            }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await refusal(
          async () =>
            await assignTraining(db, trainer, {
              sopId: "refunds",
              target: { role: "trainee" },
              required: true,
              dueDate: null,
            }),
        )
      ).message,
    ).toMatch(/your own department/);
    expect(await listActiveAssignments(db)).toHaveLength(0);
  });

  it("lets an admin assign anywhere, and refuses a trainee outright", async () => {
    await assignTraining(db, admin, { sopId: "returns", target: { role: "trainee" }, required: true, dueDate: null });
    expect(await listActiveAssignments(db)).toHaveLength(1);
    expect(
      (
        await refusal(
          async () =>
            await assignTraining(db, billingTrainee, {
              sopId: "refunds",
              target: { userId: billingTrainee.id },
              required: true,
              dueDate: null,
            }),
        )
      ).message,
    ).toBe("Your role cannot assign training.");
  });

  it("answers 404 for an unknown person, and keeps the db layer's refusals (an unpublished SOP)", async () => {
    expect(
      (
        await refusal(
          async () =>
            await assignTraining(db, admin, {
              sopId: "refunds",
              target: { userId: "nobody" },
              required: true,
              dueDate: null,
            }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await refusal(
          async () =>
            await assignTraining(db, admin, {
              sopId: "no-such-sop",
              target: { departmentId: billing },
              required: true,
              dueDate: null,
            }),
        )
      ).status,
    ).toBe(404);
  });

  it("changes and removes only assignments the trainer looks after", async () => {
    const theirs = await assignTraining(db, admin, {
      sopId: "returns",
      target: { departmentId: returns },
      required: true,
      dueDate: null,
    });
    const mine = await assignTraining(db, trainer, {
      sopId: "refunds",
      target: { departmentId: billing },
      required: true,
      dueDate: null,
    });
    expect(
      (
        await refusal(
          async () =>
            await changeTrainingAssignment(db, trainer, { id: theirs, dueDate: "2030-01-01", required: false }),
        )
      ).status,
    ).toBe(403);
    expect((await refusal(async () => await removeTrainingAssignment(db, trainer, { id: theirs }))).status).toBe(403);
    await changeTrainingAssignment(db, trainer, { id: mine, dueDate: "2030-02-01", required: false });
    expect((await listActiveAssignments(db)).find((a) => a.id === mine)).toMatchObject({
      dueDate: "2030-02-01",
      required: false,
    });
    await removeTrainingAssignment(db, trainer, { id: mine });
    expect((await refusal(async () => await removeTrainingAssignment(db, trainer, { id: mine }))).status).toBe(404);
    expect((await listActiveAssignments(db)).map((a) => a.id)).toEqual([theirs]);
  });
});

describe("the Assignments page", () => {
  it("counts who each assignment covers and who of them is past the due date", async () => {
    const late = await user("Lou Late", "agent", billing);
    await assignTraining(db, trainer, {
      sopId: "refunds",
      target: { departmentId: billing },
      required: true,
      dueDate: "2026-01-10",
    });
    await assignTraining(db, trainer, {
      sopId: "returns",
      target: { userId: late.id },
      required: true,
      dueDate: "2026-03-01",
    });
    const page = await assignmentsOverview(db, trainer, { now: Date.UTC(2026, 1, 1, 12), timeZone: "UTC" });
    expect(page.today).toBe("2026-02-01");
    const dept = page.assignments.find((a) => a.sopId === "refunds")!;
    expect(dept.covered).toBe(2); // the trainee and the agent; not the trainer
    expect(dept.overdue.map((p) => p.name).sort()).toEqual(["Bea Billing", "Lou Late"]);
    const personal = page.assignments.find((a) => a.sopId === "returns")!;
    expect(personal).toMatchObject({ covered: 1, overdue: [], mayChange: true });
  });

  it(
    "shows a trainer what reaches their department, company-wide " + "roles read-only, and not other departments'",
    async () => {
      await assignTraining(db, admin, {
        sopId: "returns",
        target: { departmentId: returns },
        required: true,
        dueDate: null,
      });
      await assignTraining(db, admin, {
        sopId: "returns",
        target: { userId: returnsTrainee.id },
        required: true,
        dueDate: null,
      });
      await assignTraining(db, admin, { sopId: "refunds", target: { role: "trainee" }, required: true, dueDate: null });
      const page = await assignmentsOverview(db, trainer, { timeZone: "UTC" });
      expect(page.assignments).toHaveLength(1);
      expect(page.assignments[0]).toMatchObject({ role: "trainee", departmentId: null, covered: 1, mayChange: false });
      expect(page.options.departments.map((d) => d.name)).toEqual(["Billing"]);
      expect(page.options.companyWideRoles).toBe(false);
      expect(page.options.people.map((p) => p.name).sort()).toEqual(["Bea Billing", "Tara Trainer"]);
      const all = await assignmentsOverview(db, admin, { timeZone: "UTC" });
      expect(all.assignments).toHaveLength(3);
      expect(all.assignments.every((a) => a.mayChange)).toBe(true);
      expect(all.options.companyWideRoles).toBe(true);
    },
  );

  it("creates learning paths (validated by the db layer) and assigns them", async () => {
    const pathId = await createTrainingPath(db, trainer, {
      name: "First week",
      description: "",
      sopIds: ["refunds", "returns"],
    });
    await assignTraining(db, trainer, { pathId, target: { departmentId: billing }, required: true, dueDate: null });
    const page = await assignmentsOverview(db, trainer, { timeZone: "UTC" });
    expect(page.paths.map((p) => [p.name, p.sops.map((s) => s.sopId)])).toEqual([
      ["First week", ["refunds", "returns"]],
    ]);
    expect(page.assignments[0]).toMatchObject({ pathId, sopIds: ["refunds", "returns"], covered: 1 });
    expect(
      (
        await refusal(
          async () =>
            await createTrainingPath(db, trainer, { name: "First week", description: "", sopIds: ["refunds"] }),
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await refusal(
          async () =>
            await createTrainingPath(db, billingTrainee, { name: "Mine", description: "", sopIds: ["refunds"] }),
        )
      ).status,
    ).toBe(403);
  });
});

describe("the Trainees page and coaching", () => {
  it("offers a trainer only their department in the filter", async () => {
    await assignTraining(db, trainer, {
      sopId: "refunds",
      target: { departmentId: billing },
      required: true,
      dueDate: null,
    });
    const page = await traineesOverview(db, trainer, {}, { timeZone: "UTC" });
    expect(page.departments.map((d) => d.name)).toEqual(["Billing"]);
    expect(page.rows.map((r) => r.person.name)).toEqual(["Bea Billing"]);
    expect((await traineesOverview(db, admin, {}, { timeZone: "UTC" })).departments.map((d) => d.name)).toEqual([
      "Billing",
      "Returns",
    ]);
  });

  it("allows another quiz attempt only on an assigned SOP of someone the trainer looks after", async () => {
    await assignTraining(db, trainer, {
      sopId: "refunds",
      target: { userId: billingTrainee.id },
      required: true,
      dueDate: null,
    });
    await allowAnotherQuizAttempt(db, trainer, { userId: billingTrainee.id, sopId: "refunds" });
    expect(
      (
        await refusal(
          async () => await allowAnotherQuizAttempt(db, trainer, { userId: billingTrainee.id, sopId: "returns" }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await refusal(
          async () => await allowAnotherQuizAttempt(db, trainer, { userId: returnsTrainee.id, sopId: "returns" }),
        )
      ).status,
    ).toBe(403);
    expect(
      (await refusal(async () => await allowAnotherQuizAttempt(db, trainer, { userId: "nobody", sopId: "refunds" })))
        .status,
    ).toBe(404);
    expect(
      (
        await refusal(
          async () =>
            await allowAnotherQuizAttempt(db, billingTrainee, { userId: billingTrainee.id, sopId: "refunds" }),
        )
      ).status,
    ).toBe(403);
  });

  it("comments only on a practice run of that person", async () => {
    expect(
      (
        await refusal(
          async () =>
            await commentOnPersonPractice(db, trainer, {
              userId: billingTrainee.id,
              runId: "no-such-run",
              body: "Good",
            }),
        )
      ).status,
    ).toBe(404);
  });
});
