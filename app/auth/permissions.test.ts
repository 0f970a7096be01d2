import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../db/roles";
import { can, navFor, PERMISSIONS, type Permission } from "./permissions";

/** The matrix as the product defines it: a change here is a deliberate security decision. */
const EXPECTED: Record<Role, Permission[]> = {
  admin: [...PERMISSIONS],
  lead: ["view:library", "run:sop", "edit:sop", "review:sop", "publish:sop", "view:analytics"],
  agent: ["view:library", "run:sop", "view:own-runs", "view:followups", "view:own-training"],
  trainer: ["view:library", "run:sop", "view:trainees", "assign:training"],
  trainee: ["view:library", "run:sop", "view:own-training"],
};

describe("permissions", () => {
  for (const role of ROLES) {
    it(`${role} holds exactly its permissions`, () => {
      for (const p of PERMISSIONS) expect(can(role, p), `${role} / ${p}`).toBe(EXPECTED[role].includes(p));
    });
  }

  it("only admins manage users, departments and read the audit log", () => {
    for (const role of ROLES) {
      const isAdmin = role === "admin";
      expect(can(role, "manage:users")).toBe(isAdmin);
      expect(can(role, "manage:departments")).toBe(isAdmin);
      expect(can(role, "view:audit")).toBe(isAdmin);
    }
  });

  it("only leads and admins publish", () => {
    expect(ROLES.filter((r) => can(r, "publish:sop"))).toEqual(["admin", "lead"]);
  });
});

describe("navigation", () => {
  const labels = (role: Role) => navFor(role).map((n) => n.label);
  it("fits each role", () => {
    expect(labels("lead")).toEqual(["Library", "Editor", "Reviews", "Feedback", "Analytics"]);
    expect(labels("agent")).toEqual(["Library", "My runs", "Follow-ups", "My training"]);
    expect(labels("trainer")).toEqual(["Library", "Trainees", "Assignments"]);
    expect(labels("trainee")).toEqual(["Library", "My training"]);
    expect(labels("admin")).toEqual([
      "Library",
      "Trainees",
      "Assignments",
      "Editor",
      "Reviews",
      "Feedback",
      "Analytics",
      "Users",
      "Departments",
      "Audit log",
      "Integrations",
      "Settings",
    ]);
  });
  it("never links a role to a page it may not open", () => {
    for (const role of ROLES) for (const item of navFor(role)) expect(can(role, item.permission)).toBe(true);
  });
});
