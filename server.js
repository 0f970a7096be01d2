// The HTTP server: security headers, static assets, then the React Router app (app/express.server.ts).
// Plain JavaScript so `node server.js` needs no build step of its own.
import compression from "compression";
import express from "express";
import helmet from "helmet";
import crypto from "node:crypto";
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
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.get("origin");
  const site = req.get("sec-fetch-site");
  let allowed = true;
  if (origin && origin !== "null") {
    try {
      allowed = new URL(origin).host === req.get("host");
    } catch {
      allowed = false;
    }
  } else if (origin === "null" || site === "cross-site") {
    allowed = false;
  }
  if (!allowed) {
    res
      .status(403)
      .type("text/plain")
      .send("Cross-origin request refused: this action can only be submitted from Stepwise itself.");
    return;
  }
  next();
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

const server = app.listen(PORT, HOST, () => {
  console.log(`Stepwise is ready at http://localhost:${PORT}`);
});

function shutdown(signal) {
  console.log(`${signal}: closing Stepwise`);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
