// Which role permission stands in for an API scope when the caller is a signed-in person (a session cookie) rather
// than a token. Written once here; the API handler glue asks `sessionMayUse(role, scope)` after `requireApiCaller`.
// Pure: no DB, no request.

import { can, type Permission } from "../app/auth/permissions";
import type { Role } from "../db/roles";
import type { Scope } from "./scopes";

/** The permission a session user's role must hold to act with `scope`. */
export const SCOPE_PERMISSION: Record<Scope, Permission> = {
  "sops:read": "view:library",
  "runs:read": "run:sop",
  "runs:write": "run:sop",
  "analytics:read": "view:analytics",
  "users:write": "manage:users",
};

export function sessionMayUse(role: Role, scope: Scope): boolean {
  return can(role, SCOPE_PERMISSION[scope]);
}
