import { DEMO, expect, signIn, test, uniqueIp } from "./fixtures";

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
  await article
    .getByRole("navigation", { name: "Contents" })
    .getByRole("link", { name: /Close the case/ })
    .click();
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
  const direction = await page
    .locator(".step")
    .first()
    .evaluate((el) => getComputedStyle(el).direction);
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

test("a right-to-left SOP page is no wider than the window (no off-screen tricks pushing it sideways)", async ({
  page,
}) => {
  await signIn(page, DEMO.agent);
  for (const width of [1280, 400]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/sops/fa-peygiri-sefaresh");
    await expect(page.getByRole("article")).toHaveAttribute("dir", "rtl");
    // The live diagram has replaced the server's copy (hydration done), so this is the page as it stays.
    await expect(page.locator(".fd-viewer .react-flow__node").first()).toBeVisible();
    const size = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(size.scroll, `at ${width} px`).toBe(size.client);
    // The skip link is hidden by clipping and shows where it is when focused.
    const skip = page.getByRole("link", { name: /Skip the diagram/ }).first();
    await skip.focus();
    await expect(skip).toBeVisible();
    const box = await skip.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
  }
});

test("agents see no authoring names on an SOP page; a lead of its department does", async ({ browser }) => {
  test.setTimeout(60_000); // two sign-ins
  const look = async (email: string) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, email);
    await page.goto("/sops/complaint-handling");
    const article = page.getByRole("article");
    await expect(article.getByLabel(/Complaint case number/)).toBeDisabled();
    const diagram = article.locator(".fd-viewer").first();
    await expect(diagram.locator(".react-flow__node").first()).toBeVisible();
    const seen = {
      capturedAs: await article.getByText("captured as").count(),
      fieldName: await article.getByText("{case_number}").count(),
      outcomeChip: await diagram.locator(".fd-node-chip").count(),
      outcomeInLabel: await diagram.locator('.react-flow__node[aria-label*="outcome resolved"]').count(),
      // one <main> per page: the shell's
      mains: await page.locator("main").count(),
    };
    expect(errors).toEqual([]);
    await context.close();
    return seen;
  };
  const agent = await look(DEMO.agent);
  expect(agent).toEqual({ capturedAs: 0, fieldName: 0, outcomeChip: 0, outcomeInLabel: 0, mains: 1 });
  const lead = await look(DEMO.lead); // Customer Service, the SOP's department
  expect(lead.capturedAs).toBeGreaterThan(3);
  expect(lead.fieldName).toBeGreaterThanOrEqual(1);
  expect(lead.outcomeChip).toBeGreaterThan(0);
  expect(lead.outcomeInLabel).toBe(1);
  expect(lead.mains).toBe(1);
});

test("the SOP page's diagram comes from the server's first HTML and becomes the live diagram", async ({ page }) => {
  await signIn(page, DEMO.agent);
  // The first HTML (no JavaScript): the diagram is already drawn, inside the server's cached copy.
  const html = await (await page.request.get("/sops/billing-dispute-card-charge")).text();
  expect(html).toMatch(/class="fd-static"><div class="fd-viewer"/);
  expect(html).toContain("Can you find the charge in the PSP?");
  await page.goto("/sops/billing-dispute-card-charge");
  const figure = page.getByRole("figure", { name: /Card charge dispute/ });
  // After hydration the live viewer has replaced the copy: its controls work.
  await expect(figure.locator(".fd-static")).toHaveCount(0);
  await figure.getByRole("button", { name: "Full screen" }).click();
  await expect(figure).toHaveClass(/flow--expanded/);
  await page.keyboard.press("Escape");
  await expect(figure).not.toHaveClass(/flow--expanded/);
  await figure.getByRole("button", { name: "Outline" }).click();
  await expect(figure.getByRole("link", { name: "Can you find the charge in the PSP?" }).first()).toBeVisible();
});
