// Automated accessibility check (axe-core, WCAG 2.1 A/AA rules) of the pages agents and leads live in, at a
// wide screen and docked at 400 px, left to right and right to left, in the light and the dark colour scheme
// (the theme follows the operating system: contrast is checked in both). A violation fails with its rule and nodes.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "./fixtures";
import { openNewRun } from "./runbook-fixtures";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(" | ")}`,
  );
}

for (const [colorScheme, width] of [
  ["light", 1280],
  ["light", 400],
  ["dark", 1280],
  ["dark", 400],
] as const) {
  test.describe(`at ${width} px${colorScheme === "dark" ? ", dark" : ""}`, () => {
    test.use({ viewport: { width, height: 800 }, colorScheme });

    test("an agent's pages: home, library, an SOP, a run (English and Persian), follow-ups, profile", async ({
      page,
    }) => {
      test.setTimeout(90_000);
      await signIn(page, DEMO.agent);
      // The scheme really is in force: the page ground is the theme's (app/app.css --bg), not the other one's.
      await expect(page.locator("html")).toHaveCSS(
        "background-color",
        colorScheme === "dark" ? "rgb(18, 22, 30)" : "rgb(245, 247, 250)",
      );
      for (const path of [
        "/",
        "/library",
        "/sops/billing-dispute-card-charge",
        "/sops/fa-peygiri-sefaresh",
        "/follow-ups",
        "/runs",
        "/profile",
      ]) {
        await page.goto(path);
        expect(await violations(page), path).toEqual([]);
      }
      await openNewRun(page, "billing-dispute-card-charge");
      expect(await violations(page), "run").toEqual([]);
      await openNewRun(page, "fa-peygiri-sefaresh");
      expect(await violations(page), "Persian run").toEqual([]);
    });

    test("the training pages: a trainee's, a Persian trainee's and a trainer's", async ({ page }) => {
      test.setTimeout(90_000);
      await signIn(page, DEMO.trainee);
      for (const path of ["/training", "/training/refund-and-return", "/training/call-opening-aidet/quiz"]) {
        await page.goto(path);
        expect(await violations(page), path).toEqual([]);
      }
      await page.context().clearCookies();
      await signIn(page, "sara.trainee@stepwise.example"); // Persian interface, right to left
      for (const path of ["/training", "/training/fa-peygiri-sefaresh"]) {
        await page.goto(path);
        expect(await violations(page), `fa ${path}`).toEqual([]);
      }
      await page.context().clearCookies();
      await signIn(page, DEMO.trainer);
      for (const path of ["/trainees", "/assignments"]) {
        await page.goto(path);
        expect(await violations(page), path).toEqual([]);
      }
    });

    test("a lead's and an admin's pages", async ({ page }) => {
      test.setTimeout(150_000);
      await signIn(page, DEMO.lead);
      for (const path of [
        "/",
        "/editor",
        "/reviews",
        "/feedback",
        "/analytics",
        "/analytics/trends",
        "/analytics/agents",
        "/analytics/sops/complaint-handling",
      ]) {
        await page.goto(path);
        expect(await violations(page), path).toEqual([]);
      }
      await page.context().clearCookies();
      await signIn(page, DEMO.admin);
      for (const path of ["/", "/admin/users", "/admin/audit", "/admin/departments", "/admin/settings", "/analytics"]) {
        await page.goto(path);
        expect(await violations(page), path).toEqual([]);
      }
    });
  });
}
