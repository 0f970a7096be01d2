// The versioned REST API against the production build: an admin makes a token in Admin → Integrations, then an
// integration starts a run for a ticket, reads it (sensitive values masked), appends events, reads the wrap-up
// note, provisions a user; errors are problem+json naming the field; the reference page and the document are served.
import { request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { BASE_URL } from "../../playwright.config";
import { DEMO, expect, signIn, test } from "./fixtures";

const SOP = "billing-dispute-card-charge";

async function mintToken(page: Page, scopes: string[]): Promise<string> {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/integrations");
  await page.getByLabel("Name", { exact: true }).fill(`API e2e ${Date.now()}`);
  await page.getByRole("button", { name: "Create integration" }).click();
  await page.getByRole("status").filter({ hasText: "is created" }).getByRole("link").click();
  await page.getByLabel("Token name").fill("e2e");
  for (const s of scopes) await page.getByRole("checkbox", { name: new RegExp(s) }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  return page.locator("#new-token").inputValue();
}

async function client(token: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
}

test("an integration runs a ticket through the API", async ({ page }) => {
  const token = await mintToken(page, ["sops:read", "runs:read", "runs:write", "users:write"]);
  const api = await client(token);
  try {
    const sops = await api.get("/api/v1/sops?limit=3");
    expect(sops.status()).toBe(200);
    expect((await sops.json()).items).toHaveLength(3);
    const sop = await (await api.get(`/api/v1/sops/${SOP}`)).json();
    expect(sop.source).toContain("card_last4");

    const ref = `T-${Date.now()}`;
    const body = {
      sopId: SOP,
      agent: "agent@stepwise.example",
      externalRef: ref,
      fields: { customer_name: "Dana Reyes", card_last4: "4242", priority: "high" },
      channel: "phone",
    };
    const started = await api.post("/api/v1/runs", { data: body });
    expect(started.status()).toBe(201);
    const run = await started.json();
    expect(run).toMatchObject({ resumed: false, filled: ["customer_name", "card_last4"], ignored: ["priority"] });
    expect(started.headers()["location"]).toBe(`/api/v1/runs/${run.id}`);
    const resumed = await api.post("/api/v1/runs", { data: body });
    expect(resumed.status()).toBe(200);

    const read = await api.get(`/api/v1/runs/${run.id}`);
    expect(read.status()).toBe(200);
    const text = await read.text();
    expect(text).toContain("Dana Reyes");
    expect(text).not.toContain("4242");

    const event = { id: randomUUID(), at: Date.now(), type: "field.captured", name: "statement_text", value: "SHOP" };
    const appended = await api.post(`/api/v1/runs/${run.id}/events`, { data: { events: [event] } });
    expect(await appended.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    const again = await api.post(`/api/v1/runs/${run.id}/events`, { data: { events: [event] } });
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1 });

    const note = await (await api.get(`/api/v1/runs/${run.id}/note`)).json();
    expect(note).toMatchObject({ language: "en", final: false });
    expect(note.text).toContain("Dana Reyes");
    expect(note.text).not.toContain("4242");

    const list = await (await api.get(`/api/v1/runs?externalRef=${ref}`)).json();
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([run.id]);

    // bad input: problem+json naming the field
    const bad = await api.post("/api/v1/runs", { data: { ...body, channel: "fax" } });
    expect(bad.status()).toBe(400);
    expect(bad.headers()["content-type"]).toContain("application/problem+json");
    expect((await bad.json()).field).toBe("channel");
    const badQuery = await api.get("/api/v1/runs?limit=0");
    expect((await badQuery.json()).field).toBe("limit");
    const notJson = await api.post("/api/v1/runs", { data: "{ nope", headers: { "Content-Type": "application/json" } });
    expect(notJson.status()).toBe(400);

    // provisioning
    const email = `provisioned.${Date.now()}@stepwise.example`;
    const created = await api.post("/api/v1/users", { data: { email, name: "Provisioned Person", role: "agent" } });
    expect(created.status()).toBe(201);
    const user = await created.json();
    expect(user).toMatchObject({ email, passwordSet: false, active: true });
    const off = await api.patch(`/api/v1/users/${user.id}`, { data: { active: false } });
    expect(await off.json()).toMatchObject({ active: false });
  } finally {
    await api.dispose();
  }
});

test("a token without the scope gets 403 naming it; the document and reference page are served", async ({ page }) => {
  const token = await mintToken(page, ["sops:read"]);
  const api = await client(token);
  try {
    const denied = await api.post("/api/v1/runs", { data: { sopId: SOP, agent: "agent@stepwise.example" } });
    expect(denied.status()).toBe(403);
    expect((await denied.json()).detail).toContain("runs:write");
  } finally {
    await api.dispose();
  }
  const anon = await playwrightRequest.newContext({ baseURL: BASE_URL });
  try {
    expect((await anon.get("/api/v1/sops")).status()).toBe(401);
    const doc = await anon.get("/api/openapi.json");
    expect(doc.status()).toBe(200);
    const json = await doc.json();
    expect(json.openapi).toBe("3.1.0");
    expect(Object.keys(json.paths)).toContain("/api/v1/runs/{runId}/events");
  } finally {
    await anon.dispose();
  }
  await page.goto("/admin/integrations/api");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Contents" })).toBeVisible();
  await expect(page.locator("#op-startRun")).toContainText("runs:write");
  await page
    .getByRole("navigation", { name: "Contents" })
    .getByRole("link", { name: /POST\s+\/api\/v1\/users$/ })
    .click();
  await expect(page).toHaveURL(/#op-createUser$/);
});

test("only admins reach the reference page", async ({ page }) => {
  await signIn(page, DEMO.agent);
  const res = await page.goto("/admin/integrations/api");
  expect(res?.status()).toBe(403);
});
