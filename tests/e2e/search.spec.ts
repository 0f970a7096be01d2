import { DEMO, expect, signIn, test } from "./fixtures";

// "pinhole" appears only inside a <Warning> of one step of "Home internet outage troubleshooting";
// "headset" only in a <Check> of "Call opening and closing with AIDET".

test("an agent finds an SOP by a word from a step's body, with a highlighted snippet", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.goto("/library");
  await page.getByLabel("Search").fill("pinhole");
  // as you type: no button press
  await expect(page.getByRole("status").filter({ hasText: "matching" })).toHaveText(
    "1 published procedure matching “pinhole”",
  );
  await expect(page).toHaveURL(/[?&]q=pinhole/);
  const result = page.locator(".search-result");
  await expect(result).toHaveCount(1);
  await expect(result.getByRole("link", { name: "Home internet outage troubleshooting" })).toBeVisible();
  await expect(result.locator(".search-snippet mark")).toHaveText(["pinhole"]);
  await expect(result.locator(".search-snippet")).toContainText("press the pinhole reset button");
  await result.getByRole("link", { name: "Home internet outage troubleshooting" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home internet outage troubleshooting" })).toBeVisible();
});

test("prefix matching as you type, in the library and in the / quick find", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.goto("/library");
  const box = page.getByLabel("Search");
  await box.pressSequentially("pinh", { delay: 40 });
  await expect(
    page.locator(".search-result").getByRole("link", { name: "Home internet outage troubleshooting" }),
  ).toBeVisible();
  await expect(page.locator(".search-result .search-snippet mark")).toHaveText(["pinhole"]);
  await expect(box).toBeFocused(); // results arrive without stealing focus

  // the quick find searches bodies too, and keeps its keyboard behaviour
  await page.locator("main").click();
  await page.keyboard.press("/");
  const find = page.getByRole("combobox", { name: "Find a procedure" });
  await expect(find).toBeFocused();
  await page.keyboard.type("heads");
  const option = page.getByRole("option").filter({ hasText: "Call opening and closing with AIDET" });
  await expect(option).toBeVisible();
  await expect(option.locator("mark").first()).toHaveText("Headset");
  await expect(find).toHaveAttribute("aria-activedescendant", /.+/);
  await page.keyboard.press("Shift+Enter");
  await expect(page).toHaveURL(/\/sops\/call-opening-aidet$/);
});

test("the department filter narrows the results and the count is announced", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.goto("/library?q=customer");
  const count = page.locator("#library-count");
  await expect(count).toHaveAttribute("aria-live", "polite");
  const all = Number((await count.textContent())!.match(/^(\d+)/)![1]);
  expect(all).toBeGreaterThan(3);
  const departments = page.locator(".search-result .sop-card-meta span:first-child");
  await expect(departments.filter({ hasText: "Billing" }).first()).toBeVisible();
  await expect(departments.filter({ hasNotText: "Billing" }).first()).toBeVisible();

  await page.getByLabel("Department").selectOption({ label: "Billing" });
  await expect(page).toHaveURL(/department=billing/);
  await expect(count).not.toHaveText(new RegExp(`^${all} `));
  await expect(departments.first()).toHaveText("Billing");
  for (const text of await departments.allTextContents()) expect(text).toBe("Billing");
  // the search box kept the words
  await expect(page.getByLabel("Search")).toHaveValue("customer");
});

test("a hostile query shows no results, not an error; the API answers 400 only for bad parameters", async ({
  page,
}) => {
  await signIn(page, DEMO.agent);
  await page.goto("/library");
  await page.getByLabel("Search").fill('"zzqx NEAR( *:^- (OR 😀');
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No published procedure matches")).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /went wrong|error/i })).toHaveCount(0);

  for (const q of ['"', "*", "NEAR(", "-", "^", ":", "(((", "😀", "OR AND NOT"]) {
    const res = await page.request.get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status(), q).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toBeInstanceOf(Array);
  }
  const ok = (await (await page.request.get("/api/search?q=pinh")).json()) as {
    total: number;
    results: { sopId: string; state: string; snippet: { text: string; mark: boolean }[] }[];
  };
  expect(ok.total).toBe(1);
  expect(ok.results[0]).toMatchObject({ sopId: "internet-outage-troubleshooting", state: "published" });
  expect(ok.results[0]!.snippet.filter((s) => s.mark).map((s) => s.text)).toEqual(["pinhole"]);

  const bad = await page.request.get(`/api/search?q=${"x".repeat(201)}`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/too long/);
  expect((await page.request.get("/api/search?department=no-such-team")).status()).toBe(400);
  expect((await page.request.get("/api/search?limit=abc")).status()).toBe(400);
});

test("authors filter by status; agents get no status filter", async ({ page }) => {
  await signIn(page, DEMO.lead);
  await page.goto("/library?q=refund");
  await expect(page.getByLabel("Status")).toHaveValue("published");
  await page.getByLabel("Status").selectOption({ label: "Draft" });
  await expect(page).toHaveURL(/status=draft/);
  await expect(page.locator("#library-count")).toHaveText(/^\d+ drafts? matching “refund”|^0 drafts matching “refund”/);
});

test("agents never see a status filter, and the API ignores status for them", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.goto("/library");
  await expect(page.getByLabel("Status")).toHaveCount(0);
  const r = (await (await page.request.get("/api/search?q=refund&status=draft")).json()) as {
    results: { state: string }[];
  };
  expect(r.results.length).toBeGreaterThan(0);
  expect(r.results.every((x) => x.state === "published")).toBe(true);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the library search still works as a plain form", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(DEMO.agent);
    await page.getByLabel("Password").fill("stepwise-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.goto("/library");
    await page.getByLabel("Search").fill("pinhole");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/q=pinhole/);
    await expect(page.locator(".search-result .search-snippet mark")).toHaveText(["pinhole"]);
  });
});
