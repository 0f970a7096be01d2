// The learner's side of the training service on a real (in-memory) database: reading, acknowledging, the quiz on
// the server, a practice run scored against its scenario, certification, material and minor changes, the
// readiness matrix, and the optional live-run gate.
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.server";
import { auditLog, certifications, departments } from "../db/schema";
import { publishVersion } from "../db/sops.server";
import { createTestDb, createTestUser } from "../db/test-db.server";
import { createAssignment, setDepartmentRequiresCertification } from "../db/training.server";
import { createDepartment } from "../db/users.server";
import type { SopDocument } from "../sop-schema/types";
import { playScenario } from "../training/simulate";
import { cardDoc, cardScenario } from "../training/test-doc";
import type { SessionUser } from "./auth/session.server";
import { appendEvents, RunApiError, startRun } from "./runs.server";
import {
  acknowledge,
  myTraining,
  practiceForRun,
  readinessMatrix,
  startPracticeRun,
  submitQuiz,
  trainingForSop,
  TrainingError,
} from "./training.server";

let db: Db;
let cards: number;
let trainee: SessionUser;
let trainer: SessionUser;

const quiz = {
  id: "basics",
  title: "Basics",
  passPercent: 100,
  maxAttempts: 2,
  position: { line: 1, column: 1 },
  questions: [
    {
      id: "q1",
      type: "single" as const,
      prompt: "Blocked card: first?",
      options: ["Verify the caller", "Unblock it"],
      answers: ["Verify the caller"],
      explanation: [{ type: "paragraph" as const, children: [{ type: "text" as const, value: "Identity first." }] }],
      position: { line: 1, column: 1 },
    },
  ],
};
const doc: SopDocument = {
  ...cardDoc,
  meta: {
    ...cardDoc.meta,
    training: { quiz: true, practice: 1, passScore: 80, recertifyEvery: "180d", recertifyEveryDays: 180 },
  },
  quizzes: [quiz],
  scenarios: [cardScenario],
};

let version = 0;
async function publish(kind?: "material" | "minor") {
  version++;
  return await publishVersion(db, {
    sopId: "blocked-card",
    title: "Blocked card",
    departmentId: cards,
    source: `v${version}`,
    hash: `h${version}`,
    document: doc,
    errorCount: 0,
    warningCount: 0,
    changeNote: `Change ${version}`,
    actorId: null,
    changeKind: kind,
  });
}

/** A user in the cards department, where the tests' SOP lives. */
async function person(name: string, role: SessionUser["role"]): Promise<SessionUser> {
  return await createTestUser(db, name, role, cards);
}

async function practise(who: SessionUser, mistakes?: Parameters<typeof playScenario>[3]["mistakes"]) {
  const { runId } = await startPracticeRun(db, who, { sopId: "blocked-card", scenarioId: cardScenario.id });
  const played = playScenario(
    doc,
    cardScenario,
    { sopId: "blocked-card", versionId: 1 },
    { startedAt: Date.now(), idPrefix: runId, stepMs: 5_000, mistakes },
  );
  await appendEvents(db, who, runId, { events: played.events.slice(1) });
  return runId;
}

beforeEach(async () => {
  db = createTestDb();
  version = 0;
  cards = await createDepartment(db, { name: "Cards" }, null);
  trainee = await person("tina", "trainee");
  trainer = await person("trev", "trainer");
  await publish();
  await createAssignment(db, {
    sopId: "blocked-card",
    target: { departmentId: cards },
    required: true,
    dueDate: "2020-01-01",
    actorId: trainer.id,
  });
});

describe("a trainee from assignment to certificate", () => {
  it("reads, acknowledges, fails then passes the quiz, practises, and is certified (each step audited)", async () => {
    expect((await myTraining(db, trainee)).items[0]).toMatchObject({
      sopId: "blocked-card",
      state: "not-started",
      overdue: true,
      required: true,
    });
    const page = await trainingForSop(db, trainee, "blocked-card");
    // The learner's copy has no answer key.
    expect(JSON.stringify(page.document)).not.toContain("Identity first.");
    expect(JSON.stringify(page.quiz)).not.toContain('"answers"');
    expect((await myTraining(db, trainee)).items[0]!.state).toBe("reading");

    // allowed before acknowledging (the UI asks first)
    await expect(submitQuiz(db, trainee, { sopId: "blocked-card", version: 1, answers: {} })).resolves.not.toThrow();
    await acknowledge(db, trainee, { sopId: "blocked-card", version: 1, ip: "192.0.2.1", userAgent: "test" });
    expect((await myTraining(db, trainee)).items[0]!.state).toBe("acknowledged");
    // Two attempts allowed, one used above: a wrong one now, and then none is left.
    const wrong = await submitQuiz(db, trainee, { sopId: "blocked-card", version: 1, answers: { q1: ["Unblock it"] } });
    expect(wrong).toMatchObject({ result: { passed: false, score: 0 }, attemptsLeft: 0 });
    await expect(
      submitQuiz(db, trainee, { sopId: "blocked-card", version: 1, answers: { q1: ["Verify the caller"] } }),
    ).rejects.toThrow(/every attempt/);
  });

  it("is certified once the quiz is passed and a practice run scores at or above the pass mark", async () => {
    await acknowledge(db, trainee, { sopId: "blocked-card", version: 1, ip: "", userAgent: "" });
    expect(
      (await submitQuiz(db, trainee, { sopId: "blocked-card", version: 1, answers: { q1: ["Verify the caller"] } }))
        .result.passed,
    ).toBe(true);
    expect((await myTraining(db, trainee)).items[0]!.state).toBe("quiz-passed");
    const sloppy = await practise(trainee, {
      outcome: "abandoned",
      skipChecks: ["confirm-id", "unblocked", "summary"],
    });
    expect((await myTraining(db, trainee)).items[0]!.state).toBe("practising");
    const good = await practise(trainee);
    const item = (await myTraining(db, trainee)).items[0]!;
    expect(item.state).toBe("certified");
    expect(item.overdue).toBe(false);
    expect(item.status!.expiresAt! - Date.now()).toBeGreaterThan(179 * 86_400_000);
    // The run screen gets the scenario without its expected outcome, and the score once completed.
    const run = db.$client.prepare(
      "select id, agent_id as agentId, sop_id as sopId, scenario_id as scenarioId, practice_score " +
        "as practiceScore, practice_result as practiceResult, state from runs where id = ?",
    );
    const row = (id: string) => {
      const r = run.get(id) as {
        id: string;
        agentId: string;
        sopId: string;
        scenarioId: string;
        practiceScore: number | null;
        practiceResult: string | null;
        state: string;
      };
      return {
        ...r,
        practiceResult: r.practiceResult ? JSON.parse(r.practiceResult) : null,
        state: JSON.parse(r.state),
      };
    };
    const shown = (await practiceForRun(db, row(good), doc))!;
    expect(shown.scenario).not.toHaveProperty("expect");
    expect(shown.score!.score).toBe(100);
    expect((await practiceForRun(db, row(sloppy), doc))!.score!.passed).toBe(false);
    const actions = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .all()
      .map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["training.acknowledge", "training.quiz_pass", "training.certify"]));
  });
});

describe("publishing and the learner", () => {
  async function certify() {
    await acknowledge(db, trainee, { sopId: "blocked-card", version, ip: "", userAgent: "" });
    await submitQuiz(db, trainee, { sopId: "blocked-card", version, answers: { q1: ["Verify the caller"] } });
    await practise(trainee);
    expect((await myTraining(db, trainee)).items[0]!.state).toBe("certified");
  }

  it("a minor change carries the certificate over and shows the change note", async () => {
    await certify();
    await publish("minor");
    const item = (await myTraining(db, trainee)).items[0]!;
    expect(item.state).toBe("certified");
    expect(item.minorChangeSince).toEqual({ version: 1, note: "Change 2" });
  });

  it("a material change withdraws it and asks for the acknowledgement again, with what changed", async () => {
    await certify();
    await publish("material");
    const page = await trainingForSop(db, trainee, "blocked-card");
    expect(page.item.state).toBe("reading");
    expect(page.item.status!.needsReacknowledge).toEqual({ sinceVersion: 1 });
    expect(page.changes).toMatchObject({ sinceVersion: 1 });
    expect(
      db
        .select()
        .from(certifications)
        .all()
        .every((c) => c.withdrawnAt != null),
    ).toBe(true);
    await expect(
      acknowledge(db, trainee, { sopId: "blocked-card", version: 1, ip: "", userAgent: "" }),
    ).rejects.toThrow(/not the current version/);
  });
});

describe("the readiness matrix", () => {
  it("shows each person's state and who is ready for the floor", async () => {
    const other = await person("otto", "agent");
    await acknowledge(db, trainee, { sopId: "blocked-card", version: 1, ip: "", userAgent: "" });
    const m = await readinessMatrix(db, trainer);
    const byName = Object.fromEntries(m.rows.map((r) => [r.person.name, r]));
    expect(byName.tina!.cells["blocked-card"]).toMatchObject({ state: "acknowledged", overdue: true, required: true });
    expect(byName.otto!.cells["blocked-card"]!.state).toBe("not-started");
    expect(byName.tina!.ready).toBe("not-ready");
    expect(m.counts).toMatchObject({ people: 2, ready: 0, overdue: 2 });
    expect((await readinessMatrix(db, trainer, { state: "acknowledged" })).rows.map((r) => r.person.id)).toEqual([
      trainee.id,
    ]);
    expect((await readinessMatrix(db, trainer, { q: "OTT" })).rows.map((r) => r.person.id)).toEqual([other.id]);
    await expect(readinessMatrix(db, trainee)).rejects.toThrow(/cannot/);
  });
});

describe("the live-run gate", () => {
  it("off by default; when a department requires it, agents need a certificate and are told who to ask", async () => {
    const agent = await person("ada", "agent");
    await expect(startRun(db, agent, { sopId: "blocked-card" })).resolves.not.toThrow();
    await setDepartmentRequiresCertification(db, { departmentId: cards, value: true, actorId: trainer.id });
    expect(db.select().from(departments).where(eq(departments.id, cards)).get()!.requireCertification).toBe(true);
    let refusal: unknown;
    try {
      await startRun(db, agent, { sopId: "blocked-card" });
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(RunApiError);
    expect((refusal as RunApiError).status).toBe(403);
    expect((refusal as RunApiError).message).toMatch(/need a certificate.*trev/);
    // Practice stays open; once certified, live runs are too.
    await acknowledge(db, agent, { sopId: "blocked-card", version: 1, ip: "", userAgent: "" });
    await submitQuiz(db, agent, { sopId: "blocked-card", version: 1, answers: { q1: ["Verify the caller"] } });
    await practise(agent);
    await expect(startRun(db, agent, { sopId: "blocked-card" })).resolves.not.toThrow();
  });

  it("an SOP not assigned to someone has no training page for them", async () => {
    const lone = { ...(await person("lee", "trainee")), departmentId: null };
    await expect(trainingForSop(db, lone, "blocked-card")).rejects.toThrow(TrainingError);
  });
});
