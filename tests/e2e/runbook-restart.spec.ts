// The server restarts mid-call (killed with SIGKILL, as a crash or a deploy would): the agent keeps working,
// the screen says the changes are kept on the device, and once the server is back everything arrives once.
// This spec runs a server of its own on a database file it keeps between the two starts.
import { DEMO } from "./fixtures";
import {
  expect,
  expectNoDuplicates,
  getRun,
  startOwnServer,
  stepHeading,
  sync,
  tempDbFile,
  test,
  watchConsole,
  type OwnServer,
} from "./runbook-fixtures";

test("a server restart mid-run loses nothing and duplicates nothing", async ({ browser }) => {
  test.setTimeout(90_000);
  const db = tempDbFile();
  let server: OwnServer | undefined = await startOwnServer(db.file);
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const page = await context.newPage();
    const problems = watchConsole(page, { tolerateNetworkFailures: true });
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(DEMO.agent);
    await page.getByLabel("Password").fill("stepwise-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.goto("/sops/late-missing-delivery");
    await page.getByLabel("Customer reference (optional)").fill("ORD-77");
    await page.getByRole("button", { name: "Start a run" }).click();
    await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
    const runId = page.url().split("/").pop()!;
    await page.getByLabel("Customer's name").fill("Ines Duarte");
    await page.getByLabel("Order number").fill("CD654321");
    await page.getByLabel("Order number").blur();
    await expect(sync(page)).toHaveText(/All changes saved/);
    const beforeCrash = await getRun(context.request, runId);

    // Crash the server in the middle of the call.
    const port = server.port;
    await server.kill("SIGKILL");
    server = undefined;
    await page.getByLabel("Caller verified").check();
    await expect(sync(page)).toContainText("Can't reach Stepwise — saved locally");
    await page.getByLabel("Delivery address on the order confirmed").check();
    await page.getByRole("button", { name: /^Done, next step/ }).click();
    await expect(stepHeading(page)).toContainText("Check the tracking");
    await page.getByRole("tab", { name: "Notes" }).click();
    await page.getByLabel("New note").fill("Server hiccup during the call.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(sync(page)).toContainText("5 to send");

    // Back on the same database and port: the queue drains by itself (retry with back-off, at most 10 s apart).
    server = await startOwnServer(db.file, port);
    await expect(sync(page)).toHaveText(/All changes saved/, { timeout: 20_000 });
    const after = await getRun(context.request, runId);
    expectNoDuplicates(after);
    expect(after.events.slice(0, beforeCrash.events.length)).toEqual(beforeCrash.events);
    expect(after.events.slice(beforeCrash.events.length).map((e) => e.type)).toEqual([
      "check.toggled",
      "check.toggled",
      "step.completed",
      "step.focused",
      "note.added",
    ]);
    expect(after.state.steps["find-order"]!.status).toBe("done");
    expect(after.state.currentStepId).toBe("check-tracking");
    expect(after.state.notes.map((n) => n.text)).toEqual(["Server hiccup during the call."]);

    // And a reload now shows what the server has.
    await page.reload();
    await expect(page.locator(".run[data-live]")).toBeVisible();
    await expect(stepHeading(page)).toContainText("Check the tracking");
    await expect(page.locator("#panel-notes")).toContainText("Server hiccup during the call.");
    expect((await getRun(context.request, runId)).events).toHaveLength(after.events.length);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    await server?.kill("SIGTERM");
    db.cleanup();
  }
});
