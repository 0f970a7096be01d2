// Tables, reply templates and section text end to end: a lead writes a draft with a GFM table, a <Template> and
// section text; a TODO placeholder the import would leave keeps it out of review; once replaced it is reviewed
// and published. The SOP page shows a real table and a collapsed template whose Copy button copies; on a call,
// the section's text is on the run screen, collapsed above the step it precedes, and the template copies with
// the captured value filled in.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { apiClient, createSop, DEMO, draftOf, expect, lifecycle, signIn, test, uniqueIp, userIdOf } from "./fixtures";
import { openNewRun, outlineStep, runReady } from "./runbook-fixtures";

test.describe.configure({ timeout: 120_000 });

const source = (title: string, handleTime: string) => `---
title: ${title}
department: Customer Service
purpose: Tell customers what they may get back, the same way every time.
targets:
  handleTime: ${handleTime}
---

Use this procedure for every refund question.

## Refund limits

What an agent may refund without a supervisor:

| Plan | Refund limit | Window |
|:-----|-------------:|:------:|
| Basic | **20 EUR** | 14 days |
| Plus | 50 EUR | 30 days |

<Step title="Ask for the name" id="ask">
<Field name="customer_name" label="Customer name" />
</Step>

<Step title="Send the confirmation" id="confirm">

Send the e-mail below.

<Template title="Refund confirmation e-mail">

Dear {customer_name},

we have refunded your order.

</Template>

</Step>
`;

async function save(page: Page, sopId: string, text: string) {
  const { versionId, revision } = await draftOf(page, sopId);
  const res = await page.request.post(`/sops/${sopId}/edit`, {
    data: { intent: "save", versionId, baseRevision: revision, source: text },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test("a table, a reply template and section text: refused with a placeholder, then published, read and run", async ({
  page,
  browser,
  context,
}) => {
  const title = `Goodwill credit limits ${randomUUID().slice(0, 8)}`;
  const leadApi = await apiClient(DEMO.lead);
  const adminApi = await apiClient(DEMO.admin);
  let sopId: string;
  try {
    sopId = await createSop(leadApi, title);
    const adminId = await userIdOf(adminApi, DEMO.admin);

    // The lead writes the draft through the editor's save; with the import's placeholder it can't go to review.
    const leadContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() } });
    const lead = await leadContext.newPage();
    try {
      await signIn(lead, DEMO.lead);
      await save(lead, sopId, source(title, "TODO"));
      const refused = await lifecycle(leadApi, sopId, {
        intent: "submit",
        reviewerId: adminId,
        comment: "",
        confirmWarnings: "1",
      });
      expect(refused.status()).toBe(400);
      expect(await refused.text()).toContain(
        "Replace the placeholder before sending " + "this SOP to review: Set the handle time target (line 6).",
      );
      await save(lead, sopId, source(title, "6m"));
    } finally {
      await leadContext.close();
    }
    expect(
      (
        await lifecycle(leadApi, sopId, { intent: "submit", reviewerId: adminId, comment: "", confirmWarnings: "1" })
      ).status(),
    ).toBe(200);
    expect((await lifecycle(adminApi, sopId, { intent: "approve", comment: "" })).status()).toBe(200);
    expect(
      (
        await lifecycle(leadApi, sopId, { intent: "publish", changeNote: "First version", confirmWarnings: "1" })
      ).status(),
    ).toBe(200);
  } finally {
    await leadApi.dispose();
    await adminApi.dispose();
  }

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, DEMO.agent);

  // The SOP page: a real table, in a region the keyboard can scroll.
  await page.goto(`/sops/${sopId}`);
  const region = page.getByRole("region", { name: "Table: Plan, Refund limit, Window" });
  await expect(region).toBeVisible();
  const table = region.getByRole("table");
  await expect(table.getByRole("columnheader")).toHaveText(["Plan", "Refund limit", "Window"]);
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("cell", { name: "20 EUR" }).locator("strong")).toHaveText("20 EUR");
  expect(await table.getByRole("cell", { name: "20 EUR" }).evaluate((el) => getComputedStyle(el).textAlign)).toBe(
    "end",
  );
  await region.focus();
  await expect(region).toBeFocused();

  // The template: collapsed; opened with the keyboard; Copy copies the text, a reference as its label.
  const template = page.locator("details.template");
  const summary = template.locator("summary");
  await expect(summary).toContainText("Refund confirmation e-mail");
  await expect(template.getByText("we have refunded your order.")).toBeHidden();
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(template.getByText("we have refunded your order.")).toBeVisible();
  await template.getByRole("button", { name: "Copy" }).click();
  await expect(template.getByRole("button", { name: "Copied ✓" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    "Dear [Customer name],\n\nwe have refunded your order.",
  );
  await summary.click();
  await expect(template.getByText("we have refunded your order.")).toBeHidden();

  // On a call: the section's text is collapsed above the step it precedes, with its table.
  await openNewRun(page, sopId);
  const notes = page.locator(".run-section-note");
  await expect(notes).toHaveCount(2);
  await expect(notes.locator("summary")).toHaveText(["About this procedure", "About this section: Refund limits"]);
  await expect(page.getByText("What an agent may refund without a supervisor:")).toBeHidden();
  await notes.nth(1).locator("summary").click();
  await expect(page.getByText("What an agent may refund without a supervisor:")).toBeVisible();
  await expect(page.locator(".run-step").getByRole("table").getByRole("columnheader")).toHaveText([
    "Plan",
    "Refund limit",
    "Window",
  ]);
  await notes.nth(0).locator("summary").click();
  await expect(page.getByText("Use this procedure for every refund question.")).toBeVisible();

  // The captured name fills the template; Copy copies it with the value.
  await page.getByLabel("Customer name").fill("Maria Rossi");
  await page.getByLabel("Customer name").press("Tab");
  await (await outlineStep(page, /Send the confirmation/)).click();
  await runReady(page);
  // "Send the e-mail below." is step text, not section text
  await expect(page.locator(".run-section-note")).toHaveCount(0);
  const reply = page.locator(".run-step details.template");
  await reply.locator("summary").click();
  await expect(reply.locator(".template-body")).toContainText("Dear Maria Rossi,");
  await reply.getByRole("button", { name: "Copy" }).click();
  await expect(reply.getByRole("button", { name: "Copied ✓" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    "Dear Maria Rossi,\n\nwe have refunded your order.",
  );
});
