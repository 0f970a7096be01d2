import { data, Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin.integrations";
import { getDb } from "../../db/client.server";
import { createIntegration, listIntegrations, parseOrigins } from "../../db/integrations.server";
import { translator, type Translator } from "../../i18n";
import { requirePermission } from "../auth/session.server";
import { DataTable, type Column } from "../components/data-table";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";
import { IntegrationFields, integrationFields } from "../components/integrations/integration-fields";
import { SecretReveal } from "../components/integrations/secret-reveal";
import { formRefusal } from "../http-errors.server";
import type { FieldErrors } from "../lib/forms";
import { readFormWith } from "../lib/forms.server";
import { viewerLocale } from "../viewer-locale.server";
import "./admin.integrations.css";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? "Integrations"} · Stepwise` }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "manage:integrations");
  return {
    title: translator((await viewerLocale(request, user)).uiLanguage).t("integrations.title"),
    integrations: await listIntegrations(getDb()),
  };
}

const createForm = (t: Translator["t"]) => z.object(integrationFields(t));

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "manage:integrations");
  const { t } = translator((await viewerLocale(request, actor)).uiLanguage);
  const parsed = await readFormWith(request, createForm(t));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, created: null }, { status: 400 });
  try {
    const db = getDb();
    const created = await createIntegration(
      db,
      {
        name: parsed.data.name,
        description: parsed.data.description,
        allowedOrigins: parseOrigins(parsed.data.allowedOrigins),
      },
      actor.id,
    );
    // The launch secret is shown here once (as a token is): the settings page never shows it again.
    return {
      fieldErrors: {} as FieldErrors,
      created: { id: created.id, name: created.name, launchSecret: created.launchSecret },
    };
  } catch (e) {
    const refusal = formRefusal(e);
    if (refusal) return data({ fieldErrors: refusal.fieldErrors, created: null }, { status: refusal.status });
    throw e;
  }
}

type Row = Route.ComponentProps["loaderData"]["integrations"][number];

export default function Integrations({ loaderData, actionData: result }: Route.ComponentProps) {
  const { integrations } = loaderData;
  const { t, date } = useT();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = result?.fieldErrors ?? {};
  const columns: Column<Row>[] = [
    {
      id: "name",
      header: t("integrations.list.name"),
      primary: true,
      cell: (r) => (
        <span className="integration-name">
          <Link to={`/admin/integrations/${r.id}`}>{r.name}</Link>
          {r.description ? <span className="muted small">{r.description}</span> : null}
        </span>
      ),
    },
    {
      id: "origins",
      header: t("integrations.list.origins"),
      cell: (r) =>
        r.allowedOrigins.length ? (
          <span className="origin-list" title={r.allowedOrigins.join("\n")}>
            <bdi dir="ltr">{r.allowedOrigins[0]}</bdi>
            {r.allowedOrigins.length > 1 ? <span className="muted small"> +{r.allowedOrigins.length - 1}</span> : null}
          </span>
        ) : (
          <span className="muted">{t("integrations.originsCount", { count: 0 })}</span>
        ),
    },
    { id: "tokens", header: t("integrations.list.tokens"), numeric: true, cell: (r) => r.tokens },
    {
      id: "lastUsed",
      header: t("integrations.list.lastUsed"),
      cell: (r) =>
        r.lastUsedAt ? (
          <time dateTime={new Date(r.lastUsedAt).toISOString()}>
            {date(r.lastUsedAt, { dateStyle: "medium", timeStyle: "short" })}
          </time>
        ) : (
          <span className="muted">{t("integrations.list.never")}</span>
        ),
    },
    {
      id: "status",
      header: t("integrations.list.status"),
      cell: (r) =>
        r.disabledAt ? (
          <span className="badge badge-muted">{t("integrations.status.off")}</span>
        ) : (
          <span className="badge badge-success">{t("integrations.status.on")}</span>
        ),
    },
  ];
  return (
    <>
      <header className="page-header">
        <h1>{t("integrations.title")}</h1>
        <p className="muted">{t("integrations.intro")}</p>
      </header>
      {result?.created ? (
        <div className="card stack integration-created" role="status" aria-live="polite">
          <p>{t("integrations.created", { name: result.created.name })}</p>
          <SecretReveal
            id="created-secret"
            label={t("integrations.embed.secret")}
            value={result.created.launchSecret}
          />
          <p>
            <Link className="button button-primary" to={`/admin/integrations/${result.created.id}`}>
              {result.created.name} →
            </Link>
          </p>
        </div>
      ) : null}
      <div className="integrations-layout">
        <section aria-labelledby="integrations-list-title">
          <h2 id="integrations-list-title" className="visually-hidden">
            {t("integrations.list.caption")}
          </h2>
          <DataTable
            caption={t("integrations.list.caption")}
            columns={columns}
            rows={integrations}
            rowKey={(r) => r.id}
            rowProps={(r) => ({ "data-integration": r.name })}
            empty={<p>{t("integrations.list.empty")}</p>}
          />
        </section>
        <Form method="post" className="card stack" noValidate aria-labelledby="new-integration-title">
          <h2 id="new-integration-title">{t("integrations.new.title")}</h2>
          {errors.form ? (
            <div className="alert alert-error" role="alert">
              {errors.form}
            </div>
          ) : null}
          <IntegrationFields errors={errors} />
          <div className="form-actions">
            <button className="button button-primary" type="submit" disabled={busy}>
              {busy ? t("integrations.new.busy") : t("integrations.new.submit")}
            </button>
          </div>
        </Form>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
