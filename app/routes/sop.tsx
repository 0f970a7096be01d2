import { data, useLoaderData } from "react-router";
import type { Route } from "./+types/sop";
import { getDb } from "../../db/client.server";
import { getPublishedSop } from "../../db/sops.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";

export function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "view:library");
  const sop = getPublishedSop(getDb(), params.sopId);
  if (!sop) throw data({ message: "There is no published procedure at this address." }, { status: 404 });
  return { sop: { id: sop.id, title: sop.title, departmentName: sop.departmentName, version: sop.version } };
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.sop.title ?? "Procedure"} · Stepwise` }];

export default function SopPage() {
  const { sop } = useLoaderData<typeof loader>();
  return (
    <header className="page-header">
      <p className="eyebrow">{sop.departmentName}</p>
      <h1>{sop.title}</h1>
    </header>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
