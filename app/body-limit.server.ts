// Request body limits, enforced while the body streams in (docs/decisions/014-request-body-limits.md).
//
// One table, one middleware, mounted first on the app (app/express.server.ts), so it covers React Router's
// actions, the run-event route that skips the router, dev and production alike:
//   - a declared Content-Length over the route's limit is refused at once, before a byte of the body is read;
//   - every body (chunked or not) is counted as the HTTP parser hands it over; the moment it passes the limit
//     the request is answered 413 with `Connection: close`, whoever is reading it gets an error (never a
//     shortened body), nothing more of it is kept, and Node closes the connection once the answer is out.
//
// How: Node's HTTP parser delivers each piece of a request body with `req.push(chunk)` (`null` at the end), the
// same for every consumer — React Router's adapter (@react-router/express turns `req` into the Fetch body with
// `createReadableStreamFromReadable(req)`), app/run-ingest.server.ts, or nobody. The guard wraps that one
// method on the request, so counting happens where bytes enter the process, before anything buffers them.
// tests: app/body-limit.server.test.ts (real sockets) and tests/e2e/body-limits.spec.ts (the production server).
import type { IncomingMessage, ServerResponse } from "node:http";

const KB = 1024;
const MB = 1024 * KB;

export type BodyLimit = {
  /** the route(s), as documented */
  route: string;
  /** matched against the normalised path (see `limitedPath`) */
  pattern: RegExp;
  bytes: number;
  /** what the request is, for the 413 message ("A sign-in may be at most 8 KB …") */
  what: string;
  /** a hint appended to the message */
  hint?: string;
};

/**
 * The limits, per route; anything else gets DEFAULT_BODY_LIMIT. The figures, and why:
 * - sign-in 8 KB: the longest password an account can have (256 characters, app/auth/password.server.ts), at
 *   4 bytes a character, percent-encoded (×3), is 3 KB; with the e-mail and the return path 8 KB is ample.
 * - run events 5 MB: 200 events (the most a batch may hold) of the largest kind fit.
 * - SOP draft save 4 MB: an SOP may be 512 KB (MAX_SOURCE_BYTES, app/authoring.server.ts). The editor saves
 *   JSON, which can write a byte of text as six (`\u001f`); a form post writes one as three (`%1F`): 6 × 512 KB
 *   is 3 MB, so any SOP the save accepts fits in any encoding, and nothing larger could be a valid save.
 * - flow scratch save 4 MB: it carries a <Flow> block of an SOP, so the same bound.
 * - import 50 MB: the documented import limit (MAX_IMPORT_REQUEST_BYTES, app/import-request.server.ts).
 * - everything else 64 KB: the largest other form (a 2,000-character comment of 3-byte characters,
 *   percent-encoded) is 18 KB.
 */
export const BODY_LIMITS: readonly BodyLimit[] = [
  { route: "/login", pattern: /^\/login$/i, bytes: 8 * KB, what: "A sign-in" },
  {
    route: "/api/runs/:runId/events",
    pattern: /^\/api\/(v1\/)?runs\/[^/]+\/events$/i,
    bytes: 5 * MB,
    what: "A batch of run events",
    hint: "send at most 200 events at a time",
  },
  {
    route: "/sops/:sopId/edit",
    pattern: /^\/sops\/[^/]+\/edit$/i,
    bytes: 4 * MB,
    what: "An SOP draft save",
    hint: "an SOP may be at most 512 KB",
  },
  { route: "/flows/scratch", pattern: /^\/flows\/scratch$/i, bytes: 4 * MB, what: "A flow save" },
  { route: "/api/import, /editor/import", pattern: /^\/(?:api|editor)\/import$/i, bytes: 50 * MB, what: "An import" },
];

export const DEFAULT_BODY_LIMIT: BodyLimit = {
  route: "(every other route)",
  pattern: /^/,
  bytes: 64 * KB,
  what: "A request body",
};

/**
 * The path a limit is looked up by: without query, percent-decoded, without trailing slashes, and without
 * React Router's `.data` suffix (`/sops/x/edit.data` is the same action as `/sops/x/edit`; `/_root.data` is `/`),
 * so every spelling that reaches a route gets that route's limit. Route matching ignores case: so do the patterns.
 */
export function limitedPath(url: string): { path: string; data: boolean } {
  // Decoded segment by segment, an encoded "/" staying inside its segment — as React Router matches routes.
  let path = (url.split(/[?#]/, 1)[0] || "/")
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment).replace(/\//g, "%2F");
      } catch {
        return segment; // a malformed escape: matched as sent
      }
    })
    .join("/");
  const data = /\.data$/i.test(path);
  if (data) path = path.slice(0, -".data".length);
  if (/^\/_root$/i.test(path)) path = "/";
  if (path.length > 1) path = path.replace(/\/+$/, "") || "/";
  return { path, data };
}

export function bodyLimitFor(
  path: string,
  limits: readonly BodyLimit[] = BODY_LIMITS,
  fallback: BodyLimit = DEFAULT_BODY_LIMIT,
): BodyLimit {
  return limits.find((l) => l.pattern.test(path)) ?? fallback;
}

export function formatBytes(bytes: number): string {
  return bytes >= MB && bytes % MB === 0
    ? `${bytes / MB} MB`
    : bytes >= KB && bytes % KB === 0
      ? `${bytes / KB} KB`
      : `${bytes} bytes`;
}

export function bodyLimitMessage(limit: BodyLimit): string {
  return (
    `${limit.what} may be at most ${formatBytes(limit.bytes)}${limit.hint ? ` (${limit.hint})` : ""}: ` +
    `this one is larger, so none of it was used.`
  );
}

/**
 * What a reader of an over-limit body fails with (the client already has its 413). It also has the shape of
 * react-router's `data(…, { status: 413 })`: an action that lets it propagate (`await request.formData()`) is
 * then handled by React Router as a thrown 413 answer — not logged as a server error — and that answer is
 * dropped, since the 413 already went out.
 */
export class BodyTooLarge extends Error {
  readonly status = 413;
  readonly type = "DataWithResponseInit";
  readonly data: { message: string };
  readonly init = { status: 413 };
  constructor(readonly limit: BodyLimit) {
    super(bodyLimitMessage(limit));
    this.name = "BodyTooLarge";
    this.data = { message: this.message };
  }
}

export function isBodyTooLarge(e: unknown): e is BodyTooLarge {
  return e instanceof BodyTooLarge;
}

type Next = (err?: unknown) => void;

export type BodyLimitOptions = { limits?: readonly BodyLimit[]; fallback?: BodyLimit };

/**
 * The middleware: looks up the request's limit, refuses a declared Content-Length over it, and guards the body
 * as it streams. Works on plain `node:http` requests too (express is not needed to test it).
 */
export function limitRequestBodies(options: BodyLimitOptions = {}) {
  return function bodyLimit(req: IncomingMessage, res: ServerResponse, next: Next): void {
    const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
    const { path } = limitedPath(url);
    const limit = bodyLimitFor(path, options.limits, options.fallback);
    // JSON `{ error, limit }` for the API; plain text for pages and React Router's `.data` requests, whose
    // client shows an error answer's text as the message of the route's error page ("Error 413 …").
    const json = /^\/api(?:\/|$)/i.test(path);
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit.bytes) {
      // Refused before reading: Node discards what the client still sends until the answer is out, then closes.
      refuse(res, limit, json);
      return;
    }
    guardBody(req, res, limit, json);
    next();
  };
}

/** Counts the body where the parser delivers it; past the limit: 413, the reader errored, the rest dropped. */
function guardBody(req: IncomingMessage, res: ServerResponse, limit: BodyLimit, json: boolean): void {
  const push = req.push;
  let received = 0;
  let over = false;
  req.push = function guardedPush(this: IncomingMessage, chunk: unknown, encoding?: BufferEncoding): boolean {
    // Past the limit nothing more reaches a reader — not even the end, so no reader can take a shortened body
    // for a whole one. `true` keeps the socket read (and the bytes dropped) until Node closes it.
    if (over) return true;
    if (chunk !== null && chunk !== undefined) {
      received += (chunk as { length: number }).length;
      if (received > limit.bytes) {
        over = true;
        const error = new BodyTooLarge(limit);
        if (!res.headersSent) refuse(res, limit, json);
        else res.destroy(error); // the app had already started answering: all we can do is close the connection
        // The reader (React Router's body stream, the run-event route) fails instead of waiting. Like Node, only
        // emit 'error' to someone listening: a request nobody reads has nobody to tell.
        if (req.listenerCount("error") > 0) req.emit("error", error);
        return true;
      }
    }
    return push.call(this, chunk, encoding);
  } as typeof req.push;
}

/**
 * The 413, sent before any body is buffered. `Connection: close`: the client may still be sending; Node reads
 * and drops the rest while the answer goes out, then closes the connection (nothing is kept, nothing reused).
 */
function refuse(res: ServerResponse, limit: BodyLimit, json: boolean): void {
  const message = bodyLimitMessage(limit);
  const body = json ? JSON.stringify({ error: message, limit: limit.bytes }) : `${message}\n`;
  res.writeHead(413, {
    "Content-Type": json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    Connection: "close",
  });
  res.end(body);
}
