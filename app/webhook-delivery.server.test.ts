// One delivery POST against real local receivers: it connects to the address that was vetted (never looking the name
// up again), follows no redirect, and gives up on a receiver that answers too slowly, even one dripping bytes.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post } from "./webhook-delivery.server";

let server: http.Server;
let port = 0;
const seen: { host: string | undefined; path: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += String(c)));
    req.on("end", () => {
      seen.push({ host: req.headers.host, path: req.url, body });
      if (req.url === "/redirect") return res.writeHead(307, { Location: "http://169.254.169.254/" }).end();
      if (req.url === "/silent") return; // never answers
      if (req.url === "/drip") {
        res.writeHead(200, { "Content-Type": "text/plain" });
        const timer = setInterval(() => res.write("."), 50);
        res.on("close", () => clearInterval(timer));
        return;
      }
      res.writeHead(202, { "Content-Type": "text/plain" }).end("x".repeat(2000));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

const pinned = { address: "127.0.0.1", family: 4 };

describe("a webhook POST", () => {
  it("goes to the vetted address under the endpoint's name, without a DNS lookup, and keeps an excerpt", async () => {
    // the name does not exist anywhere: only the pinned address can make this work
    const url = new URL(`http://hooks.never-resolves.invalid:${port}/ok`);
    const sent = await post(url, pinned, { "webhook-id": "msg_1" }, '{"a":1}');
    expect(sent).toMatchObject({ status: 202, error: null });
    expect(sent.excerpt).toHaveLength(500);
    expect(seen.at(-1)).toEqual({ host: `hooks.never-resolves.invalid:${port}`, path: "/ok", body: '{"a":1}' });
  });

  it("does not follow a redirect: the 3xx is the answer (and is retried)", async () => {
    const sent = await post(new URL(`http://127.0.0.1:${port}/redirect`), pinned, {}, "{}");
    expect(sent.status).toBe(307);
    expect(seen.filter((s) => s.path === "/").length).toBe(0);
  });

  it("gives up on a receiver that never answers, or drips its answer past the deadline", async () => {
    const silent = await post(new URL(`http://127.0.0.1:${port}/silent`), pinned, {}, "{}", 300);
    expect(silent).toMatchObject({ status: null, error: expect.stringMatching(/No (complete )?answer within 0.3 s/) });
    const started = performance.now();
    const drip = await post(new URL(`http://127.0.0.1:${port}/drip`), pinned, {}, "{}", 300);
    expect(drip).toMatchObject({ status: null, error: "No complete answer within 0.3 s." });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("records a refused connection as an error, never throws", async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const sent = await post(new URL(`http://127.0.0.1:${closed}/`), pinned, {}, "{}", 1000);
    expect(sent).toMatchObject({ status: null, error: expect.stringMatching(/ECONNREFUSED/) });
  });
});
