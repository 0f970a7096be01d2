import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "stepwise-demo";
export const DEMO = {
  admin: "admin@stepwise.example",
  lead: "lead@stepwise.example",
  agent: "agent@stepwise.example",
  trainer: "trainer@stepwise.example",
  trainee: "trainee@stepwise.example",
} as const;

let counter = 0;
/** A distinct client address per test (the server trusts X-Forwarded-For in e2e), so rate limits don't leak between tests. */
export function uniqueIp(): string {
  counter += 1;
  return `198.51.${process.pid % 250}.${(counter % 250) + 1}`;
}

type Fixtures = { clientIp: string };

/** Every test fails on a console error or an uncaught page error. */
export const test = base.extend<Fixtures>({
  clientIp: async ({}, use) => {
    await use(uniqueIp());
  },
  page: async ({ page, clientIp }, use) => {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": clientIp });
    const problems: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const text = msg.text();
      // Chromium reports every 4xx answer (a refused sign-in, a 403 page) as a console line: those are the
      // refusals under test, not app errors. Anything else fails the test.
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
      problems.push(`console error: ${text}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    await use(page);
    expect(problems, "the page logged errors").toEqual([]);
  },
});
export { expect };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}
