import { Link } from "react-router";
import type { Route } from "./+types/run.timeline";
import { timeline } from "../../runbook/derive";
import { getDb } from "../../db/client.server";
import { requireUser } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { throwRouteError } from "../http-errors.server";
import { describePurged, maskSensitive } from "../lib/sensitive";
import { runPayload } from "../runs.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request);
  try {
    const payload = await runPayload(getDb(), user, params.runId);
    const { run, document } = payload;
    // Sensitive values are masked here, on the server, for anyone but the run's agent (app/lib/sensitive.ts).
    const { events, state } = maskSensitive(
      document,
      { events: payload.events, state: payload.state },
      { viewerId: user.id, agentId: run.agentId },
    );
    return {
      run: {
        id: run.id,
        title: document.meta.title,
        version: run.version,
        agentName: run.agentName,
        customerRef: run.customerRef,
        channel: run.channel,
        status: run.status,
      },
      entries: describePurged(document, events, timeline(document, events)),
      wrapUp: state.outcome?.wrapUp ?? null,
    };
  } catch (e) {
    throwRouteError(e);
  }
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Timeline · ${data?.run.title ?? "Run"} · Stepwise` }];

export default function Timeline({ loaderData }: Route.ComponentProps) {
  const { run, entries, wrapUp } = loaderData;
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/runs">My runs</Link>
        </p>
        <h1>{run.title}</h1>
        <p className="muted">
          v{run.version} · {run.agentName}
          {run.customerRef ? ` · customer ${run.customerRef}` : ""}
          {run.channel ? ` · ${run.channel}` : ""} ·{" "}
          <Link to={`/runs/${run.id}`}>{run.status === "active" ? "Resume the run" : "Open the run"}</Link>
        </p>
      </header>
      <div className="grid-2">
        <section className="card" aria-labelledby="tl-title">
          <h2 id="tl-title">Timeline</h2>
          <ol className="timeline">
            {entries.map((e, i) => (
              <li key={i}>
                <span>{e.text}</span>
                <time className="muted small" dateTime={new Date(e.at).toISOString()}>
                  {new Date(e.at).toISOString().slice(11, 19)} UTC
                </time>
              </li>
            ))}
          </ol>
        </section>
        <section className="card" aria-labelledby="wrap-title">
          <h2 id="wrap-title">Wrap-up note</h2>
          {wrapUp ? (
            <pre className="wrapup-text">{wrapUp}</pre>
          ) : (
            <p className="muted">The call has not been wrapped up yet.</p>
          )}
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
