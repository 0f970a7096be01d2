// Walks every route in app/routes.ts as every demo role and anonymously: GET, and POST with an empty, a JSON,
// a text/plain, a wrong-field form and an oversized body. Fails on any 500 and on any access the policy does
// not grant. The expected access per route is written here, independently of the code it checks.
import type { APIRequestContext } from "@playwright/test";
import routes from "../../app/routes";
import { apiClient, DEMO, expect, test } from "./fixtures";

type RouteEntry = { path?: string; file: string; index?: boolean; children?: RouteEntry[] };
type Who = "anonymous" | "admin" | "lead" | "billingLead" | "agent" | "trainer" | "trainee";
const WHO: Who[] = ["anonymous", "admin", "lead", "billingLead", "agent", "trainer", "trainee"];

/** Every route's URL pattern with its module, flattened (layouts contribute no path). */
function flatten(entries: readonly RouteEntry[], prefix = ""): { pattern: string; file: string }[] {
  return entries.flatMap((r) => {
    const pattern = r.index ? prefix || "/" : r.path ? `${prefix}/${r.path}`.replace(/\/+/g, "/") : prefix;
    const own = r.path !== undefined || r.index ? [{ pattern, file: r.file }] : [];
    return [...own, ...(r.children ? flatten(r.children, r.path ? pattern : prefix) : [])];
  });
}

const can = {
  library: (w: Who) => w !== "anonymous",
  author: (w: Who) => w === "admin" || w === "lead" || w === "billingLead",
  admin: (w: Who) => w === "admin",
  agent: (w: Who) => w === "agent" || w === "admin",
  trainer: (w: Who) => w === "trainer" || w === "admin",
  trainee: (w: Who) => w === "trainee" || w === "admin",
};

/**
 * Who may GET each route (the product's access rules, written out). The SOP used is a Customer Service one
 * (the demo lead's department; the Billing lead is outside it); the run is the demo agent's, of that SOP.
 */
const GET_ACCESS: Record<string, (w: Who) => boolean | "any"> = {
  "routes/login.tsx": () => "any",
  "routes/logout.tsx": () => "any",
  "routes/healthz.ts": () => "any",
  "routes/api.runs.ts": () => "any", // GET answers 405 (POST only) to everyone
  "routes/api.run.ts": (w) => w === "agent" || w === "admin" || w === "lead",
  "routes/api.run.events.ts": () => "any", // GET answers 405
  "routes/api.search.ts": can.library,
  "routes/api.import.ts": () => "any", // POST only
  "routes/sop.lifecycle.ts": () => "any", // POST only: GET is a 405
  "routes/sop.export.ts": can.author,
  "routes/editor.export.ts": can.author,
  "routes/shell.tsx": can.library,
  "routes/home.tsx": can.library,
  "routes/library.tsx": can.library,
  "routes/sops.new.tsx": can.author,
  "routes/sop.edit.tsx": (w) => w === "admin" || w === "lead", // own department only
  "routes/sop.tsx": can.library,
  "routes/sop.history.tsx": can.author, // reading history crosses departments (reviewers need it)
  "routes/sop.review.tsx": can.author,
  "routes/editor.tsx": can.author,
  "routes/editor.import.tsx": can.author,
  "routes/reviews.tsx": can.author,
  "routes/feedback.tsx": can.author,
  // Analytics: leads (their department's figures; the Billing lead gets a 404 for the Customer Service SOP) and admins.
  "routes/analytics.tsx": can.author,
  "routes/analytics.trends.tsx": can.author,
  "routes/analytics.agents.tsx": can.author,
  "routes/analytics.sop.tsx": can.author,
  "routes/analytics.export.ts": can.author, // without ?table= a 400 saying which tables exist
  "routes/runs.tsx": can.agent,
  "routes/runs.new.tsx": () => "any", // GET redirects to the library
  "routes/run.tsx": (w) => w === "agent" || w === "admin" || w === "lead",
  "routes/run.timeline.tsx": (w) => w === "agent" || w === "admin" || w === "lead",
  "routes/follow-ups.tsx": can.agent,
  // My training: the people who learn (agents too: SOP changes reach them); the SOP walked is on the demo
  // Customer Service onboarding path, so the demo agent and trainee have it (an admin learns nothing: 404).
  "routes/training.tsx": (w) => w === "agent" || w === "trainee" || w === "admin",
  "routes/training.sop.tsx": (w) => w === "agent" || w === "trainee" || w === "admin",
  "routes/training.sop.quiz.tsx": (w) => w === "agent" || w === "trainee" || w === "admin",
  "routes/trainees.tsx": can.trainer,
  // The person walked is the first user by name: a demo Customer Service trainee (Aisha Rahman), in the demo
  // trainer's department. Nobody else sees another person's record (trainees not even their own, here).
  "routes/trainee.tsx": can.trainer,
  "routes/assignments.tsx": can.trainer,
  "routes/admin.users.tsx": can.admin,
  "routes/admin.users.new.tsx": can.admin,
  "routes/admin.user.tsx": can.admin,
  "routes/admin.departments.tsx": can.admin,
  "routes/admin.audit.tsx": can.admin,
  "routes/admin.settings.tsx": can.admin,
  "routes/admin.integrations.tsx": can.admin,
  "routes/admin.integrations.api.tsx": can.admin,
  "routes/admin.integration.webhooks.tsx": can.admin,
  // The versioned API with a session: a role's scope follows its permissions (integrations/api-scope.ts); the run
  // walked is the demo agent's, which its department's lead and admins may read too.
  "routes/api.openapi.ts": () => "any", // public
  "routes/api.v1.sops.ts": can.library,
  "routes/api.v1.sop.ts": can.library,
  "routes/api.v1.search.ts": can.library,
  "routes/api.v1.runs.ts": can.library, // each role lists the runs it may see
  "routes/api.v1.run.ts": (w) => w === "agent" || w === "admin" || w === "lead",
  "routes/api.v1.run.events.ts": () => "any", // POST only: a GET is a 405
  "routes/api.v1.run.note.ts": (w) => w === "agent" || w === "admin" || w === "lead",
  "routes/api.v1.follow-ups.ts": can.library,
  "routes/api.v1.analytics.overview.ts": can.author, // leads and admins see analytics
  "routes/api.v1.users.ts": can.admin,
  "routes/api.v1.user.ts": can.admin,
  // The embedded runbook signs in through a launch token only (ADR 022): without an embed session its shell pages
  // render "open it from your help desk" (any status is fine but a 500), its data routes answer 401.
  "routes/embed.home.tsx": () => "any",
  "routes/embed.run.tsx": () => "any",
  "routes/embed.launch.tsx": () => false,
  "routes/embed.session.ts": () => false,
  "routes/embed.runs.ts": () => "any", // POST only: a GET is a 405
  "routes/embed.run.data.ts": () => false,
  "routes/embed.run.context.ts": () => "any", // POST only: a GET is a 400
  "routes/admin.integration.tsx": can.admin,
  "routes/flows.scratch.tsx": can.author,
  "routes/profile.tsx": can.library, // every signed-in role, their own profile only
  "routes/not-found.tsx": () => "any",
};

/** Routes whose POST, by a role that may use them, can legitimately succeed with an empty-ish body. */
const POST_SKIP = new Set(["routes/logout.tsx"]);

/** Routes that take more than the 1 MB "oversized" body (SOP saves, imports, event batches): no 413 expected. */
const LARGE_BODIES = new Set([
  "routes/sop.edit.tsx",
  "routes/flows.scratch.tsx",
  "routes/api.import.ts",
  "routes/editor.import.tsx",
  "routes/api.run.events.ts",
  "routes/api.v1.run.events.ts",
]);

const signedIn = (who: Who) => apiClient(who === "anonymous" ? undefined : DEMO[who]);

test.describe.configure({ mode: "serial", timeout: 240_000 });

test("every route × every role × GET and bad POST bodies: no 500, no access the policy does not grant", async () => {
  const contexts = Object.fromEntries(
    await Promise.all(WHO.map(async (w) => [w, await signedIn(w)] as const)),
  ) as Record<Who, APIRequestContext>;
  try {
    // A run of the demo agent on a Customer Service SOP, to walk the run routes with.
    const started = await contexts.agent.post("/api/runs", { data: { sopId: "complaint-handling" } });
    expect(started.status()).toBe(201);
    const runId = ((await started.json()) as { id: string }).id;
    const users = await (await contexts.admin.get("/admin/users")).text();
    const userId = /href="\/admin\/users\/([0-9a-f-]{36})"/.exec(users)?.[1];
    expect(userId, "a user id from the users page").toBeTruthy();
    const created = await contexts.admin.post("/admin/integrations", { form: { name: "Route walk desk" } });
    const integrationId = /href="\/admin\/integrations\/([0-9a-f-]{36})"/.exec(await created.text())?.[1];
    expect(integrationId, "an integration id from the integrations page").toBeTruthy();
    const params: Record<string, string> = {
      sopId: "complaint-handling",
      runId,
      userId: userId!,
      integrationId: integrationId!,
      "*": "no-such-page",
    };

    const all = flatten(routes as unknown as RouteEntry[]);
    const files = new Set(all.map((r) => r.file));
    for (const f of files) expect(GET_ACCESS[f], `access rule for ${f}`).toBeDefined();

    const failures: string[] = [];
    const big = "x".repeat(1024 * 1024);
    for (const { pattern, file } of all) {
      const url = pattern.replace(/:(\w+)|\*/g, (m, name: string | undefined) =>
        encodeURIComponent(params[name ?? "*"] ?? m),
      );
      for (const who of WHO) {
        const ctx = contexts[who];
        const get = await ctx.get(url, { maxRedirects: 0 });
        const status = get.status();
        const rule = GET_ACCESS[file]!(who);
        const where = `GET ${url} as ${who} → ${status}`;
        if (status >= 500) failures.push(`${where}: a server error`);
        else if (rule === true && (status === 401 || status === 403))
          failures.push(`${where}: refused, but the policy grants it`);
        else if (rule === false) {
          const toLogin = status === 302 && (get.headers()["location"] ?? "").startsWith("/login");
          if (!(status === 401 || status === 403 || status === 404 || toLogin))
            failures.push(`${where}: allowed, but the policy does not grant it`);
        }

        if (POST_SKIP.has(file)) continue;
        const mayUse = rule === true || rule === "any";
        const bodies: [string, Parameters<APIRequestContext["post"]>[1]][] = [
          ["empty", { headers: { "content-type": "application/x-www-form-urlencoded" }, data: "" }],
          ["no body", {}],
          ["JSON", { data: { intent: "save", nonsense: [1, 2, 3] } }],
          ["text/plain", { headers: { "content-type": "text/plain" }, data: "intent=save&x=1" }],
          [
            "wrong fields",
            { form: { intent: "no-such-intent", versionId: "abc", email: 42 } as unknown as Record<string, string> },
          ],
          // Connection: close — the server ends the connection after its 413; the next request must not reuse it.
          [
            "oversized",
            { headers: { "content-type": "application/x-www-form-urlencoded", connection: "close" }, data: `a=${big}` },
          ],
        ];
        for (const [label, options] of bodies) {
          const res = await ctx.post(url, { ...options, maxRedirects: 0 }).catch((e: Error) => e);
          if (res instanceof Error) {
            // The server may end the connection on an oversized body once it has answered 413.
            if (label !== "oversized") failures.push(`POST ${url} (${label}) as ${who}: ${res.message}`);
            continue;
          }
          const s = res.status();
          const at = `POST ${url} (${label}) as ${who} → ${s}`;
          if (s >= 500) failures.push(`${at}: a server error (${(await res.text()).slice(0, 200)})`);
          else if (!mayUse && s >= 200 && s < 300) failures.push(`${at}: accepted, but the policy does not grant it`);
          else if (
            label === "oversized" &&
            !LARGE_BODIES.has(file) &&
            s !== 413 &&
            s !== 401 &&
            s !== 403 &&
            s !== 404 &&
            s !== 405 &&
            !(s === 302 && who === "anonymous")
          )
            failures.push(`${at}: an oversized body should be refused with 413`);
        }
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
  } finally {
    await Promise.all(Object.values(contexts).map((c) => c.dispose()));
  }
});
