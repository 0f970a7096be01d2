import { data, redirect } from "react-router";
import type { Route } from "./+types/runs.new";
import { getDb } from "../../db/client.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { throwRouteError } from "../http-errors.server";
import { readForm } from "../lib/forms.server";
import { startRun, startRunSchema } from "../runs.server";

/** The form behind "Start a run" (SOP page, library, global search): starts it and opens the runbook. */
export async function action({ request }: Route.ActionArgs) {
  const user = await requirePermission(request, "run:sop");
  const form = Object.fromEntries(await readForm(request));
  const parsed = startRunSchema.safeParse({
    sopId: form.sopId,
    customerRef: form.customerRef || undefined,
    channel: form.channel || undefined,
  });
  if (!parsed.success) throw data({ message: parsed.error.issues[0]!.message }, { status: 400 });
  try {
    const { runId } = await startRun(getDb(), user, parsed.data);
    return redirect(`/runs/${runId}`);
  } catch (e) {
    throwRouteError(e);
  }
}

export function loader() {
  return redirect("/library");
}

export const ErrorBoundary = RouteErrorBoundary;
