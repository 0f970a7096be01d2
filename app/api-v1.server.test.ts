// The versioned API through its route modules, on a throwaway database: tokens and scopes, problem+json with the
// field, paging and filters, token writes limited to the integration's runs, masking, provisioning with audit.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

process.env.DATABASE_URL = ":memory:"; // getDb() opens (and migrates) a throwaway database

const { getDb } = await import("../db/client.server");
const { seedDemoOrganisation } = await import("../db/seed.server");
const { seedSopLibrary } = await import("./sop-library.server");
const { createApiToken, createIntegration, revokeApiToken } = await import("../db/integrations.server");
const { createSession } = await import("../db/sessions.server");
const { findUserByEmail } = await import("../db/users.server");
const { auditLog, users, sessions } = await import("../db/schema");
const { verifyPassword } = await import("./auth/password.server");
const sops = await import("./routes/api.v1.sops");
const sop = await import("./routes/api.v1.sop");
const search = await import("./routes/api.v1.search");
const runsRoute = await import("./routes/api.v1.runs");
const runRoute = await import("./routes/api.v1.run");
const eventsRoute = await import("./routes/api.v1.run.events");
const noteRoute = await import("./routes/api.v1.run.note");
const followUps = await import("./routes/api.v1.follow-ups");
const usersRoute = await import("./routes/api.v1.users");
const userRoute = await import("./routes/api.v1.user");
const analyticsRoute = await import("./routes/api.v1.analytics.overview");

const SOP = "billing-dispute-card-charge";
const BASE = "http://localhost";
let integrationId: string;
let otherIntegrationId: string;
const tokens: Record<string, string> = {};
let agentCookie: string;
let adminCookie: string;

type Handler = (args: never) => Promise<Response> | Response;

function call(
  handler: Handler,
  path: string,
  {
    method = "GET",
    token,
    cookie,
    body,
    params = {},
    contentType = "application/json",
  }: {
    method?: string;
    token?: string;
    cookie?: string;
    body?: unknown;
    params?: Record<string, string>;
    contentType?: string;
  } = {},
) {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  if (cookie) headers.Cookie = cookie;
  if (body !== undefined) headers["Content-Type"] = contentType;
  const request = new Request(BASE + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return (handler as (a: unknown) => Promise<Response>)({ request, params, context: { clientIp: "127.0.0.1" } });
}

async function problem(res: Response) {
  expect(res.headers.get("Content-Type")).toBe("application/problem+json");
  return (await res.json()) as { status: number; detail: string; field?: string; scope?: string; title: string };
}

async function cookieFor(email: string) {
  const db = getDb();
  const u = (await findUserByEmail(db, email))!;
  return `stepwise_session=${await createSession(db, u.id, { maxAgeMs: 3_600_000 })}`;
}

beforeAll(async () => {
  const db = getDb();
  await seedDemoOrganisation(db, async (p) => `hash:${p}`);
  await seedSopLibrary(db);
  integrationId = (await createIntegration(db, { name: "Help desk" }, null)).id;
  otherIntegrationId = (await createIntegration(db, { name: "CRM" }, null)).id;
  const mint = async (name: string, scopes: string[], on = integrationId, expiresAt: number | null = null) =>
    (await createApiToken(db, on, { name, scopes: scopes as never, expiresAt }, null)).token;
  tokens.all = await mint("all", ["sops:read", "runs:read", "runs:write", "users:write"]);
  tokens.sops = await mint("sops", ["sops:read"]);
  tokens.other = await mint("other", ["runs:read", "runs:write"], otherIntegrationId);
  tokens.analytics = await mint("analytics", ["analytics:read"]);
  agentCookie = await cookieFor("agent@stepwise.example");
  adminCookie = await cookieFor("admin@stepwise.example");
});

describe("authentication and scopes", () => {
  it("401 without credentials and with an unknown token, as problem+json", async () => {
    const none = await call(sops.loader, "/api/v1/sops");
    expect(none.status).toBe(401);
    expect(none.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect((await problem(none)).title).toBe("Unauthorized");
    const bad = await call(sops.loader, "/api/v1/sops", { token: "sw_nothing_xyz" });
    expect(bad.status).toBe(401);
    expect((await problem(bad)).detail).toMatch(/not valid/);
  });

  it("403 names the scope the token lacks", async () => {
    const res = await call(usersRoute.loader, "/api/v1/users", { token: tokens.sops });
    expect(res.status).toBe(403);
    const p = await problem(res);
    expect(p.detail).toContain("users:write");
    expect(p.scope).toBe("users:write");
  });

  it("401 once a token is revoked or expired", async () => {
    const db = getDb();
    const { token, row } = await createApiToken(
      db,
      integrationId,
      { name: "short", scopes: ["sops:read"], expiresAt: null },
      null,
    );
    expect((await call(sops.loader, "/api/v1/sops", { token })).status).toBe(200);
    await revokeApiToken(db, integrationId, row.id, null);
    expect((await call(sops.loader, "/api/v1/sops", { token })).status).toBe(401);
    const soon = await createApiToken(
      db,
      integrationId,
      { name: "expiring", scopes: ["sops:read"], expiresAt: Date.now() + 50 },
      null,
    );
    await new Promise((r) => setTimeout(r, 80));
    expect((await call(sops.loader, "/api/v1/sops", { token: soon.token })).status).toBe(401);
  });

  it("a session caller keeps its role's rules: an agent reads SOPs but cannot provision users", async () => {
    expect((await call(sops.loader, "/api/v1/sops", { cookie: agentCookie })).status).toBe(200);
    const res = await call(usersRoute.loader, "/api/v1/users", { cookie: agentCookie });
    expect(res.status).toBe(403);
    expect((await problem(res)).scope).toBe("users:write");
    expect((await call(usersRoute.loader, "/api/v1/users", { cookie: adminCookie })).status).toBe(200);
  });

  it("405 with Allow for a method the URL does not take", async () => {
    const res = await call(sops.action, "/api/v1/sops", { method: "POST", token: tokens.all, body: {} });
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("GET");
  });
});

describe("SOPs", () => {
  it("lists published SOPs with paging and filters; bad paging is a 400 naming the field", async () => {
    const res = await call(sops.loader, "/api/v1/sops?limit=2", { token: tokens.sops });
    const page = (await res.json()) as { items: { id: string; version: number }[]; total: number; limit: number };
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const next = (await (await call(sops.loader, "/api/v1/sops?limit=2&offset=2", { token: tokens.sops })).json()) as {
      items: { id: string }[];
    };
    expect(next.items[0]!.id).not.toBe(page.items[0]!.id);
    for (const q of ["limit=0", "limit=abc", "offset=-1", "limit=1000"]) {
      const bad = await call(sops.loader, `/api/v1/sops?${q}`, { token: tokens.sops });
      expect(bad.status).toBe(400);
      expect((await problem(bad)).field).toBe(q.split("=")[0]);
    }
    const dept = await call(sops.loader, "/api/v1/sops?department=Nowhere", { token: tokens.sops });
    expect((await problem(dept)).field).toBe("department");
  });

  it("reads one SOP with its source and document; 404 for an unknown one", async () => {
    const res = await call(sop.loader, `/api/v1/sops/${SOP}`, { token: tokens.sops, params: { sopId: SOP } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { source: string; document: { steps: unknown[] }; version: number };
    expect(body.source).toContain("---");
    expect(body.document.steps.length).toBeGreaterThan(0);
    const missing = await call(sop.loader, "/api/v1/sops/nope", { token: tokens.sops, params: { sopId: "nope" } });
    expect(missing.status).toBe(404);
    expect((await problem(missing)).field).toBe("sopId");
  });

  it("searches published SOPs", async () => {
    const res = await call(search.loader, "/api/v1/search?q=card", { token: tokens.sops });
    const body = (await res.json()) as { total: number; results: { sopId: string }[] };
    expect(body.total).toBeGreaterThan(0);
    const bad = await call(search.loader, `/api/v1/search?q=${"x".repeat(300)}`, { token: tokens.sops });
    expect(bad.status).toBe(400);
  });
});

describe("runs", () => {
  let runId: string;

  it("starts a run for a ticket (201 + Location), then resumes it (200)", async () => {
    const body = {
      sopId: SOP,
      agent: "agent@stepwise.example",
      externalRef: "T-9",
      fields: { customer_name: "Dana", card_last4: "4242" },
    };
    const res = await call(runsRoute.action, "/api/v1/runs", { method: "POST", token: tokens.all, body });
    expect(res.status).toBe(201);
    const started = (await res.json()) as { id: string; filled: string[]; resumed: boolean };
    expect(res.headers.get("Location")).toBe(`/api/v1/runs/${started.id}`);
    expect(started.filled).toEqual(["customer_name", "card_last4"]);
    runId = started.id;
    const again = await call(runsRoute.action, "/api/v1/runs", { method: "POST", token: tokens.all, body });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(runId);
  });

  it("refuses bad bodies with the field: no agent, unknown agent, bad channel, unknown keys, not JSON", async () => {
    const post = (body: unknown, contentType?: string) =>
      call(runsRoute.action, "/api/v1/runs", { method: "POST", token: tokens.all, body, contentType });
    expect((await problem(await post({ sopId: SOP }))).field).toBe("agent");
    expect((await problem(await post({ sopId: SOP, agent: "ghost@nowhere.example" }))).field).toBe("agent");
    expect((await problem(await post({ sopId: SOP, agent: "agent@stepwise.example", channel: "fax" }))).field).toBe(
      "channel",
    );
    expect((await post({ sopId: SOP, agent: "agent@stepwise.example", extra: 1 })).status).toBe(400);
    expect((await problem(await post({ agent: "agent@stepwise.example" }))).field).toBe("sopId");
    const notJson = await post("{ nope", "application/json");
    expect(notJson.status).toBe(400);
    expect((await post("sopId=x", "application/x-www-form-urlencoded")).status).toBe(415);
    const unknownSop = await post({ sopId: "no-such-sop", agent: "agent@stepwise.example" });
    expect(unknownSop.status).toBe(404);
    expect((await problem(unknownSop)).field).toBe("sopId");
  });

  it("lists runs with filters; bad dates are a 400 with the field", async () => {
    const res = await call(runsRoute.loader, "/api/v1/runs?externalRef=T-9", { token: tokens.all });
    const page = (await res.json()) as { items: { id: string; agent: { email: string } }[]; total: number };
    expect(page.items.map((r) => r.id)).toEqual([runId]);
    expect(page.items[0]!.agent.email).toBe("agent@stepwise.example");
    const bad = await call(runsRoute.loader, "/api/v1/runs?from=yesterday", { token: tokens.all });
    expect((await problem(bad)).field).toBe("from");
    const status = await call(runsRoute.loader, "/api/v1/runs?status=nope", { token: tokens.all });
    expect((await problem(status)).field).toBe("status");
  });

  it("reads a run with sensitive values masked for a token, and the wrap-up note in the SOP's language", async () => {
    const res = await call(runRoute.loader, `/api/v1/runs/${runId}`, { token: tokens.all, params: { runId } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { run: { id: string }; state: { fields: Record<string, { value: string }> } };
    expect(body.run.id).toBe(runId);
    expect(body.state.fields.customer_name?.value).toBe("Dana");
    expect(body.state.fields.card_last4?.value).not.toBe("4242"); // sensitive: a token is never the agent
    expect(JSON.stringify(body)).not.toContain("4242");
    // the run's agent, signed in, sees the value
    const own = await call(runRoute.loader, `/api/v1/runs/${runId}`, { cookie: agentCookie, params: { runId } });
    expect(JSON.stringify(await own.json())).toContain("4242");
    const note = await call(noteRoute.loader, `/api/v1/runs/${runId}/note`, { token: tokens.all, params: { runId } });
    const n = (await note.json()) as { text: string; final: boolean; language: string };
    expect(n.final).toBe(false);
    expect(n.language).toBe("en");
    expect(n.text).toContain("Dana");
    expect(n.text).not.toContain("4242");
    const missing = await call(runRoute.loader, "/api/v1/runs/x", { token: tokens.all, params: { runId: "x" } });
    expect(missing.status).toBe(404);
  });

  it("appends events idempotently; the index of a bad event is the field", async () => {
    const event = { id: randomUUID(), at: Date.now(), type: "field.captured", name: "customer_name", value: "Dee" };
    const post = (events: unknown[], token = tokens.all) =>
      call(eventsRoute.action, `/api/v1/runs/${runId}/events`, {
        method: "POST",
        token,
        body: { events },
        params: { runId },
      });
    const first = await post([event]);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await (await post([event])).json()).toMatchObject({ accepted: 0, duplicates: 1 });
    const bad = await post([{ ...event, id: "not-a-uuid" }]);
    expect((await problem(bad)).field).toBe("events.0.id");
    const refused = await post([{ id: randomUUID(), at: Date.now(), type: "step.checked", stepId: "no-such-step" }]);
    expect(refused.status).toBe(400);
    expect((await problem(refused)).field).toBe("events.0");
  });

  it("a token writes only its own integration's runs; an agent's session writes its own", async () => {
    const event = { id: randomUUID(), at: Date.now(), type: "field.captured", name: "customer_name", value: "Z" };
    const other = await call(eventsRoute.action, `/api/v1/runs/${runId}/events`, {
      method: "POST",
      token: tokens.other,
      body: { events: [event] },
      params: { runId },
    });
    expect(other.status).toBe(403);
    expect((await problem(other)).detail).toMatch(/own integration/);
    const own = await call(eventsRoute.action, `/api/v1/runs/${runId}/events`, {
      method: "POST",
      cookie: agentCookie,
      body: { events: [event] },
      params: { runId },
    });
    expect(own.status).toBe(200);
  });

  it("a session caller starts runs as themselves, not as someone else", async () => {
    const res = await call(runsRoute.action, "/api/v1/runs", {
      method: "POST",
      cookie: agentCookie,
      body: { sopId: SOP, agent: "lead@stepwise.example" },
    });
    expect(res.status).toBe(403);
    expect((await problem(res)).field).toBe("agent");
    const mine = await call(runsRoute.action, "/api/v1/runs", {
      method: "POST",
      cookie: agentCookie,
      body: { sopId: SOP },
    });
    expect(mine.status).toBe(201);
  });

  it("lists open follow-ups; bad dates are refused", async () => {
    const res = await call(followUps.loader, "/api/v1/follow-ups?dueBefore=2100-01-01", { token: tokens.all });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { due: string }[]; total: number };
    for (const f of page.items) expect(f.due < "2100-01-01").toBe(true);
    const bad = await call(followUps.loader, "/api/v1/follow-ups?dueAfter=31/12/2026", { token: tokens.all });
    expect((await problem(bad)).field).toBe("dueAfter");
  });
});

describe("analytics", () => {
  it("reads the overview with analytics:read; other scopes, agents and bad dates are refused", async () => {
    const ok = await call(analyticsRoute.loader, "/api/v1/analytics/overview?timeZone=Asia/Tehran", {
      token: tokens.analytics,
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as {
      period: { timeZone: string };
      figures: Record<string, unknown>;
      sops: unknown[];
    };
    expect(body.period.timeZone).toBe("Asia/Tehran");
    expect(body.figures).toHaveProperty("runs");
    expect(
      (await problem(await call(analyticsRoute.loader, "/api/v1/analytics/overview", { token: tokens.sops }))).scope,
    ).toBe("analytics:read");
    expect((await call(analyticsRoute.loader, "/api/v1/analytics/overview", { cookie: agentCookie })).status).toBe(403);
    const bad = await problem(
      await call(analyticsRoute.loader, "/api/v1/analytics/overview?from=2026-13-45", { token: tokens.analytics }),
    );
    expect(bad).toMatchObject({ status: 400, field: "from" });
    const zone = await problem(
      await call(analyticsRoute.loader, "/api/v1/analytics/overview?timeZone=Mars/Olympus", {
        token: tokens.analytics,
      }),
    );
    expect(zone).toMatchObject({ status: 400, field: "timeZone" });
  });
});

describe("users", () => {
  it("provisions a user without a usable password, the audit says it came through the integration", async () => {
    const res = await call(usersRoute.action, "/api/v1/users", {
      method: "POST",
      token: tokens.all,
      body: { email: "New.Person@stepwise.example", name: "New Person", role: "agent", department: "billing" },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; email: string; passwordSet: boolean; department: unknown };
    expect(created).toMatchObject({ email: "new.person@stepwise.example", passwordSet: false });
    expect(created.department).not.toBeNull();
    const db = getDb();
    const row = db.select().from(users).where(eq(users.id, created.id)).get()!;
    expect(await verifyPassword(row.passwordHash, "")).toBe(false);
    const audit = db.select().from(auditLog).where(eq(auditLog.targetId, created.id)).all();
    expect(audit.map((a) => a.action)).toEqual(["user.create"]);
    expect(audit[0]!.details).toMatchObject({ via: "api", integrationId });
    expect((audit[0]!.details as { tokenId?: string }).tokenId).toBeTruthy();

    const dup = await call(usersRoute.action, "/api/v1/users", {
      method: "POST",
      token: tokens.all,
      body: { email: "new.person@stepwise.example", name: "Again", role: "agent" },
    });
    expect(dup.status).toBe(400);
    expect((await problem(dup)).field).toBe("email");
    const badRole = await call(usersRoute.action, "/api/v1/users", {
      method: "POST",
      token: tokens.all,
      body: { email: "x@stepwise.example", name: "X", role: "owner" },
    });
    expect((await problem(badRole)).field).toBe("role");
  });

  it("changes role and deactivates (revoking sessions), each audited via the API", async () => {
    const db = getDb();
    const target = (await findUserByEmail(db, "trainee@stepwise.example"))!;
    await createSession(db, target.id, { maxAgeMs: 3_600_000 });
    const patch = (body: unknown) =>
      call(userRoute.action, `/api/v1/users/${target.id}`, {
        method: "PATCH",
        token: tokens.all,
        body,
        params: { userId: target.id },
      });
    const res = await patch({ role: "agent", active: false });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: "agent", active: false });
    expect(db.select().from(sessions).where(eq(sessions.userId, target.id)).all()).toEqual([]);
    const audit = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, target.id))
      .all()
      .filter((a) => a.action !== "user.create"); // the seed's
    expect(audit.map((a) => a.action).sort()).toEqual(["user.deactivate", "user.role"]);
    for (const a of audit) expect(a.details).toMatchObject({ via: "api", integrationId });
    expect((await problem(await patch({}))).status).toBe(400);
    expect((await problem(await patch({ department: "Nowhere" }))).field).toBe("department");
    const missing = await call(userRoute.action, "/api/v1/users/nope", {
      method: "PATCH",
      token: tokens.all,
      body: { name: "X" },
      params: { userId: "nope" },
    });
    expect(missing.status).toBe(404);
  });

  it("lists users with filters", async () => {
    const res = await call(usersRoute.loader, "/api/v1/users?role=admin", { token: tokens.all });
    const page = (await res.json()) as { items: { role: string }[] };
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((u) => u.role === "admin")).toBe(true);
  });
});
