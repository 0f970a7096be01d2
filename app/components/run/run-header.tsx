import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { SopDocument } from "../../../sop-schema/types";
import { timer } from "../../../runbook/derive";
import type { RunState } from "../../../runbook/state";
import { useT } from "../i18n";
import type { SyncStatus } from "./use-run";

type Props = {
  doc: SopDocument;
  version: number;
  state: RunState;
  customerRef: string | null;
  channel: string | null;
  sync: SyncStatus | null;
  onRetry(): void;
  onHelp(): void;
};

/** SOP, call timer, save status: one line at panel widths (the SOP's department and details fold away). */
export function RunHeader({ doc, version, state, customerRef, channel, sync, onRetry, onHelp }: Props) {
  const { t, number } = useT();
  return (
    <header className="run-header">
      <div className="run-title">
        <p className="eyebrow">
          <Link to={`/sops/${doc.meta.id}`}>
            <bdi>{doc.meta.department}</bdi>
          </Link>{" "}
          · {t("run.header.version", { version: number(version) })}
          {customerRef ? (
            <>
              {" · "}
              {t("run.header.customer")} <bdi>{customerRef}</bdi>
            </>
          ) : null}
          {channel ? ` · ${t(`quickfind.channel.${channel}` as "quickfind.channel.phone")}` : ""}
        </p>
        <h1 lang={doc.meta.language} dir={doc.meta.direction} title={doc.meta.title}>
          {doc.meta.title}
        </h1>
      </div>
      <CallTimer state={state} doc={doc} />
      {sync ? <SyncBadge sync={sync} onRetry={onRetry} /> : null}
      <button
        type="button"
        className="button button-ghost button-small run-help-button"
        onClick={onHelp}
        aria-keyshortcuts="?"
      >
        <span className="run-help-label">{t("run.header.shortcuts")}</span> <kbd>?</kbd>
      </button>
    </header>
  );
}

/** mm:ss of the call, in the interface's digits, against the SOP's handle-time target. */
export function CallTimer({ state, doc }: { state: RunState; doc: SopDocument }) {
  const { t, number } = useT();
  const [now, setNow] = useState(() => state.completedAt ?? state.lastEventAt ?? state.startedAt);
  useEffect(() => {
    if (state.status !== "active") return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [state.status]);
  const tm = timer(state, state.completedAt ?? now, doc);
  const minutes = Math.floor(tm.elapsedSeconds / 60);
  const seconds = Math.floor(tm.elapsedSeconds % 60);
  const level = t(`run.timer.${tm.level}` as "run.timer.calm");
  const clock = `${number(minutes)}:${number(seconds, { minimumIntegerDigits: 2 })}`;
  return (
    <div
      className={`call-timer timer-${tm.level}`}
      role="timer"
      aria-label={t("run.timer.label", { minutes, seconds, level })}
    >
      <span className="call-timer-time" dir="ltr">
        {clock}
      </span>
      <span className="call-timer-target">{t("run.timer.target", { minutes: Math.round(tm.targetSeconds / 60) })}</span>
    </div>
  );
}

export function SyncBadge({ sync, onRetry }: { sync: SyncStatus; onRetry: () => void }) {
  const { t } = useT();
  const pending = "pending" in sync && sync.pending > 0 ? sync.pending : 0;
  const text =
    sync.kind === "saved"
      ? t("run.sync.saved")
      : sync.kind === "saving"
        ? t("run.sync.saving")
        : sync.kind === "offline"
          ? sync.reason === "offline"
            ? t("run.sync.offline")
            : t("run.sync.unreachable")
          : sync.message;
  // Screen readers hear about the network, not about every save: only offline/error states are announced.
  const announce = sync.kind === "offline" || sync.kind === "error" ? text : "";
  return (
    <div className={`sync sync-${sync.kind}`} data-testid="sync-status" data-sync={sync.kind} title={text}>
      <span className="visually-hidden" role="status">
        {announce}
      </span>
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-text" aria-hidden={announce ? true : undefined}>
        {text}
      </span>
      {pending && sync.kind !== "saving" ? (
        <span className="sync-count">{t("run.sync.pending", { count: pending })}</span>
      ) : null}
      {(sync.kind === "offline" && sync.reason === "unreachable") || sync.kind === "error" ? (
        <button type="button" className="button button-small button-ghost" onClick={onRetry}>
          {t("run.sync.retry")}
        </button>
      ) : null}
    </div>
  );
}
