import type { Route } from "./+types/api.v1.user";
import { getUserV1, updateUserV1, v1 } from "../api-v1.server";

/** GET /api/v1/users/:userId — the user; PATCH — role, name, department; active:false deactivates. */
export function loader(args: Route.LoaderArgs) {
  return v1("getUser", args, getUserV1);
}

export function action(args: Route.ActionArgs) {
  return v1("updateUser", args, updateUserV1);
}
