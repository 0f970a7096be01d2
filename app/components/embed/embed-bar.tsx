import { Link } from "react-router";
import { useT } from "../i18n";

/** The embed's top bar: the ticket, who is signed in, and the way out to the full app (a new tab). */
export function EmbedBar({
  ticketId,
  agentName,
  runId,
  showOther,
}: {
  ticketId: string | null;
  agentName: string;
  runId?: string;
  showOther?: boolean;
}) {
  const { t } = useT();
  return (
    <header className="embed-bar">
      <div className="embed-bar-who">
        <span className="embed-bar-brand" aria-hidden="true">
          S
        </span>
        <span className="embed-bar-ticket">{ticketId ? t("embed.ticket", { id: ticketId }) : t("embed.noTicket")}</span>
        <span className="embed-bar-agent muted small">{t("embed.signedInAs", { name: agentName })}</span>
      </div>
      <nav className="embed-bar-links" aria-label={t("embed.title")}>
        {showOther ? (
          <Link to="/embed" className="button button-small button-ghost">
            {t("embed.other")}
          </Link>
        ) : null}
        <a
          className="button button-small"
          href={runId ? `/runs/${encodeURIComponent(runId)}` : "/library"}
          target="_blank"
          rel="noopener noreferrer"
        >
          {t("embed.openFull")} <span className="visually-hidden">{t("embed.openFull.hint")}</span>
          <span aria-hidden="true">↗</span>
        </a>
      </nav>
    </header>
  );
}
