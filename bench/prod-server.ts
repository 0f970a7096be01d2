// The real production server for the benchmarks: built if the build is missing, started on a database file
// the benchmark owns (tests/e2e/start-server.mjs with STEPWISE_E2E_DB), signed in with a demo account.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export function buildDir(): string {
  return path.resolve(ROOT, process.env.STEPWISE_BUILD_DIR || "build");
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(tsx?|css)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

let warned = false;

/** Builds the app (once per bench run) when the production build is missing or older than the sources. */
export function ensureBuild(): void {
  const entry = path.join(buildDir(), "server", "index.js");
  if (fs.existsSync(entry)) {
    const built = fs.statSync(entry).mtimeMs;
    const stale = ["app", "db", "runbook", "sop-schema", "flows"].some(
      (d) => fs.existsSync(path.join(ROOT, d)) && newestSource(path.join(ROOT, d)) > built,
    );
    if (!stale || warned) return;
    warned = true;
    console.error(`bench: the build in ${buildDir()} is older than the sources, rebuilding it (react-router build)…`);
  } else {
    warned = true;
    console.error(`bench: no production build in ${buildDir()}, building it (react-router build)…`);
  }
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "@react-router", "dev", "bin.js"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export type BenchServer = { url: string; child: ChildProcess; stop(): Promise<void> };

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The production server (server.js) on `dbFile`. */
export async function startProductionServer(dbFile: string): Promise<BenchServer> {
  ensureBuild();
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under the benchmark's load
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, "tests", "e2e", "start-server.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      TRUST_PROXY: "1",
      STEPWISE_E2E_DB: dbFile,
      STEPWISE_BUILD_DIR: buildDir(),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`, child, () => out);
  return { url, child, stop: () => stopChild(child) };
}

/** A bare Node `http` server in its own process: reads the body, answers a small JSON (the ceiling to compare with). */
export async function startBareNodeServer(): Promise<BenchServer> {
  const port = await freePort();
  const code =
    `require("node:http").createServer((req, res) => { const chunks = []; req.on("data", ` +
    `(c) => chunks.push(c)); req.on("end", () => { const body = Buffer.concat(chunks); ` +
    `res.writeHead(200, { "Content-Type": "application/json" }); res.end(JSON.stringify({ ` +
    `accepted: 1, bytes: body.length })); }); }).listen(${port}, "127.0.0.1");`;
  const child = spawn(process.execPath, ["-e", code], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url, child, () => "");
  return { url, child, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

/** Signs a demo account in through the login form; returns the Cookie header to send. */
export async function signInCookie(
  url: string,
  email = "agent@stepwise.example",
  password = "stepwise-demo",
): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.9" },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
    redirect: "manual",
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (!cookies.length) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return cookies.join("; ");
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;
}

/** Headless Chromium with a page signed in as `email` on the bench server (close the browser at the end). */
export async function signedInPage(
  server: BenchServer,
  email?: string,
): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  const cookie = await signInCookie(server.url, email);
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.addCookies(
    cookie
      .split("; ")
      .map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: server.url })),
  );
  return { browser, context, page: await context.newPage() };
}
