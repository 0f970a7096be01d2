/** Roles, most powerful first. No drizzle import here: the browser bundle uses this too. */
export const ROLES = ["admin", "lead", "agent", "trainer", "trainee"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  lead: "Team lead",
  agent: "Agent",
  trainer: "Trainer",
  trainee: "Trainee",
};
