// The PostgreSQL twin of schema.ts (ADR 025): every table with the same table, column, index and constraint names,
// so a query written against the table objects reads the same on both databases. schema.ts stays the documented one
// (its comments are repeated here only where PostgreSQL differs); db/schema-agreement.test.ts checks the two agree
// column by column. Differences, all deliberate:
// - epoch-millisecond columns (`…_at`, `at`, `…_until`, `…_ms`) are bigint (mode number): they pass 2^31;
// - `{ mode: "boolean" }` integers are boolean; `{ mode: "json" }` text columns are jsonb (JSON that is sent
//   byte for byte, the webhook payload and the tallies, stays text);
// - autoincrement keys are identity columns (by default: `stepwise db copy` inserts the ids it copies);
// - the FTS5 virtual table `sop_search` is a plain table with a generated tsvector column and a GIN index.
import { sql } from "drizzle-orm";
import type { RunDetail } from "../analytics/facts";
import type { RunEvent } from "../runbook/events";
import type { RunState } from "../runbook/state";
import type { SopDocument } from "../sop-schema/types";
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

import { ROLES } from "./roles";
import { FEEDBACK_KINDS, FEEDBACK_STATES, REVIEW_ACTIONS, RUN_STATUSES, SOP_STATES } from "./schema";

export { ROLES, type Role } from "./roles";
export {
  FEEDBACK_KINDS,
  FEEDBACK_STATES,
  REVIEW_ACTIONS,
  RUN_STATUSES,
  SOP_STATES,
  type ReviewAction,
  type SopState,
} from "./schema";

/**
 * Epoch milliseconds of the statement, as SQLite's `unixepoch('subsec') * 1000` in schema.ts: truncated, not
 * rounded, and per statement (statement_timestamp) as SQLite's 'now' is, not per transaction (now()).
 */
const now = sql`(floor(extract(epoch from statement_timestamp()) * 1000)::bigint)`;

/** The text search configuration migration 0000 creates: `simple` (no stemming, any language) after `unaccent`. */
export const SEARCH_CONFIG = "stepwise_search";

const tsvector = customType<{ data: string; driverData: string }>({
  dataType: () => "tsvector",
});

export const departments = pgTable("departments", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  name: text("name").notNull().unique(),
  slug: text("slug").notNull().unique(),
  description: text("description").notNull().default(""),
  /** live runs of this department's SOPs need a certificate on the SOP (training); off by default */
  requireCertification: boolean("require_certification").notNull().default(false),
  createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
});

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    departmentId: integer("department_id").references(() => departments.id, { onDelete: "set null" }),
    passwordHash: text("password_hash").notNull(),
    active: boolean("active").notNull().default(true),
    /** consecutive failed sign-ins; reset on success */
    failedLogins: integer("failed_logins").notNull().default(0),
    /** epoch ms until which sign-in is refused after repeated failures */
    lockedUntil: bigint("locked_until", { mode: "number" }),
    /** interface language chosen in the profile (en, el, it, lt, fa); null follows the browser's Accept-Language */
    uiLanguage: text("ui_language"),
    /** IANA time zone chosen in the profile; null follows the browser (the `tz` cookie) */
    timeZone: text("time_zone"),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the opaque cookie value: a leaked database does not leak live sessions */
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
    lastSeenAt: bigint("last_seen_at", { mode: "number" }).notNull().default(now),
    userAgent: text("user_agent").notNull().default(""),
    ip: text("ip").notNull().default(""),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    at: bigint("at", { mode: "number" }).notNull().default(now),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** the actor's name when it happened: a later rename or deletion does not rewrite history */
    actorName: text("actor_name"),
    /** e.g. user.create, user.role, user.deactivate, user.password_reset, sop.publish */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    /** human-readable summary of the change */
    summary: text("summary").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_at_idx").on(t.at)],
);

export const sops = pgTable(
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
    archivedAt: bigint("archived_at", { mode: "number" }),
    /** YYYY-MM-DD from the published version's reviewBy / reviewEvery; null when it has neither */
    nextReviewAt: text("next_review_at"),
    /**
     * version number of the latest material publish (the first publish counts): training evidence older than it no
     * longer counts
     */
    baselineVersion: integer("baseline_version"),
    /** bumped in the same transaction as every change to training evidence on this SOP: caches key on it */
    trainingRev: integer("training_rev").notNull().default(0),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [index("sops_department_idx").on(t.departmentId)],
);

export const sopVersions = pgTable(
  "sop_versions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
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
    document: jsonb("document").$type<SopDocument>().notNull(),
    errorCount: integer("error_count").notNull().default(0),
    warningCount: integer("warning_count").notNull().default(0),
    changeNote: text("change_note").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    publishedAt: bigint("published_at", { mode: "number" }),
    /** optimistic concurrency for drafts: every save must name the revision it was based on */
    revision: integer("revision").notNull().default(1),
    // as in schema.ts (SQLite cannot ALTER TABLE ADD an expression default): 0 in SQL, now in the app.
    updatedAt: bigint("updated_at", { mode: "number" })
      .notNull()
      .default(0)
      .$defaultFn(() => Date.now()),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    /** the published version this draft was started from (null for a brand-new SOP) */
    basedOnVersionId: integer("based_on_version_id"),
    /** the lead or admin asked to review it */
    reviewerId: text("reviewer_id").references(() => users.id, { onDelete: "set null" }),
    submittedAt: bigint("submitted_at", { mode: "number" }),
    /** set at publish: a material change re-opens training on the SOP; a minor one carries it over */
    changeKind: text("change_kind", { enum: ["material", "minor"] }),
  },
  (t) => [
    uniqueIndex("sop_versions_sop_version_unique").on(t.sopId, t.version),
    index("sop_versions_state_idx").on(t.state),
  ],
);

/** The review conversation on one version: submissions, approvals, requests for changes. */
export const reviewComments = pgTable(
  "review_comments",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    versionId: integer("version_id")
      .notNull()
      .references(() => sopVersions.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action", { enum: REVIEW_ACTIONS }).notNull(),
    body: text("body").notNull().default(""),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [index("review_comments_version_idx").on(t.versionId, t.createdAt)],
);

/** Key/value facts about this database (e.g. when the demo data was seeded). */
export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** A live call: one agent stepping through one pinned SOP version. */
export const runs = pgTable(
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
    followUpClosedAt: bigint("follow_up_closed_at", { mode: "number" }),
    startedAt: bigint("started_at", { mode: "number" }).notNull(),
    completedAt: bigint("completed_at", { mode: "number" }),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
    eventCount: integer("event_count").notNull().default(0),
    /** reduce(events), cached in the same transaction as each append: reads never replay */
    state: jsonb("state").$type<RunState>().notNull(),
    /**
     * the step the run is on (index into its version's steps), kept with every append for lists (the state snapshot
     * lags)
     */
    currentStepIndex: integer("current_step_index"),
    /** a practice run (training) on a scenario: never counted as a live call */
    practice: boolean("practice").notNull().default(false),
    /** the `<Scenario>` a practice run simulates */
    scenarioId: text("scenario_id"),
    /** 0–100, set when a practice run is completed (scored against its scenario) */
    practiceScore: integer("practice_score"),
    /** the scoring breakdown (training/ PracticeScore) */
    practiceResult: jsonb("practice_result").$type<unknown>(),
    /** when the retention job removed the captured field values from this run's events and state */
    fieldsPurgedAt: bigint("fields_purged_at", { mode: "number" }),
    /** the integration that started the run (API or embed), with its reference for it (a ticket id) */
    integrationId: text("integration_id"),
    externalRef: text("external_ref"),
  },
  (t) => [
    index("runs_agent_idx").on(t.agentId, t.startedAt),
    // the runs CSV reads runs by time
    index("runs_started_idx").on(t.startedAt),
    index("runs_followup_idx").on(t.agentId, t.followUpDue),
    index("runs_practice_idx").on(t.practice, t.agentId, t.sopId),
    index("runs_external_ref_idx").on(t.externalRef, t.integrationId),
  ],
);

/** The append-only log behind a run. The id is the client's UUID: replaying it is a no-op. */
export const runEvents = pgTable(
  "run_events",
  {
    id: text("id").primaryKey(),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    /** the client's clock when the agent acted */
    at: bigint("at", { mode: "number" }).notNull(),
    receivedAt: bigint("received_at", { mode: "number" }).notNull(),
    payload: jsonb("payload").$type<RunEvent>().notNull(),
  },
  (t) => [uniqueIndex("run_events_run_seq_unique").on(t.runId, t.seq)],
);

/**
 * The dashboards' row of a live run (practice runs have none, a discarded run loses it): written when the run
 * starts, and again — with what analytics/facts.ts computes — in the transaction of the event that wraps it up
 * (and of a later follow-up closing). The dashboards read this narrow table, never `runs` (whose rows carry the
 * state snapshot). An active run's last activity and current step stay on `runs` (they change with every event).
 */
export const runFacts = pgTable(
  "run_facts",
  {
    runId: text("run_id")
      .primaryKey()
      .references(() => runs.id, { onDelete: "cascade" }),
    sopId: text("sop_id").notNull(),
    versionId: integer("version_id").notNull(),
    agentId: text("agent_id").notNull(),
    startedAt: bigint("started_at", { mode: "number" }).notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    outcome: text("outcome"),
    completedAt: bigint("completed_at", { mode: "number" }),
    followUpDue: text("follow_up_due"),
    followUpClosedAt: bigint("follow_up_closed_at", { mode: "number" }),
    handleMs: bigint("handle_ms", { mode: "number" }),
    escalations: integer("escalations").notNull().default(0),
    flags: integer("flags").notNull().default(0),
    skips: integer("skips").notNull().default(0),
    stepsTotal: integer("steps_total").notNull().default(0),
    stepsDone: integer("steps_done").notNull().default(0),
    checksTotal: integer("checks_total").notNull().default(0),
    checksDone: integer("checks_done").notNull().default(0),
    /** per step (mark, time, skip reason), the flow answers and the ends reached (analytics/facts.ts RunDetail) */
    detail: jsonb("detail").$type<RunDetail>().notNull(),
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
export const runTallies = pgTable(
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

export const tallyDays = pgTable("tally_days", {
  day: integer("day").primaryKey(),
  builtAt: bigint("built_at", { mode: "number" }).notNull(),
});

/** "Flag this step": what agents tell the SOP's lead. */
export const feedback = pgTable(
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
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    resolvedAt: bigint("resolved_at", { mode: "number" }),
    /** the inbox: new → accepted (with a reply) → done (linked to the fixing version), or dismissed (with a reason) */
    state: text("state", { enum: FEEDBACK_STATES }).notNull().default("new"),
    reply: text("reply"),
    dismissReason: text("dismiss_reason"),
    /** the published version that fixed it (state done) */
    fixedVersionId: integer("fixed_version_id").references(() => sopVersions.id, { onDelete: "set null" }),
    handledBy: text("handled_by").references(() => users.id, { onDelete: "set null" }),
    handledAt: bigint("handled_at", { mode: "number" }),
  },
  (t) => [index("feedback_sop_idx").on(t.sopId, t.createdAt), index("feedback_state_idx").on(t.state, t.sopId)],
);

// ---------------------------------------------------------------------------------------------
// Training: assignments, read confirmations, quizzes, practice, certificates

/** An ordered list of SOPs assigned together (onboarding tracks). */
export const learningPaths = pgTable("learning_paths", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  name: text("name").notNull().unique(),
  description: text("description").notNull().default(""),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
});

export const learningPathItems = pgTable(
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
export const assignments = pgTable(
  "assignments",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    sopId: text("sop_id").references(() => sops.id),
    pathId: integer("path_id").references(() => learningPaths.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    departmentId: integer("department_id").references(() => departments.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }),
    /** "required" counts for readiness; false = for reference */
    required: boolean("required").notNull().default(true),
    /** YYYY-MM-DD, in the assignee's calendar */
    dueDate: text("due_date"),
    /** why: e.g. "Material change in v4" when publishing reassigned the SOP */
    note: text("note").notNull().default(""),
    assignedBy: text("assigned_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
    removedAt: bigint("removed_at", { mode: "number" }),
    removedBy: text("removed_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("assignments_user_idx").on(t.userId),
    index("assignments_department_idx").on(t.departmentId),
    index("assignments_sop_idx").on(t.sopId),
  ],
);

/** The first time a person opened a version of an SOP they have to learn ("reading"). */
export const sopReads = pgTable(
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
    firstAt: bigint("first_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.versionId] }), index("sop_reads_sop_idx").on(t.sopId, t.userId)],
);

/** "I have read and understood version N": immutable, one per person and version. */
export const acknowledgements = pgTable(
  "acknowledgements",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
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
    at: bigint("at", { mode: "number" }).notNull(),
    ip: text("ip").notNull().default(""),
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [
    uniqueIndex("acknowledgements_user_version_unique").on(t.userId, t.versionId),
    index("acknowledgements_sop_idx").on(t.sopId, t.userId),
  ],
);

/** One graded attempt at an SOP's quiz, with the answers given. */
export const quizAttempts = pgTable(
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
    answers: jsonb("answers").$type<Record<string, string[]>>().notNull(),
    /** the grading (training/ QuizResult) */
    result: jsonb("result").$type<unknown>().notNull(),
    score: integer("score").notNull(),
    passed: boolean("passed").notNull(),
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [index("quiz_attempts_user_sop_idx").on(t.userId, t.sopId, t.at), index("quiz_attempts_sop_idx").on(t.sopId)],
);

/** Extra quiz attempts a trainer granted after the quiz's attempts ran out. */
export const quizAttemptGrants = pgTable(
  "quiz_attempt_grants",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sopId: text("sop_id")
      .notNull()
      .references(() => sops.id),
    extra: integer("extra").notNull(),
    grantedBy: text("granted_by").references(() => users.id, { onDelete: "set null" }),
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [index("quiz_attempt_grants_user_sop_idx").on(t.userId, t.sopId)],
);

/** Certified on an SOP version; expires after the SOP's recertification period; withdrawn by a material change. */
export const certifications = pgTable(
  "certifications",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
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
    certifiedAt: bigint("certified_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }),
    withdrawnAt: bigint("withdrawn_at", { mode: "number" }),
    withdrawnReason: text("withdrawn_reason"),
  },
  (t) => [
    index("certifications_user_sop_idx").on(t.userId, t.sopId),
    index("certifications_sop_idx").on(t.sopId, t.withdrawnAt),
  ],
);

/** A trainer's comment on a trainee's practice run. */
export const practiceComments = pgTable(
  "practice_comments",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [index("practice_comments_run_idx").on(t.runId, t.at)],
);

// Integrations (issue 12): what lets Stepwise live inside a help desk. An integration is one connected system (a
// Zendesk instance, a CRM): its API tokens, its webhook endpoints, and what it may embed.

/** A connected system. Its secrets sign what it sends us (embed launch JWTs) and are shown to admins only. */
export const integrations = pgTable("integrations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  /** origins (`https://acme.zendesk.com`) that may frame the embed and talk to it over postMessage */
  allowedOrigins: jsonb("allowed_origins")
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  /** HS256 secret for embed launch tokens (base64url, 32 random bytes); rotated by an admin */
  launchSecret: text("launch_secret").notNull(),
  /** an RS256 public key (PEM, SPKI) the host signs launch tokens with instead of the shared secret */
  launchPublicKey: text("launch_public_key"),
  /** webhooks may target loopback and private ranges (an admin's explicit choice, audited) */
  allowPrivateTargets: boolean("allow_private_targets").notNull().default(false),
  createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  /** switched off: its tokens stop authenticating, its endpoints stop receiving, its embed stops launching */
  disabledAt: bigint("disabled_at", { mode: "number" }),
});

/** An API token: `sw_<prefix>_<secret>`, shown once; only its SHA-256 is kept (it is 256 random bits). */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    integrationId: text("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** the token's public part, shown in lists so an admin can tell tokens apart */
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    scopes: jsonb("scopes").$type<string[]>().notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: bigint("expires_at", { mode: "number" }),
    lastUsedAt: bigint("last_used_at", { mode: "number" }),
    lastUsedIp: text("last_used_ip"),
    revokedAt: bigint("revoked_at", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_unique").on(t.tokenHash),
    index("api_tokens_integration_idx").on(t.integrationId),
  ],
);

/** Where an integration wants to hear about events, signed per Standard Webhooks with the endpoint's secret. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    integrationId: text("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** event types (`run.completed`, …) this endpoint receives */
    events: jsonb("events").$type<string[]>().notNull(),
    /** `whsec_<base64>` */
    secret: text("secret").notNull(),
    /** the secret before the last rotation, still signing (a second signature) until `previousSecretUntil` */
    previousSecret: text("previous_secret"),
    previousSecretUntil: bigint("previous_secret_until", { mode: "number" }),
    active: boolean("active").notNull().default(true),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("webhook_endpoints_integration_idx").on(t.integrationId)],
);

/**
 * The delivery outbox: one row per (event, endpoint), written in the transaction of the change that causes it, so
 * an event is never announced without having happened nor happens without being announced.
 */
export const webhookOutbox = pgTable(
  "webhook_outbox",
  {
    /** the `webhook-id` (`msg_…`): the same on every attempt, for the receiver's de-duplication */
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    /** the JSON body, serialised once when the event happened (every attempt sends the same bytes) */
    payload: text("payload").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: bigint("next_attempt_at", { mode: "number" }).notNull(),
    /** a worker's claim on the row until this time (a crashed worker's claim lapses) */
    lockedUntil: bigint("locked_until", { mode: "number" }),
    deliveredAt: bigint("delivered_at", { mode: "number" }),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
  },
  (t) => [
    index("webhook_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_outbox_endpoint_idx").on(t.endpointId, t.createdAt),
  ],
);

/** Every delivery attempt, for the admin's delivery log. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    messageId: text("message_id")
      .notNull()
      .references(() => webhookOutbox.id, { onDelete: "cascade" }),
    at: bigint("at", { mode: "number" }).notNull(),
    statusCode: integer("status_code"),
    durationMs: bigint("duration_ms", { mode: "number" }).notNull(),
    error: text("error"),
    /** the first bytes of the receiver's answer */
    responseExcerpt: text("response_excerpt"),
  },
  (t) => [index("webhook_attempts_message_idx").on(t.messageId, t.at)],
);

/** Embed launch tokens already used: a `jti` is accepted once (rows are kept until the token would have expired). */
export const embedLaunches = pgTable(
  "embed_launches",
  {
    jti: text("jti").notNull(),
    integrationId: text("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    usedAt: bigint("used_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.jti] }), index("embed_launches_expires_idx").on(t.expiresAt)],
);

/**
 * A sign-in for the embedded runbook, made by a launch token: it lives inside the help desk's iframe, for one agent and
 * one integration. Its token travels as a partitioned cookie (`SameSite=None; Secure; Partitioned`) and, where the
 * browser blocks third-party cookies even so, in the embed's requests themselves.
 */
export const embedSessions = pgTable(
  "embed_sessions",
  {
    /** sha256 of the token, as for sessions */
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    integrationId: text("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    /** the ticket context the launch carried (ticket id, requester, locale, custom fields) */
    context: jsonb("context").$type<Record<string, unknown>>().notNull(),
    /** the run the launch started or resumed, if it named an SOP */
    runId: text("run_id"),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
    lastSeenAt: bigint("last_seen_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [index("embed_sessions_user_idx").on(t.userId), index("embed_sessions_expires_idx").on(t.expiresAt)],
);

/**
 * The counterpart of SQLite's FTS5 table `sop_search` (migration 0002, db/search.server.ts): the same columns, and
 * `rowid` (bigint: it encodes who may see the row and passes 2^46) as the key FTS5 gives implicitly. `search` is
 * computed by PostgreSQL from the text columns (weights A–D as the bm25 weights: title ≫ tags > purpose, terms >
 * body) with the `stepwise_search` configuration, so writers only ever write text; the GIN index serves `@@` and
 * prefix (`:*`) queries.
 */
export const sopSearch = pgTable(
  "sop_search",
  {
    rowid: bigint("rowid", { mode: "number" }).primaryKey(),
    title: text("title").notNull().default(""),
    tags: text("tags").notNull().default(""),
    purpose: text("purpose").notNull().default(""),
    terms: text("terms").notNull().default(""),
    body: text("body").notNull().default(""),
    sopId: text("sop_id").notNull(),
    versionId: integer("version_id").notNull(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(
        sql.raw(
          `setweight(to_tsvector('${SEARCH_CONFIG}', "title"), 'A') || ` +
            `setweight(to_tsvector('${SEARCH_CONFIG}', "tags"), 'B') || ` +
            `setweight(to_tsvector('${SEARCH_CONFIG}', "purpose" || ' ' || "terms"), 'C') || ` +
            `setweight(to_tsvector('${SEARCH_CONFIG}', "body"), 'D')`,
        ),
      ),
  },
  (t) => [index("sop_search_search_idx").using("gin", t.search), index("sop_search_version_idx").on(t.versionId)],
);
