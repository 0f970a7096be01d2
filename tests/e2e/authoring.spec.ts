import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, OPENED, openEditor as startEditing, sendToReview, signIn, test } from "./fixtures";

/** Opens the editor (the published text when there is no draft yet) and waits until CodeMirror is live. */
async function openEditor(page: Page, sopId: string) {
  await startEditing(page, sopId);
  await expect(page.locator(".code-editor[data-ready] .cm-content")).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveText(OPENED);
}

/** The admin approves and publishes the open version with a change note, in their own browser context. */
async function approveAndPublish(browser: Browser, sopId: string, changeNote: string) {
  const ctx = await browser.newContext();
  const admin = await ctx.newPage();
  try {
    await signIn(admin, DEMO.admin);
    await admin.goto("/reviews");
    await admin
      .getByRole("link", { name: new RegExp(sopId.split("-").slice(0, 3).join(" "), "i") })
      .first()
      .click();
    await expect(admin).toHaveURL(new RegExp(`/sops/${sopId}/review$`));
    await admin.getByRole("button", { name: "Approve" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Approved" })).toBeVisible();
    await admin.getByLabel("Change note").fill(changeNote);
    // A republish asks how the change affects training (a first publish has nothing to carry over).
    const material = admin.getByRole("radio", { name: /^Material/ });
    if (await material.count()) await material.check();
    const warnings = admin.getByRole("checkbox", { name: /despite/ });
    if (await warnings.count()) await warnings.check();
    await admin.getByRole("button", { name: /^Publish v\d+$/ }).click();
    await expect(admin.getByRole("status").filter({ hasText: /Published version \d+/ })).toBeVisible();
  } finally {
    await ctx.close();
  }
}

test(
  "a lead creates an SOP from a template, has it reviewed and published, " +
    "revises it, diffs, rolls back, finds, exports and re-imports it",
  async ({ page, browser }) => {
    test.setTimeout(150_000);
    const suffix = Date.now().toString(36);
    const title = `Replace lost card ${suffix}`;
    await signIn(page, DEMO.lead);

    // New SOP from the standard template: a draft with steps and a decision flow, no errors.
    await page.goto("/editor");
    await page.getByRole("link", { name: "New SOP" }).click();
    await page.getByLabel("Title").fill(title);
    // A lead creates SOPs in their own department (the only one offered).
    await expect(page.getByLabel("Department").locator("option")).toHaveText(["Customer Service"]);
    await page.getByLabel("Department").selectOption("Customer Service");
    await page.getByRole("radio", { name: /Standard/ }).check();
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect(page).toHaveURL(/\/sops\/replace-lost-card-[a-z0-9-]+\/edit$/);
    const sopId = new URL(page.url()).pathname.split("/")[2]!;
    await openEditor(page, sopId);
    const preview = page.getByTestId("editor-preview");
    await expect(preview.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(preview.locator(".step").first()).toBeVisible();
    // The template's example purpose and introduction keep it from review until the lead writes their own.
    await expect(page.getByTestId("problem-count")).toHaveText("2 warnings");
    await expect(page.getByRole("button", { name: "Send to review" })).toBeDisabled();
    await page.getByText("Edit title, purpose, terms, targets…").click();
    await page.getByLabel("Purpose", { exact: true }).fill("Block a lost card and send a new one on the first call.");
    await page.getByRole("button", { name: "Visual", exact: true }).click();
    await page
      .locator(".ve-paragraph")
      .first()
      .getByRole("textbox")
      .fill("Use this SOP when a customer reports a lost or stolen card.");
    await page.getByRole("button", { name: "Source", exact: true }).click();
    await expect(page.locator(".cm-content")).toContainText(
      "Use this SOP when a customer reports a lost or stolen card.",
    );
    await expect(page.getByTestId("problem-count")).toContainText(/no problems|0 errors/i);

    // Not published yet: agents cannot see it.
    expect((await page.request.get(`/sops/${sopId}`)).status()).toBe(404);

    // Review → approve → publish v1.
    await sendToReview(page, /admin@/i);
    await approveAndPublish(browser, sopId, "First version");
    await page.goto(`/sops/${sopId}`);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

    // Edit into version 2 (the first change to a published SOP starts a new draft from it).
    await openEditor(page, sopId);
    await expect(page.locator(".editor-meta")).toContainText("your first change starts draft v2");
    await expect(page.getByRole("button", { name: "Send to review" })).toBeDisabled();
    await page.getByText("Edit title, purpose, terms, targets…").click();
    await page.getByLabel("Title", { exact: true }).fill(`${title} v2`);
    await expect(page.getByTestId("save-status")).toHaveText(/Saved · revision \d+/, { timeout: 15_000 });
    await expect(page.locator(".editor-meta")).toContainText("Version 2");
    await sendToReview(page, /admin@/i);
    await approveAndPublish(browser, sopId, "Clearer title");

    // History: both versions, with the diff between them.
    await page.goto(`/sops/${sopId}/history`);
    const versions = page.getByRole("table").first();
    await expect(versions.locator("tr[data-version='2']")).toContainText("Published");
    await expect(versions.locator("tr[data-version='2']")).toContainText("Clearer title");
    await expect(versions.locator("tr[data-version='1']")).toContainText("Superseded");
    await expect(page.locator(".diff-summary")).toContainText(/title/i);
    await expect(page.locator(".diff-table .diff-new").filter({ hasText: `${title} v2` })).toBeVisible();

    // Roll back to v1: published again as v3, audited.
    await versions.locator("tr[data-version='1']").getByText("Roll back to v1").click();
    await versions
      .locator("tr[data-version='1']")
      .getByRole("button", { name: /Publish v1's content again/ })
      .click();
    await expect(page.getByRole("status").filter({ hasText: "Published as version 3" })).toBeVisible();
    await page.goto(`/sops/${sopId}`);
    await expect(page.getByRole("heading", { level: 1, name: title, exact: true })).toBeVisible();

    // Found by search (published versions only for agents: sign in as an agent in another context).
    const agentCtx = await browser.newContext();
    const agent = await agentCtx.newPage();
    await signIn(agent, DEMO.agent);
    await agent.goto(`/library?q=${encodeURIComponent(suffix)}`);
    await expect(agent.getByRole("link", { name: new RegExp(title) }).first()).toBeVisible();
    await agentCtx.close();

    // Export the .mdx and import it back: identical, so nothing to import.
    const download = page.waitForEvent("download");
    await page.goto(`/sops/${sopId}/history`);
    await page.locator("tr[data-version='3']").getByRole("link", { name: ".mdx" }).click();
    const file = await (await download).path();
    const exported = fs.readFileSync(file!, "utf8");
    expect(exported).toContain(`title: ${title}`);
    await page.goto("/editor/import");
    await page
      .getByLabel("Files", { exact: true })
      .setInputFiles({ name: `${sopId}.mdx`, mimeType: "text/markdown", buffer: Buffer.from(exported) });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.locator(".import-report li[data-status='unchanged']")).toContainText(sopId);

    // And an edited copy imports as a new draft.
    await page.getByLabel("Files", { exact: true }).setInputFiles({
      name: `${sopId}.mdx`,
      mimeType: "text/markdown",
      buffer: Buffer.from(exported.replace(`title: ${title}`, `title: ${title} imported`)),
    });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.locator(".import-report li[data-status='imported']")).toContainText("draft v4");

    // The audit log has the publishes and the rollback.
    const auditCtx = await browser.newContext();
    const admin = await auditCtx.newPage();
    await signIn(admin, DEMO.admin);
    await admin.goto("/admin/audit");
    await expect(admin.getByText(`Rolled “${title}” back to the content of version 1`)).toBeVisible();
    await auditCtx.close();
  },
);

test("in review a draft is read-only; the reviewer sends it back with a required comment", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.lead);
  const sopId = "supervisor-escalation-warm-transfer";
  await openEditor(page, sopId);
  await page.getByText("Edit title, purpose, terms, targets…").click();
  const title = page.getByLabel("Title", { exact: true });
  await title.fill(`${await title.inputValue()} (callback)`);
  await expect(page.getByTestId("save-status")).toHaveText(/Saved · revision \d+/, { timeout: 15_000 });
  await sendToReview(page, /admin@/i);
  // In review the editor is read-only.
  await expect(page.locator(".cm-content")).toHaveAttribute("contenteditable", "false");

  const ctx = await browser.newContext();
  const admin = await ctx.newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto(`/sops/${sopId}/review`);
  await admin.getByRole("button", { name: "Request changes" }).click();
  // The comment is required.
  expect(
    await admin.getByLabel("What needs to change").evaluate((el) => (el as HTMLTextAreaElement).validity.valueMissing),
  ).toBe(true);
  await admin.getByLabel("What needs to change").fill("Add the callback number to the close.");
  await admin.getByRole("button", { name: "Request changes" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Changes requested" })).toBeVisible();
  await ctx.close();

  await openEditor(page, sopId);
  await expect(page.locator(".editor-meta")).toContainText("Draft");
  await page.goto(`/sops/${sopId}/review`);
  await expect(page.locator(".review-comments")).toContainText("Add the callback number to the close.");
});
