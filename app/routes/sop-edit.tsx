// /sops/:sopId/edit — the SOP editor. The loader opens (or starts) the draft; the action saves it with
// optimistic concurrency: a save based on an old revision answers 409 with the other version.
import { data, redirect, useLoaderData, type ShouldRevalidateFunctionArgs } from "react-router";
import type { Route } from "./+types/sop-edit";
import { getDb } from "../../db/client.server";
import { listDepartmentNames, listReviewers, openDraftForEditing, saveDraft, saveDraftSchema, type SaveResult } from "../authoring.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { EditorPage } from "../components/editor/editor-page";
import type { SaveOutcome } from "../components/editor/draft-sync";

export function loader({ request, params }: Route.LoaderArgs) {
  const user = requirePermission(request, "edit:sop");
  const db = getDb();
  const draft = openDraftForEditing(db, user, params.sopId);
  return { draft, departments: listDepartmentNames(db), reviewers: listReviewers(db, user.id) };
}

async function readBody(request: Request): Promise<{ json: boolean; body: Record<string, unknown> }> {
  if ((request.headers.get("content-type") ?? "").includes("application/json")) {
    const body: unknown = await request.json().catch(() => null);
    return { json: true, body: body && typeof body === "object" ? (body as Record<string, unknown>) : {} };
  }
  return { json: false, body: Object.fromEntries(await request.formData()) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = requirePermission(request, "edit:sop");
  const { json, body } = await readBody(request);
  if (body.intent !== "save") return data<SaveResult>({ ok: false, status: 400, error: "Unknown request." }, { status: 400 });
  const parsed = saveDraftSchema.safeParse(body);
  if (!parsed.success) return data<SaveResult>({ ok: false, status: 400, error: parsed.error.issues[0]?.message ?? "That save is not valid." }, { status: 400 });
  const result = saveDraft(getDb(), user, { sopId: params.sopId, ...parsed.data });
  // Without JavaScript the page posts a plain form: come back to the editor after a save.
  if (!json && result.ok && !new URL(request.url).pathname.endsWith(".data")) throw redirect(`/sops/${encodeURIComponent(params.sopId)}/edit`);
  return data<SaveResult>(result, { status: result.ok ? 200 : result.status });
}

/** Network failures come back as a value the editor shows ("Offline — kept on this device"), not an error page. */
export async function clientAction({ serverAction }: Route.ClientActionArgs): Promise<SaveOutcome> {
  try {
    return (await serverAction()) as SaveOutcome;
  } catch (error) {
    if (error instanceof TypeError || (error instanceof Error && /fetch|network|load/i.test(error.message))) return { ok: false, status: 0, error: error.message };
    throw error;
  }
}

/** Our own autosaves need no reload of the page data (the editor already holds the text). */
export function shouldRevalidate({ formMethod, formAction, currentUrl, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formMethod?.toUpperCase() === "POST" && formAction === currentUrl.pathname) return false;
  return defaultShouldRevalidate;
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Edit: ${data?.draft.title ?? "Procedure"} · Stepwise` }];

export default function SopEditRoute() {
  const { draft, departments, reviewers } = useLoaderData<typeof loader>();
  // A new version or a change of state (sent to review, withdrawn) starts a fresh editor.
  return <EditorPage key={`${draft.versionId}:${draft.state}`} draft={draft} departments={departments} reviewers={reviewers} />;
}

export const ErrorBoundary = RouteErrorBoundary;
