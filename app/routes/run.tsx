import { data, useLoaderData } from "react-router";
import type { Route } from "./+types/run";
import { getDb } from "../../db/client.server";
import { requireUser } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { RunScreen } from "../components/run/run-screen";
import { throwRouteError } from "../http-errors.server";
import { runPayload } from "../runs.server";
import { useViewerLocale } from "../viewer-locale";

export function loader({ request, params }: Route.LoaderArgs) {
  const user = requireUser(request);
  try {
    const { run, state, document } = runPayload(getDb(), user, params.runId);
    return { run: { id: run.id, version: run.version, customerRef: run.customerRef, channel: run.channel, agentName: run.agentName }, state, document, readOnly: run.agentId !== user.id };
  } catch (e) {
    throwRouteError(e);
  }
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.document.meta.title ?? "Run"} · Call · Stepwise` }];

export default function RunPage() {
  const { run, state, document, readOnly } = useLoaderData<typeof loader>();
  const locale = useViewerLocale();
  return (
    <RunScreen
      key={run.id}
      runId={run.id}
      doc={document}
      version={run.version}
      serverState={state}
      readOnly={readOnly}
      customerRef={run.customerRef}
      channel={run.channel}
      uiLanguage={locale.uiLanguage}
      timeZone={locale.timeZone}
    />
  );
}

export const ErrorBoundary = RouteErrorBoundary;
