import express from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trustProxySetting } from "./trust-proxy.mjs";

describe("trustProxySetting", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["0", false],
    ["false", false],
    ["1", ["loopback"]],
    [" 1 ", ["loopback"]],
    ["loopback", ["loopback"]],
    ["10.0.0.0/8", ["10.0.0.0/8"]],
    ["loopback, 10.0.0.0/8 ,fd00::/8", ["loopback", "10.0.0.0/8", "fd00::/8"]],
    ["192.0.2.10", ["192.0.2.10"]],
  ])("reads %j as %j without a warning", (value, expected) => {
    const warnings: string[] = [];
    expect(trustProxySetting(value, (m) => warnings.push(m))).toEqual(expected);
    expect(warnings).toEqual([]);
  });

  it("keeps a hop count (other than 1) and `true` working, with a warning", () => {
    const warnings: string[] = [];
    expect(trustProxySetting("2", (m) => warnings.push(m))).toBe(2);
    expect(trustProxySetting("true", (m) => warnings.push(m))).toBe(true);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/TRUST_PROXY=2 trusts the 2 nearest hops whoever they are/);
  });

  it("lets Express refuse a malformed address at start-up", () => {
    const app = express();
    expect(() => app.set("trust proxy", trustProxySetting("10.0.0.0/99"))).toThrow();
    expect(() => app.set("trust proxy", trustProxySetting("not-an-address"))).toThrow();
  });
});

/** A server answering with req.ip, on 0.0.0.0 so it can be reached from several local addresses. */
async function ipServer(setting: ReturnType<typeof trustProxySetting>) {
  const app = express();
  app.set("trust proxy", setting);
  app.get("/", (req, res) => {
    res.type("text/plain").send(req.ip);
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
  const port = (server.address() as AddressInfo).port;
  const ipFrom = (from: string, forwardedFor?: string) =>
    new Promise<string>((resolve, reject) => {
      const req = http.get(
        {
          host: from,
          port,
          path: "/",
          localAddress: from,
          headers: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {},
        },
        (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve(body.replace(/^::ffff:/, "")));
        },
      );
      req.on("error", reject);
    });
  return { ipFrom, close: () => new Promise((r) => server.close(r)) };
}

/** A non-loopback address of this machine, if it has one (a direct client that is not the proxy). */
const external = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

describe("TRUST_PROXY with a real Express server", () => {
  let one: Awaited<ReturnType<typeof ipServer>>;
  let listed: Awaited<ReturnType<typeof ipServer>>;
  beforeAll(async () => {
    one = await ipServer(trustProxySetting("1"));
    // only a proxy at 127.0.0.2 is trusted (all of 127.0.0.0/8 is this machine, so both ends are local)
    listed = await ipServer(trustProxySetting("127.0.0.2"));
  });
  afterAll(async () => {
    await one.close();
    await listed.close();
  });

  it("honours X-Forwarded-For from a listed proxy and ignores it from anyone else", async () => {
    expect(await listed.ipFrom("127.0.0.2", "203.0.113.9")).toBe("203.0.113.9");
    expect(await listed.ipFrom("127.0.0.3", "203.0.113.9")).toBe("127.0.0.3");
    // a rotating header from a direct client never becomes its address
    for (const spoof of ["198.51.100.1", "198.51.100.2", "10.0.0.1, 198.51.100.3"])
      expect(await listed.ipFrom("127.0.0.3", spoof)).toBe("127.0.0.3");
    // through the proxy, only the hop the proxy appended counts, not what the client put before it
    expect(await listed.ipFrom("127.0.0.2", "198.51.100.77, 203.0.113.9")).toBe("203.0.113.9");
  });

  it("TRUST_PROXY=1 trusts a proxy on this machine", async () => {
    expect(await one.ipFrom("127.0.0.1", "203.0.113.9")).toBe("203.0.113.9");
  });

  it.skipIf(!external)(
    "TRUST_PROXY=1 ignores X-Forwarded-For from a client connecting directly (not over loopback)",
    async () => {
      expect(await one.ipFrom(external!, "203.0.113.9")).toBe(external);
      expect(await one.ipFrom(external!, "198.51.100.1")).toBe(external);
    },
  );
});
