import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { ROLES } from "./roles";

export { ROLES, type Role } from "./roles";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const departments = sqliteTable("departments", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  slug: text("slug").notNull().unique(),
  description: text("description").notNull().default(""),
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
    document: text("document", { mode: "json" }).notNull(),
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
  },
  (t) => [uniqueIndex("sop_versions_sop_version_unique").on(t.sopId, t.version), index("sop_versions_state_idx").on(t.state)],
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
    state: text("state", { mode: "json" }).notNull(),
  },
  (t) => [index("runs_agent_idx").on(t.agentId, t.startedAt), index("runs_followup_idx").on(t.agentId, t.followUpDue)],
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
    payload: text("payload", { mode: "json" }).notNull(),
  },
  (t) => [uniqueIndex("run_events_run_seq_unique").on(t.runId, t.seq)],
);

export const FEEDBACK_KINDS = ["unclear", "wrong", "outdated", "missing-case"] as const;

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
  },
  (t) => [index("feedback_sop_idx").on(t.sopId, t.createdAt)],
);
