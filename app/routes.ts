import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("api/runs", "routes/api.runs.ts"),
  route("api/runs/:runId", "routes/api.run.ts"),
  route("api/runs/:runId/events", "routes/api.run-events.ts"),
  layout("routes/shell.tsx", [
    index("routes/home.tsx"),
    route("library", "routes/library.tsx"),
    route("sops/:sopId", "routes/sop.tsx"),
    // Work areas whose capability arrives in a later issue: one honest empty state each.
    route("runs", "routes/runs.tsx"),
    route("runs/new", "routes/runs.new.tsx"),
    route("runs/:runId", "routes/run.tsx"),
    route("runs/:runId/timeline", "routes/run-timeline.tsx"),
    route("follow-ups", "routes/follow-ups.tsx"),
    ...["training", "editor", "reviews", "analytics", "trainees", "assignments"].map((path) =>
      route(path, "routes/planned.tsx", { id: `planned-${path}` }),
    ),
    route("admin/users", "routes/admin.users.tsx"),
    route("admin/users/new", "routes/admin.users.new.tsx"),
    route("admin/users/:userId", "routes/admin.user.tsx"),
    route("admin/departments", "routes/admin.departments.tsx"),
    route("admin/audit", "routes/admin.audit.tsx"),
    route("*", "routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
