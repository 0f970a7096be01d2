// The REST API's contract (issue 12): every `/api` operation with its scope, its parameters, its body and its
// answers, as zod schemas. The v1 routes parse with these (app/api-v1.server.ts) and integrations/openapi.ts turns
// the same table into the OpenAPI 3.1 document, so the document cannot drift from what the server accepts.
// Pure: no DB, no request.
import { z } from "zod";
import { ROLES } from "../db/roles";
import { CHANNELS } from "../runbook/events";
import type { Scope } from "./scopes";

// ------------------------------------------------------------------------------------------------ shared pieces

const RUN_STATUSES = ["active", "completed", "discarded"] as const;

export const limitParam = z.coerce
  .number({ error: "limit must be a whole number." })
  .int("limit must be a whole number.")
  .min(1, "limit must be 1 to 100.")
  .max(100, "limit must be 1 to 100.")
  .default(25)
  .meta({ description: "How many items to return (1–100).", example: 25 });

export const offsetParam = z.coerce
  .number({ error: "offset must be a whole number." })
  .int("offset must be a whole number.")
  .min(0, "offset must be 0 or more.")
  .max(100_000, "offset must be 100,000 at most.")
  .default(0)
  .meta({ description: "How many items to skip (paging).", example: 0 });

const dateParam = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, `${what}: a date (2026-03-31) or an ISO date-time.`)
    .refine((v) => !Number.isNaN(Date.parse(v)), `${what}: not a real date.`)
    .meta({ description: `${what} (ISO 8601 date or date-time, UTC when no offset).`, example: "2026-03-01" });

const sopIdParam = z
  .string()
  .trim()
  .min(1, "sopId: give the SOP's id.")
  .max(120, "sopId: at most 120 characters.")
  .meta({ description: "The SOP's id (its slug).", example: "billing-dispute-card-charge" });

const idPath = (name: string, description: string, example: string) =>
  z.object({ [name]: z.string().min(1).max(120).meta({ description, example }) });

export const Problem = z
  .object({
    type: z.string().meta({ example: "about:blank" }),
    title: z.string().meta({ example: "Bad request" }),
    status: z.number().int().meta({ example: 400 }),
    detail: z.string().meta({ description: "What went wrong, for a person.", example: "limit must be 1 to 100." }),
    field: z.string().optional().meta({ description: "The request field that was wrong.", example: "limit" }),
    scope: z.string().optional().meta({ description: "On a 403: the scope the token lacks.", example: "runs:write" }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details: every error of the API." });

const page = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      total: z.number().int().meta({ description: "How many items match, over all pages." }),
      limit: z.number().int(),
      offset: z.number().int(),
    })
    .meta({ id });

// ------------------------------------------------------------------------------------------------------ SOPs

export const listSopsQuery = z.object({
  department: z
    .string()
    .max(100, "department: at most 100 characters.")
    .optional()
    .meta({ description: "A department's name, slug or id.", example: "billing" }),
  tag: z.string().max(100, "tag: at most 100 characters.").optional().meta({ example: "refund" }),
  limit: limitParam,
  offset: offsetParam,
});

export const SopSummary = z
  .object({
    id: z.string().meta({ example: "billing-dispute-card-charge" }),
    title: z.string().meta({ example: "Dispute a card charge" }),
    department: z.string().meta({ example: "Billing" }),
    version: z.number().int().meta({ description: "The published version's number.", example: 3 }),
    purpose: z.string().nullable(),
    tags: z.array(z.string()),
    language: z.string().meta({ description: "The SOP's language (BCP 47).", example: "en" }),
    steps: z.number().int(),
    publishedAt: z.string().nullable().meta({ description: "ISO date-time.", example: "2026-02-11T09:30:00.000Z" }),
  })
  .meta({ id: "SopSummary" });

export const SopDetail = SopSummary.extend({
  versionId: z.number().int(),
  hash: z.string().meta({ description: "The version's content hash." }),
  source: z.string().meta({ description: "The MDX source of the published version." }),
  document: z
    .record(z.string(), z.unknown())
    .meta({ description: "The parsed document: meta, steps, fields, flows (sop-schema)." }),
}).meta({ id: "SopDetail" });

export const searchQuery = z.object({
  q: z.string().max(200, "q: 200 characters at most.").default("").meta({ example: "refund card" }),
  department: z.string().max(100).optional().meta({ description: "A department slug or id.", example: "billing" }),
  tag: z.string().max(100).optional(),
  limit: z.coerce
    .number({ error: "limit must be a whole number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be 1 to 50.")
    .max(50, "limit must be 1 to 50.")
    .default(20)
    .meta({ description: "How many results (1–50)." }),
  offset: offsetParam,
});

export const SearchResults = z
  .object({
    total: z.number().int(),
    results: z.array(
      z.object({ sopId: z.string(), title: z.string() }).catchall(z.unknown()).meta({ id: "SearchHit" }),
    ),
  })
  .meta({ id: "SearchResults" });

// ------------------------------------------------------------------------------------------------------ runs

export const startRunBody = z
  .object({
    sopId: sopIdParam,
    agent: z
      .email("agent: an agent's e-mail address.")
      .max(254)
      .optional()
      .meta({ description: "The agent the run is for (required with a token; a session runs as itself)." }),
    externalRef: z
      .string()
      .trim()
      .min(1, "externalRef: leave it out rather than empty.")
      .max(120, "externalRef: at most 120 characters.")
      .optional()
      .meta({ description: "Your reference for the call (a ticket id): the agent's active run for it resumes." }),
    fields: z
      .record(
        z.string().max(100, "fields: a field name is at most 100 characters."),
        z.string().max(5000, "fields: a value is at most 5,000 characters."),
      )
      .refine((f) => Object.keys(f).length <= 100, "fields: at most 100 values.")
      .optional()
      .meta({ description: "Values to prefill, by the SOP's `<Field name>`." }),
    channel: z.enum(CHANNELS, { error: `channel: one of ${CHANNELS.join(", ")}.` }).optional(),
    customerRef: z.string().trim().max(120, "customerRef: at most 120 characters.").optional(),
  })
  .strict()
  .meta({
    id: "StartRun",
    example: {
      sopId: "billing-dispute-card-charge",
      agent: "agent@stepwise.example",
      externalRef: "T-1001",
      fields: { customer_name: "Dana Reyes" },
      channel: "phone",
    },
  });

export const StartedRun = z
  .object({
    id: z.string().meta({ description: "The run's id." }),
    resumed: z.boolean().meta({ description: "True when the agent's active run for this ticket was resumed." }),
    filled: z.array(z.string()).meta({ description: "Field names filled from `fields`." }),
    ignored: z.array(z.string()).meta({ description: "Names in `fields` the SOP has no field for." }),
    invalid: z
      .array(z.object({ name: z.string(), reason: z.string() }))
      .meta({ description: "Values the field refused; the agent fills them in." }),
    url: z.string().meta({ description: "The run in the app." }),
  })
  .meta({ id: "StartedRun" });

export const listRunsQuery = z.object({
  externalRef: z.string().max(120).optional().meta({ example: "T-1001" }),
  agent: z.email("agent: an e-mail address.").optional().meta({ description: "The agent's e-mail." }),
  sopId: z.string().max(120).optional(),
  status: z.enum(RUN_STATUSES, { error: `status: one of ${RUN_STATUSES.join(", ")}.` }).optional(),
  from: dateParam("from").optional(),
  to: dateParam("to").optional(),
  limit: limitParam,
  offset: offsetParam,
});

export const RunSummary = z
  .object({
    id: z.string(),
    sopId: z.string(),
    sopTitle: z.string(),
    version: z.number().int(),
    agent: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    status: z.enum(RUN_STATUSES),
    outcome: z.string().nullable(),
    channel: z.string().nullable(),
    customerRef: z.string().nullable(),
    externalRef: z.string().nullable(),
    integrationId: z.string().nullable(),
    followUpDue: z.string().nullable(),
    startedAt: z.string().meta({ description: "ISO date-time." }),
    completedAt: z.string().nullable(),
    eventCount: z.number().int(),
  })
  .meta({ id: "RunSummary" });

export const RunDetail = z
  .object({
    run: RunSummary,
    state: z.record(z.string(), z.unknown()).meta({ description: "The reduced run state (sensitive values masked)." }),
    events: z.array(z.record(z.string(), z.unknown())).meta({ description: "The run's events, oldest first." }),
  })
  .meta({ id: "RunDetail" });

export const runPath = idPath("runId", "The run's id.", "0b6f2d0e-8a0c-4a8e-9b61-2f5f0c1e9a77");

const eventExample = {
  events: [
    {
      id: "5b0c1f0e-3d2a-4c59-9f3e-1a2b3c4d5e6f",
      at: 1767225600000,
      type: "field.captured",
      name: "customer_name",
      value: "Dana Reyes",
    },
  ],
};

/** The batch's outer shape; each event is checked by the run engine (runbook eventBatchSchema) when appended. */
export const eventBatchBody = z
  .object({
    events: z
      .array(
        z
          .object({
            id: z.uuid("id: a UUID the client makes (retries send the same one)."),
            at: z.number().int().meta({ description: "When it happened, ms since the epoch." }),
            type: z.string().meta({ example: "step.checked" }),
          })
          .catchall(z.unknown())
          .meta({ id: "RunEvent", description: "One run event; its other fields depend on `type`." }),
      )
      .min(1, "events: send at least one event.")
      .max(200, "events: at most 200 events a batch."),
  })
  .meta({ id: "EventBatch", example: eventExample });

export const AppendedEvents = z
  .object({
    accepted: z.number().int().meta({ description: "Events stored by this batch." }),
    duplicates: z.number().int().meta({ description: "Events already stored (a retry): accepted again as no-ops." }),
    eventCount: z.number().int(),
  })
  .meta({ id: "AppendedEvents" });

export const WrapUpNote = z
  .object({
    runId: z.string(),
    language: z.string().meta({ description: "The SOP's language: the note is written in it." }),
    final: z.boolean().meta({ description: "True once the agent wrapped up; otherwise the note as it reads now." }),
    text: z.string(),
  })
  .meta({ id: "WrapUpNote" });

// ------------------------------------------------------------------------------------------------- follow-ups

export const listFollowUpsQuery = z.object({
  agent: z.email("agent: an e-mail address.").optional().meta({ description: "The agent's e-mail." }),
  dueBefore: dateParam("dueBefore").optional(),
  dueAfter: dateParam("dueAfter").optional(),
  limit: limitParam,
  offset: offsetParam,
});

const day = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what}: a date such as 2026-03-31.`)
    .meta({ description: `${what} (a day, in \`timeZone\`).`, example: "2026-03-01" });

export const analyticsOverviewQuery = z.object({
  from: day("from").optional(),
  to: day("to").optional(),
  department: z
    .string()
    .regex(/^\d+$/, "department: a department id.")
    .optional()
    .meta({ description: "Only this department's SOPs (its id)." }),
  sop: z.string().max(120).optional().meta({ description: "Only this SOP (its id)." }),
  timeZone: z
    .string()
    .max(64)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "timeZone: an IANA time zone such as Europe/Berlin.")
    .optional()
    .meta({ description: "Where days start and end (default UTC).", example: "Europe/Berlin" }),
});

export const AnalyticsOverview = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
    figures: z.record(z.string(), z.unknown()).meta({ description: "Runs, completion, handle time, escalations…" }),
    trends: z.record(z.string(), z.unknown()).meta({ description: "Each figure against the period before." }),
    sops: z.array(z.record(z.string(), z.unknown())).meta({ description: "Each SOP's figures, busiest first." }),
    daily: z.object({ buckets: z.array(z.unknown()), total: z.array(z.number()) }),
  })
  .meta({ id: "AnalyticsOverview" });

export const FollowUp = z
  .object({
    runId: z.string(),
    sopId: z.string(),
    sopTitle: z.string(),
    agent: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    due: z.string().meta({ description: "A date (2026-03-31) or a date-time with offset.", example: "2026-03-31" }),
    customerRef: z.string().nullable(),
    externalRef: z.string().nullable(),
    startedAt: z.string(),
  })
  .meta({ id: "FollowUp" });

// ------------------------------------------------------------------------------------------------------ users

export const listUsersQuery = z.object({
  email: z.string().max(254).optional().meta({ description: "Exact e-mail address." }),
  role: z.enum(ROLES, { error: `role: one of ${ROLES.join(", ")}.` }).optional(),
  active: z
    .enum(["true", "false"], { error: "active: true or false." })
    .optional()
    .meta({ description: "Only active (true) or deactivated (false) accounts." }),
  limit: limitParam,
  offset: offsetParam,
});

const departmentRef = z
  .union([z.number().int().positive(), z.string().trim().min(1).max(100)], {
    error: "department: a department's id or name.",
  })
  .nullable()
  .meta({ description: "The department's id or name; null for none.", example: "Billing" });

export const createUserBody = z
  .object({
    email: z.email("email: an e-mail address.").max(254, "email: at most 254 characters."),
    name: z.string().trim().min(1, "name: give the person's name.").max(120, "name: at most 120 characters."),
    role: z.enum(ROLES, { error: `role: one of ${ROLES.join(", ")}.` }),
    department: departmentRef.optional(),
  })
  .strict()
  .meta({
    id: "CreateUser",
    example: { email: "new.agent@stepwise.example", name: "Noor Haddad", role: "agent", department: "Billing" },
  });

export const updateUserBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "name: give the person's name.")
      .max(120, "name: at most 120 characters.")
      .optional(),
    role: z.enum(ROLES, { error: `role: one of ${ROLES.join(", ")}.` }).optional(),
    department: departmentRef.optional(),
    active: z.boolean({ error: "active: true or false." }).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Send at least one of name, role, department, active.")
  .meta({ id: "UpdateUser", example: { role: "lead", active: false } });

export const userPath = idPath("userId", "The user's id.", "5f1d8f4e-1c3b-4f7a-8e2d-6a9b0c1d2e3f");

export const ApiUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    active: z.boolean(),
  })
  .meta({ id: "User" });

export const CreatedUser = ApiUser.extend({
  passwordSet: z.literal(false).meta({
    description: "Provisioned accounts have no usable password: the person sets one through a reset by an admin.",
  }),
}).meta({ id: "CreatedUser" });

// ----------------------------------------------------------------------------------- the app's session routes

const appStartRunBody = z
  .object({
    sopId: z.string().optional(),
    versionId: z.number().int().optional(),
    customerRef: z.string().max(120).optional(),
    channel: z.enum(CHANNELS).optional(),
  })
  .meta({ id: "AppStartRun", example: { sopId: "billing-dispute-card-charge", channel: "phone" } });

const appError = z.object({ error: z.string() }).catchall(z.unknown()).meta({ id: "AppError" });

// --------------------------------------------------------------------------------------------- the operations

export type ApiResponse = { description: string; schema?: z.ZodType; problem?: boolean };

export type ApiOperation = {
  operationId: string;
  method: "get" | "post" | "patch";
  /** OpenAPI form: `/api/v1/runs/{runId}` */
  path: string;
  tag: "SOPs" | "Runs" | "Follow-ups" | "Analytics" | "Users" | "App (session)" | "Meta";
  summary: string;
  description?: string;
  /** the scope a token needs (a session's role needs its permission, integrations/api-scope.ts); null: none */
  scope: Scope | null;
  /** for the app's own session endpoints without a scope: the role permission they check */
  permission?: string;
  /** who may call: a token or a session, only a session (the app's own endpoints), or anyone */
  auth: "token-or-session" | "session" | "public";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<string, ApiResponse>;
};

const problems = (...codes: number[]): Record<string, ApiResponse> => {
  const text: Record<number, string> = {
    400: "Bad input: `field` names what was wrong.",
    401: "No credentials, or a token that is unknown, expired or revoked.",
    403: "The token lacks the scope (named in `scope`), or the role may not do this.",
    404: "Not found.",
    409: "Conflicts with the current state.",
    429: "Rate limit: wait `Retry-After` seconds.",
  };
  return Object.fromEntries(codes.map((c) => [String(c), { description: text[c]!, schema: Problem, problem: true }]));
};

const common = [400, 401, 403, 429];

export const OPERATIONS = {
  listSops: {
    operationId: "listSops",
    method: "get",
    path: "/api/v1/sops",
    tag: "SOPs",
    summary: "List published SOPs",
    description: "Published, non-archived SOPs, by department then title.",
    scope: "sops:read",
    auth: "token-or-session",
    query: listSopsQuery,
    responses: {
      "200": { description: "A page of SOPs.", schema: page(SopSummary, "SopPage") },
      ...problems(...common),
    },
  },
  getSop: {
    operationId: "getSop",
    method: "get",
    path: "/api/v1/sops/{sopId}",
    tag: "SOPs",
    summary: "Read a published SOP",
    description: "Its meta, the parsed document, the MDX source, the version number and when it was published.",
    scope: "sops:read",
    auth: "token-or-session",
    params: z.object({ sopId: sopIdParam }),
    responses: { "200": { description: "The SOP.", schema: SopDetail }, ...problems(...common, 404) },
  },
  searchSops: {
    operationId: "searchSops",
    method: "get",
    path: "/api/v1/search",
    tag: "SOPs",
    summary: "Search published SOPs",
    description: "Full-text search over titles, tags, purposes and bodies of published SOPs.",
    scope: "sops:read",
    auth: "token-or-session",
    query: searchQuery,
    responses: { "200": { description: "Ranked results.", schema: SearchResults }, ...problems(...common) },
  },
  startRun: {
    operationId: "startRun",
    method: "post",
    path: "/api/v1/runs",
    tag: "Runs",
    summary: "Start (or resume) a run for a ticket",
    description:
      "Starts the SOP's published version for the agent. With `externalRef`, the agent's active run of this SOP for " +
      "that reference is resumed instead (200). `fields` prefill the SOP's fields; the answer says which were " +
      "filled, ignored (unknown names) or invalid.",
    scope: "runs:write",
    auth: "token-or-session",
    body: startRunBody,
    responses: {
      "201": { description: "Started; `Location` is the run's API URL.", schema: StartedRun },
      "200": { description: "Resumed the agent's active run for this ticket.", schema: StartedRun },
      ...problems(...common, 404, 409),
    },
  },
  listRuns: {
    operationId: "listRuns",
    method: "get",
    path: "/api/v1/runs",
    tag: "Runs",
    summary: "List runs",
    description: "Live runs (not practice), newest first. A session caller sees the runs their role may see.",
    scope: "runs:read",
    auth: "token-or-session",
    query: listRunsQuery,
    responses: {
      "200": { description: "A page of runs.", schema: page(RunSummary, "RunPage") },
      ...problems(...common),
    },
  },
  getRun: {
    operationId: "getRun",
    method: "get",
    path: "/api/v1/runs/{runId}",
    tag: "Runs",
    summary: "Read a run",
    description: "The run, its state and its events. Sensitive values are masked for anyone but the run's agent.",
    scope: "runs:read",
    auth: "token-or-session",
    params: runPath,
    responses: { "200": { description: "The run.", schema: RunDetail }, ...problems(...common, 404) },
  },
  appendRunEvents: {
    operationId: "appendRunEvents",
    method: "post",
    path: "/api/v1/runs/{runId}/events",
    tag: "Runs",
    summary: "Append events to a run",
    description:
      "The same batches as the run screen sends. Idempotent by event id: a retry is accepted as a no-op. One bad " +
      "event refuses the batch. A token may only write runs its own integration started, acting as the run's agent.",
    scope: "runs:write",
    auth: "token-or-session",
    params: runPath,
    body: eventBatchBody,
    responses: { "200": { description: "Stored.", schema: AppendedEvents }, ...problems(...common, 404, 409) },
  },
  getRunNote: {
    operationId: "getRunNote",
    method: "get",
    path: "/api/v1/runs/{runId}/note",
    tag: "Runs",
    summary: "Read a run's wrap-up note",
    description:
      "The note the run screen's wrap-up produces, in the SOP's language: the agent's final note once wrapped up. " +
      "Sensitive values are masked for anyone but the run's agent.",
    scope: "runs:read",
    auth: "token-or-session",
    params: runPath,
    responses: { "200": { description: "The note.", schema: WrapUpNote }, ...problems(...common, 404) },
  },
  getAnalyticsOverview: {
    operationId: "getAnalyticsOverview",
    method: "get",
    path: "/api/v1/analytics/overview",
    tag: "Analytics",
    summary: "The dashboard's figures for a period",
    description:
      "What Analytics shows: the period's live calls (practice runs never count) — runs, completion, handle time, " +
      "escalations, follow-ups — with their trend against the period before, each SOP's figures and runs per day. " +
      "A token sees every department; a signed-in lead sees their own.",
    scope: "analytics:read",
    auth: "token-or-session",
    query: analyticsOverviewQuery,
    responses: {
      "200": { description: "The overview.", schema: AnalyticsOverview },
      ...problems(...common),
    },
  },
  listFollowUps: {
    operationId: "listFollowUps",
    method: "get",
    path: "/api/v1/follow-ups",
    tag: "Follow-ups",
    summary: "List open follow-ups",
    description: "Open follow-ups of live runs, soonest due first.",
    scope: "runs:read",
    auth: "token-or-session",
    query: listFollowUpsQuery,
    responses: {
      "200": { description: "A page of follow-ups.", schema: page(FollowUp, "FollowUpPage") },
      ...problems(...common),
    },
  },
  listUsers: {
    operationId: "listUsers",
    method: "get",
    path: "/api/v1/users",
    tag: "Users",
    summary: "List users",
    scope: "users:write",
    auth: "token-or-session",
    query: listUsersQuery,
    responses: {
      "200": { description: "A page of users.", schema: page(ApiUser, "UserPage") },
      ...problems(...common),
    },
  },
  createUser: {
    operationId: "createUser",
    method: "post",
    path: "/api/v1/users",
    tag: "Users",
    summary: "Provision a user",
    description:
      "Creates the account without a password (it cannot sign in until an admin sets one). The audit log records " +
      "that it came through the integration.",
    scope: "users:write",
    auth: "token-or-session",
    body: createUserBody,
    responses: {
      "201": { description: "Created; `Location` is the user's API URL.", schema: CreatedUser },
      ...problems(...common, 409),
    },
  },
  getUser: {
    operationId: "getUser",
    method: "get",
    path: "/api/v1/users/{userId}",
    tag: "Users",
    summary: "Get a user",
    scope: "users:write",
    auth: "token-or-session",
    params: userPath,
    responses: { "200": { description: "The user.", schema: ApiUser }, ...problems(...common, 404) },
  },
  updateUser: {
    operationId: "updateUser",
    method: "patch",
    path: "/api/v1/users/{userId}",
    tag: "Users",
    summary: "Change or deactivate a user",
    description: "Role, name, department; `active: false` deactivates the account and signs it out everywhere.",
    scope: "users:write",
    auth: "token-or-session",
    params: userPath,
    body: updateUserBody,
    responses: { "200": { description: "The user as it is now.", schema: ApiUser }, ...problems(...common, 404) },
  },
  openapi: {
    operationId: "getOpenApi",
    method: "get",
    path: "/api/openapi.json",
    tag: "Meta",
    summary: "This OpenAPI document",
    scope: null,
    auth: "public",
    responses: { "200": { description: "The OpenAPI 3.1 document." } },
  },
  appStartRun: {
    operationId: "appStartRun",
    method: "post",
    path: "/api/runs",
    tag: "App (session)",
    summary: "Start a run (the app's own endpoint)",
    description: "Used by the app's pages; prefer `POST /api/v1/runs` from integrations. Answers `{ id, state }`.",
    scope: "runs:write",
    auth: "session",
    body: appStartRunBody,
    responses: {
      "201": { description: "Started." },
      "400": { description: "Bad input.", schema: appError },
      "401": { description: "No session.", schema: appError },
    },
  },
  appGetRun: {
    operationId: "appGetRun",
    method: "get",
    path: "/api/runs/{runId}",
    tag: "App (session)",
    summary: "Read a run (the app's own endpoint)",
    description: "The run screen's read; the embedded runbook's session is accepted too.",
    scope: "runs:read",
    auth: "session",
    params: runPath,
    responses: { "200": { description: "The run." }, "404": { description: "Not found.", schema: appError } },
  },
  appAppendEvents: {
    operationId: "appAppendEvents",
    method: "post",
    path: "/api/runs/{runId}/events",
    tag: "App (session)",
    summary: "Append run events (the app's own endpoint)",
    description: "The run screen's writes (the ingest fast path); `?state=1` adds the state to the answer.",
    scope: "runs:write",
    auth: "session",
    params: runPath,
    body: eventBatchBody,
    responses: {
      "200": { description: "Stored.", schema: AppendedEvents },
      "400": { description: "Refused.", schema: appError },
    },
  },
  appSearch: {
    operationId: "appSearch",
    method: "get",
    path: "/api/search",
    tag: "App (session)",
    summary: "Search SOPs (the app's own endpoint)",
    description: "Authors may also search drafts (`status`).",
    scope: "sops:read",
    auth: "session",
    query: searchQuery,
    responses: { "200": { description: "Results.", schema: SearchResults } },
  },
  appImport: {
    operationId: "appImport",
    method: "post",
    path: "/api/import",
    tag: "App (session)",
    summary: "Import SOP sources (the app's own endpoint)",
    description: "The editor's import (a zip or MDX files, multipart); authors only. Not for integrations.",
    scope: null,
    permission: "edit:sop",
    auth: "session",
    responses: { "200": { description: "The import report." }, "400": { description: "Refused.", schema: appError } },
  },
} as const satisfies Record<string, ApiOperation>;

export type OperationId = keyof typeof OPERATIONS;
