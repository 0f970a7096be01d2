// The body limiter on real sockets: an express app on 127.0.0.1 (ephemeral port) with the limiter in front of
// readers built the way the production ones are (React Router's adapter body stream, the run-event route's
// `req.on("data")`), and node:http clients that send chunked or declared bodies and stop by themselves.
import express from "express";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { createReadableStreamFromReadable } from "@react-router/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BODY_LIMITS,
  bodyLimitFor,
  BodyTooLarge,
  DEFAULT_BODY_LIMIT,
  limitedPath,
  limitRequestBodies,
} from "./body-limit.server";
import { MAX_SOURCE_BYTES } from "./authoring.server";
import { MAX_IMPORT_REQUEST_BYTES } from "./import-request.server";

const KB = 1024;
const MB = 1024 * KB;

describe("the limits table", () => {
  it("normalises the path the way routes are matched (.data, _root, case, trailing slash, escapes)", () => {
    expect(limitedPath("/login")).toEqual({ path: "/login", data: false });
    expect(limitedPath("/login.data?redirectTo=%2F")).toEqual({ path: "/login", data: true });
    expect(limitedPath("/_root.data?index")).toEqual({ path: "/", data: true });
    expect(limitedPath("/sops/refund/edit/")).toEqual({ path: "/sops/refund/edit", data: false });
    expect(limitedPath("/logi%6E")).toEqual({ path: "/login", data: false });
    expect(limitedPath("/sops/a%2Fb/edit.data")).toEqual({ path: "/sops/a%2Fb/edit", data: true });
    expect(limitedPath("/bad%E0%A4%A")).toEqual({ path: "/bad%E0%A4%A", data: false });
  });

  it("gives each route its limit and everything else the default", () => {
    const bytes = (url: string) => bodyLimitFor(limitedPath(url).path).bytes;
    expect(bytes("/login")).toBe(8 * KB);
    expect(bytes("/LOGIN.data")).toBe(8 * KB);
    expect(bytes("/api/runs/6f1c/events")).toBe(5 * MB);
    expect(bytes("/sops/refund-a-card/edit.data")).toBe(4 * MB);
    expect(bytes("/flows/scratch.data")).toBe(4 * MB);
    expect(bytes("/api/import")).toBe(50 * MB);
    expect(bytes("/editor/import.data")).toBe(50 * MB);
    for (const other of [
      "/",
      "/logout",
      "/api/runs",
      "/sops/new",
      "/sops/x/lifecycle",
      "/admin/users/new",
      "/sops/x/edit/more",
    ])
      expect(bytes(other)).toBe(DEFAULT_BODY_LIMIT.bytes);
    expect(DEFAULT_BODY_LIMIT.bytes).toBe(64 * KB);
  });

  it("keeps the figures the rest of the app documents", () => {
    expect(bodyLimitFor("/api/import").bytes).toBe(MAX_IMPORT_REQUEST_BYTES);
    // any SOP the save accepts fits even if every byte is JSON-escaped as six (\u001f), with room for the rest
    expect(bodyLimitFor("/sops/x/edit").bytes).toBeGreaterThan(6 * MAX_SOURCE_BYTES + 64 * KB);
    expect(new Set(BODY_LIMITS.map((l) => l.route)).size).toBe(BODY_LIMITS.length);
  });
});

type Seen = { path: string; bytes?: number; error?: unknown };

describe("on the wire", () => {
  let server: http.Server;
  let port: number;
  const seen: Seen[] = [];
  const small = [
    { route: "/small", pattern: /^\/small$/i, bytes: 8 * KB, what: "A sign-in" },
    { route: "/api/small", pattern: /^\/api\/small$/i, bytes: 8 * KB, what: "A batch", hint: "send fewer" },
  ];

  beforeAll(async () => {
    const app = express();
    app.use(limitRequestBodies({ limits: small, fallback: { ...DEFAULT_BODY_LIMIT, bytes: 64 * KB } }));
    // a reader like React Router's: the Fetch body @react-router/express builds from `req`
    const fetchReader: express.RequestHandler = async (req, res) => {
      const entry: Seen = { path: req.path };
      seen.push(entry);
      try {
        const request = new Request(`http://127.0.0.1${req.originalUrl}`, {
          method: req.method,
          body: createReadableStreamFromReadable(req),
          duplex: "half",
          headers: { "content-type": String(req.headers["content-type"] ?? "text/plain") },
        } as RequestInit);
        const text = await request.text();
        entry.bytes = Buffer.byteLength(text);
        if (!res.headersSent) res.json({ bytes: entry.bytes });
      } catch (e) {
        entry.error = e;
        if (!res.headersSent) res.status(500).end();
      }
    };
    app.post(["/small", "/api/small", "/other"], fetchReader);
    app.post("/small.data", fetchReader);
    // a reader like the run-event route's
    app.post("/raw", (req, res) => {
      const entry: Seen = { path: req.path };
      seen.push(entry);
      let bytes = 0;
      req.on("data", (c: Buffer) => (bytes += c.length));
      req.on("end", () => {
        entry.bytes = bytes;
        res.json({ bytes });
      });
      req.on("error", (e) => (entry.error = e));
    });
    // a route that answers without reading the body
    app.post("/ignores-body", (_req, res) => void res.json({ ok: true }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  type Answer = { status: number; body: string; headers: http.IncomingHttpHeaders; ms: number; sent: number };

  /**
   * POSTs `total` bytes in `chunk`-sized pieces, chunked unless `headers` declare a length; stops writing as
   * soon as an answer arrives (or the connection goes), so it always ends.
   */
  function send(
    path: string,
    total: number,
    { chunk = 64 * KB, headers = {} as Record<string, string | number>, agent = false as http.Agent | false } = {},
  ): Promise<Answer> {
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = http.request(
        { host: "127.0.0.1", port, path, method: "POST", agent, headers: { "Content-Type": "text/plain", ...headers } },
        (res) => {
          answered = true;
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (body += c));
          res.on("end", () => {
            resolve({ status: res.statusCode ?? 0, body, headers: res.headers, ms: performance.now() - t0, sent });
            if (!agent) req.destroy();
          });
        },
      );
      req.on("error", (e) => {
        if (!answered) reject(e);
      });
      const piece = Buffer.alloc(chunk, 0x61);
      const pump = () => {
        while (!answered && !req.destroyed && sent < total) {
          const n = Math.min(chunk, total - sent);
          sent += n;
          if (!req.write(n === chunk ? piece : piece.subarray(0, n))) return void req.once("drain", pump);
        }
        if (!answered && !req.destroyed) req.end();
      };
      if (total === 0 && headers["Content-Length"] !== undefined) req.flushHeaders();
      else pump();
    });
  }

  it(
    "answers a chunked body past the limit with 413 at once, " + "and the reader gets an error, never a shortened body",
    async () => {
      seen.length = 0;
      const a = await send("/small", 20 * MB);
      expect(a.status).toBe(413);
      expect(a.headers.connection).toBe("close");
      expect(a.headers["content-type"]).toMatch(/^text\/plain/);
      expect(a.body).toMatch(/A sign-in may be at most 8 KB/);
      expect(a.sent).toBeLessThan(20 * MB); // it did not have to send it all
      await expect.poll(() => seen[0]?.error).toBeInstanceOf(BodyTooLarge);
      expect(seen[0]!.bytes).toBeUndefined();
    },
  );

  it("refuses a declared Content-Length over the limit before the body is sent", async () => {
    seen.length = 0;
    const a = await send("/small", 0, { headers: { "Content-Length": 300 * MB } });
    expect(a.status).toBe(413);
    expect(a.sent).toBe(0);
    expect(seen).toEqual([]); // the app never saw it
  });

  it(
    "answers JSON for /api/*, plain text otherwise (React " + "Router shows a .data error's text on the error page)",
    async () => {
      const api = await send("/api/small", 100 * KB);
      expect(api.status).toBe(413);
      expect(api.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(api.body)).toEqual({
        error: expect.stringMatching(/^A batch may be at most 8 KB \(send fewer\)/),
        limit: 8 * KB,
      });
      const data = await send("/small.data", 100 * KB);
      expect(data.status).toBe(413);
      expect(data.headers["content-type"]).toMatch(/^text\/plain/);
      expect(data.body).toMatch(/^A sign-in may be at most 8 KB/);
      const other = await send("/other", 100 * KB);
      expect(other.status).toBe(413);
      expect(other.body).toMatch(/A request body may be at most 64 KB/);
    },
  );

  it("caps a reader that consumes the raw request stream too", async () => {
    seen.length = 0;
    const a = await send("/raw", 200 * KB, { chunk: 16 * KB });
    expect(a.status).toBe(413);
    await expect.poll(() => seen[0]?.error).toBeInstanceOf(BodyTooLarge);
    expect(seen[0]!.bytes).toBeUndefined(); // 'end' never came
  });

  it("lets bodies within the limit through whole, chunked or declared, on a kept-alive connection", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const exact = await send("/small", 8 * KB, { chunk: 1000, agent });
      expect([exact.status, JSON.parse(exact.body)]).toEqual([200, { bytes: 8 * KB }]);
      const declared = await send("/small", 5000, { headers: { "Content-Length": 5000 }, agent });
      expect([declared.status, JSON.parse(declared.body)]).toEqual([200, { bytes: 5000 }]);
      const raw = await send("/raw", 60 * KB, { agent });
      expect([raw.status, JSON.parse(raw.body)]).toEqual([200, { bytes: 60 * KB }]);
      expect(exact.headers.connection).not.toBe("close");
    } finally {
      agent.destroy();
    }
  });

  it("never lets more than the declared length through when Content-Length lies", async () => {
    seen.length = 0;
    // declares 100 bytes, sends 20,000: the app gets the 100; the rest is no request at all (Node refuses it)
    const a = await new Promise<{ tail: string }>((resolve) => {
      const raw = new net.Socket();
      let answer = "";
      raw.connect(port, "127.0.0.1", () => {
        raw.write(`POST /raw HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n`);
        raw.write(Buffer.alloc(20_000, 0x62));
      });
      raw.setEncoding("utf8");
      raw.on("data", (d: string) => (answer += d));
      raw.on("close", () => resolve({ tail: answer }));
      raw.on("error", () => undefined); // a reset after the answer: "close" follows
      setTimeout(() => raw.destroy(), 2000).unref();
    });
    await expect.poll(() => seen[0]?.bytes).toBe(100); // the reader got exactly the declared bytes…
    expect(a.tail).toMatch(/HTTP\/1\.1 400 Bad Request/); // …and the rest, parsed as a next request, was refused
    expect(seen).toHaveLength(1);
  });

  it("refuses Content-Length together with chunked encoding (Node's parser, before the app)", async () => {
    seen.length = 0;
    const a = await send("/raw", 100 * KB, { headers: { "Content-Length": 10, "Transfer-Encoding": "chunked" } }).catch(
      (e: Error) => ({ status: 0, error: e }),
    );
    expect(a.status === 400 || a.status === 0).toBe(true);
    expect(seen).toEqual([]);
  });

  it("does not trip over a body nobody reads", async () => {
    const a = await send("/ignores-body", 2 * MB);
    expect(a.status).toBe(200);
    // the server is fine afterwards
    const b = await send("/small", 10);
    expect(b.status).toBe(200);
  });
});
