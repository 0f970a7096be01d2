import { DEMO, expect, signIn, test } from "./fixtures";

test("an agent runs an SOP: captures a field, reloads without losing it, and wraps up", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.goto("/sops/call-opening-aidet");
  await page.getByLabel("Customer reference (optional)").fill("T-1001");
  await page.getByRole("button", { name: "Start a run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("navigation", { name: "Steps" })).toBeVisible();

  const field = page.locator(".run-step input[type=text], .run-step input[type=tel], .run-step input[type=email]").first();
  if (await field.count()) {
    await field.fill("Jordan");
    await field.blur();
    await expect(page.getByTestId("sync-status")).toHaveText(/All changes saved/);
    await page.reload();
    await expect(page.locator(".run-step input").first()).toHaveValue("Jordan");
  }

  await page.getByRole("tab", { name: "Notes" }).click();
  await page.getByLabel("New note").fill("Customer called about a parcel.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Customer called about a parcel.")).toBeVisible();
  await expect(page.getByTestId("sync-status")).toHaveText(/All changes saved/);

  await page.keyboard.press("?");
  await expect(page.getByRole("heading", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");

  await page.getByRole("tab", { name: "Wrap-up" }).click();
  await expect(page.getByLabel("Wrap-up note")).toHaveValue(/Customer called about a parcel/);
  await page.getByRole("button", { name: "Complete the call" }).click();
  await expect(page.getByText("Call completed")).toBeVisible();
  await page.goto("/runs");
  await expect(page.getByRole("cell", { name: "T-1001" })).toBeVisible();
});

test("the runs API refuses an invalid event with a 400 and stores nothing", async ({ page }) => {
  await signIn(page, DEMO.agent);
  const start = await page.request.post("/api/runs", { data: { sopId: "call-opening-aidet", channel: "phone" } });
  expect(start.status()).toBe(201);
  const { id } = (await start.json()) as { id: string };
  const bad = await page.request.post(`/api/runs/${id}/events`, {
    data: { events: [{ id: "7d2f8a52-4a7e-4b8e-9a51-0c8c1d5c2a11", at: Date.now(), type: "step.completed", stepId: "no-such-step" }] },
  });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toBeTruthy();
  const note = { id: "5b0c9d1e-2f3a-4b5c-8d6e-7f8091a2b3c4", at: Date.now(), type: "note.added", text: "hello" };
  const ok = await page.request.post(`/api/runs/${id}/events`, { data: { events: [note] } });
  expect(ok.status()).toBe(200);
  const again = await page.request.post(`/api/runs/${id}/events`, { data: { events: [note] } });
  expect(((await again.json()) as { duplicates: number }).duplicates).toBe(1);
  const run = (await (await page.request.get(`/api/runs/${id}`)).json()) as { events: unknown[]; state: { notes: unknown[] } };
  expect(run.state.notes).toHaveLength(1);
  expect(run.events).toHaveLength(2);
});
