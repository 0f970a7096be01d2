// The HTTP server: security headers, static assets, then the React Router app (app/express.server.ts).
// Plain JavaScript so `node server.js` needs no build step of its own.
import compression from "compression";
import express from "express";
import helmet from "helmet";
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { trustProxySetting } from "./app/auth/trust-proxy.mjs";

const PORT = Number.parseInt(process.env.PORT || "3000", 10);
const HOST = process.env.HOST || "0.0.0.0";
const PRODUCTION = process.env.NODE_ENV === "production";

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy, TRUST_PROXY (the proxy's addresses: `loopback`, `10.0.0.0/8`, …; `1` = loopback) makes
// req.ip / https detection use X-Forwarded-* from those hops only. See app/auth/trust-proxy.mjs.
app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a request comes from our own pages: its Origin names our host; without one, it is not cross-site. */
function sameOrigin(req) {
  const { origin, host } = req.headers;
  if (origin && origin !== "null") {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return !(origin === "null" || req.headers["sec-fetch-site"] === "cross-site");
}

const CROSS_ORIGIN_REFUSED = "Cross-origin request refused: this action can only be submitted from Stepwise itself.";
function refuseCrossOrigin(res) {
  res.writeHead(403, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(CROSS_ORIGIN_REFUSED),
  });
  res.end(CROSS_ORIGIN_REFUSED);
}

/**
 * The hot write: every agent action is one POST of run events (and an integration's, under /api/v1). Its answer is a
 * few dozen bytes of JSON that no browser renders, so the per-page work — a CSP nonce, helmet's policy built per
 * response, compression — is skipped for it: it gets a fixed set of headers that says the same for a JSON answer (no
 * scripts, no framing, no sniffing), and the same origin check as every other write. Everything after (body limits,
 * authentication, validation, the commit before the answer) is the app's, unchanged.
 */
const INGEST_PATH = /^\/api\/(?:v1\/)?runs\/[^/]+\/events$/;
const INGEST_HEADERS = Object.entries({
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  ...(process.env.STEPWISE_HTTPS ? { "Strict-Transport-Security": "max-age=15552000; includeSubDomains" } : {}),
});
app.use((req, res, next) => {
  if (req.method !== "POST" || !INGEST_PATH.test(req.path)) return next();
  for (const [name, value] of INGEST_HEADERS) res.setHeader(name, value);
  if (!sameOrigin(req)) return refuseCrossOrigin(res);
  // the app's handler, assigned below once the build is loaded (requests only arrive after `listen`)
  appHandler(req, res, next);
});

/**
 * In production the agents' own event POSTs do not even enter express: Node's request goes straight to the app's
 * `fastIngest` (app/express.server.ts), which applies the same body limit, session, validation and commit-before-
 * answer as the express route (the rest of this file's middleware is per-page work such a POST does not need).
 */
let fastIngest = null;
let fastIngestPath = /$^/;
function handle(req, res) {
  if (fastIngest !== null && req.method === "POST" && fastIngestPath.test(req.url)) {
    for (const [name, value] of INGEST_HEADERS) res.setHeader(name, value);
    if (!sameOrigin(req)) return refuseCrossOrigin(res);
    return fastIngest(req, res);
  }
  app(req, res);
}

// A fresh nonce per response: the only inline scripts that run are the ones React Router renders with it.
app.use((_req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  next();
});

/**
 * The security headers. The embedded runbook (`/embed…`, issue 12) is the one part that may be framed: its pages
 * leave frame-ancestors and X-Frame-Options out of this policy and send their own `frame-ancestors` policy, built
 * from the integration's allowed origins (browsers enforce every CSP header they get, so both hold).
 */
function securityHeaders({ framable }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      reportOnly: false,
      directives: {
        "default-src": ["'self'"],
        "base-uri": ["'self'"],
        "connect-src": PRODUCTION ? ["'self'"] : ["'self'", "ws:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": framable ? null : ["'none'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "script-src": ["'strict-dynamic'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        "script-src-attr": ["'none'"],
        // React and React Flow set style attributes; scripts stay strict.
        "style-src": ["'self'", "'unsafe-inline'"],
        "upgrade-insecure-requests": PRODUCTION && process.env.STEPWISE_HTTPS ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    // HSTS only makes sense when served over https.
    strictTransportSecurity: process.env.STEPWISE_HTTPS ? { maxAge: 15552000 } : false,
    xFrameOptions: framable ? false : { action: "deny" },
  });
}
const pageHeaders = securityHeaders({ framable: false });
const embedHeaders = securityHeaders({ framable: true });
/** `/embed` and `/embed/…`, not `/embedded-anything`. */
const EMBED_PATH = /^\/embed(?:\/|$)/;
app.use((req, res, next) => (EMBED_PATH.test(req.path) ? embedHeaders : pageHeaders)(req, res, next));
app.use((_req, res, next) => {
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  next();
});

// State-changing requests must come from our own origin (defence in depth beside SameSite=Lax cookies).
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method) || sameOrigin(req)) return next();
  refuseCrossOrigin(res);
});

app.use(compression());

let appHandler;
if (PRODUCTION) {
  const buildDir = path.resolve(process.env.STEPWISE_BUILD_DIR || "build");
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h", index: false }));
  const mod = await import(pathToFileURL(path.join(buildDir, "server/index.js")).href);
  await mod.startup();
  appHandler = mod.app;
  fastIngest = mod.fastIngest;
  fastIngestPath = mod.FAST_INGEST_PATH;
} else {
  const vite = await import("vite");
  const viteDevServer = await vite.createServer({ server: { middlewareMode: true } });
  app.use(viteDevServer.middlewares);
  const first = await viteDevServer.ssrLoadModule("./app/express.server.ts");
  await first.startup();
  appHandler = async (req, res, next) => {
    try {
      const mod = await viteDevServer.ssrLoadModule("./app/express.server.ts");
      return await mod.app(req, res, next);
    } catch (error) {
      if (error instanceof Error) viteDevServer.ssrFixStacktrace(error);
      next(error);
    }
  };
}
app.use(appHandler);

const server = http.createServer(handle);
// Node closes an idle kept-alive connection after 5 s. A client that sends its next request on that socket in the
// same instant gets ECONNRESET (it happened to an e2e test's GET in CI). Behind a load balancer, whose idle timeout
// is typically 60 s, the rule is that the server keeps idle connections longer than the proxy does; the headers
// timeout must exceed the keep-alive one.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(PORT, HOST, () => {
  console.log(`Stepwise is ready at http://localhost:${PORT}`);
});

function shutdown(signal) {
  console.log(`${signal}: closing Stepwise`);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
