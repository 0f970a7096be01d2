import type { Page } from "@playwright/test";
import { DEMO, expect, OPENED, openEditor as startEditing, serverSource, signIn, test } from "./fixtures";

// Typing, autosave pauses and two browser contexts take longer than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 });

/**
 * Opens the editor (on a published SOP without a draft it shows the published text: a GET never creates one)
 * and waits until CodeMirror has replaced the server-rendered textarea.
 */
async function openEditor(page: Page, sopId: string) {
  await startEditing(page, sopId);
  await expect(page.locator(".code-editor[data-ready] .cm-content")).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveText(OPENED);
}

/** The editor line holding `text`, scrolled into view (CodeMirror only renders the lines it shows). */
async function revealLine(page: Page, text: string | RegExp) {
  await page.locator(".code-editor").scrollIntoViewIfNeeded();
  const line = page.locator(".cm-line", { hasText: text }).first();
  for (let i = 0; i < 60 && (await line.count()) === 0; i++)
    await page.locator(".cm-scroller").evaluate((el) => el.scrollBy(0, 200));
  await line.scrollIntoViewIfNeeded();
  return line;
}

/** Puts the cursor at the end of the (short) line holding `text` and opens a new paragraph under it. */
async function newParagraphAfter(page: Page, text: string | RegExp) {
  await (await revealLine(page, text)).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
}

test("a lead edits the body, sees an error in place and in the list, fixes it, and autosave keeps it", async ({
  page,
}) => {
  const sopId = "late-missing-delivery";
  await signIn(page, DEMO.returnsLead);
  await openEditor(page, sopId);
  await expect(
    page.locator(".editor-header").getByRole("heading", { level: 1, name: "Late or missing delivery" }),
  ).toBeVisible();
  // The live preview is the agents' renderer.
  const preview = page.getByTestId("editor-preview");
  await expect(preview.getByRole("heading", { level: 3, name: /Verify the caller/ })).toBeVisible();

  await newParagraphAfter(page, "## Find the order");
  await page.keyboard.type("Tell the customer about {unknown_thing");
  await page.keyboard.press("Escape"); // close the completion list
  await page.keyboard.press("End");

  // Underlined in place, with its message, and listed under Problems.
  const underline = page.locator(".cm-lintRange-error", { hasText: "unknown_thing" });
  await expect(underline).toBeVisible();
  const problem = page.locator(".problem-error", { hasText: "unknown_thing" });
  await expect(problem).toBeVisible();
  await expect(page.getByTestId("problem-count")).toContainText("1 error");
  await expect(page.getByRole("button", { name: "Send to review" })).toBeDisabled();

  // Hovering the underline shows the message.
  await underline.hover();
  await expect(page.locator(".cm-tooltip-lint")).toContainText("unknown_thing");

  // The list jumps to the place: the cursor lands on the reference, where the fix is typed.
  await problem.getByRole("button").click();
  await expect(page.locator(".cm-content")).toBeFocused();
  await page.keyboard.press("Shift+End");
  await page.keyboard.type("the delay.");
  await expect(page.locator(".cm-lintRange-error")).toHaveCount(0);
  await expect(page.getByTestId("problem-count")).not.toContainText("error");
  await expect(preview.getByText("Tell the customer about the delay.")).toBeVisible();

  // Autosave a couple of seconds after typing stops.
  await expect(page.getByTestId("save-status")).toHaveText(/Saved · revision \d+/, { timeout: 10_000 });
  expect(await serverSource(page, sopId)).toContain("## Find the order\n\nTell the customer about the delay.\n");

  // The editor does not trap the keyboard: Esc then Tab leaves it.
  await page.locator(".cm-content").click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(page.locator(".cm-content")).not.toBeFocused();

  await page.reload();
  await expect(page.locator(".code-editor[data-ready] .cm-content")).toBeVisible();
  await expect(preview.getByText("Tell the customer about the delay.")).toBeVisible();
  await expect(page.getByTestId("restore-offer")).toHaveCount(0);
  await expect(page.getByTestId("save-status")).toHaveText(/Saved · revision \d+/);
});

test("the front matter form writes the YAML, and an insert adds a block at the cursor", async ({ page }) => {
  const sopId = "internet-outage-troubleshooting";
  await signIn(page, DEMO.supportLead);
  await openEditor(page, sopId);
  await page.getByText("Edit title, purpose, terms, targets…").click();
  const title = page.getByLabel("Title", { exact: true });
  await title.fill("Internet outage: first-line troubleshooting");
  await expect(page.locator(".cm-content")).toContainText('title: "Internet outage: first-line troubleshooting"');
  await expect(
    page
      .locator(".editor-header")
      .getByRole("heading", { level: 1, name: "Internet outage: first-line troubleshooting" }),
  ).toBeVisible();
  await expect(
    page
      .getByTestId("editor-preview")
      .getByRole("heading", { level: 1, name: "Internet outage: first-line troubleshooting" }),
  ).toBeVisible();

  await page.getByLabel("Target handle time").fill("90");
  const handleTime = page.getByLabel("Target handle time");
  await expect(handleTime).toHaveAttribute("aria-invalid", "true");
  await expect(handleTime).toHaveAccessibleDescription(/unit|duration/i);
  await page.getByLabel("Target handle time").fill("9m");

  await page.getByRole("button", { name: "Add a term" }).click();
  await expect(page.locator(".fm-terms-table tbody tr").last().getByRole("textbox").first()).toBeFocused();

  await (await revealLine(page, /^## /)).click();
  await page.keyboard.press("End");
  await page
    .getByRole("toolbar", { name: "Insert a block at the cursor" })
    .getByRole("button", { name: "Warning" })
    .click();
  await expect(page.locator(".cm-content")).toContainText("<Warning>");
  await expect(page.getByTestId("editor-preview").locator(".callout-warning").first()).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveText(/Saved · revision \d+/, { timeout: 10_000 });
  const saved = await serverSource(page, sopId);
  expect(saved).toMatch(/handleTime: "?9m"?\n/);
  expect(saved).toContain("<Warning>");
});

test("a flow opens in the visual flow editor and is written back into the source", async ({ page }) => {
  const sopId = "billing-dispute-card-charge";
  await signIn(page, DEMO.billingLead);
  await openEditor(page, sopId);
  await page.getByRole("button", { name: "Edit flow: Card charge dispute" }).click();
  const dialog = page.getByRole("dialog", { name: /Edit flow: Card charge dispute/ });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Flow title").fill("Card charge dispute: what next?");
  await dialog.getByRole("button", { name: "Write into the procedure" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page
      .getByTestId("editor-preview")
      .getByText(/Card charge dispute: what next\?/)
      .first(),
  ).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveText(/Saved · revision \d+/, { timeout: 10_000 });
  expect(await serverSource(page, sopId)).toContain(
    '<Flow id="dispute-decision" title="Card charge dispute: what next?">',
  );
});

test("two leads edit the same draft: the second save meets the conflict view and nothing is overwritten", async ({
  browser,
}) => {
  const sopId = "complaint-handling";
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  const errors: string[] = [];
  for (const p of [pageA, pageB]) {
    p.on("pageerror", (e) => errors.push(e.message));
    p.on("console", (m) => {
      if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
    });
  }
  try {
    await signIn(pageA, DEMO.lead);
    await signIn(pageB, DEMO.admin);
    await openEditor(pageA, sopId);
    await openEditor(pageB, sopId);

    await newParagraphAfter(pageA, "## Hear and empathise");
    await pageA.keyboard.type("Edit from A.");
    await expect(pageA.getByTestId("save-status")).toHaveText(/Saved · revision \d+/, { timeout: 10_000 });
    await expect.poll(() => serverSource(pageA, sopId)).toContain("Edit from A.");

    await newParagraphAfter(pageB, "## Hear and empathise");
    await pageB.keyboard.type("Edit from B.");
    const conflict = pageB.getByTestId("conflict-view");
    await expect(conflict).toBeVisible({ timeout: 10_000 });
    await expect(conflict.getByRole("heading", { name: /saved this draft while you were editing/ })).toBeVisible();
    await expect(conflict.getByRole("table")).toContainText("Edit from A.");
    await expect(conflict.getByRole("table")).toContainText("Edit from B.");
    await expect(pageB.getByTestId("save-status")).toContainText("Not saved");

    // Nothing was overwritten: the server still has A's text and not B's.
    let saved = await serverSource(pageA, sopId);
    expect(saved).toContain("Edit from A.");
    expect(saved).not.toContain("Edit from B.");

    // B merges by hand: keeps A's line and adds its own, then saves based on A's revision.
    await conflict.getByRole("button", { name: "Merge by hand" }).click();
    await expect(pageB.getByRole("heading", { name: "Merging by hand" })).toBeVisible();
    await (await revealLine(pageB, "Edit from B.")).click();
    await pageB.keyboard.press("End");
    await pageB.keyboard.type(" Edit from A.");
    await pageB.getByRole("button", { name: "Save merged version" }).click();
    await expect(pageB.getByTestId("conflict-view")).toHaveCount(0);
    await expect(pageB.getByTestId("save-status")).toHaveText(/Saved · revision \d+/);
    saved = await serverSource(pageA, sopId);
    expect(saved).toContain("Edit from B. Edit from A.");
    expect(errors).toEqual([]);
  } finally {
    await a.close();
    await b.close();
  }
});

test("nothing typed is lost: leaving at once saves on the way out, and a local backup is offered back", async ({
  page,
}) => {
  const sopId = "email-enquiry-response";
  await signIn(page, DEMO.lead);
  await openEditor(page, sopId);
  await newParagraphAfter(page, /^## /);
  await page.keyboard.type("Typed just before leaving.");
  // Leave before the autosave delay: the page-hide save (or, failing that, the local backup) keeps it.
  await page.goto("about:blank");
  await openEditorAllowingRestore(page, sopId);
  await expect(page.getByTestId("editor-preview").getByText("Typed just before leaving.")).toBeVisible();
  // Settle first: while text is unsaved the editor keeps its own backup under the same key (and writes it
  // again when the page goes away), which would replace the one planted below.
  await expect(page.getByTestId("save-status")).toHaveText(/Saved · revision \d+/, { timeout: 15_000 });

  // A backup left by a crash (text the server never got) is offered back on the next visit.
  const versionId = await page.locator(".editor-page").getAttribute("data-version-id");
  const server = await serverSource(page, sopId);
  const revision = Number((await page.getByTestId("save-status").textContent())!.replace(/\D+/g, ""));
  await page.evaluate(
    ([key, source, revision]) =>
      localStorage.setItem(key as string, JSON.stringify({ source, baseRevision: revision, savedAt: Date.now() })),
    [`stepwise:draft:${sopId}:${versionId}`, `${server}\nA paragraph from before the crash.\n`, revision] as const,
  );
  await page.reload();
  const offer = page.getByTestId("restore-offer");
  await expect(offer).toBeVisible();
  await offer.getByRole("button", { name: "Show the differences" }).click();
  await expect(offer.getByRole("table")).toContainText("A paragraph from before the crash.");
  await offer.getByRole("button", { name: "Restore my changes" }).click();
  await expect(page.getByTestId("editor-preview").getByText("A paragraph from before the crash.")).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveText(/Saved · revision \d+/, { timeout: 10_000 });
  expect(await serverSource(page, sopId)).toContain("A paragraph from before the crash.");
  await page.reload();
  await expect(page.locator(".code-editor[data-ready] .cm-content")).toBeVisible();
  await expect(page.getByTestId("restore-offer")).toHaveCount(0);
});

/** Opens the editor and restores a local backup if one is offered. */
async function openEditorAllowingRestore(page: Page, sopId: string) {
  await page.goto(`/sops/${sopId}/edit`);
  await expect(page.locator(".code-editor[data-ready] .cm-content")).toBeVisible();
  const offer = page.getByTestId("restore-offer");
  if (await offer.isVisible()) await offer.getByRole("button", { name: "Restore my changes" }).click();
}
