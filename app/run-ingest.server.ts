// POST /api/runs/:runId/events without the router: every agent action lands here, so the hot write skips React
// Router's per-request matching and Fetch Request building (docs/decisions/010-run-event-ingest.md). The route
// module app/routes/api.run-events.ts stays the documented route (and its fallback); both call the same
// `appendEvents`, so authorisation, validation, idempotence and the answer-after-commit rule are shared.
import type { NextFunction, Request, Response } from "express";
import { getDb } from "../db/client.server";
import { getOptionalUser } from "./auth/session.server";
import { appendEvents, RunApiError } from "./runs.server";

const MAX_BODY_BYTES = 5 * 1024 * 1024; // 200 events of the largest kind fit

/** The session user from the express request (the auth helpers read a Fetch-style `headers.get`). */
function userOf(req: Request) {
  return getOptionalUser({ headers: { get: (name: string) => req.get(name) ?? null } } as unknown as globalThis.Request);
}

function readBody(req: Request): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RunApiError(400, "The request body is too large: send at most 200 events at a time."));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function ingestRunEvents(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const user = userOf(req);
    if (!user) {
      res.status(401).json({ error: "Sign in first: this endpoint needs a session." });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (e) {
      if (e instanceof RunApiError) throw e;
      throw new RunApiError(400, "The request body is not valid JSON.");
    }
    const { accepted, duplicates, state, stateJson } = await appendEvents(getDb(), user, String(req.params.runId), body);
    // The same JSON as the route module answers, built around the state string the commit already wrote.
    // no-store: an acknowledgement is never cached; no-transform: a few KB answered on every agent action are
    // cheaper to send as they are than to gzip (compression() honours it); no ETag to hash either.
    const json = `{"accepted":${accepted},"duplicates":${duplicates},"state":${stateJson ?? JSON.stringify(state)}}`;
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(json), "Cache-Control": "no-store, no-transform" });
    res.end(json);
  } catch (e) {
    if (e instanceof RunApiError) {
      res.status(e.status).json({ error: e.message, ...e.details });
      return;
    }
    next(e);
  }
}
