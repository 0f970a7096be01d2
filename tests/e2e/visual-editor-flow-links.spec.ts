// The visual editor's Flow block and links (issue 17): a lead sees a flow as its diagram, never as box and arrow
// forms, and adds a link to words with Mod-K; only safe addresses are taken.
import type { APIRequestContext } from "@playwright/test";
import { newSopSource } from "../../authoring/templates";
import {
  apiClient,
  createSop,
  DEMO,
  expect,
  openEditor,
  serverSource,
  signIn,
  test,
  withoutExamples,
} from "./fixtures";

test.use({ storageState: { cookies: [], origins: [] } });

const SAVED = /Saved · revision \d+/;

const FLOW = `
## Triage

<Step title="Find the order" id="find-order">

Ask for the order number.

<Flow id="order-found" title="Is the order found?">
  <Node id="start" type="start" label="Customer gives an order number" />
  <Node id="found" type="question" label="Is the order in the system?" />
  <Node id="read" type="end" label="Read the order back" outcome="found" />
  <Node id="desk" type="escalate" label="Hand over to the order desk" to="Order desk" reason="Order not found" />
  <Edge from="start" to="found" />
  <Edge from="found" to="read" label="Yes" />
  <Edge from="found" to="desk" label="No" />
</Flow>

</Step>
`;

/** A new SOP whose body ends with a step holding a flow (saved through the editor's own save). */
async function sopWithFlow(lead: APIRequestContext): Promise<string> {
  const title = `Flow links ${Date.now().toString(36)}`;
  const sopId = await createSop(lead, title, { template: "blank", examples: "keep" });
  const html = await (await lead.get(`/sops/${sopId}/edit`)).text();
  const versionId = Number(/data-version-id="(\d+)"/.exec(html)![1]);
  const baseRevision = Number(/data-revision="(\d+)"/.exec(html)![1]);
  const base = withoutExamples(
    newSopSource({ title, department: "Customer Service", templateId: "blank", language: "en", owner: DEMO.lead }),
  );
  const saved = await lead.post(`/sops/${sopId}/edit`, {
    data: { intent: "save", versionId, baseRevision, source: base.replace(/\n*$/, "\n") + FLOW },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  return sopId;
}

test("a Flow block shows the diagram, its title and Edit flow, and no text boxes for its boxes", async ({ page }) => {
  const lead = await apiClient(DEMO.lead);
  const sopId = await sopWithFlow(lead);
  await lead.dispose();
  await signIn(page, DEMO.lead);
  await openEditor(page, sopId);

  const flow = page.locator(".ve-flow").first();
  await flow.scrollIntoViewIfNeeded();
  await expect(flow.getByLabel("Title", { exact: true })).toHaveValue("Is the order found?");
  // the read-only diagram the SOP page draws, with the boxes' words
  const diagram = flow.getByLabel("Diagram: Is the order found?");
  await expect(diagram).toBeVisible();
  await expect(flow.locator(".react-flow__node")).toHaveCount(4);
  await expect(flow.locator(".react-flow__node").filter({ hasText: "Is the order in the system?" })).toBeVisible();
  // no form for a box or an arrow: the title is the block's only text box
  await expect(flow.locator("input, textarea, select")).toHaveCount(1);
  await expect(flow.locator("[data-block]")).toHaveCount(0);
  await expect(flow.getByText("Customer gives an order number", { exact: true })).toBeVisible();

  await flow.getByRole("button", { name: "Edit flow" }).click();
  await expect(page.getByRole("dialog", { name: /Edit flow/ })).toBeVisible();
});

test("a link added with Mod-K lands as [words](address); javascript: is refused", async ({ page }) => {
  const lead = await apiClient(DEMO.lead);
  const sopId = await sopWithFlow(lead);
  await lead.dispose();
  await signIn(page, DEMO.lead);
  await openEditor(page, sopId);

  const words = page.locator(".ve-step .ve-paragraph .ve-rich").filter({ hasText: "Ask for the order number." });
  await expect(words).toBeVisible();
  // select "order number" with the keyboard: from the end, past ".", then 12 letters
  await words.click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  for (let i = 0; i < "order number".length; i++) await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.press("ControlOrMeta+k");

  const dialog = page.getByRole("dialog", { name: "Add a link" });
  const address = dialog.getByLabel("Link address");
  await expect(address).toBeFocused();
  await address.fill("javascript:alert(document.cookie)");
  await address.press("Enter");
  await expect(dialog.getByRole("alert")).toContainText("not “javascript:”");
  await expect(address).toHaveAttribute("aria-invalid", "true");

  await address.fill("https://example.com/orders");
  await address.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(words).toBeFocused();
  await expect(words.locator("a")).toHaveText("order number");

  await expect(page.getByTestId("save-status")).toHaveText(SAVED, { timeout: 10_000 });
  const stored = await serverSource(page, sopId);
  expect(stored).toContain("Ask for the [order number](https://example.com/orders).");
  expect(stored).not.toContain("javascript:");
});
