// Keyboard first, mouse always: the documented shortcuts drive a call, and the same actions work by clicking.
import { DEMO, signIn } from "./fixtures";
import { expect, getRun, openNewRun, stepHeading, sync, test, outlineStep } from "./runbook-fixtures";

test("the ? overlay lists the shortcuts, and j/k, d, 1–9, n, e and / drive the call without leaving it", async ({
  page,
}) => {
  test.setTimeout(60_000); // a busy CI box: the steps are many, each waits for a commit
  await signIn(page, DEMO.agent);
  const runId = await openNewRun(page, "billing-dispute-card-charge");
  const runUrl = page.url();

  // A new call puts the agent's hands on the step: its first box is focused; Escape leaves it for the shortcuts.
  await expect(page.getByLabel("Customer's name")).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const key of ["j", "k", "d", "1 – 9", "n", "e", "/ s", "?"])
    await expect(help.getByRole("cell", { name: key, exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // d refuses while a required field is empty, with the reason; then completes and moves on.
  await page.keyboard.press("d");
  await expect(page.locator(".run-main").getByRole("alert").first()).toContainText(/name/i);
  await page.getByLabel("Customer's name").fill("Kim Lee");
  await page.keyboard.press("Escape"); // leaves the text box (letters are shortcuts again)
  await expect(page.getByLabel("Customer's name")).not.toBeFocused();
  await page.keyboard.press("d");
  await expect(stepHeading(page)).toContainText("Capture the charge details");
  await expect(page.locator(".run-step")).toBeFocused();
  await page.keyboard.press("k");
  await expect(stepHeading(page)).toContainText("Verify the caller");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(stepHeading(page)).toContainText("Work out what kind of dispute it is");

  // 1–9 answer the decision flow.
  const flow = page.getByRole("region", { name: /Decision flow/ });
  await page.keyboard.press("1");
  await expect(flow.locator(".flow-current-label")).toContainText("already raised a chargeback");
  await page.keyboard.press("2");
  await expect(flow.locator(".flow-current-label")).toContainText("find the charge in the PSP");

  // n: notes, focused for typing.
  await page.keyboard.press("n");
  await expect(page.getByLabel("New note")).toBeFocused();
  await page.keyboard.type("Typed without the mouse.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.locator("#panel-notes")).toContainText("Typed without the mouse.");
  await page.keyboard.press("Escape");

  // e: escalate panel, its first input focused.
  await page.locator(".run-step").focus();
  await page.keyboard.press("e");
  await expect(page.getByLabel("To whom")).toBeFocused();
  await page.keyboard.press("Escape");

  // /: search other SOPs in the side panel — the call stays on screen (not the app-wide quick find).
  await page.keyboard.press("/");
  const search = page.getByRole("searchbox", { name: "Search", exact: true });
  await expect(search).toBeFocused();
  await expect(page.locator("#quick-find")).not.toBeFocused(); // the quick find dialog stays closed
  await page.keyboard.type("refund");
  const hit = page.locator("#panel-search").getByRole("link", { name: "Refund and return" });
  await expect(hit).toBeVisible();
  await expect(hit).toHaveAttribute("target", "_blank");
  expect(page.url()).toBe(runUrl);
  await expect(stepHeading(page)).toContainText("Work out what kind of dispute it is");

  await expect(sync(page)).toHaveText(/All changes saved/);
  const api = await getRun(page.request, runId);
  expect(api.state.steps.verify!.status).toBe("done");
  expect(api.state.currentStepId).toBe("decide");
  expect(api.state.flows["dispute-decision"]!.path.map((p) => p.label ?? "→")).toEqual(["→", "No"]);
  expect(api.state.notes.map((n) => n.text)).toEqual(["Typed without the mouse."]);
});

test("every action also works by mouse", async ({ page }) => {
  test.setTimeout(60_000); // a busy CI box: the steps are many, each waits for a commit
  await signIn(page, DEMO.agent);
  const runId = await openNewRun(page, "billing-dispute-card-charge");
  await page.getByRole("button", { name: "Shortcuts" }).click();
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();

  await page.getByLabel("Customer's name").fill("Kim Lee");
  await page.getByRole("button", { name: /^Done, next step/ }).click();
  await expect(stepHeading(page)).toContainText("Capture the charge details");
  await page.getByRole("button", { name: "Back", exact: true }).click();
  await expect(stepHeading(page)).toContainText("Verify the caller");
  await (await outlineStep(page, /Work out what kind/)).click();
  const flow = page.getByRole("region", { name: /Decision flow/ });
  await flow.getByRole("button", { name: "Continue" }).click();
  await flow.getByRole("button", { name: "Yes" }).click(); // the flow's `goto` opens the chargeback step
  await expect(stepHeading(page)).toContainText("Chargeback already raised");

  await page.getByRole("tab", { name: "Flag" }).click();
  await page.getByLabel("What is wrong").selectOption({ label: "Outdated" });
  await page.getByLabel("Details").fill("The bank now calls it a dispute, not a chargeback.");
  await page.getByRole("button", { name: "Send to the lead" }).click();
  await expect(page.getByText("Thank you — your lead will see it.")).toBeVisible();
  await page.getByRole("tab", { name: "Terms" }).click();
  await expect(page.locator("#panel-glossary")).toContainText("chargeback");
  await page.getByRole("tab", { name: "Escalate" }).click();
  await page.getByLabel("To whom").fill("Chargebacks team");
  await page.getByLabel("Why").fill("Customer disputes the chargeback outcome");
  await page.getByRole("button", { name: "Record escalation" }).click();
  await expect(page.locator("#panel-escalate")).toContainText("Escalated to Chargebacks team");

  await expect(sync(page)).toHaveText(/All changes saved/);
  const api = await getRun(page.request, runId);
  expect(api.state.currentStepId).toBe("chargeback-open");
  expect(api.state.flows["dispute-decision"]!.ended).toMatchObject({ nodeId: "cb-path", type: "goto" });
  expect(api.state.escalations.map((e) => e.to)).toEqual(["Chargebacks team"]);
  expect(api.events.filter((e) => e.type === "step.flagged")).toHaveLength(1);
});
