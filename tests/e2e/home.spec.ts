// The home page answers "what do I do now", per role, from real data: an agent's calls in progress and
// follow-ups due, a lead's department (and only theirs), an admin's whole organisation, a trainee's library.
// Tests that need a clean slate work on accounts of their own; the demo accounts are shared by every spec.
import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { apiClient, DEMO, expect, test } from "./fixtures";

const PASSWORD = "Copper-Kettle-Meadow-42";

async function departmentIds(admin: APIRequestContext): Promise<Record<string, string>> {
  const html = await (await admin.get("/admin/users/new")).text();
  return Object.fromEntries(
    [...html.matchAll(/<option value="(\d+)">([^<]+)<\/option>/g)].map((m) => [m[2]!.replace(/&amp;/g, "&"), m[1]!]),
  );
}

/** A fresh account of `role` in `department` (through the admin's form). */
async function newUser(role: "agent" | "trainee" | "lead", department: string): Promise<string> {
  const admin = await apiClient(DEMO.admin);
  try {
    const email =
      `home.${role}.${Date.now().toString(36)}` + `${Math.floor(Math.random() * 1e6).toString(36)}@stepwise.example`;
    const departmentId = (await departmentIds(admin))[department];
    expect(departmentId, department).toBeTruthy();
    const res = await admin.post("/admin/users/new", {
      form: { name: `Dana ${role} Home`, email, role, departmentId: departmentId!, password: PASSWORD },
      maxRedirects: 0,
    });
    expect(res.status(), await res.text().catch(() => "")).toBe(302);
    return email;
  } finally {
    await admin.dispose();
  }
}

async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Good (morning|afternoon|evening), /);
}

async function startRun(request: APIRequestContext, sopId: string, customerRef: string): Promise<string> {
  const res = await request.post("/api/runs", { data: { sopId, customerRef } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function send(request: APIRequestContext, runId: string, ...events: Record<string, unknown>[]) {
  const res = await request.post(`/api/runs/${runId}/events`, {
    data: { events: events.map((e) => ({ id: randomUUID(), at: Date.now(), ...e })) },
  });
  expect(res.status(), await res.text()).toBe(200);
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const card = (page: Page, name: string | RegExp) => page.getByRole("region", { name });

test("a new agent's home says what to do next, then shows the call to resume and the follow-up that is late", async ({
  page,
}) => {
  const email = await newUser("agent", "Customer Service");
  await signInAs(page, email, PASSWORD);

  // nothing yet: every card says what to do, none is a placeholder
  await expect(card(page, /Calls in progress/).getByTestId("count")).toHaveText("0");
  await expect(card(page, /Calls in progress/)).toContainText(
    "No call in progress. Search above or press / to start one.",
  );
  await expect(card(page, /Follow-ups due/)).toContainText("Nothing due.");
  await expect(card(page, /Recent calls/)).toContainText("Calls you wrap up appear here");
  // the navigation is not repeated as a list of links
  await expect(page.getByRole("main").getByRole("link", { name: "Follow-ups", exact: true })).toHaveCount(0);

  const active = await startRun(page.request, "identity-verification", "CUST-ACTIVE-1");
  await send(page.request, active, { type: "step.focused", stepId: "identify-account" });
  const late = await startRun(page.request, "complaint-handling", "CUST-LATE-7");
  await send(page.request, late, {
    type: "completed",
    outcome: "follow-up",
    followUpDue: day(-1),
    wrapUp: "Promised a call back.",
  });
  const upcoming = await startRun(page.request, "complaint-handling", "CUST-LATER-9");
  await send(page.request, upcoming, {
    type: "completed",
    outcome: "follow-up",
    followUpDue: day(3),
    wrapUp: "Call back next week.",
  });

  await page.reload();
  const inProgress = card(page, /Calls in progress/);
  await expect(inProgress.getByTestId("count")).toHaveText("1");
  await expect(inProgress.getByRole("listitem")).toHaveCount(1);
  await expect(inProgress.getByRole("listitem")).toContainText("Step 2 of 7: Find the account");
  await expect(inProgress.getByRole("listitem")).toContainText("CUST-ACTIVE-1");

  const due = card(page, /Follow-ups due/);
  await expect(due.getByTestId("count")).toHaveText("1");
  await expect(due.getByRole("listitem")).toHaveCount(1);
  await expect(due.getByRole("listitem")).toContainText("CUST-LATE-7");
  await expect(due.getByRole("listitem")).toContainText("Complaint handling with follow-up");
  await expect(due.getByRole("listitem")).toContainText("Overdue");
  await expect(due.getByRole("link", { name: "All follow-ups (2 open)" })).toHaveAttribute("href", "/follow-ups");

  const recent = card(page, /Recent calls/);
  await expect(recent.getByTestId("count")).toHaveText("2");
  await expect(recent.getByRole("listitem").first()).toContainText("Follow-up");
  await expect(recent.getByRole("link", { name: "All my runs" })).toHaveAttribute("href", "/runs?status=completed");

  // resume the call in progress from the card
  await inProgress.getByRole("link", { name: "Identity verification before discussing an account" }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${active}$`));

  // "Find a procedure" is a search that works from the keyboard (and without scripts: a GET form)
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Find a procedure" }).fill("refund");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/library\?q=refund$/);
});

test("a lead sees their department's overdue reviews and agents' flags; another department's lead does not", async ({
  page,
  browser,
}) => {
  const agent = await apiClient(DEMO.agent);
  const text = `The KBA questions are unclear ${randomUUID().slice(0, 8)}`;
  try {
    const run = await startRun(agent, "identity-verification", "CUST-FLAG");
    await send(agent, run, { type: "step.flagged", stepId: "security-questions", kind: "unclear", text });
  } finally {
    await agent.dispose();
  }

  await signInAs(page, DEMO.lead, "stepwise-demo");
  await expect(page.getByText("Team lead · Customer Service")).toBeVisible();
  const overdue = card(page, /Overdue for review/);
  await expect(overdue.getByRole("link", { name: "E-mail enquiry response within two hours" })).toBeVisible();
  await expect(overdue.getByRole("listitem").filter({ hasText: "E-mail enquiry response" })).toContainText(
    /\d+ days? late/,
  );
  const flags = card(page, /Flags from agents/);
  const flag = flags.getByRole("listitem").filter({ hasText: text });
  await expect(flag).toContainText("Identity verification before discussing an account");
  await expect(flag).toContainText("step 3, Ask three KBA questions");
  await expect(flag).toContainText("Unclear");
  await expect(flag.getByRole("link")).toHaveAttribute("href", "/sops/identity-verification#step-security-questions");
  expect(Number(await flags.getByTestId("count").textContent())).toBeGreaterThanOrEqual(1);
  await expect(card(page, /Reviews waiting for you/)).toBeVisible();
  await expect(card(page, /Your drafts/).getByRole("link", { name: "Open the editor" })).toBeVisible();

  // the Billing lead oversees Billing only: neither the Customer Service flag nor its overdue SOP
  const other = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.91" } });
  const billing = await other.newPage();
  await signInAs(billing, DEMO.billingLead, "stepwise-demo");
  await expect(card(billing, /Flags from agents/)).toBeVisible();
  await expect(card(billing, /Flags from agents/)).not.toContainText(text);
  await expect(card(billing, /Overdue for review/)).not.toContainText("E-mail enquiry response");
  await other.close();
});

test("an admin sees flags across departments and the organisation at a glance", async ({ page }) => {
  const agent = await apiClient(DEMO.agent);
  const text = `Card dispute step is outdated ${randomUUID().slice(0, 8)}`;
  try {
    const run = await startRun(agent, "billing-dispute-card-charge", "CUST-BILL");
    await send(agent, run, { type: "step.flagged", stepId: "verify", kind: "outdated", text });
  } finally {
    await agent.dispose();
  }
  await signInAs(page, DEMO.admin, "stepwise-demo");
  await expect(
    card(page, /Flags from agents/)
      .getByRole("listitem")
      .filter({ hasText: text }),
  ).toContainText("Billing dispute on a card charge");
  await expect(card(page, /Reviews waiting/)).toBeVisible();
  await expect(card(page, /Open drafts/)).toBeVisible();
  const glance = card(page, "At a glance");
  await expect(glance.getByRole("link", { name: "4", exact: true })).toHaveAttribute("href", "/admin/departments");
  await expect(card(page, /Recent changes/).getByRole("link", { name: "Full audit log" })).toHaveAttribute(
    "href",
    "/admin/audit",
  );
});

test("a trainee's home lists their department's procedures and says how to practise", async ({ page }) => {
  const email = await newUser("trainee", "Customer Service");
  await signInAs(page, email, PASSWORD);
  const procedures = card(page, /Procedures in Customer Service/);
  await expect(procedures.getByRole("listitem")).toHaveCount(5);
  expect(Number(await procedures.getByTestId("count").textContent())).toBeGreaterThanOrEqual(6);
  await expect(procedures.getByRole("link", { name: "Browse the library" })).toHaveAttribute(
    "href",
    "/library?department=customer-service",
  );
  await expect(card(page, /Your practice runs/)).toContainText("You have not practised a procedure yet.");
  await expect(card(page, /Updated in the last 30 days/)).toBeVisible();
  // every card is a labelled region with a title; badges never wrap onto two lines
  for (const badge of await page.locator(".count-badge, .summary-card .badge").all()) {
    const box = await badge.boundingBox();
    expect(box!.height).toBeLessThan(30);
  }
});

test("at 400 px the cards stack in one column without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 900 });
  await signInAs(page, DEMO.admin, "stepwise-demo");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(400);
  const boxes = await Promise.all((await page.locator(".summary-card").all()).slice(0, 3).map((c) => c.boundingBox()));
  expect(new Set(boxes.map((b) => Math.round(b!.x))).size, "one column").toBe(1);
});
