import type { MessageId } from "../../../i18n";
import type { Role } from "../../../db/roles";

/** The interface words for each navigation entry (app/auth/permissions.ts NAV holds the routes and rules). */
export const NAV_MESSAGES: Readonly<Record<string, MessageId>> = {
  "/library": "app.nav.library",
  "/runs": "app.nav.myRuns",
  "/follow-ups": "app.nav.followUps",
  "/training": "app.nav.myTraining",
  "/trainees": "app.nav.trainees",
  "/assignments": "app.nav.assignments",
  "/editor": "app.nav.editor",
  "/reviews": "app.nav.reviews",
  "/feedback": "app.nav.feedback",
  "/analytics": "app.nav.analytics",
  "/admin/integrations": "app.nav.integrations",
  "/admin/settings": "app.nav.settings",
  "/admin/users": "app.nav.users",
  "/admin/departments": "app.nav.departments",
  "/admin/audit": "app.nav.auditLog",
};

export const ROLE_MESSAGES: Readonly<Record<Role, MessageId>> = {
  admin: "app.role.admin",
  lead: "app.role.lead",
  agent: "app.role.agent",
  trainer: "app.role.trainer",
  trainee: "app.role.trainee",
};
