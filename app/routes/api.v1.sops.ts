import type { Route } from "./+types/api.v1.sops";
import { listSopsV1, v1 } from "../api-v1.server";

/** GET /api/v1/sops — published SOPs, paged (integrations/api-schemas.ts listSops). */
export function loader(args: Route.LoaderArgs) {
  return v1("listSops", args, listSopsV1);
}

export function action(args: Route.ActionArgs) {
  return v1("listSops", args, listSopsV1);
}
