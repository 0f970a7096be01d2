// Admin → Integrations: an admin connects a help desk, gets a token shown once, sees it used, revokes it; bad input is
// named at its field; nobody but an admin reaches the pages.
import { request as playwrightRequest } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { apiClient, DEMO, expect, signIn, test } from "./fixtures";

test("an admin connects a help desk: token shown once, used by the API, then revoked", async ({ page }) => {
  const name = `Zendesk EU ${Date.now()}`;
  await signIn(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();

  // a path is not an origin: the field says so, nothing is created
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Allowed origins").fill("https://acme.zendesk.com/agent/tickets");
  await page.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByText(/is an address, not an origin/)).toBeVisible();
  await expect(page.getByLabel("Allowed origins")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Allowed origins").fill("https://acme.zendesk.com\nhttp://localhost:4000");
  await page.getByRole("button", { name: "Create integration" }).click();
  const created = page.getByRole("status").filter({ hasText: "is created" });
  await expect(created).toBeVisible();
  const secret = await page.getByLabel("Launch secret").inputValue();
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await created.getByRole("link", { name: new RegExp(name) }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  // the secret is never shown again
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByText("Hidden. It was shown when the integration was created or last rotated.")).toBeVisible();

  // a token needs a scope
  await page.getByLabel("Token name").fill("Zendesk app server");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Choose at least one scope.")).toBeVisible();

  await page.getByLabel("Token name").fill("Zendesk app server");
  await page.getByRole("checkbox", { name: /sops:read/ }).check();
  await page.getByRole("checkbox", { name: /runs:read/ }).check();
  await page.getByLabel("Expiry").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Copy it now: it is shown only this once.")).toBeVisible();
  const token = await page.locator("#new-token").inputValue();
  expect(token).toMatch(/^sw_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
  const row = page.locator('tr[data-token="Zendesk app server"]');
  await expect(row).toContainText(`sw_${token.slice(3, 11)}_…`);
  await expect(row).toContainText("sops:read");
  await expect(row).toContainText("Active");

  // the token works on the API, with its scopes only
  const api = await playwrightRequest.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  try {
    const sops = await api.get("/api/v1/sops");
    expect(sops.status()).toBe(200);
    const users = await api.get("/api/v1/users");
    expect(users.status()).toBe(403);
    expect(users.headers()["content-type"]).toContain("application/problem+json");
    expect(((await users.json()) as { detail: string }).detail).toContain("users:write");

    await page.reload();
    await expect(row).not.toContainText("Never"); // last used is recorded (expiry is in 30 days)
    await expect(page.locator("#new-token")).toHaveCount(0); // shown once: a reload does not show it again

    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "Revoke the token Zendesk app server" }).click();
    await expect(page.getByRole("status")).toContainText("is revoked");
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button")).toHaveCount(0);
    const after = await api.get("/api/v1/sops");
    expect(after.status()).toBe(401);
  } finally {
    await api.dispose();
  }

  // every change is in the integration's audit trail
  const trail = page.getByRole("table", { name: `Changes to ${name}` });
  await expect(trail).toContainText("Revoked the API token “Zendesk app server”");
  await expect(trail).toContainText("Created the API token “Zendesk app server”");
  await expect(trail).toContainText(`Created the integration “${name}”`);
});

test("an admin switches an integration off and rotates its launch secret", async ({ page }) => {
  const name = `CRM ${Date.now()}`;
  await signIn(page, DEMO.admin);
  await page.goto("/admin/integrations");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create integration" }).click();
  const first = await page.getByLabel("Launch secret").inputValue();
  await page
    .getByRole("status")
    .getByRole("link", { name: new RegExp(name) })
    .click();

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Rotate the launch secret" }).click();
  await expect(page.getByText("The new launch secret is below.")).toBeVisible();
  const second = await page.getByLabel("Launch secret").inputValue();
  expect(second).not.toBe(first);

  await page.getByRole("button", { name: "Switch off" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The integration is switched off." })).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: "its tokens are refused" })).toBeVisible();
  await page.goto("/admin/integrations");
  await expect(page.locator(`tr[data-integration="${name}"]`)).toContainText("Switched off");
});

test("only admins reach the integration pages", async () => {
  for (const who of [DEMO.lead, DEMO.agent, DEMO.trainer]) {
    const client = await apiClient(who);
    try {
      expect((await client.get("/admin/integrations")).status(), who).toBe(403);
      const post = await client.post("/admin/integrations", { form: { name: "Sneaky" } });
      expect(post.status(), who).toBe(403);
    } finally {
      await client.dispose();
    }
  }
});
