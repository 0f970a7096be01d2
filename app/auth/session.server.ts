import { data, redirect } from "react-router";
import { getDb } from "../../db/client.server";
import { createSession, findSessionUser, revokeSession, type SessionUser } from "../../db/sessions.server";
import { can, type Permission } from "./permissions";
import { clearSessionCookieHeader, readCookie, SESSION_COOKIE, SESSION_MAX_AGE_SECONDS, sessionCookieHeader } from "./cookie.server";

export type { SessionUser };
const MAX_AGE_MS = SESSION_MAX_AGE_SECONDS * 1000;

export function getOptionalUser(request: Request): SessionUser | null {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return null;
  return findSessionUser(getDb(), token, MAX_AGE_MS);
}

/** Only same-site paths may be redirect targets (no open redirects). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/** The signed-in user; an anonymous visitor is sent to sign in and brought back afterwards. */
export function requireUser(request: Request): SessionUser {
  const user = getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** The signed-in user if their role holds `permission`; otherwise a 403 the error boundary explains. */
export function requirePermission(request: Request, permission: Permission): SessionUser {
  const user = requireUser(request);
  if (!can(user.role, permission)) {
    throw data({ message: "Your role does not give access to this page.", permission }, { status: 403 });
  }
  return user;
}

export function startSession(request: Request, userId: string, clientIp: string, redirectTo: string) {
  const token = createSession(getDb(), userId, {
    maxAgeMs: MAX_AGE_MS,
    userAgent: request.headers.get("User-Agent") ?? "",
    ip: clientIp,
  });
  return redirect(redirectTo, { headers: { "Set-Cookie": sessionCookieHeader(token, request) } });
}

export function endSession(request: Request) {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) revokeSession(getDb(), token);
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookieHeader(request) } });
}

/** For JSON endpoints: a 401 with a message instead of a redirect to the sign-in page. */
export function requireApiUser(request: Request): SessionUser {
  const user = getOptionalUser(request);
  if (!user) throw Response.json({ error: "Sign in first: this endpoint needs a session." }, { status: 401 });
  return user;
}
