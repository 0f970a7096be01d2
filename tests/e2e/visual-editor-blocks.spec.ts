// The visual editor's block menu and block handle (issue 17): a lead drags a step with the mouse, moves one with
// the keyboard alone, and inserts a warning by typing "/war" in an empty box; at 400 px in the Persian SOP the menu
// and the handle are mirrored.
import fs from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { apiClient, createSop, DEMO, expect, openEditor, serverSource, signIn, test } from "./fixtures";

test.use({ storageState: { cookies: [], origins: [] } });

const SAVED = /Saved · revision \d+/;

const SOURCE = `---
title: Three steps
department: Customer Service
purpose: Reorder the steps of a procedure.
targets:
  handleTime: 6m
---

<Step title="Alpha">

Greet the caller.

<Say></Say>

</Step>

<Step title="Bravo">

Find the order.

</Step>

<Step title="Charlie">

Close the call.

</Step>
`;

/** A new draft holding `source`, saved over HTTP; returns its id. */
async function sopWith(title: string, source: string): Promise<string> {
  const lead = await apiClient(DEMO.lead);
  const sopId = await createSop(lead, title, { template: "blank" });
  const html = await (await lead.get(`/sops/${sopId}/edit`)).text();
  const versionId = Number(/data-version-id="(\d+)"/.exec(html)![1]);
  const baseRevision = Number(/data-revision="(\d+)"/.exec(html)![1]);
  const saved = await lead.post(`/sops/${sopId}/edit`, { data: { intent: "save", versionId, baseRevision, source } });
  expect(saved.status()).toBe(200);
  await lead.dispose();
  return sopId;
}

const titles = (source: string) => [...source.matchAll(/<Step title="([^"]+)"/g)].map((m) => m[1]);
const step = (page: Page, title: string) =>
  page.locator(".visual-editor > .ve-list > .ve-step").filter({ has: page.locator(`input[value="${title}"]`) });

async function waitSaved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveText(SAVED, { timeout: 10_000 });
}

async function center(l: Locator) {
  const b = (await l.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2, box: b };
}

test("a lead drags a step with the mouse, moves one with the keyboard, and inserts a warning with /war", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const sopId = await sopWith(`Blocks ${Date.now().toString(36)}`, SOURCE);
  await signIn(page, DEMO.lead);
  await openEditor(page, sopId);
  await waitSaved(page);
  expect(await serverSource(page, sopId)).toBe(SOURCE);

  // The mouse: Charlie's grip, dragged above Alpha in small steps.
  const grip = page.getByRole("button", { name: "Drag the step “Charlie”" });
  await grip.scrollIntoViewIfNeeded();
  const from = await center(grip);
  const alpha = await center(step(page, "Alpha"));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y - 10, { steps: 4 });
  // while dragging, the block stands dashed where it would land, and a label follows the pointer
  await expect(page.locator(".ve-drag-source")).toHaveCount(1);
  await expect(page.locator(".ve-drag-label")).toHaveText("Step");
  await page.mouse.move(from.x, alpha.box.y + 5, { steps: 20 });
  await page.mouse.up();
  await expect(page.locator(".ve-drag-source")).toHaveCount(0);
  await waitSaved(page);
  await expect.poll(async () => titles(await serverSource(page, sopId))).toEqual(["Charlie", "Alpha", "Bravo"]);
  // only the moved step's lines moved: the same lines, in a new order
  const dragged = await serverSource(page, sopId);
  expect(dragged.split("\n").sort()).toEqual(SOURCE.split("\n").sort());
  // the preview follows
  const preview = page.getByTestId("editor-preview");
  await expect.poll(() => preview.innerText()).toMatch(/Charlie[\s\S]*Alpha[\s\S]*Bravo/);

  // The keyboard: Bravo's grip, Space lifts, ↑ moves, Space drops; the focus stays on the grip.
  const bravo = page.getByRole("button", { name: "Drag the step “Bravo”" });
  await bravo.focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: "Picked up the step “Bravo”" })).toHaveCount(1);
  await page.keyboard.press("ArrowUp");
  // each step is announced (and Space drops where the last one said)
  await expect(page.getByRole("status").filter({ hasText: "would go to position 2 of 3" })).toHaveCount(1);
  await page.keyboard.press("Space");
  await waitSaved(page);
  await expect.poll(async () => titles(await serverSource(page, sopId))).toEqual(["Charlie", "Bravo", "Alpha"]);
  await expect(bravo).toBeFocused();
  // Esc cancels a lift: nothing moves
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("status").filter({ hasText: "Cancelled" })).toHaveCount(1);
  expect(titles(await serverSource(page, sopId))).toEqual(["Charlie", "Bravo", "Alpha"]);

  // "/" in the empty script opens the block menu; "war" leaves Warning; Enter inserts it after the script.
  const say = step(page, "Alpha").locator(".ve-say .ve-rich");
  await expect(say).toHaveAttribute("contenteditable", "true");
  await say.click();
  await page.keyboard.type("/");
  const menu = page.getByRole("combobox", { name: "Insert a block after this script" });
  await expect(menu).toBeFocused();
  await page.keyboard.type("war");
  const options = page.locator(".ve-menu").getByRole("option");
  await expect(options).toHaveText(["Warning"]);
  await expect(menu).toHaveAttribute("aria-activedescendant", (await options.getAttribute("id"))!);
  await page.keyboard.press("Enter");
  await expect(menu).toHaveCount(0);
  const warning = step(page, "Alpha").locator(":scope > .ve-list > .ve-warning");
  await expect(warning).toHaveCount(1);
  await expect(warning.locator(".ve-rich")).toBeFocused();
  await waitSaved(page);
  const stored = await serverSource(page, sopId);
  expect(stored).toMatch(/<Say><\/Say>\n\n<Warning>[\s\S]*<\/Warning>\n\n<\/Step>/);
  expect(await say.textContent()).toBe("");
  // "/" in a box with words is a slash
  await warning.locator(".ve-rich").press("End");
  await page.keyboard.type(" a/b");
  await expect(page.locator(".ve-menu")).toHaveCount(0);
  await expect(warning.locator(".ve-rich")).toContainText("a/b");
});

test("at 400 px, in the Persian SOP, the handle and the block menu are mirrored and fit", async ({ page }) => {
  test.setTimeout(60_000);
  const persian = fs.readFileSync("content/sops/fa-peygiri-sefaresh.mdx", "utf8");
  const sopId = await sopWith(`Persian blocks ${Date.now().toString(36)}`, persian);
  await page.setViewportSize({ width: 400, height: 800 });
  await signIn(page, DEMO.lead);
  await openEditor(page, sopId);
  await waitSaved(page);
  await expect(page.locator(".visual-editor")).toHaveAttribute("dir", "rtl");

  const first = page.locator(".visual-editor > .ve-list > .ve-step").first();
  const head = first.locator(":scope > .ve-block-head");
  const grip = head.locator(".ve-handle");
  const name = head.locator(".ve-block-name");
  await expect(grip).toBeVisible();
  // right to left, the grip is at the header's start: on the right, before the block's name
  expect((await grip.boundingBox())!.x).toBeGreaterThan((await name.boundingBox())!.x);
  const gripBox = (await grip.boundingBox())!;
  expect(gripBox.x + gripBox.width).toBeLessThanOrEqual(400);

  const insert = first.locator(":scope > .ve-add .ve-insert");
  await insert.scrollIntoViewIfNeeded();
  await insert.click();
  const menu = page.locator(".ve-menu");
  await expect(menu).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("combobox", { name: "Insert a block into this step" })).toBeFocused();
  const m = (await menu.boundingBox())!;
  const b = (await insert.boundingBox())!;
  expect(m.x).toBeGreaterThanOrEqual(0);
  expect(m.x + m.width).toBeLessThanOrEqual(400);
  // anchored at the button's start edge: its right one
  expect(Math.abs(m.x + m.width - (b.x + b.width))).toBeLessThan(40);
  // the selected option's bar is on its start side: the right
  const option = menu.getByRole("option", { selected: true });
  await expect(option).toHaveCSS("border-right-color", /rgb/);
  expect(await option.evaluate((el) => getComputedStyle(el).borderRightWidth)).toBe("3px");
  await page.keyboard.press("End");
  await expect(menu.getByRole("option", { selected: true })).toHaveText("Flow");
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(insert).toBeFocused();
  expect(await serverSource(page, sopId)).toBe(persian);
});
