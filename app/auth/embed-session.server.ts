// The embedded runbook's session (ADR 022). It travels two ways, the same token in both:
// - the `stepwise_embed` cookie, `SameSite=None; Secure; Partitioned; HttpOnly` (a cross-site iframe's cookie, kept
//   in the host site's partition; Chromium accepts Secure cookies on http://localhost);
// - the `X-Stepwise-Embed` header the embed's own scripts add to their requests (components/embed/embed-client.ts),
//   for browsers that block third-party cookies even when partitioned.
// It is never put in a URL. It is accepted by the embed routes and by the run APIs the embed calls
// (/api/runs/:runId, /api/runs/:runId/events, /api/search) through `getRunApiUser`, nowhere else: the full app's
// pages read only the normal session cookie.
import { getDb } from "../../db/client.server";
import { findEmbedSession, EMBED_SESSION_MAX_AGE_MS, type EmbedSession } from "../../db/embed.server";
import { readCookie } from "./cookie.server";
import { getOptionalUser, type SessionUser } from "./session.server";

export const EMBED_COOKIE = "stepwise_embed";
export const EMBED_HEADER = "X-Stepwise-Embed";

type HeaderSource = { headers: { get(name: string): string | null } };

/** The embed token a request carries: the header first (it is what the embed sets), then the cookie. */
export function readEmbedToken(request: HeaderSource): string | null {
  const header = request.headers.get(EMBED_HEADER)?.trim();
  if (header) return header;
  return readCookie(request as Request, EMBED_COOKIE) || null;
}

export async function getEmbedSession(request: HeaderSource): Promise<EmbedSession | null> {
  const token = readEmbedToken(request);
  return token ? await findEmbedSession(getDb(), token) : null;
}

export function embedCookieHeader(token: string): string {
  return [
    `${EMBED_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "Secure",
    "SameSite=None",
    "Partitioned",
    `Max-Age=${Math.floor(EMBED_SESSION_MAX_AGE_MS / 1000)}`,
  ].join("; ");
}

/**
 * The caller of a run API the embed uses: the normal session first (its lookup unchanged, as fast as before), then
 * the embed session. Only these routes call it.
 */
export async function getRunApiUser(request: HeaderSource): Promise<SessionUser | null> {
  const user = await getOptionalUser(request as Request);
  if (user) return user;
  const embed = await getEmbedSession(request);
  if (!embed) return null;
  const { uiLanguage: _ui, ...sessionUser } = embed.user;
  return sessionUser;
}

/** As requireApiUser, accepting the embed session too. */
export async function requireRunApiUser(request: Request): Promise<SessionUser> {
  const user = await getRunApiUser(request);
  if (!user) throw Response.json({ error: "Sign in first: this endpoint needs a session." }, { status: 401 });
  return user;
}

/** The embed session of a request to an embed endpoint, or a 401 problem+json (never a redirect to sign-in). */
export async function requireEmbedSession(request: Request): Promise<{ session: EmbedSession; token: string }> {
  const token = readEmbedToken(request);
  const session = token ? await findEmbedSession(getDb(), token) : null;
  if (!token || !session)
    throw Response.json(
      {
        type: "about:blank",
        title: "Unauthorized",
        status: 401,
        detail: "The embed session has ended: reload the ticket in your help desk.",
      },
      { status: 401, headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store" } },
    );
  return { session, token };
}
