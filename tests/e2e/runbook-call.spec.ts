// A whole live call: find the SOP with `/`, walk a branching flow with captured fields, change an earlier
// answer, escalate, wrap up with a follow-up, then close the follow-up — checked on screen and via the API.
import { DEMO, signIn } from "./fixtures";
import { expect, expectNoDuplicates, getRun, runIdOf, stepHeading, sync, test, outlineStep } from "./runbook-fixtures";

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test(
  "an agent finds an SOP, runs a branching call end to end, changes " +
    "an answer, escalates, wraps up and closes the follow-up",
  async ({ page, context }) => {
    test.setTimeout(120_000);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signIn(page, DEMO.agent);

    // Find: `/` from anywhere, type, Enter picks the SOP, Enter again (no customer reference) starts the call.
    await page.keyboard.press("/");
    const find = page.getByRole("combobox", { name: "Find a procedure" });
    await expect(find).toBeFocused();
    await page.keyboard.type("card charge");
    await expect(page.getByRole("option").first()).toContainText("Billing dispute on a card charge");
    await page.keyboard.press("Enter");
    // the optional customer reference: none at hand, so Enter again starts the call
    await expect(page.getByLabel("Customer reference (optional)")).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
    const runId = runIdOf(page);
    await expect(stepHeading(page)).toContainText("Verify the caller");

    // Step 1: a required field and a check.
    await page.getByLabel("Customer's name").fill("Dana Whitfield");
    await page.getByLabel("Caller verified").check();
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    await expect(stepHeading(page)).toContainText("Capture the charge details");

    // Step 2: typed fields, with a validation message for a bad value; the script fills in what was captured.
    await page.getByLabel("Date of the charge").fill(isoDay(-3));
    await page.getByLabel("Amount charged").fill("49.99");
    const last4 = page.getByLabel("Last four digits of the card");
    await last4.fill("12a4");
    await last4.blur();
    await expect(page.getByRole("alert").filter({ hasText: "last four digits" })).toContainText(
      "not in the expected format",
    );
    await expect(last4).toHaveAttribute("aria-invalid", "true");
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    await expect(page.locator(".run-main").getByRole("alert").first()).toBeVisible(); // the step cannot be done yet
    await expect(stepHeading(page)).toContainText("Capture the charge details");
    await last4.fill("4821");
    await expect(last4).not.toHaveAttribute("aria-invalid", "true");
    await last4.press("Enter");
    await expect(page.locator(".run-step .say").first()).toContainText("Thank you, Dana Whitfield");
    await expect(page.locator(".run-step .say").first()).toContainText("card ending 4821");
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    await expect(stepHeading(page)).toContainText("Work out what kind of dispute it is");

    // Step 3: the decision flow, answered with the number keys.
    await page.getByLabel("Dispute type").selectOption("Duplicate");
    await page.keyboard.press("Escape"); // leave the select: letters and digits are shortcuts again
    const flow = page.getByRole("region", { name: /Decision flow/ });
    const answer = async (key: string, nextQuestion: RegExp) => {
      await page.keyboard.press(key);
      await expect(flow.locator(".flow-current-label")).toContainText(nextQuestion);
    };
    await answer("1", /already raised a chargeback/); // start → first question
    await answer("2", /find the charge in the PSP/); // No
    await answer("1", /recognise the purchase/); // Found
    await answer("1", /What is wrong with the charge/); // Recognised
    await answer("1", /second charge settled/); // Charged twice
    await page.keyboard.press("2"); // Settled → the flow's `goto` takes the agent to the refund step
    await expect(stepHeading(page)).toContainText("Refund a duplicate or overcharge");
    // The flow step is done once its flow has ended (here in a goto), with its fields captured.
    await expect(await outlineStep(page, /Work out what kind/)).toHaveClass(/outline-done/);

    // Step 4: capture, escalate (to whom, why, with the handover script), done.
    await page.getByLabel("Refund amount").fill("49.99");
    await page.getByLabel("Refund reference").fill("ARN-7781");
    await page.getByLabel("Refund reference").blur();
    await page.getByRole("button", { name: "Escalate now" }).click();
    await expect(page.getByLabel("To whom")).toHaveValue("Billing supervisor");
    await expect(page.getByLabel("Why")).toHaveValue(/Refund over 250/);
    await expect(page.locator(".handover")).toContainText("I have Dana Whitfield on the line");
    await page.getByLabel("Why").fill("Second refund on the same order needs approval");
    await page.getByRole("button", { name: "Record escalation" }).click();
    await expect(page.locator("#panel-escalate")).toContainText("Escalated to Billing supervisor");
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    await expect(stepHeading(page)).toContainText("Chargeback already raised");

    // Step 5 does not apply: skip it with a reason.
    await page.getByRole("button", { name: "Skip…" }).click();
    await page.getByLabel("Why skip this step?").fill("No chargeback raised");
    await page.getByRole("button", { name: "Skip step" }).click();
    await expect(stepHeading(page)).toContainText("Document and follow up");
    await expect(sync(page)).toHaveText(/All changes saved/);

    let api = await getRun(page.request, runId);
    expect(api.state.steps).toMatchObject({
      verify: { status: "done" },
      "charge-details": { status: "done" },
      decide: { status: "pending" },
      "issue-refund": { status: "done" },
      "chargeback-open": { status: "skipped", skipReason: "No chargeback raised" },
    });
    expect(api.state.fields.card_last4?.value).toBe("4821");
    expect(api.state.flows["dispute-decision"]!.path.map((p) => p.label ?? "→")).toEqual([
      "→",
      "No",
      "Found",
      "Recognised",
      "Charged twice",
      "Settled",
    ]);
    expect(api.state.escalations).toEqual([
      expect.objectContaining({
        to: "Billing supervisor",
        reason: "Second refund on the same order needs approval",
        stepId: "issue-refund",
      }),
    ]);

    // Go back and change an earlier answer: the later answer is dropped and the refund step is marked.
    await (await outlineStep(page, /Work out what kind of dispute/)).click();
    await expect(stepHeading(page)).toContainText("Work out what kind of dispute it is");
    const pathTaken = page.getByRole("list", { name: "Path taken" });
    await pathTaken
      .locator("li")
      .filter({ hasText: "What is wrong with the charge?" })
      .getByLabel("Change this answer")
      .selectOption({ label: "Item faulty, missing or not as described" });
    await expect(pathTaken).not.toContainText("second charge settled");
    await expect(flow.getByRole("link", { name: "Open the linked procedure" })).toBeVisible();
    const refundInOutline = await outlineStep(page, /Refund a duplicate/);
    await expect(refundInOutline).toContainText("needs another look");
    await expect(sync(page)).toHaveText(/All changes saved/);
    api = await getRun(page.request, runId);
    expect(api.state.steps["issue-refund"]!.stale).toContain("What is wrong with the charge?");
    expect(api.state.flows["dispute-decision"]!.path.map((p) => p.label ?? "→")).toEqual([
      "→",
      "No",
      "Found",
      "Recognised",
      "Item faulty, missing or not as described",
    ]);

    // …and change it again: now it is a wrong amount, straight to the refund, which is checked again.
    await pathTaken
      .locator("li")
      .filter({ hasText: "What is wrong with the charge?" })
      .getByLabel("Change this answer")
      .selectOption({ label: "Wrong amount" });
    await expect(stepHeading(page)).toContainText("Refund a duplicate or overcharge");
    await expect(
      page.locator(".run-step").getByRole("status").filter({ hasText: "Check this step again" }),
    ).toBeVisible();
    await page.getByRole("button", { name: "Reopen" }).click();
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    await expect(refundInOutline).not.toContainText("needs another look");
    await expect(stepHeading(page)).toContainText("Document and follow up");

    // Step 6 is the last needed step: the decision step counts as done (its flow went on to step 4), so "done"
    // goes to the wrap-up, never back to step 3 (issue 16).
    const due = isoDay(3);
    await page.getByLabel("CRM note").check();
    await page.getByLabel("Follow-up task set").check();
    await page.getByRole("button", { name: /^Done/ }).click();
    await expect(page.getByRole("tabpanel")).toContainText("Wrap-up");
    await expect(stepHeading(page)).not.toContainText("Work out what kind of dispute it is");
    await expect(page.getByText("6 done of 6")).toHaveCount(0); // 5 done, 1 skipped
    await expect(page.getByText("5 done, 1 skipped of 6")).toBeVisible();
    await page.getByLabel("Outcome", { exact: true }).selectOption({ label: "Follow-up needed" });
    await expect(page.getByRole("button", { name: "Complete the call" })).toBeDisabled();
    await page.getByLabel("Follow up by").fill(due);
    const note = page.getByLabel("Wrap-up note");
    await expect(note).toHaveValue(/Billing dispute on a card charge \(version 1\)/);
    // Dates in the note read as the rest of the interface does: in the viewer's language (here English).
    const dueWords = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(
      new Date(`${due}T12:00:00Z`),
    );
    await expect(note).toHaveValue(new RegExp(`Outcome: follow-up, follow up by ${dueWords}`));
    await expect(note).toHaveValue(/Last four digits of the card: 4821/);
    await expect(note).toHaveValue(/Card charge dispute: .*Wrong amount/);
    await expect(note).toHaveValue(/Chargeback already raised: No chargeback raised/);
    await expect(note).toHaveValue(/to Billing supervisor: Second refund/);
    await page.getByRole("button", { name: "Copy note" }).click();
    await expect(page.getByRole("button", { name: "Copied ✓" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await note.inputValue());
    const edited = `${await note.inputValue()}\nPromised to call back by ${due}.`;
    await note.fill(edited);
    await page.getByRole("button", { name: "Complete the call" }).click();
    await expect(page.getByText("Call completed")).toBeVisible();
    await expect(sync(page)).toHaveText(/All changes saved/);

    api = await getRun(page.request, runId);
    expect(api.state.status).toBe("completed");
    expect(api.state.outcome).toMatchObject({ outcome: "follow-up", followUpDue: due, wrapUp: edited });
    expect(api.state.followUp).toEqual({ due });
    const storedEvents = expectNoDuplicates(api).length;

    // The completed run is strictly read-only: no actions, disabled inputs, and looking around stores nothing.
    await page.reload();
    await expect(page.locator(".run[data-live]")).toBeVisible();
    await expect(page.getByText("Call completed")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Done/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Wrap up the call" })).toHaveCount(0);
    await (await outlineStep(page, /Verify the caller/)).click();
    await expect(stepHeading(page)).toContainText("Verify the caller");
    await expect(page.getByLabel("Customer's name")).toBeDisabled();
    await page.keyboard.press("j");
    await expect(stepHeading(page)).toContainText("Capture the charge details");
    await page.keyboard.press("d");
    await page.keyboard.press("n");
    await expect(page.getByLabel("New note")).toHaveCount(0);
    await expect(page.getByTestId("wrapup-text")).toHaveText(edited);
    expect((await getRun(page.request, runId)).events).toHaveLength(storedEvents);

    // Follow-ups: the call is there by its due date; close it with a note.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Follow-ups" }).click();
    const card = page.locator(".followups > li").filter({ hasText: "Billing dispute on a card charge" });
    await expect(card.locator("time")).toHaveAttribute("datetime", due); // shown in the viewer's language
    await card.getByLabel("Closing note").fill("Refund arrived, customer confirmed.");
    await card.getByRole("button", { name: "Close follow-up" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Follow-up closed." })).toBeVisible();
    await expect(page.locator(".followups > li").filter({ hasText: "Billing dispute on a card charge" })).toHaveCount(
      0,
    );
    api = await getRun(page.request, runId);
    expect(api.state.followUp).toMatchObject({ due, note: "Refund arrived, customer confirmed." });
    expect(api.state.followUp!.closedAt).toEqual(expect.any(Number));

    // The timeline lists every event, with times.
    await page.goto(`/runs/${runId}/timeline`);
    const entries = page.locator(".timeline > li");
    await expect(entries).toHaveCount(api.events.length);
    await expect(entries.first()).toContainText("Call started with “Billing dispute on a card charge”");
    await expect(page.locator(".timeline")).toContainText("Escalated to Billing supervisor");
    await expect(page.locator(".timeline")).toContainText("Skipped step 5");
    await expect(entries.last()).toContainText("Follow-up closed: Refund arrived");
    await expect(entries.first().locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
    await expect(page.locator(".wrapup-text")).toHaveText(edited);
  },
);
