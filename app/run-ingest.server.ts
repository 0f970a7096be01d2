// POST /api/runs/:runId/events without the router: every agent action lands here, so the hot write skips React
// Router's per-request matching and Fetch Request building (docs/decisions/010-run-event-ingest.md). The route
// module app/routes/api.run.events.ts stays the documented route (and its fallback); both call the same
// `appendEvents`, so authorisation, validation, idempotence and the answer-after-commit rule are shared.
import type { IncomingMessage, ServerResponse } from "node:http";
import { getDb } from "../db/client.server";
import { getRunApiUser } from "./auth/embed-session.server";
import { isBodyTooLarge } from "./body-limit.server";
import { refusalOf } from "./http-errors.server";
import { appendEvents, RunApiError } from "./runs.server";

/** The session user (or the embed's, ADR 022) from the express request (the auth helpers read `headers.get`). */
async function userOf(req: IncomingMessage) {
  return await getRunApiUser({ headers: { get: (name: string) => header(req, name) } });
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/**
 * The body as text. Its size is capped by app/body-limit.server.ts, mounted before this route (5 MB in its
 * table), which answers 413 and errors this read the moment a body passes it.
 */
function readBody(req: IncomingMessage): Promise<string> {
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

/** `/api/runs/<id>/events` → the run id (percent-decoded), and whether `?state=1` asks for the state. */
export function ingestTarget(url: string): { runId: string; withState: boolean } | null {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const match = /^\/api\/runs\/([^/]+)\/events$/.exec(path);
  if (!match) return null;
  let runId: string;
  try {
    runId = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  return { runId, withState: q !== -1 && new URLSearchParams(url.slice(q + 1)).get("state") === "1" };
}

function sendJson(res: ServerResponse, status: number, json: string, cache = "no-store, no-transform"): void {
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(json),
    "Cache-Control": cache,
  });
  res.end(json);
}

/**
 * The handler, on Node's own request and response: the production server calls it straight from its `http` server
 * for the hot path (server.js), before express; express mounts it too (the dev server and the route's fallback).
 * The body limit (app/body-limit.server.ts) must already guard `req`.
 */
export async function ingestRunEvents(
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void = () => {},
): Promise<void> {
  try {
    const target = ingestTarget((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "");
    if (!target) throw new RunApiError(404, "There is no run with this id.");
    const user = await userOf(req);
    if (!user) return sendJson(res, 401, JSON.stringify({ error: "Sign in first: this endpoint needs a session." }));
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (e) {
      if (isBodyTooLarge(e)) throw e;
      throw new RunApiError(400, "The request body is not valid JSON.");
    }
    const result = await appendEvents(getDb(), user, target.runId, body);
    // The same JSON as the route module answers (with `?state=1`, built around the state string the commit
    // already wrote). no-store: an acknowledgement is never cached; no-transform: a few dozen bytes answered on
    // every agent action are cheaper to send as they are than to gzip (compression() honours it); no ETag either.
    sendJson(res, 200, ackJson(result, target.withState));
  } catch (e) {
    // Over the body limit: the limiter has answered 413 already and is closing the connection.
    if (isBodyTooLarge(e) || res.headersSent) return;
    // The same refusals, statuses and shapes as the route module (app/http-errors.server.ts).
    const refusal = refusalOf(e);
    if (refusal) return sendJson(res, refusal.status, JSON.stringify({ error: refusal.message, ...refusal.details }));
    next(e);
  }
}
