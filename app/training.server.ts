// The training service: db/training.server.ts reads and writes, training/ decides. Routes call these functions
// (authenticate, call one, return). Correct answers never leave this module before a quiz is graded: every
// document handed to a learner goes through `withoutAnswerKey`.
import { randomUUID } from "node:crypto";
import { todayIn } from "./lib/data-table";
import { and, eq } from "drizzle-orm";
import { structuralDiff } from "../authoring/diff";
import type { Db } from "../db/client.server";
import { sopVersions } from "../db/schema";
import {
  addPracticeComment,
  assignedSopsOf,
  departmentRequiresCertification,
  expandAssignments,
  insertAcknowledgement,
  insertCertificate,
  insertQuizAttempt,
  listAcknowledgements,
  listActiveAssignments,
  listCertificates,
  listPracticeComments,
  listPracticeRuns,
  listQuizAttempts,
  pathItems,
  pathNames,
  practiceResultOf,
  quizAttemptCounts,
  recordRead,
  setPracticeScore,
  trainersOf,
  trainingPeople,
  trainingSops,
  TrainingError,
  unscoredPracticeRuns,
  covers,
  type AssignedSop,
  type EvidenceVisitor,
  visitEvidence,
  type Learner,
  type TrainingPerson,
  type TrainingSop,
} from "../db/training.server";
import { withoutAnswerKey, type PublicScenario } from "../sop-schema/answer-key";
import type { Quiz, Scenario, SopDocument } from "../sop-schema/types";
import type { RunState } from "../runbook/state";
import { uiLanguageOf } from "../i18n";
import { attemptsLeft, gradeQuiz, parseQuizSubmission, type QuizResult } from "../training/quiz";
import {
  certificateExpiry,
  compareTrainingItems,
  isOverdue,
  isReadyForFloor,
  requirementsOf,
  trainingStatus,
  type CellState,
  type Evidence,
  type TrainingStatus,
} from "../training/certification";
import { scorePracticeRun, type PracticeScore } from "../training/practice";
import { authorize, decideTraining } from "./auth/policy";
import type { SessionUser } from "./auth/session.server";
import { versionDocument } from "./runs.server";
// The trainer's pages (appended below): assignments, learning paths, coaching.
import type { Role } from "../db/roles";
import { listPublishedSops } from "../db/sops.server";
import {
  changeAssignment,
  createAssignment,
  createLearningPath,
  findActiveAssignment,
  grantQuizAttempts,
  listAssignmentsForManagement,
  listLearningPaths,
  practiceRunOwner,
  removeAssignment,
  type AssignmentRow,
  type AssignmentTarget,
  type NewAssignment,
} from "../db/training.server";
import { getUser, listDepartments } from "../db/users.server";
import { createRun } from "../db/runs.server";
import { initialState } from "../runbook/state";

export { TrainingError };

/**
 * Evidence grouped by SOP and person, each cell built once as the `Evidence` the rules read (so the readiness
 * matrix's 100,000 cells cost a map lookup each, and people with no evidence on an SOP share one empty cell).
 */
/** Per database: SOP id → everyone's evidence on it, valid while the SOP's training revision and versions match. */
const evidenceCache = new WeakMap<
  Db,
  Map<string, { rev: number; version: number | null; baseline: number; people: Map<string, Evidence> }>
>();
const EVIDENCE_CACHE_SOPS = 1_000;

class EvidenceIndex implements EvidenceVisitor {
  private readonly bySop = new Map<string, Map<string, Evidence>>();
  private readonly empty = new Map<string, Evidence>();
  private constructor(private readonly sops: ReadonlyMap<string, TrainingSop>) {}

  /** Many people × many SOPs, streamed from the database (the matrix, overdue counts). */
  static load(db: Db, sops: ReadonlyMap<string, TrainingSop>, userIds: readonly string[] | null): EvidenceIndex {
    const index = new EvidenceIndex(sops);
    visitEvidence(db, [...sops.keys()], userIds, index);
    index.inTimeOrder();
    return index;
  }

  /** The rules read every list oldest first (the latest certificate last): rows arrive unordered. */
  private inTimeOrder(): void {
    const byAt = (a: { at: number }, b: { at: number }) => a.at - b.at;
    for (const people of this.bySop.values())
      for (const e of people.values()) {
        if (e.acknowledgements.length > 1) e.acknowledgements.sort(byAt);
        if (e.quizAttempts.length > 1) e.quizAttempts.sort(byAt);
        if (e.practiceRuns.length > 1) e.practiceRuns.sort(byAt);
        if (e.certificates.length > 1) e.certificates.sort((a, b) => a.certifiedAt - b.certifiedAt);
      }
  }

  /**
   * Everyone's evidence on these SOPs, from a per-database cache keyed by each SOP's training revision (bumped in
   * the transaction of every change to its evidence, db/training.server.ts): only SOPs whose evidence changed
   * since the last call are read again. The readiness matrix reads through it.
   */
  static cached(db: Db, sops: ReadonlyMap<string, TrainingSop>): EvidenceIndex {
    let cache = evidenceCache.get(db);
    if (!cache) evidenceCache.set(db, (cache = new Map()));
    const index = new EvidenceIndex(sops);
    const stale = new Map<string, TrainingSop>();
    for (const [id, sop] of sops) {
      const hit = cache.get(id);
      if (hit && hit.rev === sop.trainingRev && hit.version === sop.version && hit.baseline === sop.baselineVersion)
        index.bySop.set(id, hit.people);
      else stale.set(id, sop);
    }
    if (stale.size) {
      const fresh = EvidenceIndex.load(db, stale, null);
      if (cache.size + stale.size > EVIDENCE_CACHE_SOPS) cache.clear();
      for (const [id, sop] of stale) {
        const people = fresh.bySop.get(id) ?? new Map<string, Evidence>();
        cache.set(id, { rev: sop.trainingRev, version: sop.version, baseline: sop.baselineVersion, people });
        index.bySop.set(id, people);
      }
    }
    return index;
  }

  private blank(sopId: string): Evidence {
    const sop = this.sops.get(sopId);
    return {
      currentVersion: sop?.version ?? 0,
      baselineVersion: sop?.baselineVersion ?? 1,
      opened: false,
      acknowledgements: [],
      quizAttempts: [],
      practiceRuns: [],
      certificates: [],
    };
  }

  private cell(userId: string, sopId: string): Evidence {
    let people = this.bySop.get(sopId);
    if (!people) this.bySop.set(sopId, (people = new Map()));
    let c = people.get(userId);
    if (!c) people.set(userId, (c = this.blank(sopId)));
    return c;
  }

  read(userId: string, sopId: string): void {
    this.cell(userId, sopId).opened = true;
  }
  ack(userId: string, sopId: string, version: number, at: number): void {
    this.cell(userId, sopId).acknowledgements.push({ version, at });
  }
  quiz(userId: string, sopId: string, version: number, at: number, passed: boolean, score: number): void {
    this.cell(userId, sopId).quizAttempts.push({ version, at, passed, score });
  }
  practice(userId: string, sopId: string, version: number, at: number, score: number | null, completed: boolean): void {
    this.cell(userId, sopId).practiceRuns.push({
      version,
      at,
      score: score ?? 0,
      completed: completed && score != null,
    });
  }
  certificate(
    ...[userId, sopId, version, certifiedAt, expiresAt, withdrawnAt]: Parameters<EvidenceVisitor["certificate"]>
  ): void {
    this.cell(userId, sopId).certificates.push({ version, certifiedAt, expiresAt, withdrawnAt });
  }

  /** This person's evidence on the SOP, or undefined when they have none (their status is then the SOP's empty one). */
  own(userId: string, sopId: string): Evidence | undefined {
    return this.bySop.get(sopId)?.get(userId);
  }

  evidence(userId: string, sop: TrainingSop): Evidence {
    const c = this.bySop.get(sop.sopId)?.get(userId);
    if (c) return c;
    let e = this.empty.get(sop.sopId);
    if (!e) this.empty.set(sop.sopId, (e = this.blank(sop.sopId)));
    return e;
  }
}

function documentOf(db: Db, sop: TrainingSop): SopDocument | null {
  return sop.versionId == null ? null : (versionDocument(db, sop.versionId) ?? null);
}

function learner(user: Pick<SessionUser, "id" | "role" | "departmentId">): Learner {
  return { id: user.id, role: user.role, departmentId: user.departmentId };
}

// ---------------------------------------------------------------------------------------------
// Certification: granted when the evidence is complete (after every write that adds evidence)

/** One person's state on one SOP, from their evidence. */
function statusOf(
  db: Db,
  userId: string,
  sop: TrainingSop,
  req: ReturnType<typeof requirementsOf>,
  now: number,
): TrainingStatus {
  return trainingStatus(req, EvidenceIndex.load(db, new Map([[sop.sopId, sop]]), [userId]).evidence(userId, sop), now);
}

/**
 * Re-evaluates one person on one SOP and grants the certificate when every requirement is met. Runs after an
 * acknowledgement, a passed quiz or a scored practice run; idempotent (an active certificate is not granted twice).
 */
export function settleCertification(db: Db, userId: string, sopId: string, now = Date.now()): TrainingStatus | null {
  return db.transaction((tx) => {
    const sop = trainingSops(tx, [sopId]).get(sopId);
    if (!sop || sop.versionId == null || sop.archivedAt != null) return null;
    const doc = documentOf(db, sop);
    if (!doc) return null;
    const req = requirementsOf(doc);
    // Read on the transaction's own connection: the raw evidence statements see its writes.
    const status = statusOf(db, userId, sop, req, now);
    if (!status.certifiable) return status;
    const renewal = status.activeCertificate != null || status.state === "expired";
    insertCertificate(tx, {
      userId,
      sopId,
      versionId: sop.versionId,
      version: sop.version!,
      certifiedAt: now,
      expiresAt: certificateExpiry(req, now),
      title: sop.title,
      renewal,
    });
    return statusOf(db, userId, sop, req, now);
  });
}

/** Scores completed practice runs that have no score yet (the first read after completion does it). */
export async function scorePendingPractice(
  db: Db,
  userIds: readonly string[] | null,
  now = Date.now(),
): Promise<number> {
  let scored = 0;
  for (const run of await unscoredPracticeRuns(db, userIds)) {
    const doc = versionDocument(db, run.versionId);
    const scenario = doc?.scenarios?.find((s) => s.id === run.scenarioId);
    if (!doc || !scenario) continue;
    // The sentences in the SOP's language when the interface has a catalog for it (the run screen's rule, runLanguage).
    const lang = uiLanguageOf(doc.meta.language) !== "en" ? doc.meta.language : undefined;
    const result = scorePracticeRun(doc, scenario, run.state, { passScore: requirementsOf(doc).passScore, lang });
    if (await setPracticeScore(db, run.id, result.score, result)) {
      scored++;
      settleCertification(db, run.agentId, run.sopId, now);
    }
  }
  return scored;
}

// ---------------------------------------------------------------------------------------------
// My training

export type TrainingItem = {
  sopId: string;
  title: string;
  required: boolean;
  dueDate: string | null;
  overdue: boolean;
  archived: boolean;
  /** not published any more (or never): nothing to read */
  unavailable: boolean;
  version: number | null;
  state: CellState;
  status: TrainingStatus | null;
  path?: AssignedSop["path"];
  notes: string[];
  /** the acknowledgement that counts now (at or after the last material change), if any */
  acknowledgedAt: number | null;
  acknowledgedVersion: number | null;
  /** the version they acknowledged when a minor change followed it (the change note is shown, nothing re-opens) */
  minorChangeSince?: { version: number; note: string };
  requirements: { quiz: boolean; practice: number; passScore: number; recertifyEveryDays: number | null };
};

function itemFor(
  db: Db,
  a: AssignedSop,
  sop: TrainingSop | undefined,
  index: EvidenceIndex,
  userId: string,
  now: number,
  today: string,
): TrainingItem {
  const base = {
    sopId: a.sopId,
    required: a.required,
    dueDate: a.dueDate,
    notes: a.notes,
    ...(a.path ? { path: a.path } : {}),
  };
  const doc = sop ? documentOf(db, sop) : null;
  if (!sop || !doc || sop.archivedAt != null) {
    return {
      ...base,
      title: sop?.title ?? a.sopId,
      overdue: false,
      archived: sop?.archivedAt != null,
      unavailable: true,
      version: sop?.version ?? null,
      state: "not-started",
      status: null,
      acknowledgedAt: null,
      acknowledgedVersion: null,
      requirements: { quiz: false, practice: 0, passScore: 80, recertifyEveryDays: null },
    };
  }
  const req = requirementsOf(doc);
  const ev = index.evidence(userId, sop);
  const status = trainingStatus(req, ev, now);
  const lastAck = ev.acknowledgements.at(-1);
  const counting = status.acknowledged
    ? ev.acknowledgements.findLast((a) => a.version >= sop.baselineVersion)
    : undefined;
  const item: TrainingItem = {
    ...base,
    title: sop.title,
    overdue: isOverdue(a.dueDate, status.state, today),
    archived: false,
    unavailable: false,
    version: sop.version,
    state: status.state,
    status,
    acknowledgedAt: counting?.at ?? null,
    acknowledgedVersion: counting?.version ?? null,
    requirements: {
      quiz: req.quiz,
      practice: req.practice,
      passScore: req.passScore,
      recertifyEveryDays: req.recertifyEveryDays,
    },
  };
  if (lastAck && lastAck.version < (sop.version ?? 0) && lastAck.version >= sop.baselineVersion)
    item.minorChangeSince = { version: lastAck.version, note: sop.changeNote };
  return item;
}

/** What this person has to learn, overdue first. */
export async function myTraining(
  db: Db,
  user: SessionUser,
  opts: { now?: number; timeZone?: string } = {},
): Promise<{ items: TrainingItem[]; open: number; overdue: number }> {
  authorize(decideTraining(user, "learn"));
  const now = opts.now ?? Date.now();
  await scorePendingPractice(db, [user.id], now);
  const assigned = await assignedSopsOf(db, learner(user));
  const sopsById = trainingSops(
    db,
    assigned.map((a) => a.sopId),
  );
  const index = EvidenceIndex.load(db, sopsById, [user.id]);
  const today = todayIn(opts.timeZone, now);
  const items = assigned.map((a) => itemFor(db, a, sopsById.get(a.sopId), index, user.id, now, today));
  items.sort((x, y) =>
    x.path && y.path && x.path.id === y.path.id ? x.path.position - y.path.position : compareTrainingItems(x, y),
  );
  return {
    items,
    open: items.filter((i) => !i.unavailable && i.status?.next !== "none").length,
    overdue: items.filter((i) => i.overdue).length,
  };
}

/** The navigation badge: open training items (not certified, or due for renewal). */
export async function openTrainingCount(db: Db, user: SessionUser): Promise<number> {
  if (!decideTraining(user, "learn").ok) return 0;
  return (await myTraining(db, user)).open;
}

// ---------------------------------------------------------------------------------------------
// One assigned SOP, as the learner works on it

export type ScenarioSummary = { id: string; title: string; customer: string };

function publicScenario(s: Scenario): ScenarioSummary {
  return { id: s.id, title: s.title, customer: s.customer };
}

export function versionByNumber(db: Db, sopId: string, version: number) {
  return db
    .select({ id: sopVersions.id, document: sopVersions.document, source: sopVersions.source })
    .from(sopVersions)
    .where(and(eq(sopVersions.sopId, sopId), eq(sopVersions.version, version)))
    .get();
}

/** The learner's page for one SOP: what to read (without the answer key), what changed, what is left to do. */
export async function trainingForSop(
  db: Db,
  user: SessionUser,
  sopId: string,
  opts: { now?: number; timeZone?: string } = {},
) {
  authorize(decideTraining(user, "learn"));
  const now = opts.now ?? Date.now();
  const assigned = (await assignedSopsOf(db, learner(user))).find((a) => a.sopId === sopId);
  if (!assigned) throw new TrainingError("This SOP is not assigned to you.", 404);
  await scorePendingPractice(db, [user.id], now);
  const sop = trainingSops(db, [sopId]).get(sopId);
  const index = EvidenceIndex.load(db, sop ? new Map([[sopId, sop]]) : new Map(), [user.id]);
  const item = itemFor(db, assigned, sop, index, user.id, now, todayIn(opts.timeZone, now));
  if (item.unavailable || !sop)
    return {
      item,
      document: null,
      versionKey: null,
      departmentName: sop?.departmentName ?? "",
      quiz: null,
      scenarios: [],
      changes: null,
      attempts: [],
      practice: [],
      attemptsLeft: null,
    };
  const doc = documentOf(db, sop)!;
  await recordRead(db, { userId: user.id, sopId, versionId: sop.versionId!, version: sop.version!, at: now });
  let changes: { sinceVersion: number; summary: string[] } | null = null;
  const since = item.status?.needsReacknowledge?.sinceVersion;
  if (since != null) {
    const old = versionByNumber(db, sopId, since);
    if (old) changes = { sinceVersion: since, summary: structuralDiff(old.document, doc).summary };
  }
  const req = requirementsOf(doc);
  const quiz = req.quizId ? ((withoutAnswerKey(doc).quizzes ?? []).find((q) => q.id === req.quizId) ?? null) : null;
  const counts = quiz ? await quizAttemptCounts(db, user.id, sopId, sop.baselineVersion) : null;
  const fullQuiz = req.quizId ? doc.quizzes?.find((q) => q.id === req.quizId) : undefined;
  return {
    item,
    document: withoutAnswerKey(doc),
    /** the version's content hash: the key of the server's diagram cache */
    versionKey: sop.hash,
    departmentName: sop.departmentName,
    quiz,
    attemptsLeft: fullQuiz && counts ? remainingAttempts(fullQuiz, counts) : null,
    scenarios: (doc.scenarios ?? []).map(publicScenario),
    changes,
    attempts: (await listQuizAttempts(db, user.id, sopId)).map((a) => ({
      id: a.id,
      version: a.version,
      score: a.score,
      passed: a.passed,
      at: a.at,
    })),
    practice: (await listPracticeRuns(db, user.id, sopId)).map((r) => ({
      id: r.id,
      version: r.version,
      scenarioId: r.scenarioId,
      status: r.status,
      startedAt: r.startedAt,
      score: r.score,
    })),
  };
}

function remainingAttempts(quiz: Quiz, counts: { used: number; granted: number }): number | null {
  const left = attemptsLeft(quiz, counts.used);
  return left === null ? null : left + counts.granted;
}

/** "I have read and understood version N" — only the published version, only when assigned. */
export async function acknowledge(
  db: Db,
  user: SessionUser,
  input: { sopId: string; version: number; ip: string; userAgent: string },
  now = Date.now(),
) {
  authorize(decideTraining(user, "learn"));
  if (!(await assignedSopsOf(db, learner(user))).some((a) => a.sopId === input.sopId))
    throw new TrainingError("This SOP is not assigned to you.", 404);
  const sop = trainingSops(db, [input.sopId]).get(input.sopId);
  if (!sop || sop.versionId == null || sop.archivedAt != null)
    throw new TrainingError("This SOP is not published: there is nothing to acknowledge.", 409);
  if (sop.version !== input.version)
    throw new TrainingError(
      `Version ${input.version} is not the current version any ` +
        `more: read version ${sop.version} and acknowledge that one.`,
      409,
    );
  db.transaction((tx) => {
    insertAcknowledgement(tx, {
      userId: user.id,
      sopId: sop.sopId,
      versionId: sop.versionId!,
      version: sop.version!,
      contentHash: sop.hash ?? "",
      at: now,
      ip: input.ip.slice(0, 64),
      userAgent: input.userAgent.slice(0, 300),
      title: sop.title,
    });
  });
  return settleCertification(db, user.id, sop.sopId, now);
}

/** Grades on the server and stores the attempt with the answers given; the result carries the explanations. */
export async function submitQuiz(
  db: Db,
  user: SessionUser,
  input: { sopId: string; version: number; answers: unknown },
  now = Date.now(),
): Promise<{ result: QuizResult; status: TrainingStatus | null; attemptsLeft: number | null }> {
  authorize(decideTraining(user, "learn"));
  if (!(await assignedSopsOf(db, learner(user))).some((a) => a.sopId === input.sopId))
    throw new TrainingError("This SOP is not assigned to you.", 404);
  const sop = trainingSops(db, [input.sopId]).get(input.sopId);
  if (!sop || sop.versionId == null || sop.archivedAt != null)
    throw new TrainingError("This SOP is not published.", 409);
  if (sop.version !== input.version)
    throw new TrainingError(`The SOP changed while you answered (now version ${sop.version}): reload the quiz.`, 409);
  const doc = documentOf(db, sop)!;
  const req = requirementsOf(doc);
  const quiz = req.quizId ? doc.quizzes?.find((q) => q.id === req.quizId) : undefined;
  if (!quiz) throw new TrainingError("This SOP has no quiz.", 404);
  const counts = await quizAttemptCounts(db, user.id, sop.sopId, sop.baselineVersion);
  const left = remainingAttempts(quiz, counts);
  if (left !== null && left <= 0)
    throw new TrainingError("You have used every attempt at this quiz: ask your trainer for another one.", 409);
  const parsed = parseQuizSubmission(quiz, input.answers);
  if (!parsed.ok)
    throw new TrainingError(
      parsed.problems.map((p) => (p.questionId ? `${p.questionId}: ${p.message}` : p.message)).join(" "),
      400,
    );
  const result = gradeQuiz(quiz, parsed.submission);
  db.transaction((tx) =>
    insertQuizAttempt(tx, {
      id: randomUUID(),
      userId: user.id,
      sopId: sop.sopId,
      versionId: sop.versionId!,
      version: sop.version!,
      quizId: quiz.id,
      answers: parsed.submission,
      result,
      score: result.score,
      passed: result.passed,
      at: now,
      title: sop.title,
    }),
  );
  const status = result.passed ? settleCertification(db, user.id, sop.sopId, now) : null;
  return { result, status, attemptsLeft: left === null ? null : left - 1 };
}

/** The scenario a practice run may start on: assigned SOP, published, scenario exists. */
export async function practiceScenario(
  db: Db,
  user: SessionUser,
  sopId: string,
  scenarioId: string,
): Promise<{ sop: TrainingSop; scenario: Scenario }> {
  authorize(decideTraining(user, "learn"));
  if (!(await assignedSopsOf(db, learner(user))).some((a) => a.sopId === sopId))
    throw new TrainingError("This SOP is not assigned to you.", 404);
  const sop = trainingSops(db, [sopId]).get(sopId);
  if (!sop || sop.versionId == null || sop.archivedAt != null)
    throw new TrainingError("This SOP is not published.", 409);
  const scenario = documentOf(db, sop)?.scenarios?.find((s) => s.id === scenarioId);
  if (!scenario) throw new TrainingError(`This SOP has no scenario “${scenarioId}”.`, 404);
  return { sop, scenario };
}

/**
 * Starts a practice run: the same runbook on the SOP's published version, flagged as practice with its scenario
 * (stored like any run, never counted as a live call). Reading and confirming the procedure comes first.
 */
export async function startPracticeRun(
  db: Db,
  user: SessionUser,
  input: { sopId: string; scenarioId: string },
  now = Date.now(),
): Promise<{ runId: string }> {
  const { sop } = await practiceScenario(db, user, input.sopId, input.scenarioId);
  const doc = documentOf(db, sop)!;
  if (!statusOf(db, user.id, sop, requirementsOf(doc), now).acknowledged)
    throw new TrainingError("Acknowledge the procedure first, then practise it.", 409);
  // practising it is having it open
  await recordRead(db, {
    userId: user.id,
    sopId: sop.sopId,
    versionId: sop.versionId!,
    version: sop.version!,
    at: now,
  });
  const started = { id: randomUUID(), at: now, type: "started" as const, sopId: sop.sopId, versionId: sop.versionId! };
  const state = initialState(doc, started);
  const runId = await createRun(db, {
    sopId: sop.sopId,
    versionId: sop.versionId!,
    agentId: user.id,
    started,
    state,
    summary: {
      status: state.status,
      currentStepIndex: state.currentStepId ? doc.steps.findIndex((s) => s.id === state.currentStepId) : null,
      outcome: null,
      followUpDue: null,
      followUpClosedAt: null,
      completedAt: null,
    },
    practice: { scenarioId: input.scenarioId },
  });
  return { runId };
}

// ---------------------------------------------------------------------------------------------
// Trainers: the readiness matrix and a person's record

export type ReadinessFilter = {
  departmentId?: number | null;
  state?: CellState | "overdue";
  dueBefore?: string;
  q?: string;
};

export type ReadinessRow = {
  person: TrainingPerson;
  ready: "ready" | "not-ready" | "nothing-required";
  cells: Record<
    string,
    { state: CellState; required: boolean; dueDate: string | null; overdue: boolean; unavailable: boolean }
  >;
};

function trainerScope(viewer: SessionUser): { departmentId: number | null } | "all" {
  return viewer.role === "admin" ? "all" : { departmentId: viewer.departmentId };
}

/**
 * People × assigned SOPs with each cell's state, and who is ready for the floor. Built for a floor of 1,000
 * people × 100 SOPs (bench/training.bench.ts): assignments are expanded once per kind of person (department,
 * role and personal assignments), evidence is streamed into one index, and a person with no evidence on an SOP
 * gets that SOP's shared "nothing yet" status.
 */
export async function readinessMatrix(
  db: Db,
  viewer: SessionUser,
  filter: ReadinessFilter = {},
  opts: { now?: number; timeZone?: string } = {},
) {
  authorize(decideTraining(viewer, "view-person"));
  const now = opts.now ?? Date.now();
  const today = todayIn(opts.timeZone, now);
  const q = filter.q?.toLocaleLowerCase();
  const people = (await trainingPeople(db, trainerScope(viewer))).filter(
    (p) =>
      p.role !== "admin" &&
      (filter.departmentId === undefined || p.departmentId === filter.departmentId) &&
      (!q || `${p.name} ${p.email}`.toLocaleLowerCase().includes(q)),
  );
  await scorePendingPractice(db, people.length > 200 ? null : people.map((p) => p.id), now);
  const active = await listActiveAssignments(db);
  const pathIds = [...new Set(active.flatMap((a) => (a.pathId == null ? [] : [a.pathId])))];
  const items = pathItems(db, pathIds);
  const names = pathNames(db, pathIds);
  const personal = new Map<string, AssignmentRow[]>();
  for (const a of active) if (a.userId != null) personal.set(a.userId, [...(personal.get(a.userId) ?? []), a]);
  const general = active.filter((a) => a.userId == null);
  const expanded = new Map<string, AssignedSop[]>();
  const perPerson: { person: TrainingPerson; assigned: AssignedSop[] }[] = [];
  for (const p of people) {
    const own = personal.get(p.id);
    const kind = `${p.departmentId ?? ""}|${p.role}|${own ? p.id : ""}`;
    let assigned = expanded.get(kind);
    if (!assigned)
      expanded.set(
        kind,
        (assigned = expandAssignments([...general.filter((a) => covers(a, p)), ...(own ?? [])], items, names)),
      );
    if (assigned.length) perPerson.push({ person: p, assigned });
  }
  const sopIds = [...new Set(perPerson.flatMap((x) => x.assigned.map((a) => a.sopId)))];
  const sopsById = trainingSops(db, sopIds);
  const index = EvidenceIndex.cached(db, sopsById);
  const reqs = new Map<string, ReturnType<typeof requirementsOf> | null>();
  const blankState = new Map<string, CellState>();
  for (const id of sopIds) {
    const sop = sopsById.get(id);
    const doc = sop && sop.archivedAt == null ? documentOf(db, sop) : null;
    const req = doc ? requirementsOf(doc) : null;
    reqs.set(id, req);
    if (req && sop) blankState.set(id, trainingStatus(req, index.evidence("", sop), now).state);
  }
  const rows: ReadinessRow[] = [];
  for (const { person, assigned } of perPerson) {
    const cells: ReadinessRow["cells"] = {};
    const required: CellState[] = [];
    let anyOverdue = false;
    let anyState = false;
    let anyDue = false;
    for (const a of assigned) {
      const sop = sopsById.get(a.sopId);
      const req = reqs.get(a.sopId);
      if (!sop || !req) {
        cells[a.sopId] = {
          state: "not-started",
          required: a.required,
          dueDate: a.dueDate,
          overdue: false,
          unavailable: true,
        };
        continue;
      }
      const own = index.own(person.id, a.sopId);
      const state = own ? trainingStatus(req, own, now).state : blankState.get(a.sopId)!;
      const overdue = isOverdue(a.dueDate, state, today);
      cells[a.sopId] = { state, required: a.required, dueDate: a.dueDate, overdue, unavailable: false };
      anyOverdue ||= overdue;
      anyState ||= state === filter.state;
      anyDue ||=
        filter.dueBefore != null && a.dueDate != null && a.dueDate <= filter.dueBefore && state !== "certified";
      // Readiness is about the person's own department's procedures.
      if (a.required && sop.departmentId === person.departmentId) required.push(state);
    }
    if (filter.state === "overdue" ? !anyOverdue : filter.state ? !anyState : false) continue;
    if (filter.dueBefore && !anyDue) continue;
    rows.push({ person, ready: isReadyForFloor(required), cells });
  }
  const sopColumns = sopIds
    .map((id) => ({
      sopId: id,
      title: sopsById.get(id)?.title ?? id,
      archived: sopsById.get(id)?.archivedAt != null,
      departmentId: sopsById.get(id)?.departmentId ?? null,
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
  return {
    rows,
    sops: sopColumns,
    counts: {
      people: rows.length,
      ready: rows.filter((r) => r.ready === "ready").length,
      overdue: rows.filter((r) => Object.values(r.cells).some((c) => c.overdue)).length,
    },
  };
}

/** A person's training record for their trainer (or themselves): every state, attempt, practice run and certificate. */
export async function personTraining(
  db: Db,
  viewer: SessionUser,
  userId: string,
  opts: { now?: number; timeZone?: string } = {},
) {
  const person = (await trainingPeople(db, "all")).find((p) => p.id === userId);
  if (!person) throw new TrainingError("There is no such person.", 404);
  authorize(decideTraining(viewer, "view-person", { userId, departmentId: person.departmentId }));
  const now = opts.now ?? Date.now();
  await scorePendingPractice(db, [userId], now);
  const assigned = await assignedSopsOf(db, person);
  const sopsById = trainingSops(
    db,
    assigned.map((a) => a.sopId),
  );
  const index = EvidenceIndex.load(db, sopsById, [userId]);
  const today = todayIn(opts.timeZone, now);
  const items = assigned
    .map((a) => itemFor(db, a, sopsById.get(a.sopId), index, userId, now, today))
    .sort(compareTrainingItems);
  const practice = await listPracticeRuns(db, userId);
  const comments = await listPracticeComments(
    db,
    practice.map((r) => r.id),
  );
  const required = items
    .filter((i) => i.required && !i.unavailable && sopsById.get(i.sopId)?.departmentId === person.departmentId)
    .map((i) => i.state);
  return {
    person,
    ready: isReadyForFloor(required),
    items,
    acknowledgements: await listAcknowledgements(db, userId),
    attempts: await listQuizAttempts(db, userId),
    practice: practice.map((r) => ({ ...r, comments: comments.filter((c) => c.runId === r.id) })),
    certificates: await listCertificates(db, userId),
  };
}

export async function commentOnPractice(
  db: Db,
  viewer: SessionUser,
  input: { runId: string; body: string },
  owner: { agentId: string; departmentId: number | null },
) {
  authorize(decideTraining(viewer, "coach", { userId: owner.agentId, departmentId: owner.departmentId }));
  await addPracticeComment(db, { runId: input.runId, authorId: viewer.id, body: input.body });
}

/**
 * Live runs of an SOP whose department requires certification: agents and trainees need an active certificate
 * on it (leads, trainers and admins run anything). Says why not and who to ask.
 */
export async function liveRunGate(
  db: Db,
  user: SessionUser,
  sopId: string,
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; reason: string; trainers: { name: string; email: string }[] }> {
  if (user.role !== "agent" && user.role !== "trainee") return { ok: true };
  const info = trainingSops(db, [sopId]).get(sopId);
  if (!info || !(await departmentRequiresCertification(db, info.departmentId))) return { ok: true };
  const doc = documentOf(db, info);
  if (!doc) return { ok: true };
  await scorePendingPractice(db, [user.id], now); // a practice call just completed may be what certifies them
  const state = statusOf(db, user.id, info, requirementsOf(doc), now).state;
  if (state === "certified" || state === "expiring") return { ok: true };
  const trainers = (await trainersOf(db, { departmentId: user.departmentId })).map(({ name, email }) => ({
    name,
    email,
  }));
  return {
    ok: false,
    reason:
      `Live calls on “${info.title}” need a certificate on ` +
      `it${state === "expired" ? " (yours has expired)" : ""}: practise it in My training, or ask your trainer.`,
    trainers,
  };
}

// ---------------------------------------------------------------------------------------------
// Trainers: the pages around the matrix (Trainees filters, a person's page, Assignments and learning paths)

type Decision = ReturnType<typeof decideTraining>;

/** The roles an assignment may name (an admin does not take training). */
export const ASSIGNABLE_ROLES: readonly Role[] = ["agent", "trainee", "lead", "trainer"];

const OTHER_DEPARTMENT = "You look after your own department: assign to it, or to people and roles within it.";

function targetOf(a: Pick<AssignmentRow, "userId" | "departmentId" | "role">): AssignmentTarget {
  if (a.userId != null) return { userId: a.userId };
  if (a.departmentId != null)
    return a.role ? { departmentId: a.departmentId, role: a.role } : { departmentId: a.departmentId };
  return { role: a.role ?? "trainee" };
}

/**
 * Whether the viewer may assign to (or change an assignment of) this target. The policy decides on a person; a
 * department or a company-wide role is treated as a person of that department (of none, for a role), so a
 * trainer with a department keeps to it. Call after `decideTraining(viewer, "assign")` allowed the role.
 */
async function decideTarget(db: Db, viewer: SessionUser, target: AssignmentTarget): Promise<Decision> {
  if ("userId" in target) {
    const person = await getUser(db, target.userId);
    if (!person) throw new TrainingError("There is no such person.", 404);
    return decideTraining(viewer, "assign", { userId: person.id, departmentId: person.departmentId });
  }
  const d = decideTraining(viewer, "assign", {
    userId: "",
    departmentId: "departmentId" in target ? target.departmentId : null,
  });
  return d.ok ? d : { ...d, reason: OTHER_DEPARTMENT };
}

/** What to assign (the db layer's NewAssignment; the actor is the viewer). */
export type AssignTrainingInput = Omit<NewAssignment, "actorId">;

/** Assigns an SOP or a learning path (audited by the db layer). Returns the assignment's id. */
export async function assignTraining(db: Db, viewer: SessionUser, input: AssignTrainingInput): Promise<number> {
  authorize(decideTraining(viewer, "assign"));
  authorize(await decideTarget(db, viewer, input.target));
  return await createAssignment(db, { ...input, actorId: viewer.id });
}

async function managedAssignment(db: Db, viewer: SessionUser, id: number): Promise<AssignmentRow> {
  authorize(decideTraining(viewer, "assign"));
  const row = await findActiveAssignment(db, id);
  if (!row) throw new TrainingError("There is no such assignment (it may have been removed).", 404);
  authorize(await decideTarget(db, viewer, targetOf(row)));
  return row;
}

export async function changeTrainingAssignment(
  db: Db,
  viewer: SessionUser,
  input: { id: number; dueDate: string | null; required: boolean },
): Promise<void> {
  await managedAssignment(db, viewer, input.id);
  await changeAssignment(db, { ...input, actorId: viewer.id });
}

export async function removeTrainingAssignment(db: Db, viewer: SessionUser, input: { id: number }): Promise<void> {
  await managedAssignment(db, viewer, input.id);
  await removeAssignment(db, { id: input.id, actorId: viewer.id });
}

export async function createTrainingPath(
  db: Db,
  viewer: SessionUser,
  input: { name: string; description: string; sopIds: readonly string[] },
): Promise<number> {
  authorize(decideTraining(viewer, "assign"));
  return await createLearningPath(db, { ...input, actorId: viewer.id });
}

export type ManagedAssignment = Awaited<ReturnType<typeof listAssignmentsForManagement>>[number] & {
  /** the SOPs it brings, in order (one for an SOP assignment) */
  sopIds: string[];
  /** people it covers (of those the viewer looks after) */
  covered: number;
  /** of them, past the due date on at least one of its SOPs */
  overdue: { id: string; name: string }[];
  /** the viewer may change or remove it */
  mayChange: boolean;
};

/**
 * The Assignments page: the active assignments the viewer looks after, with how many people each covers and who
 * of them is overdue, the learning paths, and what a new assignment may name.
 */
export async function assignmentsOverview(db: Db, viewer: SessionUser, opts: { now?: number; timeZone?: string } = {}) {
  authorize(decideTraining(viewer, "assign"));
  const now = opts.now ?? Date.now();
  const today = todayIn(opts.timeZone, now);
  const scope = trainerScope(viewer);
  const ownDepartment = scope === "all" ? null : scope.departmentId;
  const people = (await trainingPeople(db, scope)).filter((p) => p.role !== "admin");
  const mine = new Set(people.map((p) => p.id));
  // A trainer with a department sees what reaches it: its people, the department itself, and company-wide roles.
  const all = (await listAssignmentsForManagement(db)).filter(
    (a) =>
      ownDepartment == null ||
      (a.userId != null ? mine.has(a.userId) : a.departmentId == null || a.departmentId === ownDepartment),
  );
  const pathIds = [...new Set(all.flatMap((a) => (a.pathId == null ? [] : [a.pathId])))];
  const items = pathItems(db, pathIds);
  const coverage = all.map((a) => ({
    a,
    sopIds: a.sopId ? [a.sopId] : (items.get(a.pathId!) ?? []),
    who: people.filter((p) => covers(a, p)),
  }));

  // Overdue needs each covered person's state, only for assignments whose due date has passed.
  const late = coverage.filter((c) => c.a.dueDate != null && c.a.dueDate < today && c.who.length > 0);
  const lateSops = [...new Set(late.flatMap((c) => c.sopIds))];
  const latePeople = [...new Set(late.flatMap((c) => c.who.map((p) => p.id)))];
  if (latePeople.length) await scorePendingPractice(db, latePeople, now);
  const sopsById = trainingSops(db, lateSops);
  const index = EvidenceIndex.load(db, sopsById, latePeople);
  const reqs = new Map<string, ReturnType<typeof requirementsOf> | null>();
  for (const id of lateSops) {
    const sop = sopsById.get(id);
    const doc = sop && sop.archivedAt == null ? documentOf(db, sop) : null;
    reqs.set(id, doc ? requirementsOf(doc) : null);
  }
  const isLate = (p: TrainingPerson, c: (typeof coverage)[number]) =>
    c.sopIds.some((sopId) => {
      const sop = sopsById.get(sopId);
      const req = reqs.get(sopId);
      return (
        sop != null &&
        req != null &&
        isOverdue(c.a.dueDate, trainingStatus(req, index.evidence(p.id, sop), now).state, today)
      );
    });
  const assignments: ManagedAssignment[] = await Promise.all(
    coverage.map(async (c) => ({
      ...c.a,
      sopIds: c.sopIds,
      covered: c.who.length,
      overdue:
        c.a.dueDate != null && c.a.dueDate < today
          ? c.who.filter((p) => isLate(p, c)).map((p) => ({ id: p.id, name: p.name }))
          : [],
      mayChange: (await decideTarget(db, viewer, targetOf(c.a))).ok,
    })),
  );
  return {
    today,
    assignments,
    paths: await listLearningPaths(db),
    options: {
      sops: (await listPublishedSops(db)).map((s) => ({ id: s.id, title: s.title, departmentName: s.departmentName })),
      people: people.map((p) => ({ id: p.id, name: p.name, role: p.role, departmentName: p.departmentName })),
      departments: (await listDepartments(db))
        .filter((d) => ownDepartment == null || d.id === ownDepartment)
        .map((d) => ({ id: d.id, name: d.name })),
      roles: ASSIGNABLE_ROLES,
      /** a trainer with a department may not name a role company-wide */
      companyWideRoles: ownDepartment == null,
    },
  };
}

/** The Trainees page: the matrix and the departments its filter offers (the viewer's scope). */
export async function traineesOverview(
  db: Db,
  viewer: SessionUser,
  filter: ReadinessFilter = {},
  opts: { now?: number; timeZone?: string } = {},
) {
  const matrix = await readinessMatrix(db, viewer, filter, opts);
  const scope = trainerScope(viewer);
  const departments = (await listDepartments(db))
    .filter((d) => scope === "all" || scope.departmentId == null || d.id === scope.departmentId)
    .map((d) => ({ id: d.id, name: d.name }));
  return { ...matrix, departments };
}

export type QuizAllowance = { sopId: string; title: string; used: number; left: number | null };

/** A person's page for their trainer: the record, the quiz attempts left per SOP, and whether the viewer may coach. */
export async function personOverview(
  db: Db,
  viewer: SessionUser,
  userId: string,
  opts: { now?: number; timeZone?: string } = {},
) {
  const record = await personTraining(db, viewer, userId, opts);
  const quizzes: QuizAllowance[] = [];
  const sopsById = trainingSops(
    db,
    record.items.map((i) => i.sopId),
  );
  for (const item of record.items) {
    const sop = sopsById.get(item.sopId);
    if (!sop || item.unavailable || !item.requirements.quiz) continue;
    const doc = documentOf(db, sop);
    const quizId = doc ? requirementsOf(doc).quizId : null;
    const quiz = quizId ? doc?.quizzes?.find((q) => q.id === quizId) : undefined;
    if (!quiz) continue;
    const counts = await quizAttemptCounts(db, userId, sop.sopId, sop.baselineVersion);
    quizzes.push({ sopId: sop.sopId, title: sop.title, used: counts.used, left: remainingAttempts(quiz, counts) });
  }
  const coach =
    decideTraining(viewer, "coach", { userId, departmentId: record.person.departmentId }).ok && viewer.id !== userId;
  return { ...record, quizzes, mayCoach: coach };
}

/** "Allow another quiz attempt": one more attempt at the quiz of an SOP assigned to this person. */
export async function allowAnotherQuizAttempt(
  db: Db,
  viewer: SessionUser,
  input: { userId: string; sopId: string },
): Promise<void> {
  const person = await getUser(db, input.userId);
  if (!person || !person.active) throw new TrainingError("There is no such person.", 404);
  authorize(decideTraining(viewer, "coach", { userId: person.id, departmentId: person.departmentId }));
  if (viewer.id === person.id)
    throw new TrainingError("You cannot give yourself more attempts: ask your trainer.", 403);
  if (!(await assignedSopsOf(db, learner(person))).some((a) => a.sopId === input.sopId))
    throw new TrainingError("This SOP is not assigned to them.", 404);
  await grantQuizAttempts(db, { userId: person.id, sopId: input.sopId, extra: 1, actorId: viewer.id });
}

/** A trainer's comment on one of this person's practice runs. */
export async function commentOnPersonPractice(
  db: Db,
  viewer: SessionUser,
  input: { userId: string; runId: string; body: string },
): Promise<void> {
  const owner = await practiceRunOwner(db, input.runId);
  if (!owner || owner.agentId !== input.userId) throw new TrainingError("There is no such practice run.", 404);
  await commentOnPractice(
    db,
    viewer,
    { runId: input.runId, body: input.body },
    { agentId: owner.agentId, departmentId: owner.departmentId },
  );
}

/**
 * What the run screen shows of a practice run: the scenario without its answer key, the pass mark, and once the
 * run is completed its score (computed here on the first read after completion) and the trainer's comments.
 */
export async function practiceForRun(
  db: Db,
  run: {
    id: string;
    agentId: string;
    sopId: string;
    scenarioId: string | null;
    practiceScore: number | null;
    practiceResult: unknown;
    state: RunState;
  },
  doc: SopDocument,
): Promise<{
  sopId: string;
  scenario: PublicScenario;
  passScore: number;
  score: PracticeScore | null;
  comments: Awaited<ReturnType<typeof listPracticeComments>>;
} | null> {
  const scenario = withoutAnswerKey(doc).scenarios?.find((s) => s.id === run.scenarioId);
  if (!scenario) return null;
  let result = run.practiceResult as PracticeScore | null;
  if (run.state.status === "completed" && run.practiceScore == null) {
    await scorePendingPractice(db, [run.agentId]);
    result = ((await practiceResultOf(db, run.id)) as PracticeScore | null) ?? null;
  }
  return {
    sopId: run.sopId,
    scenario,
    passScore: requirementsOf(doc).passScore,
    score: result,
    comments: await listPracticeComments(db, [run.id]),
  };
}
