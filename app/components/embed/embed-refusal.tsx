import type { MessageId } from "../../../i18n";
import { useT } from "../i18n";

/** A launch the embed refused: what happened and what to do, in the embed's style (never a stack, never the token). */
export function EmbedRefusal({ reason, detail }: { reason: string; detail: string | null }) {
  const tr = useT();
  return (
    <main className="embed-refusal" lang={tr.lang} dir={tr.dir} aria-labelledby="embed-refusal-title">
      <div className="embed-refusal-icon" aria-hidden="true">
        !
      </div>
      <h1 id="embed-refusal-title">{tr.t(`embed.refused.${reason}.title` as MessageId)}</h1>
      <h2 className="embed-refusal-what">{tr.t("embed.refused.what")}</h2>
      <p>{tr.t(`embed.refused.${reason}.body` as MessageId)}</p>
      {detail ? <p className="muted small">{tr.t("embed.refused.detail", { detail })}</p> : null}
    </main>
  );
}

/** No embed session (an expired one, a frame reloaded where storage is blocked): send the agent back to the ticket. */
export function EmbedNoSession() {
  const tr = useT();
  return (
    <main className="embed-refusal" lang={tr.lang} dir={tr.dir} aria-labelledby="embed-refusal-title">
      <div className="embed-refusal-icon" aria-hidden="true">
        ↻
      </div>
      <h1 id="embed-refusal-title">{tr.t("embed.noSession.title")}</h1>
      <p>{tr.t("embed.noSession.body")}</p>
    </main>
  );
}
