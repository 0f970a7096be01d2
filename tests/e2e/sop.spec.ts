import { DEMO, expect, signIn, test } from "./fixtures";

test("the library lists published SOPs by department and filters them", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Library" }).click();
  for (const dept of ["Billing", "Customer Service", "Returns & Logistics", "Technical Support"]) {
    await expect(page.getByRole("heading", { level: 2, name: dept })).toBeVisible();
  }
  await expect(page.getByRole("link", { name: "Late or missing delivery" })).toBeVisible();

  await page.getByLabel("Search").fill("chargeback");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("link", { name: "Billing dispute on a card charge" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Late or missing delivery" })).toHaveCount(0);

  await page.getByLabel("Search").fill("");
  await page.getByLabel("Department").selectOption({ label: "Technical Support" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Technical Support"]);

  await page.getByLabel("Search").fill("zzzz no such thing");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No published procedure matches")).toBeVisible();
});

test("an SOP page renders the stored document: header, terms, steps, scripts, fields, flow", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.goto("/sops/late-missing-delivery");
  const article = page.getByRole("article");
  await expect(article.getByRole("heading", { level: 1, name: "Late or missing delivery" })).toBeVisible();
  await expect(article.getByText("Handle time target")).toBeVisible();
  await expect(article.getByRole("heading", { name: "Terms" })).toBeVisible();
  await expect(article.getByRole("navigation", { name: "Contents" })).toBeVisible();
  // numbered steps and read-aloud scripts
  await expect(article.getByRole("heading", { level: 3, name: /Step 1: Verify the caller/ })).toBeVisible();
  expect(await article.getByRole("group", { name: "Say to the customer" }).count()).toBeGreaterThan(3);
  // fields shown as the form they will become, labelled
  await expect(article.getByLabel(/Order number/)).toBeDisabled();
  // the decision flow as an accessible outline
  await expect(article.getByText(/Decision flow:/).first()).toBeVisible();
  // the table of contents jumps to a step
  await article.getByRole("navigation", { name: "Contents" }).getByRole("link", { name: /Close the case/ }).click();
  await expect(page).toHaveURL(/#step-/);
});

test("glossary terms explain themselves on keyboard focus", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.goto("/sops/call-opening-aidet");
  const term = page.locator(".sop-body .term").first();
  await term.focus();
  const tip = term.getByRole("tooltip");
  await expect(tip).toBeVisible();
  await expect(tip).toContainText("AIDET");
});

test("a Persian SOP lays out right-to-left", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.goto("/sops/fa-peygiri-sefaresh");
  const article = page.getByRole("article");
  await expect(article).toHaveAttribute("dir", "rtl");
  await expect(article).toHaveAttribute("lang", "fa");
  const direction = await page.locator(".step").first().evaluate((el) => getComputedStyle(el).direction);
  expect(direction).toBe("rtl");
  // the step number sits on the right in RTL
  const box = await page.locator(".step-num").first().boundingBox();
  const stepBox = await page.locator(".step").first().boundingBox();
  expect(box!.x).toBeGreaterThan(stepBox!.x + stepBox!.width / 2);
});

test("a Greek SOP renders in Greek", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.goto("/sops/el-epistrofi-chrimaton");
  await expect(page.getByRole("article")).toHaveAttribute("lang", "el");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Επιστροφή");
});

test("an unknown SOP is a friendly 404", async ({ page }) => {
  await signIn(page, DEMO.agent);
  const r = await page.goto("/sops/no-such-procedure");
  expect(r?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
});

test("the print stylesheet leaves only the procedure", async ({ page }) => {
  await signIn(page, DEMO.lead);
  await page.goto("/sops/refund-and-return");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".sidebar")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Contents" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
