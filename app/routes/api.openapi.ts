import type { Route } from "./+types/api.openapi";
import { buildOpenApiDocument } from "../../integrations/openapi";

let cached: { origin: string; body: string } | undefined;

/** GET /api/openapi.json — the OpenAPI 3.1 document of the `/api` routes (public, cached briefly). */
export function loader({ request }: Route.LoaderArgs) {
  const origin = new URL(request.url).origin;
  if (cached?.origin !== origin) cached = { origin, body: JSON.stringify(buildOpenApiDocument(origin), null, 2) };
  return new Response(cached.body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
