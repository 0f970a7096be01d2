// Lists that grow — My runs, the audit log, users — sort and filter on the server, keep their state in the URL
// (so a reload or a shared link shows the same view) and work without JavaScript through GET forms.
import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { apiClient, DEMO, expect, test } from "./fixtures";

const PASSWORD = "Silver-Ferry-Orchard-63";

async function newAgent(): Promise<string> {
  const admin = await apiClient(DEMO.admin);
  try {
    const email = `tables.${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}@stepwise.example`;
    const res = await admin.post("/admin/users/new", {
      form: { name: "Tia Tables", email, role: "agent", departmentId: "", password: PASSWORD },
      maxRedirects: 0,
    });
    expect(res.status(), await res.text().catch(() => "")).toBe(302);
    return email;
  } finally {
    await admin.dispose();
  }
}

async function signInTo(page: Page, email: string, password: string, path: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(path)}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((url) => url.pathname === path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

async function run(request: APIRequestContext, sopId: string, customerRef: string, complete = false) {
  const res = await request.post("/api/runs", { data: { sopId, customerRef } });
  expect(res.status()).toBe(201);
  const id = ((await res.json()) as { id: string }).id;
  if (complete) {
    const done = await request.post(`/api/runs/${id}/events`, {
      data: { events: [{ id: randomUUID(), at: Date.now(), type: "completed", outcome: "resolved", wrapUp: "Done." }] },
    });
    expect(done.status()).toBe(200);
  }
  return id;
}

const header = (page: Page, name: string) => page.getByRole("columnheader", { name });
const firstCells = (page: Page) => page.locator("tbody tr td:first-child a");

test("My runs: sortable headers with aria-sort, a text and a status filter, all kept in the URL", async ({ page }) => {
  const email = await newAgent();
  await signInTo(page, email, PASSWORD, "/runs");
  // never ran anything: the empty state says what to do next, and there is nothing to filter yet
  await expect(page.getByText("You have not run a procedure yet.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the library" })).toBeVisible();
  await expect(page.getByRole("search", { name: "Filter your runs" })).toHaveCount(0);

  await run(page.request, "refund-and-return", "ORD-300");
  await run(page.request, "complaint-handling", "ORD-100", true);
  await run(page.request, "identity-verification", "ORD-200", true);
  await page.reload();

  // newest first by default, said by aria-sort on the header; the sort controls are buttons inside the headers
  await expect(header(page, "Started")).toHaveAttribute("aria-sort", "descending");
  await expect(header(page, "Procedure")).toHaveAttribute("aria-sort", "none");
  await expect(header(page, "Procedure").getByRole("button", { name: "Procedure" })).toBeVisible();
  await expect(firstCells(page)).toHaveText([
    "Identity verification before discussing an account",
    "Complaint handling with follow-up",
    "Refund and return with RMA",
  ]);
  await expect(page.getByRole("status").filter({ hasText: "3 runs" })).toBeVisible();

  // sort by procedure: A→Z, then Z→A; the focus stays on the button pressed
  const byProcedure = header(page, "Procedure").getByRole("button");
  await byProcedure.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]sort=sop(&|$)/);
  await expect(header(page, "Procedure")).toHaveAttribute("aria-sort", "ascending");
  await expect(header(page, "Started")).toHaveAttribute("aria-sort", "none");
  await expect(firstCells(page)).toHaveText([
    "Complaint handling with follow-up",
    "Identity verification before discussing an account",
    "Refund and return with RMA",
  ]);
  await expect(byProcedure).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(header(page, "Procedure")).toHaveAttribute("aria-sort", "descending");
  await expect(firstCells(page).first()).toHaveText("Refund and return with RMA");

  // a text filter on SOP title or customer reference keeps the sort; the state survives a reload
  await page.getByLabel("Procedure or customer").fill("ord-1");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\?q=ord-1&sort=-sop$/);
  await expect(firstCells(page)).toHaveText(["Complaint handling with follow-up"]);
  await page.reload();
  await expect(page.getByLabel("Procedure or customer")).toHaveValue("ord-1");
  await expect(header(page, "Procedure")).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByRole("status").filter({ hasText: "1 run matches" })).toBeVisible();

  // status filter; nothing matching says so and offers a way back
  await page.getByLabel("Procedure or customer").fill("");
  await page.getByLabel("Status", { exact: true }).selectOption("active");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(firstCells(page)).toHaveText(["Refund and return with RMA"]);
  await page.getByLabel("Procedure or customer").fill("no such thing");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No run matches these filters.")).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Clear filters" }).first().click();
  await expect(firstCells(page)).toHaveCount(3);
  await expect(page.getByLabel("Procedure or customer")).toHaveValue("");
});

test("My runs pages on the server and keeps sort and filters across pages", async ({ page }) => {
  const email = await newAgent();
  await signInTo(page, email, PASSWORD, "/runs");
  for (let i = 0; i < 26; i++) await run(page.request, "identity-verification", `PAGE-${String(i).padStart(2, "0")}`);
  await page.goto("/runs?sort=customer");
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(25);
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\?sort=customer&page=2$/);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator("tbody tr")).toContainText("PAGE-25");
  // a page past the end shows the last page, not an empty list
  await page.goto("/runs?sort=customer&page=99");
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the audit log sorts and filters through plain GET forms, and says what is wrong with a date range", async ({
    page,
  }) => {
    await signInTo(page, DEMO.admin, "stepwise-demo", "/admin/audit");
    await expect(header(page, "When")).toHaveAttribute("aria-sort", "descending");
    await header(page, "Action").getByRole("button").click();
    await expect(page).toHaveURL(/\/admin\/audit\?sort=action$/);
    await expect(header(page, "Action")).toHaveAttribute("aria-sort", "ascending");
    await page.waitForLoadState("load");
    const actions = await page.locator("tbody tr td:nth-child(4)").allTextContents();
    expect(actions.length).toBeGreaterThan(1);
    expect([...actions].sort()).toEqual(actions);

    // a family of actions, one person (the system: seeding), and the sort stays
    await page.getByLabel("Action", { exact: true }).selectOption("sop");
    await page.getByLabel("Who", { exact: true }).selectOption("system");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/action=sop&actor=system/);
    await expect(page).toHaveURL(/sort=action/);
    await expect(page.getByRole("status").filter({ hasText: "match" })).toBeVisible();
    const filtered = await page.locator("tbody tr td:nth-child(4)").allTextContents();
    expect(filtered.length).toBeGreaterThan(0);
    for (const a of filtered) expect(a).toMatch(/^sop\./);
    await expect(page.locator("tbody tr td:nth-child(2)").first()).toHaveText("System");

    // a range that ends before it starts is named, not silently applied
    await page.goto("/admin/audit?from=2026-12-01&to=2026-11-01");
    await expect(page.getByText("The end date is before the start date.")).toBeVisible();
    await expect(page.getByLabel("To")).toHaveAttribute("aria-invalid", "true");
    // a range in the far past matches nothing and says how to widen it
    await page.goto("/admin/audit?from=2001-01-01&to=2001-01-31");
    await expect(page.getByText("No entry matches these filters.")).toBeVisible();
  });
});

test("Users: filter by role, department, status and name; sort by role", async ({ page }) => {
  await signInTo(page, DEMO.admin, "stepwise-demo", "/admin/users");
  await page.getByLabel("Role", { exact: true }).selectOption("lead");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]role=lead(&|$)/);
  await expect(page.getByRole("status").filter({ hasText: "match" })).toBeVisible();
  const roles = await page.locator("tbody tr td:nth-child(3)").allTextContents();
  expect(roles.length).toBeGreaterThanOrEqual(4);
  expect(new Set(roles)).toEqual(new Set(["Team lead"]));

  await page.getByLabel("Department", { exact: true }).selectOption({ label: "Billing" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]department=\d+/);
  await expect(page.getByRole("link", { name: "Marco Rossi" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Lena Fischer" })).toHaveCount(0);

  await page.goto("/admin/users?q=ROSSI");
  await expect(page.getByLabel("Name or e-mail")).toHaveValue("ROSSI");
  await expect(firstCells(page)).toHaveText(["Marco Rossi"]);

  await page.goto("/admin/users?department=none");
  await expect(page.getByRole("link", { name: "Amira Haddad" })).toBeVisible();

  await page.goto("/admin/users");
  await header(page, "Role").getByRole("button").click();
  await expect(header(page, "Role")).toHaveAttribute("aria-sort", "ascending");
  await expect(page.locator("tbody tr td:nth-child(3)").first()).toHaveText("Administrator");

  // unknown values in the URL are ignored, never an error page
  const res = await page.goto("/admin/users?role=root&department=999&status=maybe&sort=password&page=-3");
  expect(res!.status()).toBe(200);
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue("");
});
