import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin.departments";
import { getDb } from "../../db/client.server";
import { createDepartment, listDepartments, renameDepartment, UserError } from "../../db/users.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { FormField } from "../components/form";
import type { FieldErrors } from "../lib/forms";
import { readFormWith } from "../lib/forms.server";

export const meta: Route.MetaFunction = () => [{ title: "Departments · Stepwise" }];

export function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "manage:departments");
  return { departments: listDepartments(getDb()) };
}

const DepartmentForm = z.object({
  intent: z.enum(["create", "update"]),
  id: z.coerce.number().int().positive().optional(),
  name: z.string().trim().min(2, "Enter a department name of at least 2 characters.").max(80, "Keep the name under 80 characters."),
  description: z.string().trim().max(300, "Keep the description under 300 characters.").default(""),
});

export async function action({ request }: Route.ActionArgs) {
  const actor = requirePermission(request, "manage:departments");
  const parsed = await readFormWith(request, DepartmentForm);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, message: null, id: null as number | null }, { status: 400 });
  const { intent, id, name, description } = parsed.data;
  try {
    if (intent === "update" && id) {
      renameDepartment(getDb(), id, { name, description }, actor.id);
      return { fieldErrors: {}, message: `Saved ${name}.`, id };
    }
    createDepartment(getDb(), { name, description }, actor.id);
    return { fieldErrors: {}, message: `Created ${name}.`, id: null };
  } catch (e) {
    if (e instanceof UserError) return data({ fieldErrors: { [e.field ?? "form"]: e.message }, message: null, id: id ?? null }, { status: 400 });
    throw e;
  }
}

export default function Departments() {
  const { departments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const createErrors: FieldErrors = result && result.id === null ? result.fieldErrors : {};
  return (
    <>
      <header className="page-header">
        <h1>Departments</h1>
        <p className="muted">Procedures and people belong to a department.</p>
      </header>
      {result?.message ? (
        <div className="alert alert-success" role="status">
          {result.message}
        </div>
      ) : null}
      <div className="grid-2">
        <section aria-labelledby="list-title" className="stack">
          <h2 id="list-title" className="visually-hidden">
            All departments
          </h2>
          {departments.map((d) => {
            const errors: FieldErrors = result && result.id === d.id ? result.fieldErrors : {};
            return (
              <Form method="post" key={d.id} className="card stack" aria-label={`Edit ${d.name}`}>
                <input type="hidden" name="intent" value="update" />
                <input type="hidden" name="id" value={d.id} />
                <p className="muted small">
                  {d.members} active members · {d.sops} procedures
                </p>
                <FormField id={`name-${d.id}`} label="Name" error={errors.name ?? errors.form}>
                  {(p) => <input {...p} name="name" defaultValue={d.name} required />}
                </FormField>
                <FormField id={`description-${d.id}`} label="Description" error={errors.description}>
                  {(p) => <input {...p} name="description" defaultValue={d.description} />}
                </FormField>
                <div className="form-actions">
                  <button className="button" type="submit" disabled={busy}>
                    Save
                  </button>
                </div>
              </Form>
            );
          })}
          {departments.length === 0 ? <p className="empty-state">No departments yet: create the first one.</p> : null}
        </section>
        <Form method="post" className="card stack" aria-labelledby="new-title" noValidate>
          <h2 id="new-title">New department</h2>
          <input type="hidden" name="intent" value="create" />
          <FormField id="new-name" label="Name" error={createErrors.name ?? createErrors.form}>
            {(p) => <input {...p} name="name" required />}
          </FormField>
          <FormField id="new-description" label="Description" error={createErrors.description}>
            {(p) => <input {...p} name="description" />}
          </FormField>
          <div className="form-actions">
            <button className="button button-primary" type="submit" disabled={busy}>
              Create department
            </button>
          </div>
        </Form>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
