// Never lose the agent's place: a reload resumes the exact state; without network the agent keeps working,
// can even reload, and everything reaches the server once, in order, when the network returns.
import { DEMO, signIn } from "./fixtures";
import {
  expect,
  expectNoDuplicates,
  getRun,
  openNewRun,
  stepHeading,
  sync,
  test,
  waitForOfflineCopy,
  outlineStep,
} from "./runbook-fixtures";

test.use({ tolerateNetworkFailures: true });

test("a reload mid-run resumes the exact state, including a change the server had not acknowledged yet", async ({
  page,
}) => {
  test.setTimeout(60_000); // a busy CI box: the steps are many, each waits for a commit
  await signIn(page, DEMO.agent);
  const runId = await openNewRun(page, "late-missing-delivery", { customerRef: "ORD-1" });

  await page.getByLabel("Customer's name").fill("Ravi Menon");
  await page.getByLabel("Order number").fill("AB123456");
  await page.getByLabel("Caller verified").check();
  await page.getByLabel("Delivery address on the order confirmed").check();
  await page.getByRole("button", { name: /^Done, next step/ }).click();
  await expect(stepHeading(page)).toContainText("Check the tracking");
  await page.getByLabel("Promised delivery date").fill("2025-05-14");
  await page.getByLabel("Courier").selectOption("DPD");
  await page.getByLabel("Tracking number").fill("15501234567890");
  await page.getByLabel("Tracking number").blur();
  await page.getByRole("tab", { name: "Notes" }).click();
  await page.getByLabel("New note").fill("Customer works nights: call after 2 pm.");
  await page.getByRole("button", { name: "Add note" }).click();
  await (await outlineStep(page, /Verify the caller/)).click();
  await expect(stepHeading(page)).toContainText("Verify the caller and find the order");
  await expect(sync(page)).toHaveText(/All changes saved/);
  const before = await getRun(page.request, runId);

  // One more change the server never answers (the request fails), then reload.
  await page.route(`**/api/runs/${runId}/events`, (route) => route.abort("connectionreset"));
  await page.getByLabel("Caller verified").uncheck();
  await expect(sync(page)).toContainText("saved locally");
  await page.unroute(`**/api/runs/${runId}/events`);
  await page.reload();
  await expect(page.locator(".run[data-live]")).toBeVisible();

  // Exactly where the agent was: current step, values, ticks, progress, notes.
  await expect(stepHeading(page)).toContainText("Verify the caller and find the order");
  await expect(page.getByLabel("Customer's name")).toHaveValue("Ravi Menon");
  await expect(page.getByLabel("Order number")).toHaveValue("AB123456");
  await expect(page.getByLabel("Caller verified")).not.toBeChecked();
  await expect(page.getByLabel("Delivery address on the order confirmed")).toBeChecked();
  await expect(await outlineStep(page, /Verify the caller/)).toHaveClass(/outline-done/);
  await expect(await outlineStep(page, /Verify the caller/)).toHaveAttribute("aria-current", "step");
  await expect(page.locator("#panel-notes")).toContainText("Customer works nights");
  await expect(sync(page)).toHaveText(/All changes saved/);
  await page.keyboard.press("j");
  await expect(page.getByLabel("Courier")).toHaveValue("DPD");
  await expect(page.getByLabel("Tracking number")).toHaveValue("15501234567890");
  await expect(sync(page)).toHaveText(/All changes saved/);

  const after = await getRun(page.request, runId);
  expectNoDuplicates(after);
  // the reload added nothing but the unacknowledged tick and the move to step 2
  expect(after.events.slice(0, before.events.length)).toEqual(before.events);
  expect(after.events.slice(before.events.length).map((e) => e.type)).toEqual(["check.toggled", "step.focused"]);
  expect(after.state.fields).toMatchObject({
    customer_name: { value: "Ravi Menon" },
    courier: { value: "DPD" },
    tracking_number: { value: "15501234567890" },
  });
});

test("offline: the agent keeps working and reloads; back online the queue is replayed in order, once", async ({
  page,
  context,
}) => {
  test.setTimeout(60_000); // a busy CI box: the steps are many, each waits for a commit
  await signIn(page, DEMO.agent);
  const runId = await openNewRun(page, "billing-dispute-card-charge");
  await page.getByLabel("Customer's name").fill("Dana Whitfield");
  await page.getByRole("button", { name: /^Done, next step/ }).click();
  await expect(sync(page)).toHaveText(/All changes saved/);
  await waitForOfflineCopy(page);
  const online = await getRun(page.request, runId);

  await context.setOffline(true);
  await expect(sync(page)).toContainText("Offline — saved locally");
  await page.getByLabel("Date of the charge").fill("2025-03-02");
  await page.getByLabel("Amount charged").fill("19.99");
  await page.getByLabel("Last four digits of the card").fill("1234");
  await page.getByLabel("Last four digits of the card").blur();
  await page.getByRole("button", { name: /^Done, next step/ }).click();
  await expect(stepHeading(page)).toContainText("Work out what kind of dispute it is");
  await page.getByRole("tab", { name: "Notes" }).click();
  await page.getByLabel("New note").fill("Customer is on a train, line may drop.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(sync(page)).toContainText("Offline — saved locally");
  await expect(sync(page)).toContainText("6 to send");
  const queued = await page.evaluate(
    (id) => JSON.parse(localStorage.getItem(`stepwise:run:${id}:outbox`) ?? "[]") as { id: string; type: string }[],
    runId,
  );
  expect(queued.map((e) => e.type)).toEqual([
    "field.captured",
    "field.captured",
    "field.captured",
    "step.completed",
    "step.focused",
    "note.added",
  ]);

  // Reload without network: the page comes from the offline copy, the place from this device.
  await page.reload();
  await expect(page.locator(".run[data-live]")).toBeVisible();
  await expect(stepHeading(page)).toContainText("Work out what kind of dispute it is");
  // A document loaded while offline emulation is on may still read navigator.onLine as true (Chromium 14x+):
  // the screen then says it can't reach the server. Either way the changes are kept on the device.
  await expect(sync(page)).toContainText(/(Offline|Can't reach Stepwise) — saved locally/);
  await expect(sync(page)).toContainText("6 to send");
  await expect(await outlineStep(page, /Capture the charge details/)).toHaveClass(/outline-done/);
  await page.keyboard.press("k");
  await expect(page.getByLabel("Last four digits of the card")).toHaveValue("1234");
  await expect(sync(page)).toContainText("7 to send");

  await context.setOffline(false);
  await expect(sync(page)).toHaveText(/All changes saved/, { timeout: 15_000 });
  const back = await getRun(page.request, runId);
  const ids = expectNoDuplicates(back);
  const sent = ids.slice(online.events.length);
  expect(sent.slice(0, queued.length)).toEqual(queued.map((e) => e.id));
  expect(back.events.slice(online.events.length).map((e) => e.type)).toEqual([
    ...queued.map((e) => e.type),
    "step.focused",
  ]);
  expect(back.state.fields).toMatchObject({
    charge_date: { value: "2025-03-02" },
    charge_amount: { value: "19.99" },
    card_last4: { value: "1234" },
  });
  expect(back.state.notes.map((n) => n.text)).toEqual(["Customer is on a train, line may drop."]);
  expect(back.state.currentStepId).toBe("charge-details");
  // The screen's acknowledged state is the server's, and nothing is left to send.
  const device = await page.evaluate(
    (id) => ({
      state: JSON.parse(localStorage.getItem(`stepwise:run:${id}:state`) ?? "null"),
      outbox: localStorage.getItem(`stepwise:run:${id}:outbox`),
    }),
    runId,
  );
  expect(device.outbox).toBeNull();
  expect(device.state).toEqual(back.state);
});
