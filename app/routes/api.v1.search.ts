import type { Route } from "./+types/api.v1.search";
import { searchV1, v1 } from "../api-v1.server";

/** GET /api/v1/search?q= — full-text search over published SOPs. */
export function loader(args: Route.LoaderArgs) {
  return v1("searchSops", args, searchV1);
}

export function action(args: Route.ActionArgs) {
  return v1("searchSops", args, searchV1);
}
