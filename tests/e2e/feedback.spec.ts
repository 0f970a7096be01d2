// The feedback inbox round trip (issue 11): an agent flags a step during a call, the SOP's lead accepts it with
// a reply in /feedback, and the agent's home shows the reply. Only leads (of the SOP's department) and admins
// handle flags: the agent's and another department's lead's POSTs are refused. The full loop: the lead reads the
// run's path on the card, opens the step in the editor, publishes the fix with the flag ticked, and the agent's
// home says it was fixed in that version.
import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { apiClient, createSop, DEMO, expect, lifecycle, OPENED, signIn, test, uniqueIp, userIdOf } from "./fixtures";
import { openNewRun, runReady, sync } from "./runbook-fixtures";

/** Flags the run's current step from the Flag tab, as the agent does, and waits until the flag is saved. */
async function flagCurrentStep(page: Page, reason: string, details: string) {
  await page.getByRole("tab", { name: "Flag" }).click();
  await page.getByLabel("What is wrong").selectOption(reason);
  await page.getByLabel("Details").fill(details);
  await page.getByRole("button", { name: "Send to the lead" }).click();
  await expect(page.getByText("Thank you — your lead will see it.")).toBeVisible();
  await expect(sync(page)).toHaveText(/All changes saved/);
}

test("an agent's flag reaches the lead's inbox, the reply reaches the agent's home", async ({ page, browser }) => {
  const text = `The IVR already verifies callers ${randomUUID().slice(0, 8)}`;
  const reply = `Good point, we will shorten this step ${randomUUID().slice(0, 8)}`;

  // The agent flags the first step of a Customer Service SOP from the Flag tab.
  await signIn(page, DEMO.agent);
  await openNewRun(page, "identity-verification");
  await flagCurrentStep(page, "outdated", text);

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
    await expect(card.getByRole("link", { name: "The run's timeline" })).toHaveAttribute(
      "href",
      /^\/runs\/[0-9a-f-]{36}\/timeline$/,
    );
    await expect(card.getByRole("link", { name: "Open in editor" })).toHaveAttribute(
      "href",
      /^\/sops\/identity-verification\/edit\?step=[a-z0-9-]+$/,
    );
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
    await expect(lead.getByRole("link", { name: /^\d+ open flags?$/ })).toHaveAttribute(
      "href",
      "/feedback?sop=identity-verification",
    );
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
    const forms: Record<string, string>[] = [
      { intent: "dismiss", flagId, reason: "Not needed" },
      { intent: "reopen", flagId },
    ];
    for (const form of forms) {
      expect((await agent.post("/feedback", { form, maxRedirects: 0 })).status()).toBe(403);
      expect((await billingLead.post("/feedback", { form, maxRedirects: 0 })).status()).toBe(403);
    }
    expect((await agent.get("/feedback", { maxRedirects: 0 })).status()).toBe(403);
    // An admin may: dismiss, then reopen (reopening an open flag is a conflict).
    expect((await admin.post("/feedback", { form: { intent: "reopen", flagId }, maxRedirects: 0 })).status()).toBe(409);
    expect(
      (await admin.post("/feedback", { form: { intent: "dismiss", flagId, reason: "" }, maxRedirects: 0 })).status(),
    ).toBe(400);
    expect(
      (
        await admin.post("/feedback", {
          form: { intent: "dismiss", flagId, reason: "Covered by the IVR change" },
          maxRedirects: 0,
        })
      ).status(),
    ).toBe(200);
    expect((await admin.post("/feedback", { form: { intent: "reopen", flagId }, maxRedirects: 0 })).status()).toBe(200);
  } finally {
    await Promise.all([agent.dispose(), billingLead.dispose(), admin.dispose()]);
  }
});

/** One lifecycle step over HTTP that must succeed. */
async function lifecycleOk(client: APIRequestContext, sopId: string, form: Record<string, string>) {
  const res = await lifecycle(client, sopId, form);
  expect(res.status(), await res.text()).toBe(200);
}

test(
  "the full loop: a flag in a call, the run's path in the inbox, accepted, " +
    "fixed in the editor, published ticked, fixed on the agent's home",
  async ({ page, browser }) => {
    test.setTimeout(150_000);
    const suffix = randomUUID().slice(0, 8);
    const title = `Flag round trip ${suffix}`;
    const text = `Ask what the customer expects first ${suffix}`;
    const reply = `Agreed, adding that to the step ${suffix}`;
    const added = `Ask what the customer expects before you follow the diagram ${suffix}.`;

    // A Customer Service SOP from the standard template, reviewed by the admin and published as v1 (over HTTP).
    const leadApi = await apiClient(DEMO.lead);
    const adminApi = await apiClient(DEMO.admin);
    let sopId: string;
    try {
      sopId = await createSop(leadApi, title);
      const adminId = await userIdOf(adminApi, DEMO.admin);
      await lifecycleOk(leadApi, sopId, { intent: "submit", reviewerId: adminId, comment: "", confirmWarnings: "1" });
      await lifecycleOk(adminApi, sopId, { intent: "approve", comment: "" });
      await lifecycleOk(leadApi, sopId, { intent: "publish", changeNote: "First version", confirmWarnings: "1" });
    } finally {
      await leadApi.dispose();
    }

    // The agent's call: the name captured, step 1 done, step 2 skipped, the resolution flow answered "Yes", then
    // step 3 flagged from the Flag tab.
    await signIn(page, DEMO.agent);
    const runId = await openNewRun(page, sopId);
    let at = Date.now();
    const ev = (e: Record<string, unknown>) => ({ id: randomUUID(), at: ++at, ...e });
    const events = [
      ev({ type: "field.captured", name: "customer_name", value: "Maria Rossi" }),
      ev({ type: "step.completed", stepId: "greet" }),
      ev({ type: "step.skipped", stepId: "verify", reason: "Known caller, verified by phone number" }),
      ev({ type: "step.focused", stepId: "resolve" }),
      ev({ type: "flow.answered", flowId: "resolution", nodeId: "start", to: "can-resolve" }),
      ev({ type: "flow.answered", flowId: "resolution", nodeId: "can-resolve", to: "resolve", label: "Yes" }),
    ];
    expect((await page.request.post(`/api/runs/${runId}/events`, { data: { events } })).status()).toBe(200);
    await page.reload();
    await runReady(page);
    await expect(page.locator("#current-step-title")).toContainText("Resolve the request");
    await flagCurrentStep(page, "missing-case", text);

    const leadContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() } });
    const lead = await leadContext.newPage();
    try {
      await signIn(lead, DEMO.lead);
      // The home card counts the open flags in the lead's department and leads to the inbox.
      const flagsCard = lead.getByRole("region", { name: /Flags from agents/ });
      expect(Number(await flagsCard.getByTestId("count").textContent())).toBeGreaterThanOrEqual(1);
      await expect(flagsCard.getByRole("link", { name: /All flags in the Feedback inbox/ })).toHaveAttribute(
        "href",
        "/feedback",
      );

      // The editor overview counts the SOP's open flags and links to them.
      await lead.goto("/editor");
      const row = lead.locator(`tr[data-sop="${sopId}"]`);
      await row.getByRole("link", { name: /^1 open flag on / }).click();
      await expect(lead).toHaveURL(new RegExp(`/feedback\\?sop=${sopId}$`));
      const card = lead.getByTestId("flag-card").filter({ hasText: text });
      await expect(card).toHaveCount(1);
      await expect(card).toContainText(`${title} · Step 3: Resolve the request · v1`);

      // The run behind the flag: the path up to the flagged step, the answer chosen, the value its script uses.
      const run = card.getByTestId("flag-run");
      const steps = run.getByRole("list", { name: "Steps in order" }).getByRole("listitem");
      await expect(steps).toHaveCount(3);
      await expect(steps.nth(0)).toContainText("1. Greet the customer");
      await expect(steps.nth(0)).toContainText("Done");
      await expect(steps.nth(1)).toContainText("2. Verify the customer");
      await expect(steps.nth(1)).toContainText("Skipped");
      await expect(steps.nth(1)).toContainText("Known caller, verified by phone number");
      await expect(steps.nth(2)).toContainText("3. Resolve the request");
      await expect(steps.nth(2)).toContainText("Flagged");
      await expect(steps.nth(2)).toHaveAttribute("aria-current", "step");
      await expect(run.getByRole("definition").filter({ hasText: /^Yes$/ })).toHaveCount(1);
      await expect(run.getByRole("term").filter({ hasText: "Can you resolve it yourself?" })).toHaveCount(1);
      await expect(run.getByRole("term").filter({ hasText: "Customer's name" })).toHaveCount(1);
      await expect(run).toContainText("Maria Rossi");
      await expect(card.getByRole("link", { name: "The run's timeline" })).toHaveAttribute(
        "href",
        `/runs/${runId}/timeline`,
      );

      await card.getByLabel("Reply to the agent").fill(reply);
      await card.getByRole("button", { name: "Accept" }).click();
      await expect(lead.getByRole("status").filter({ hasText: "Flag accepted" })).toBeVisible();
      await expect(card).toContainText("Accepted");

      // "Open in editor" lands on the flagged step's line in the source (the first change starts the draft).
      await card.getByRole("link", { name: "Open in editor" }).click();
      await expect(lead).toHaveURL(new RegExp(`/sops/${sopId}/edit\\?step=resolve$`));
      await expect(lead.locator(".code-editor[data-ready] .cm-content")).toBeVisible();
      await expect(lead).toHaveURL(new RegExp(`/sops/${sopId}/edit\\?step=resolve$`));
      const activeLine = lead.locator(".cm-content .cm-activeLine");
      await expect(activeLine).toHaveText('<Step id="resolve" title="Resolve the request">');
      await expect(activeLine).toBeInViewport();
      await expect(lead.getByTestId("save-status")).toHaveText(OPENED);

      // The fix: a line of instruction under the step's tag, saved, sent to the admin for review. The tag's line
      // wraps in the editor and End stops at each wrap point first: press it until the line's end.
      for (let i = 0; i < 4; i++) await lead.keyboard.press("End");
      await lead.keyboard.press("Enter");
      await lead.keyboard.press("Enter");
      await lead.keyboard.type(added);
      await expect(lead.getByTestId("save-status")).toHaveText(/Saved · revision \d+/, { timeout: 15_000 });
      // Under the step's tag, in its body: the title is untouched.
      await expect(lead.getByTestId("editor-preview").locator("#step-resolve .step-body")).toContainText(added);
      await expect(lead.getByTestId("editor-preview").locator("#step-title-resolve")).toHaveText(
        /Resolve the request$/,
      );
      await lead.getByRole("button", { name: "Send to review" }).click();
      const dialog = lead.getByRole("dialog", { name: "Send to review" });
      const reviewer = dialog.getByLabel("Reviewer", { exact: true });
      await reviewer.selectOption({
        label: (await reviewer
          .locator("option", { hasText: /admin@/ })
          .first()
          .textContent())!,
      });
      const confirm = dialog.getByRole("checkbox");
      if (await confirm.count()) await confirm.check();
      await dialog.getByRole("button", { name: "Send to review" }).click();
      await expect(lead.getByRole("heading", { name: /In review with/ })).toBeVisible();
      await lifecycleOk(adminApi, sopId, { intent: "approve", comment: "Clearer" });

      // Publishing lists the SOP's open flags; the accepted one is ticked: "This version fixes …".
      await lead.goto(`/sops/${sopId}/review`);
      const fix = lead.getByRole("checkbox", {
        name: new RegExp(`This version fixes step 3 “Resolve the request”.*${suffix}`),
      });
      await expect(fix).toBeChecked();
      await lead.getByLabel("Change note").fill("Ask for the expectation first");
      await lead.getByRole("radio", { name: /^Material/ }).check();
      const warnings = lead.getByRole("checkbox", { name: /despite/ });
      if (await warnings.count()) await warnings.check();
      await lead.getByRole("button", { name: "Publish v2" }).click();
      await expect(lead.getByRole("status").filter({ hasText: "1 flag is marked fixed in version 2" })).toBeVisible();

      // The inbox: done, fixed in v2, and no longer counted as open on the editor overview.
      await lead.goto(`/feedback?state=done&sop=${sopId}`);
      const done = lead.getByTestId("flag-card").filter({ hasText: text });
      await expect(done).toContainText("Done");
      await expect(done.getByRole("definition").filter({ hasText: /^v2$/ })).toHaveCount(1);
      await lead.goto("/editor");
      await expect(lead.locator(`tr[data-sop="${sopId}"]`).getByRole("link", { name: /open flag/ })).toHaveCount(0);
    } finally {
      await Promise.all([leadContext.close(), adminApi.dispose()]);
    }

    // The agent's home: the flag is fixed, in version 2, with the lead's reply.
    await page.goto("/");
    const mine = page
      .getByRole("region", { name: /Your flags/ })
      .getByRole("listitem")
      .filter({ hasText: text });
    await expect(mine).toContainText("Fixed");
    await expect(mine).toContainText("Fixed in version 2");
    await expect(mine).toContainText(`Reply: ${reply}`);
  },
);
