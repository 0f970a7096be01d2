// A support team brings its handbook in: a zipped folder of Hugo-style Markdown (two `_index.md` pages, a page
// with a Mermaid Yes/No tree whose leaves are plain rectangles, a table, an alert shortcode, a <details> e-mail
// template and a relative link) is imported through the import page. No page overwrites another, the department
// chosen on the page wins over the files' `category:`, the placeholders the import leaves keep the draft out of
// review until replaced, and once published an agent walks the flow and sees the table and the template on the call.
import { randomUUID } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import { apiClient, DEMO, draftOf, expect, lifecycle, signIn, test, userIdOf } from "./fixtures";
import { openNewRun, runReady } from "./runbook-fixtures";

test.describe.configure({ timeout: 150_000 });

function handbook(suffix: string): Uint8Array {
  const files: Record<string, string> = {
    "handbook/_index.md": `---
title: Support handbook ${suffix}
weight: 10
category: Operations
draft: false
---

# Support handbook ${suffix}

Welcome to the support team. Every page of this handbook is a procedure you follow on calls.

{{< alert color="warning" >}}
Never read a full card number back to a caller.
{{< /alert >}}

See [Money back requests](money-back-${suffix}.md) for money going back to a customer.
`,
    "handbook/billing/_index.md": `---
title: Billing questions ${suffix}
category: Finance
---

# Billing questions ${suffix}

## Find the invoice

Ask for the invoice number and open it in the billing system.

## Explain the charges

Walk the customer through each line of the invoice, and say what each charge is for.
`,
    [`handbook/money-back-${suffix}.md`]: `---
title: Money back requests ${suffix}
slug: refunds
weight: 20
---

# Money back requests ${suffix}

## Decide how to pay back

\`\`\`mermaid
flowchart TD
    A{Is the order older than 30 days?} -->|Yes| B[Offer store credit]
    A -->|No| C{Was it paid by card?}
    C -->|Yes| D[Refund to the card]
    C -->|No| E[Refund by bank transfer]
\`\`\`

## Approval limits

| Order value | Who approves |
|-------------|--------------|
| Up to 100 EUR | The agent |
| Over 100 EUR | A team lead |

## Confirm by e-mail

<details>
<summary>Payment confirmation e-mail</summary>

Hello,

your refund has been approved and will reach you within 5 working days.

Kind regards,
The support team

</details>
`,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

test("a zipped handbook folder imports as drafts that keep the procedure, and an agent runs the result", async ({
  page,
  browser,
}) => {
  const suffix = randomUUID().slice(0, 8);
  const refundsId = `money-back-${suffix}`;
  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, DEMO.lead);

  // The import page: the department chosen here wins over the files' `category:`.
  await lead.goto("/editor/import");
  await lead
    .getByLabel("Files", { exact: true })
    .setInputFiles({ name: "handbook.zip", mimeType: "application/zip", buffer: Buffer.from(handbook(suffix)) });
  await lead.getByLabel(/^Department/).selectOption({ label: "Customer Service" });
  await lead.getByRole("button", { name: "Import", exact: true }).click();
  const report = lead.locator(".import-report");
  await expect(report.locator("li[data-status='imported']")).toHaveCount(3, { timeout: 30_000 });
  // Two `_index.md` pages: each gets its id from its title; neither becomes a version of the other.
  for (const id of [`support-handbook-${suffix}`, `billing-questions-${suffix}`, refundsId])
    await expect(report.locator(`a[href="/sops/${id}/edit"]`)).toHaveCount(1);
  // The link between pages of the batch became a link to the imported SOP.
  const index = await draftOf(lead, `support-handbook-${suffix}`);
  expect(index.source).toContain(`](/sops/${refundsId})`);
  expect(index.source).toMatch(/<Warning>[\s\S]*Never read a full card number back to a caller\.[\s\S]*<\/Warning>/);
  expect(index.source).toContain("department: Customer Service");
  const billing = await draftOf(lead, `billing-questions-${suffix}`);
  expect(billing.source).toMatch(/<Step title="Find the invoice"/);
  expect(billing.source).toMatch(/<Step title="Explain the charges"/);

  // The refunds page: the chart is a flow, the table a table, the <details> a template; placeholders are marked.
  const draft = await draftOf(lead, refundsId);
  expect(draft.source).toContain("<Flow");
  expect(draft.source).toContain("| Order value | Who approves |");
  expect(draft.source).toContain('<Template title="Payment confirmation e-mail">');
  expect(draft.source).toContain("handleTime: TODO");

  const leadApi = await apiClient(DEMO.lead);
  const adminApi = await apiClient(DEMO.admin);
  try {
    const adminId = await userIdOf(adminApi, DEMO.admin);
    const refused = await lifecycle(leadApi, refundsId, {
      intent: "submit",
      reviewerId: adminId,
      comment: "",
      confirmWarnings: "1",
    });
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toContain("placeholder");

    // The lead fills in what the page did not say, then it is reviewed and published.
    const text = draft.source
      .replace(/^purpose: .*$/m, "purpose: Give every customer the same answer about refunds.")
      .replace("handleTime: TODO", "handleTime: 6m");
    const saved = await leadApi.post(`/sops/${refundsId}/edit`, {
      data: { intent: "save", versionId: draft.versionId, baseRevision: draft.revision, source: text },
    });
    expect(saved.status(), await saved.text()).toBe(200);
    expect(
      (
        await lifecycle(leadApi, refundsId, {
          intent: "submit",
          reviewerId: adminId,
          comment: "",
          confirmWarnings: "1",
        })
      ).status(),
    ).toBe(200);
    expect((await lifecycle(adminApi, refundsId, { intent: "approve", comment: "" })).status()).toBe(200);
    const published = await lifecycle(leadApi, refundsId, {
      intent: "publish",
      changeNote: "Imported from the handbook",
      confirmWarnings: "1",
    });
    expect(published.status(), await published.text()).toBe(200);
  } finally {
    await leadApi.dispose();
    await adminApi.dispose();
    await leadContext.close();
  }

  // An agent runs it: the flow is walked to a leaf that became an end node.
  await signIn(page, DEMO.agent);
  await openNewRun(page, refundsId);
  await expect(page.locator(".run-step")).toContainText("Decide how to pay back");
  await page.locator(".answers").getByRole("button").first().click(); // start → the first question
  await expect(page.locator(".run-step")).toContainText("Is the order older than 30 days?");
  await page.locator(".answers").getByRole("button", { name: /No$/ }).click();
  await expect(page.locator(".run-step")).toContainText("Was it paid by card?");
  await page.locator(".answers").getByRole("button", { name: /Yes$/ }).click();
  await expect(page.locator(".run-step")).toContainText("Refund to the card");
  await runReady(page);

  // The table and the template are on the run screen, in the steps their sections became.
  await page.getByRole("button", { name: /^Done, next step/ }).click();
  await expect(page.locator(".run-step").getByRole("table").getByRole("columnheader")).toHaveText([
    "Order value",
    "Who approves",
  ]);
  await page.getByRole("button", { name: /^Done, next step/ }).click();
  const reply = page.locator(".run-step details.template");
  await expect(reply.locator("summary")).toContainText("Payment confirmation e-mail");
  await reply.locator("summary").click();
  await expect(reply).toContainText("your refund has been approved");
  await runReady(page);
});
