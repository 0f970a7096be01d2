// Shared by the runbook-*.spec.ts files: a `test` that fails on console errors (like fixtures.ts) but can be
// told that network failures are the point of the test, run API helpers, and a server of the test's own
// (spawned on a database file it keeps, so it can be killed and restarted on the same data).
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { uniqueIp } from "./fixtures";

/** What Chromium logs when a request cannot reach the server: expected in offline / server-down tests only. */
const NETWORK_FAILURE = new RegExp(
  "net::ERR_(INTERNET_DISCONNECTED|CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE|NETWORK_CHANGED|" +
    "NETWORK_IO_SUSPENDED|FAILED)|Failed to fetch",
);

/** Collects console errors and page errors of `page`; 4xx answers are refusals under test, not app errors. */
export function watchConsole(page: Page, { tolerateNetworkFailures = false } = {}): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    if (tolerateNetworkFailures && NETWORK_FAILURE.test(text)) return;
    problems.push(`console error: ${text}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  return problems;
}

type Options = { tolerateNetworkFailures: boolean };

/** Like fixtures.ts `test`, with `test.use({ tolerateNetworkFailures: true })` for tests that cut the network. */
export const test = base.extend<Options & { clientIp: string }>({
  tolerateNetworkFailures: [false, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none
  clientIp: async ({}, use) => {
    await use(uniqueIp());
  },
  page: async ({ page, clientIp, tolerateNetworkFailures }, use) => {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": clientIp });
    const problems = watchConsole(page, { tolerateNetworkFailures });
    await use(page);
    expect(problems, "the page logged errors").toEqual([]);
  },
});
export { expect };

// ------------------------------------------------------------------------------------------ the runs API

export type ApiRun = {
  run: { id: string; status: string; eventCount: number; version: number };
  events: { id: string; type: string; at: number; [k: string]: unknown }[];
  state: {
    status: "active" | "completed" | "discarded";
    noteDraft?: { text: string; at: number };
    currentStepId: string | null;
    steps: Record<string, { status: string; stale?: string; skipReason?: string }>;
    checks: Record<string, boolean>;
    fields: Record<string, { value: string }>;
    flows: Record<
      string,
      {
        path: { nodeId: string; to: string; label?: string }[];
        currentNodeId: string;
        ended?: { nodeId: string; type: string };
      }
    >;
    notes: { id: string; text: string }[];
    escalations: { id: string; to: string; reason: string; stepId?: string }[];
    outcome?: { outcome: string; followUpDue?: string; wrapUp: string };
    followUp?: { due: string; closedAt?: number; note?: string };
    appliedEventIds: string[];
  };
};

/** GET /api/runs/:id with the page's session. */
export async function getRun(request: APIRequestContext, runId: string): Promise<ApiRun> {
  const res = await request.get(`/api/runs/${runId}`);
  expect(res.status(), await res.text().catch(() => "")).toBe(200);
  return (await res.json()) as ApiRun;
}

/** Every event id once, seq order = log order; returns the ids. */
export function expectNoDuplicates(run: ApiRun): string[] {
  const ids = run.events.map((e) => e.id);
  expect(new Set(ids).size, "no event is stored twice").toBe(ids.length);
  expect(run.state.appliedEventIds).toEqual(ids);
  expect(run.run.eventCount).toBe(ids.length);
  return ids;
}

export function runIdOf(page: Page): string {
  const m = /\/runs\/([0-9a-f-]{36})/.exec(page.url());
  if (!m) throw new Error(`not on a run page: ${page.url()}`);
  return m[1]!;
}

/** Starts a run through the API and opens it. */
export async function openNewRun(
  page: Page,
  sopId: string,
  extra: { customerRef?: string; channel?: string } = {},
): Promise<string> {
  const res = await page.request.post("/api/runs", { data: { sopId, channel: "phone", ...extra } });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await page.goto(`/runs/${id}`);
  await runReady(page);
  return id;
}

/** The run screen is hydrated (keys and the outbox are live) and has nothing left to send. */
export async function runReady(page: Page): Promise<void> {
  await expect(page.locator(".run[data-live]")).toBeVisible();
  await expect(sync(page)).toHaveAttribute("data-sync", "saved"); // in any interface language
}

/**
 * A step's button in the run's outline. Below 1440 px the outline is one line ("Step 2 of 6 ▾") that opens the
 * list; this opens it first when it is folded.
 */
export async function outlineStep(page: Page, name: RegExp) {
  const nav = page.getByRole("navigation", { name: "Steps" });
  const toggle = nav.locator(".outline-toggle");
  if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  return nav.getByRole("button", { name });
}

export const sync = (page: Page) => page.getByTestId("sync-status");
export const stepHeading = (page: Page) => page.locator("#current-step-title");

/** Waits until the service worker keeps this run page and every asset it loads (so it reloads offline). */
export async function waitForOfflineCopy(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          if (!navigator.serviceWorker?.controller && !(await navigator.serviceWorker?.getRegistration()))
            return "no worker";
          if (!(await caches.match(location.href))) return "page not kept";
          const urls = [
            ...document.querySelectorAll<HTMLLinkElement | HTMLScriptElement>(
              "link[rel=modulepreload], link[rel=stylesheet], script[src]",
            ),
          ]
            .map((el) => ("href" in el && el.href) || (el as HTMLScriptElement).src)
            .filter((u) => u && new URL(u).pathname.startsWith("/assets/"));
          for (const u of urls) if (!(await caches.match(u))) return `missing ${u}`;
          return "ready";
        }),
      { timeout: 15_000 },
    )
    .toBe("ready");
}

// ------------------------------------------------------------------------------------------ own server

const START_SERVER = fileURLToPath(new URL("./start-server.mjs", import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type OwnServer = {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
};

/** A temp folder for a database file the test owns (removed by `cleanup`). */
export function tempDbFile(): { file: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-own-"));
  return { file: path.join(dir, "run.db"), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Starts tests/e2e/start-server.mjs on `dbFile` (kept between starts) and waits until /healthz answers. */
export async function startOwnServer(dbFile: string, port?: number): Promise<OwnServer> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, [START_SERVER], {
    env: {
      ...process.env,
      PORT: String(p),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      TRUST_PROXY: "1",
      STEPWISE_E2E_DB: dbFile,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  const url = `http://localhost:${p}`;
  const deadline = Date.now() + 60_000; // the demo seed (90 days of calls) takes 10–30 s on a loaded machine
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start in 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port: p,
    child,
    output: () => out,
    kill: (signal = "SIGKILL") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}

/** Signs in through the login form with an API request context (the cookie stays in the context). */
export async function apiSignIn(request: APIRequestContext, email: string, password = "stepwise-demo"): Promise<void> {
  const res = await request.post("/login", { form: { email, password, redirectTo: "/" }, maxRedirects: 0 });
  expect([302, 303, 204]).toContain(res.status());
}
