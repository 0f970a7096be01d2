// Quick find (`/` from anywhere): Enter acts on the results of what is typed — never on a stale list, never
// dropped while the search runs; a `/` pressed before the JavaScript has run still opens it; a run started from
// it asks for the optional customer reference.
import type { Page, Route } from "@playwright/test";
import { DEMO, expect, signIn, test } from "./fixtures";
import { getRun, runIdOf } from "./runbook-fixtures";

// The service worker would answer /assets/* itself, out of page.route's reach.
test.use({ serviceWorkers: "block" });

/** Answers /api/search for queries starting with `prefix` only after `ms` (a slow network for that search). */
async function slowSearch(page: Page, prefix: string, ms: number) {
  await page.route(/\/api\/search\?/, async (route: Route) => {
    const q = new URL(route.request().url()).searchParams.get("q") ?? "";
    if (q.toLowerCase().startsWith(prefix)) await new Promise((r) => setTimeout(r, ms));
    await route.continue().catch(() => {}); // an aborted (superseded) search has nobody to answer
  });
}

const dialog = (page: Page) => page.getByRole("dialog", { name: "Find a procedure" });
const finder = (page: Page) => page.getByRole("combobox", { name: "Find a procedure" });

test("Enter after Esc and fast typing starts what is typed, not the stale top result", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await slowSearch(page, "ref", 900);
  await page.keyboard.press("/");
  await expect(finder(page)).toBeFocused();
  await page.keyboard.type("identity");
  await expect(page.getByRole("option").first()).toContainText("Identity verification");
  await page.keyboard.press("Escape");
  await expect(dialog(page)).toBeHidden();

  // `/refund` and Enter at once, while the search for "refund" is still on its way
  await page.keyboard.press("/");
  await page.keyboard.type("refund");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("option").filter({ hasText: "Identity verification" })).toHaveCount(0);
  // Enter was kept: when the results for "refund" arrive it acts on the top one — the reference box of that run
  const ref = page.getByLabel("Customer reference (optional)");
  await expect(ref).toBeFocused({ timeout: 5_000 });
  await expect(dialog(page).getByRole("heading")).toContainText("Refund and return with RMA");
  await page.keyboard.type("TCK-4411");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const run = await getRun(page.request, runIdOf(page));
  expect(run.events[0]).toMatchObject({
    type: "started",
    sopId: "refund-and-return",
    customerRef: "TCK-4411",
    channel: "phone",
  });
});

test("Enter while the first search is still loading is not dropped; an empty reference starts at once", async ({
  page,
}) => {
  await signIn(page, DEMO.agent);
  await slowSearch(page, "card", 900);
  await page.keyboard.press("/");
  await page.keyboard.type("card charge");
  await expect(dialog(page).getByRole("status")).toHaveText("Searching…");
  await page.keyboard.press("Enter");
  const ref = page.getByLabel("Customer reference (optional)");
  await expect(ref).toBeFocused({ timeout: 5_000 });
  await expect(dialog(page).getByRole("heading")).toContainText("Billing dispute on a card charge");
  // Esc goes back to the results (the words kept), Enter picks again, Enter with no reference starts the call
  await page.keyboard.press("Escape");
  await expect(finder(page)).toBeFocused();
  await expect(finder(page)).toHaveValue("card charge");
  await page.keyboard.press("Enter");
  await expect(ref).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const run = await getRun(page.request, runIdOf(page));
  expect(run.events[0]).toMatchObject({ type: "started", sopId: "billing-dispute-card-charge" });
  expect(run.events[0]).not.toHaveProperty("customerRef");
});

test("a slow answer for older words never replaces the results of newer ones", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await slowSearch(page, "iden", 1_500);
  await page.keyboard.press("/");
  await page.keyboard.type("iden");
  await page.waitForTimeout(300); // the "iden" search is sent and hangs
  await finder(page).fill("refund");
  await expect(page.getByRole("option").first()).toContainText("Refund and return with RMA");
  await page.waitForTimeout(1_700); // the "iden" answer would have landed by now
  await expect(page.getByRole("option").first()).toContainText("Refund and return with RMA");
  await expect(page.getByRole("option").filter({ hasText: "Identity verification" })).toHaveCount(0);
});

test("`/` and typing before the JavaScript has run still open quick find with what was typed", async ({ page }) => {
  await signIn(page, DEMO.agent);
  // A slow network: the page is painted, its scripts held back until we let them go.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/assets\/.*\.js(\?.*)?$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/library", { waitUntil: "commit" });
  await expect(page.getByRole("button", { name: /Find a procedure/ })).toBeVisible();
  await page.keyboard.press("/");
  await expect(finder(page)).toBeFocused();
  await page.keyboard.type("refund");
  await page.keyboard.press("Enter");
  release();
  // Hydrated: the words are kept, the search runs, and the Enter pressed early acts on its results.
  const ref = page.getByLabel("Customer reference (optional)");
  await expect(ref).toBeFocused({ timeout: 15_000 });
  await expect(dialog(page).getByRole("heading")).toContainText("Refund and return with RMA");
  await page.keyboard.press("Escape");
  await expect(finder(page)).toHaveValue("refund");
});

test("clicking a result asks for the reference too; Shift+Enter opens the procedure instead", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.getByRole("button", { name: /Find a procedure/ }).click();
  await expect(finder(page)).toBeFocused();
  await page.keyboard.type("late deliv");
  await page.getByRole("option").filter({ hasText: "Late or missing delivery" }).click();
  await expect(page.getByLabel("Customer reference (optional)")).toBeFocused();
  await page.getByLabel("Channel").selectOption("chat");
  await page.getByLabel("Customer reference (optional)").fill("ORD-778812");
  await page.getByRole("button", { name: "Start the call" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const run = await getRun(page.request, runIdOf(page));
  expect(run.events[0]).toMatchObject({ sopId: "late-missing-delivery", customerRef: "ORD-778812", channel: "chat" });

  await page.goto("/library");
  await page.locator("main").click();
  await page.keyboard.press("/");
  await page.keyboard.type("late deliv");
  await expect(page.getByRole("option").first()).toContainText("Late or missing delivery");
  await page.keyboard.press("Shift+Enter");
  await expect(page).toHaveURL(/\/sops\/late-missing-delivery$/);
  await expect(dialog(page)).toBeHidden();
});
