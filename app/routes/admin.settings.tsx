import { data, Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin.settings";
import { getDb } from "../../db/client.server";
import {
  getRetentionDays,
  lastRetentionPurge,
  lastRetentionRun,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  setRetentionDays,
} from "../../db/retention.server";
import { translator, type Translator } from "../../i18n";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { FormField } from "../components/form";
import { useT } from "../components/i18n";
import type { FieldErrors } from "../lib/forms";
import { readFormWith } from "../lib/forms.server";
import { viewerLocale } from "../viewer-locale.server";
import "./admin.settings.css";
import { SuccessNotice } from "../components/success-notice";

// Organisation settings are the admin's: no other role holds manage:departments (app/auth/permissions.ts, as the
// navigation).
const PERMISSION = "manage:departments";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data && "title" in data ? data.title : "Data retention"} · Stepwise` },
];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, PERMISSION);
  const db = getDb();
  return {
    title: translator((await viewerLocale(request, user)).uiLanguage).t("tables.settings.title"),
    days: getRetentionDays(db),
    // the bounds come with the data: the component must not import the server module
    min: MIN_RETENTION_DAYS,
    max: MAX_RETENTION_DAYS,
    lastRun: lastRetentionRun(db),
    lastPurge: lastRetentionPurge(db),
  };
}

const settingsForm = (t: Translator["t"]) =>
  z.object({
    days: z
      .string({ error: t("tables.settings.daysInvalid") })
      .trim()
      // digits only: "1e3", "90.0" or "+90" are refused rather than read as a number
      .regex(/^[0-9]{1,4}$/, t("tables.settings.daysInvalid"))
      .transform(Number)
      .refine((n) => n >= MIN_RETENTION_DAYS && n <= MAX_RETENTION_DAYS, t("tables.settings.daysInvalid")),
  });

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, PERMISSION);
  const { t } = translator((await viewerLocale(request, actor)).uiLanguage);
  const parsed = await readFormWith(request, settingsForm(t));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors as FieldErrors, message: null }, { status: 400 });
  const { days } = parsed.data;
  // audited only when it changes (db/retention.server.ts)
  const changed = setRetentionDays(getDb(), days, actor.id);
  return {
    fieldErrors: {} as FieldErrors,
    message: t(changed ? "tables.settings.saved" : "tables.settings.unchanged", { days }),
  };
}

export default function Settings({ loaderData, actionData: result }: Route.ComponentProps) {
  const { days, min, max, lastRun, lastPurge } = loaderData;
  const busy = useNavigation().state === "submitting";
  const tr = useT();
  const { t } = tr;
  const errors: FieldErrors = result?.fieldErrors ?? {};
  const when = (ms: number) => (
    <time dateTime={new Date(ms).toISOString()}>{tr.date(ms, { dateStyle: "medium", timeStyle: "short" })}</time>
  );
  return (
    <>
      <header className="page-header">
        <h1 id="retention-title">{t("tables.settings.title")}</h1>
        <p className="muted">{t("tables.settings.intro")}</p>
      </header>
      <SuccessNotice message={result?.message} />
      <div className="settings-layout">
        <Form method="post" className="card stack settings-form" aria-labelledby="retention-title" noValidate>
          <FormField
            id="retention-days"
            label={t("tables.settings.days")}
            hint={t("tables.settings.daysHint")}
            error={errors.days}
          >
            {(p) => (
              <input
                {...p}
                aria-describedby={[p["aria-describedby"], "retention-removed", "retention-kept", "retention-when"]
                  .filter(Boolean)
                  .join(" ")}
                className="settings-days"
                name="days"
                type="number"
                inputMode="numeric"
                min={min}
                max={max}
                step={1}
                defaultValue={days}
                required
              />
            )}
          </FormField>
          <dl className="settings-help">
            <dt>{t("tables.settings.removedTitle")}</dt>
            <dd id="retention-removed">{t("tables.settings.removed")}</dd>
            <dt>{t("tables.settings.keptTitle")}</dt>
            <dd id="retention-kept">{t("tables.settings.kept")}</dd>
            <dt>{t("tables.settings.whenTitle")}</dt>
            <dd id="retention-when">{t("tables.settings.when")}</dd>
          </dl>
          <div className="form-actions">
            <button className="button button-primary" type="submit" disabled={busy}>
              {t("tables.settings.save")}
            </button>
          </div>
        </Form>
        <section className="card settings-status" aria-labelledby="retention-status-title">
          <h2 id="retention-status-title">{t("tables.settings.statusTitle")}</h2>
          <dl className="settings-facts">
            <dt>{t("tables.settings.lastChecked")}</dt>
            <dd data-testid="retention-last-run">
              {lastRun === null ? t("tables.settings.neverChecked") : when(lastRun)}
            </dd>
            <dt>{t("tables.settings.lastRemoval")}</dt>
            <dd data-testid="retention-last-purge">
              {lastPurge
                ? t("tables.settings.removal", {
                    when: tr.date(lastPurge.at, { dateStyle: "medium", timeStyle: "short" }),
                    runs: lastPurge.runs,
                    events: lastPurge.events,
                    before: lastPurge.olderThan === null ? "—" : tr.date(lastPurge.olderThan, { dateStyle: "medium" }),
                  })
                : t("tables.settings.noRemoval")}
            </dd>
          </dl>
          <Link className="card-footer-link" to="/admin/audit?action=retention">
            {t("tables.settings.auditLink")}
          </Link>
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
