import "react-router";
import { createRequestHandler } from "@react-router/express";
import express from "express";
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
