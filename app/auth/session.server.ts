import { data, redirect } from "react-router";
import { getDb } from "../../db/client.server";
import { createSession, findSessionUser, revokeSession, type SessionUser } from "../../db/sessions.server";
import { can, type Permission } from "./permissions";
import {
  clearSessionCookieHeader,
  readSessionToken,
  SESSION_MAX_AGE_SECONDS,
  sessionCookieHeader,
} from "./cookie.server";

export type { SessionUser };
const MAX_AGE_MS = SESSION_MAX_AGE_SECONDS * 1000;

export function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const token = readSessionToken(request);
  if (!token) return Promise.resolve(null);
  return findSessionUser(getDb(), token, MAX_AGE_MS);
}

const REDIRECT_BASE = "http://x.invalid";
const MAX_REDIRECT_LENGTH = 2048;

/** Percent-decodes until stable (at most a few rounds); a malformed escape stops decoding. */
function decodeFully(text: string): string {
  let out = text;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(out);
    } catch {
      break;
    }
    if (next === out) break;
    out = next;
  }
  return out;
}

/** A path whose start a browser (or a decoding hop) reads as `//host` or `/\host`: an authority, not a path. */
const AUTHORITY_START = /^[\\/][\\/]/;

/**
 * Only same-origin paths may be redirect targets (no open redirects). The candidate is read the way a browser
 * reads a Location header: ASCII tab, CR and LF are removed everywhere and C0 controls and spaces trimmed at the
 * ends (as the URL parser does), `\` counts as `/`, dot segments (also `%2e`) collapse. It must then resolve
 * against a placeholder origin to that same origin, and the result — pathname + search + hash of the parsed URL,
 * so always percent-encoded ASCII and safe in a header — must not start with `//` or `/\`, even after
 * percent-decoding (`/%2F/evil.example`, `/.//evil.example`). Anything else gives `fallback`.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > MAX_REDIRECT_LENGTH) return fallback;
  const target = sameOriginPath(to);
  if (target === null) return fallback;
  // What a hop that percent-decodes paths, or maps full-width ／ ＼ ． to ASCII (NFKC), would make of it.
  if (sameOriginPath(decodeFully(target).normalize("NFKC")) === null) return fallback;
  return target;
}

/** pathname + search + hash of `candidate` parsed as a browser would, or null when it leaves this origin. */
function sameOriginPath(raw: string): string | null {
  // eslint-disable-next-line no-control-regex -- C0 controls and space, which the URL standard strips
  const candidate = raw.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  if (!candidate.startsWith("/") || AUTHORITY_START.test(candidate)) return null;
  let url: URL;
  try {
    url = new URL(candidate, REDIRECT_BASE);
  } catch {
    return null;
  }
  if (url.origin !== REDIRECT_BASE) return null;
  const target = url.pathname + url.search + url.hash;
  return target.startsWith("/") && !AUTHORITY_START.test(target) ? target : null;
}

/** The signed-in user; an anonymous visitor is sent to sign in and brought back afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** The signed-in user if their role holds `permission`; otherwise a 403 the error boundary explains. */
export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user.role, permission)) {
    throw data({ message: "Your role does not give access to this page.", permission }, { status: 403 });
  }
  return user;
}

export async function startSession(request: Request, userId: string, clientIp: string, redirectTo: string) {
  const token = await createSession(getDb(), userId, {
    maxAgeMs: MAX_AGE_MS,
    userAgent: request.headers.get("User-Agent") ?? "",
    ip: clientIp,
  });
  return redirect(redirectTo, { headers: { "Set-Cookie": sessionCookieHeader(token, request) } });
}

export async function endSession(request: Request) {
  const token = readSessionToken(request);
  if (token) await revokeSession(getDb(), token);
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookieHeader(request) } });
}

/** For JSON endpoints: a 401 with a message instead of a redirect to the sign-in page. */
export async function requireApiUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) throw Response.json({ error: "Sign in first: this endpoint needs a session." }, { status: 401 });
  return user;
}
