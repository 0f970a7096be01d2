import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin.users.new";
import { getDb } from "../../db/client.server";
import { ROLES } from "../../db/roles";
import { createUser, listDepartments } from "../../db/users.server";
import { formRefusal } from "../http-errors.server";
import { PASSWORD_RULE } from "../auth/password-rule";
import { hashPassword, passwordProblem } from "../auth/password.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { FormField } from "../components/form";
import { FormPage } from "../components/form-page";
import { AccountDepartmentField, RoleSelect } from "../components/selects";
import { parseForm, type FieldErrors } from "../lib/forms";
import { readForm } from "../lib/forms.server";

export const meta: Route.MetaFunction = () => [{ title: "New user · Stepwise" }];

export async function loader({ request }: Route.LoaderArgs) {
  await requirePermission(request, "manage:users");
  return { departments: (await listDepartments(getDb())).map((d) => ({ id: d.id, name: d.name })) };
}

const NewUserForm = z.object({
  name: z.string().trim().min(1, "Enter the person's name.").max(120, "Keep the name under 120 characters."),
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address, like name@company.com."),
  role: z.enum(ROLES, { error: "Choose a role." }),
  departmentId: z
    .string()
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(z.number().int().positive().nullable()),
  password: z.string({ error: "Enter a password." }),
});

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "manage:users");
  const form = await readForm(request);
  const parsed = parseForm(NewUserForm, form);
  // The password policy (async: its dictionary loads on first use) knows the person's e-mail and name.
  const str = (k: string) => (typeof form.get(k) === "string" ? String(form.get(k)) : "");
  const problem = await passwordProblem(str("password"), { email: str("email"), name: str("name") });
  if (!parsed.ok || problem) {
    const fieldErrors: FieldErrors = parsed.ok ? {} : parsed.fieldErrors;
    if (problem) fieldErrors.password ??= problem;
    return data({ fieldErrors }, { status: 400 });
  }
  const { password, ...rest } = parsed.data;
  try {
    const id = await createUser(getDb(), { ...rest, passwordHash: await hashPassword(password) }, actor.id);
    return redirect(`/admin/users/${id}?created=1`);
  } catch (e) {
    const refusal = formRefusal(e);
    if (refusal) return data({ fieldErrors: refusal.fieldErrors }, { status: refusal.status });
    throw e;
  }
}

export default function NewUser({ loaderData, actionData }: Route.ComponentProps) {
  const { departments } = loaderData;
  const errors: FieldErrors = actionData?.fieldErrors ?? {};
  return (
    <FormPage
      title="New user"
      back={{ to: "/admin/users", label: "Users" }}
      error={errors.form}
      submitLabel="Create user"
      busyLabel="Creating…"
    >
      <FormField id="name" label="Name" error={errors.name}>
        {(p) => <input {...p} name="name" autoComplete="off" required />}
      </FormField>
      <FormField id="email" label="E-mail" error={errors.email}>
        {(p) => <input {...p} name="email" type="email" autoComplete="off" required />}
      </FormField>
      <FormField id="role" label="Role" error={errors.role}>
        {(p) => <RoleSelect {...p} name="role" defaultValue="agent" />}
      </FormField>
      <AccountDepartmentField departments={departments} defaultValue="" error={errors.departmentId} />
      <FormField
        id="password"
        label="Initial password"
        error={errors.password}
        hint={`${PASSWORD_RULE} Share it privately; the person can be given a new one at any time.`}
      >
        {(p) => <input {...p} name="password" type="password" autoComplete="new-password" required />}
      </FormField>
    </FormPage>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
