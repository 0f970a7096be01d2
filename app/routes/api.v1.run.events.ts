import type { Route } from "./+types/api.v1.run.events";
import { appendEventsV1, v1 } from "../api-v1.server";

/** POST /api/v1/runs/:runId/events — append a batch (appendV1Events; idempotent by event id). */
export function loader(args: Route.LoaderArgs) {
  return v1("appendRunEvents", args, appendEventsV1);
}

export function action(args: Route.ActionArgs) {
  return v1("appendRunEvents", args, appendEventsV1);
}
