// The embedded runbook (issue 12): a help desk page on one site (http://127.0.0.1:<host>) frames Stepwise from
// another (http://localhost:<app>) — examples/helpdesk-sidebar is the host. Launch with a signed JWT, prefilled
// fields, a run completed inside the 400 px iframe, the bridge's messages arriving in the host's ticket, a reload
// of the host resuming the same run, refused launches each with their page, framing only where allowed, and the
// header path working with the cookies gone.
import { execFileSync } from "node:child_process";
import type { Server } from "node:http";
import { test as base, type Frame, type FrameLocator, type Page } from "@playwright/test";
import { createHostServer } from "../../examples/helpdesk-sidebar/server.mjs";
import { expect, startOwnServer, tempDbFile, type OwnServer } from "./runbook-fixtures";

/**
 * Playwright's contexts are like incognito windows: Chromium blocks third-party cookies and storage in them, which
 * is the case the embed must survive (app/root.tsx leaves React Router's ScrollRestoration, which reads
 * sessionStorage, out of /embed pages). Every console error fails the test.
 */
const test = base.extend({
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on("console", (m) => {
      const text = m.text();
      if (m.type() !== "error") return;
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
      problems.push(`console error: ${text}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await use(page);
    expect(problems, "the page logged errors").toEqual([]);
  },
});

const APP_PORT = Number(process.env.EMBED_APP_PORT ?? 3330);
const HOST_PORT = Number(process.env.EMBED_HOST_PORT ?? 3340);
const OTHER_HOST_PORT = HOST_PORT + 1;
const HOST = `http://127.0.0.1:${HOST_PORT}`;
const OTHER_HOST = `http://127.0.0.1:${OTHER_HOST_PORT}`;

test.describe.configure({ mode: "serial" });

let server: OwnServer;
let db: ReturnType<typeof tempDbFile>;
let hosts: Server[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  db = tempDbFile();
  server = await startOwnServer(db.file, APP_PORT);
  const out = execFileSync(
    process.execPath,
    ["bin/stepwise.js", "integration", "create", "--name", "Demo help desk", "--origin", HOST, "--json"],
    { env: { ...process.env, DATABASE_URL: db.file }, encoding: "utf8" },
  );
  const created = JSON.parse(out) as { id: string; launchSecret: string };
  const options = {
    stepwiseUrl: server.url,
    integrationId: created.id,
    secret: created.launchSecret,
    agentEmail: "agent@stepwise.example",
    sop: "call-opening-aidet",
  };
  // the same host on a second origin, which the integration does not allow
  hosts = [createHostServer(options), createHostServer(options)];
  await Promise.all(
    hosts.map((h, i) => new Promise<void>((r) => h.listen(i === 0 ? HOST_PORT : OTHER_HOST_PORT, "127.0.0.1", r))),
  );
});

test.afterAll(async () => {
  await Promise.all(hosts.map((h) => new Promise((r) => h.close(r))));
  await server?.kill();
  db?.cleanup();
});

const sidebar = (page: Page): FrameLocator => page.frameLocator("#stepwise");
const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { received: { type: string; [k: string]: unknown }[] }).received);
function embedFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().startsWith(server.url));
  if (!frame) throw new Error("no Stepwise frame");
  return frame;
}

test("an agent runs a whole call in the sidebar; the host gets the messages and the note; a reload resumes", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${HOST}/?ticket=T-2001`);
  const frame = sidebar(page);
  await expect(frame.locator(".run[data-live]")).toBeVisible();
  await expect(frame.locator("[data-sync]")).toHaveAttribute("data-sync", "saved");
  // the frame is 400 px wide and has no app shell
  expect(await embedFrame(page).evaluate(() => window.innerWidth)).toBe(400);
  await expect(frame.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(frame.getByText("Ticket T-2001")).toBeVisible();
  const open = frame.getByRole("link", { name: /Open in Stepwise/ });
  await expect(open).toHaveAttribute("target", "_blank");
  const runId = /\/embed\/runs\/([0-9a-f-]{36})/.exec(embedFrame(page).url())![1]!;
  await expect(open).toHaveAttribute("href", `/runs/${runId}`);
  // the session token never sits in the frame's URL
  expect(embedFrame(page).url()).not.toMatch(/token=/);

  await expect.poll(async () => (await received(page)).map((m) => m.type)).toContain("stepwise:run.started");
  const started = (await received(page)).find((m) => m.type === "stepwise:run.started")!;
  expect(started).toMatchObject({ runId, sopId: "call-opening-aidet", ticketId: "T-2001", resumed: false });

  // Step 1, by the keyboard-usable controls of the run screen
  await frame.getByLabel(/^Headset on, microphone tested/).check();
  await frame.getByLabel(/^Today's service notices read/).check();
  await frame.getByLabel(/^Water within reach/).check();
  await frame.getByRole("button", { name: /^Done, next step/ }).click();
  await expect(frame.locator("#current-step-title")).toContainText("Answer within three rings");
  await expect(frame.locator("[data-sync]")).toHaveAttribute("data-sync", "saved");
  await expect
    .poll(async () => (await received(page)).filter((m) => m.type === "stepwise:step.completed"))
    .toEqual([{ type: "stepwise:step.completed", runId, stepId: "ready", title: "Be ready before you go available" }]);

  // A reload of the host: a new launch token for the same ticket resumes the same run where it was.
  await page.reload();
  await expect(frame.locator(".run[data-live]")).toBeVisible();
  expect(embedFrame(page).url()).toContain(`/embed/runs/${runId}`);
  await expect(frame.getByRole("status").filter({ hasText: "already open for this ticket" })).toBeVisible();
  await expect(frame.locator("#current-step-title")).toContainText("Answer within three rings");
  await expect
    .poll(async () => (await received(page)).find((m) => m.type === "stepwise:run.started"))
    .toMatchObject({
      runId,
      resumed: true,
    });

  // The requester's name was filled from the ticket (customer_name)
  await frame.getByRole("tab", { name: "Wrap-up" }).click();
  await frame.getByLabel("Outcome", { exact: true }).selectOption({ label: "Resolved" });
  const note = frame.getByLabel("Wrap-up note");
  await note.fill("Parcel located; customer happy.");
  await frame.getByRole("button", { name: "Complete the call" }).click();
  await expect(frame.getByText("Call completed")).toBeVisible();
  await expect(page.locator("#internal-note")).toHaveText("[resolved] Parcel located; customer happy.");
  const done = (await received(page)).find((m) => m.type === "stepwise:run.completed")!;
  expect(done).toMatchObject({
    runId,
    ticketId: "T-2001",
    outcome: "resolved",
    note: "Parcel located; customer happy.",
  });
  expect((done.fields as Record<string, string>).customer_name).toBe("Ines Duarte");
});

test("with its cookies gone the embed keeps working through its header", async ({ page, context }) => {
  await page.goto(`${HOST}/?ticket=T-2002`);
  const frame = sidebar(page);
  await expect(frame.locator(".run[data-live]")).toBeVisible();
  const cookie = (await context.cookies(server.url)).find((c) => c.name === "stepwise_embed");
  expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: "None" });
  await context.clearCookies();
  expect((await context.cookies(server.url)).map((c) => c.name)).not.toContain("stepwise_embed");
  await frame.getByLabel(/^Headset on, microphone tested/).check();
  await expect(frame.locator("[data-sync]")).toHaveAttribute("data-sync", "saved");
  // The frame alone reloads (no new launch) with no cookie and — in this context — no storage for a third-party
  // frame: it cannot be signed in again, and says so (framed, by the integration's origin, not a browser error).
  await embedFrame(page).evaluate(() => window.location.reload());
  await expect(frame.getByRole("heading", { name: "Open the runbook from your help desk" })).toBeVisible();
  // A reload of the ticket is a new launch: the same run, nothing lost.
  await page.reload();
  await expect(frame.locator(".run[data-live]")).toBeVisible();
  await expect(frame.getByLabel(/^Headset on, microphone tested/)).toBeChecked();
});

test("a replayed token, an expired token and an unknown agent each get their page", async ({ page }) => {
  await page.goto(`${HOST}/?ticket=T-2003`);
  await expect(sidebar(page).locator(".run[data-live]")).toBeVisible();
  for (const [query, title, status] of [
    ["replay=1", "This launch was already used", 401],
    ["ttl=-60", "The launch has expired", 401],
    ["agent=nobody%40example.com", "No Stepwise account for you", 403],
  ] as const) {
    const launch = page.waitForResponse((r) => r.url().startsWith(`${server.url}/embed/launch`));
    await page.goto(`${HOST}/?ticket=T-2003&${query}`);
    expect((await launch).status()).toBe(status);
    await expect(sidebar(page).getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(sidebar(page).locator(".run")).toHaveCount(0);
  }
});

// Chromium logs the refused frames as console errors: that is what these tests show, so they watch the console
// themselves.
base(
  "an origin the integration does not allow cannot frame the embed, and the app's pages refuse framing",
  async ({ page }) => {
    const refusals: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") refusals.push(m.text());
    });
    const launch = page.waitForResponse((r) => r.url().startsWith(`${server.url}/embed/launch`));
    await page.goto(`${OTHER_HOST}/?ticket=T-2004`);
    const csp = (await launch).headers()["content-security-policy"] ?? "";
    expect(csp).toContain(`frame-ancestors ${HOST}`);
    expect(csp).not.toContain(OTHER_HOST);
    await expect.poll(() => refusals.some((t) => /frame-ancestors/.test(t))).toBe(true);
    await expect(page.frameLocator("#stepwise").locator(".embed-app")).toHaveCount(0);

    // /library (any page of the full app) keeps refusing to be framed, even by an allowed origin
    const library = await page.request.get(`${server.url}/library`, { maxRedirects: 0 });
    expect(library.headers()["x-frame-options"]).toBe("DENY");
    expect(library.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await page.route(`${HOST}/frame-library`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>framer</title><iframe id="f" src="${server.url}/library"></iframe>`,
      }),
    );
    refusals.length = 0;
    await page.goto(`${HOST}/frame-library`);
    // Chromium replaces a refused frame by its error page
    await expect.poll(() => page.frames().map((f) => f.url())).toContain("chrome-error://chromewebdata/");
    await expect(page.frameLocator("#f").getByRole("heading", { name: /Sign in/i })).toHaveCount(0);
  },
);

base("the embed session does not sign anyone in to the full app", async ({ page, context }) => {
  await page.goto(`${HOST}/?ticket=T-2005`);
  await expect(page.frameLocator("#stepwise").locator(".run[data-live]")).toBeVisible();
  const token = (await context.cookies(server.url)).find((c) => c.name === "stepwise_embed")?.value;
  expect(token).toBeTruthy();
  // the full app's pages read only the normal session: to them this is an anonymous visitor
  const library = await page.request.get(`${server.url}/library`, {
    headers: { "X-Stepwise-Embed": token!, Cookie: `stepwise_embed=${token}` },
    maxRedirects: 0,
  });
  expect(library.status()).toBe(302);
  expect(library.headers()["location"]).toMatch(/^\/login/);
  const runs = await page.request.post(`${server.url}/api/runs`, {
    headers: { "X-Stepwise-Embed": token! },
    data: { sopId: "call-opening-aidet" },
  });
  expect(runs.status()).toBe(401);
  // the run APIs the embed calls accept it
  const search = await page.request.get(`${server.url}/api/search?q=refund&status=published`, {
    headers: { "X-Stepwise-Embed": token! },
  });
  expect(search.status()).toBe(200);
  const forged = await page.request.get(`${server.url}/api/search?q=refund`, { headers: { "X-Stepwise-Embed": "x" } });
  expect(forged.status()).toBe(401);
});
