import { randomUUID } from "node:crypto";
import { useEffect, useRef, useState } from "react";
import { data, Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/follow-ups";
import { translator, type Translator } from "../../i18n";
import { getDb } from "../../db/client.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { openFollowUpsFor, type FollowUpView } from "./follow-ups.server";
import { dueStatus, formatDue, parseDue, type DueStatus } from "../lib/follow-up-due";
import { parseForm, type FieldErrors } from "../lib/forms";
import { readForm } from "../lib/forms.server";
import { refusalOf } from "../http-errors.server";
import { appendEvents } from "../runs.server";
import { viewerLocale } from "../viewer-locale.server";
import "./follow-ups.css";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${translator(data?.lang).t("followups.title")} · Stepwise` },
];

const NOTE_MAX = 2000;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "view:followups");
  const { uiLanguage, timeZone } = await viewerLocale(request, user);
  // The zone is fixed here and sent along, so the server's render and the browser's hydration agree.
  return { lang: uiLanguage, timeZone, now: Date.now(), followUps: await openFollowUpsFor(getDb(), user.id, timeZone) };
}

function closeForm(tr: Translator) {
  return z.object({
    runId: z.string().uuid(),
    note: z
      .string()
      .trim()
      .min(1, tr.t("followups.note.required"))
      .max(NOTE_MAX, tr.t("followups.note.tooLong", { max: NOTE_MAX })),
  });
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requirePermission(request, "view:followups");
  const tr = translator((await viewerLocale(request, user)).uiLanguage);
  const form = await readForm(request);
  const parsed = parseForm(closeForm(tr), form);
  // The card the form came from shows the message (a page without its script has no other way to say it).
  const from = form.get("runId");
  if (!parsed.ok)
    return data(
      { fieldErrors: parsed.fieldErrors, runId: typeof from === "string" && from ? from : null },
      { status: 400 },
    );
  try {
    await appendEvents(getDb(), user, parsed.data.runId, {
      events: [{ id: randomUUID(), at: Date.now(), type: "followup.closed", note: parsed.data.note }],
    });
    return { fieldErrors: {} as FieldErrors, runId: parsed.data.runId };
  } catch (e) {
    const refusal = refusalOf(e);
    if (refusal)
      return data(
        { fieldErrors: { note: refusal.message } as FieldErrors, runId: parsed.data.runId },
        { status: refusal.status },
      );
    throw e;
  }
}

const STATUS_BADGE: Record<DueStatus, string> = {
  overdue: "badge-danger",
  today: "badge-warning",
  later: "badge-muted",
};

export default function FollowUps({ loaderData, actionData: result }: Route.ComponentProps) {
  const { lang, timeZone, now, followUps } = loaderData;
  const tr = translator(lang, timeZone);
  const { t } = tr;
  const overdue = followUps.filter((f) => {
    const due = parseDue(f.due, timeZone);
    return due && dueStatus(due, now, timeZone) === "overdue";
  }).length;
  return (
    <>
      <header className="page-header">
        <h1>{t("followups.title")}</h1>
        <p className="muted">{t("followups.intro")}</p>
        {followUps.length ? (
          <p className="followups-summary">
            {t("followups.summary", { count: followUps.length })}
            {overdue ? (
              <>
                {" "}
                <span className="badge badge-danger">{t("followups.summaryOverdue", { count: overdue })}</span>
              </>
            ) : null}
          </p>
        ) : null}
      </header>
      {result && result.runId && Object.keys(result.fieldErrors).length === 0 ? (
        <div className="alert alert-success" role="status">
          {t("followups.closed")}
        </div>
      ) : null}
      {followUps.length === 0 ? (
        <section className="empty-state">
          <p>{t("followups.none")}</p>
          <Link to="/runs">{t("followups.myRuns")}</Link>
        </section>
      ) : (
        <ul className="followups">
          {followUps.map((f) => (
            <FollowUpCard
              key={f.id}
              f={f}
              tr={tr}
              now={now}
              timeZone={timeZone}
              errors={result?.runId === f.id ? result.fieldErrors : {}}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function FollowUpCard({
  f,
  tr,
  now,
  timeZone,
  errors,
}: {
  f: FollowUpView;
  tr: Translator;
  now: number;
  timeZone: string;
  errors: FieldErrors;
}) {
  const { t } = tr;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("runId") === f.id;
  // Uncontrolled: a note typed before the page is hydrated is kept. Until then the button stays enabled (the
  // server asks for the note if it is missing).
  const input = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => setNote(input.current?.value ?? ""), []);
  const due = parseDue(f.due, timeZone);
  const status: DueStatus = due ? dueStatus(due, now, timeZone) : "later";
  const noteId = `note-${f.id}`;
  const whyId = `${noteId}-why`;
  const errorId = `${noteId}-error`;
  const empty = note !== null && note.trim() === "";
  return (
    <li className={`card followup-card is-${status}`}>
      <div className="followup-head">
        <div className="followup-heading">
          <h2 className="followup-title">
            <Link to={`/runs/${f.id}/timeline`} lang={f.lang} dir={f.dir}>
              {f.sopTitle}
            </Link>
          </h2>
          <p className="followup-sub">
            {f.departmentName} ·{" "}
            {t("followups.started", { date: tr.date(f.startedAt, { dateStyle: "medium", timeStyle: "short" }) })}
          </p>
        </div>
        <p className="followup-due">
          {status !== "later" ? (
            <span className={`badge ${STATUS_BADGE[status]}`}>{t(`followups.status.${status}`)}</span>
          ) : null}
          <span className="followup-due-text">
            {t("followups.due")} <time dateTime={f.due}>{due ? formatDue(due, tr) : f.due}</time>
          </span>
        </p>
      </div>
      <dl className="followup-facts">
        <div className="followup-fact">
          <dt>{t("followups.customerRef")}</dt>
          <dd>
            {f.customerRef ? (
              <span className="followup-ref">{f.customerRef}</span>
            ) : (
              <span className="muted">{t("followups.noRef")}</span>
            )}
          </dd>
        </div>
        {f.fields.map((field) => (
          <div className="followup-fact" key={field.name} lang={f.lang} dir={f.dir}>
            <dt title={field.label}>{field.label}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
      </dl>
      <Form method="post" className="followup-close" noValidate>
        <input type="hidden" name="runId" value={f.id} />
        <label htmlFor={noteId}>{t("followups.note.label")}</label>
        <input
          ref={input}
          id={noteId}
          name="note"
          maxLength={NOTE_MAX}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? `${errorId} ${whyId}` : whyId}
          placeholder={t("followups.note.placeholder")}
        />
        {errors.note ? (
          <p className="field-error" id={errorId}>
            {errors.note}
          </p>
        ) : null}
        <div className="followup-actions">
          <p className="followup-why" id={whyId}>
            {note === null || empty ? t("followups.why.needNote") : t("followups.why.ready")}
          </p>
          <button type="submit" className="button button-primary" disabled={busy || empty} aria-describedby={whyId}>
            {busy ? t("followups.closing") : t("followups.close")}
          </button>
        </div>
      </Form>
    </li>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
