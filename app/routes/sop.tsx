import { data, useLoaderData } from "react-router";
import type { Route } from "./+types/sop";
import type { SopDocument } from "../../sop-schema";
import { getDb } from "../../db/client.server";
import { getPublishedSop } from "../../db/sops.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { SopView } from "../components/sop/sop-view";
import { StartRunForm } from "../components/start-run";
import { can } from "../auth/permissions";

export function loader({ request, params }: Route.LoaderArgs) {
  const user = requirePermission(request, "view:library");
  const sop = getPublishedSop(getDb(), params.sopId);
  if (!sop) throw data({ message: "There is no published procedure at this address." }, { status: 404 });
  // The stored, already-validated document: nothing is parsed on a page view.
  return { version: sop.version, departmentName: sop.departmentName, document: sop.document as SopDocument, canRun: can(user.role, "run:sop") };
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.document.meta.title ?? "Procedure"} · Stepwise` }];

export default function SopPage() {
  const { document, version, departmentName, canRun } = useLoaderData<typeof loader>();
  return <SopView doc={document} version={version} departmentName={departmentName} actions={canRun ? <StartRunForm sopId={document.meta.id} /> : null} />;
}

export const ErrorBoundary = RouteErrorBoundary;
