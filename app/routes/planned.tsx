import { data, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/planned";
import type { Permission } from "../auth/permissions";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";

/** Work areas that exist in the navigation before their capability ships: an honest empty state each. */
const PLANNED: Record<string, { title: string; permission: Permission; lead: string; body: string; next: { to: string; label: string } }> = {
  training: { title: "My training", permission: "view:own-training", lead: "Procedures assigned to you, and your progress.", body: "Your trainer has not assigned anything yet. Meanwhile, read the procedures of your department in the library.", next: { to: "/library", label: "Open the library" } },
  analytics: { title: "Analytics", permission: "view:analytics", lead: "How procedures perform on real calls.", body: "Handle time against target, outcomes and flagged steps will appear once agents run procedures.", next: { to: "/library", label: "Open the library" } },
  trainees: { title: "Trainees", permission: "view:trainees", lead: "Who is ready for the floor.", body: "Progress, quiz results and certification of the people you train will be shown here.", next: { to: "/library", label: "Open the library" } },
  assignments: { title: "Assignments", permission: "assign:training", lead: "Procedures you have assigned.", body: "You have not assigned any procedures yet.", next: { to: "/library", label: "Open the library" } },
};

export function loader({ request }: Route.LoaderArgs) {
  const key = new URL(request.url).pathname.replace(/^\/+|\/+$/g, "");
  const page = PLANNED[key];
  if (!page) throw data({ message: "There is no page at this address." }, { status: 404 });
  requirePermission(request, page.permission);
  return { key, ...page };
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? "Stepwise"} · Stepwise` }];

export default function Planned() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header">
        <h1>{page.title}</h1>
        <p className="muted">{page.lead}</p>
      </header>
      <section className="empty-state">
        <p>{page.body}</p>
        <Link className="button" to={page.next.to}>
          {page.next.label}
        </Link>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
