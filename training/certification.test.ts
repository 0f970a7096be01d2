import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SopDocument } from "../sop-schema/types";
import {
  CELL_STATES,
  DAY_MS,
  certificateExpiry,
  compareTrainingItems,
  isOverdue,
  isReadyForFloor,
  publishImpact,
  requirementsOf,
  trainingStatus,
  type CertificationRequirements,
  type Evidence,
  type TrainingItem,
} from "./certification";
import { cardDoc, cardScenario } from "./test-doc";

const T0 = Date.UTC(2025, 0, 1);
const day = (n: number) => T0 + n * DAY_MS;

const req: CertificationRequirements = {
  quiz: true,
  practice: 2,
  passScore: 80,
  recertifyEveryDays: 180,
  quizId: "card-quiz",
};

function evidence(extra: Partial<Evidence> = {}): Evidence {
  return {
    currentVersion: 1,
    baselineVersion: 1,
    opened: false,
    acknowledgements: [],
    quizAttempts: [],
    practiceRuns: [],
    certificates: [],
    ...extra,
  };
}

/** Everything the SOP needs, gathered on `version` from day `from` on. */
function allDone(
  version: number,
  from: number,
): Pick<Evidence, "opened" | "acknowledgements" | "quizAttempts" | "practiceRuns"> {
  return {
    opened: true,
    acknowledgements: [{ version, at: day(from) }],
    quizAttempts: [
      { version, at: day(from + 1), passed: false, score: 50 },
      { version, at: day(from + 1) + 1, passed: true, score: 90 },
    ],
    practiceRuns: [
      { version, at: day(from + 2), score: 85, completed: true },
      { version, at: day(from + 3), score: 95, completed: true },
    ],
  };
}

const cert = (version: number, at: number, extra: Partial<Evidence["certificates"][number]> = {}) => ({
  version,
  certifiedAt: day(at),
  expiresAt: certificateExpiry(req, day(at)),
  withdrawnAt: null,
  ...extra,
});

describe("requirementsOf", () => {
  const quiz = {
    id: "card-quiz",
    title: "Quiz",
    passPercent: 80,
    maxAttempts: 3,
    questions: [],
    position: { line: 1, column: 1 },
  };
  const withTraining = (
    training: NonNullable<SopDocument["meta"]["training"]>,
    more: Partial<SopDocument> = {},
  ): SopDocument => ({
    ...cardDoc,
    meta: { ...cardDoc.meta, training },
    ...more,
  });

  it("defaults: the quiz when there is one, no practice, 80, no expiry", () => {
    expect(requirementsOf(cardDoc)).toEqual({
      quiz: false,
      practice: 0,
      passScore: 80,
      recertifyEveryDays: null,
      quizId: null,
    });
    expect(requirementsOf({ ...cardDoc, quizzes: [quiz, { ...quiz, id: "second" }] })).toEqual({
      quiz: true,
      practice: 0,
      passScore: 80,
      recertifyEveryDays: null,
      quizId: "card-quiz",
    });
  });

  it("follows the front matter, dropping what the SOP cannot offer", () => {
    const full = withTraining(
      { quiz: true, practice: 2, passScore: 90, recertifyEvery: "180d", recertifyEveryDays: 180 },
      { quizzes: [quiz], scenarios: [cardScenario] },
    );
    expect(requirementsOf(full)).toEqual({
      quiz: true,
      practice: 2,
      passScore: 90,
      recertifyEveryDays: 180,
      quizId: "card-quiz",
    });
    expect(requirementsOf({ ...full, quizzes: [] })).toMatchObject({ quiz: false, quizId: null });
    expect(requirementsOf({ ...full, scenarios: undefined })).toMatchObject({ practice: 0 });
    expect(
      requirementsOf(withTraining({ quiz: false, practice: 0, passScore: 80 }, { quizzes: [quiz] })),
    ).toMatchObject({ quiz: false, quizId: "card-quiz" });
  });
});

describe("trainingStatus: progression", () => {
  const now = day(30);
  it.each<[string, Partial<Evidence>, Partial<ReturnType<typeof trainingStatus>>]>([
    ["nothing yet", {}, { state: "not-started", next: "read", certifiable: false }],
    ["opened", { opened: true }, { state: "reading", next: "acknowledge" }],
    [
      "acknowledged",
      { opened: true, acknowledgements: [{ version: 1, at: day(1) }] },
      { state: "acknowledged", acknowledged: true, next: "quiz" },
    ],
    [
      "quiz failed",
      {
        opened: true,
        acknowledgements: [{ version: 1, at: day(1) }],
        quizAttempts: [{ version: 1, at: day(2), passed: false, score: 40 }],
      },
      { state: "acknowledged", quizPassed: false, next: "quiz" },
    ],
    [
      "quiz passed",
      {
        opened: true,
        acknowledgements: [{ version: 1, at: day(1) }],
        quizAttempts: [{ version: 1, at: day(2), passed: true, score: 80 }],
      },
      { state: "quiz-passed", quizPassed: true, next: "practice", practicePassed: 0, practiceNeeded: 2 },
    ],
    [
      "one practice run below the mark",
      { ...allDone(1, 1), practiceRuns: [{ version: 1, at: day(3), score: 79, completed: true }] },
      { state: "practising", practicePassed: 0, next: "practice", certifiable: false },
    ],
    [
      "an unfinished practice run does not count",
      { ...allDone(1, 1), practiceRuns: [{ version: 1, at: day(3), score: 100, completed: false }] },
      { state: "quiz-passed", practicePassed: 0 },
    ],
    [
      "one of two practice runs",
      { ...allDone(1, 1), practiceRuns: [{ version: 1, at: day(3), score: 80, completed: true }] },
      { state: "practising", practicePassed: 1, next: "practice" },
    ],
    [
      "everything done, no certificate yet",
      allDone(1, 1),
      { state: "practising", practicePassed: 2, certifiable: true, next: "none" },
    ],
    [
      "certified",
      { ...allDone(1, 1), certificates: [cert(1, 5)] },
      {
        state: "certified",
        certifiable: false,
        next: "none",
        expiresAt: day(185),
        withdrawn: false,
        needsReacknowledge: null,
      },
    ],
    [
      "the quiz passed without acknowledging stays at reading",
      { opened: true, quizAttempts: [{ version: 1, at: day(2), passed: true, score: 100 }] },
      { state: "reading", quizPassed: true, next: "acknowledge" },
    ],
  ])("%s", (_name, ev, expected) => {
    expect(trainingStatus(req, evidence(ev), now)).toMatchObject(expected);
  });

  it("skips the quiz stage when no quiz is required, and practice when none is", () => {
    const noQuiz = { ...req, quiz: false, quizId: null };
    expect(
      trainingStatus(noQuiz, evidence({ opened: true, acknowledgements: [{ version: 1, at: day(1) }] }), day(2)),
    ).toMatchObject({ state: "acknowledged", next: "practice" });
    const readOnly = { ...noQuiz, practice: 0 };
    expect(
      trainingStatus(readOnly, evidence({ opened: true, acknowledgements: [{ version: 1, at: day(1) }] }), day(2)),
    ).toMatchObject({ state: "acknowledged", certifiable: true, next: "none" });
  });

  it("returns the active certificate object itself", () => {
    const c = cert(1, 5);
    expect(trainingStatus(req, evidence({ ...allDone(1, 1), certificates: [c] }), day(10)).activeCertificate).toBe(c);
  });
});

describe("trainingStatus: publishing a new version", () => {
  const certified = evidence({ ...allDone(1, 1), certificates: [cert(1, 5)] });

  it("a minor change carries everything over", () => {
    const s = trainingStatus(req, { ...certified, currentVersion: 3 }, day(30));
    expect(s).toMatchObject({ state: "certified", acknowledged: true, quizPassed: true, practicePassed: 2 });
    const inProgress = evidence({ ...allDone(1, 1), practiceRuns: [], currentVersion: 2 });
    expect(trainingStatus(req, inProgress, day(30))).toMatchObject({ state: "quiz-passed", acknowledged: true });
  });

  it("a material change withdraws the certificate and re-opens acknowledgement, quiz and practice", () => {
    const ev = {
      ...certified,
      currentVersion: 2,
      baselineVersion: 2,
      certificates: [cert(1, 5, { withdrawnAt: day(20) })],
    };
    const s = trainingStatus(req, ev, day(30));
    expect(s).toMatchObject({
      state: "reading",
      withdrawn: true,
      activeCertificate: null,
      acknowledged: false,
      quizPassed: false,
      practicePassed: 0,
      next: "acknowledge",
      needsReacknowledge: { sinceVersion: 1 },
      certifiable: false,
    });
    const acked = { ...ev, acknowledgements: [...ev.acknowledgements, { version: 2, at: day(21) }] };
    expect(trainingStatus(req, acked, day(30))).toMatchObject({
      state: "acknowledged",
      needsReacknowledge: null,
      next: "quiz",
    });
    const redone = { ...ev, ...allDone(2, 21), certificates: [...ev.certificates] };
    expect(trainingStatus(req, redone, day(30))).toMatchObject({ certifiable: true, withdrawn: true });
    expect(
      trainingStatus(req, { ...redone, certificates: [...redone.certificates, cert(2, 25)] }, day(30)),
    ).toMatchObject({ state: "certified", withdrawn: false });
  });

  it("a certificate on a version before the baseline is not active even before it is marked withdrawn", () => {
    const s = trainingStatus(req, { ...certified, currentVersion: 2, baselineVersion: 2 }, day(30));
    expect(s).toMatchObject({
      state: "reading",
      activeCertificate: null,
      withdrawn: false,
      needsReacknowledge: { sinceVersion: 1 },
    });
  });

  it("names the newest version acknowledged before the change", () => {
    const ev = evidence({
      opened: true,
      baselineVersion: 4,
      currentVersion: 4,
      acknowledgements: [
        { version: 1, at: day(1) },
        { version: 3, at: day(2) },
        { version: 2, at: day(3) },
      ],
    });
    expect(trainingStatus(req, ev, day(5)).needsReacknowledge).toEqual({ sinceVersion: 3 });
    expect(trainingStatus(req, evidence({ opened: true }), day(5)).needsReacknowledge).toBeNull();
  });
});

describe("trainingStatus: expiry and renewal", () => {
  const certified = evidence({ ...allDone(1, 1), certificates: [cert(1, 5)] }); // expires day 185

  it.each<[number, string, string]>([
    [100, "certified", "none"],
    [154, "certified", "none"], // 31 days left
    [155, "expiring", "renew"], // 30 days left
    [184, "expiring", "renew"],
    [185, "expired", "renew"],
    [400, "expired", "renew"],
  ])("on day %i: %s", (d, state, next) => {
    const s = trainingStatus(req, certified, day(d));
    expect(s.state).toBe(state);
    expect(s.next).toBe(next);
    expect(s.expiresAt).toBe(day(185));
  });

  it("renewal needs evidence gathered after the certificate was granted", () => {
    const expiring = trainingStatus(req, certified, day(160));
    expect(expiring).toMatchObject({
      acknowledged: false,
      quizPassed: false,
      practicePassed: 0,
      certifiable: false,
      activeCertificate: certified.certificates[0],
    });
    const renewed = { ...certified, ...allDone(1, 156), certificates: certified.certificates, opened: true };
    expect(trainingStatus(req, renewed, day(160))).toMatchObject({
      state: "expiring",
      certifiable: true,
      next: "none",
    });
    expect(trainingStatus(req, renewed, day(190))).toMatchObject({ state: "expired", certifiable: true, next: "none" });
    const recertified = { ...renewed, certificates: [...renewed.certificates, cert(1, 161)] };
    expect(trainingStatus(req, recertified, day(190))).toMatchObject({
      state: "certified",
      expiresAt: day(341),
      certifiable: false,
    });
  });

  it("the expiring window is at most a quarter of the certificate's lifetime", () => {
    const short = { ...req, recertifyEveryDays: 60 };
    const ev = evidence({
      ...allDone(1, 1),
      certificates: [{ version: 1, certifiedAt: day(0), expiresAt: day(60), withdrawnAt: null }],
    });
    expect(trainingStatus(short, ev, day(44)).state).toBe("certified"); // 16 days left > 15
    expect(trainingStatus(short, ev, day(45)).state).toBe("expiring");
    expect(trainingStatus(short, ev, day(44), { expiringWithinMs: 20 * DAY_MS }).state).toBe("expiring");
    expect(trainingStatus(short, ev, day(10), { expiringWithinMs: 0 }).state).toBe("certified");
  });

  it("a certificate without expiry never expires", () => {
    const forever = { ...req, recertifyEveryDays: null };
    const ev = evidence({
      ...allDone(1, 1),
      certificates: [
        { version: 1, certifiedAt: day(5), expiresAt: certificateExpiry(forever, day(5)), withdrawnAt: null },
      ],
    });
    expect(trainingStatus(forever, ev, day(100_000))).toMatchObject({ state: "certified", expiresAt: null });
  });
});

describe("certificateExpiry", () => {
  it("adds the recertification period, or never", () => {
    expect(certificateExpiry(req, T0)).toBe(T0 + 180 * DAY_MS);
    expect(certificateExpiry({ recertifyEveryDays: null }, T0)).toBeNull();
  });
});

describe("publishImpact", () => {
  const certs = [
    { userId: "ana", version: 1, withdrawnAt: null },
    { userId: "ben", version: 2, withdrawnAt: null },
    { userId: "ana", version: 2, withdrawnAt: null },
    { userId: "cy", version: 1, withdrawnAt: day(3) },
    { userId: "dee", version: 3, withdrawnAt: null },
    { userId: "eve", version: 1, withdrawnAt: null, expiresAt: day(10) },
  ];
  it("withdraws every certificate still in force on a material change, none on a minor one", () => {
    expect(publishImpact("minor", certs, 3)).toEqual({ withdraw: [] });
    expect(publishImpact("material", certs, 3)).toEqual({ withdraw: ["ana", "ben", "eve"] });
    expect(publishImpact("material", certs, 3, { now: day(20) })).toEqual({ withdraw: ["ana", "ben"] });
    expect(publishImpact("material", [], 2)).toEqual({ withdraw: [] });
  });
});

describe("isReadyForFloor", () => {
  it.each<[string[], string]>([
    [[], "nothing-required"],
    [["certified"], "ready"],
    [["certified", "expiring"], "ready"],
    [["certified", "expired"], "not-ready"],
    [["practising"], "not-ready"],
  ])("%j → %s", (states, expected) => {
    expect(isReadyForFloor(states as never)).toBe(expected);
  });
});

describe("My training order", () => {
  it("isOverdue: past the due date and not certified", () => {
    expect(isOverdue("2025-03-01", "reading", "2025-03-02")).toBe(true);
    expect(isOverdue("2025-03-02", "reading", "2025-03-02")).toBe(false);
    expect(isOverdue("2025-03-01", "expired", "2025-03-02")).toBe(true);
    expect(isOverdue("2025-03-01", "certified", "2025-03-02")).toBe(false);
    expect(isOverdue("2025-03-01", "expiring", "2025-03-02")).toBe(false);
    expect(isOverdue(null, "not-started", "2025-03-02")).toBe(false);
  });

  it("sorts overdue first, then by due date (none last), required first, then title", () => {
    const items: TrainingItem[] = [
      { title: "No date b", dueDate: null, required: true, state: "not-started" },
      { title: "Certified long ago", dueDate: "2025-01-01", required: true, state: "certified" },
      { title: "Next week", dueDate: "2025-03-09", required: true, state: "reading" },
      { title: "No date a", dueDate: null, required: true, state: "not-started" },
      { title: "Late", dueDate: "2025-02-20", required: true, state: "reading" },
      { title: "Optional tomorrow", dueDate: "2025-03-03", required: false, state: "not-started" },
      { title: "Required tomorrow", dueDate: "2025-03-03", required: true, state: "not-started" },
      { title: "No date optional", dueDate: null, required: false, state: "not-started" },
    ];
    const order = [
      "Late",
      "Certified long ago",
      "Required tomorrow",
      "Optional tomorrow",
      "Next week",
      "No date a",
      "No date b",
      "No date optional",
    ];
    expect([...items].sort((a, b) => compareTrainingItems(a, b, "2025-03-02")).map((i) => i.title)).toEqual(order);
    // the same with `overdue` worked out by the caller, as a plain comparator
    const marked = items.map((i) => ({ ...i, overdue: isOverdue(i.dueDate, i.state, "2025-03-02") }));
    expect([...marked].sort(compareTrainingItems).map((i) => i.title)).toEqual(order);
    // an item marked overdue comes before every item that is not, whatever its date
    const late = { title: "Z", dueDate: "2025-12-31", required: false, state: "reading" as const, overdue: true };
    expect(
      [...marked, late]
        .sort(compareTrainingItems)
        .map((i) => i.title)
        .slice(0, 3),
    ).toEqual(["Late", "Z", "Certified long ago"]);
  });
});

describe("trainingStatus invariants (property)", () => {
  const version = fc.integer({ min: 1, max: 4 });
  const at = fc.integer({ min: 0, max: 400 }).map(day);
  const evidenceArb: fc.Arbitrary<Evidence> = fc
    .record({
      baselineVersion: version,
      opened: fc.boolean(),
      acknowledgements: fc.array(fc.record({ version, at }), { maxLength: 3 }),
      quizAttempts: fc.array(
        fc.record({ version, at, passed: fc.boolean(), score: fc.integer({ min: 0, max: 100 }) }),
        { maxLength: 3 },
      ),
      practiceRuns: fc.array(
        fc.record({ version, at, score: fc.integer({ min: 0, max: 100 }), completed: fc.boolean() }),
        { maxLength: 4 },
      ),
      certificates: fc.array(
        fc
          .record({
            version,
            certifiedAt: at,
            life: fc.option(fc.integer({ min: 1, max: 400 })),
            withdrawnAt: fc.option(at),
          })
          .map(({ life, ...c }) => ({
            ...c,
            expiresAt: life === null ? null : c.certifiedAt + life * DAY_MS,
          })),
        { maxLength: 3 },
      ),
    })
    .map((e) => ({ ...e, currentVersion: e.baselineVersion + 1 }));
  const reqArb: fc.Arbitrary<CertificationRequirements> = fc.record({
    quiz: fc.boolean(),
    practice: fc.integer({ min: 0, max: 2 }),
    passScore: fc.integer({ min: 1, max: 100 }),
    recertifyEveryDays: fc.option(fc.integer({ min: 1, max: 400 })),
    quizId: fc.constant("q"),
  });

  it("keeps the state consistent with the flags", () => {
    fc.assert(
      fc.property(reqArb, evidenceArb, at, (r, ev, now) => {
        const s = trainingStatus(r, ev, now);
        expect(CELL_STATES).toContain(s.state);
        expect(s.activeCertificate !== null).toBe(s.state === "certified" || s.state === "expiring");
        if (s.activeCertificate) {
          expect(s.activeCertificate.withdrawnAt).toBeNull();
          expect(s.activeCertificate.version).toBeGreaterThanOrEqual(ev.baselineVersion);
          expect(s.activeCertificate.expiresAt === null || s.activeCertificate.expiresAt > now).toBe(true);
        }
        const met = s.acknowledged && (!r.quiz || s.quizPassed) && s.practicePassed >= s.practiceNeeded;
        expect(s.certifiable).toBe(met && s.state !== "certified");
        if (s.state === "quiz-passed") expect(s.acknowledged && s.quizPassed).toBe(true);
        if (s.state === "practising") expect(s.acknowledged && (!r.quiz || s.quizPassed)).toBe(true);
        if (s.state === "acknowledged" || s.state === "quiz-passed" || s.state === "practising")
          expect(s.acknowledged).toBe(true);
        if (s.state === "not-started" || s.state === "reading") expect(s.acknowledged).toBe(false);
        if (s.needsReacknowledge) expect(s.needsReacknowledge.sinceVersion).toBeLessThan(ev.baselineVersion);
        expect(s.practiceNeeded).toBe(r.practice);
        // the published version number itself never matters (a minor publish changes nothing)
        expect(trainingStatus(r, { ...ev, currentVersion: ev.currentVersion + 5 }, now)).toEqual(s);
      }),
      { numRuns: 1000 },
    );
  });

  it("more counting evidence never takes progress away", () => {
    fc.assert(
      fc.property(reqArb, evidenceArb, at, (r, ev, now) => {
        const s = trainingStatus(r, ev, now);
        const late = day(500); // after every certificate was granted: always counts
        const more: Evidence = {
          ...ev,
          acknowledgements: [...ev.acknowledgements, { version: ev.baselineVersion, at: late }],
          quizAttempts: [...ev.quizAttempts, { version: ev.baselineVersion, at: late, passed: true, score: 100 }],
          practiceRuns: [...ev.practiceRuns, { version: ev.baselineVersion, at: late, score: 100, completed: true }],
        };
        const t = trainingStatus(r, more, now);
        expect(t.acknowledged).toBe(true);
        expect(t.quizPassed).toBe(r.quiz);
        expect(t.practicePassed).toBeGreaterThanOrEqual(s.practicePassed);
        if (s.certifiable) expect(t.certifiable).toBe(true);
        expect(t.activeCertificate).toBe(s.activeCertificate);
      }),
      { numRuns: 500 },
    );
  });
});
