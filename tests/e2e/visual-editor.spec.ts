// The visual editor: the editor's default view for a lead who has never seen MDX (issue 17). These tests start
// without the "source" preference cookie the other editor specs get (playwright.config.ts).
import fs from "node:fs";
import type { Locator, Page } from "@playwright/test";
import {
  apiClient,
  createSop,
  DEMO,
  expect,
  lifecycle,
  openEditor,
  sendToReview,
  serverSource,
  signIn,
  submitAndApprove,
  test,
} from "./fixtures";

test.use({ storageState: { cookies: [], origins: [] } });

const SAVED = /Saved · revision \d+/;

/** Adds a block of the kind `what` (the "Add to this step" choices) at the end of the step. */
async function addToStep(step: Locator, what: string) {
  const add = step.locator(":scope > .ve-add");
  await add.getByLabel("Add to this step").selectOption({ label: what });
  await add.getByRole("button", { name: "Add", exact: true }).click();
}

/** The last block of a kind inside the step (".ve-say", ".ve-field"…). */
const last = (step: Locator, kind: string) => step.locator(`:scope > .ve-list > .ve-${kind}`).last();

async function waitSaved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveText(SAVED, { timeout: 10_000 });
}

test("a lead writes a whole SOP in the visual editor; the stored file is clean MDX and goes to review", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const lead = await apiClient(DEMO.lead);
  const sopId = await createSop(lead, `Visual ${Date.now().toString(36)}`, { template: "blank", examples: "keep" });
  await lead.dispose();
  await signIn(page, DEMO.lead);
  await openEditor(page, sopId);

  // The template's example text is marked, and it keeps the draft from review until it is replaced.
  const problems = page.locator(".problem-list");
  await expect(problems).toContainText("Replace the example text: “Describe what the agent does.”");
  await expect(problems).toContainText("Write the purpose: the template's example is still there");
  await expect(page.getByRole("button", { name: "Send to review" })).toBeDisabled();
  await expect(page.locator("#send-review-reason")).toHaveText(
    "Replace the example text and placeholders first: they are listed under Problems.",
  );
  await page.getByText("Edit title, purpose, terms, targets…").click();
  await page.getByLabel("Purpose", { exact: true }).fill("Find the customer's order before anything else.");

  // The visual view is the default: no MDX in sight, the switch says so.
  await expect(page.getByRole("button", { name: "Visual", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("#sop-source")).toHaveCount(0);
  const step = page.locator(".ve-step").first();
  await step.getByLabel("Title", { exact: true }).fill("Take the order number");
  // words are edited in the rich text box (ProseMirror), which replaces the text box once it has loaded
  await step.locator(":scope > .ve-list > .ve-paragraph .ve-rich").fill("Ask for the order number first.");

  await addToStep(step, "Field");
  const field = last(step, "field");
  await field.getByLabel("Label", { exact: true }).fill("Order number");
  await field.getByText("Advanced").click();
  await field.getByLabel("Name used in scripts").fill("order_number");
  await field.getByLabel("Pattern", { exact: true }).fill("^[A-Z]{2}-\\d{6}$");
  await field.getByLabel("Try a value").fill("AB-123456");
  await expect(field.getByText("Matches the pattern")).toBeVisible();
  await field.getByLabel("Try a value").fill("AB-12");
  await expect(field.getByText("Does not match the pattern")).toBeVisible();

  await addToStep(step, "Script");
  const say = last(step, "say");
  const words = say.getByRole("textbox", { name: "What the agent says" });
  await expect(words).toHaveAttribute("contenteditable", "true");
  // typed key by key, as a lead does (a space at the end of the words must survive until the next one)
  await words.fill("");
  await words.pressSequentially("Thank you. I have order ");
  await say.getByRole("button", { name: "Insert a captured field" }).click();
  await say.getByRole("button", { name: "{order_number}" }).click();
  // the reference is a chip (its name), inserted at the caret, and the focus is back in the words
  await expect(words.locator(".ve-ref")).toHaveText("order_number");
  await expect(words).toHaveText("Thank you. I have order order_number");
  await expect(words).toBeFocused();
  await words.press("End");
  await words.pressSequentially(".");
  if (process.env.E2E_SCREENSHOTS) await say.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/say-ltr.png` });

  await addToStep(step, "Check");
  await last(step, "check").getByLabel("What the agent ticks off").fill("Order number read back to the customer");
  await addToStep(step, "Warning");
  await last(step, "warning").locator(".ve-rich").first().fill("Never read out the customer's card number.");
  await addToStep(step, "Escalation");
  const escalate = last(step, "escalate");
  await escalate.getByLabel("Escalate to").fill("Order desk");
  await escalate.getByLabel("When").fill("The order number is not found");
  await escalate.locator(".ve-say .ve-rich").fill("I'm handing you to our order desk, who can look further.");

  await addToStep(step, "Flow");
  const flow = last(step, "flow");
  await flow.getByLabel("Title", { exact: true }).fill("Is the order found?");
  await flow.getByRole("button", { name: "Edit flow" }).click();
  const dialog = page.getByRole("dialog", { name: /Edit flow/ });
  await expect(dialog).toBeVisible();
  // The title typed just before the click is the flow's (not lost to the live parse's delay).
  await expect(dialog.getByRole("heading", { name: "Edit flow: Is the order found?" })).toBeVisible();
  // The new flow's example labels, written over in the flow editor.
  for (const [id, label] of [
    ["question", "Is the order in the system?"],
    ["yes", "Read the order back"],
    ["no", "Hand over to the order desk"],
  ]) {
    await dialog.locator(`.react-flow__node[data-id="${id}"]`).click();
    await dialog.getByLabel(id === "question" ? "Question" : "Label", { exact: true }).fill(label);
  }
  await dialog.getByRole("button", { name: "Write into the procedure" }).click();
  await expect(dialog).toBeHidden();

  await waitSaved(page);
  await expect(page.getByTestId("problem-count")).toHaveText("No problems");
  const stored = await serverSource(page, sopId);
  expect(stored).toContain('<Step title="Take the order number">');
  expect(stored).toContain('<Field name="order_number" label="Order number" required pattern="^[A-Z]{2}-\\d{6}$" />');
  expect(stored).toContain("<Say>Thank you. I have order {order_number}.</Say>");
  expect(stored).toContain("<Check>Order number read back to the customer</Check>");
  expect(stored).toMatch(/<Warning>\n\nNever read out the customer's card number\.\n\n<\/Warning>/);
  expect(stored).toContain('<Escalate to="Order desk" reason="The order number is not found">');
  expect(stored).toContain('<Flow id="new-flow" title="Is the order found?">');
  expect(stored).toContain('<Node id="question" type="question" label="Is the order in the system?" />');
  expect(stored).toContain("purpose: Find the customer's order before anything else.");
  // Clean MDX: blocks separated by one blank line, no stray white space at line ends.
  expect(stored).not.toMatch(/[ \t]+\n/);
  expect(stored).not.toMatch(/\n\n\n/);

  // The preview is what agents will see.
  await expect(page.getByTestId("editor-preview").getByText("Take the order number").first()).toBeVisible();
  await sendToReview(page, /admin@stepwise\.example/);
});

test("editing one block of a published SOP changes one line, and the reviewer's diff shows just it", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const lead = await apiClient(DEMO.lead);
  const admin = await apiClient(DEMO.admin);
  const sopId = await createSop(lead, `Visual diff ${Date.now().toString(36)}`);
  await submitAndApprove(lead, admin, sopId);
  expect(
    (await lifecycle(lead, sopId, { intent: "publish", changeNote: "First", confirmWarnings: "1" })).status(),
  ).toBe(200);
  await signIn(page, DEMO.lead);
  await openEditor(page, sopId);
  // No draft yet: the editor shows the published text, and the first change starts the draft.
  await expect(page.getByTestId("save-status")).toHaveText("No draft yet · your first change starts one");
  const before = await serverSource(page, sopId);

  const verify = page.locator(".ve-step").filter({ has: page.locator('input[value="Verify the customer"]') });
  await verify.getByLabel("Title", { exact: true }).fill("Verify who is calling");
  await expect(page.getByTestId("save-status")).toHaveText("Saved · revision 1", { timeout: 10_000 });
  const after = await serverSource(page, sopId);
  const changed = after.split("\n").filter((line, i) => line !== before.split("\n")[i]);
  expect(changed).toEqual(['<Step id="verify" title="Verify who is calling">']);
  expect(after.split("\n")).toHaveLength(before.split("\n").length);

  await sendToReview(page, /admin@stepwise\.example/);
  const ctx = await browser.newContext();
  const reviewer = await ctx.newPage();
  await signIn(reviewer, DEMO.admin);
  await reviewer.goto(`/sops/${sopId}/review`);
  await expect(reviewer.getByRole("heading", { name: /Changes since published v1/ })).toContainText("+1 −1 lines");
  await ctx.close();
  await Promise.all([lead.dispose(), admin.dispose()]);
});

test("a Persian SOP is edited right to left, Latin field names kept inside", async ({ page }) => {
  test.setTimeout(60_000);
  // A copy of the demo library's Persian SOP (the demo itself is shared with other tests).
  const lead = await apiClient(DEMO.lead);
  const sopId = await createSop(lead, `Persian ${Date.now().toString(36)}`, { template: "blank" });
  const html = await (await lead.get(`/sops/${sopId}/edit`)).text();
  const versionId = Number(/data-version-id="(\d+)"/.exec(html)![1]);
  const baseRevision = Number(/data-revision="(\d+)"/.exec(html)![1]);
  const persian = fs.readFileSync("content/sops/fa-peygiri-sefaresh.mdx", "utf8");
  const saved = await lead.post(`/sops/${sopId}/edit`, {
    data: { intent: "save", versionId, baseRevision, source: persian },
  });
  expect(saved.status()).toBe(200);
  await lead.dispose();

  await signIn(page, DEMO.lead);
  await openEditor(page, sopId);
  await waitSaved(page);
  const editor = page.locator(".visual-editor");
  await expect(editor).toHaveAttribute("dir", "rtl");
  const before = await serverSource(page, sopId);
  expect(before).toBe(persian);
  const block = page.locator(".ve-say").first();
  const say = block.locator(".ve-rich");
  await expect(say).toHaveAttribute("dir", "rtl");
  expect(await say.textContent()).toMatch(/[\u0600-\u06FF]/);
  await say.fill("سلام ");
  await block.getByRole("button", { name: "Insert a captured field" }).click();
  await block.getByRole("button", { name: "{customer_name}" }).click();
  await expect(say).toBeFocused();
  await page.keyboard.type("، به پشتیبانی خوش آمدید.");
  // the chip's Latin name is isolated from the Persian around it
  await expect(say.locator(".ve-ref")).toHaveCSS("unicode-bidi", "isolate");
  await waitSaved(page);
  const after = await serverSource(page, sopId);
  const changed = after.split("\n").filter((line, i) => line !== before.split("\n")[i]);
  expect(changed).toEqual(["<Say>سلام {customer_name}، به پشتیبانی خوش آمدید.</Say>"]);
  if (process.env.E2E_SCREENSHOTS) await block.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/say-rtl.png` });
  // Backspace takes the chip whole
  await say.press("End");
  for (let i = 0; i < "، به پشتیبانی خوش آمدید.".length; i++) await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await expect(say.locator(".ve-ref")).toHaveCount(0);
  // Undone back to where it was, the file is byte for byte the original.
  // (a loaded machine types slower, so the history holds more undo groups than keys pressed in bursts)
  for (let i = 0; i < 60 && (await say.textContent())?.startsWith("سلام "); i++) await say.press("Control+z");
  await waitSaved(page);
  await expect.poll(() => serverSource(page, sopId), { timeout: 15_000 }).toBe(persian);
});

test("the keyboard alone moves between the views, edits a block and moves it", async ({ page }) => {
  const lead = await apiClient(DEMO.lead);
  const sopId = await createSop(lead, `Visual keys ${Date.now().toString(36)}`, { template: "checklist" });
  await lead.dispose();
  await signIn(page, DEMO.lead);
  await openEditor(page, sopId);
  await waitSaved(page);

  const first = page.locator(".ve-step").first();
  await first.getByLabel("Title", { exact: true }).focus();
  await page.keyboard.press("Control+a");
  await page.keyboard.type("Get ready");
  // Shift+Tab back to the step's tools: Delete, Duplicate, Move down, Move up (disabled: the first step)
  const down = page.getByRole("button", { name: "Move the step “Get ready” down" });
  for (let i = 0; i < 6 && !(await down.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Shift+Tab");
  await expect(down).toBeFocused();
  await page.keyboard.press("Alt+ArrowDown");
  await expect(page.locator(".ve-step").nth(1).getByLabel("Title", { exact: true })).toHaveValue("Get ready");
  await expect(page.getByRole("button", { name: "Move the step “Get ready” down" })).toBeFocused();
  await waitSaved(page);

  // The Problems list jumps to the block a problem is about.
  await page.getByRole("button", { name: "Move the step “Get ready” up" }).press("Enter");
  const title = page.locator(".ve-step").first().getByLabel("Title", { exact: true });
  await title.fill("");
  const problem = page.locator(".problem-button").first();
  await expect(problem).toBeVisible();
  await problem.focus();
  await page.keyboard.press("Enter");
  await expect(title).toBeFocused();
  await page.keyboard.type("Get ready");
  await expect(page.getByTestId("problem-count")).toHaveText("No problems");

  // Visual ⇄ Source with the keyboard; the choice is remembered.
  const sourceButton = page.getByRole("button", { name: "Source", exact: true });
  await sourceButton.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".code-editor .cm-content")).toBeVisible();
  await expect(page.locator(".cm-content")).toContainText('<Step title="Get ready">');
  await waitSaved(page);
  await page.reload();
  await expect(page.getByRole("button", { name: "Source", exact: true })).toHaveAttribute("aria-pressed", "true");
  await page.goto(`/sops/${sopId}/edit?view=visual`);
  await expect(page.locator(".visual-editor")).toBeVisible();
  await page.getByRole("button", { name: "Visual", exact: true }).press("Enter");
  await page.getByRole("button", { name: "Source", exact: true }).press("Enter");
  await page.getByRole("button", { name: "Visual", exact: true }).press("Enter");
  await page.reload();
  await expect(page.locator(".visual-editor")).toBeVisible();
});

test("a draft is discarded: the editor goes back to the published text, and no draft is left", async ({ page }) => {
  test.setTimeout(60_000);
  const lead = await apiClient(DEMO.lead);
  const admin = await apiClient(DEMO.admin);
  const sopId = await createSop(lead, `Discard ${Date.now().toString(36)}`);
  await submitAndApprove(lead, admin, sopId);
  expect(
    (await lifecycle(lead, sopId, { intent: "publish", changeNote: "First", confirmWarnings: "1" })).status(),
  ).toBe(200);
  await Promise.all([lead.dispose(), admin.dispose()]);
  await signIn(page, DEMO.lead);
  await openEditor(page, sopId);
  const published = await serverSource(page, sopId);
  // Nothing to discard before the first change.
  await expect(page.getByRole("button", { name: "Discard draft" })).toHaveCount(0);
  const title = () => page.locator(".ve-step").first().getByLabel("Title", { exact: true });
  const before = await title().inputValue();
  await title().fill("A change to throw away");
  await expect(page.getByTestId("save-status")).toHaveText("Saved · revision 1", { timeout: 10_000 });

  let asked = "";
  page.once("dialog", (d) => {
    asked = d.message();
    void d.accept();
  });
  await page.getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft v2 discarded" })).toHaveText(
    "Draft v2 discarded: the SOP stays as published.",
  );
  expect(asked).toContain("Discard draft v2?");
  await expect(page.getByTestId("save-status")).toHaveText("No draft yet · your first change starts one");
  await expect(title()).toHaveValue(before);
  expect(await serverSource(page, sopId)).toBe(published);
  await page.reload();
  await expect(page.getByTestId("save-status")).toHaveText("No draft yet · your first change starts one");
  await expect(page.getByTestId("restore-offer")).toHaveCount(0);
});
