// The password policy as an administrator meets it: the rule under the field, the reason for a refusal.
import { DEMO, expect, signIn, test } from "./fixtures";

const RULE = "At least 12 characters; common or breached passwords are refused.";

test("creating a user states the password rule and refuses weak passwords with the reason", async ({ page }) => {
  const email = `grace.hopper.${Date.now()}@stepwise.example`;
  await signIn(page, DEMO.admin);
  await page.goto("/admin/users/new");
  await expect(page.locator("#password-hint")).toContainText(RULE);
  await page.getByLabel("Name").fill("Grace Hopper");
  await page.getByLabel("E-mail").fill(email);

  const password = page.getByLabel("Initial password");
  const refused = async (value: string, reason: string | RegExp) => {
    await password.fill(value);
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.locator("#password-error")).toHaveText(reason);
    await expect(password).toHaveAttribute("aria-invalid", "true");
  };
  await refused("qwertyuiop", "Use at least 12 characters.");
  await refused("1234567890", "Use at least 12 characters.");
  await refused("password1234", /commonly used \(breached\) password/);
  await refused("123456789012", /on lists of breached passwords/);
  await refused("hopper-rocks-1906", "Don't use the person's name or e-mail address in the password.");

  await password.fill("violet-harbour-tram-42");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Grace Hopper" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("User created.");

  // resetting the password applies the same rule, and says that it lifts a sign-in slow-down
  await expect(page.locator("#new-password-hint")).toContainText(RULE);
  await page.getByLabel("New password").fill("password12");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.locator("#new-password-error")).toHaveText("Use at least 12 characters.");
  await page.getByLabel("New password").fill("qwertyuiop12");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.locator("#new-password-error")).toContainText("breached");
  await page.getByLabel("New password").fill("amber-lantern-quay-77");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("any sign-in slow-down is lifted");
});
