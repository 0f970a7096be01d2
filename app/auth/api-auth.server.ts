// Who is calling an `/api` route: a signed-in person (the session cookie, as the app's own pages do) or an
// integration (`Authorization: Bearer sw_…`, issue 12). Tokens have scopes and their own rate limit; sessions keep
// the role checks of the pages. Routes ask `requireApiCaller(request, scope)` and get one of the two.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "../../db/client.server";
import { authenticateToken, type TokenCaller } from "../../db/integrations.server";
import type { Scope } from "../../integrations/scopes";
import { problemResponse } from "../http-errors.server";
import { getOptionalUser, type SessionUser } from "./session.server";

export type ApiCaller = { kind: "session"; user: SessionUser } | { kind: "token"; token: TokenCaller };

/** Requests per minute per token (STEPWISE_API_RATE_PER_MINUTE, default 1,200: 20 a second, sustained). */
export const API_RATE_PER_MINUTE = Math.max(
  1,
  Number.parseInt(process.env.STEPWISE_API_RATE_PER_MINUTE ?? "", 10) || 1200,
);

const perToken = new RateLimiterMemory({ keyPrefix: "api-token", points: API_RATE_PER_MINUTE, duration: 60 });

/** The bearer token a request carries, if it carries one (`Authorization: Bearer …`). */
export function bearerToken(request: Pick<Request, "headers">): string | null {
  const header = request.headers.get("Authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : "";
}

/**
 * The caller, or a thrown problem+json: 401 without credentials or with a bad token, 403 when the token lacks
 * `scope`, 429 (with Retry-After) past the token's rate limit. A session caller is returned as is: the route applies
 * the role's permission, as the pages do.
 */
export async function requireApiCaller(
  request: Pick<Request, "headers">,
  scope: Scope,
  clientIp = "",
): Promise<ApiCaller> {
  const bearer = bearerToken(request);
  if (bearer === null) {
    const user = await getOptionalUser(request as Request);
    if (!user)
      throw problemResponse(401, "Sign in, or send an API token as `Authorization: Bearer sw_…`.", {
        headers: { "WWW-Authenticate": 'Bearer realm="stepwise"' },
      });
    return { kind: "session", user };
  }
  const token = bearer ? await authenticateToken(getDb(), bearer, clientIp) : null;
  if (!token)
    throw problemResponse(401, "This API token is not valid: it is unknown, expired or revoked.", {
      headers: { "WWW-Authenticate": 'Bearer realm="stepwise", error="invalid_token"' },
    });
  try {
    await perToken.consume(token.tokenId);
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw problemResponse(
        429,
        `This token made more than ${API_RATE_PER_MINUTE} requests in a minute: wait ${seconds} s.`,
        {
          headers: { "Retry-After": String(seconds) },
        },
      );
    }
    throw e;
  }
  if (!token.scopes.includes(scope))
    throw problemResponse(403, `This token lacks the scope \`${scope}\`: an admin can add it in Integrations.`, {
      headers: { "WWW-Authenticate": `Bearer realm="stepwise", error="insufficient_scope", scope="${scope}"` },
      extra: { scope },
    });
  return { kind: "token", token };
}
