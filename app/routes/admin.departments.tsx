import { data, Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin.departments";
import { getDb } from "../../db/client.server";
import { createDepartment, listDepartments, renameDepartment } from "../../db/users.server";
import { formRefusal } from "../http-errors.server";
import { setDepartmentRequiresCertification } from "../../db/training.server";
import { translator, type Translator } from "../../i18n";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { FormField } from "../components/form";
import { useT } from "../components/i18n";
import "../components/summary-card.css";
import type { FieldErrors } from "../lib/forms";
import { readFormWith } from "../lib/forms.server";
import { viewerLocale } from "../viewer-locale.server";
import { SuccessNotice } from "../components/success-notice";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data && "title" in data ? data.title : "Departments"} · Stepwise` },
];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "manage:departments");
  return {
    title: translator((await viewerLocale(request, user)).uiLanguage).t("app.nav.departments"),
    departments: await listDepartments(getDb()),
  };
}

const departmentForm = (t: Translator["t"]) =>
  z.object({
    intent: z.enum(["create", "update"]),
    id: z.coerce.number().int().positive().optional(),
    name: z.string().trim().min(2, t("tables.departments.nameTooShort")).max(80, t("tables.departments.nameTooLong")),
    description: z.string().trim().max(300, t("tables.departments.descriptionTooLong")).default(""),
    requireCertification: z.literal("1").optional(),
  });

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "manage:departments");
  const { t } = translator((await viewerLocale(request, actor)).uiLanguage);
  const parsed = await readFormWith(request, departmentForm(t));
  if (!parsed.ok)
    return data({ fieldErrors: parsed.fieldErrors, message: null, id: null as number | null }, { status: 400 });
  const { intent, id, name, description, requireCertification } = parsed.data;
  try {
    if (intent === "update" && id) {
      await renameDepartment(getDb(), id, { name, description }, actor.id);
      const before = (await listDepartments(getDb())).find((d) => d.id === id)?.requireCertification ?? false;
      // Audited only when it changes.
      if (before !== (requireCertification === "1"))
        await setDepartmentRequiresCertification(getDb(), {
          departmentId: id,
          value: requireCertification === "1",
          actorId: actor.id,
        });
      return { fieldErrors: {}, message: t("tables.departments.saved", { name }), id };
    }
    await createDepartment(getDb(), { name, description }, actor.id);
    return { fieldErrors: {}, message: t("tables.departments.created", { name }), id: null };
  } catch (e) {
    const refusal = formRefusal(e);
    if (refusal)
      return data({ fieldErrors: refusal.fieldErrors, message: null, id: id ?? null }, { status: refusal.status });
    throw e;
  }
}

export default function Departments({ loaderData, actionData: result }: Route.ComponentProps) {
  const { departments } = loaderData;
  const busy = useNavigation().state === "submitting";
  const { t } = useT();
  const createErrors: FieldErrors = result && result.id === null ? result.fieldErrors : {};
  return (
    <>
      <header className="page-header">
        <h1>{t("app.nav.departments")}</h1>
        <p className="muted">{t("tables.departments.intro")}</p>
      </header>
      <SuccessNotice message={result?.message} />
      <div className="departments-layout">
        <section aria-labelledby="list-title" className="departments-list">
          <h2 id="list-title" className="visually-hidden">
            {t("tables.departments.all")}
          </h2>
          {departments.map((d) => {
            const errors: FieldErrors = result && result.id === d.id ? result.fieldErrors : {};
            return (
              <Form method="post" key={d.id} className="card department-card" aria-labelledby={`dept-${d.id}-title`}>
                <div className="department-card-head">
                  <h3 id={`dept-${d.id}-title`}>{d.name}</h3>
                  <ul className="department-counts" aria-label={t("tables.departments.countsOf", { name: d.name })}>
                    <li>
                      <Link
                        className="badge"
                        to={`/admin/users?department=${d.id}&status=active`}
                        data-testid="members"
                      >
                        {t("tables.departments.members", { count: d.members })}
                      </Link>
                    </li>
                    <li>
                      <Link
                        className="badge badge-muted"
                        to={`/library?department=${encodeURIComponent(d.slug)}`}
                        data-testid="procedures"
                      >
                        {t("tables.departments.procedures", { count: d.sops })}
                      </Link>
                    </li>
                  </ul>
                </div>
                <input type="hidden" name="intent" value="update" />
                <input type="hidden" name="id" value={d.id} />
                <div className="department-fields">
                  <FormField
                    id={`name-${d.id}`}
                    label={t("tables.departments.name")}
                    error={errors.name ?? errors.form}
                  >
                    {(p) => <input {...p} name="name" defaultValue={d.name} required />}
                  </FormField>
                  <FormField
                    id={`description-${d.id}`}
                    label={t("tables.departments.description")}
                    error={errors.description}
                  >
                    {(p) => <input {...p} name="description" defaultValue={d.description} />}
                  </FormField>
                </div>
                <label className="checkbox department-cert">
                  <input
                    type="checkbox"
                    name="requireCertification"
                    value="1"
                    defaultChecked={d.requireCertification}
                    aria-describedby={`cert-${d.id}-hint`}
                  />
                  <span>
                    {t("tables.departments.requireCertification")}
                    <span className="muted small department-cert-hint" id={`cert-${d.id}-hint`}>
                      {t("tables.departments.requireCertificationHint")}
                    </span>
                  </span>
                </label>
                <div className="form-actions">
                  <button className="button" type="submit" disabled={busy} aria-describedby={`dept-${d.id}-title`}>
                    {t("tables.departments.save")}
                  </button>
                </div>
              </Form>
            );
          })}
          {departments.length === 0 ? <p className="empty-state">{t("tables.departments.empty")}</p> : null}
        </section>
        <Form method="post" className="card stack department-new" aria-labelledby="new-title" noValidate>
          <h2 id="new-title">{t("tables.departments.new")}</h2>
          <input type="hidden" name="intent" value="create" />
          <FormField id="new-name" label={t("tables.departments.name")} error={createErrors.name ?? createErrors.form}>
            {(p) => <input {...p} name="name" required />}
          </FormField>
          <FormField id="new-description" label={t("tables.departments.description")} error={createErrors.description}>
            {(p) => <input {...p} name="description" />}
          </FormField>
          <div className="form-actions">
            <button className="button button-primary" type="submit" disabled={busy}>
              {t("tables.departments.create")}
            </button>
          </div>
        </Form>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
