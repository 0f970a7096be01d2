import type { Route } from "./+types/api.v1.runs";
import { listRunsV1, startRunV1, v1 } from "../api-v1.server";

/** GET /api/v1/runs lists runs; POST /api/v1/runs starts (or resumes) a ticket's run. */
export function loader(args: Route.LoaderArgs) {
  return v1("listRuns", args, listRunsV1);
}

export function action(args: Route.ActionArgs) {
  return v1("startRun", args, startRunV1);
}
