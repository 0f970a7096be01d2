import { Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin.integration";
import { listAudit } from "../../db/audit.server";
import { getDb } from "../../db/client.server";
import {
  createApiToken,
  listApiTokens,
  parseOrigins,
  requireIntegration,
  revokeApiToken,
  rotateLaunchSecret,
  setIntegrationDisabled,
  updateIntegration,
} from "../../db/integrations.server";
import { translator, type Translator } from "../../i18n";
import { SCOPES } from "../../integrations/scopes";
import { requirePermission } from "../auth/session.server";
import { DataTable, type Column } from "../components/data-table";
import { RouteErrorBoundary } from "../components/errors";
import { FormField } from "../components/form";
import { useT } from "../components/i18n";
import { IntegrationFields, integrationFields } from "../components/integrations/integration-fields";
import { SecretReveal } from "../components/integrations/secret-reveal";
import { intentActions, orRouteError } from "../http-errors.server";
import { parseForm, type FieldErrors } from "../lib/forms";
import { readForm } from "../lib/forms.server";
import { viewerLocale } from "../viewer-locale.server";
import "./admin.integrations.css";
import { SuccessNotice } from "../components/success-notice";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.integration.name ?? "Integration"} · Stepwise` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePermission(request, "manage:integrations");
  const db = getDb();
  const integration = await orRouteError(() => requireIntegration(db, params.integrationId));
  const { launchSecret: _secret, ...shown } = integration; // the secret never leaves the server after it was shown
  const origin = new URL(request.url).origin;
  return {
    integration: shown,
    tokens: await listApiTokens(db, integration.id),
    history: (await listAudit(db, { limit: 8, target: { type: "integration", id: integration.id } })).rows,
    launchUrl: `${origin}/embed/launch?token=…`,
    now: Date.now(),
  };
}

const EXPIRIES = ["30", "90", "365", "never"] as const;

const settingsForm = (t: Translator["t"]) =>
  z.object({
    intent: z.literal("save"),
    ...integrationFields(t),
    launchPublicKey: z.string().max(5000).default(""),
    allowPrivateTargets: z.literal("1").optional(),
  });

const tokenForm = (t: Translator["t"]) =>
  z.object({
    intent: z.literal("create-token"),
    name: z
      .string({ error: t("integrations.tokens.field.nameHint") })
      .trim()
      .min(1, t("integrations.tokens.field.nameHint"))
      .max(80),
    expiry: z.enum(EXPIRIES).default("90"),
  });

/** a secret to show once: a new token or a rotated launch secret */
type Secret = { kind: "token" | "launch"; name: string; value: string };

export async function action({ request, params }: Route.ActionArgs) {
  const { answer, dispatch } = intentActions<{ secret: Secret | null }>({ secret: null });
  const actor = await requirePermission(request, "manage:integrations");
  const { t } = translator((await viewerLocale(request, actor)).uiLanguage);
  const db = getDb();
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const id = params.integrationId;
  const switchTo = (disable: boolean) => async () => {
    await setIntegrationDisabled(db, id, disable, actor.id);
    return answer(intent, { message: t(disable ? "integrations.disabledDone" : "integrations.enabledDone") });
  };
  return dispatch(
    intent,
    {
      save: async () => {
        const parsed = parseForm(settingsForm(t), form);
        if (!parsed.ok) return answer(intent, { fieldErrors: parsed.fieldErrors }, 400);
        await updateIntegration(
          db,
          id,
          {
            name: parsed.data.name,
            description: parsed.data.description,
            allowedOrigins: parseOrigins(parsed.data.allowedOrigins),
            launchPublicKey: parsed.data.launchPublicKey,
            allowPrivateTargets: parsed.data.allowPrivateTargets === "1",
          },
          actor.id,
        );
        return answer(intent, { message: t("integrations.saved") });
      },
      disable: switchTo(true),
      enable: switchTo(false),
      "create-token": async () => {
        const parsed = parseForm(tokenForm(t), form);
        if (!parsed.ok) return answer(intent, { fieldErrors: parsed.fieldErrors }, 400);
        const { name, expiry } = parsed.data;
        // several checkboxes share the name: every checked one (unknown scopes are refused by createApiToken)
        const scopes = form.getAll("scopes").map(String);
        const { token, row } = await createApiToken(
          db,
          id,
          { name, scopes, expiresAt: expiry === "never" ? null : Date.now() + Number(expiry) * 86_400_000 },
          actor.id,
        );
        return answer(intent, { secret: { kind: "token", name: row.name, value: token } });
      },
      "revoke-token": async () => {
        const tokenId = String(form.get("tokenId") ?? "");
        const name = (await listApiTokens(db, id)).find((tk) => tk.id === tokenId)?.name ?? "";
        await revokeApiToken(db, id, tokenId, actor.id);
        return answer(intent, { message: t("integrations.tokens.revokedDone", { name }) });
      },
      "rotate-secret": async () => {
        const secret = await rotateLaunchSecret(db, id, actor.id);
        return answer(intent, { secret: { kind: "launch", name: "", value: secret } });
      },
    },
    { unknownIntent: "Choose what to do." },
  );
}

type Token = Route.ComponentProps["loaderData"]["tokens"][number];

export default function IntegrationPage({ loaderData, actionData: result }: Route.ComponentProps) {
  const { integration, tokens, history, launchUrl, now } = loaderData;
  const { t, date } = useT();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const errorsOf = (intent: string): FieldErrors => (result?.intent === intent ? result.fieldErrors : {});
  const settingsErrors = errorsOf("save");
  const tokenErrors = errorsOf("create-token");
  const when = (ms: number) => (
    <time dateTime={new Date(ms).toISOString()}>{date(ms, { dateStyle: "medium", timeStyle: "short" })}</time>
  );
  const tokenStatus = (tk: Token) =>
    tk.revokedAt ? (
      <span className="badge badge-muted">{t("integrations.tokens.revoked")}</span>
    ) : tk.expiresAt != null && tk.expiresAt <= now ? (
      <span className="badge badge-warning">{t("integrations.tokens.expired")}</span>
    ) : (
      <span className="badge badge-success">{t("integrations.tokens.active")}</span>
    );
  const tokenColumns: Column<Token>[] = [
    {
      id: "name",
      header: t("integrations.tokens.name"),
      primary: true,
      cell: (tk) => (
        <span className="integration-name">
          <span>{tk.name}</span>
          <code className="small" dir="ltr">
            sw_{tk.prefix}_…
          </code>
        </span>
      ),
    },
    {
      id: "scopes",
      header: t("integrations.tokens.scopes"),
      cell: (tk) => (
        <ul className="scope-list inline-list">
          {tk.scopes.map((s) => (
            <li key={s}>
              <code dir="ltr">{s}</code>
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: "created",
      header: t("integrations.tokens.created"),
      cell: (tk) => (
        <>
          {when(tk.createdAt)}
          {tk.createdByName ? (
            <span className="muted small"> {t("integrations.tokens.createdBy", { name: tk.createdByName })}</span>
          ) : null}
        </>
      ),
    },
    {
      id: "expires",
      header: t("integrations.tokens.expires"),
      cell: (tk) =>
        tk.expiresAt ? when(tk.expiresAt) : <span className="muted">{t("integrations.tokens.noExpiry")}</span>,
    },
    {
      id: "lastUsed",
      header: t("integrations.tokens.lastUsed"),
      cell: (tk) =>
        tk.lastUsedAt ? (
          <>
            {when(tk.lastUsedAt)}
            {tk.lastUsedIp ? (
              <span className="muted small"> {t("integrations.tokens.lastUsedFrom", { ip: tk.lastUsedIp })}</span>
            ) : null}
          </>
        ) : (
          <span className="muted">{t("integrations.list.never")}</span>
        ),
    },
    { id: "status", header: t("integrations.tokens.status"), cell: tokenStatus },
    {
      id: "actions",
      header: t("integrations.tokens.revoke"),
      hideHeader: true,
      cell: (tk) =>
        tk.revokedAt ? null : (
          <Form
            method="post"
            onSubmit={(e) => {
              if (!window.confirm(t("integrations.tokens.revokeConfirm", { name: tk.name }))) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="revoke-token" />
            <input type="hidden" name="tokenId" value={tk.id} />
            <button
              type="submit"
              className="button button-danger button-small"
              aria-label={t("integrations.tokens.revokeLabel", { name: tk.name })}
            >
              {t("integrations.tokens.revoke")}
            </button>
          </Form>
        ),
    },
  ];
  const sections = [
    ["settings", t("integrations.section.settings")],
    ["tokens", t("integrations.section.tokens")],
    ["embed", t("integrations.section.embed")],
    ["webhooks", t("integrations.section.webhooks")],
  ] as const;
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/admin/integrations">{t("integrations.back")}</Link>
        </p>
        <h1>
          {integration.name}{" "}
          {integration.disabledAt ? <span className="badge badge-muted">{t("integrations.status.off")}</span> : null}
        </h1>
        {integration.description ? <p className="muted">{integration.description}</p> : null}
        <nav aria-label={t("integrations.nav")} className="integration-sections">
          <ul>
            {sections.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{label}</a>
              </li>
            ))}
            <li>
              <Link to="/admin/integrations/api">{t("integrations.section.reference")}</Link>
            </li>
          </ul>
        </nav>
      </header>
      <SuccessNotice message={result?.message} />
      {integration.disabledAt ? (
        <div className="alert alert-warning" role="note">
          {t("integrations.disabledNotice")}
        </div>
      ) : null}
      {result?.fieldErrors.form ? (
        <div className="alert alert-error" role="alert">
          {result.fieldErrors.form}
        </div>
      ) : null}

      <div className="integration-sections-body stack">
        <section id="settings" aria-labelledby="settings-title" className="card stack">
          <h2 id="settings-title">{t("integrations.section.settings")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="save" />
            <IntegrationFields
              errors={settingsErrors}
              defaults={{
                name: integration.name,
                description: integration.description,
                allowedOrigins: integration.allowedOrigins,
              }}
            />
            <FormField
              id="launchPublicKey"
              label={t("integrations.field.publicKey")}
              error={settingsErrors.launchPublicKey}
              hint={t("integrations.field.publicKeyHint")}
            >
              {(p) => (
                <textarea
                  {...p}
                  name="launchPublicKey"
                  rows={4}
                  dir="ltr"
                  spellCheck={false}
                  className="mono"
                  defaultValue={integration.launchPublicKey ?? ""}
                />
              )}
            </FormField>
            <label className="checkbox-row">
              <input
                type="checkbox"
                name="allowPrivateTargets"
                value="1"
                defaultChecked={integration.allowPrivateTargets}
                aria-describedby="private-hint"
              />
              <span>
                {t("integrations.field.private")}
                <span className="muted small integration-hint" id="private-hint">
                  {t("integrations.field.privateHint")}
                </span>
              </span>
            </label>
            <div className="form-actions">
              <button className="button button-primary" type="submit" disabled={busyIntent === "save"}>
                {busyIntent === "save" ? t("integrations.saving") : t("integrations.save")}
              </button>
            </div>
          </Form>
          <Form method="post" className="integration-switch">
            <input type="hidden" name="intent" value={integration.disabledAt ? "enable" : "disable"} />
            <button type="submit" className={integration.disabledAt ? "button" : "button button-danger"}>
              {integration.disabledAt ? t("integrations.enable") : t("integrations.disable")}
            </button>
            <span className="muted small">{t("integrations.disableHint")}</span>
          </Form>
        </section>

        <section id="tokens" aria-labelledby="tokens-title" className="card stack">
          <h2 id="tokens-title">{t("integrations.section.tokens")}</h2>
          <p className="muted">{t("integrations.tokens.intro")}</p>
          {result?.secret?.kind === "token" ? (
            <div className="alert alert-success stack" role="status">
              <p>{t("integrations.tokens.shownOnce", { name: result.secret.name })}</p>
              <SecretReveal
                id="new-token"
                label={t("integrations.tokens.name")}
                value={result.secret.value}
                hint={t("integrations.tokens.usage")}
              />
            </div>
          ) : null}
          <DataTable
            caption={t("integrations.tokens.caption", { name: integration.name })}
            columns={tokenColumns}
            rows={tokens}
            rowKey={(tk) => tk.id}
            rowProps={(tk) => ({ "data-token": tk.name })}
            empty={<p>{t("integrations.tokens.empty")}</p>}
          />
          <Form method="post" className="stack token-form" noValidate aria-labelledby="new-token-title">
            <h3 id="new-token-title">{t("integrations.tokens.new")}</h3>
            <input type="hidden" name="intent" value="create-token" />
            {tokenErrors.form ? (
              <div className="alert alert-error" role="alert">
                {tokenErrors.form}
              </div>
            ) : null}
            <div className="grid-2">
              <FormField
                id="token-name"
                label={t("integrations.tokens.field.name")}
                error={tokenErrors.name}
                hint={t("integrations.tokens.field.nameHint")}
              >
                {(p) => <input {...p} name="name" required maxLength={80} autoComplete="off" />}
              </FormField>
              <FormField id="token-expiry" label={t("integrations.tokens.field.expiry")} error={tokenErrors.expiresAt}>
                {(p) => (
                  <select {...p} name="expiry" defaultValue="90">
                    {EXPIRIES.map((e) => (
                      <option key={e} value={e}>
                        {t(`integrations.tokens.expiry.${e}`)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            </div>
            <fieldset
              className="form-field scope-fieldset"
              aria-describedby={tokenErrors.scopes ? "token-scopes-error" : undefined}
            >
              <legend>{t("integrations.tokens.field.scopes")}</legend>
              {SCOPES.map((s) => (
                <label className="checkbox-row" key={s}>
                  <input type="checkbox" name="scopes" value={s} />
                  <span>
                    <code dir="ltr">{s}</code> <span className="muted small">{t(`integrations.scope.${s}`)}</span>
                  </span>
                </label>
              ))}
              {tokenErrors.scopes ? (
                <p className="field-error" id="token-scopes-error">
                  {tokenErrors.scopes}
                </p>
              ) : null}
            </fieldset>
            <div className="form-actions">
              <button className="button button-primary" type="submit" disabled={busyIntent === "create-token"}>
                {busyIntent === "create-token" ? t("integrations.tokens.busy") : t("integrations.tokens.submit")}
              </button>
            </div>
          </Form>
        </section>

        <section id="embed" aria-labelledby="embed-title" className="card stack">
          <h2 id="embed-title">{t("integrations.section.embed")}</h2>
          <p className="muted">{t("integrations.embed.intro")}</p>
          {integration.allowedOrigins.length === 0 ? (
            <div className="alert alert-warning" role="note">
              {t("integrations.embed.noOrigins")}
            </div>
          ) : null}
          <dl className="embed-facts">
            <dt>{t("integrations.embed.launchUrl")}</dt>
            <dd>
              <code dir="ltr">{launchUrl}</code>
            </dd>
            <dt>{t("integrations.embed.integrationId")}</dt>
            <dd>
              <code dir="ltr">{integration.id}</code>
            </dd>
            <dt>{t("integrations.embed.audience")}</dt>
            <dd>
              <code dir="ltr">stepwise</code>
            </dd>
            <dt>{t("integrations.embed.algorithm")}</dt>
            <dd>{integration.launchPublicKey ? t("integrations.embed.rs256") : t("integrations.embed.hs256")}</dd>
            <dt>{t("integrations.embed.claims")}</dt>
            <dd>
              <ul className="claim-list">
                <li>
                  <code dir="ltr">sub</code> — {t("integrations.embed.claim.sub")}
                </li>
                <li>
                  <code dir="ltr">iat</code>, <code dir="ltr">exp</code>, <code dir="ltr">jti</code> —{" "}
                  {t("integrations.embed.claim.exp")}
                </li>
                <li>
                  <code dir="ltr">sop</code> — {t("integrations.embed.claim.sop", { example: "late-missing-delivery" })}
                </li>
                <li>{t("integrations.embed.claim.ticket")}</li>
              </ul>
            </dd>
          </dl>
          {result?.secret?.kind === "launch" ? (
            <div className="alert alert-success stack" role="status">
              <p>{t("integrations.embed.rotated")}</p>
              <SecretReveal id="launch-secret" label={t("integrations.embed.secret")} value={result.secret.value} />
            </div>
          ) : (
            <p>
              <strong>{t("integrations.embed.secret")}:</strong>{" "}
              <span className="muted">{t("integrations.embed.secretHidden")}</span>
            </p>
          )}
          <Form
            method="post"
            onSubmit={(e) => {
              if (!window.confirm(t("integrations.embed.rotateConfirm"))) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="rotate-secret" />
            <button type="submit" className="button">
              {t("integrations.embed.rotate")}
            </button>
          </Form>
        </section>

        <section id="webhooks" aria-labelledby="webhooks-title" className="card stack">
          <h2 id="webhooks-title">{t("integrations.section.webhooks")}</h2>
          <p className="muted">{t("integrations.webhooks.intro")}</p>
          <p>
            <Link className="button" to={`/admin/integrations/${integration.id}/webhooks`}>
              {t("integrations.webhooks.open")}
            </Link>
          </p>
        </section>

        <section aria-labelledby="reference-title" className="card stack">
          <h2 id="reference-title">{t("integrations.section.reference")}</h2>
          <p className="muted">{t("integrations.reference.intro")}</p>
          <p>
            <Link className="button" to="/admin/integrations/api">
              {t("integrations.reference.open")}
            </Link>
          </p>
        </section>

        <section aria-labelledby="audit-title" className="card stack">
          <h2 id="audit-title">{t("integrations.audit")}</h2>
          <DataTable
            caption={t("integrations.audit.caption", { name: integration.name })}
            columns={[
              { id: "at", header: t("integrations.audit.when"), cell: (h) => when(h.at) },
              {
                id: "who",
                header: t("integrations.audit.who"),
                cell: (h) => h.actorName ?? t("integrations.audit.system"),
              },
              { id: "what", header: t("integrations.audit.what"), primary: true, cell: (h) => h.summary },
            ]}
            rows={history}
            rowKey={(h) => String(h.id)}
            empty={<p className="muted">{t("integrations.audit.empty")}</p>}
          />
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
