import { randomUUID } from "node:crypto";
import { DEMO, expect, signIn, test } from "./fixtures";

test("an agent runs an SOP: captures a field, reloads without losing it, and wraps up", async ({ page }) => {
  await signIn(page, DEMO.agent);
  await page.goto("/sops/call-opening-aidet");
  const ref = `T-${randomUUID().slice(0, 8)}`;
  await page.getByLabel("Customer reference (optional)").fill(ref);
  await page.getByRole("button", { name: "Start a run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("navigation", { name: "Steps" })).toBeVisible();

  const field = page
    .locator(".run-step input[type=text], .run-step input[type=tel], .run-step input[type=email]")
    .first();
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
  await expect(page.getByRole("cell", { name: ref })).toBeVisible();
});

test("the runs API refuses an invalid event with a 400 and stores nothing", async ({ page }) => {
  await signIn(page, DEMO.agent);
  const start = await page.request.post("/api/runs", { data: { sopId: "call-opening-aidet", channel: "phone" } });
  expect(start.status()).toBe(201);
  const { id } = (await start.json()) as { id: string };
  const bad = await page.request.post(`/api/runs/${id}/events`, {
    data: { events: [{ id: randomUUID(), at: Date.now(), type: "step.completed", stepId: "no-such-step" }] },
  });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toBeTruthy();
  // a malformed event, a malformed body, someone else's run: clear 4xx answers naming the problem, never a 500
  const malformed = await page.request.post(`/api/runs/${id}/events`, {
    data: {
      events: [
        { id: randomUUID(), at: Date.now(), type: "note.added", text: "ok" },
        { id: "not-a-uuid", at: 1, type: "note.added", text: "x" },
      ],
    },
  });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toMatchObject({ index: 1, error: expect.stringContaining("UUID") });
  const notJson = await page.request.post(`/api/runs/${id}/events`, {
    headers: { "Content-Type": "application/json" },
    data: Buffer.from("{not json"),
  });
  expect(notJson.status()).toBe(400);
  expect(((await notJson.json()) as { error: string }).error).toMatch(/not valid JSON/);
  const unknownRun = await page.request.post(`/api/runs/${randomUUID()}/events`, {
    data: { events: [{ id: randomUUID(), at: Date.now(), type: "note.added", text: "x" }] },
  });
  expect(unknownRun.status()).toBe(404);
  const note = { id: randomUUID(), at: Date.now(), type: "note.added", text: "hello" };
  const ok = await page.request.post(`/api/runs/${id}/events`, { data: { events: [note] } });
  expect(ok.status()).toBe(200);
  const again = await page.request.post(`/api/runs/${id}/events`, { data: { events: [note] } });
  expect(((await again.json()) as { duplicates: number }).duplicates).toBe(1);
  const run = (await (await page.request.get(`/api/runs/${id}`)).json()) as {
    events: unknown[];
    state: { notes: unknown[] };
  };
  expect(run.state.notes).toHaveLength(1);
  expect(run.events).toHaveLength(2);
});

test("a lead sees an agent's run read-only: looking around stores nothing", async ({ page, browser }) => {
  await signIn(page, DEMO.agent);
  const start = await page.request.post("/api/runs", { data: { sopId: "call-opening-aidet", channel: "phone" } });
  const { id } = (await start.json()) as { id: string };
  const before = (await (await page.request.get(`/api/runs/${id}`)).json()) as { events: unknown[] };

  const leadContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.77" } });
  const lead = await leadContext.newPage();
  const errors: string[] = [];
  lead.on("pageerror", (e) => errors.push(e.message));
  await signIn(lead, DEMO.lead);
  await lead.goto(`/runs/${id}`);
  await expect(lead.locator(".run[data-live]")).toBeVisible();
  await expect(lead.getByText("another agent's call: it is read-only")).toBeVisible();
  await expect(lead.getByTestId("sync-status")).toHaveCount(0);
  await expect(lead.getByRole("button", { name: /^Done/ })).toHaveCount(0);
  const first = (await lead.locator("#current-step-title").textContent()) ?? "";
  await lead.keyboard.press("j");
  await expect(lead.locator("#current-step-title")).not.toHaveText(first);
  await lead.keyboard.press("d");
  await lead.getByRole("button", { name: "Next step" }).click();
  const forbidden = await lead.request.post(`/api/runs/${id}/events`, {
    data: { events: [{ id: randomUUID(), at: Date.now(), type: "note.added", text: "lead" }] },
  });
  expect(forbidden.status()).toBe(403);
  const after = (await (await page.request.get(`/api/runs/${id}`)).json()) as { events: unknown[] };
  expect(after.events).toEqual(before.events);
  expect(errors).toEqual([]);
  await leadContext.close();
});
