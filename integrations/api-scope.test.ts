import { describe, expect, it } from "vitest";
import { SCOPES, type Scope } from "./scopes";
import { SCOPE_PERMISSION, sessionMayUse } from "./api-scope";
import type { Role } from "../db/roles";

// role → the scopes a session of that role may use on the API (the whole matrix, so any change to a role's
// permissions that widens or narrows API access shows up here).
const EXPECTED: Record<Role, readonly Scope[]> = {
  admin: ["sops:read", "runs:read", "runs:write", "analytics:read", "users:write"],
  lead: ["sops:read", "runs:read", "runs:write", "analytics:read"],
  agent: ["sops:read", "runs:read", "runs:write"],
  trainer: ["sops:read", "runs:read", "runs:write"],
  trainee: ["sops:read", "runs:read", "runs:write"],
};

describe("sessionMayUse", () => {
  const rows = (Object.keys(EXPECTED) as Role[]).flatMap((role) =>
    SCOPES.map((scope) => ({ role, scope, allowed: EXPECTED[role].includes(scope) })),
  );
  it.each(rows)("$role with $scope → $allowed", ({ role, scope, allowed }) => {
    expect(sessionMayUse(role, scope)).toBe(allowed);
  });

  it("maps every scope to a permission", () => {
    expect(Object.keys(SCOPE_PERMISSION).sort()).toEqual([...SCOPES].sort());
  });

  it("gives users:write only to roles that manage users", () => {
    expect((Object.keys(EXPECTED) as Role[]).filter((r) => sessionMayUse(r, "users:write"))).toEqual(["admin"]);
  });
});
