import { Link } from "react-router";
import type { Route } from "./+types/training";
import { translator, type Translator } from "../../i18n";
import { getDb } from "../../db/client.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";
import { MinorChangeNote, TrainingProgress, TrainingStateBadge } from "../components/training/progress";
import { myTraining, type TrainingItem } from "../training.server";
import { viewerLocale } from "../viewer-locale.server";
import "../components/training/training.css";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${translator(data?.lang).t("training.title")} · Stepwise` },
];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "view:own-training");
  const { uiLanguage, timeZone } = await viewerLocale(request, user);
  return { lang: uiLanguage, timeZone, ...(await myTraining(getDb(), user, { timeZone })) };
}

export default function MyTraining({ loaderData }: Route.ComponentProps) {
  const { items, open, overdue } = loaderData;
  const tr = useT();
  const { t } = tr;
  return (
    <>
      <header className="page-header">
        <h1>{t("training.title")}</h1>
        <p className="muted">{t("training.intro")}</p>
        {items.length ? (
          <p className="training-summary">
            {t("training.summary", { open })}
            {overdue ? (
              <>
                {" "}
                <span className="badge badge-danger">{t("training.summaryOverdue", { count: overdue })}</span>
              </>
            ) : null}
          </p>
        ) : null}
      </header>
      {items.length === 0 ? (
        <section className="empty-state">
          <p>{t("training.none")}</p>
        </section>
      ) : (
        <ul className="training-list">
          {items.map((item) => (
            <TrainingCard key={item.sopId} item={item} tr={tr} />
          ))}
        </ul>
      )}
    </>
  );
}

function TrainingCard({ item, tr }: { item: TrainingItem; tr: Translator }) {
  const { t } = tr;
  const due = item.dueDate
    ? t("training.due", {
        date: tr.date(new Date(`${item.dueDate}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
      })
    : t("training.noDue");
  return (
    <li className={`card learn-card${item.overdue ? " is-overdue" : ""}${item.unavailable ? " is-unavailable" : ""}`}>
      <div className="learn-card-head">
        <div>
          <h2 className="learn-card-title">
            {item.unavailable ? (
              <span>{item.title}</span>
            ) : (
              <Link to={`/training/${encodeURIComponent(item.sopId)}`}>{item.title}</Link>
            )}
          </h2>
          <p className="learn-card-sub">
            <span className={`badge ${item.required ? "" : "badge-muted"}`}>
              {item.required ? t("training.required") : t("training.reference")}
            </span>
            {item.path ? (
              <span className="training-path">
                {t("training.path", { name: item.path.name, position: item.path.position })}
              </span>
            ) : null}
            <span className={item.overdue ? "training-due is-overdue" : "training-due"}>
              {item.overdue ? <strong>{t("training.overdue")} · </strong> : null}
              {due}
            </span>
          </p>
        </div>
        {item.unavailable ? null : <TrainingStateBadge state={item.state} />}
      </div>
      {item.archived ? (
        <p className="alert alert-warning learn-card-alert">{t("training.archived")}</p>
      ) : item.unavailable ? (
        <p className="alert alert-warning learn-card-alert">{t("training.unpublished")}</p>
      ) : (
        <>
          <TrainingProgress item={item} />
          <MinorChangeNote item={item} className="training-minor muted" />
          {item.notes.length ? (
            <p className="training-notes muted">
              {t("training.notes")}: {item.notes.join(" · ")}
            </p>
          ) : null}
          <p className="learn-card-actions">
            <Link
              className={`button ${item.status?.next === "none" ? "button-ghost" : "button-primary"} button-small`}
              to={`/training/${encodeURIComponent(item.sopId)}`}
            >
              {item.state === "not-started" || item.status?.next === "none"
                ? t("training.open")
                : t("training.continue")}
              <span className="visually-hidden">: {item.title}</span>
            </Link>
          </p>
        </>
      )}
    </li>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
