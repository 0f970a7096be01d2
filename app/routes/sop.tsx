import { data, useLoaderData } from "react-router";
import type { Route } from "./+types/sop";
import type { SopDocument } from "../../sop-schema";
import { getDb } from "../../db/client.server";
import { getPublishedSop } from "../../db/sops.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { SopView } from "../components/sop/sop-view";

export function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "view:library");
  const sop = getPublishedSop(getDb(), params.sopId);
  if (!sop) throw data({ message: "There is no published procedure at this address." }, { status: 404 });
  // The stored, already-validated document: nothing is parsed on a page view.
  return { version: sop.version, departmentName: sop.departmentName, document: sop.document as SopDocument };
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.document.meta.title ?? "Procedure"} · Stepwise` }];

export default function SopPage() {
  const { document, version, departmentName } = useLoaderData<typeof loader>();
  return <SopView doc={document} version={version} departmentName={departmentName} />;
}

export const ErrorBoundary = RouteErrorBoundary;
