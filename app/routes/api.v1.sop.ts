import type { Route } from "./+types/api.v1.sop";
import { getSopV1, v1 } from "../api-v1.server";

/** GET /api/v1/sops/:sopId — a published SOP: meta, document, MDX source. */
export function loader(args: Route.LoaderArgs) {
  return v1("getSop", args, getSopV1);
}

export function action(args: Route.ActionArgs) {
  return v1("getSop", args, getSopV1);
}
