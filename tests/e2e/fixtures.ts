import {
  test as base,
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type Page,
} from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { newSopSource } from "../../authoring/templates";
import { EXAMPLE_ATTRIBUTES, EXAMPLE_PURPOSES, EXAMPLE_TEXTS } from "../../sop-schema/placeholders";

export const DEMO_PASSWORD = "stepwise-demo";
export const DEMO = {
  admin: "admin@stepwise.example",
  lead: "lead@stepwise.example",
  agent: "agent@stepwise.example",
  trainer: "trainer@stepwise.example",
  trainee: "trainee@stepwise.example",
  /** department leads: a lead acts only on their own department's SOPs */
  billingLead: "billing.lead@stepwise.example",
  returnsLead: "returns.lead@stepwise.example",
  supportLead: "support.lead@stepwise.example",
} as const;

let counter = 0;
/**
 * A distinct client address per test (the server trusts X-Forwarded-For in e2e), so rate limits don't leak between
 * tests.
 */
export function uniqueIp(): string {
  counter += 1;
  return `198.51.${process.pid % 250}.${(counter % 250) + 1}`;
}

type Fixtures = { clientIp: string };

/** Every test fails on a console error or an uncaught page error. */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none
  clientIp: async ({}, use) => {
    await use(uniqueIp());
  },
  page: async ({ page, clientIp }, use) => {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": clientIp });
    const problems: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const text = msg.text();
      // Chromium reports every 4xx answer (a refused sign-in, a 403 page) as a console line: those are the
      // refusals under test, not app errors. Anything else fails the test.
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
      problems.push(`console error: ${text}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    await use(page);
    expect(problems, "the page logged errors").toEqual([]);
  },
});
export { expect };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The app header (at narrow widths the navigation sits in its Menu, so the header is what is always visible).
  await expect(page.getByRole("banner")).toBeVisible();
}

/** The editor's status once a change is saved. */
export const SAVED = /Saved · revision \d+/;
/** The editor's status when it opens: saved, or no draft yet (a published SOP: the first change starts one). */
export const OPENED = /Saved · revision \d+|No draft yet/;

/**
 * Opens the editor on an SOP. Opening never writes: on a published SOP without a draft the editor shows the
 * published text, and the first change starts the draft.
 */
export async function openEditor(page: Page, sopId: string) {
  await page.goto(`/sops/${sopId}/edit`);
  await expect(page.locator(".editor-page")).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveText(OPENED);
}

/** An HTTP client (no browser) signed in as `email` — or anonymous without one — from its own client address. */
export async function apiClient(email?: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() },
  });
  if (!email) return ctx;
  const res = await ctx.post("/login", { form: { email, password: DEMO_PASSWORD, redirectTo: "/" }, maxRedirects: 0 });
  expect(res.status(), `sign in as ${email}`).toBe(302);
  return ctx;
}

/** A user's id, read from the admin's Users page (`admin` is an apiClient signed in as an admin). */
export async function userIdOf(admin: APIRequestContext, email: string): Promise<string> {
  const html = await (await admin.get("/admin/users")).text();
  const id = /\/admin\/users\/([0-9a-f-]{36})/.exec(
    html.split("<tr").find((row) => row.includes(`>${email}<`)) ?? "",
  )?.[1];
  expect(id, `the id of ${email}`).toBeTruthy();
  return id!;
}

/** The open draft's version id, revision and source, from the editor page's loader data. */
export async function draftOf(
  page: Page,
  sopId: string,
): Promise<{ versionId: number; revision: number; source: string }> {
  await page.goto(`/sops/${sopId}/edit`);
  await expect(page.getByTestId("save-status")).toHaveText(OPENED);
  return page.evaluate(() => {
    const seen = new Set<unknown>();
    const find = (v: unknown): { versionId: number; revision: number; source: string } | null => {
      if (!v || typeof v !== "object" || seen.has(v)) return null;
      seen.add(v);
      const o = v as Record<string, unknown>;
      if (typeof o.versionId === "number" && typeof o.revision === "number" && typeof o.source === "string")
        return { versionId: o.versionId, revision: o.revision, source: o.source };
      for (const x of Object.values(o)) {
        const hit = find(x);
        if (hit) return hit;
      }
      return null;
    };
    const ctx = (window as unknown as { __reactRouterContext?: { state?: { loaderData?: unknown } } })
      .__reactRouterContext;
    const hit = find(ctx?.state?.loaderData);
    if (!hit) throw new Error("no draft in the editor's loader data");
    return hit;
  });
}

/** One lifecycle step over HTTP (submit, approve, publish…: the review page's forms post the same). */
export function lifecycle(client: APIRequestContext, sopId: string, form: Record<string, string>) {
  return client.post(`/sops/${sopId}/lifecycle`, { form });
}

/** A new SOP draft through the new-SOP form, over HTTP; returns its id. */
export async function createSop(
  client: APIRequestContext,
  title: string,
  {
    department = "Customer Service",
    template = "standard",
    owner = DEMO.lead,
    examples = "replace",
  }: {
    department?: string;
    template?: string;
    /** the e-mail of the client's user: the server writes it as the owner */
    owner?: string;
    /** "replace": the template's example text is replaced (as a lead does) so that the draft can go to review */
    examples?: "replace" | "keep";
  } = {},
): Promise<string> {
  const created = await client.post("/sops/new", {
    form: { title, department, template, language: "en" },
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);
  const sopId = /^\/sops\/([^/]+)\/edit$/.exec(created.headers()["location"] ?? "")![1]!;
  if (examples === "replace") {
    const html = await (await client.get(`/sops/${sopId}/edit`)).text();
    const versionId = Number(/data-version-id="(\d+)"/.exec(html)![1]);
    const baseRevision = Number(/data-revision="(\d+)"/.exec(html)![1]);
    const source = withoutExamples(newSopSource({ title, department, templateId: template, language: "en", owner }));
    const saved = await client.post(`/sops/${sopId}/edit`, {
      data: { intent: "save", versionId, baseRevision, source },
    });
    expect(saved.status(), await saved.text()).toBe(200);
  }
  return sopId;
}

/** The source with every template example (sop-schema/placeholders.ts) written over as a lead would. */
export function withoutExamples(source: string): string {
  const loose = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"), "g");
  let out = source;
  for (const text of EXAMPLE_PURPOSES) out = out.replace(loose(text), "Handle the request on the first call.");
  for (const text of EXAMPLE_TEXTS) out = out.replace(loose(text), `${text.replace(/[.…]+$/, "")}, in our own words.`);
  for (const values of Object.values(EXAMPLE_ATTRIBUTES))
    for (const list of Object.values(values))
      for (const text of list) out = out.replace(loose(`"${text}"`), `"${text.replace(/[?.]$/, "")} (ours)"`);
  return out;
}

/**
 * Sends the author's draft to review with `reviewer` (an e-mail; its id is read through `admin`), warnings
 * confirmed; the answer is returned unchecked, for the tests whose submit is refused.
 */
export async function submitForReview(
  author: APIRequestContext,
  admin: APIRequestContext,
  sopId: string,
  reviewer: string = DEMO.admin,
) {
  const reviewerId = await userIdOf(admin, reviewer);
  return lifecycle(author, sopId, { intent: "submit", reviewerId, comment: "", confirmWarnings: "1" });
}

/**
 * Sends the draft to review with the demo admin as reviewer and has the admin approve it: the two steps every
 * published test SOP goes through (`lead` and `admin` are apiClients signed in as them).
 */
export async function submitAndApprove(lead: APIRequestContext, admin: APIRequestContext, sopId: string) {
  expect((await submitForReview(lead, admin, sopId)).status()).toBe(200);
  expect((await lifecycle(admin, sopId, { intent: "approve", comment: "" })).status()).toBe(200);
}

/** The draft source as the server has it (the source view's server-rendered textarea). */
export async function serverSource(page: Page, sopId: string): Promise<string> {
  const html = await (await page.request.get(`/sops/${sopId}/edit?view=source`)).text();
  const m = /<textarea[^>]*id="sop-source"[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
  return (m?.[1] ?? "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The editor's "Send to review" dialog: picks the reviewer, confirms the warnings if asked, and sends. */
export async function sendToReview(page: Page, reviewer: RegExp) {
  await page.getByRole("button", { name: "Send to review" }).click();
  const dialog = page.getByRole("dialog", { name: "Send to review" });
  await dialog.getByLabel("Reviewer", { exact: true }).selectOption({
    label: (await dialog
      .getByLabel("Reviewer", { exact: true })
      .locator("option", { hasText: reviewer })
      .first()
      .textContent())!,
  });
  const confirm = dialog.getByRole("checkbox");
  if (await confirm.count()) await confirm.check();
  await dialog.getByRole("button", { name: "Send to review" }).click();
  await expect(page.getByRole("heading", { name: /In review with/ })).toBeVisible();
}
