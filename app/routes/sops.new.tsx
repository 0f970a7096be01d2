import { data, redirect } from "react-router";
import type { Route } from "./+types/sops.new";
import { getDb } from "../../db/client.server";
import { SOP_TEMPLATES } from "../../authoring/templates";
import { createSop, listDepartmentNames, newSopSchema } from "../authoring.server";
import { refusalOf } from "../http-errors.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { FormField } from "../components/form";
import { FormPage } from "../components/form-page";
import { DepartmentSelect } from "../components/selects";
import type { FieldErrors } from "../lib/forms";
import { readFormWith } from "../lib/forms.server";

export const meta: Route.MetaFunction = () => [{ title: "New SOP · Stepwise" }];

const LANGUAGES = [
  { tag: "en", name: "English" },
  { tag: "el", name: "Ελληνικά (Greek)" },
  { tag: "fa", name: "فارسی (Persian, right to left)" },
  { tag: "ar", name: "العربية (Arabic, right to left)" },
  { tag: "he", name: "עברית (Hebrew, right to left)" },
  { tag: "de", name: "Deutsch" },
  { tag: "fr", name: "Français" },
  { tag: "es", name: "Español" },
];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "edit:sop");
  const db = getDb();
  return {
    departments: listDepartmentNames(db, user),
    templates: SOP_TEMPLATES.map((t) => ({ id: t.id, name: t.name, description: t.description })),
    userDepartment: user.departmentId,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "edit:sop");
  const parsed = await readFormWith(request, newSopSchema);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  try {
    const { sopId } = await createSop(getDb(), actor, parsed.data);
    return redirect(`/sops/${sopId}/edit`);
  } catch (e) {
    const refusal = refusalOf(e);
    if (refusal) {
      const [field, ...rest] = refusal.message.split(": ");
      return data(
        {
          fieldErrors:
            rest.length && field && /^[a-z]+$/.test(field) ? { [field]: rest.join(": ") } : { form: refusal.message },
        },
        { status: refusal.status },
      );
    }
    throw e;
  }
}

export default function NewSop({ loaderData, actionData }: Route.ComponentProps) {
  const { departments, templates } = loaderData;
  const errors: FieldErrors = actionData?.fieldErrors ?? {};
  return (
    <FormPage
      title="New SOP"
      back={{ to: "/editor", label: "Editor" }}
      intro="It starts as a draft only authors see. You can change everything in the editor."
      error={errors.form}
      submitLabel="Create draft"
      busyLabel="Creating…"
    >
      <FormField
        id="title"
        label="Title"
        error={errors.title}
        hint="What the agent is doing, e.g. “Replace a lost card”."
      >
        {(p) => <input {...p} name="title" autoComplete="off" required minLength={3} maxLength={120} />}
      </FormField>
      <FormField id="department" label="Department" error={errors.department}>
        {(p) => <DepartmentSelect {...p} name="department" defaultValue={departments[0]} departments={departments} />}
      </FormField>
      <FormField
        id="language"
        label="Language"
        error={errors.language}
        hint="Right-to-left languages lay out right to left for agents."
      >
        {(p) => (
          <select {...p} name="language" defaultValue="en">
            {LANGUAGES.map((l) => (
              <option key={l.tag} value={l.tag}>
                {l.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <fieldset className="form-field template-choice">
        <legend>Start from</legend>
        {templates.map((t, i) => (
          <label key={t.id} className="radio template-option">
            <input
              type="radio"
              name="template"
              value={t.id}
              defaultChecked={
                i === (templates.findIndex((x) => x.id === "standard") + templates.length) % templates.length
              }
            />
            <span>
              <strong>{t.name}</strong>
              <span className="muted small"> — {t.description}</span>
            </span>
          </label>
        ))}
        {errors.template ? <p className="field-error">{errors.template}</p> : null}
      </fieldset>
    </FormPage>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
