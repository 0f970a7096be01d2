import { data, Form, Link, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin.user";
import { getDb } from "../../db/client.server";
import { listAudit } from "../../db/audit.server";
import { ROLE_LABELS, ROLES } from "../../db/roles";
import { getUser, listDepartments, resetPassword, updateUser } from "../../db/users.server";
import { intentActions } from "../http-errors.server";
import { clearSignInBackoff } from "../auth/login.server";
import { PASSWORD_RULE } from "../auth/password-rule";
import { hashPassword, passwordProblem } from "../auth/password.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { AccountDepartmentField, RoleSelect } from "../components/selects";
import { FormField } from "../components/form";
import { parseForm, type FieldErrors } from "../lib/forms";
import { readForm } from "../lib/forms.server";
import { SuccessNotice } from "../components/success-notice";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.user.name ?? "User"} · Stepwise` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "manage:users");
  const db = getDb();
  const user = await getUser(db, params.userId);
  if (!user) throw data({ message: "There is no user with this id." }, { status: 404 });
  const history = (await listAudit(db, { limit: 10, target: { type: "user", id: user.id } })).rows;
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      departmentId: user.departmentId,
      active: user.active,
    },
    isSelf: actor.id === user.id,
    departments: (await listDepartments(db)).map((d) => ({ id: d.id, name: d.name })),
    history,
  };
}

const UpdateForm = z.object({
  intent: z.literal("update"),
  name: z.string().trim().min(1, "Enter the person's name.").max(120),
  role: z.enum(ROLES, { error: "Choose a role." }),
  departmentId: z
    .string()
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(z.number().int().positive().nullable()),
  active: z.enum(["yes", "no"], { error: "Choose whether the account is active." }),
});
const ResetForm = z.object({
  intent: z.literal("reset-password"),
  password: z.string({ error: "Enter a password." }),
});

export async function action({ request, params }: Route.ActionArgs) {
  const { answer, dispatch } = intentActions({});
  const actor = await requirePermission(request, "manage:users");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const db = getDb();
  return dispatch(
    intent,
    {
      update: async () => {
        const parsed = parseForm(UpdateForm, form);
        if (!parsed.ok) return answer(intent, { fieldErrors: parsed.fieldErrors }, 400);
        const { name, role, departmentId, active } = parsed.data;
        if (actor.id === params.userId && (active === "no" || role !== actor.role)) {
          const refusal = "You can't deactivate yourself or change your own role: ask another administrator.";
          return answer(intent, { fieldErrors: { form: refusal } }, 400);
        }
        const changed = await updateUser(
          db,
          params.userId,
          { name, role, departmentId, active: active === "yes" },
          actor.id,
        );
        return answer(intent, { message: changed ? "Changes saved." : "Nothing changed." });
      },
      "reset-password": async () => {
        const parsed = parseForm(ResetForm, form);
        if (!parsed.ok) return answer(intent, { fieldErrors: parsed.fieldErrors }, 400);
        const target = await getUser(db, params.userId);
        if (!target) throw data({ message: "There is no user with this id." }, { status: 404 });
        const problem = await passwordProblem(parsed.data.password, { email: target.email, name: target.name });
        if (problem) return answer(intent, { fieldErrors: { password: problem } }, 400);
        await resetPassword(db, target.id, await hashPassword(parsed.data.password), actor.id);
        clearSignInBackoff(target.email);
        return answer(intent, {
          message: "Password reset. The person has been signed out everywhere, and any sign-in slow-down is lifted.",
        });
      },
    },
    { unknownIntent: "Choose what to do." },
  );
}

export default function UserPage({ loaderData, actionData: result }: Route.ComponentProps) {
  const { user, isSelf, departments, history } = loaderData;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = result?.intent === "update" ? result.fieldErrors : {};
  const resetErrors: FieldErrors = result?.intent === "reset-password" ? result.fieldErrors : {};
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/admin/users">Users</Link>
        </p>
        <h1>{user.name}</h1>
        <p className="muted">
          {user.email} · {ROLE_LABELS[user.role]}{" "}
          {!user.active ? <span className="badge badge-muted">Deactivated</span> : null}
        </p>
      </header>
      {params.get("created") && !result ? (
        <div className="alert alert-success" role="status">
          User created.
        </div>
      ) : null}
      <div className="grid-2">
        <Form method="post" className="card stack" noValidate aria-labelledby="profile-title">
          <h2 id="profile-title">Profile and access</h2>
          <SuccessNotice message={result?.intent === "update" && result.message} />
          {errors.form || errors.active ? (
            <div className="alert alert-error" role="alert">
              {errors.form ?? errors.active}
            </div>
          ) : null}
          <input type="hidden" name="intent" value="update" />
          <FormField id="name" label="Name" error={errors.name}>
            {(p) => <input {...p} name="name" defaultValue={user.name} required />}
          </FormField>
          <FormField
            id="role"
            label="Role"
            error={errors.role}
            hint={isSelf ? "You can't change your own role." : undefined}
          >
            {(p) => <RoleSelect {...p} name="role" defaultValue={user.role} />}
          </FormField>
          <AccountDepartmentField
            departments={departments}
            defaultValue={user.departmentId ?? ""}
            error={errors.departmentId}
          />
          <fieldset className="form-field">
            <legend>Account</legend>
            <label className="radio">
              <input type="radio" name="active" value="yes" defaultChecked={user.active} /> Active: can sign in
            </label>
            <label className="radio">
              <input type="radio" name="active" value="no" defaultChecked={!user.active} disabled={isSelf} />{" "}
              Deactivated: signed out everywhere, cannot sign in
            </label>
          </fieldset>
          <div className="form-actions">
            <button className="button button-primary" type="submit" disabled={busy}>
              Save changes
            </button>
          </div>
        </Form>

        <div className="stack">
          <Form method="post" className="card stack" noValidate aria-labelledby="reset-title">
            <h2 id="reset-title">Reset password</h2>
            <SuccessNotice message={result?.intent === "reset-password" && result.message} />
            <input type="hidden" name="intent" value="reset-password" />
            <FormField
              id="new-password"
              label="New password"
              error={resetErrors.password ?? resetErrors.form}
              hint={`${PASSWORD_RULE} Also lifts a sign-in slow-down.`}
            >
              {(p) => <input {...p} name="password" type="password" autoComplete="new-password" required />}
            </FormField>
            <div className="form-actions">
              <button className="button" type="submit" disabled={busy}>
                Set new password
              </button>
            </div>
          </Form>
          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            {history.length === 0 ? (
              <p className="muted">No changes recorded.</p>
            ) : (
              <ol className="timeline">
                {history.map((h) => (
                  <li key={h.id}>
                    <span>{h.summary}</span>
                    <span className="muted small">
                      {h.actorName ?? "System"} ·{" "}
                      <time dateTime={new Date(h.at).toISOString()}>
                        {new Date(h.at).toISOString().slice(0, 16).replace("T", " ")} UTC
                      </time>
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
