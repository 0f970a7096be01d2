// Automated accessibility check (axe-core, WCAG 2.1 A/AA rules) of the pages agents and leads live in, at a
// wide screen and docked at 400 px, left to right and right to left. A violation fails with its rule and nodes.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "./fixtures";
import { openNewRun } from "./runbook-fixtures";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

for (const width of [1280, 400]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test("an agent's pages: home, library, an SOP, a run (English and Persian), follow-ups, profile", async ({ page }) => {
      test.setTimeout(90_000);
      await signIn(page, DEMO.agent);
      for (const path of ["/", "/library", "/sops/billing-dispute-card-charge", "/sops/fa-peygiri-sefaresh", "/follow-ups", "/runs", "/profile"]) {
        await page.goto(path);
        expect(await violations(page), path).toEqual([]);
      }
      await openNewRun(page, "billing-dispute-card-charge");
      expect(await violations(page), "run").toEqual([]);
      await openNewRun(page, "fa-peygiri-sefaresh");
      expect(await violations(page), "Persian run").toEqual([]);
    });

    test("a lead's and an admin's pages", async ({ page }) => {
      test.setTimeout(90_000);
      await signIn(page, DEMO.lead);
      for (const path of ["/", "/editor", "/reviews"]) {
        await page.goto(path);
        expect(await violations(page), path).toEqual([]);
      }
      await page.context().clearCookies();
      await signIn(page, DEMO.admin);
      for (const path of ["/", "/admin/users", "/admin/audit", "/admin/departments"]) {
        await page.goto(path);
        expect(await violations(page), path).toEqual([]);
      }
    });
  });
}
