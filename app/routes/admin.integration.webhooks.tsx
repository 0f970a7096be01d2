// Admin → Integrations → one integration → Webhooks: its endpoints (add, edit, switch off, delete, rotate the
// secret, send a test event) and the delivery log (filter, each attempt, send again). Thin: the rules live in
// app/webhooks.server.ts (the target check) and db/webhooks.server.ts (endpoints, outbox, audit).
import { Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin.integration.webhooks";
import { getDb } from "../../db/client.server";
import { requireIntegration } from "../../db/integrations.server";
import {
  DELIVERY_STATUSES,
  deleteEndpoint,
  getEndpoint,
  listAttempts,
  listDeliveries,
  listEndpoints,
  resendMessage,
  rotateEndpointSecret,
  sendTestEvent,
  updateEndpoint,
} from "../../db/webhooks.server";
import { translator, type Translator } from "../../i18n";
import { WEBHOOK_EVENTS } from "../../integrations/webhook-events";
import { requirePermission } from "../auth/session.server";
import { DataTable, type Column } from "../components/data-table";
import { RouteErrorBoundary } from "../components/errors";
import { FormField } from "../components/form";
import { useT } from "../components/i18n";
import { SecretReveal } from "../components/integrations/secret-reveal";
import { intentActions, orRouteError } from "../http-errors.server";
import { parseForm, type FieldErrors } from "../lib/forms";
import { readForm } from "../lib/forms.server";
import { viewerLocale } from "../viewer-locale.server";
import { nudgeWebhooks } from "../webhook-delivery.server";
import { addEndpoint, changeEndpoint } from "../webhooks.server";
import "./admin.integrations.css";
import "./admin.integration.webhooks.css";
import { SuccessNotice } from "../components/success-notice";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Webhooks · ${data?.integration.name ?? "Integration"} · Stepwise` },
];

type Status = (typeof DELIVERY_STATUSES)[number];
const isStatus = (s: string | null): s is Status => s !== null && (DELIVERY_STATUSES as readonly string[]).includes(s);

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePermission(request, "manage:integrations");
  const db = getDb();
  const integration = await orRouteError(() => requireIntegration(db, params.integrationId));
  const search = new URL(request.url).searchParams;
  const endpoints = await listEndpoints(db, integration.id);
  const endpointFilter = endpoints.some((e) => e.id === search.get("endpoint")) ? search.get("endpoint") : null;
  const status = search.get("status");
  const statusFilter = isStatus(status) ? status : null;
  // each delivery with its attempts, newest first, for the row's disclosure (at most MAX_ATTEMPTS a message)
  const deliveries = await Promise.all(
    (await listDeliveries(db, integration.id, { endpointId: endpointFilter, status: statusFilter })).map(async (d) => ({
      ...d,
      attemptLog: await listAttempts(db, d.id),
    })),
  );
  const editing = endpoints.find((e) => e.id === search.get("edit")) ?? null;
  return {
    integration: {
      id: integration.id,
      name: integration.name,
      allowPrivateTargets: integration.allowPrivateTargets,
      disabledAt: integration.disabledAt,
    },
    endpoints,
    deliveries,
    filters: { endpoint: endpointFilter, status: statusFilter },
    statuses: DELIVERY_STATUSES, // from the loader: db/webhooks.server stays out of the browser bundle
    editing,
    now: Date.now(),
  };
}

const endpointForm = (t: Translator["t"]) =>
  z.object({
    intent: z.enum(["create", "update"]),
    url: z
      .string({ error: t("webhooks.field.urlRequired") })
      .trim()
      .min(1, t("webhooks.field.urlRequired"))
      .max(2000, t("webhooks.field.urlTooLong")),
    description: z.string().trim().max(300, t("webhooks.field.descriptionTooLong")).default(""),
    active: z.literal("1").optional(),
  });

/** a signing secret to show once: a new endpoint's, or a rotated one */
type Secret = { url: string; value: string; rotated: boolean };

export async function action({ request, params }: Route.ActionArgs) {
  const { answer, dispatch } = intentActions<{ secret: Secret | null }>({ secret: null });
  const actor = await requirePermission(request, "manage:integrations");
  const { t } = translator((await viewerLocale(request, actor)).uiLanguage);
  const db = getDb();
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const id = params.integrationId;
  const endpointId = String(form.get("endpointId") ?? "");
  const save = async () => {
    const parsed = parseForm(endpointForm(t), form);
    if (!parsed.ok) return answer(intent, { fieldErrors: parsed.fieldErrors }, 400);
    // several checkboxes share the name: every checked one (unknown or none are refused with the field)
    const events = form.getAll("events").map(String);
    const input = {
      url: parsed.data.url,
      events,
      description: parsed.data.description,
      active: parsed.data.active === "1",
    };
    if (intent === "create") {
      const { endpoint, secret } = await addEndpoint(db, id, input, actor.id);
      return answer(intent, { secret: { url: endpoint.url, value: secret, rotated: false } });
    }
    await changeEndpoint(db, id, endpointId, input, actor.id);
    return answer(intent, { message: t("webhooks.saved") });
  };
  return dispatch(
    intent,
    {
      create: save,
      update: save,
      toggle: async () => {
        const endpoint = getEndpoint(db, id, endpointId);
        // the address is unchanged (it was vetted when saved, and every delivery vets it again)
        await updateEndpoint(
          db,
          id,
          endpointId,
          { url: endpoint.url, events: endpoint.events, active: !endpoint.active },
          actor.id,
        );
        return answer(intent, {
          message: t(endpoint.active ? "webhooks.pausedDone" : "webhooks.resumedDone", { url: endpoint.url }),
        });
      },
      delete: async () => {
        const endpoint = getEndpoint(db, id, endpointId);
        await deleteEndpoint(db, id, endpointId, actor.id);
        return answer(intent, { message: t("webhooks.deletedDone", { url: endpoint.url }) });
      },
      rotate: async () => {
        const endpoint = getEndpoint(db, id, endpointId);
        const secret = await rotateEndpointSecret(db, id, endpointId, actor.id);
        return answer(intent, { secret: { url: endpoint.url, value: secret, rotated: true } });
      },
      test: async () => {
        const endpoint = getEndpoint(db, id, endpointId);
        await sendTestEvent(db, id, endpointId, actor.id);
        nudgeWebhooks(db);
        return answer(intent, {
          message: t(endpoint.active ? "webhooks.testQueued" : "webhooks.testQueuedPaused", { url: endpoint.url }),
        });
      },
      resend: async () => {
        const messageId = String(form.get("messageId") ?? "");
        await resendMessage(db, id, messageId, actor.id);
        nudgeWebhooks(db);
        return answer(intent, { message: t("webhooks.resendQueued", { id: messageId }) });
      },
    },
    { unknownIntent: t("webhooks.unknownIntent"), before: () => requireIntegration(db, id) },
  );
}

type LoaderData = Route.ComponentProps["loaderData"];
type Endpoint = LoaderData["endpoints"][number];
type Delivery = LoaderData["deliveries"][number];

function EndpointFields({
  errors,
  defaults,
  idPrefix,
}: {
  errors: FieldErrors;
  defaults: { url: string; description: string; events: readonly string[]; active: boolean };
  idPrefix: string;
}) {
  const { t } = useT();
  return (
    <>
      <FormField
        id={`${idPrefix}-url`}
        label={t("webhooks.field.url")}
        error={errors.url}
        hint={t("webhooks.field.urlHint")}
      >
        {(p) => (
          <input
            {...p}
            name="url"
            type="text"
            inputMode="url"
            required
            maxLength={2000}
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://hooks.example.com/stepwise"
            defaultValue={defaults.url}
          />
        )}
      </FormField>
      <FormField id={`${idPrefix}-description`} label={t("webhooks.field.description")} error={errors.description}>
        {(p) => (
          <input {...p} name="description" maxLength={300} autoComplete="off" defaultValue={defaults.description} />
        )}
      </FormField>
      <fieldset
        className="form-field webhook-events-fieldset"
        aria-describedby={errors.events ? `${idPrefix}-events-error` : undefined}
        aria-invalid={errors.events ? true : undefined}
      >
        <legend>{t("webhooks.field.events")}</legend>
        <div className="webhook-event-grid">
          {WEBHOOK_EVENTS.map((e) => (
            <label className="checkbox-row" key={e}>
              <input type="checkbox" name="events" value={e} defaultChecked={defaults.events.includes(e)} />
              <span>
                <code dir="ltr">{e}</code>
                <span className="muted small webhook-event-hint">{t(`webhooks.event.${e}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.events ? (
          <p className="field-error" id={`${idPrefix}-events-error`}>
            {errors.events}
          </p>
        ) : null}
      </fieldset>
      <label className="checkbox-row">
        <input type="checkbox" name="active" value="1" defaultChecked={defaults.active} />
        <span>{t("webhooks.field.active")}</span>
      </label>
    </>
  );
}

function StatusBadge({ status }: { status: Delivery["status"] }) {
  const { t } = useT();
  const tone = status === "delivered" ? "badge-success" : status === "failed" ? "badge-danger" : "badge-warning";
  return <span className={`badge ${tone}`}>{t(`webhooks.status.${status}`)}</span>;
}

export default function WebhooksPage({ loaderData, actionData: result }: Route.ComponentProps) {
  const { integration, endpoints, deliveries, filters, statuses, editing, now } = loaderData;
  const { t, date, number } = useT();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const errorsOf = (intent: string): FieldErrors => (result?.intent === intent ? result.fieldErrors : {});
  const base = `/admin/integrations/${integration.id}/webhooks`;
  const when = (ms: number) => (
    <time dateTime={new Date(ms).toISOString()}>{date(ms, { dateStyle: "short", timeStyle: "medium" })}</time>
  );
  const deliveryColumns: Column<Delivery>[] = [
    { id: "created", header: t("webhooks.log.created"), primary: true, cell: (d) => when(d.createdAt) },
    {
      id: "event",
      header: t("webhooks.log.event"),
      cell: (d) => (
        <span className="integration-name">
          <code dir="ltr">{d.eventType}</code>
          <code className="dt-sub webhook-msg-id" dir="ltr" aria-label={t("webhooks.log.messageIdOf", { id: d.id })}>
            {d.id}
          </code>
        </span>
      ),
    },
    {
      id: "endpoint",
      header: t("webhooks.log.endpoint"),
      cell: (d) => (
        <span className="small webhook-url" dir="ltr">
          {d.url}
        </span>
      ),
    },
    { id: "status", header: t("webhooks.log.status"), cell: (d) => <StatusBadge status={d.status} /> },
    {
      id: "attempts",
      header: t("webhooks.log.attempts"),
      cell: (d) =>
        d.attemptLog.length === 0 ? (
          <span className="muted">{t("webhooks.attempts.none")}</span>
        ) : (
          <details className="webhook-attempts">
            <summary aria-label={t("webhooks.attempts.summaryLabel", { count: d.attempts, id: d.id })}>
              {t("webhooks.attempts.summary", { count: d.attempts })}
            </summary>
            <ol className="webhook-attempt-list">
              {d.attemptLog.map((a) => (
                <li key={a.id}>
                  <p className="webhook-attempt-head">
                    {when(a.at)}
                    <span className={a.statusCode !== null && a.statusCode < 300 ? "webhook-ok" : "webhook-bad"}>
                      {a.statusCode !== null
                        ? number(a.statusCode, { useGrouping: false })
                        : t("webhooks.log.noAnswer")}
                    </span>
                    <span className="muted">{t("webhooks.log.ms", { ms: a.durationMs })}</span>
                  </p>
                  {a.error ? <p className="field-error">{a.error}</p> : null}
                  {a.responseExcerpt ? (
                    <pre className="webhook-excerpt" dir="ltr" aria-label={t("webhooks.attempts.answer")}>
                      {a.responseExcerpt}
                    </pre>
                  ) : null}
                </li>
              ))}
            </ol>
          </details>
        ),
    },
    {
      id: "code",
      header: t("webhooks.log.code"),
      cell: (d) => (
        <span className="integration-name">
          {d.lastStatusCode !== null ? (
            <span className={d.lastStatusCode < 300 ? "webhook-ok" : "webhook-bad"}>
              {number(d.lastStatusCode, { useGrouping: false })}
            </span>
          ) : (
            <span className="muted">{d.lastError ? t("webhooks.log.noAnswer") : "—"}</span>
          )}
          {d.lastDurationMs !== null ? (
            <span className="dt-sub">{t("webhooks.log.ms", { ms: d.lastDurationMs })}</span>
          ) : null}
        </span>
      ),
    },
    {
      id: "next",
      header: t("webhooks.log.next"),
      cell: (d) =>
        d.status === "pending" ? (
          d.nextAttemptAt <= now ? (
            t("webhooks.log.nextNow")
          ) : (
            when(d.nextAttemptAt)
          )
        ) : d.status === "delivered" && d.deliveredAt ? (
          <span className="muted">
            {t("webhooks.log.deliveredAt", { date: date(d.deliveredAt, { dateStyle: "medium", timeStyle: "medium" }) })}
          </span>
        ) : (
          <span className="muted">{t("webhooks.log.gaveUp")}</span>
        ),
    },
    {
      id: "error",
      header: t("webhooks.log.error"),
      cell: (d) =>
        d.lastError ? <span className="webhook-error">{d.lastError}</span> : <span className="muted">—</span>,
    },
    {
      id: "actions",
      header: t("webhooks.log.actions"),
      hideHeader: true,
      cell: (d) => (
        <Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value="resend" />
          <input type="hidden" name="messageId" value={d.id} />
          <button
            type="submit"
            className="button button-small"
            aria-label={t("webhooks.log.resendLabel", { id: d.id })}
          >
            {t("webhooks.log.resend")}
          </button>
        </Form>
      ),
    },
  ];

  const createErrors = errorsOf("create");
  const updateErrors = errorsOf("update");
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">
          <Link to={`/admin/integrations/${integration.id}`}>{t("webhooks.back", { name: integration.name })}</Link>
        </p>
        <h1>{t("webhooks.title")}</h1>
        <p className="muted">{t("webhooks.intro")}</p>
        <p className="small">
          <a href="#deliveries">{t("webhooks.log.title")}</a>
        </p>
      </header>
      <SuccessNotice message={result?.message} />
      {result?.fieldErrors.form ? (
        <div className="alert alert-error" role="alert">
          {result.fieldErrors.form}
        </div>
      ) : null}
      {integration.disabledAt ? (
        <div className="alert alert-warning" role="note">
          {t("webhooks.integrationOff")}
        </div>
      ) : null}
      {integration.allowPrivateTargets ? (
        <div className="alert alert-warning" role="note">
          {t("webhooks.privateAllowed")}
        </div>
      ) : null}
      {result?.secret ? (
        <div className="alert alert-success stack webhook-secret" role="status">
          <p>
            {result.secret.rotated
              ? t("webhooks.secret.rotated", { url: result.secret.url })
              : t("webhooks.secret.created", { url: result.secret.url })}
          </p>
          <SecretReveal
            id="webhook-secret"
            label={t("webhooks.secret.label")}
            value={result.secret.value}
            hint={t("webhooks.secret.hint")}
          />
        </div>
      ) : null}

      <div className="stack">
        <section aria-labelledby="endpoints-title" className="card stack">
          <h2 id="endpoints-title">{t("webhooks.endpoints.title")}</h2>
          {endpoints.length === 0 ? <p className="muted">{t("webhooks.endpoints.empty")}</p> : null}
          <ul className="webhook-endpoints">
            {endpoints.map((e: Endpoint) => (
              <li key={e.id} className="webhook-endpoint" data-endpoint={e.url}>
                {editing?.id === e.id ? (
                  <Form method="post" className="stack" noValidate aria-labelledby={`edit-${e.id}-title`}>
                    <h3 id={`edit-${e.id}-title`}>{t("webhooks.edit.title")}</h3>
                    <input type="hidden" name="intent" value="update" />
                    <input type="hidden" name="endpointId" value={e.id} />
                    <EndpointFields
                      idPrefix={`edit-${e.id}`}
                      errors={updateErrors}
                      defaults={{ url: e.url, description: e.description, events: e.events, active: e.active }}
                    />
                    <div className="form-actions">
                      <button className="button button-primary" type="submit" disabled={busyIntent === "update"}>
                        {busyIntent === "update" ? t("webhooks.saving") : t("webhooks.save")}
                      </button>
                      <Link className="button" to={base}>
                        {t("webhooks.cancel")}
                      </Link>
                    </div>
                  </Form>
                ) : (
                  <>
                    <div className="webhook-endpoint-head">
                      <h3 className="webhook-url" dir="ltr">
                        {e.url}
                      </h3>
                      {e.active ? (
                        <span className="badge badge-success">{t("webhooks.endpoint.active")}</span>
                      ) : (
                        <span className="badge badge-muted">{t("webhooks.endpoint.paused")}</span>
                      )}
                    </div>
                    {e.description ? <p>{e.description}</p> : null}
                    <ul className="scope-list inline-list" aria-label={t("webhooks.endpoint.eventsLabel")}>
                      {e.events.map((ev) => (
                        <li key={ev}>
                          <code dir="ltr">{ev}</code>
                        </li>
                      ))}
                    </ul>
                    <p className="muted small">
                      {t("webhooks.endpoint.counts", { pending: e.pending, failed: e.failed })}
                      {e.previousSecretUntil && e.previousSecretUntil > now ? (
                        <>
                          {" · "}
                          {t("webhooks.endpoint.rotating", {
                            date: date(e.previousSecretUntil, { dateStyle: "medium", timeStyle: "short" }),
                          })}
                        </>
                      ) : null}
                    </p>
                    <div className="webhook-endpoint-actions">
                      <Link
                        className="button button-small"
                        to={`${base}?edit=${e.id}`}
                        aria-label={t("webhooks.endpoint.editLabel", { url: e.url })}
                      >
                        {t("webhooks.endpoint.edit")}
                      </Link>
                      <Form method="post">
                        <input type="hidden" name="intent" value="test" />
                        <input type="hidden" name="endpointId" value={e.id} />
                        <button
                          type="submit"
                          className="button button-small"
                          aria-label={t("webhooks.endpoint.testLabel", { url: e.url })}
                        >
                          {t("webhooks.endpoint.test")}
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="toggle" />
                        <input type="hidden" name="endpointId" value={e.id} />
                        <button
                          type="submit"
                          className="button button-small"
                          aria-label={t(e.active ? "webhooks.endpoint.pauseLabel" : "webhooks.endpoint.resumeLabel", {
                            url: e.url,
                          })}
                        >
                          {e.active ? t("webhooks.endpoint.pause") : t("webhooks.endpoint.resume")}
                        </button>
                      </Form>
                      <Form
                        method="post"
                        onSubmit={(ev) => {
                          if (!window.confirm(t("webhooks.endpoint.rotateConfirm"))) ev.preventDefault();
                        }}
                      >
                        <input type="hidden" name="intent" value="rotate" />
                        <input type="hidden" name="endpointId" value={e.id} />
                        <button
                          type="submit"
                          className="button button-small"
                          aria-label={t("webhooks.endpoint.rotateLabel", { url: e.url })}
                        >
                          {t("webhooks.endpoint.rotate")}
                        </button>
                      </Form>
                      <Form
                        method="post"
                        onSubmit={(ev) => {
                          if (!window.confirm(t("webhooks.endpoint.deleteConfirm", { url: e.url })))
                            ev.preventDefault();
                        }}
                      >
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="endpointId" value={e.id} />
                        <button
                          type="submit"
                          className="button button-small button-danger"
                          aria-label={t("webhooks.endpoint.deleteLabel", { url: e.url })}
                        >
                          {t("webhooks.endpoint.delete")}
                        </button>
                      </Form>
                    </div>
                  </>
                )}
              </li>
            ))}
          </ul>

          <Form
            method="post"
            className="stack webhook-new"
            noValidate
            aria-labelledby="new-endpoint-title"
            key={result?.intent === "create" && result.secret ? result.secret.value : "new"}
          >
            <h3 id="new-endpoint-title">{t("webhooks.new.title")}</h3>
            <input type="hidden" name="intent" value="create" />
            <EndpointFields
              idPrefix="new"
              errors={createErrors}
              defaults={{ url: "", description: "", events: ["run.completed"], active: true }}
            />
            <div className="form-actions">
              <button className="button button-primary" type="submit" disabled={busyIntent === "create"}>
                {busyIntent === "create" ? t("webhooks.new.busy") : t("webhooks.new.submit")}
              </button>
            </div>
          </Form>
        </section>

        <section id="deliveries" aria-labelledby="deliveries-title" className="card stack">
          <h2 id="deliveries-title">{t("webhooks.log.title")}</h2>
          <p className="muted">{t("webhooks.log.intro")}</p>
          <Form method="get" className="webhook-filters" preventScrollReset>
            <FormField id="filter-endpoint" label={t("webhooks.log.filterEndpoint")}>
              {(p) => (
                <select {...p} name="endpoint" defaultValue={filters.endpoint ?? ""}>
                  <option value="">{t("webhooks.log.allEndpoints")}</option>
                  {endpoints.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.url}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="filter-status" label={t("webhooks.log.filterStatus")}>
              {(p) => (
                <select {...p} name="status" defaultValue={filters.status ?? ""}>
                  <option value="">{t("webhooks.log.allStatuses")}</option>
                  {statuses.map((s) => (
                    <option key={s} value={s}>
                      {t(`webhooks.status.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <div className="webhook-filter-actions">
              <button type="submit" className="button">
                {t("webhooks.log.filter")}
              </button>
              <Link className="button" to={`${base}#deliveries`}>
                {t("webhooks.log.refresh")}
              </Link>
            </div>
          </Form>

          <DataTable
            caption={t("webhooks.log.caption", { name: integration.name })}
            columns={deliveryColumns}
            rows={deliveries}
            rowKey={(d) => d.id}
            rowProps={(d) => ({ "data-message": d.id, "data-event": d.eventType })}
            // a sort (fixed: newest first, no sortable column) makes the rows stack as cards on narrow screens
            sort={{ key: "created", dir: "desc" }}
            summary={t("webhooks.log.summary", { count: deliveries.length })}
            empty={
              <p className="muted">
                {filters.endpoint || filters.status ? t("webhooks.log.emptyFiltered") : t("webhooks.log.empty")}
              </p>
            }
          />
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
