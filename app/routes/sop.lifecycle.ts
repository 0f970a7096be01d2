// POST /sops/:sopId/lifecycle — one lifecycle step (submit, withdraw, approve, request changes, publish,
// archive, restore, rollback). Called through fetchers; answers { ok, message } or a 4xx { ok: false, error }.
import { data } from "react-router";
import type { Route } from "./+types/sop.lifecycle";
import { getDb } from "../../db/client.server";
import { applyLifecycle, fixesSchema, lifecycleSchema } from "../authoring.server";
import { refusalOf } from "../http-errors.server";
import { requireUser } from "../auth/session.server";
import { parseForm } from "../lib/forms";
import { readForm } from "../lib/forms.server";

export type LifecycleResponse =
  { ok: true; message: string } | { ok: false; error: string; fieldErrors?: Record<string, string> };

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requireUser(request);
  const form = await readForm(request);
  const parsed = parseForm(lifecycleSchema, form);
  if (!parsed.ok) {
    const first = Object.values(parsed.fieldErrors)[0] ?? "That request is not valid.";
    return data<LifecycleResponse>({ ok: false, error: first, fieldErrors: parsed.fieldErrors }, { status: 400 });
  }
  // "This version fixes …": one `fixes` value per ticked flag, which a one-value-per-name schema cannot read.
  const fixes = parsed.data.intent === "publish" ? fixesSchema.safeParse(form.getAll("fixes")) : null;
  if (fixes && !fixes.success) {
    const error = fixes.error.issues[0]?.message ?? "Fixed flags: not a list of flags.";
    return data<LifecycleResponse>({ ok: false, error, fieldErrors: { fixes: error } }, { status: 400 });
  }
  try {
    return data<LifecycleResponse>({
      ok: true,
      message: await applyLifecycle(getDb(), actor, params.sopId, parsed.data, { fixesFeedbackIds: fixes?.data ?? [] }),
    });
  } catch (e) {
    const refusal = refusalOf(e);
    if (refusal) return data<LifecycleResponse>({ ok: false, error: refusal.message }, { status: refusal.status });
    throw e;
  }
}

export function loader() {
  throw data({ message: "Lifecycle steps are POSTed from the editor, review and history pages." }, { status: 405 });
}
