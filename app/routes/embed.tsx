import { data, Outlet } from "react-router";
import type { Route } from "./+types/embed";
import { getDb } from "../../db/client.server";
import { getIntegration } from "../../db/integrations.server";
import { getEmbedSession } from "../auth/embed-session.server";
import { frameAncestors } from "../embed.server";
import "./embed.css";

/**
 * The embedded runbook's layout (no app shell): its pages may be framed only by the integration's allowed origins.
 * The session's integration decides (the partitioned cookie, on a reload of the frame); without one, the
 * `integration` the embed's own links carry; else nobody. /embed/launch sends its own policy (the token's `iss`).
 */
export async function loader({ request }: Route.LoaderArgs) {
  const session = await getEmbedSession(request);
  const named = new URL(request.url).searchParams.get("integration");
  const origins =
    session?.allowedOrigins ??
    (named && named.length <= 100 ? getIntegration(getDb(), named)?.allowedOrigins : undefined) ??
    null;
  const policy = frameAncestors(origins);
  return data({ policy }, { headers: { "Content-Security-Policy": policy, "Cache-Control": "no-store" } });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => ({
  "Content-Security-Policy": loaderHeaders.get("Content-Security-Policy") ?? "frame-ancestors 'none'",
  "Cache-Control": "no-store",
});

export const meta: Route.MetaFunction = () => [{ title: "Stepwise runbook" }, { name: "robots", content: "noindex" }];

export default function EmbedLayout() {
  return (
    <div className="embed-app">
      <Outlet />
    </div>
  );
}
