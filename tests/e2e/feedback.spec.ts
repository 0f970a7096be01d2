// The feedback inbox round trip (issue 11): an agent flags a step during a call, the SOP's lead accepts it with
// a reply in /feedback, and the agent's home shows the reply. Only leads (of the SOP's department) and admins
// handle flags: the agent's and another department's lead's POSTs are refused.
import { randomUUID } from "node:crypto";
import { apiClient, DEMO, expect, signIn, test, uniqueIp } from "./fixtures";
import { openNewRun, sync } from "./runbook-fixtures";

test("an agent's flag reaches the lead's inbox, the reply reaches the agent's home", async ({ page, browser }) => {
  const text = `The IVR already verifies callers ${randomUUID().slice(0, 8)}`;
  const reply = `Good point, we will shorten this step ${randomUUID().slice(0, 8)}`;

  // The agent flags the first step of a Customer Service SOP from the Flag tab.
  await signIn(page, DEMO.agent);
  await openNewRun(page, "identity-verification");
  await page.getByRole("tab", { name: "Flag" }).click();
  await page.getByLabel("What is wrong").selectOption("outdated");
  await page.getByLabel("Details").fill(text);
  await page.getByRole("button", { name: "Send to the lead" }).click();
  await expect(page.getByText("Thank you — your lead will see it.")).toBeVisible();
  await expect(sync(page)).toHaveText(/All changes saved/);

  // The department's lead finds it in the inbox, filtered to that SOP, and accepts it with a reply.
  const leadContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() } });
  const lead = await leadContext.newPage();
  let flagId: string;
  try {
    await signIn(lead, DEMO.lead);
    await lead.getByRole("link", { name: "Feedback" }).first().click();
    await expect(lead).toHaveURL(/\/feedback$/);
    await lead.getByLabel("SOP").selectOption("identity-verification");
    await lead.getByRole("button", { name: "Show" }).click();
    await expect(lead).toHaveURL(/\/feedback\?state=open&sop=identity-verification$/);
    const card = lead.getByTestId("flag-card").filter({ hasText: text });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText("Identity verification before discussing an account");
    await expect(card).toContainText("Outdated");
    await expect(card).toContainText("New");
    await expect(card.getByRole("link", { name: "The run's timeline" })).toHaveAttribute("href", /^\/runs\/[0-9a-f-]{36}\/timeline$/);
    await expect(card.getByRole("link", { name: "Open in editor" })).toHaveAttribute("href", /^\/sops\/identity-verification\/edit#step-/);
    flagId = await card.locator('input[name="flagId"]').first().inputValue();

    // Accepting without a reply is refused by field.
    await card.getByRole("button", { name: "Accept" }).click();
    await expect(card.locator(".field-error")).toHaveText("Write a reply for the agent.");
    await card.getByLabel("Reply to the agent").fill(reply);
    await card.getByRole("button", { name: "Accept" }).click();
    await expect(lead.getByRole("status").filter({ hasText: "Flag accepted" })).toBeVisible();
    await expect(card).toContainText("Accepted");
    await expect(card).toContainText(reply);
    // Accepted flags can still be marked done or dismissed, but not accepted again.
    await expect(card.getByRole("button", { name: "Accept" })).toHaveCount(0);
    await expect(card.getByRole("button", { name: "Dismiss" })).toBeVisible();

    // The SOP's page counts its open flags for the lead and links to them.
    await lead.goto("/sops/identity-verification");
    await expect(lead.getByRole("link", { name: /^\d+ open flags?$/ })).toHaveAttribute("href", "/feedback?sop=identity-verification");
  } finally {
    await leadContext.close();
  }

  // The agent's home shows what became of the flag.
  await page.goto("/");
  const mine = page.getByRole("region", { name: /Your flags/ });
  const row = mine.getByRole("listitem").filter({ hasText: text });
  await expect(row).toContainText("Accepted");
  await expect(row).toContainText(`Reply: ${reply}`);

  // Handling flags is for the SOP's leads and admins: the agent, and a lead of another department, are refused.
  const agent = await apiClient(DEMO.agent);
  const billingLead = await apiClient(DEMO.billingLead);
  const admin = await apiClient(DEMO.admin);
  try {
    const forms: Record<string, string>[] = [{ intent: "dismiss", flagId, reason: "Not needed" }, { intent: "reopen", flagId }];
    for (const form of forms) {
      expect((await agent.post("/feedback", { form, maxRedirects: 0 })).status()).toBe(403);
      expect((await billingLead.post("/feedback", { form, maxRedirects: 0 })).status()).toBe(403);
    }
    expect((await agent.get("/feedback", { maxRedirects: 0 })).status()).toBe(403);
    // An admin may: dismiss, then reopen (reopening an open flag is a conflict).
    expect((await admin.post("/feedback", { form: { intent: "reopen", flagId }, maxRedirects: 0 })).status()).toBe(409);
    expect((await admin.post("/feedback", { form: { intent: "dismiss", flagId, reason: "" }, maxRedirects: 0 })).status()).toBe(400);
    expect((await admin.post("/feedback", { form: { intent: "dismiss", flagId, reason: "Covered by the IVR change" }, maxRedirects: 0 })).status()).toBe(200);
    expect((await admin.post("/feedback", { form: { intent: "reopen", flagId }, maxRedirects: 0 })).status()).toBe(200);
  } finally {
    await Promise.all([agent.dispose(), billingLead.dispose(), admin.dispose()]);
  }
});
