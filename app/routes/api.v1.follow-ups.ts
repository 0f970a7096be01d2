import type { Route } from "./+types/api.v1.follow-ups";
import { listFollowUpsV1, v1 } from "../api-v1.server";

/** GET /api/v1/follow-ups — open follow-ups, soonest due first. */
export function loader(args: Route.LoaderArgs) {
  return v1("listFollowUps", args, listFollowUpsV1);
}

export function action(args: Route.ActionArgs) {
  return v1("listFollowUps", args, listFollowUpsV1);
}
