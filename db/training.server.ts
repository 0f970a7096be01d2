// Training data: assignments (resolved to people when read), read confirmations, quiz attempts, practice runs,
// certificates. Queries and writes only: the rules (what counts, what a person's state is) are in training/ and
// are applied by app/training.server.ts. Every write that changes what someone is certified on is audited in
// the same transaction.
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Db } from "./client.server";
import { Refusal } from "./refusal";
import { recordAudit } from "./audit.server";
import { enqueueWebhook } from "./webhooks.server";
import {
  acknowledgements,
  assignments,
  certifications,
  departments,
  learningPathItems,
  learningPaths,
  practiceComments,
  quizAttemptGrants,
  quizAttempts,
  runs,
  sopReads,
  sops,
  sopVersions,
  users,
  type Role,
} from "./schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Reader = Pick<Db, "select">;

/**
 * Evidence on this SOP changed (a read, an acknowledgement, an attempt, a certificate, a score, a publish): called
 * in the transaction of the change, so any cache keyed on the revision (the readiness matrix's) sees it at once,
 * in this process or another one on the same database.
 */
export function bumpTrainingRev(tx: Pick<Db, "update">, sopId: string): void {
  tx.update(sops)
    .set({ trainingRev: sql`${sops.trainingRev} + 1` })
    .where(eq(sops.id, sopId))
    .run();
}

/** A refused training action: `status` is the HTTP status a route answers with. */
export class TrainingError extends Refusal {
  declare readonly status: 400 | 403 | 404 | 409;
  constructor(message: string, status: 400 | 403 | 404 | 409 = 400) {
    super(status, message);
  }
}

// ---------------------------------------------------------------------------------------------
// Who an assignment covers

/** A person, a department (its agents and trainees), a role, or a role within a department. */
export type AssignmentTarget = { userId: string } | { departmentId: number; role?: Role } | { role: Role };

/** The roles a department-wide assignment covers when it names no role: the people who take calls. */
export const DEPARTMENT_LEARNER_ROLES: readonly Role[] = ["agent", "trainee"];

export type Learner = { id: string; role: Role; departmentId: number | null };

export type AssignmentRow = {
  id: number;
  sopId: string | null;
  pathId: number | null;
  userId: string | null;
  departmentId: number | null;
  role: Role | null;
  required: boolean;
  dueDate: string | null;
  note: string;
  createdAt: number;
};

/** Whether an (active) assignment covers this person. Resolved at read time: later joiners are covered. */
export function covers(a: Pick<AssignmentRow, "userId" | "departmentId" | "role">, person: Learner): boolean {
  if (a.userId != null) return a.userId === person.id;
  if (a.departmentId != null && a.departmentId !== person.departmentId) return false;
  if (a.role != null) return a.role === person.role;
  return a.departmentId != null && DEPARTMENT_LEARNER_ROLES.includes(person.role);
}

const assignmentColumns = {
  id: assignments.id,
  sopId: assignments.sopId,
  pathId: assignments.pathId,
  userId: assignments.userId,
  departmentId: assignments.departmentId,
  role: assignments.role,
  required: assignments.required,
  dueDate: assignments.dueDate,
  note: assignments.note,
  createdAt: assignments.createdAt,
};

/** Every active assignment (they are few: one per SOP or path per team, not one per person). */
export async function listActiveAssignments(db: Reader): Promise<AssignmentRow[]> {
  return db
    .select(assignmentColumns)
    .from(assignments)
    .where(isNull(assignments.removedAt))
    .orderBy(asc(assignments.id))
    .all();
}

/** The active assignments that could cover this person (the SQL pre-filter; `covers` decides). */
export async function assignmentsOf(db: Reader, person: Learner): Promise<AssignmentRow[]> {
  const rows = db
    .select(assignmentColumns)
    .from(assignments)
    .where(
      and(
        isNull(assignments.removedAt),
        or(
          eq(assignments.userId, person.id),
          and(
            isNull(assignments.userId),
            person.departmentId == null
              ? isNull(assignments.departmentId)
              : or(isNull(assignments.departmentId), eq(assignments.departmentId, person.departmentId)),
          ),
        ),
      ),
    )
    .all();
  return rows.filter((a) => covers(a, person));
}

/** path id → its SOP ids in order. */
export function pathItems(db: Reader, pathIds: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (pathIds.length === 0) return out;
  const rows = db
    .select({ pathId: learningPathItems.pathId, sopId: learningPathItems.sopId })
    .from(learningPathItems)
    .where(inArray(learningPathItems.pathId, [...pathIds]))
    .orderBy(asc(learningPathItems.pathId), asc(learningPathItems.position))
    .all();
  for (const r of rows) {
    const list = out.get(r.pathId) ?? [];
    list.push(r.sopId);
    out.set(r.pathId, list);
  }
  return out;
}

/** One SOP a person has to learn, merged over every assignment that brings it (strictest wins). */
export type AssignedSop = {
  sopId: string;
  required: boolean;
  /** the earliest due date of the assignments that bring it */
  dueDate: string | null;
  assignmentIds: number[];
  /** learning path name and position, when it comes from one */
  path?: { id: number; name: string; position: number };
  notes: string[];
};

export function expandAssignments(
  rows: readonly AssignmentRow[],
  items: Map<number, string[]>,
  pathNames: Map<number, string>,
): AssignedSop[] {
  const bySop = new Map<string, AssignedSop>();
  const add = (sopId: string, a: AssignmentRow, path?: AssignedSop["path"]) => {
    const cur = bySop.get(sopId);
    if (!cur) {
      bySop.set(sopId, {
        sopId,
        required: a.required,
        dueDate: a.dueDate,
        assignmentIds: [a.id],
        ...(path ? { path } : {}),
        notes: a.note ? [a.note] : [],
      });
      return;
    }
    cur.required ||= a.required;
    if (a.dueDate && (!cur.dueDate || a.dueDate < cur.dueDate)) cur.dueDate = a.dueDate;
    cur.assignmentIds.push(a.id);
    if (path && !cur.path) cur.path = path;
    if (a.note && !cur.notes.includes(a.note)) cur.notes.push(a.note);
  };
  for (const a of rows) {
    if (a.sopId) add(a.sopId, a);
    else if (a.pathId != null)
      (items.get(a.pathId) ?? []).forEach((sopId, i) =>
        add(sopId, a, { id: a.pathId!, name: pathNames.get(a.pathId!) ?? "", position: i + 1 }),
      );
  }
  return [...bySop.values()];
}

export function pathNames(db: Reader, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: learningPaths.id, name: learningPaths.name })
      .from(learningPaths)
      .where(inArray(learningPaths.id, [...ids]))
      .all()
      .map((r) => [r.id, r.name]),
  );
}

/** The SOPs this person has to learn, from every assignment that covers them. */
export async function assignedSopsOf(db: Reader, person: Learner): Promise<AssignedSop[]> {
  const rows = await assignmentsOf(db, person);
  const ids = [...new Set(rows.flatMap((r) => (r.pathId == null ? [] : [r.pathId])))];
  return expandAssignments(rows, pathItems(db, ids), pathNames(db, ids));
}

// ---------------------------------------------------------------------------------------------
// Assigning

export type NewAssignment = {
  sopId?: string;
  pathId?: number;
  target: AssignmentTarget;
  required: boolean;
  dueDate: string | null;
  note?: string;
  actorId: string | null;
};

function describeTarget(db: Reader, t: AssignmentTarget): string {
  if ("userId" in t)
    return db.select({ name: users.name }).from(users).where(eq(users.id, t.userId)).get()?.name ?? t.userId;
  if ("departmentId" in t) {
    const name =
      db.select({ name: departments.name }).from(departments).where(eq(departments.id, t.departmentId)).get()?.name ??
      `department ${t.departmentId}`;
    return t.role ? `${t.role}s of ${name}` : name;
  }
  return `every ${t.role}`;
}

export async function createAssignment(db: Db, input: NewAssignment): Promise<number> {
  if ((input.sopId == null) === (input.pathId == null))
    throw new TrainingError("Assign either an SOP or a learning path.");
  return db.transaction((tx) => {
    if (input.sopId) {
      const sop = tx
        .select({ id: sops.id, archivedAt: sops.archivedAt, published: sops.publishedVersionId })
        .from(sops)
        .where(eq(sops.id, input.sopId))
        .get();
      if (!sop) throw new TrainingError(`There is no SOP “${input.sopId}”.`, 404);
      if (sop.archivedAt != null) throw new TrainingError("This SOP is archived: restore it before assigning it.", 409);
      if (sop.published == null)
        throw new TrainingError("This SOP has not been published yet: only published SOPs can be assigned.", 409);
    } else if (
      !tx.select({ id: learningPaths.id }).from(learningPaths).where(eq(learningPaths.id, input.pathId!)).get()
    ) {
      throw new TrainingError("There is no such learning path.", 404);
    }
    const t = input.target;
    if ("userId" in t && !tx.select({ id: users.id }).from(users).where(eq(users.id, t.userId)).get())
      throw new TrainingError("There is no such person.", 404);
    if (
      "departmentId" in t &&
      !tx.select({ id: departments.id }).from(departments).where(eq(departments.id, t.departmentId)).get()
    )
      throw new TrainingError("There is no such department.", 404);
    const now = Date.now();
    const id = tx
      .insert(assignments)
      .values({
        sopId: input.sopId ?? null,
        pathId: input.pathId ?? null,
        userId: "userId" in t ? t.userId : null,
        departmentId: "departmentId" in t ? t.departmentId : null,
        role: "role" in t ? (t.role ?? null) : null,
        required: input.required,
        dueDate: input.dueDate,
        note: input.note ?? "",
        assignedBy: input.actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: assignments.id })
      .get().id;
    const what = input.sopId
      ? `“${input.sopId}”`
      : `learning path “${pathNames(tx, [input.pathId!]).get(input.pathId!)}”`;
    recordAudit(tx, {
      actorId: input.actorId,
      action: "training.assign",
      targetType: "assignment",
      targetId: String(id),
      summary:
        `Assigned ${what} to ${describeTarget(tx, t)} ` +
        `(${input.required ? "required" : "for reference"}${input.dueDate ? `, due ${input.dueDate}` : ""})`,
      details: {
        sopId: input.sopId ?? null,
        pathId: input.pathId ?? null,
        target: t,
        required: input.required,
        dueDate: input.dueDate,
      },
    });
    return id;
  });
}

function activeAssignment(tx: Reader, id: number) {
  const row = tx.select().from(assignments).where(eq(assignments.id, id)).get();
  if (!row || row.removedAt != null)
    throw new TrainingError("There is no such assignment (it may have been removed).", 404);
  return row;
}

export async function changeAssignment(
  db: Db,
  input: { id: number; dueDate: string | null; required: boolean; actorId: string },
): Promise<void> {
  db.transaction((tx) => {
    const row = activeAssignment(tx, input.id);
    tx.update(assignments)
      .set({ dueDate: input.dueDate, required: input.required, updatedAt: Date.now() })
      .where(eq(assignments.id, input.id))
      .run();
    recordAudit(tx, {
      actorId: input.actorId,
      action: "training.assignment_change",
      targetType: "assignment",
      targetId: String(input.id),
      summary:
        `Changed assignment ${input.id}: due ${input.dueDate ?? "no date"} ` +
        `(was ${row.dueDate ?? "no date"}), ${input.required ? "required" : "for reference"}`,
      details: { dueDate: input.dueDate, previousDueDate: row.dueDate, required: input.required },
    });
  });
}

export async function removeAssignment(db: Db, input: { id: number; actorId: string }): Promise<void> {
  db.transaction((tx) => {
    activeAssignment(tx, input.id);
    const now = Date.now();
    tx.update(assignments)
      .set({ removedAt: now, removedBy: input.actorId, updatedAt: now })
      .where(eq(assignments.id, input.id))
      .run();
    recordAudit(tx, {
      actorId: input.actorId,
      action: "training.unassign",
      targetType: "assignment",
      targetId: String(input.id),
      summary: `Removed assignment ${input.id}`,
    });
  });
}

/** Assignments as the trainer manages them: what, to whom, by whom. */
export async function listAssignmentsForManagement(db: Reader) {
  const assigner = sql<
    string | null
  >`(select ${users.name} from ${users} where ${users.id} = ${assignments.assignedBy})`;
  return db
    .select({
      ...assignmentColumns,
      sopTitle: sops.title,
      sopArchivedAt: sops.archivedAt,
      pathName: learningPaths.name,
      userName: users.name,
      departmentName: departments.name,
      assignedByName: assigner,
    })
    .from(assignments)
    .leftJoin(sops, eq(sops.id, assignments.sopId))
    .leftJoin(learningPaths, eq(learningPaths.id, assignments.pathId))
    .leftJoin(users, eq(users.id, assignments.userId))
    .leftJoin(departments, eq(departments.id, assignments.departmentId))
    .where(isNull(assignments.removedAt))
    .orderBy(desc(assignments.createdAt), desc(assignments.id))
    .all();
}

// ---------------------------------------------------------------------------------------------
// Learning paths

export async function createLearningPath(
  db: Db,
  input: { name: string; description: string; sopIds: readonly string[]; actorId: string },
): Promise<number> {
  const name = input.name.trim();
  if (!name) throw new TrainingError("Give the learning path a name.");
  if (input.sopIds.length === 0) throw new TrainingError("A learning path needs at least one SOP.");
  if (new Set(input.sopIds).size !== input.sopIds.length)
    throw new TrainingError("An SOP appears twice in the path: list each once.");
  return db.transaction((tx) => {
    if (tx.select({ id: learningPaths.id }).from(learningPaths).where(eq(learningPaths.name, name)).get())
      throw new TrainingError(`A learning path called “${name}” exists already.`, 409);
    const known = new Set(
      tx
        .select({ id: sops.id })
        .from(sops)
        .where(and(inArray(sops.id, [...input.sopIds]), isNotNull(sops.publishedVersionId), isNull(sops.archivedAt)))
        .all()
        .map((r) => r.id),
    );
    const missing = input.sopIds.filter((id) => !known.has(id));
    if (missing.length) throw new TrainingError(`Not published (or archived): ${missing.join(", ")}.`, 409);
    const id = tx
      .insert(learningPaths)
      .values({ name, description: input.description.trim(), createdBy: input.actorId })
      .returning({ id: learningPaths.id })
      .get().id;
    input.sopIds.forEach((sopId, i) =>
      tx
        .insert(learningPathItems)
        .values({ pathId: id, position: i + 1, sopId })
        .run(),
    );
    recordAudit(tx, {
      actorId: input.actorId,
      action: "training.path_create",
      targetType: "learning_path",
      targetId: String(id),
      summary: `Created learning path “${name}” (${input.sopIds.length} SOPs)`,
      details: { sopIds: [...input.sopIds] },
    });
    return id;
  });
}

export async function listLearningPaths(db: Reader) {
  const paths = db
    .select({ id: learningPaths.id, name: learningPaths.name, description: learningPaths.description })
    .from(learningPaths)
    .orderBy(asc(learningPaths.name))
    .all();
  const items = pathItems(
    db,
    paths.map((p) => p.id),
  );
  const titles = new Map(
    db
      .select({ id: sops.id, title: sops.title })
      .from(sops)
      .all()
      .map((r) => [r.id, r.title]),
  );
  return paths.map((p) => ({
    ...p,
    sops: (items.get(p.id) ?? []).map((sopId) => ({ sopId, title: titles.get(sopId) ?? sopId })),
  }));
}

// ---------------------------------------------------------------------------------------------
// What the rules need: the SOPs' published versions and each person's evidence

export type TrainingSop = {
  sopId: string;
  title: string;
  departmentId: number;
  departmentName: string;
  archivedAt: number | null;
  versionId: number | null;
  version: number | null;
  hash: string | null;
  changeNote: string;
  changeKind: "material" | "minor" | null;
  baselineVersion: number;
  trainingRev: number;
};

/** The published version of each SOP (archived SOPs included: an assignment on one must say so). */
export function trainingSops(db: Reader, sopIds: readonly string[]): Map<string, TrainingSop> {
  if (sopIds.length === 0) return new Map();
  const rows = db
    .select({
      sopId: sops.id,
      title: sops.title,
      departmentId: sops.departmentId,
      departmentName: departments.name,
      archivedAt: sops.archivedAt,
      versionId: sopVersions.id,
      version: sopVersions.version,
      hash: sopVersions.hash,
      changeNote: sopVersions.changeNote,
      changeKind: sopVersions.changeKind,
      baselineVersion: sops.baselineVersion,
      trainingRev: sops.trainingRev,
    })
    .from(sops)
    .innerJoin(departments, eq(departments.id, sops.departmentId))
    .leftJoin(sopVersions, eq(sopVersions.id, sops.publishedVersionId))
    .where(inArray(sops.id, [...sopIds]))
    .all();
  return new Map(
    rows.map((r) => [
      r.sopId,
      { ...r, changeNote: r.changeNote ?? "", baselineVersion: r.baselineVersion ?? r.version ?? 1 },
    ]),
  );
}

export type EvidenceRows = {
  reads: { userId: string; sopId: string; version: number; at: number }[];
  acknowledgements: { userId: string; sopId: string; version: number; at: number }[];
  quizAttempts: { userId: string; sopId: string; version: number; at: number; passed: boolean; score: number }[];
  practiceRuns: {
    userId: string;
    sopId: string;
    version: number;
    at: number;
    score: number | null;
    completed: boolean;
  }[];
  certificates: {
    userId: string;
    sopId: string;
    version: number;
    certifiedAt: number;
    expiresAt: number | null;
    withdrawnAt: number | null;
  }[];
};

const versionNumber = sql<number>`(select ${sopVersions.version} from ${sopVersions}
  where ${sopVersions.id} = ${runs.versionId})`;

/**
 * Everything that counts towards certification for these people on these SOPs (all of them when userIds is null),
 * as rows: the same queries as `visitEvidence`, collected.
 */
export async function evidenceRows(
  db: Db,
  sopIds: readonly string[],
  userIds: readonly string[] | null,
): Promise<EvidenceRows> {
  const rows: EvidenceRows = { reads: [], acknowledgements: [], quizAttempts: [], practiceRuns: [], certificates: [] };
  visitEvidence(db, sopIds, userIds, {
    read: (userId, sopId, version, at) => rows.reads.push({ userId, sopId, version, at }),
    ack: (userId, sopId, version, at) => rows.acknowledgements.push({ userId, sopId, version, at }),
    quiz: (userId, sopId, version, at, passed, score) =>
      rows.quizAttempts.push({ userId, sopId, version, at, passed, score }),
    practice: (userId, sopId, version, at, score, completed) =>
      rows.practiceRuns.push({ userId, sopId, version, at, score, completed }),
    certificate: (userId, sopId, version, certifiedAt, expiresAt, withdrawnAt) =>
      rows.certificates.push({ userId, sopId, version, certifiedAt, expiresAt, withdrawnAt }),
  });
  const byAt = (x: { at: number }, y: { at: number }) => x.at - y.at;
  rows.acknowledgements.sort(byAt);
  rows.quizAttempts.sort(byAt);
  rows.practiceRuns.sort(byAt);
  rows.certificates.sort((x, y) => x.certifiedAt - y.certifiedAt);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Writes by the learner

/** Marks the first time a person opens a version they have to learn; later opens change nothing. */
export async function recordRead(
  db: Db,
  input: { userId: string; sopId: string; versionId: number; version: number; at: number },
): Promise<void> {
  db.transaction((tx) => {
    const added = tx
      .insert(sopReads)
      .values({
        userId: input.userId,
        sopId: input.sopId,
        versionId: input.versionId,
        version: input.version,
        firstAt: input.at,
      })
      .onConflictDoNothing()
      .run().changes;
    if (added) bumpTrainingRev(tx, input.sopId);
  });
}

/** Whose evidence it is, on which SOP version, and that SOP's title. */
type EvidenceOnVersion = { userId: string; sopId: string; versionId: number; version: number; title: string };

export function insertAcknowledgement(
  tx: Tx,
  input: EvidenceOnVersion & { contentHash: string; at: number; ip: string; userAgent: string },
): boolean {
  const inserted = tx
    .insert(acknowledgements)
    .values(input)
    .onConflictDoNothing()
    .returning({ id: acknowledgements.id })
    .get();
  if (!inserted) return false;
  bumpTrainingRev(tx, input.sopId);
  recordAudit(tx, {
    actorId: input.userId,
    action: "training.acknowledge",
    targetType: "sop",
    targetId: input.sopId,
    summary: `Acknowledged having read and understood “${input.title}” version ${input.version}`,
    details: { version: input.version, hash: input.contentHash, ip: input.ip },
  });
  return true;
}

export function insertQuizAttempt(
  tx: Tx,
  input: {
    id: string;
    userId: string;
    sopId: string;
    versionId: number;
    version: number;
    quizId: string;
    answers: Record<string, string[]>;
    result: unknown;
    score: number;
    passed: boolean;
    at: number;
    title: string;
  },
): void {
  const { title, ...row } = input;
  tx.insert(quizAttempts).values(row).run();
  bumpTrainingRev(tx, input.sopId);
  recordAudit(tx, {
    actorId: input.userId,
    action: input.passed ? "training.quiz_pass" : "training.quiz_fail",
    targetType: "sop",
    targetId: input.sopId,
    summary:
      `${input.passed ? "Passed" : "Did not pass"} the quiz of ` +
      `“${title}” version ${input.version} (${input.score}%)`,
    details: { version: input.version, quizId: input.quizId, score: input.score, attemptId: input.id },
  });
}

/**
 * Attempts used and extra attempts granted, for the attempts left. Attempts on versions before `fromVersion` do not
 * count.
 */
export async function quizAttemptCounts(
  db: Reader,
  userId: string,
  sopId: string,
  fromVersion: number,
): Promise<{ used: number; granted: number }> {
  const used = db
    .select({ n: sql<number>`count(*)` })
    .from(quizAttempts)
    .where(
      and(
        eq(quizAttempts.userId, userId),
        eq(quizAttempts.sopId, sopId),
        sql`${quizAttempts.version} >= ${fromVersion}`,
      ),
    )
    .get()!.n;
  const granted = db
    .select({ n: sql<number>`coalesce(sum(${quizAttemptGrants.extra}), 0)` })
    .from(quizAttemptGrants)
    .where(and(eq(quizAttemptGrants.userId, userId), eq(quizAttemptGrants.sopId, sopId)))
    .get()!.n;
  return { used, granted };
}

export async function grantQuizAttempts(
  db: Db,
  input: { userId: string; sopId: string; extra: number; actorId: string },
): Promise<void> {
  db.transaction((tx) => {
    tx.insert(quizAttemptGrants)
      .values({
        userId: input.userId,
        sopId: input.sopId,
        extra: input.extra,
        grantedBy: input.actorId,
        at: Date.now(),
      })
      .run();
    recordAudit(tx, {
      actorId: input.actorId,
      action: "training.quiz_grant",
      targetType: "user",
      targetId: input.userId,
      summary: `Allowed ${input.extra} more quiz attempt${input.extra === 1 ? "" : "s"} on “${input.sopId}”`,
      details: { sopId: input.sopId, extra: input.extra },
    });
  });
}

export async function listQuizAttempts(db: Reader, userId: string, sopId?: string) {
  return db
    .select({
      id: quizAttempts.id,
      sopId: quizAttempts.sopId,
      version: quizAttempts.version,
      quizId: quizAttempts.quizId,
      score: quizAttempts.score,
      passed: quizAttempts.passed,
      at: quizAttempts.at,
      answers: quizAttempts.answers,
      result: quizAttempts.result,
    })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), sopId ? eq(quizAttempts.sopId, sopId) : undefined))
    .orderBy(desc(quizAttempts.at))
    .all();
}

export function insertCertificate(
  tx: Tx,
  input: EvidenceOnVersion & { certifiedAt: number; expiresAt: number | null; renewal: boolean },
): number {
  const id = tx
    .insert(certifications)
    .values({
      userId: input.userId,
      sopId: input.sopId,
      versionId: input.versionId,
      version: input.version,
      certifiedAt: input.certifiedAt,
      expiresAt: input.expiresAt,
    })
    .returning({ id: certifications.id })
    .get().id;
  bumpTrainingRev(tx, input.sopId);
  const person = tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, input.userId))
    .get();
  const name = person?.name ?? input.userId;
  // in the certificate's own transaction: a certificate announced is a certificate stored
  enqueueWebhook(tx, "training.certified", {
    certificateId: id,
    person: person ? { email: person.email, name: person.name } : null,
    sopId: input.sopId,
    title: input.title,
    version: input.version,
    certifiedAt: new Date(input.certifiedAt).toISOString(),
    expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
    renewal: input.renewal,
  });
  recordAudit(tx, {
    actorId: input.userId,
    action: "training.certify",
    targetType: "user",
    targetId: input.userId,
    summary:
      `${name} ${input.renewal ? "renewed their certificate" : "was certified"} ` +
      `on “${input.title}” version ${input.version}` +
      (input.expiresAt ? ` (until ${new Date(input.expiresAt).toISOString().slice(0, 10)})` : ""),
    details: { sopId: input.sopId, version: input.version, certificateId: id, expiresAt: input.expiresAt },
  });
  return id;
}

export async function setPracticeScore(db: Db, runId: string, score: number, result: unknown): Promise<boolean> {
  return db.transaction((tx) => {
    const row = tx
      .update(runs)
      .set({ practiceScore: score, practiceResult: result })
      .where(and(eq(runs.id, runId), isNull(runs.practiceScore)))
      .returning({ sopId: runs.sopId })
      .get();
    if (row) bumpTrainingRev(tx, row.sopId);
    return row != null;
  });
}

/** Completed practice runs not scored yet (scoring happens on the first read after completion). */
export async function unscoredPracticeRuns(db: Reader, userIds: readonly string[] | null) {
  return db
    .select({
      id: runs.id,
      versionId: runs.versionId,
      scenarioId: runs.scenarioId,
      state: runs.state,
      agentId: runs.agentId,
      sopId: runs.sopId,
    })
    .from(runs)
    .where(
      and(
        eq(runs.practice, true),
        eq(runs.status, "completed"),
        isNull(runs.practiceScore),
        userIds ? inArray(runs.agentId, [...userIds]) : undefined,
      ),
    )
    .all();
}

export async function listPracticeRuns(db: Reader, userId: string, sopId?: string) {
  return db
    .select({
      id: runs.id,
      sopId: runs.sopId,
      sopTitle: sops.title,
      version: versionNumber,
      scenarioId: runs.scenarioId,
      status: runs.status,
      startedAt: runs.startedAt,
      completedAt: runs.completedAt,
      score: runs.practiceScore,
      result: runs.practiceResult,
    })
    .from(runs)
    .innerJoin(sops, eq(sops.id, runs.sopId))
    .where(and(eq(runs.practice, true), eq(runs.agentId, userId), sopId ? eq(runs.sopId, sopId) : undefined))
    .orderBy(desc(runs.startedAt))
    .all();
}

export async function addPracticeComment(
  db: Db,
  input: { runId: string; authorId: string; body: string },
): Promise<void> {
  const body = input.body.trim();
  if (!body) throw new TrainingError("Write the comment first.");
  if (body.length > 2000) throw new TrainingError("The comment is too long (at most 2000 characters).");
  db.insert(practiceComments).values({ runId: input.runId, authorId: input.authorId, body, at: Date.now() }).run();
}

export async function listPracticeComments(db: Reader, runIds: readonly string[]) {
  if (runIds.length === 0) return [];
  return db
    .select({
      id: practiceComments.id,
      runId: practiceComments.runId,
      body: practiceComments.body,
      at: practiceComments.at,
      authorName: users.name,
    })
    .from(practiceComments)
    .leftJoin(users, eq(users.id, practiceComments.authorId))
    .where(inArray(practiceComments.runId, [...runIds]))
    .orderBy(asc(practiceComments.at))
    .all();
}

export async function listCertificates(db: Reader, userId: string) {
  return db
    .select({
      id: certifications.id,
      sopId: certifications.sopId,
      sopTitle: sops.title,
      version: certifications.version,
      certifiedAt: certifications.certifiedAt,
      expiresAt: certifications.expiresAt,
      withdrawnAt: certifications.withdrawnAt,
      withdrawnReason: certifications.withdrawnReason,
    })
    .from(certifications)
    .innerJoin(sops, eq(sops.id, certifications.sopId))
    .where(eq(certifications.userId, userId))
    .orderBy(desc(certifications.certifiedAt))
    .all();
}

export async function listAcknowledgements(db: Reader, userId: string) {
  return db
    .select({
      sopId: acknowledgements.sopId,
      sopTitle: sops.title,
      version: acknowledgements.version,
      at: acknowledgements.at,
      contentHash: acknowledgements.contentHash,
      ip: acknowledgements.ip,
      userAgent: acknowledgements.userAgent,
    })
    .from(acknowledgements)
    .innerJoin(sops, eq(sops.id, acknowledgements.sopId))
    .where(eq(acknowledgements.userId, userId))
    .orderBy(desc(acknowledgements.at))
    .all();
}

// ---------------------------------------------------------------------------------------------
// Publishing: a material change re-opens training on the SOP

/**
 * Called inside the publish transaction. `material`: the new version becomes the baseline (older evidence stops
 * counting), every active certificate on the SOP is withdrawn (each audited), and everyone who had acknowledged an
 * earlier version but is no longer covered by an assignment gets one, so the change reaches them. `minor`: the
 * baseline stays and everything carries over. Returns who lost a certificate.
 */
export function applyPublishToTraining(
  tx: Tx,
  input: {
    sopId: string;
    versionId: number;
    version: number;
    kind: "material" | "minor";
    title: string;
    changeNote: string;
    actorId: string | null;
    now: number;
    reassignDueDays?: number;
  },
): { withdrawn: string[]; reassigned: string[] } {
  tx.update(sopVersions).set({ changeKind: input.kind }).where(eq(sopVersions.id, input.versionId)).run();
  bumpTrainingRev(tx, input.sopId); // a new current version changes every cell, material or not
  const sop = tx.select({ baseline: sops.baselineVersion }).from(sops).where(eq(sops.id, input.sopId)).get();
  // The first publish is material by definition: there is nothing earlier to carry over.
  const kind = sop?.baseline == null ? "material" : input.kind;
  if (kind === "minor") return { withdrawn: [], reassigned: [] };
  tx.update(sops).set({ baselineVersion: input.version }).where(eq(sops.id, input.sopId)).run();
  const reason = `Material change in version ${input.version}: ${input.changeNote}`;
  const active = tx
    .select({ id: certifications.id, userId: certifications.userId, version: certifications.version })
    .from(certifications)
    .where(
      and(
        eq(certifications.sopId, input.sopId),
        isNull(certifications.withdrawnAt),
        sql`${certifications.version} < ${input.version}`,
      ),
    )
    .all();
  if (active.length) {
    tx.update(certifications)
      .set({ withdrawnAt: input.now, withdrawnReason: reason })
      .where(
        inArray(
          certifications.id,
          active.map((c) => c.id),
        ),
      )
      .run();
    for (const c of active) {
      recordAudit(tx, {
        actorId: input.actorId,
        action: "training.withdraw",
        targetType: "user",
        targetId: c.userId,
        summary: `Certificate on “${input.title}” version ${c.version} withdrawn: ${reason}`,
        details: { sopId: input.sopId, certificateId: c.id, version: c.version, newVersion: input.version },
      });
    }
  }
  // People who knew the old version must hear about the new one, even when no assignment covers them any more.
  const knew = tx
    .selectDistinct({
      userId: acknowledgements.userId,
      role: users.role,
      departmentId: users.departmentId,
      active: users.active,
    })
    .from(acknowledgements)
    .innerJoin(users, eq(users.id, acknowledgements.userId))
    .where(and(eq(acknowledgements.sopId, input.sopId), sql`${acknowledgements.version} < ${input.version}`))
    .all()
    .filter((u) => u.active);
  const reassigned: string[] = [];
  if (knew.length) {
    const sopAssignments = tx
      .select(assignmentColumns)
      .from(assignments)
      .where(and(isNull(assignments.removedAt), or(eq(assignments.sopId, input.sopId), isNotNull(assignments.pathId))))
      .all();
    const paths = pathItems(tx, [...new Set(sopAssignments.flatMap((a) => (a.pathId == null ? [] : [a.pathId])))]);
    const bringsSop = sopAssignments.filter(
      (a) => a.sopId === input.sopId || (a.pathId != null && (paths.get(a.pathId) ?? []).includes(input.sopId)),
    );
    const due = new Date(input.now + (input.reassignDueDays ?? 14) * 86_400_000).toISOString().slice(0, 10);
    for (const u of knew) {
      const person = { id: u.userId, role: u.role, departmentId: u.departmentId };
      if (bringsSop.some((a) => covers(a, person))) continue;
      tx.insert(assignments)
        .values({
          sopId: input.sopId,
          userId: u.userId,
          required: true,
          dueDate: due,
          note: `Changed in version ${input.version}: ${input.changeNote}`,
          assignedBy: input.actorId,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .run();
      reassigned.push(u.userId);
    }
    if (reassigned.length) {
      recordAudit(tx, {
        actorId: input.actorId,
        action: "training.assign",
        targetType: "sop",
        targetId: input.sopId,
        summary:
          `Asked ${reassigned.length} ${reassigned.length === 1 ? "person" : "people"} ` +
          `who had read an earlier version to read version ${input.version} (due ${due})`,
        details: { version: input.version, userIds: reassigned, dueDate: due },
      });
    }
  }
  return { withdrawn: active.map((c) => c.userId), reassigned };
}

// ---------------------------------------------------------------------------------------------
// People

export type TrainingPerson = {
  id: string;
  name: string;
  email: string;
  role: Role;
  departmentId: number | null;
  departmentName: string | null;
  active: boolean;
};

/**
 * Active people a trainer looks after: everyone in their department (or everyone, for a trainer without one / an
 * admin).
 */
export async function trainingPeople(
  db: Reader,
  scope: { departmentId: number | null } | "all",
): Promise<TrainingPerson[]> {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      departmentId: users.departmentId,
      departmentName: departments.name,
      active: users.active,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(
      and(
        eq(users.active, true),
        scope === "all" || scope.departmentId == null ? undefined : eq(users.departmentId, scope.departmentId),
      ),
    )
    .orderBy(asc(users.name))
    .all();
}

export async function departmentRequiresCertification(db: Reader, departmentId: number): Promise<boolean> {
  return (
    db.select({ v: departments.requireCertification }).from(departments).where(eq(departments.id, departmentId)).get()
      ?.v ?? false
  );
}

export async function setDepartmentRequiresCertification(
  db: Db,
  input: { departmentId: number; value: boolean; actorId: string },
): Promise<void> {
  db.transaction((tx) => {
    const d = tx
      .select({ name: departments.name })
      .from(departments)
      .where(eq(departments.id, input.departmentId))
      .get();
    if (!d) throw new TrainingError("There is no such department.", 404);
    tx.update(departments)
      .set({ requireCertification: input.value })
      .where(eq(departments.id, input.departmentId))
      .run();
    recordAudit(tx, {
      actorId: input.actorId,
      action: "training.require_certification",
      targetType: "department",
      targetId: String(input.departmentId),
      summary:
        `Live runs in ${d.name} ` +
        (input.value ? "now need a certificate on the SOP" : "no longer need a certificate"),
      details: { value: input.value },
    });
  });
}

/** Trainers who look after this person (same department, or trainers without a department). */
export async function trainersOf(
  db: Reader,
  person: { departmentId: number | null },
): Promise<{ id: string; name: string; email: string }[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.role, "trainer"),
        eq(users.active, true),
        person.departmentId == null
          ? undefined
          : or(isNull(users.departmentId), eq(users.departmentId, person.departmentId)),
      ),
    )
    .orderBy(asc(users.name))
    .all();
}

// ---------------------------------------------------------------------------------------------
// The trainer's pages (Trainees, a person's record, Assignments)

/** One active assignment, or null when there is none (or it was removed). */
export async function findActiveAssignment(db: Reader, id: number): Promise<AssignmentRow | null> {
  return (
    db
      .select(assignmentColumns)
      .from(assignments)
      .where(and(eq(assignments.id, id), isNull(assignments.removedAt)))
      .get() ?? null
  );
}

/** A practice run's trainee and their department; null for an unknown run or a live call. */
export async function practiceRunOwner(
  db: Reader,
  runId: string,
): Promise<{ agentId: string; departmentId: number | null; sopId: string } | null> {
  return (
    db
      .select({ agentId: runs.agentId, departmentId: users.departmentId, sopId: runs.sopId })
      .from(runs)
      .innerJoin(users, eq(users.id, runs.agentId))
      .where(and(eq(runs.id, runId), eq(runs.practice, true)))
      .get() ?? null
  );
}

/** Who a change to this SOP reaches in training: people who confirmed a version, active certificates. */
export async function trainingReach(db: Reader, sopId: string): Promise<{ acknowledged: number; certified: number }> {
  const acknowledged = db
    .select({ n: sql<number>`count(distinct ${acknowledgements.userId})` })
    .from(acknowledgements)
    .where(eq(acknowledgements.sopId, sopId))
    .get()!.n;
  const certified = db
    .select({ n: sql<number>`count(distinct ${certifications.userId})` })
    .from(certifications)
    .where(
      and(
        eq(certifications.sopId, sopId),
        isNull(certifications.withdrawnAt),
        or(isNull(certifications.expiresAt), sql`${certifications.expiresAt} > ${Date.now()}`),
      ),
    )
    .get()!.n;
  return { acknowledged, certified };
}

export async function practiceResultOf(db: Reader, runId: string): Promise<unknown> {
  return db.select({ result: runs.practiceResult }).from(runs).where(eq(runs.id, runId)).get()?.result ?? null;
}

// ---------------------------------------------------------------------------------------------
// The readiness matrix's read path: every piece of evidence for many people × many SOPs, handed to a visitor
// as plain values (no row objects: a floor of 1,000 people has hundreds of thousands of rows). Rows come in no
// particular order: the visitor puts each person's few entries in time order.

export type EvidenceVisitor = {
  read(userId: string, sopId: string, version: number, at: number): void;
  ack(userId: string, sopId: string, version: number, at: number): void;
  quiz(userId: string, sopId: string, version: number, at: number, passed: boolean, score: number): void;
  practice(userId: string, sopId: string, version: number, at: number, score: number | null, completed: boolean): void;
  certificate(
    userId: string,
    sopId: string,
    version: number,
    certifiedAt: number,
    expiresAt: number | null,
    withdrawnAt: number | null,
  ): void;
};

const IN_SOPS = "sop_id in (select value from json_each(@sops))";
const FOR_USERS = (col: string) => `(@users is null or ${col} in (select value from json_each(@users)))`;
const EVIDENCE_SQL = {
  read: `select user_id, sop_id, version, first_at from sop_reads where ${IN_SOPS} and ${FOR_USERS("user_id")}`,
  ack: `select user_id, sop_id, version, at from acknowledgements where ${IN_SOPS} and ${FOR_USERS("user_id")}`,
  quiz:
    `select user_id, sop_id, version, at, passed, score from ` +
    `quiz_attempts where ${IN_SOPS} and ${FOR_USERS("user_id")}`,
  practice:
    `select r.agent_id, r.sop_id, v.version, coalesce(r.completed_at, r.started_at), ` +
    `r.practice_score, r.status = 'completed'
    from runs r join sop_versions v on v.id = r.version_id
    where r.practice = 1 and r.status <> 'discarded' and r.${IN_SOPS} and ${FOR_USERS("r.agent_id")}`,
  certificate:
    `select user_id, sop_id, version, certified_at, expires_at, withdrawn_at ` +
    `from certifications where ${IN_SOPS} and ${FOR_USERS("user_id")}`,
} as const;

type RawStatement = { raw(on: boolean): RawStatement; all(...params: unknown[]): unknown[][] };
const evidenceStatements = new WeakMap<object, Record<keyof typeof EVIDENCE_SQL, RawStatement>>();

export function visitEvidence(
  db: Db,
  sopIds: readonly string[],
  userIds: readonly string[] | null,
  v: EvidenceVisitor,
): void {
  if (sopIds.length === 0 || (userIds && userIds.length === 0)) return;
  const client = db.$client as unknown as { prepare(sql: string): RawStatement };
  let st = evidenceStatements.get(client);
  if (!st) {
    st = Object.fromEntries(Object.entries(EVIDENCE_SQL).map(([k, q]) => [k, client.prepare(q).raw(true)])) as Record<
      keyof typeof EVIDENCE_SQL,
      RawStatement
    >;
    evidenceStatements.set(client, st);
  }
  const params = { sops: JSON.stringify(sopIds), users: userIds ? JSON.stringify(userIds) : null };
  for (const r of st.read.all(params)) v.read(r[0] as string, r[1] as string, r[2] as number, r[3] as number);
  for (const r of st.ack.all(params)) v.ack(r[0] as string, r[1] as string, r[2] as number, r[3] as number);
  for (const r of st.quiz.all(params))
    v.quiz(r[0] as string, r[1] as string, r[2] as number, r[3] as number, r[4] === 1, r[5] as number);
  for (const r of st.practice.all(params))
    v.practice(r[0] as string, r[1] as string, r[2] as number, r[3] as number, r[4] as number | null, r[5] === 1);
  for (const r of st.certificate.all(params))
    v.certificate(
      r[0] as string,
      r[1] as string,
      r[2] as number,
      r[3] as number,
      r[4] as number | null,
      r[5] as number | null,
    );
}
