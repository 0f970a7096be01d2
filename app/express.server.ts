import "react-router";
import { createRequestHandler } from "@react-router/express";
import express from "express";
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

// The hot write (every agent action) skips the router: see app/run-ingest.server.ts.
app.post("/api/runs/:runId/events", ingestRunEvents);

app.use(
  createRequestHandler({
    build: () => import("virtual:react-router/server-build"),
    getLoadContext(req, res) {
      return { cspNonce: String(res.locals.cspNonce ?? ""), clientIp: req.ip ?? "" };
    },
  }),
);
