// The demo's training side, seeded once (after the SOP library): a trainer's people part-way through —
// certified, overdue, a failed quiz, scored practice calls — so that `npm start` shows training working.
// Everything goes through the same service functions a person's clicks would (acknowledge, submitQuiz,
// startPracticeRun, appendEvents), back-dated; nothing is written around the rules.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.server";
import { getMeta, setMeta } from "../db/meta.server";
import { departments, users } from "../db/schema";
import { insertDemoUser } from "../db/seed.server";
import { createAssignment, createLearningPath, trainingSops } from "../db/training.server";
import type { Quiz, SopDocument } from "../sop-schema/types";
import { playScenario } from "../training/simulate";
import { requirementsOf } from "../training/certification";
import type { SessionUser } from "./auth/session.server";
import { appendEvents, versionDocument } from "./runs.server";
import { acknowledge, scorePendingPractice, startPracticeRun, submitQuiz, trainingForSop } from "./training.server";

const SEEDED_KEY = "demo_training_seeded_at";
const DAY = 86_400_000;

/** The trainees the demo adds (the organisation seed has one, Tom Becker). Same password as every demo login. */
export const DEMO_TRAINEES: { email: string; name: string; department: string; uiLanguage?: string }[] = [
  { email: "aisha.trainee@stepwise.example", name: "Aisha Rahman", department: "Customer Service" },
  { email: "sara.trainee@stepwise.example", name: "Sara Karimi", department: "Customer Service", uiLanguage: "fa" },
  {
    email: "nikos.trainee@stepwise.example",
    name: "Nikos Georgiou",
    department: "Returns & Logistics",
    uiLanguage: "el",
  },
];

const ONBOARDING = ["call-opening-aidet", "identity-verification", "complaint-handling"];

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function answersFor(quiz: Quiz, right: boolean): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const q of quiz.questions) {
    if (right) out[q.id] = q.type === "text" ? [q.answers[0]!] : [...q.answers];
    else
      out[q.id] =
        q.type === "text" ? ["I am not sure"] : [q.options.find((o) => !q.answers.includes(o)) ?? q.options[0]!];
  }
  return out;
}

/**
 * Seeds the demo training once per database (its own marker: a database seeded before training shipped gets
 * it on its next start). Skips quietly what the library does not have.
 */
export async function seedTrainingDemo(
  db: Db,
  hashPassword: (p: string) => Promise<string>,
  password: string,
  now = Date.now(),
): Promise<boolean> {
  if (getMeta(db, SEEDED_KEY)) return false;
  // Marked first: a failure half-way (reported by the caller) is never retried into duplicates on the next start.
  setMeta(db, SEEDED_KEY, new Date(now).toISOString());
  const byEmail = (email: string): SessionUser | undefined =>
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        departmentId: users.departmentId,
      })
      .from(users)
      .where(eq(users.email, email))
      .get();
  const trainer = byEmail("trainer@stepwise.example");
  if (!trainer) return false;
  const passwordHash = await hashPassword(password);
  db.transaction((tx) => {
    for (const t of DEMO_TRAINEES) {
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, t.email)).get()) continue;
      const departmentId =
        tx.select({ id: departments.id }).from(departments).where(eq(departments.name, t.department)).get()?.id ?? null;
      insertDemoUser(tx, {
        email: t.email,
        name: t.name,
        role: "trainee",
        departmentId,
        passwordHash,
        uiLanguage: t.uiLanguage ?? null,
      });
    }
  });
  const dept = (name: string) =>
    db.select({ id: departments.id }).from(departments).where(eq(departments.name, name)).get()?.id;
  const published = trainingSops(db, [
    ...ONBOARDING,
    "refund-and-return",
    "fa-peygiri-sefaresh",
    "el-epistrofi-chrimaton",
  ]);
  const has = (id: string) => published.get(id)?.versionId != null && published.get(id)?.archivedAt == null;
  const docOf = (id: string): SopDocument | undefined =>
    has(id) ? versionDocument(db, published.get(id)!.versionId!) : undefined;

  const cs = dept("Customer Service");
  const onboarding = ONBOARDING.filter(has);
  if (cs && onboarding.length) {
    const path = await createLearningPath(db, {
      name: "Customer Service onboarding",
      description: "The first week on the phones: open and close calls, verify callers, handle complaints.",
      sopIds: onboarding,
      actorId: trainer.id,
    });
    await createAssignment(db, {
      pathId: path,
      target: { departmentId: cs },
      required: true,
      dueDate: isoDay(now + 21 * DAY),
      actorId: trainer.id,
    });
  }
  const tom = byEmail("trainee@stepwise.example");
  const aisha = byEmail("aisha.trainee@stepwise.example");
  const sara = byEmail("sara.trainee@stepwise.example");
  const sam = byEmail("agent@stepwise.example");
  const nikos = byEmail("nikos.trainee@stepwise.example");
  const returns = dept("Returns & Logistics");
  // Refunds and returns: Customer Service trainees cover the Returns desk on Fridays. Tom's is overdue.
  if (has("refund-and-return")) {
    if (tom)
      await createAssignment(db, {
        sopId: "refund-and-return",
        target: { userId: tom.id },
        required: true,
        dueDate: isoDay(now - 3 * DAY),
        note: "Covers the Returns desk on Fridays",
        actorId: trainer.id,
      });
    if (aisha)
      await createAssignment(db, {
        sopId: "refund-and-return",
        target: { userId: aisha.id },
        required: true,
        dueDate: isoDay(now + 7 * DAY),
        note: "Covers the Returns desk on Fridays",
        actorId: trainer.id,
      });
  }
  if (sara && has("fa-peygiri-sefaresh"))
    await createAssignment(db, {
      sopId: "fa-peygiri-sefaresh",
      target: { userId: sara.id },
      required: true,
      dueDate: isoDay(now + 10 * DAY),
      actorId: trainer.id,
    });
  if (returns && has("el-epistrofi-chrimaton"))
    await createAssignment(db, {
      sopId: "el-epistrofi-chrimaton",
      target: { departmentId: returns },
      required: true,
      dueDate: isoDay(now + 14 * DAY),
      actorId: trainer.id,
    });

  /** Read, acknowledge, pass (or fail) the quiz and practise, as `who`, `daysAgo` days back. */
  async function work(
    who: SessionUser | undefined,
    sopId: string,
    daysAgo: number,
    plan: { quiz?: "pass" | "fail" | "fail-then-pass"; practice?: "good" | "sloppy" | "none" },
  ) {
    const doc = docOf(sopId);
    const sop = published.get(sopId);
    if (!who || !doc || !sop) return;
    let at = now - daysAgo * DAY;
    await trainingForSop(db, who, sopId, { now: at }); // opens it: "reading"
    at += 40 * 60_000;
    await acknowledge(db, who, { sopId, version: sop.version!, ip: "192.0.2.10", userAgent: "Stepwise demo seed" }, at);
    const req = requirementsOf(doc);
    const quiz = req.quizId ? doc.quizzes?.find((q) => q.id === req.quizId) : undefined;
    if (quiz && plan.quiz) {
      const tries = plan.quiz === "fail-then-pass" ? [false, true] : [plan.quiz === "pass"];
      for (const right of tries) {
        at += 15 * 60_000;
        await submitQuiz(db, who, { sopId, version: sop.version!, answers: answersFor(quiz, right) }, at);
      }
    }
    const scenario = doc.scenarios?.[0];
    if (scenario && plan.practice && plan.practice !== "none") {
      at += DAY / 2;
      const { runId } = await startPracticeRun(db, who, { sopId, scenarioId: scenario.id }, at);
      const played = playScenario(
        doc,
        scenario,
        { sopId, versionId: sop.versionId! },
        {
          startedAt: at,
          idPrefix: `demo:${who.id}:${runId}`,
          stepMs: plan.practice === "good" ? 15_000 : 45_000,
          // A rushed call: checks skipped, the wrong answer at the flow's questions, the wrong outcome.
          mistakes:
            plan.practice === "sloppy"
              ? {
                  skipChecks: doc.steps.flatMap((s) => s.checkIds).slice(0, 3),
                  skipEscalation: true,
                  wrongAnswerAt: scenario.answers.flatMap((a) => (a.kind === "flow" ? [a.nodeId] : [])).slice(0, 1),
                  outcome: scenario.expect.outcome === "transferred" ? "resolved" : "transferred",
                }
              : undefined,
        },
      );
      // The run already has its own `started`; the played one only gives the rest its times.
      await appendEvents(db, who, runId, { events: played.events.slice(1) });
      // Scored (and certified, when it completes the requirements) as of the call's end, not of the seeding.
      await scorePendingPractice(db, [who.id], played.state.completedAt ?? at);
    }
  }

  // Aisha is ready for the floor; Sam (an agent) is certified on the call opening; Tom failed its quiz, and
  // his practice call on refunds (overdue) scored below the pass mark; Nikos passed the Greek quiz.
  for (const sopId of onboarding) await work(aisha, sopId, 12, { quiz: "pass", practice: "good" });
  await work(aisha, "refund-and-return", 9, { quiz: "pass", practice: "good" });
  await work(sam, "call-opening-aidet", 30, { quiz: "pass", practice: "good" });
  await work(tom, "call-opening-aidet", 6, { quiz: "fail" });
  await work(tom, "identity-verification", 5, {});
  await work(tom, "refund-and-return", 4, { quiz: "fail-then-pass", practice: "sloppy" });
  await work(nikos, "el-epistrofi-chrimaton", 3, { quiz: "pass" });
  if (sara && has("fa-peygiri-sefaresh")) await trainingForSop(db, sara, "fa-peygiri-sefaresh", { now: now - 2 * DAY });
  return true;
}
