import { DEMO, expect, signIn, test } from "./fixtures";

// "My training" carries a count of what is left to do (its accessible name says so): matched by its start.
const MY_TRAINING = /^My training/;
const NAV: Record<keyof typeof DEMO, (string | RegExp)[]> = {
  admin: [
    "Library",
    "Trainees",
    "Assignments",
    "Editor",
    "Reviews",
    "Feedback",
    "Analytics",
    "Users",
    "Departments",
    "Audit log",
    "Integrations",
    "Settings",
  ],
  lead: ["Library", "Editor", "Reviews", "Feedback", "Analytics"],
  agent: ["Library", "My runs", "Follow-ups", MY_TRAINING],
  trainer: ["Library", "Trainees", "Assignments"],
  trainee: ["Library", MY_TRAINING],
  billingLead: ["Library", "Editor", "Reviews", "Feedback", "Analytics"],
  returnsLead: ["Library", "Editor", "Reviews", "Feedback", "Analytics"],
  supportLead: ["Library", "Editor", "Reviews", "Feedback", "Analytics"],
};

for (const role of Object.keys(DEMO) as (keyof typeof DEMO)[]) {
  test(`${role} signs in and sees their navigation`, async ({ page }) => {
    await signIn(page, DEMO[role]);
    const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
    await expect(links).toHaveText(NAV[role]);
    // The home page greets the person by name and answers "what do I do now".
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/^Good (morning|afternoon|evening), /);
    // every navigation entry opens a real page, never a broken link
    for (const label of NAV[role]) {
      await page
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", typeof label === "string" ? { name: label, exact: true } : { name: label })
        .click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByText(/Error \d{3}/)).toHaveCount(0);
    }
  });
}

test("an agent is refused the admin pages with a friendly 403", async ({ page }) => {
  await signIn(page, DEMO.agent);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  // the shell stays: the agent can find their way back
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("an anonymous visitor is sent to sign in and brought back", async ({ page }) => {
  await page.goto("/library?q=refund");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Flibrary%3Fq%3Drefund/);
  await page.getByLabel("E-mail").fill(DEMO.lead);
  await page.getByLabel("Password").fill("stepwise-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/library\?q=refund$/);
});

test("a redirectTo that a browser would read as another site is ignored after sign-in", async ({ page, baseURL }) => {
  await page.goto("/login?redirectTo=/%09/evil.example");
  await page.getByLabel("E-mail").fill(DEMO.lead);
  await page.getByLabel("Password").fill("stepwise-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  expect(page.url()).toBe(`${baseURL}/`);
  // and once signed in, /login with a hostile target goes home too (it used to answer 500)
  const response = await page.goto("/login?redirectTo=/%0a/evil.example");
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(`${baseURL}/`);
});

test("a wrong password is rejected with a message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(DEMO.agent);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("That e-mail and password don't match an account.");
  await expect(page.getByLabel("E-mail")).toHaveValue(DEMO.agent);
});

test("an empty form names the missing fields", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your e-mail address.")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
});

test.describe("rate limiting", () => {
  test("the 11th quick sign-in attempt gets 429 with a clear message", async ({ page, clientIp }) => {
    for (let i = 1; i <= 10; i++) {
      const r = await page.request.post("/login", {
        form: { email: `nobody${i}@stepwise.example`, password: "wrong-password" },
        headers: { "X-Forwarded-For": clientIp },
      });
      expect(r.status(), `attempt ${i}`).toBe(401);
    }
    const eleventh = await page.request.post("/login", {
      form: { email: DEMO.agent, password: "stepwise-demo" },
      headers: { "X-Forwarded-For": clientIp },
    });
    expect(eleventh.status()).toBe(429);
    expect(Number(eleventh.headers()["retry-after"])).toBeGreaterThan(0);
    // and a person using the form sees why
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(DEMO.agent);
    await page.getByLabel("Password").fill("stepwise-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("Too many sign-in attempts");
  });
});

test("a cross-origin form post is refused", async ({ page }) => {
  const r = await page.request.post("/login", {
    form: { email: DEMO.admin, password: "stepwise-demo" },
    headers: { Origin: "https://evil.example" },
  });
  expect(r.status()).toBe(403);
  expect(await r.text()).toContain("Cross-origin request refused");
});

test("every response carries an enforced CSP with a nonce and the security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'strict-dynamic' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["content-security-policy-report-only"]).toBeUndefined();
  // every inline script carries this response's nonce, and a new response gets a new one
  const raw = await page.request.get("/login");
  const nonce = /'nonce-([^']+)'/.exec(raw.headers()["content-security-policy"]!)![1]!;
  const html = await raw.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect(nonce).not.toBe(/'nonce-([^']+)'/.exec(csp)![1]);
});

test("sign out ends the session", async ({ page }) => {
  await signIn(page, DEMO.trainer);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/library");
  await expect(page).toHaveURL(/\/login/);
});
