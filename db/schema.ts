import { sql } from "drizzle-orm";
import type { RunDetail } from "../analytics/facts";
import type { RunEvent, RunState } from "../runbook";
import type { SopDocument } from "../sop-schema";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { ROLES } from "./roles";

export { ROLES, type Role } from "./roles";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const departments = sqliteTable("departments", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  slug: text("slug").notNull().unique(),
  description: text("description").notNull().default(""),
  /** live runs of this department's SOPs need a certificate on the SOP (training); off by default */
  requireCertification: integer("require_certification", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at", { mode: "number" }).notNull().default(now),
});

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    departmentId: integer("department_id").references(() => departments.id, { onDelete: "set null" }),
    passwordHash: text("password_hash").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** consecutive failed sign-ins; reset on success */
    failedLogins: integer("failed_logins").notNull().default(0),
    /** epoch ms until which sign-in is refused after repeated failures */
    lockedUntil: integer("locked_until"),
    /** interface language chosen in the profile (en, el, it, lt, fa); null follows the browser's Accept-Language */
    uiLanguage: text("ui_language"),
    /** IANA time zone chosen in the profile; null follows the browser (the `tz` cookie) */
    timeZone: text("time_zone"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** sha256 of the opaque cookie value: a leaked database does not leak live sessions */
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull().default(now),
    expiresAt: integer("expires_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull().default(now),
    userAgent: text("user_agent").notNull().default(""),
    ip: text("ip").notNull().default(""),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull().default(now),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** the actor's name when it happened: a later rename or deletion does not rewrite history */
    actorName: text("actor_name"),
    /** e.g. user.create, user.role, user.deactivate, user.password_reset, sop.publish */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    /** human-readable summary of the change */
    summary: text("summary").notNull(),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_at_idx").on(t.at)],
);

export const SOP_STATES = ["draft", "in_review", "published", "superseded", "archived"] as const;
export type SopState = (typeof SOP_STATES)[number];

export const sops = sqliteTable(
  "sops",
  {
    /** the SOP's slug, stable across versions */
    id: text("id").primaryKey(),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    title: text("title").notNull(),
    /** the version agents see; null until the first publish */
    publishedVersionId: integer("published_version_id"),
    /** set when archived: hidden from agents and the library until restored */
    archivedAt: integer("archived_at"),
    /** YYYY-MM-DD from the published version's reviewBy / reviewEvery; null when it has neither */
    nextReviewAt: text("next_review_at"),
    /**
     * version number of the latest material publish (the first publish counts): training evidence older than it no
     * longer counts
     */
    baselineVersion: integer("baseline_version"),
    /** bumped in the same transaction as every change to training evidence on this SOP: caches key on it */
    trainingRev: integer("training_rev").notNull().default(0),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("sops_department_idx").on(t.departmentId)],
);

export const sopVersions = sqliteTable(
  "sop_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sopId: text("sop_id")
      .notNull()
      .references(() => sops.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    state: text("state", { enum: SOP_STATES }).notNull(),
    /** the .mdx source, exactly as written */
    source: text("source").notNull(),
    /** sha256 of source: the parsed document is keyed by it */
    hash: text("hash").notNull(),
    /** the parsed SopDocument (JSON): pages read this, never the source */
    document: text("document", { mode: "json" }).$type<SopDocument>().notNull(),
    errorCount: integer("error_count").notNull().default(0),
    warningCount: integer("warning_count").notNull().default(0),
    changeNote: text("change_note").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    publishedAt: integer("published_at"),
    /** optimistic concurrency for drafts: every save must name the revision it was based on */
    revision: integer("revision").notNull().default(1),
    // SQLite cannot ALTER TABLE ADD a column whose default is an expression: 0 in SQL, now in the app.
    updatedAt: integer("updated_at")
      .notNull()
      .default(0)
      .$defaultFn(() => Date.now()),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    /** the published version this draft was started from (null for a brand-new SOP) */
    basedOnVersionId: integer("based_on_version_id"),
    /** the lead or admin asked to review it */
    reviewerId: text("reviewer_id").references(() => users.id, { onDelete: "set null" }),
    submittedAt: integer("submitted_at"),
    /** set at publish: a material change re-opens training on the SOP; a minor one carries it over */
    changeKind: text("change_kind", { enum: ["material", "minor"] }),
  },
  (t) => [
    uniqueIndex("sop_versions_sop_version_unique").on(t.sopId, t.version),
    index("sop_versions_state_idx").on(t.state),
  ],
);

export const REVIEW_ACTIONS = ["submitted", "approved", "changes_requested", "comment", "withdrawn"] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** The review conversation on one version: submissions, approvals, requests for changes. */
export const reviewComments = sqliteTable(
  "review_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    versionId: integer("version_id")
      .notNull()
      .references(() => sopVersions.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action", { enum: REVIEW_ACTIONS }).notNull(),
    body: text("body").notNull().default(""),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("review_comments_version_idx").on(t.versionId, t.createdAt)],
);

/** Key/value facts about this database (e.g. when the demo data was seeded). */
export const appMeta = sqliteTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** "discarded": thrown away by its agent (started by mistake): kept in the log, never counted (runbook `discarded`). */
export const RUN_STATUSES = ["active", "completed", "discarded"] as const;

/** A live call: one agent stepping through one pinned SOP version. */
export const runs = sqliteTable(
  "runs",
  {
    id: text("id").primaryKey(),
    sopId: text("sop_id")
      .notNull()
      .references(() => sops.id),
    versionId: integer("version_id")
      .notNull()
      .references(() => sopVersions.id),
    agentId: text("agent_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: RUN_STATUSES }).notNull().default("active"),
    customerRef: text("customer_ref"),
    channel: text("channel"),
    outcome: text("outcome"),
    followUpDue: text("follow_up_due"),
    followUpClosedAt: integer("follow_up_closed_at"),
    startedAt: integer("started_at").notNull(),
    completedAt: integer("completed_at"),
    updatedAt: integer("updated_at").notNull(),
    eventCount: integer("event_count").notNull().default(0),
    /** reduce(events), cached in the same transaction as each append: reads never replay */
    state: text("state", { mode: "json" }).$type<RunState>().notNull(),
    /**
     * the step the run is on (index into its version's steps), kept with every append for lists (the state snapshot
     * lags)
     */
    currentStepIndex: integer("current_step_index"),
    /** a practice run (training) on a scenario: never counted as a live call */
    practice: integer("practice", { mode: "boolean" }).notNull().default(false),
    /** the `<Scenario>` a practice run simulates */
    scenarioId: text("scenario_id"),
    /** 0–100, set when a practice run is completed (scored against its scenario) */
    practiceScore: integer("practice_score"),
    /** the scoring breakdown (training/ PracticeScore) */
    practiceResult: text("practice_result", { mode: "json" }).$type<unknown>(),
    /** when the retention job removed the captured field values from this run's events and state */
    fieldsPurgedAt: integer("fields_purged_at"),
  },
  (t) => [
    index("runs_agent_idx").on(t.agentId, t.startedAt),
    // the runs CSV reads runs by time
    index("runs_started_idx").on(t.startedAt),
    index("runs_followup_idx").on(t.agentId, t.followUpDue),
    index("runs_practice_idx").on(t.practice, t.agentId, t.sopId),
  ],
);

/** The append-only log behind a run. The id is the client's UUID: replaying it is a no-op. */
export const runEvents = sqliteTable(
  "run_events",
  {
    id: text("id").primaryKey(),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    /** the client's clock when the agent acted */
    at: integer("at").notNull(),
    receivedAt: integer("received_at").notNull(),
    payload: text("payload", { mode: "json" }).$type<RunEvent>().notNull(),
  },
  (t) => [uniqueIndex("run_events_run_seq_unique").on(t.runId, t.seq)],
);

/**
 * The dashboards' row of a live run (practice runs have none, a discarded run loses it): written when the run
 * starts, and again — with what analytics/facts.ts computes — in the transaction of the event that wraps it up
 * (and of a later follow-up closing). The dashboards read this narrow table, never `runs` (whose rows carry the
 * state snapshot). An active run's last activity and current step stay on `runs` (they change with every event).
 */
export const runFacts = sqliteTable(
  "run_facts",
  {
    runId: text("run_id")
      .primaryKey()
      .references(() => runs.id, { onDelete: "cascade" }),
    sopId: text("sop_id").notNull(),
    versionId: integer("version_id").notNull(),
    agentId: text("agent_id").notNull(),
    startedAt: integer("started_at").notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    outcome: text("outcome"),
    completedAt: integer("completed_at"),
    followUpDue: text("follow_up_due"),
    followUpClosedAt: integer("follow_up_closed_at"),
    handleMs: integer("handle_ms"),
    escalations: integer("escalations").notNull().default(0),
    flags: integer("flags").notNull().default(0),
    skips: integer("skips").notNull().default(0),
    stepsTotal: integer("steps_total").notNull().default(0),
    stepsDone: integer("steps_done").notNull().default(0),
    checksTotal: integer("checks_total").notNull().default(0),
    checksDone: integer("checks_done").notNull().default(0),
    /** per step (mark, time, skip reason), the flow answers and the ends reached (analytics/facts.ts RunDetail) */
    detail: text("detail", { mode: "json" }).$type<RunDetail>().notNull(),
    /** the run's current step when the facts were written: where a run wrapped up as abandoned stopped */
    stepIndex: integer("step_index"),
  },
  (t) => [
    index("run_facts_started_idx").on(t.startedAt),
    index("run_facts_sop_started_idx").on(t.sopId, t.startedAt),
    index("run_facts_agent_started_idx").on(t.agentId, t.startedAt),
    // the open runs a period's tallies do not hold (analytics/tally.ts): few, read on every dashboard
    index("run_facts_open_idx")
      .on(t.startedAt)
      .where(sql`status = 'active'`),
  ],
);

/**
 * The dashboards' day tallies (analytics/tally.ts): per UTC day, SOP and version, what the overview needs of the
 * runs started that day (`tally`) and what an SOP's page needs (`detail`), both JSON. Built from run_facts by
 * db/tallies.server.ts for a whole day at once; `tally_days` lists the days built. A trigger on run_facts
 * (migration 0009) deletes a day's tally_days row whenever one of its facts rows is written, so a tally is never
 * older than its facts: the next read rebuilds the day.
 */
export const runTallies = sqliteTable(
  "run_tallies",
  {
    day: integer("day").notNull(),
    sopId: text("sop_id").notNull(),
    versionId: integer("version_id").notNull(),
    /** the overview's counts, without `starts` */
    tally: text("tally").notNull(),
    /** the tally's run starts per quarter-hour: read only for a day a time zone's midnight cuts in two */
    starts: text("starts").notNull(),
    detail: text("detail").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.sopId, t.versionId] }), index("run_tallies_sop_day_idx").on(t.sopId, t.day)],
);

export const tallyDays = sqliteTable("tally_days", {
  day: integer("day").primaryKey(),
  builtAt: integer("built_at").notNull(),
});

export const FEEDBACK_KINDS = ["unclear", "wrong", "outdated", "missing-case"] as const;
export const FEEDBACK_STATES = ["new", "accepted", "done", "dismissed"] as const;

/** "Flag this step": what agents tell the SOP's lead. */
export const feedback = sqliteTable(
  "feedback",
  {
    id: text("id").primaryKey(),
    runId: text("run_id").references(() => runs.id, { onDelete: "set null" }),
    sopId: text("sop_id")
      .notNull()
      .references(() => sops.id),
    versionId: integer("version_id")
      .notNull()
      .references(() => sopVersions.id),
    stepId: text("step_id").notNull(),
    kind: text("kind", { enum: FEEDBACK_KINDS }).notNull(),
    text: text("text").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
    resolvedAt: integer("resolved_at"),
    /** the inbox: new → accepted (with a reply) → done (linked to the fixing version), or dismissed (with a reason) */
    state: text("state", { enum: FEEDBACK_STATES }).notNull().default("new"),
    reply: text("reply"),
    dismissReason: text("dismiss_reason"),
    /** the published version that fixed it (state done) */
    fixedVersionId: integer("fixed_version_id").references(() => sopVersions.id, { onDelete: "set null" }),
    handledBy: text("handled_by").references(() => users.id, { onDelete: "set null" }),
    handledAt: integer("handled_at"),
  },
  (t) => [index("feedback_sop_idx").on(t.sopId, t.createdAt), index("feedback_state_idx").on(t.state, t.sopId)],
);

// ---------------------------------------------------------------------------------------------
// Training: assignments, read confirmations, quizzes, practice, certificates

/** An ordered list of SOPs assigned together (onboarding tracks). */
export const learningPaths = sqliteTable("learning_paths", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  description: text("description").notNull().default(""),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: integer("created_at").notNull().default(now),
});

export const learningPathItems = sqliteTable(
  "learning_path_items",
  {
    pathId: integer("path_id")
      .notNull()
      .references(() => learningPaths.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    sopId: text("sop_id")
      .notNull()
      .references(() => sops.id),
  },
  (t) => [primaryKey({ columns: [t.pathId, t.position] }), index("learning_path_items_sop_idx").on(t.sopId)],
);

/**
 * An SOP or a learning path assigned to a person, a department, a role, or a role within a department.
 * Targets are resolved when read, so people who join a department or role later are covered too.
 */
export const assignments = sqliteTable(
  "assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sopId: text("sop_id").references(() => sops.id),
    pathId: integer("path_id").references(() => learningPaths.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    departmentId: integer("department_id").references(() => departments.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }),
    /** "required" counts for readiness; false = for reference */
    required: integer("required", { mode: "boolean" }).notNull().default(true),
    /** YYYY-MM-DD, in the assignee's calendar */
    dueDate: text("due_date"),
    /** why: e.g. "Material change in v4" when publishing reassigned the SOP */
    note: text("note").notNull().default(""),
    assignedBy: text("assigned_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
    removedAt: integer("removed_at"),
    removedBy: text("removed_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("assignments_user_idx").on(t.userId),
    index("assignments_department_idx").on(t.departmentId),
    index("assignments_sop_idx").on(t.sopId),
  ],
);

/** The first time a person opened a version of an SOP they have to learn ("reading"). */
export const sopReads = sqliteTable(
  "sop_reads",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sopId: text("sop_id")
      .notNull()
      .references(() => sops.id),
    versionId: integer("version_id")
      .notNull()
      .references(() => sopVersions.id),
    version: integer("version").notNull(),
    firstAt: integer("first_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.versionId] }), index("sop_reads_sop_idx").on(t.sopId, t.userId)],
);

/** "I have read and understood version N": immutable, one per person and version. */
export const acknowledgements = sqliteTable(
  "acknowledgements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    sopId: text("sop_id")
      .notNull()
      .references(() => sops.id),
    versionId: integer("version_id")
      .notNull()
      .references(() => sopVersions.id),
    version: integer("version").notNull(),
    /** sha256 of the version's source: what exactly was read */
    contentHash: text("content_hash").notNull(),
    at: integer("at").notNull(),
    ip: text("ip").notNull().default(""),
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [
    uniqueIndex("acknowledgements_user_version_unique").on(t.userId, t.versionId),
    index("acknowledgements_sop_idx").on(t.sopId, t.userId),
  ],
);

/** One graded attempt at an SOP's quiz, with the answers given. */
export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    sopId: text("sop_id")
      .notNull()
      .references(() => sops.id),
    versionId: integer("version_id")
      .notNull()
      .references(() => sopVersions.id),
    version: integer("version").notNull(),
    quizId: text("quiz_id").notNull(),
    answers: text("answers", { mode: "json" }).$type<Record<string, string[]>>().notNull(),
    /** the grading (training/ QuizResult) */
    result: text("result", { mode: "json" }).$type<unknown>().notNull(),
    score: integer("score").notNull(),
    passed: integer("passed", { mode: "boolean" }).notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("quiz_attempts_user_sop_idx").on(t.userId, t.sopId, t.at), index("quiz_attempts_sop_idx").on(t.sopId)],
);

/** Extra quiz attempts a trainer granted after the quiz's attempts ran out. */
export const quizAttemptGrants = sqliteTable(
  "quiz_attempt_grants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sopId: text("sop_id")
      .notNull()
      .references(() => sops.id),
    extra: integer("extra").notNull(),
    grantedBy: text("granted_by").references(() => users.id, { onDelete: "set null" }),
    at: integer("at").notNull(),
  },
  (t) => [index("quiz_attempt_grants_user_sop_idx").on(t.userId, t.sopId)],
);

/** Certified on an SOP version; expires after the SOP's recertification period; withdrawn by a material change. */
export const certifications = sqliteTable(
  "certifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    sopId: text("sop_id")
      .notNull()
      .references(() => sops.id),
    versionId: integer("version_id")
      .notNull()
      .references(() => sopVersions.id),
    version: integer("version").notNull(),
    certifiedAt: integer("certified_at").notNull(),
    expiresAt: integer("expires_at"),
    withdrawnAt: integer("withdrawn_at"),
    withdrawnReason: text("withdrawn_reason"),
  },
  (t) => [
    index("certifications_user_sop_idx").on(t.userId, t.sopId),
    index("certifications_sop_idx").on(t.sopId, t.withdrawnAt),
  ],
);

/** A trainer's comment on a trainee's practice run. */
export const practiceComments = sqliteTable(
  "practice_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("practice_comments_run_idx").on(t.runId, t.at)],
);
