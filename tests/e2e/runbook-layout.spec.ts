// From a 400 px side panel docked beside a CRM to a wide screen, and right to left for Persian.
import { DEMO, signIn } from "./fixtures";
import { expect, getRun, openNewRun, stepHeading, sync, test } from "./runbook-fixtures";

const scrollWidth = (page: import("@playwright/test").Page) =>
  page.evaluate(() => document.scrollingElement!.scrollWidth);

test.describe("docked at 400 px", () => {
  test.use({ viewport: { width: 400, height: 800 } });

  test("a step runs without horizontal scrolling, panels included", async ({ page }) => {
    test.setTimeout(60_000);
    await signIn(page, DEMO.agent);
    const runId = await openNewRun(page, "billing-dispute-card-charge", {
      customerRef: "A-VERY-LONG-CUSTOMER-REFERENCE-0001",
    });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(400);
    await page.getByLabel("Customer's name").fill("Dana Whitfield");
    await page.getByLabel("Caller verified").check();
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    await expect(stepHeading(page)).toContainText("Capture the charge details");
    await page.getByLabel("Last four digits of the card").fill("12a4");
    await page.getByLabel("Last four digits of the card").blur();
    await expect(page.getByRole("alert").filter({ hasText: "last four digits" })).toBeVisible();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(400);
    await page.getByRole("button", { name: "Skip…" }).click();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(400);
    for (const tab of ["Escalate", "Flag", "Terms", "Search", "Wrap-up", "Notes"]) {
      await page.getByRole("tab", { name: tab }).click();
      expect(await scrollWidth(page), `${tab} panel`).toBeLessThanOrEqual(400);
    }
    await page.keyboard.press("?");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(400);
    await page.keyboard.press("Escape");
    await expect(sync(page)).toHaveText(/All changes saved/);
    expect((await getRun(page.request, runId)).state.steps.verify!.status).toBe("done");
  });
});

test("the Persian SOP runs right to left, with a Persian interface and Persian digits", async ({ page }) => {
  test.setTimeout(60_000); // a busy CI box: the steps are many, each waits for a commit
  await signIn(page, DEMO.agent);
  const runId = await openNewRun(page, "fa-peygiri-sefaresh");
  const run = page.locator(".run");
  await expect(run).toHaveAttribute("dir", "rtl");
  await expect(run).toHaveAttribute("lang", "fa");
  expect(await page.locator(".run-step").evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  await expect(stepHeading(page)).toContainText("خوشامدگویی و احراز هویت");
  // The interface speaks the SOP's language: no English labels around Persian content.
  await expect(page.locator(".run-step .required").first()).toHaveText(/الزامی/);
  await expect(sync(page)).toHaveText("همهٔ تغییرات ذخیره شد");
  await expect(page.getByRole("tab", { name: "یادداشت‌ها" })).toBeVisible();
  await expect(page.locator(".outline-toggle")).toContainText("گام ۱ از ۷"); // Persian digits in the interface too
  expect(
    await page
      .locator(".run")
      .evaluate((el) => /\b(required|Done|Notes|Escalate|Wrap-up)\b/.test((el as HTMLElement).innerText)),
  ).toBe(false);

  // Wide screen: the outline sits on the right, the current step to its left, the tools on the far left.
  await page.setViewportSize({ width: 1600, height: 900 });
  const outline = await page.getByRole("navigation", { name: "گام‌ها" }).boundingBox();
  const main = await page.locator(".run-main").boundingBox();
  const side = await page.locator(".run-side").boundingBox();
  expect(outline!.x).toBeGreaterThan(main!.x);
  expect(main!.x).toBeGreaterThan(side!.x);
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByLabel("نام مشتری").fill("خانم رضایی");
  // Persian digits typed on a Persian keyboard are the number.
  await page.getByLabel("شمارهٔ همراه ثبت‌شده").fill("۰۹۱۲ ۳۴۵ ۶۷۸۹");
  const order = page.getByLabel("شمارهٔ سفارش");
  await order.fill("ir1");
  await order.blur();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await order.fill("IR123456");
  await order.blur();
  await expect(page.locator(".run-step .var-filled").first()).toHaveText("خانم رضایی");
  await page.getByRole("button", { name: /^انجام شد، گام بعد/ }).click();
  await expect(stepHeading(page)).toContainText("بررسی وضعیت سفارش");
  await expect(sync(page)).toHaveAttribute("data-sync", "saved");
  const api = await getRun(page.request, runId);
  expect(api.state.steps.pazirsh!.status).toBe("done");
  expect(api.state.fields.order_number!.value).toBe("IR123456");
  expect(api.state.fields.mobile_number!.value).toBe("0912 345 6789");

  await page.setViewportSize({ width: 400, height: 800 });
  expect(await scrollWidth(page)).toBeLessThanOrEqual(400);
});
