import type { Route } from "./+types/api.v1.users";
import { createUserV1, listUsersV1, v1 } from "../api-v1.server";

/** GET /api/v1/users lists users; POST /api/v1/users provisions one (no password). */
export function loader(args: Route.LoaderArgs) {
  return v1("listUsers", args, listUsersV1);
}

export function action(args: Route.ActionArgs) {
  return v1("createUser", args, createUserV1);
}
