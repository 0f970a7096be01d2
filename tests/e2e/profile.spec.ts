// The profile: interface language and time zone are the user's own setting, and they reach the whole shell.
// Each test that changes a profile works on an account of its own (the demo accounts are shared by every spec).
import type { Page } from "@playwright/test";
import { apiClient, DEMO, DEMO_PASSWORD, expect, test, uniqueIp, userIdOf } from "./fixtures";

const PASSWORD = "Quiet-Harbour-Lantern-58";

/** A fresh agent account (through the admin's form), for a test that changes its profile. */
async function newAgent(label: string): Promise<{ email: string; id: string }> {
  const admin = await apiClient(DEMO.admin);
  try {
    const email = `${label}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}@stepwise.example`;
    const res = await admin.post("/admin/users/new", {
      form: { name: `Profile ${label}`, email, role: "agent", departmentId: "", password: PASSWORD },
      maxRedirects: 0,
    });
    expect(res.status(), await res.text().catch(() => "")).toBe(302);
    return { email, id: await userIdOf(admin, email) };
  } finally {
    await admin.dispose();
  }
}

const mainNav = (page: Page, name: string) => page.getByRole("navigation", { name });

/** Signs in and lands on `path` (the pages under test, not the home page). */
async function signInTo(page: Page, email: string, path: string, password = PASSWORD) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(path)}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/?]/g, "\\$&")}$`));
  await expect(page.getByRole("banner")).toBeVisible();
}

test("Persian turns the whole shell right to left, Greek puts the navigation in Greek", async ({ page }) => {
  const { email } = await newAgent("lang");
  await signInTo(page, email, "/library");
  await page.getByRole("region", { name: "Account" }).getByRole("link", { name: "Your profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByLabel("Interface language")).toHaveValue("");

  await page.getByLabel("Interface language").selectOption("fa");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "نمایه ذخیره شد." })).toBeVisible();
  const html = page.locator("html");
  await expect(html).toHaveAttribute("lang", "fa");
  await expect(html).toHaveAttribute("dir", "rtl");
  await expect(mainNav(page, "اصلی").getByRole("link")).toHaveText([
    "کتابخانه",
    "اجراهای من",
    "پیگیری‌ها",
    /^آموزش من/,
  ]);
  await expect(page.getByRole("button", { name: "خروج" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("نمایهٔ شما");
  await expect(page.getByLabel("زبان رابط کاربری")).toHaveValue("fa");
  // Right to left for real: the sidebar sits on the right of the page, its text starts on the right.
  const header = (await page.getByRole("banner").boundingBox())!;
  const main = (await page.getByRole("main").boundingBox())!;
  expect(header.x).toBeGreaterThan(main.x);
  expect(await page.getByRole("banner").evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  // It stays Persian on every page, after a reload too.
  await page.goto("/library");
  await expect(html).toHaveAttribute("dir", "rtl");
  await expect(mainNav(page, "اصلی").getByRole("link", { name: "کتابخانه" })).toHaveClass(/active/);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "رفتن به محتوا" })).toBeFocused();

  await page.goto("/profile");
  await page.getByLabel("زبان رابط کاربری").selectOption("el");
  await page.getByRole("button", { name: "ذخیرهٔ نمایه" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Το προφίλ αποθηκεύτηκε." })).toBeVisible();
  await expect(html).toHaveAttribute("lang", "el");
  await expect(html).toHaveAttribute("dir", "ltr");
  await expect(mainNav(page, "Κύρια").getByRole("link")).toHaveText([
    "Βιβλιοθήκη",
    "Οι εκτελέσεις μου",
    "Εκκρεμότητες",
    /^Η εκπαίδευσή μου/,
  ]);
  await expect(page.getByTestId("current-role")).toHaveText("Εκπρόσωπος");

  // Back to automatic: the browser's language (English here) again.
  await page.getByLabel("Γλώσσα περιβάλλοντος").selectOption("");
  await page.getByRole("button", { name: "Αποθήκευση προφίλ" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();
  await expect(mainNav(page, "Main").getByRole("link")).toHaveText([
    "Library",
    "My runs",
    "Follow-ups",
    /^My training/,
  ]);
});

test.describe("time zone", () => {
  test.use({ timezoneId: "Europe/Vilnius" });

  test("follows the device until a zone is chosen, and the choice is saved", async ({ page }) => {
    const { email } = await newAgent("tz");
    await signInTo(page, email, "/profile");
    const zone = page.getByLabel("Time zone");
    await expect(zone).toHaveValue("");
    // The page told the server this device's zone (the tz cookie), and the automatic choice names it.
    await expect(zone.locator("option").first()).toHaveText("Automatic (Europe/Vilnius)");
    expect((await page.context().cookies()).find((c) => c.name === "tz")?.value).toBe(
      encodeURIComponent("Europe/Vilnius"),
    );

    await zone.selectOption("Asia/Tehran");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tehran");
    // Times on the page are in the chosen zone, not the device's.
    const hint = await page.locator("#timeZone-hint").innerText();
    const at = (ms: number) =>
      new Intl.DateTimeFormat("en", { timeZone: "Asia/Tehran", timeStyle: "short" }).format(ms);
    expect(
      [at(Date.now()), at(Date.now() - 60_000), at(Date.now() - 120_000)].some((t) => hint.includes(t)),
      hint,
    ).toBe(true);

    // A zone that is not one is refused with a field error, and nothing is saved.
    const res = await page.request.post("/profile", { form: { uiLanguage: "", timeZone: "Mars/Olympus_Mons" } });
    expect(res.status()).toBe(400);
    await page.reload();
    await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tehran");
  });

  test("a bad choice gets a clear field error on the page", async ({ page }) => {
    const { email } = await newAgent("tzbad");
    await signInTo(page, email, "/profile");
    // Once the page is interactive (choosing a zone updates the clock in the hint)...
    const hint = page.locator("#timeZone-hint");
    const before = await hint.innerText();
    await page.getByLabel("Time zone").selectOption("Asia/Tehran");
    await expect(hint).not.toHaveText(before);
    // ...a zone the list once held (or a tampered form): the server checks, the field explains.
    await page.getByLabel("Time zone").evaluate((el: HTMLSelectElement) => {
      el.add(new Option("Atlantis/Lost", "Atlantis/Lost"));
      el.value = "Atlantis/Lost";
    });
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "The profile was not saved" })).toBeVisible();
    await expect(page.locator("#timeZone-error")).toHaveText("Choose a time zone from the list.");
    await expect(page.getByLabel("Time zone")).toHaveAttribute("aria-invalid", "true");
  });
});

test("nobody can edit another user's profile, admins included", async () => {
  const mine = await newAgent("owner");
  const other = await newAgent("other");
  const me = await apiClient();
  const admin = await apiClient(DEMO.admin);
  try {
    const login = await me.post("/login", {
      form: { email: mine.email, password: PASSWORD, redirectTo: "/" },
      maxRedirects: 0,
    });
    expect(login.status()).toBe(302);
    const forged = await me.post("/profile", {
      form: { userId: other.id, uiLanguage: "fa", timeZone: "" },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain("You can only change your own profile.");
    const byAdmin = await admin.post("/profile", {
      form: { userId: other.id, uiLanguage: "fa", timeZone: "" },
      maxRedirects: 0,
    });
    expect(byAdmin.status()).toBe(403);
    // The other account is untouched: still English (its browser's language), and so is mine.
    const them = await apiClient();
    try {
      expect(
        (
          await them.post("/login", {
            form: { email: other.email, password: PASSWORD, redirectTo: "/" },
            maxRedirects: 0,
          })
        ).status(),
      ).toBe(302);
      expect(await (await them.get("/library")).text()).toMatch(/<html lang="en" dir="ltr"/);
    } finally {
      await them.dispose();
    }
    expect(await (await me.get("/library")).text()).toMatch(/<html lang="en" dir="ltr"/);
    // Their own is theirs to change.
    expect(
      (
        await me.post("/profile", { form: { userId: mine.id, uiLanguage: "lt", timeZone: "" }, maxRedirects: 0 })
      ).status(),
    ).toBe(200);
    expect(await (await me.get("/library")).text()).toMatch(/<html lang="lt" dir="ltr"/);
  } finally {
    await me.dispose();
    await admin.dispose();
  }
});

test("the browser's language is the default until the profile says otherwise", async ({ browser }) => {
  const context = await browser.newContext({ locale: "it-IT", extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() } });
  const page = await context.newPage();
  try {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(DEMO.trainee);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "it");
    await expect(page.getByRole("navigation", { name: "Principale" }).getByRole("link")).toHaveText([
      "Libreria",
      /^La mia formazione/,
    ]);
    await expect(page.getByRole("button", { name: "Esci" })).toBeVisible();
  } finally {
    await context.close();
  }
});

test.describe("docked at 400 px", () => {
  test.use({ viewport: { width: 400, height: 800 } });

  test("the header is one line; its menu opens, closes with Esc and gives focus back", async ({ page }) => {
    await signInTo(page, DEMO.agent, "/library", DEMO_PASSWORD);
    const banner = page.getByRole("banner");
    const box = (await banner.boundingBox())!;
    expect(box.height, "header height at 400 px").toBeLessThanOrEqual(56);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(400);

    const toggle = banner.getByRole("button", { name: "Menu" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(mainNav(page, "Main")).toBeHidden();
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(mainNav(page, "Main").getByRole("link")).toHaveText([
      "Library",
      "My runs",
      "Follow-ups",
      /^My training/,
    ]);
    await expect(
      page.getByRole("region", { name: "Account" }).getByRole("link", { name: "Your profile" }),
    ).toBeVisible();
    // The open menu lies over the page: the header itself does not grow.
    expect((await banner.boundingBox())!.height).toBeLessThanOrEqual(56);
    // Keyboard: Tab walks into the menu, Esc closes it and focus returns to the button.
    await page.keyboard.press("Tab");
    await expect(mainNav(page, "Main").getByRole("link", { name: "Library" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(toggle).toBeFocused();
    await expect(mainNav(page, "Main")).toBeHidden();

    // A followed link closes it.
    await toggle.click();
    await mainNav(page, "Main").getByRole("link", { name: "My runs" }).click();
    await expect(page).toHaveURL(/\/runs$/);
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(mainNav(page, "Main")).toBeHidden();
  });

  test("without JavaScript the menu is a plain list of links", async ({ browser }) => {
    const context = await browser.newContext({
      viewport: { width: 400, height: 800 },
      javaScriptEnabled: false,
      extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() },
    });
    const page = await context.newPage();
    try {
      await page.goto("/login");
      await page.getByLabel("E-mail").fill(DEMO.agent);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(mainNav(page, "Main").getByRole("link", { name: "Library" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
