// The analytics dashboards (issue 11), on the demo's generated 90-day history: a lead sees which SOPs run over
// target, filters, switches a chart to its table, reads the path heat on a flow and downloads CSV. Leads see only
// their department; agents not at all.
import { readFile } from "node:fs/promises";
import { DEMO, expect, signIn, test } from "./fixtures";

test("a lead's overview: figures with trends, SOPs over target, a chart's table view", async ({ page }) => {
  await signIn(page, DEMO.lead);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page).toHaveURL(/\/analytics$/);
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  const tiles = page.getByTestId("overview-tiles");
  await expect(tiles).toContainText("Live runs");
  await expect(tiles).toContainText("Handle time (median)");
  await expect(tiles).toContainText(/on the previous period|Unchanged/);
  // The demo history: the lead's department has calls, none of another department's SOPs are listed.
  const sops = page.getByRole("table", { name: "SOPs in this period" }).last();
  await expect(sops.getByRole("link", { name: "Complaint handling" })).toBeVisible();
  await expect(sops).not.toContainText("Refund and return");
  // A chart's table view.
  const card = page.locator("section", { has: page.getByRole("heading", { name: "Outcomes" }) });
  await card.getByRole("button", { name: "Table" }).click();
  const table = card.getByRole("table");
  await expect(table).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Resolved" })).toBeVisible();
  await card.getByRole("button", { name: "Chart" }).click();
  await expect(table).toBeHidden();
});

test("filters: an SOP and a period narrow the figures, a wrong date is named", async ({ page }) => {
  await signIn(page, DEMO.lead);
  await page.goto("/analytics");
  const runs = async () =>
    Number(
      (await page.getByTestId("overview-tiles").locator("li").first().textContent())!
        .match(/Live runs\s*([\d,]+)/)![1]!
        .replace(/,/g, ""),
    );
  const all = await runs();
  expect(all).toBeGreaterThan(20);
  await page.getByLabel("SOP", { exact: true }).selectOption("complaint-handling");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/sop=complaint-handling/);
  // The URL changes before React has rendered the filtered figures: poll until the tile shows them.
  await expect.poll(runs).toBeLessThan(all);
  expect(await runs()).toBeGreaterThan(0);
  await page.goto("/analytics?from=2026-02-30");
  await expect(page.getByText("Give a date as YYYY-MM-DD.")).toBeVisible();
  await expect(page.getByLabel("From")).toHaveAttribute("aria-invalid", "true");
  // a lead has one department, so no department filter: an error on it is still said
  await page.goto("/analytics?department=billing");
  await expect(page.getByRole("alert")).toContainText("Choose a department from the list.");
});

test("an SOP's page draws the path heat on its flow, and a table of its answers", async ({ page }) => {
  await signIn(page, DEMO.lead);
  await page.goto("/analytics");
  await page
    .getByRole("table", { name: "SOPs in this period" })
    .last()
    .getByRole("link", { name: "Complaint handling" })
    .click();
  await expect(page).toHaveURL(/\/analytics\/sops\/complaint-handling/);
  const heat = page.getByTestId("path-heat").first();
  await expect(heat).toBeVisible();
  // Edges carry their share as label; the busiest is drawn wider than an unused one.
  await expect(heat.locator(".react-flow__edge").first()).toBeVisible();
  await expect(heat).toContainText(/\d+\s?%/);
  await heat.getByText("Answers as a table").click();
  await expect(heat.getByRole("table")).toBeVisible();
  await expect(heat.getByRole("table").getByRole("row")).not.toHaveCount(1);
  // Another department's SOP is not the lead's to see.
  const other = await page.goto("/analytics/sops/refund-and-return");
  expect(other?.status()).toBe(404);
});

test("CSV: the runs of the period download without sensitive fields; agents get no analytics", async ({ page }) => {
  await signIn(page, DEMO.lead);
  await page.goto("/analytics");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download runs (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^stepwise-runs-.*\.csv$/);
  const text = await readFile((await download.path())!, "utf8");
  const lines = text.replace(/^\uFEFF/, "").split("\r\n");
  expect(lines[0]).toContain("run_id,sop_id,sop_title,version");
  expect(lines.length).toBeGreaterThan(20);
  expect(text).not.toContain("Refund and return");
  const bad = await page.request.get("/analytics/export.csv?table=nope");
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toMatch(/table: choose one of/);

  await page.context().clearCookies();
  await signIn(page, DEMO.agent);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics" })).toHaveCount(0);
  const refused = await page.goto("/analytics");
  expect(refused?.status()).toBe(403);
});
