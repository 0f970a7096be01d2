// Decision flows in the browser: the diagram on the SOP page (server-rendered, keyboard reachable), the editor on
// /flows/scratch (palette, connect by dragging handles, edge label, save → MDX), and "Paste Mermaid".
// Assertions are on what was saved: the MDX the server wrote and compiled, parsed again here.
import type { Locator, Page } from "@playwright/test";
import { parseSop } from "../../sop-schema/parse";
import { DEMO, expect, signIn, test } from "./fixtures";

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element has no box");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from one handle to another with the mouse, the way an author connects two nodes. */
async function dragHandle(page: Page, from: Locator, to: Locator) {
  const a = await centre(from);
  const b = await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

const node = (page: Page, id: string) => page.locator(`.fd-editor .react-flow__node[data-id="${id}"]`);

/** The editor needs room: a laptop-sized window, the canvas scrolled to the middle of it. */
async function canvasInView(page: Page) {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.locator(".fd-canvas").evaluate((el) => el.scrollIntoView({ block: "center" }));
}

test(
  "the SOP page shows the flow as a diagram in the first " + "HTML, reachable by keyboard, with the outline kept",
  async ({ page }) => {
    await signIn(page, DEMO.agent);
    // The server's HTML already holds the diagram (nodes, edges, labels), not only after hydration.
    const html = await (await page.request.get("/sops/billing-dispute-card-charge")).text();
    expect(html.split('class="react-flow__node ').length - 1).toBe(14);
    expect(html).toContain("react-flow__edge-path");
    expect(html).toContain("<title>Not recognised</title>");

    await page.goto("/sops/billing-dispute-card-charge");
    const figure = page.getByRole("figure", { name: /Card charge dispute/ });
    const diagram = figure.locator(".fd-viewer");
    await expect(diagram.locator(".react-flow__node")).toHaveCount(14);
    await expect(diagram.locator(".react-flow__node-question").first()).toBeVisible();
    await expect(diagram.locator(".fd-edge-label", { hasText: "Not recognised" })).toBeVisible();

    // Tab from the view switch reaches the nodes (each with an accessible name)…
    await figure.getByRole("button", { name: "Full screen" }).focus();
    let focusedNode = false;
    for (let i = 0; i < 4 && !focusedNode; i++) {
      await page.keyboard.press("Tab");
      focusedNode = await page.evaluate(() => document.activeElement?.classList.contains("react-flow__node") ?? false);
    }
    expect(focusedNode).toBe(true);
    await expect(page.locator(".react-flow__node:focus")).toHaveAttribute(
      "aria-label",
      /^Start: Customer disputes a card charge/,
    );
    await expect(page.locator(".react-flow__node:focus")).toBeVisible();
    // …and on out of the diagram: Tab is not trapped.
    let left = false;
    for (let i = 0; i < 30 && !left; i++) {
      await page.keyboard.press("Tab");
      left = await page.evaluate(() => !document.activeElement?.closest(".fd-viewer"));
    }
    expect(left).toBe(true);

    // The text outline stays in the page for screen readers, and the toggle shows it.
    await expect(figure.locator(".flow-outline li").first()).toBeAttached();
    await figure.getByRole("button", { name: "Outline" }).click();
    await expect(figure.locator(".fd-viewer")).toHaveCount(0);
    await expect(
      figure
        .locator(".flow-outline > li")
        .filter({ hasText: "Has the customer already raised a chargeback with their bank?" })
        .first(),
    ).toBeVisible();
  },
);

test("a right-to-left SOP draws its diagram without breaking the page", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.goto("/sops/fa-peygiri-sefaresh");
  const diagram = page.locator(".fd-viewer").first();
  await expect(diagram).toHaveAttribute("dir", "ltr");
  const nodes = diagram.locator(".react-flow__node");
  expect(await nodes.count()).toBeGreaterThan(5);
  // Hydration swaps the server-drawn diagram for the live one: measure once the live one has its size.
  await expect.poll(async () => (await diagram.boundingBox())?.width ?? 0).toBeGreaterThan(300);
  const box = await diagram.boundingBox();
  const article = await page.getByRole("article").boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  expect(box!.x).toBeGreaterThanOrEqual(article!.x - 1);
  expect(box!.x + box!.width).toBeLessThanOrEqual(article!.x + article!.width + 1);
  // Every node is inside the drawing area after the fit.
  for (const n of await nodes.all()) {
    const b = (await n.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(box!.x - 1);
    expect(b.x + b.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
  }
});

test("a lead adds a node from the palette, connects it, labels the edges and saves the <Flow> into the MDX", async ({
  page,
}) => {
  await signIn(page, DEMO.lead);
  await page.goto("/flows/scratch?open=billing-dispute-card-charge:dispute-decision");
  const editor = page.locator(".fd-editor");
  await expect(node(page, "settled")).toBeVisible();
  await canvasInView(page);

  // Palette → a new action node, selected, its label box focused.
  await editor.getByRole("button", { name: /^Action/ }).click();
  await expect(node(page, "action-1")).toBeVisible();
  const label = editor.getByLabel("Label", { exact: true });
  await expect(label).toBeFocused();
  await label.fill("Check the refund limit for {charge_amount}");
  await expect(node(page, "action-1")).toContainText("Check the refund limit");

  // Connect by dragging: the "settled" question's exit → the new node, then the new node → the refund step.
  await dragHandle(
    page,
    node(page, "settled").locator(".react-flow__handle.source"),
    node(page, "action-1").locator(".react-flow__handle.target"),
  );
  const answer = editor.getByLabel("Answer (edge label)");
  await expect(answer).toBeFocused();
  await answer.fill("Partly settled");
  await dragHandle(
    page,
    node(page, "action-1").locator(".react-flow__handle.source"),
    node(page, "refund").locator(".react-flow__handle.target"),
  );
  await editor.getByLabel("Edge label (optional)").fill("Within the limit");
  await expect(editor.locator(".fd-edge-label", { hasText: "Within the limit" })).toBeVisible();

  // Undo and redo the last label, from the keyboard.
  await page.locator(".fd-canvas .react-flow__pane").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+z");
  await expect(editor.locator(".fd-edge-label", { hasText: "Within the limit" })).toHaveCount(0);
  await page.keyboard.press("Control+Shift+z");
  await expect(editor.locator(".fd-edge-label", { hasText: "Within the limit" })).toBeVisible();

  await expect(editor.getByText("Unsaved changes")).toBeVisible();
  await editor.getByRole("button", { name: "Save to MDX" }).click();
  await expect(editor.getByText("Saved", { exact: true })).toBeVisible();

  const saved = page.getByTestId("saved-flow");
  await expect(saved).toContainText(
    '<Node id="action-1" type="action" label="Check the refund limit for {charge_amount}" />',
  );
  await expect(saved).toContainText('<Edge from="settled" to="action-1" label="Partly settled" />');
  await expect(saved).toContainText('<Edge from="action-1" to="refund" label="Within the limit" />');
  await expect(page.getByTestId("compile-summary")).toHaveText(/^0 errors/);

  // What the server wrote is a valid SOP whose flow has exactly those node and edges.
  const mdx = (await page.getByTestId("saved-mdx").textContent())!;
  const doc = parseSop(mdx);
  expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const flow = doc.flows.find((f) => f.id === "dispute-decision")!;
  expect(flow.nodes.find((n) => n.id === "action-1")).toMatchObject({
    type: "action",
    label: "Check the refund limit for {charge_amount}",
  });
  expect(flow.edges).toContainEqual(
    expect.objectContaining({ from: "settled", to: "action-1", label: "Partly settled" }),
  );
  expect(flow.edges).toContainEqual(
    expect.objectContaining({ from: "action-1", to: "refund", label: "Within the limit" }),
  );
  expect(flow.nodes).toHaveLength(15);
  // Everything outside the <Flow> block is the published source, untouched.
  expect(mdx).toContain('<Step id="issue-refund" title="Refund a duplicate or overcharge">');
});

test("the editor's live validation points at the offending node", async ({ page }) => {
  await signIn(page, DEMO.lead);
  await page.goto("/flows/scratch?open=blank");
  const editor = page.locator(".fd-editor");
  await expect(editor.getByText("The flow follows every rule")).toBeVisible();
  await editor.getByRole("button", { name: /^Question/ }).click();
  const problem = editor.locator(".fd-problem", { hasText: "can't be reached from the start" });
  await expect(problem).toBeVisible();
  await page.locator(".fd-canvas .react-flow__pane").click({ position: { x: 5, y: 5 } }); // deselect
  await expect(editor.getByRole("heading", { name: "Flow" })).toBeVisible();
  await problem.click();
  await expect(editor.getByRole("heading", { name: "Question node" })).toBeVisible();
  await expect(node(page, "question-1")).toHaveClass(/selected/);
  // Delete removes the selected node, and the problem with it.
  await editor.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(node(page, "question-1")).toHaveCount(0);
  await expect(editor.getByText("The flow follows every rule")).toBeVisible();
});

test("paste Mermaid: errors carry line numbers; a valid chart replaces the flow and is saved", async ({ page }) => {
  await signIn(page, DEMO.lead);
  await page.goto("/flows/scratch?open=blank");
  const editor = page.locator(".fd-editor");
  await editor.getByRole("button", { name: "Paste Mermaid…" }).click();
  const dialog = page.getByRole("dialog", { name: "Paste Mermaid" });
  const text = dialog.getByLabel("Mermaid flowchart");

  await text.fill("flowchart TD\n  A([Call]) --> B{Verified?\n  B -->|Yes| C([Done])");
  await expect(dialog.locator(".fd-diagnostic--error").first()).toContainText("line 2:");
  await expect(dialog.getByRole("button", { name: "Replace the flow" })).toBeDisabled();

  await text.fill(
    [
      "flowchart TD",
      "  %% a late parcel",
      "  A([Customer calls]) --> B{Is the parcel late?}",
      '  B -->|Yes| C["Check the tracking"]',
      "  B -- No --> D([Nothing to do])",
      "  C --> E([Tracking shared])",
      "  classDef hot fill:#f00",
    ].join("\n"),
  );
  await expect(dialog.getByText("Reads as 5 nodes and 4 edges.")).toBeVisible();
  await expect(dialog.locator(".fd-diagnostic--warning")).toContainText("line 7:");
  await dialog.getByRole("button", { name: "Replace the flow" }).click();
  await expect(dialog).toBeHidden();
  await expect(node(page, "B")).toContainText("Is the parcel late?");

  await editor.getByRole("button", { name: "Save to MDX" }).click();
  const saved = page.getByTestId("saved-flow");
  await expect(saved).toContainText('<Node id="B" type="question" label="Is the parcel late?" />');
  await expect(saved).toContainText('<Edge from="B" to="C" label="Yes" />');
  await expect(saved).toContainText('<Edge from="B" to="D" label="No" />');
  const doc = parseSop((await page.getByTestId("saved-mdx").textContent())!);
  expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(doc.flows[0]!.nodes.map((n) => `${n.id}:${n.type}`)).toEqual([
    "A:start",
    "B:question",
    "C:action",
    "D:end",
    "E:end",
  ]);
});

test("agents can't open the scratch page", async ({ page }) => {
  await signIn(page, DEMO.agent);
  const res = await page.goto("/flows/scratch");
  expect(res?.status()).toBe(403);
});
