import type { Role } from "../../db/roles";

/**
 * Every permission a route may require. Pure data, shared by server guards and the UI
 * (the UI only hides what the server refuses anyway).
 */
export const PERMISSIONS = [
  "view:library",
  "run:sop",
  "view:own-runs",
  "view:followups",
  "edit:sop",
  "review:sop",
  "publish:sop",
  "view:analytics",
  "view:trainees",
  "assign:training",
  "view:own-training",
  "manage:users",
  "manage:departments",
  "view:audit",
  /** integrations: API tokens, webhooks, the embedded runbook's launch settings (admins) */
  "manage:integrations",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const LEAD: readonly Permission[] = [
  "view:library",
  "run:sop",
  "edit:sop",
  "review:sop",
  "publish:sop",
  "view:analytics",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  lead: LEAD,
  agent: ["view:library", "run:sop", "view:own-runs", "view:followups", "view:own-training"],
  trainer: ["view:library", "run:sop", "view:trainees", "assign:training"],
  trainee: ["view:library", "run:sop", "view:own-training"],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export type NavItem = { to: string; label: string; permission: Permission; roles: readonly Role[] };

/**
 * The app shell's navigation, in display order. Only areas that exist, never a placeholder page. `roles` says whose
 * everyday work it is (an admin holds every permission but does not take calls); the route itself is guarded by
 * `permission`.
 */
export const NAV: readonly NavItem[] = [
  {
    to: "/library",
    label: "Library",
    permission: "view:library",
    roles: ["admin", "lead", "agent", "trainer", "trainee"],
  },
  { to: "/runs", label: "My runs", permission: "view:own-runs", roles: ["agent"] },
  { to: "/follow-ups", label: "Follow-ups", permission: "view:followups", roles: ["agent"] },
  { to: "/training", label: "My training", permission: "view:own-training", roles: ["agent", "trainee"] },
  { to: "/trainees", label: "Trainees", permission: "view:trainees", roles: ["admin", "trainer"] },
  { to: "/assignments", label: "Assignments", permission: "assign:training", roles: ["admin", "trainer"] },
  { to: "/editor", label: "Editor", permission: "edit:sop", roles: ["admin", "lead"] },
  { to: "/reviews", label: "Reviews", permission: "review:sop", roles: ["admin", "lead"] },
  { to: "/feedback", label: "Feedback", permission: "review:sop", roles: ["admin", "lead"] },
  { to: "/analytics", label: "Analytics", permission: "view:analytics", roles: ["admin", "lead"] },
  { to: "/admin/users", label: "Users", permission: "manage:users", roles: ["admin"] },
  { to: "/admin/departments", label: "Departments", permission: "manage:departments", roles: ["admin"] },
  { to: "/admin/audit", label: "Audit log", permission: "view:audit", roles: ["admin"] },
  { to: "/admin/integrations", label: "Integrations", permission: "manage:integrations", roles: ["admin"] },
  { to: "/admin/settings", label: "Settings", permission: "manage:departments", roles: ["admin"] },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => item.roles.includes(role) && can(role, item.permission));
}
