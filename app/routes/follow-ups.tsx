import { randomUUID } from "node:crypto";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/follow-ups";
import { getDb } from "../../db/client.server";
import { listOpenFollowUps } from "../../db/runs.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import type { FieldErrors } from "../lib/forms";
import { readFormWith } from "../lib/forms.server";
import { refusalOf } from "../http-errors.server";
import { appendEvents } from "../runs.server";

export const meta: Route.MetaFunction = () => [{ title: "Follow-ups · Stepwise" }];

export function loader({ request }: Route.LoaderArgs) {
  const user = requirePermission(request, "view:followups");
  const today = new Date().toISOString().slice(0, 10);
  return { today, followUps: listOpenFollowUps(getDb(), user.id) };
}

const CloseForm = z.object({
  runId: z.string().uuid(),
  note: z.string().trim().min(1, "Say how the follow-up ended.").max(2000, "Keep the note under 2000 characters."),
});

export async function action({ request }: Route.ActionArgs) {
  const user = requirePermission(request, "view:followups");
  const parsed = await readFormWith(request, CloseForm);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, runId: null as string | null }, { status: 400 });
  try {
    await appendEvents(getDb(), user, parsed.data.runId, { events: [{ id: randomUUID(), at: Date.now(), type: "followup.closed", note: parsed.data.note }] });
    return { fieldErrors: {} as FieldErrors, runId: parsed.data.runId };
  } catch (e) {
    const refusal = refusalOf(e);
    if (refusal) return data({ fieldErrors: { note: refusal.message } as FieldErrors, runId: parsed.data.runId }, { status: refusal.status });
    throw e;
  }
}

export default function FollowUps() {
  const { today, followUps } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <header className="page-header">
        <h1>Follow-ups</h1>
        <p className="muted">Calls you promised to come back to, soonest first. Close each one with a note once the customer's need is met.</p>
      </header>
      {result && result.runId && Object.keys(result.fieldErrors).length === 0 ? (
        <div className="alert alert-success" role="status">
          Follow-up closed.
        </div>
      ) : null}
      {followUps.length === 0 ? (
        <section className="empty-state">
          <p>You have no open follow-ups.</p>
        </section>
      ) : (
        <ul className="followups">
          {followUps.map((f) => {
            const overdue = (f.followUpDue ?? "") < today;
            const errors: FieldErrors = result?.runId === f.id ? result.fieldErrors : {};
            return (
              <li key={f.id} className="card">
                <div className="followup-head">
                  <div>
                    <h2 className="followup-title">
                      <Link to={`/runs/${f.id}/timeline`}>{f.sopTitle}</Link>
                    </h2>
                    <p className="muted small">
                      {f.customerRef ? `Customer ${f.customerRef} · ` : ""}
                      {f.departmentName}
                    </p>
                  </div>
                  <span className={`badge ${overdue ? "badge-danger" : f.followUpDue === today ? "badge-warning" : ""}`}>
                    {overdue ? "Overdue: " : "Due "}
                    {f.followUpDue}
                  </span>
                </div>
                <Form method="post" className="followup-close" noValidate>
                  <input type="hidden" name="runId" value={f.id} />
                  <label htmlFor={`note-${f.id}`}>Closing note</label>
                  <input id={`note-${f.id}`} name="note" aria-invalid={errors.note ? true : undefined} aria-describedby={errors.note ? `note-${f.id}-error` : undefined} placeholder="e.g. Parcel delivered on Tuesday, customer confirmed" />
                  <button type="submit" className="button" disabled={busy}>
                    Close follow-up
                  </button>
                  {errors.note ? (
                    <p className="field-error" id={`note-${f.id}-error`}>
                      {errors.note}
                    </p>
                  ) : null}
                </Form>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
