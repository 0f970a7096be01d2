// The live-call walk-through of issue 16, repeated: each of these broke for a new agent in Chromium.
import { DEMO, signIn } from "./fixtures";
import { expect, getRun, openNewRun, stepHeading, sync, test } from "./runbook-fixtures";

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test.describe("the call, polished", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO.agent);
  });

  test("the Done click after fixing a refused field lands: nothing moves under the pointer", async ({ page }) => {
    const runId = await openNewRun(page, "billing-dispute-card-charge");
    await page.getByLabel("Customer's name").fill("Dana Whitfield");
    await page.getByLabel("Caller verified").check();
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    await expect(stepHeading(page)).toContainText("Capture the charge details");
    await page.getByLabel("Date of the charge").fill(isoDay(-2));
    await page.getByLabel("Amount charged").fill("49.99");
    const last4 = page.getByLabel("Last four digits of the card");
    await last4.fill("12a4");
    await last4.blur();
    await page.getByLabel(/Transaction searched in the/).check();
    // Done with a refused value: the refusal says what to do.
    const done = page.getByRole("button", { name: /^Done, next step/ });
    await done.click();
    await expect(page.locator(".run-main").getByRole("alert").first()).toBeVisible();
    // The agent corrects the box and, without leaving it, clicks Done with the mouse: the blur on mousedown
    // commits the value and clears the refusal, and the click still hits the button.
    await last4.fill("1234");
    // Where the button is at each phase of the press (the script above it shortens once the value fills in).
    await page.evaluate(() => {
      const w = window as unknown as { __at: Record<string, number> };
      w.__at = {};
      for (const type of ["pointerdown", "pointerup", "click"])
        window.addEventListener(
          type,
          () => (w.__at[type] = document.querySelector(".run-step-actions .button-primary")!.getBoundingClientRect().y),
          { capture: true, once: true },
        );
    });
    await done.click();
    await expect(stepHeading(page)).toContainText("Work out what kind of dispute it is");
    const at = await page.evaluate(() => (window as unknown as { __at: Record<string, number> }).__at);
    expect(at.pointerup, "the button moved during the press").toBe(at.pointerdown);
    expect(at.click).toBe(at.pointerdown);
    await expect(sync(page)).toHaveText(/All changes saved/);
    const run = await getRun(page.request, runId);
    expect(run.state.steps["charge-details"]!.status).toBe("done");
    expect(run.state.fields.card_last4!.value).toBe("1234");
  });

  test("a date box is one Tab stop, and a new call starts with the first box focused", async ({ page }) => {
    await openNewRun(page, "billing-dispute-card-charge");
    await expect(page.getByLabel("Customer's name")).toBeFocused();
    await page.getByLabel("Customer's name").fill("Dana Whitfield");
    await page.getByLabel("Caller verified").check();
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    const date = page.getByLabel("Date of the charge");
    await date.focus();
    await page.keyboard.type(isoDay(-1));
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Amount charged")).toBeFocused();
    // The follow-up date of the wrap-up too: one Tab from the date to the time.
    await page.getByRole("tab", { name: "Wrap-up" }).click();
    await page.getByLabel("Outcome", { exact: true }).selectOption({ label: "Follow-up needed" });
    await page.getByLabel("Follow up by").focus();
    await page.keyboard.type(isoDay(2));
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Time (optional)")).toBeFocused();
  });

  test("the Flag tab starts afresh on each step", async ({ page }) => {
    await openNewRun(page, "billing-dispute-card-charge");
    // All six tools fit on one row of the strip (none hidden behind a scroll).
    expect(await page.locator(".run .tabs").evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await page.getByRole("tab", { name: "Flag" }).click();
    await page.getByLabel("Details").fill("The IVR already verifies callers");
    await page.getByRole("button", { name: "Send to the lead" }).click();
    await expect(page.getByText("Thank you — your lead will see it.")).toBeVisible();
    await page.getByLabel("Customer's name").fill("Dana Whitfield");
    await page.getByLabel("Caller verified").check();
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    await expect(stepHeading(page)).toContainText("Capture the charge details");
    await page.getByRole("tab", { name: "Flag" }).click();
    await expect(page.locator("#panel-flag")).toContainText("step 2");
    await expect(page.getByText("Thank you — your lead will see it.")).toHaveCount(0);
    await expect(page.locator("#panel-flag .alert-success")).toHaveCount(0);
  });

  test("a typed note survives Esc and w, and Ctrl+Enter adds it", async ({ page }) => {
    const runId = await openNewRun(page, "billing-dispute-card-charge");
    await page.keyboard.press("Escape");
    await page.keyboard.press("n");
    const note = page.getByLabel("New note");
    await expect(note).toBeFocused();
    await page.keyboard.type("Customer will send the statement by e-mail");
    await page.keyboard.press("Escape");
    await page.keyboard.press("w");
    await expect(page.getByRole("tab", { name: "Wrap-up" })).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Escape");
    await page.keyboard.press("n");
    await expect(note).toHaveValue("Customer will send the statement by e-mail");
    await note.press("Control+Enter");
    await expect(note).toHaveValue("");
    await expect(page.locator(".notes")).toContainText("Customer will send the statement by e-mail");
    await expect(sync(page)).toHaveText(/All changes saved/);
    expect((await getRun(page.request, runId)).state.notes.map((n) => n.text)).toEqual([
      "Customer will send the statement by e-mail",
    ]);
  });

  test("text typed in Notes but not added survives a reload and goes into the wrap-up", async ({ page }) => {
    const runId = await openNewRun(page, "billing-dispute-card-charge");
    await page.getByRole("tab", { name: "Notes" }).click();
    await page.getByLabel("New note").fill("Customer asked for a copy of the statement");
    await page.getByLabel("New note").blur();
    await expect(sync(page)).toHaveText(/All changes saved/);
    expect((await getRun(page.request, runId)).state.noteDraft?.text).toBe(
      "Customer asked for a copy of the statement",
    );
    await page.reload();
    await expect(page.locator(".run[data-live]")).toBeVisible();
    await page.getByRole("tab", { name: "Notes" }).click();
    await expect(page.getByLabel("New note")).toHaveValue("Customer asked for a copy of the statement");
    await page.getByRole("tab", { name: "Wrap-up" }).click();
    await expect(page.getByLabel("Wrap-up note")).toHaveValue(/Customer asked for a copy of the statement/);
    // The note lists the checks, ticked or not.
    await expect(page.getByLabel("Wrap-up note")).toHaveValue(/☐/);
  });

  test("a refusal says to correct a value that was entered, and a run started by mistake can be discarded", async ({
    page,
  }) => {
    const runId = await openNewRun(page, "billing-dispute-card-charge");
    await page.getByLabel("Customer's name").fill("Dana Whitfield");
    await page.getByLabel("Caller verified").check();
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    await page.getByLabel("Date of the charge").fill(isoDay(-2));
    await page.getByLabel("Amount charged").fill("49.99");
    await page.getByLabel("Last four digits of the card").fill("12a4");
    await page.getByLabel(/Transaction searched in the/).check();
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    const banner = page.locator(".run-message");
    await expect(banner).toContainText(/correct the \u2068?last four digits/i);
    await expect(banner).not.toContainText(/enter the \u2068?last four digits/i);

    await page.getByRole("tab", { name: "Wrap-up" }).click();
    await page.getByRole("button", { name: "Discard this run…" }).click();
    await page.getByLabel("Why (optional)").fill("Wrong procedure: the customer wanted a refund");
    await page.getByRole("button", { name: "Discard the run" }).click();
    await expect(page.getByText("This run was discarded")).toBeVisible();
    await expect(sync(page)).toHaveText(/All changes saved/);
    const run = await getRun(page.request, runId);
    expect(run.state.status).toBe("discarded");
    // Never counted: not among the agent's runs.
    await page.goto("/runs");
    await expect(page.locator(`a[href="/runs/${runId}"]`)).toHaveCount(0);
  });

  test("the in-run search ranks by relevance, not by department", async ({ page }) => {
    await openNewRun(page, "identity-verification");
    await page.getByRole("tab", { name: "Search" }).click();
    await page.locator("#run-search").fill("refund return");
    const first = page.locator("#panel-search li").first();
    await expect(first).toContainText("Refund and return with RMA");
  });
});

test.describe("docked beside a CRM at 400 px", () => {
  test.use({ viewport: { width: 400, height: 760 } });

  test("the run header is one line, the step is above the fold, and the tools open as a sheet over it", async ({
    page,
  }) => {
    await signIn(page, DEMO.agent);
    const runId = await openNewRun(page, "billing-dispute-card-charge", { customerRef: "CRM-4471" });
    const header = await page.locator(".run-header").boundingBox();
    expect(header!.height).toBeLessThanOrEqual(56);
    // The step's title and its first box are visible without scrolling.
    const name = await page.getByLabel("Customer's name").boundingBox();
    expect(name!.y + name!.height).toBeLessThan(760 - 56);
    // One row of tools.
    const tabs = page.getByRole("tab");
    const ys = new Set<number>();
    for (const box of await Promise.all((await tabs.all()).map((t) => t.boundingBox()))) ys.add(Math.round(box!.y));
    expect(ys.size).toBe(1);
    // Notes open over the step; the step stays where it was, and Back returns to it.
    await page.getByRole("tab", { name: "Notes" }).click();
    const sheet = page.locator(".run-sheet");
    await expect(sheet).toBeVisible();
    await page.getByLabel("New note").fill("Calling from the CRM sidebar");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(stepHeading(page)).toBeVisible();
    await page.getByRole("button", { name: "Back to the step" }).click();
    await expect(sheet).toBeHidden();
    await page.getByLabel("Customer's name").fill("Dana Whitfield");
    await page.getByLabel("Caller verified").check();
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    await expect(stepHeading(page)).toContainText("Capture the charge details");
    // Escalation from the sheet, then back.
    await page.getByRole("tab", { name: "Escalate" }).click();
    await expect(page.locator("#panel-escalate")).toBeVisible();
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await expect(sheet).toBeHidden();
    await expect(sync(page)).toHaveText(/All changes saved/);
    const run = await getRun(page.request, runId);
    expect(run.state.notes).toHaveLength(1);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(400);
  });
});
