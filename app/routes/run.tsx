import type { Route } from "./+types/run";
import { getDb } from "../../db/client.server";
import { requireUser } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { RunScreen } from "../components/run/run-screen";
import { throwRouteError } from "../http-errors.server";
import { maskSensitive } from "../lib/sensitive";
import { runPayload } from "../runs.server";
import { practiceForRun } from "../training.server";
import { useViewerLocale } from "../viewer-locale";

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request);
  try {
    const db = getDb();
    const { run, state: runState, document } = await runPayload(db, user, params.runId);
    // The runbook never shows quizzes or scenarios: they leave the server only as training needs them (the
    // practice scenario without its expected outcome; the score once the run is completed).
    const { quizzes: _quizzes, scenarios: _scenarios, ...runDocument } = document;
    const practice = run.practice ? await practiceForRun(db, { ...run, state: runState }, document) : null;
    // Someone else's run (read-only): sensitive values are masked before they leave the server (app/lib/sensitive.ts).
    const { state } = maskSensitive(document, { state: runState }, { viewerId: user.id, agentId: run.agentId });
    return {
      run: {
        id: run.id,
        version: run.version,
        customerRef: run.customerRef,
        channel: run.channel,
        agentName: run.agentName,
      },
      state,
      document: runDocument,
      readOnly: run.agentId !== user.id,
      practice,
    };
  } catch (e) {
    throwRouteError(e);
  }
}

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.document.meta.title ?? "Run"} · Call · Stepwise` },
];

export default function RunPage({ loaderData }: Route.ComponentProps) {
  const { run, state, document, readOnly, practice } = loaderData;
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
      practice={practice}
    />
  );
}

export const ErrorBoundary = RouteErrorBoundary;
