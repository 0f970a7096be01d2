// Webhooks, end to end: the admin page refuses targets it must not call (with the reason beside the URL field),
// and no message is lost when the server dies while the receiver is refusing: after a SIGKILL and a restart on
// the same database, every message queued before the kill arrives, signed (verified with `standardwebhooks`),
// and "Send again" in the delivery log sends the same `webhook-id` once more.
import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { DEMO, expect, signIn, test, uniqueIp } from "./fixtures";
import {
  apiSignIn,
  startOwnServer,
  tempDbFile,
  test as ownTest,
  watchConsole,
  type OwnServer,
} from "./runbook-fixtures";

const SERVER_PORT = 3350; // this spec's own server (3350-3359)
const RECEIVER_PORT = 3360; // its local receiver (3360-3369)

test("webhooks page: refused targets show the reason beside the URL field, agents cannot open it", async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO.admin);
  const name = `Hooks ${randomUUID().slice(0, 6)}`;
  await page.goto("/admin/integrations");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Allowed origins").fill("https://desk.example.com");
  await page.getByRole("button", { name: "Create integration" }).click();
  await page.getByRole("link", { name: `${name} →` }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("link", { name: "Manage webhooks" }).click();
  await expect(page).toHaveURL(/\/admin\/integrations\/[^/]+\/webhooks$/);
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expect(page.getByText("No endpoints yet.")).toBeVisible();
  await expect(page.getByText("Nothing sent yet.")).toBeVisible();

  const form = page.getByRole("form", { name: "Add an endpoint" });
  const url = form.getByLabel("Endpoint URL");
  // the tab order follows the form: URL, description, the events in order, active, submit
  await url.focus();
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Description (optional)")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(form.getByRole("checkbox", { name: /run\.started/ })).toBeFocused();
  for (let i = 0; i < 7; i++) await page.keyboard.press("Tab");
  await expect(form.getByRole("checkbox", { name: /^Active/ })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(form.getByRole("button", { name: "Add endpoint" })).toBeFocused();

  // a private address: refused, the reason beside the field, the typed value kept
  await url.fill("https://10.0.0.5/hook");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(url).toHaveAttribute("aria-invalid", "true");
  // the message is the one the field points to (aria-describedby), so a screen reader reads it with the field
  const describedBy = (await url.getAttribute("aria-describedby"))!.split(" ");
  const urlError = form.locator(".field-error").first();
  expect(describedBy).toContain(await urlError.getAttribute("id"));
  await expect(urlError).toContainText(/private|internal|not allowed|public/i);
  await expect(url).toHaveValue("https://10.0.0.5/hook");

  // a public-looking name that does not resolve: refused too
  await url.fill("https://nowhere.invalid/hook");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(urlError).toContainText(/nowhere\.invalid|resolve|found|DNS/i);
  // plain http is refused without private targets; no event chosen is refused on the events
  await url.fill("http://hooks.example.com/x");
  await form.getByRole("checkbox", { name: /run\.completed/ }).uncheck();
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form.locator(".field-error").first()).toBeVisible();
  await expect(page.getByText("No endpoints yet.")).toBeVisible();

  // the filters of the log are a GET form; an unknown status is ignored, not a 500
  const here = page.url();
  const res = await page.goto(`${here}?status=bogus&endpoint=nope`);
  expect(res?.status()).toBe(200);

  // an agent is refused (no manage:integrations)
  const agent = await browser.newPage();
  await agent.setExtraHTTPHeaders({ "X-Forwarded-For": uniqueIp() });
  await signIn(agent, DEMO.agent);
  const refused = await agent.goto(here);
  expect(refused?.status()).toBe(403);
  await agent.close();
});

type Received = { id: string; body: string; headers: Record<string, string>; answered: number };

/** A local receiver: answers `status.code`, keeps every request it got. */
async function receiver(port: number) {
  const got: Received[] = [];
  const status = { code: 503 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      got.push({
        id: headers["webhook-id"] ?? "",
        body: Buffer.concat(chunks).toString("utf8"),
        headers,
        answered: status.code,
      });
      res.writeHead(status.code, { "Content-Type": "text/plain" }).end(status.code === 200 ? "ok" : "busy, try later");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    got,
    status,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => server.close(),
  };
}

ownTest("never lost: messages pending at a SIGKILL are delivered, signed, after the restart", async ({ browser }) => {
  ownTest.setTimeout(120_000);
  const db = tempDbFile();
  const hooks = await receiver(RECEIVER_PORT);
  let server: OwnServer | undefined;
  try {
    // migrate the database, then create the integration with the CLI (private targets allowed)
    server = await startOwnServer(db.file, SERVER_PORT);
    await server.kill("SIGTERM");
    const created = JSON.parse(
      execFileSync(
        process.execPath,
        ["bin/stepwise.js", "integration", "create", "--name", "Desk", "--allow-private-targets", "--json"],
        { env: { ...process.env, DATABASE_URL: db.file }, encoding: "utf8" },
      ),
    ) as { id: string };
    server = await startOwnServer(db.file, SERVER_PORT);

    const admin = await browser.newContext({ baseURL: server.url });
    const page = await admin.newPage();
    const problems = watchConsole(page, { tolerateNetworkFailures: true });
    await signIn(page, DEMO.admin);
    const webhooksPage = `/admin/integrations/${created.id}/webhooks`;
    await page.goto(webhooksPage);
    await expect(page.getByText(/Private and local addresses are allowed/)).toBeVisible();
    const form = page.getByRole("form", { name: "Add an endpoint" });
    await form.getByLabel("Endpoint URL").fill(hooks.url);
    await form.getByLabel("Description (optional)").fill("Local receiver");
    await form.getByRole("checkbox", { name: /run\.started/ }).check();
    await form.getByRole("checkbox", { name: /run\.completed/ }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const secret = await page.locator("#webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expect(page.locator(`[data-endpoint="${hooks.url}"]`)).toContainText("Local receiver");

    // an agent makes events: three calls started and completed (six messages)
    const agent = await browser.newContext({
      baseURL: server.url,
      extraHTTPHeaders: { "X-Forwarded-For": "10.9.0.2" },
    });
    await apiSignIn(agent.request, DEMO.agent);
    for (let i = 0; i < 3; i++) {
      const res = await agent.request.post("/api/runs", { data: { sopId: "complaint-handling", channel: "phone" } });
      expect(res.status(), await res.text()).toBe(201);
      const { id } = (await res.json()) as { id: string };
      const done = await agent.request.post(`/api/runs/${id}/events`, {
        data: {
          events: [
            { id: randomUUID(), at: Date.now(), type: "completed", outcome: "resolved", wrapUp: `Call ${i} sorted.` },
          ],
        },
      });
      expect(done.status(), await done.text()).toBeLessThan(300);
    }
    // each message tried once and refused (503): then the server dies, before the first retry (~5 s later)
    await expect.poll(() => new Set(hooks.got.map((g) => g.id)).size, { timeout: 10_000 }).toBe(6);
    await new Promise((r) => setTimeout(r, 300)); // the 503s are recorded
    const queued = [...new Set(hooks.got.map((g) => g.id))];
    expect(hooks.got.length, "no message was retried before the kill").toBe(6);
    await server.kill("SIGKILL");
    server = undefined;
    hooks.status.code = 200;

    server = await startOwnServer(db.file, SERVER_PORT);
    const okIds = () => new Set(hooks.got.filter((g) => g.answered === 200).map((g) => g.id));
    await expect.poll(() => queued.filter((id) => !okIds().has(id)), { timeout: 40_000, intervals: [500] }).toEqual([]);

    // every delivery is signed with the endpoint's secret; the payloads are the events queued
    const wh = new Webhook(secret);
    const types: string[] = [];
    for (const g of hooks.got) {
      const verified = wh.verify(g.body, g.headers) as { type: string; data: { runId?: string } };
      expect(g.headers["webhook-id"]).toBe(g.id);
      types.push(verified.type);
    }
    expect(types.filter((t) => t === "run.started").length).toBeGreaterThanOrEqual(3);
    expect(types.filter((t) => t === "run.completed").length).toBeGreaterThanOrEqual(3);
    expect(() => wh.verify(hooks.got[0]!.body.replace("}", ', "x": 1}'), hooks.got[0]!.headers)).toThrow();

    // the delivery log lists them as delivered with 200, after a failed first attempt
    await page.goto(webhooksPage);
    for (const id of queued) {
      const row = page.locator(`tr[data-message="${id}"]`);
      await expect(row).toContainText("Delivered");
      await expect(row.getByRole("cell").nth(5)).toContainText("200");
      await row.getByText("2 attempts").click();
      await expect(row.locator(".webhook-attempt-list li")).toHaveCount(2);
      await expect(row.locator(".webhook-attempt-list")).toContainText("busy, try later");
    }
    // filter: nothing failed, nothing pending
    await page.getByLabel("Status").selectOption("pending");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/status=pending/);
    await expect(page.getByText("No messages match these filters.")).toBeVisible();
    await page.goto(webhooksPage);

    // "Send again" sends the same webhook-id once more
    const again = queued[0]!;
    const before = hooks.got.filter((g) => g.id === again).length;
    await page.getByRole("button", { name: `Send message ${again} again` }).click();
    await expect(page.getByRole("status").filter({ hasText: `Message ${again} is being sent again` })).toBeVisible();
    await expect.poll(() => hooks.got.filter((g) => g.id === again).length, { timeout: 10_000 }).toBe(before + 1);
    const last = hooks.got.filter((g) => g.id === again).at(-1)!;
    expect(() => wh.verify(last.body, last.headers)).not.toThrow();

    // and a test event reaches the receiver too
    await page.getByRole("button", { name: `Send a test event to ${hooks.url}` }).click();
    await expect
      .poll(() => hooks.got.some((g) => JSON.parse(g.body).type === "webhook.test"), { timeout: 10_000 })
      .toBe(true);
    expect(problems).toEqual([]);
    await admin.close();
    await agent.close();
  } finally {
    await server?.kill("SIGKILL");
    hooks.close();
    db.cleanup();
  }
});
