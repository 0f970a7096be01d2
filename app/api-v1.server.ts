// The versioned REST API's glue (issue 12): caller → scope → parse → call → problem+json. Each `app/routes/api.v1.*`
// route is one `v1(op, args, handler)` call; the operation (integrations/api-schemas.ts) gives the scope and the
// schemas, which also make the OpenAPI document. The handlers below are the API's logic, each a plain function of
// the caller and the parsed input so they can be tested and reused (the lead puts `appendV1Events` on the ingest
// fast path).
import type { z } from "zod";
import { getDb, type Db } from "../db/client.server";
import {
  getRunOwner,
  getRunSummary,
  listOpenFollowUpSummaries,
  listRunSummaries,
  type RunScope,
  type RunSummary,
} from "../db/run-summaries.server";
import { getRunHead } from "../db/runs.server";
import { readSearchParams, searchSops } from "../db/search.server";
import { findDepartmentByRef, getPublishedSop, listPublishedSops } from "../db/sops.server";
import {
  createUser,
  findUserByEmail,
  getUser,
  getUserSummary,
  normaliseEmail,
  queryUsers,
  updateUser,
  UserError,
  type AuditOrigin,
} from "../db/users.server";
import { getVersionSource } from "../db/versions.server";
import { Refusal } from "../db/refusal";
import { OPERATIONS, type ApiOperation, type OperationId } from "../integrations/api-schemas";
import { sessionMayUse } from "../integrations/api-scope";
import { randomSecret } from "../integrations/token";
import { buildWrapUp } from "../runbook/derive";
import type { RunState } from "../runbook/state";
import { can } from "./auth/permissions";
import { requireApiCaller, type ApiCaller } from "./auth/api-auth.server";
import type { SessionUser } from "./auth/session.server";
import { problemOf, problemResponse } from "./http-errors.server";
import { startOrResumeTicketRun } from "./integration-runs.server";
import { maskSensitive, shareableWrapUp } from "./lib/sensitive";
import { appendEvents, runPayload, versionDocument } from "./runs.server";
import { analyticsOverview, parseAnalyticsFilters } from "./analytics.server";

/** A refusal of the API's own (bad input, a run the token may not write). */
export class ApiError extends Refusal {}

type Parsed<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
export type V1Input<K extends OperationId> = {
  db: Db;
  caller: ApiCaller;
  request: Request;
  params: Parsed<(typeof OPERATIONS)[K] extends { params: infer P } ? P : undefined>;
  query: Parsed<(typeof OPERATIONS)[K] extends { query: infer Q } ? Q : undefined>;
  body: Parsed<(typeof OPERATIONS)[K] extends { body: infer B } ? B : undefined>;
};

type RouteArgs = { request: Request; params: Record<string, string | undefined>; context?: unknown };

/** The first issue of a failed parse as a 400 naming the field (`events.2.id`). */
function badInput(issues: readonly z.core.$ZodIssue[], where: "query" | "path" | "body"): Response {
  const issue = issues[0]!;
  const field = issue.path.map(String).join(".");
  const detail = issue.message.includes(":") || !field ? issue.message : `${field}: ${issue.message}`;
  return problemResponse(where === "path" ? 404 : 400, detail, field ? { field } : {});
}

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (v !== "") out[k] = v;
  return out;
}

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type))
    return { ok: false, response: problemResponse(415, "Send the body as JSON (Content-Type: application/json).") };
  const text = await request.text();
  try {
    return { ok: true, value: text.trim() === "" ? {} : JSON.parse(text) };
  } catch {
    return { ok: false, response: problemResponse(400, "The request body is not valid JSON.", { field: "body" }) };
  }
}

/** Who may call with a session: the scope's equivalent permission (integrations/api-scope.ts). */
function checkSession(caller: ApiCaller, op: ApiOperation): void {
  if (caller.kind === "session" && op.scope && !sessionMayUse(caller.user.role, op.scope))
    throw problemResponse(403, `Your role cannot use this endpoint (it needs the scope \`${op.scope}\`).`, {
      extra: { scope: op.scope },
    });
}

/**
 * Runs one v1 operation: the method, the caller and its scope, then the path, query and body through the
 * operation's schemas; the handler's refusals become problem+json. Anything else is a bug (a logged 500).
 */
export async function v1<K extends OperationId>(
  id: K,
  args: RouteArgs,
  handler: (input: V1Input<K>) => Response | Promise<Response>,
): Promise<Response> {
  const op: ApiOperation = OPERATIONS[id];
  const { request } = args;
  try {
    if (request.method.toLowerCase() !== op.method) {
      const allow = Object.values(OPERATIONS as Record<string, ApiOperation>)
        .filter((o) => o.path === op.path)
        .map((o) => o.method.toUpperCase())
        .join(", ");
      return problemResponse(405, `Use ${allow} on this URL.`, { headers: { Allow: allow } });
    }
    const clientIp = (args.context as { clientIp?: string } | undefined)?.clientIp ?? "";
    const caller = await requireApiCaller(request, op.scope!, clientIp);
    checkSession(caller, op);
    const params = op.params ? op.params.safeParse(args.params) : { success: true as const, data: {} };
    if (!params.success) return badInput(params.error.issues, "path");
    const query = op.query
      ? op.query.safeParse(queryObject(new URL(request.url)))
      : { success: true as const, data: {} };
    if (!query.success) return badInput(query.error.issues, "query");
    let body: unknown = {};
    if (op.body) {
      const read = await readJson(request);
      if (!read.ok) return read.response;
      const parsed = op.body.safeParse(read.value);
      if (!parsed.success) return badInput(parsed.error.issues, "body");
      body = parsed.data;
    }
    return await handler({
      db: getDb(),
      caller,
      request,
      params: params.data,
      query: query.data,
      body,
    } as V1Input<K>);
  } catch (e) {
    return problemOf(e);
  }
}

const json = (value: unknown, init: ResponseInit = {}) =>
  Response.json(value, { ...init, headers: { "Cache-Control": "no-store", ...init.headers } });

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

// ------------------------------------------------------------------------------------------------------- SOPs

async function resolveDepartment(db: Db, ref: string | number, field: string): Promise<{ id: number; name: string }> {
  const found = await findDepartmentByRef(db, ref);
  if (!found) throw new ApiError(400, `There is no department “${String(ref).trim()}”.`, { field });
  return found;
}

export async function listSopsV1({ db, query }: V1Input<"listSops">): Promise<Response> {
  const departmentId = query.department ? (await resolveDepartment(db, query.department, "department")).id : undefined;
  const tag = query.tag?.toLocaleLowerCase();
  const all = (await listPublishedSops(db, { departmentId })).filter(
    (s) => !tag || s.tags.some((t) => t.toLocaleLowerCase() === tag),
  );
  const items = all.slice(query.offset, query.offset + query.limit).map((s) => ({
    id: s.id,
    title: s.title,
    department: s.departmentName,
    version: s.version,
    purpose: s.purpose ?? null,
    tags: s.tags,
    language: s.language,
    steps: s.steps,
    publishedAt: iso(s.publishedAt),
  }));
  return json({ items, total: all.length, limit: query.limit, offset: query.offset });
}

export async function getSopV1({ db, params }: V1Input<"getSop">): Promise<Response> {
  const sop = await getPublishedSop(db, params.sopId);
  if (!sop) throw new ApiError(404, `There is no published SOP “${params.sopId}”.`, { field: "sopId" });
  const source = (await getVersionSource(db, sop.versionId)) ?? "";
  const doc = sop.document;
  return json({
    id: sop.id,
    title: sop.title,
    department: sop.departmentName,
    version: sop.version,
    versionId: sop.versionId,
    hash: sop.hash,
    purpose: doc.meta.purpose ?? null,
    tags: doc.meta.tags ?? [],
    language: doc.meta.language ?? "en",
    steps: doc.steps.length,
    publishedAt: iso(sop.publishedAt),
    source,
    document: doc,
  });
}

export async function searchV1({ db, caller, request }: V1Input<"searchSops">): Promise<Response> {
  // tokens search as an agent does (published versions only); a session keeps its role's audience
  const audience = caller.kind === "session" && can(caller.user.role, "edit:sop") ? "author" : "agent";
  const params = new URL(request.url).searchParams;
  params.delete("status");
  const read = await readSearchParams(db, params, audience);
  if (!read.ok) return problemResponse(400, read.error, { field: fieldOfSearchError(read.error) });
  const found = await searchSops(db, { ...read.search.options, status: "published" });
  if (found.error) return problemResponse(400, found.error, { field: "q" });
  return json({ total: found.total, results: found.results });
}

function fieldOfSearchError(message: string): string {
  for (const f of ["limit", "offset", "tag", "department"]) if (message.toLowerCase().includes(f)) return f;
  return "q";
}

// ------------------------------------------------------------------------------------------------------- runs

async function agentByEmail(db: Db, email: string, field: string): Promise<SessionUser> {
  const row = await findUserByEmail(db, email);
  if (!row || !row.active) throw new ApiError(400, `There is no active user ${normaliseEmail(email)}.`, { field });
  return { id: row.id, email: row.email, name: row.name, role: row.role, departmentId: row.departmentId };
}

async function agentById(db: Db, id: string): Promise<SessionUser> {
  const row = await getUser(db, id);
  if (!row) throw new ApiError(404, "The run's agent no longer exists.");
  return { id: row.id, email: row.email, name: row.name, role: row.role, departmentId: row.departmentId };
}

export async function startRunV1({ db, caller, body }: V1Input<"startRun">): Promise<Response> {
  let agent: SessionUser;
  let integrationId: string | null = null;
  if (caller.kind === "token") {
    if (!body.agent) throw new ApiError(400, "agent: give the e-mail of the agent the run is for.", { field: "agent" });
    agent = await agentByEmail(db, body.agent, "agent");
    integrationId = caller.token.integrationId;
  } else {
    if (body.agent && normaliseEmail(body.agent) !== caller.user.email)
      throw new ApiError(403, "agent: a signed-in person starts runs as themselves.", { field: "agent" });
    agent = caller.user;
  }
  const fields = body.fields ?? {};
  let result: Awaited<ReturnType<typeof startOrResumeTicketRun>>;
  try {
    result = await startOrResumeTicketRun(db, agent, {
      integrationId: integrationId ?? "",
      sopId: body.sopId,
      externalRef: integrationId ? (body.externalRef ?? null) : null,
      fields,
      channel: body.channel,
      customerRef: body.customerRef,
    });
  } catch (e) {
    if (e instanceof Refusal && e.status === 404 && !e.field) throw new ApiError(404, e.message, { field: "sopId" });
    throw e;
  }
  const answer = {
    id: result.runId,
    resumed: result.resumed,
    filled: result.filled,
    ignored: result.ignored,
    invalid: result.invalid,
    url: `/runs/${result.runId}`,
  };
  return json(answer, {
    status: result.resumed ? 200 : 201,
    headers: result.resumed ? {} : { Location: `/api/v1/runs/${result.runId}` },
  });
}

function runSummaryOf(r: RunSummary) {
  return {
    id: r.id,
    sopId: r.sopId,
    sopTitle: r.sopTitle,
    version: r.version,
    agent: { id: r.agentId, email: r.agentEmail, name: r.agentName },
    status: r.status,
    outcome: r.outcome ?? null,
    channel: r.channel ?? null,
    customerRef: r.customerRef ?? null,
    externalRef: r.externalRef ?? null,
    integrationId: r.integrationId ?? null,
    followUpDue: r.followUpDue ?? null,
    startedAt: iso(r.startedAt)!,
    completedAt: iso(r.completedAt),
    eventCount: r.eventCount,
  };
}

/** Whose runs a caller may list: a token all live runs; a session its role's (policy decideRun's read rule). */
function visibleRuns(caller: ApiCaller): RunScope {
  if (caller.kind === "token" || caller.user.role === "admin") return { all: true };
  if (caller.user.role === "lead" && caller.user.departmentId != null)
    return { agentId: caller.user.id, departmentId: caller.user.departmentId };
  return { agentId: caller.user.id };
}

function dateBound(text: string, end: boolean): number {
  const ms = Date.parse(/T/.test(text) ? text : `${text}T00:00:00Z`);
  return end && !/T/.test(text) ? ms + 86_400_000 : ms; // a date `to` includes its whole day
}

export async function listRunsV1({ db, caller, query }: V1Input<"listRuns">): Promise<Response> {
  if (query.from && query.to && dateBound(query.from, false) >= dateBound(query.to, true))
    throw new ApiError(400, "from: must be before `to`.", { field: "from" });
  const { items, total } = await listRunSummaries(
    db,
    {
      scope: visibleRuns(caller),
      externalRef: query.externalRef,
      agentEmail: query.agent,
      sopId: query.sopId,
      status: query.status,
      startedFrom: query.from ? dateBound(query.from, false) : undefined,
      startedBefore: query.to ? dateBound(query.to, true) : undefined,
    },
    { limit: query.limit, offset: query.offset },
  );
  return json({ items: items.map(runSummaryOf), total, limit: query.limit, offset: query.offset });
}

/**
 * The run as the caller may read it. A token reads through the run's agent (so the policy's rules apply) and is
 * never the agent: sensitive values are always masked for it.
 */
async function readableRun(db: Db, caller: ApiCaller, runId: string) {
  let reader: SessionUser;
  if (caller.kind === "token") {
    const head = await getRunHead(db, runId);
    if (!head) throw new ApiError(404, "There is no run with this id.", { field: "runId" });
    reader = await agentById(db, head.agentId);
  } else reader = caller.user;
  const payload = await runPayload(db, reader, runId);
  if (payload.run.practice) throw new ApiError(404, "There is no run with this id.", { field: "runId" });
  const viewerId = caller.kind === "token" ? `token:${caller.token.tokenId}` : caller.user.id;
  return { ...payload, viewerId };
}

async function runRow(db: Db, runId: string): Promise<RunSummary> {
  const row = await getRunSummary(db, runId);
  if (!row) throw new ApiError(404, "There is no run with this id.", { field: "runId" });
  return row;
}

export async function getRunV1({ db, caller, params }: V1Input<"getRun">): Promise<Response> {
  const { run, events, state, document, viewerId } = await readableRun(db, caller, params.runId);
  const masked = maskSensitive(document, { state, events }, { viewerId, agentId: run.agentId });
  return json({ run: runSummaryOf(await runRow(db, params.runId)), state: masked.state, events: masked.events });
}

/**
 * POST /api/v1/runs/:runId/events, as one function (the ingest fast path calls it with a parsed body): a token may
 * write only the runs its own integration started, and writes as the run's agent; a session writes as itself
 * (only the run's agent may). Same batches and idempotence as `/api/runs/:id/events` (`appendEvents`).
 */
export async function appendV1Events(db: Db, caller: ApiCaller, runId: string, body: unknown) {
  let writer: SessionUser;
  if (caller.kind === "token") {
    const head = await getRunOwner(db, runId);
    if (!head) throw new ApiError(404, "There is no run with this id.", { field: "runId" });
    if (head.integrationId !== caller.token.integrationId)
      throw new ApiError(403, "This token may only write runs its own integration started.", { field: "runId" });
    writer = await agentById(db, head.agentId);
  } else writer = caller.user;
  const { accepted, duplicates, eventCount } = await appendEvents(db, writer, runId, body);
  return { accepted, duplicates, eventCount };
}

export async function appendEventsV1({ db, caller, params, body }: V1Input<"appendRunEvents">): Promise<Response> {
  try {
    return json(await appendV1Events(db, caller, params.runId, body));
  } catch (e) {
    // the engine names the event at fault by its index: as a field
    if (e instanceof Refusal && !e.field && typeof e.details?.index === "number" && e.details.index >= 0)
      throw new ApiError(e.status, e.message, { field: `events.${e.details.index}`, details: e.details });
    throw e;
  }
}

export async function getRunNoteV1({ db, caller, params }: V1Input<"getRunNote">): Promise<Response> {
  const { run, state, document, viewerId } = await readableRun(db, caller, params.runId);
  const doc = versionDocument(db, run.versionId) ?? document;
  const s = state as RunState;
  const lang = doc.meta.language || "en";
  const version = (await runRow(db, params.runId)).version;
  // the agent's own note once wrapped up; before, the note as the wrap-up panel would suggest it now
  const text = s.outcome?.wrapUp
    ? s.outcome.wrapUp
    : buildWrapUp(doc, s, { versionNumber: version, lang, now: s.completedAt ?? Date.now() });
  const shown = viewerId === run.agentId ? text : shareableWrapUp(doc, text, s.fields);
  return json({ runId: params.runId, language: lang, final: Boolean(s.outcome), text: shown });
}

// ------------------------------------------------------------------------------------------------- follow-ups

export async function listFollowUpsV1({ db, caller, query }: V1Input<"listFollowUps">): Promise<Response> {
  const { items, total } = await listOpenFollowUpSummaries(
    db,
    { scope: visibleRuns(caller), agentEmail: query.agent, dueBefore: query.dueBefore, dueAfter: query.dueAfter },
    { limit: query.limit, offset: query.offset },
  );
  return json({
    items: items.map((r) => {
      const { id, sopId, sopTitle, agent, followUpDue, customerRef, externalRef, startedAt } = runSummaryOf(r);
      return { runId: id, sopId, sopTitle, agent, due: followUpDue, customerRef, externalRef, startedAt };
    }),
    total,
    limit: query.limit,
    offset: query.offset,
  });
}

// ------------------------------------------------------------------------------------------------------ users

function apiUserOf(row: NonNullable<Awaited<ReturnType<typeof getUserSummary>>>) {
  const { departmentId, departmentName, ...rest } = row;
  return { ...rest, department: departmentId != null ? { id: departmentId, name: departmentName! } : null };
}

async function apiUser(db: Db, id: string) {
  const row = await getUserSummary(db, id);
  if (!row) throw new ApiError(404, "There is no user with this id.", { field: "userId" });
  return apiUserOf(row);
}

export async function listUsersV1({ db, query }: V1Input<"listUsers">): Promise<Response> {
  const { rows, total } = await queryUsers(db, {
    email: query.email,
    role: query.role,
    active: query.active ? query.active === "true" : null,
    sort: { key: "email", dir: "asc" },
    limit: query.limit,
    offset: query.offset,
  });
  return json({ items: rows.map(apiUserOf), total, limit: query.limit, offset: query.offset });
}

/**
 * Who acted, for the audit log: a person, or an integration's token (actor null, the token in the details). The
 * origin goes into the details of the entries the change writes, so the log says it came through the integration.
 */
function auditActor(caller: ApiCaller): { actorId: string | null; origin: AuditOrigin } {
  return caller.kind === "token"
    ? {
        actorId: null,
        origin: { via: "api", integrationId: caller.token.integrationId, tokenId: caller.token.tokenId },
      }
    : { actorId: caller.user.id, origin: { via: "api" } };
}

/** Not an argon2 hash: `verifyPassword` refuses it, so the account cannot sign in until an admin sets a password. */
function unusablePasswordHash(): string {
  return `!unusable:${randomSecret(24)}`;
}

export async function createUserV1({ db, caller, body }: V1Input<"createUser">): Promise<Response> {
  const departmentId = body.department == null ? null : (await resolveDepartment(db, body.department, "department")).id;
  const { actorId, origin } = auditActor(caller);
  const id = await createUser(
    db,
    { email: body.email, name: body.name, role: body.role, departmentId, passwordHash: unusablePasswordHash() },
    actorId,
    origin,
  );
  return json(
    { ...(await apiUser(db, id)), passwordSet: false },
    { status: 201, headers: { Location: `/api/v1/users/${id}` } },
  );
}

/** The dashboard overview for the caller's scope: a token reads as an admin does (every department). */
export async function analyticsOverviewV1({ db, caller, query }: V1Input<"getAnalyticsOverview">): Promise<Response> {
  const viewer: SessionUser =
    caller.kind === "session"
      ? caller.user
      : {
          id: `integration:${caller.token.integrationId}`,
          email: "",
          name: caller.token.integrationName,
          role: "admin",
          departmentId: null,
        };
  const timeZone = query.timeZone ?? "UTC";
  const ctx = { now: Date.now(), timeZone };
  const params = new URLSearchParams(
    Object.entries({ from: query.from, to: query.to, department: query.department, sop: query.sop }).filter(
      (e): e is [string, string] => e[1] !== undefined,
    ),
  );
  const { filters, errors } = parseAnalyticsFilters(params, ctx);
  const [field, message] = Object.entries(errors)[0] ?? [];
  if (field && message)
    throw new ApiError(400, `${field === "departmentId" ? "department" : field}: ${message}`, { field });
  const o = await analyticsOverview(db, viewer, filters, ctx);
  return json({
    period: { from: filters.from, to: filters.to, timeZone },
    figures: o.figures,
    trends: o.trends,
    sops: o.sops,
    daily: o.daily,
  });
}

export async function getUserV1({ db, params }: V1Input<"getUser">): Promise<Response> {
  return json(await apiUser(db, params.userId));
}

export async function updateUserV1({ db, caller, params, body }: V1Input<"updateUser">): Promise<Response> {
  await apiUser(db, params.userId); // 404 first
  const departmentId =
    body.department === undefined
      ? undefined
      : body.department === null
        ? null
        : (await resolveDepartment(db, body.department, "department")).id;
  const { actorId, origin } = auditActor(caller);
  try {
    await updateUser(
      db,
      params.userId,
      { name: body.name, role: body.role, departmentId, active: body.active },
      actorId,
      origin,
    );
  } catch (e) {
    // the last active admin: a conflict with the state, not bad input
    if (e instanceof UserError && /last active administrator/.test(e.message))
      throw new ApiError(409, e.message, { field: e.field });
    throw e;
  }
  return json(await apiUser(db, params.userId));
}
