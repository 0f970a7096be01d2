import { data, Form, redirect, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/login";
import { getDb } from "../../db/client.server";
import { getMeta } from "../../db/meta.server";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed.server";
import { attemptLogin } from "../auth/login.server";
import { getOptionalUser, safeRedirect, startSession } from "../auth/session.server";
import { Logo } from "../components/logo";

export const meta: Route.MetaFunction = () => [{ title: "Sign in · Stepwise" }];

/** Retry-After (on a 429) reaches the document response too, not only data requests. */
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request }: Route.LoaderArgs) {
  if (await getOptionalUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  const demo = process.env.STEPWISE_DEMO !== "0" && Boolean(getMeta(getDb(), "demo_seeded_at"));
  return {
    demo: demo ? { password: DEMO_PASSWORD, users: DEMO_USERS.map((u) => ({ email: u.email, role: u.role })) } : null,
  };
}

const LoginForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your e-mail address.")
    .max(254)
    .email("Enter a valid e-mail address, like name@company.com."),
  password: z.string().min(1, "Enter your password.").max(1024),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: Route.ActionArgs) {
  let form: Record<string, FormDataEntryValue>;
  try {
    form = Object.fromEntries(await request.formData());
  } catch {
    // not a form (JSON, plain text, a broken multipart body): a 400, never a 500
    return data(
      {
        error: "Sign in with the form: enter your e-mail address and password.",
        fieldErrors: {} as Record<string, string>,
        email: "",
      },
      { status: 400 },
    );
  }
  const parsed = LoginForm.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return data({ error: null, fieldErrors, email: String(form.email ?? "") }, { status: 400 });
  }
  const { email, password, redirectTo } = parsed.data;
  const result = await attemptLogin(getDb(), { email, password, ip: context.clientIp });
  if (!result.ok) {
    const headers: HeadersInit = result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : {};
    return data(
      { error: result.message, fieldErrors: {} as Record<string, string>, email },
      { status: result.status, headers },
    );
  }
  return await startSession(request, result.userId, context.clientIp, safeRedirect(redirectTo));
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const { demo } = loaderData;
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state !== "idle" && navigation.formAction === "/login";
  const fieldErrors = actionData?.fieldErrors ?? {};
  return (
    <main className="login-page">
      <div className="login-card">
        <div className="login-brand">
          <Logo />
        </div>
        <h1>Sign in</h1>
        <p className="muted">Procedures your team can follow on every call.</p>
        {actionData?.error ? (
          <div className="alert alert-error" role="alert" id="login-error">
            {actionData.error}
          </div>
        ) : null}
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <div className="form-field">
            <label htmlFor="email">E-mail</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              defaultValue={actionData?.email ?? ""}
              aria-invalid={fieldErrors.email ? true : undefined}
              aria-describedby={fieldErrors.email ? "email-error" : undefined}
            />
            {fieldErrors.email ? (
              <p className="field-error" id="email-error">
                {fieldErrors.email}
              </p>
            ) : null}
          </div>
          <div className="form-field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={fieldErrors.password ? "password-error" : undefined}
            />
            {fieldErrors.password ? (
              <p className="field-error" id="password-error">
                {fieldErrors.password}
              </p>
            ) : null}
          </div>
          <button className="button button-primary button-block" type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </Form>
        {demo ? (
          <details className="demo-logins">
            <summary>Demo accounts</summary>
            <p className="muted small">
              Every demo account uses the password <code>{demo.password}</code>.
            </p>
            <ul>
              {demo.users.map((u) => (
                <li key={u.email}>
                  <code>{u.email}</code> <span className="badge">{u.role}</span>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </main>
  );
}
