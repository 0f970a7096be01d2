import { DEMO, expect, signIn, test } from "./fixtures";

test("an admin creates a user, changes their role and sees both in the audit log", async ({ page, browser }) => {
  const email = `new.agent.${Date.now()}@stepwise.example`;
  await signIn(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByRole("link", { name: "New user" }).click();

  // bad input is named field by field
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("Enter the person's name.")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();

  await page.getByLabel("Name").fill("Noor Rahimi");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Role").selectOption("agent");
  await page.getByLabel("Department").selectOption({ label: "Billing" });
  await page.getByLabel("Initial password").fill("a-strong-password");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Noor Rahimi" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("User created.");

  await page.getByLabel("Role").selectOption("lead");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Changes saved.");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("cell", { name: `Created ${email} as Agent (Billing)` })).toBeVisible();
  await expect(page.getByRole("cell", { name: `Changed ${email}'s role from Agent to Team lead` })).toBeVisible();

  // the new account works, with the navigation of its new role
  const other = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77" } });
  const p2 = await other.newPage();
  await signIn(p2, email, "a-strong-password");
  await expect(p2.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
    "Library",
    "Editor",
    "Reviews",
    "Feedback",
    "Analytics",
  ]);
  await other.close();
});

test("an admin cannot deactivate or demote themselves", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByRole("link", { name: "Amira Haddad" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Amira Haddad" })).toBeVisible();
  // a choice made before the page has hydrated is reset by hydration: wait for the scripts first
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Role").selectOption("agent");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert")).toContainText("You can't deactivate yourself or change your own role");
});

test("a deactivated user is signed out at once and cannot sign in", async ({ page, browser }) => {
  const email = `leaver.${Date.now()}@stepwise.example`;
  await signIn(page, DEMO.admin);
  await page.goto("/admin/users/new");
  await page.getByLabel("Name").fill("Lee Leaver");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Initial password").fill("amber-lantern-quay-77");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status")).toContainText("User created.");

  const ctx = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.78" } });
  const leaver = await ctx.newPage();
  await signIn(leaver, email, "amber-lantern-quay-77");

  await page.getByLabel(/Deactivated: signed out everywhere/).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Changes saved.");

  await leaver.reload();
  await expect(leaver).toHaveURL(/\/login/);
  await leaver.getByLabel("E-mail").fill(email);
  await leaver.getByLabel("Password").fill("amber-lantern-quay-77");
  await leaver.getByRole("button", { name: "Sign in" }).click();
  await expect(leaver.getByRole("alert")).toContainText("deactivated");
  await ctx.close();
});

test("Departments shows each department's active members and procedures (they used to read 0 everywhere)", async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Departments" }).click();
  // Technical Support: its lead, the two agents of the demo call history, and its one demo SOP (no other spec adds to
  // it)
  const support = page.getByRole("form", { name: "Technical Support" });
  await expect(support.getByTestId("members")).toHaveText("3 active members");
  await expect(support.getByTestId("procedures")).toHaveText("1 procedure");
  // Customer Service: at least its lead, agent, trainer and trainee; six demo SOPs
  const service = page.getByRole("form", { name: "Customer Service" });
  expect(Number((await service.getByTestId("members").textContent())?.match(/\d+/)?.[0])).toBeGreaterThanOrEqual(4);
  expect(Number((await service.getByTestId("procedures").textContent())?.match(/\d+/)?.[0])).toBeGreaterThanOrEqual(6);
  // the counts lead to the lists they count
  await support.getByTestId("members").click();
  await expect(page).toHaveURL(/\/admin\/users\?department=\d+&status=active$/);
  await expect(page.getByRole("link", { name: "Kenji Watanabe" })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(3);
});
