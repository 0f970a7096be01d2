import "react-router";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import type { IncomingMessage, ServerResponse } from "node:http";
import { limitRequestBodies } from "./body-limit.server";
import { ingestRunEvents } from "./run-ingest.server";
import { startup as runStartup } from "./startup.server";

declare module "react-router" {
  interface AppLoadContext {
    /** the per-response CSP nonce set by server.js */
    cspNonce: string;
    /** the client's address (X-Forwarded-For is honoured only with TRUST_PROXY) */
    clientIp: string;
  }
}

/** Migrates and seeds before the server listens. */
export const startup = runStartup;

export const app = express();
app.disable("x-powered-by");

// Every request body is capped per route while it streams, before anything reads it (app/body-limit.server.ts:
// one table; 413 before the body is buffered). First, so it covers the events route and React Router alike.
app.use(limitRequestBodies());

// The hot write (every agent action) skips the router: see app/run-ingest.server.ts. The production server calls
// `fastIngest` before express even runs (server.js); this mount serves the dev server and anything that reaches here.
app.post("/api/runs/:runId/events", (req, res, next) => void ingestRunEvents(req, res, next));

const guardIngestBody = limitRequestBodies();

/**
 * POST /api/runs/:runId/events on Node's own request and response, for server.js to call before express: the same
 * body limit and handler as the mount above, without two express routers, their request and response decoration
 * and React Router's matching in the way of every agent action (ADR 010). server.js checks the origin first.
 */
export function fastIngest(req: IncomingMessage, res: ServerResponse): void {
  let proceed = false;
  guardIngestBody(req, res, () => (proceed = true));
  if (!proceed) return; // the limiter answered 413: the declared length is over the limit
  void ingestRunEvents(req, res, (error) => {
    console.error(error);
    if (!res.headersSent) {
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    }
  });
}

/** Whether server.js should hand a request to `fastIngest`. */
export const FAST_INGEST_PATH = /^\/api\/runs\/[^/?]+\/events(?:\?|$)/;

app.use(
  createRequestHandler({
    build: () => import("virtual:react-router/server-build"),
    getLoadContext(req, res) {
      return { cspNonce: String(res.locals.cspNonce ?? ""), clientIp: req.ip ?? "" };
    },
  }),
);
