import type { Route } from "./+types/api.v1.run";
import { getRunV1, v1 } from "../api-v1.server";

/** GET /api/v1/runs/:runId — the run, its state and events (sensitive values masked but for its agent). */
export function loader(args: Route.LoaderArgs) {
  return v1("getRun", args, getRunV1);
}

export function action(args: Route.ActionArgs) {
  return v1("getRun", args, getRunV1);
}
