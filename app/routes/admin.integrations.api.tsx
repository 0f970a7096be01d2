import { Link } from "react-router";
import type { Route } from "./+types/admin.integrations.api";
import { referenceOf, type ReferenceField, type ReferenceOperation } from "../../integrations/openapi";
import { SCOPES } from "../../integrations/scopes";
import { translator } from "../../i18n";
import { API_RATE_PER_MINUTE } from "../auth/api-auth.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";
import { viewerLocale } from "../viewer-locale.server";
import "./admin.integrations.api.css";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? "API reference"} · Stepwise` }];

/** Admin → Integrations → API reference: the OpenAPI document, read by our own components (no viewer script). */
export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "manage:integrations");
  const origin = new URL(request.url).origin;
  return {
    title: translator((await viewerLocale(request, user)).uiLanguage).t("apiref.title"),
    origin,
    tags: referenceOf(origin),
    ratePerMinute: API_RATE_PER_MINUTE,
  };
}

/** The descriptions' `code` spans as <code> (plain text otherwise: nothing in them is markup). */
function Prose({ text }: { text: string }) {
  return <>{text.split(/`([^`]+)`/g).map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}</>;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function FieldTable({
  caption,
  fields,
  withIn,
}: {
  caption: string;
  fields: (ReferenceField & { in?: string })[];
  withIn?: boolean;
}) {
  const { t } = useT();
  return (
    <div className="apiref-table-wrap">
      <table className="apiref-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("apiref.col.name")}</th>
            {withIn ? <th scope="col">{t("apiref.col.in")}</th> : null}
            <th scope="col">{t("apiref.col.type")}</th>
            <th scope="col">{t("apiref.col.required")}</th>
            <th scope="col">{t("apiref.col.description")}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={`${f.in ?? ""}${f.name}`}>
              <th scope="row" dir="ltr">
                <code>{f.name}</code>
              </th>
              {withIn ? (
                <td dir="ltr" data-label={t("apiref.col.in")}>
                  {f.in}
                </td>
              ) : null}
              <td dir="ltr" data-label={t("apiref.col.type")}>
                <code className="apiref-type">{f.type}</code>
              </td>
              <td>
                {f.required ? <strong>{t("apiref.yes")}</strong> : <span className="muted">{t("apiref.no")}</span>}
              </td>
              <td dir="ltr" lang="en" className="apiref-field-desc">
                <Prose text={f.description} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Operation({ op }: { op: ReferenceOperation }) {
  const { t } = useT();
  const auth =
    op.auth === "public"
      ? t("apiref.auth.public")
      : op.auth === "session"
        ? t("apiref.auth.session")
        : t("apiref.auth.token");
  return (
    <article className="card apiref-op" id={`op-${op.id}`} aria-labelledby={`op-${op.id}-title`}>
      <header className="apiref-op-head">
        <h3 id={`op-${op.id}-title`} dir="ltr">
          <span className={`apiref-method apiref-method-${op.method.toLowerCase()}`}>{op.method}</span>
          <code className="apiref-path">{op.path}</code>
        </h3>
        <p className="apiref-summary" lang="en" dir="ltr">
          {op.summary}
        </p>
        <p className="apiref-badges">
          {op.scope ? (
            <span className="badge">
              {t("apiref.scope")}: <code dir="ltr">{op.scope}</code>
            </span>
          ) : null}
          <span className="badge badge-muted">{auth}</span>
        </p>
      </header>
      {op.description ? (
        <p lang="en" dir="ltr" className="apiref-desc">
          <Prose text={op.description} />
        </p>
      ) : null}
      {op.params.length ? (
        <section>
          <h4>{t("apiref.params")}</h4>
          <FieldTable caption={`${op.method} ${op.path} — ${t("apiref.params")}`} fields={op.params} withIn />
        </section>
      ) : null}
      {op.body.length ? (
        <section>
          <h4>{t("apiref.body")}</h4>
          <FieldTable caption={`${op.method} ${op.path} — ${t("apiref.body")}`} fields={op.body} />
        </section>
      ) : null}
      <section>
        <h4>{t("apiref.responses")}</h4>
        <ul className="apiref-responses" dir="ltr">
          {op.responses.map((r) => (
            <li key={r.status}>
              <span className={`apiref-status apiref-status-${r.status[0]}`}>{r.status}</span>
              <span lang="en">
                <Prose text={r.description} />
              </span>
              {r.type ? <code className="apiref-type">{r.type}</code> : null}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h4>{t("apiref.example")}</h4>
        <pre
          className="apiref-code"
          dir="ltr"

          aria-label={`${t("apiref.example")}: ${op.method} ${op.path}`}
        >
          <code>{op.curl}</code>
        </pre>
      </section>
    </article>
  );
}

export default function ApiReference({ loaderData }: Route.ComponentProps) {
  const { tags, ratePerMinute, origin } = loaderData;
  const { t } = useT();
  return (
    <>
      <header className="page-header">
        <p className="small">
          <Link to="/admin/integrations">{t("apiref.back")}</Link>
        </p>
        <h1>{t("apiref.title")}</h1>
        <p className="muted">{t("apiref.intro")}</p>
        <p>
          <a className="button" href="/api/openapi.json" download="stepwise-openapi.json">
            {t("apiref.download")}
          </a>
        </p>
      </header>
      <div className="apiref-layout">
        <nav className="apiref-toc card" aria-labelledby="apiref-toc-title">
          <h2 id="apiref-toc-title">{t("apiref.contents")}</h2>
          <ol>
            <li>
              <a href="#getting-started">{t("apiref.start.title")}</a>
            </li>
            {tags.map((tag) => (
              <li key={tag.name}>
                <a href={`#tag-${slug(tag.name)}`}>{tag.name}</a>
                <ol>
                  {tag.operations.map((op) => (
                    <li key={op.id}>
                      <a href={`#op-${op.id}`} dir="ltr">
                        <span className={`apiref-method ` + `apiref-method-${op.method.toLowerCase()}`}>
                          {op.method}
                        </span>{" "}
                        {op.path}
                      </a>
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </nav>
        <div className="apiref-main">
          <section id="getting-started" className="card stack" aria-labelledby="getting-started-title">
            <h2 id="getting-started-title">{t("apiref.start.title")}</h2>
            <p>{t("apiref.start.auth")}</p>
            <pre className="apiref-code" dir="ltr" aria-label={t("apiref.example")}>
              <code>{`curl -H 'Authorization: Bearer sw_…' '${origin}/api/v1/sops'`}</code>
            </pre>
            <h3>{t("apiref.scopes")}</h3>
            <ul className="apiref-scopes">
              {SCOPES.map((s) => (
                <li key={s}>
                  <code dir="ltr">{s}</code> <span>{t(`integrations.scope.${s}`)}</span>
                </li>
              ))}
            </ul>
            <p>{t("apiref.start.errors")}</p>
            <p>{t("apiref.start.paging")}</p>
            <p>{t("apiref.start.limit", { count: ratePerMinute })}</p>
          </section>
          {tags.map((tag) => (
            <section
              key={tag.name}
              id={`tag-${slug(tag.name)}`}
              className="apiref-tag"
              aria-labelledby={`tag-${slug(tag.name)}-title`}
            >
              <header className="apiref-tag-head">
                <h2 id={`tag-${slug(tag.name)}-title`}>{tag.name}</h2>
                <p className="muted">
                  <span lang="en" dir="ltr">
                    {tag.description}
                  </span>{" "}
                  · {t("apiref.operations", { count: tag.operations.length })}
                </p>
              </header>
              {tag.operations.map((op) => (
                <Operation key={op.id} op={op} />
              ))}
            </section>
          ))}
        </div>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
