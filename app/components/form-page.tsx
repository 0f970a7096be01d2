// The page around a single "create something" form (a new user, a new SOP): the header with its way back, an
// intro, the form with its error summary at the top, the fields, and the submit and cancel actions. The routes
// give the fields; the page's shape, its busy state and where its form-level error appears are the same.
import type { ReactNode } from "react";
import { Form, Link, useNavigation } from "react-router";

export function FormPage({
  title,
  back,
  intro,
  error,
  submitLabel,
  busyLabel,
  children,
}: {
  title: string;
  /** the page this form belongs to, shown above the title and the target of Cancel */
  back: { to: string; label: string };
  intro?: ReactNode;
  /** the error that belongs to no one field (a refusal, a clash), announced as it appears */
  error?: string | null;
  submitLabel: string;
  busyLabel: string;
  children: ReactNode;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">
          <Link to={back.to}>{back.label}</Link>
        </p>
        <h1>{title}</h1>
        {intro ? <p className="muted">{intro}</p> : null}
      </header>
      <Form method="post" className="card form-card stack" noValidate>
        {error ? (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        ) : null}
        {children}
        <div className="form-actions">
          <button className="button button-primary" type="submit" disabled={busy}>
            {busy ? busyLabel : submitLabel}
          </button>
          <Link className="button button-ghost" to={back.to}>
            Cancel
          </Link>
        </div>
      </Form>
    </>
  );
}
