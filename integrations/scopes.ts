// What an API token may do. Pure data, shared by the admin pages (the checkboxes), the API's guard and the OpenAPI
// document (each operation names the scope it needs).

export const SCOPES = ["sops:read", "runs:read", "runs:write", "analytics:read", "users:write"] as const;
export type Scope = (typeof SCOPES)[number];

/** English descriptions (the CLI, the OpenAPI document); the pages use the `integrations.scope.*` messages. */
export const SCOPE_LABELS: Record<Scope, string> = {
  "sops:read": "Read published SOPs and search them",
  "runs:read": "Read runs and follow-ups",
  "runs:write": "Start runs, append events, write wrap-up notes",
  "analytics:read": "Read the dashboards' figures",
  "users:write": "Provision users: create, deactivate, change role",
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
