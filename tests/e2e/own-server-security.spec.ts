// Settings the shared e2e server doesn't use (STEPWISE_HTTPS, TRUST_PROXY=1 reached from outside): each test
// starts a production server of its own on a throwaway database (tests/e2e/start-server.mjs) and talks HTTP to it.
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";

const START_SERVER = fileURLToPath(new URL("./start-server.mjs", import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "0.0.0.0", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

type Server = { port: number; output: () => string; stop(): Promise<void> };

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [START_SERVER], {
    env: { ...process.env, PORT: String(port), HOST: "0.0.0.0", NODE_ENV: "production", STEPWISE_E2E_DB: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start in 30 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** A non-loopback address of this machine: connecting to it is a client that did not come through a local proxy. */
const external = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

test.describe("STEPWISE_HTTPS=1", () => {
  let server: Server;
  let api: APIRequestContext;
  test.beforeAll(async () => {
    server = await startServer({ STEPWISE_HTTPS: "1", TRUST_PROXY: "loopback" });
    api = await playwrightRequest.newContext({ baseURL: `http://127.0.0.1:${server.port}` });
  });
  test.afterAll(async () => {
    await api?.dispose();
    await server?.stop();
  });

  test("the session cookie is Secure and __Host- prefixed, and only that name signs in", async () => {
    const res = await api.post("/login", {
      form: { email: DEMO.agent, password: DEMO_PASSWORD, redirectTo: "/" },
      headers: { "X-Forwarded-For": "198.51.100.10" },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(302);
    expect(res.headers()["strict-transport-security"]).toBeTruthy();
    const cookie = res.headers()["set-cookie"] ?? "";
    expect(cookie).toMatch(/^__Host-stepwise_session=[^;]+; /);
    const attrs = cookie.split("; ").slice(1);
    expect(attrs).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax", "Secure"]));
    expect(cookie).not.toMatch(/Domain=/i);
    const token = /^__Host-stepwise_session=([^;]+)/.exec(cookie)![1]!;

    const fresh = await playwrightRequest.newContext({ baseURL: `http://127.0.0.1:${server.port}` });
    try {
      const signedIn = await fresh.get("/library", {
        headers: { Cookie: `__Host-stepwise_session=${token}` },
        maxRedirects: 0,
      });
      expect(signedIn.status()).toBe(200);
      expect(signedIn.headers()["cache-control"]).toBe("no-store");
      // the plain name is not read in https mode
      const plain = await fresh.get("/library", { headers: { Cookie: `stepwise_session=${token}` }, maxRedirects: 0 });
      expect(plain.status()).toBe(302);
      expect(plain.headers()["location"]).toMatch(/^\/login/);
      // signing out clears the prefixed cookie
      const out = await fresh.post("/logout", {
        headers: { Cookie: `__Host-stepwise_session=${token}` },
        maxRedirects: 0,
      });
      expect(out.headers()["set-cookie"]).toMatch(/^__Host-stepwise_session=; Path=\/; .*Max-Age=0.*; Secure$/);
    } finally {
      await fresh.dispose();
    }
  });
});

test.describe("TRUST_PROXY=1", () => {
  let server: Server;
  test.beforeAll(async () => {
    server = await startServer({ TRUST_PROXY: "1" });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  const attempts = async (host: string) => {
    const api = await playwrightRequest.newContext({ baseURL: `http://${host}:${server.port}` });
    try {
      const statuses: number[] = [];
      for (let i = 1; i <= 11; i++) {
        // a rotating X-Forwarded-For, as an attacker reaching the app port directly would send
        const r = await api.post("/login", {
          form: { email: `nobody${i}@stepwise.example`, password: "wrong-password" },
          headers: { "X-Forwarded-For": `203.0.113.${i}` },
          maxRedirects: 0,
        });
        statuses.push(r.status());
      }
      return statuses;
    } finally {
      await api.dispose();
    }
  };

  test("a proxy on this machine (loopback) still passes each client's address", async () => {
    expect(await attempts("127.0.0.1")).toEqual(Array(11).fill(401));
  });

  test("a client reaching the port directly cannot dodge the per-IP limit with X-Forwarded-For", async () => {
    test.skip(!external, "this machine has no non-loopback address to connect from");
    const statuses = await attempts(external!);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });
});
