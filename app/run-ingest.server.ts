// POST /api/runs/:runId/events without the router: every agent action lands here, so the hot write skips React
// Router's per-request matching and Fetch Request building (docs/decisions/010-run-event-ingest.md). The route
// module app/routes/api.run.events.ts stays the documented route (and its fallback); both call the same
// `appendEvents`, so authorisation, validation, idempotence and the answer-after-commit rule are shared.
import type { NextFunction, Request, Response } from "express";
import { getDb } from "../db/client.server";
import { getRunApiUser } from "./auth/embed-session.server";
import { isBodyTooLarge } from "./body-limit.server";
import { refusalOf } from "./http-errors.server";
import { appendEvents, RunApiError } from "./runs.server";

/** The session user (or the embed's, ADR 022) from the express request (the auth helpers read `headers.get`). */
function userOf(req: Request) {
  return getRunApiUser({ headers: { get: (name: string) => req.get(name) ?? null } });
}

/**
 * The body as text. Its size is capped by app/body-limit.server.ts, mounted before this route (5 MB in its
 * table), which answers 413 and errors this read the moment a body passes it.
 */
function readBody(req: Request): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** `{accepted, duplicates, eventCount}`, and the whole state only for `?state=1` (README "Running a call"). */
export function ackJson(
  result: { accepted: number; duplicates: number; eventCount: number; state: unknown; stateJson?: string },
  withState: boolean,
): string {
  const head = `{"accepted":${result.accepted},"duplicates":${result.duplicates},"eventCount":${result.eventCount}`;
  return withState ? `${head},"state":${result.stateJson ?? JSON.stringify(result.state)}}` : `${head}}`;
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
      if (isBodyTooLarge(e)) throw e;
      throw new RunApiError(400, "The request body is not valid JSON.");
    }
    const result = await appendEvents(getDb(), user, String(req.params.runId), body);
    // The same JSON as the route module answers (with `?state=1`, built around the state string the commit
    // already wrote). no-store: an acknowledgement is never cached; no-transform: a few dozen bytes answered on
    // every agent action are cheaper to send as they are than to gzip (compression() honours it); no ETag either.
    const json = ackJson(result, req.query.state === "1");
    res.writeHead(200, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(json),
      "Cache-Control": "no-store, no-transform",
    });
    res.end(json);
  } catch (e) {
    // Over the body limit: the limiter has answered 413 already and is closing the connection.
    if (isBodyTooLarge(e) || res.headersSent) return;
    // The same refusals, statuses and shapes as the route module (app/http-errors.server.ts).
    const refusal = refusalOf(e);
    if (refusal) {
      res.status(refusal.status).json({ error: refusal.message, ...refusal.details });
      return;
    }
    next(e);
  }
}
