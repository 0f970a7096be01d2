/**
 * The session cookie: an opaque random token, HttpOnly, SameSite=Lax, Path=/.
 *
 * With STEPWISE_HTTPS set (served over https, see README Configuration) it is `Secure` and named with the
 * `__Host-` prefix: browsers then only accept it from a secure origin, with Path=/ and no Domain, so neither a
 * plain-http page nor a sibling sub-domain can set or overwrite it. Without STEPWISE_HTTPS it keeps the plain
 * name (a `Secure` cookie would not be sent back over http). Each mode reads only its own name.
 */
export const SESSION_COOKIE = "stepwise_session";
export const SECURE_SESSION_COOKIE = "__Host-stepwise_session";
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** True when STEPWISE_HTTPS is set (the same test server.js applies for HSTS). */
export function httpsMode(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.STEPWISE_HTTPS);
}

/** The session cookie's name in the current mode. */
export function sessionCookieName(https = httpsMode()): string {
  return https ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The session token the request carries under the current mode's cookie name, if any. */
export function readSessionToken(request: Request, https = httpsMode()): string | null {
  return readCookie(request, sessionCookieName(https)) || null;
}

export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

function attributes(request: Request, https: boolean, maxAge: number): string[] {
  // __Host- requires Secure, Path=/ and no Domain attribute (we never set one).
  const parts = ["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`];
  if (https || isSecureRequest(request)) parts.push("Secure");
  return parts;
}

export function sessionCookieHeader(token: string, request: Request, https = httpsMode()): string {
  return [
    `${sessionCookieName(https)}=${encodeURIComponent(token)}`,
    ...attributes(request, https, SESSION_MAX_AGE_SECONDS),
  ].join("; ");
}

export function clearSessionCookieHeader(request: Request, https = httpsMode()): string {
  return [`${sessionCookieName(https)}=`, ...attributes(request, https, 0)].join("; ");
}
