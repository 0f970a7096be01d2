import { useEffect, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { Route } from "./+types/embed.run";
import type { RunState } from "../../runbook/state";
import type { SopDocument } from "../../sop-schema/types";
import { shareableFields } from "../../integrations/embed-messages";
import { shareableWrapUp } from "../lib/sensitive";
import { EmbedBar } from "../components/embed/embed-bar";
import { listenToHost, postToHost, type BridgeConfig } from "../components/embed/bridge";
import { embedJson, onCommittedEvents } from "../components/embed/embed-client";
import { useEmbedData } from "../components/embed/use-embed-data";
import { EmbedNoSession, EmbedRefusal } from "../components/embed/embed-refusal";
import type { SessionInfo } from "../components/embed/types";
import { I18nProvider, useT } from "../components/i18n";
import { RunScreen } from "../components/run/run-screen";

type EmbedRunData = {
  session: SessionInfo;
  run: { id: string; sopId: string; version: number; customerRef: string | null; channel: string | null };
  state: RunState;
  document: SopDocument;
  readOnly: boolean;
};

/**
 * /embed/runs/:runId — the run in the sidebar: the full screen's RunScreen (the same engine, event log and outbox),
 * its data read with the embed session's header (use-embed-data.ts), so it works without third-party cookies.
 */
export default function EmbedRunPage({ params }: Route.ComponentProps) {
  const { t } = useT();
  const { result, reload } = useEmbedData<EmbedRunData>(`/embed/runs/${encodeURIComponent(params.runId)}/data`);
  if (result.kind === "loading")
    return (
      <p className="embed-loading" role="status">
        {t("embed.loading")}
      </p>
    );
  if (result.kind === "no-session") return <EmbedNoSession />;
  if (result.kind === "refused") return <EmbedRefusal reason="sop-unavailable" detail={result.message} />;
  return (
    <I18nProvider lang={result.data.session.language}>
      <EmbedRun data={result.data} reload={reload} />
    </I18nProvider>
  );
}

function EmbedRun({ data, reload }: { data: EmbedRunData; reload: () => void }) {
  const tr = useT();
  const { session, run, document: doc } = data;
  const [params] = useSearchParams();
  const origins = session.allowedOrigins.join(" ");
  const bridge: BridgeConfig = useMemo(
    () => ({ allowedOrigins: origins.split(" ").filter(Boolean), declaredOrigin: session.hostOrigin }),
    [origins, session.hostOrigin],
  );
  const resumed = params.get("resumed") === "1";

  // The host hears that the sidebar is ready and on which run.
  useEffect(() => {
    postToHost(bridge, { type: "stepwise:ready", version: 1, runId: run.id });
    postToHost(bridge, {
      type: "stepwise:run.started",
      runId: run.id,
      sopId: run.sopId,
      title: doc.meta.title,
      ticketId: session.ticketId,
      resumed,
    });
  }, [bridge, run.id, run.sopId, doc.meta.title, session.ticketId, resumed]);

  // What the server committed goes on to the host: each step done, and the wrap-up with its note.
  useEffect(
    () =>
      onCommittedEvents((runId, events) => {
        if (runId !== run.id) return;
        for (const e of events) {
          if (e.type === "step.completed" && typeof e.stepId === "string") {
            const step = doc.steps.find((s) => s.id === e.stepId);
            postToHost(bridge, {
              type: "stepwise:step.completed",
              runId,
              stepId: e.stepId,
              title: step?.title ?? e.stepId,
            });
          }
          if (e.type === "completed") {
            void embedJson<{ state: RunState }>(`/api/runs/${encodeURIComponent(runId)}`)
              .then(({ state }) =>
                postToHost(bridge, {
                  type: "stepwise:run.completed",
                  runId,
                  ticketId: session.ticketId,
                  outcome: state.outcome?.outcome ?? String(e.outcome ?? ""),
                  note: shareableWrapUp(doc, state.outcome?.wrapUp ?? String(e.wrapUp ?? ""), state.fields),
                  fields: shareableFields(doc.fields, state.fields),
                }),
              )
              .catch(() => {});
          }
        }
      }),
    [bridge, run.id, doc, session.ticketId],
  );

  // New ticket values from the host fill the fields still empty (as events, on the server), then the run reloads.
  useEffect(
    () =>
      listenToHost(bridge, (message) => {
        void embedJson<{ filled: string[] }>(`/embed/runs/${encodeURIComponent(run.id)}/context`, {
          method: "POST",
          body: JSON.stringify(message),
        })
          .then((r) => {
            if (r.filled.length > 0) reload();
          })
          .catch(() => {});
      }),
    [bridge, run.id, reload],
  );

  return (
    <div className="embed-page embed-run" lang={tr.lang} dir={tr.dir}>
      <EmbedBar ticketId={session.ticketId} agentName={session.agentName} runId={run.id} showOther />
      {resumed ? (
        <p className="embed-notice" role="status">
          {tr.t("embed.resumed")}
        </p>
      ) : null}
      <RunScreen
        key={run.id}
        runId={run.id}
        doc={doc}
        version={run.version}
        serverState={data.state}
        readOnly={data.readOnly}
        customerRef={run.customerRef}
        channel={run.channel}
        uiLanguage={session.language}
      />
    </div>
  );
}
