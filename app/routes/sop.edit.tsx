// /sops/:sopId/edit — the SOP editor. The loader opens the open draft; without one, a published SOP opens as a
// phantom draft (the published text at revision 0: a GET never writes) and its first save starts the draft.
// The action saves with optimistic concurrency: a save based on an old revision, or a first change after someone
// else started a draft, answers 409 with the other version. `?step=<id>` (or `#step-<id>`) opens that step (its
// block in the visual view, its `<Step>` line in the source): where a flag's "Open in editor" lands. `?view=visual|
// source` picks the view (else the author's last choice, remembered in a cookie; else visual).
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { EditorView } from "@codemirror/view";
import {
  data,
  Form,
  Link,
  redirect,
  useLocation,
  useNavigation,
  type ShouldRevalidateFunctionArgs,
} from "react-router";
import type { Route } from "./+types/sop.edit";
import { getDb } from "../../db/client.server";
import {
  editorFor,
  listDepartmentNames,
  listReviewers,
  saveDraft,
  saveDraftSchema,
  startDraft,
  type EditorStart,
  type SaveResult,
} from "../authoring.server";
import { requirePermission } from "../auth/session.server";
import { readCookie } from "../auth/cookie.server";
import { EDITOR_VIEW_COOKIE, requestedEditorView } from "../lib/editor-view";
import type { VisualEditorHandle } from "../components/visual-editor/visual-editor";
import { RouteErrorBoundary } from "../components/errors";
import { throwRouteError } from "../http-errors.server";
import { readForm } from "../lib/forms.server";
import { EditorPage } from "../components/editor/editor-page";
import { parseForEditor } from "../components/editor/sop-editor";
import type { SaveOutcome } from "../components/editor/draft-sync";

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requirePermission(request, "edit:sop");
  const db = getDb();
  const { draft, start } = await editorFor(db, user, params.sopId);
  return {
    draft,
    start,
    departments: draft ? listDepartmentNames(db) : [],
    reviewers: draft ? await listReviewers(db, user) : [],
    view: requestedEditorView(request.url, readCookie(request, EDITOR_VIEW_COOKIE)),
  };
}

/** The editor saves JSON (fetch) or a plain form (no JavaScript); anything else is a 415, broken JSON a 400. */
async function readBody(request: Request): Promise<{ json: boolean; body: Record<string, unknown> }> {
  if ((request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase() === "application/json") {
    const body: unknown = await request.json().catch(() => undefined);
    if (!body || typeof body !== "object" || Array.isArray(body))
      throw data({ message: "The request body is not a JSON object." }, { status: 400 });
    return { json: true, body: body as Record<string, unknown> };
  }
  return { json: false, body: Object.fromEntries(await readForm(request)) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requirePermission(request, "edit:sop");
  const { json, body } = await readBody(request);
  if (body.intent === "start") {
    try {
      await startDraft(getDb(), user, params.sopId);
    } catch (error) {
      throwRouteError(error);
    }
    // The step to jump to (?step=) survives starting the draft.
    const step = new URL(request.url).searchParams.get("step");
    throw redirect(`/sops/${encodeURIComponent(params.sopId)}/edit${step ? `?step=${encodeURIComponent(step)}` : ""}`);
  }
  if (body.intent !== "save")
    return data<SaveResult>({ ok: false, status: 400, error: "Unknown request." }, { status: 400 });
  const parsed = saveDraftSchema.safeParse(body);
  if (!parsed.success)
    return data<SaveResult>(
      { ok: false, status: 400, error: parsed.error.issues[0]?.message ?? "That save is not valid." },
      { status: 400 },
    );
  const result = await saveDraft(getDb(), user, { sopId: params.sopId, ...parsed.data });
  // Without JavaScript the page posts a plain form: come back to the editor after a save.
  if (!json && result.ok && !new URL(request.url).pathname.endsWith(".data"))
    throw redirect(`/sops/${encodeURIComponent(params.sopId)}/edit`);
  return data<SaveResult>(result, { status: result.ok ? 200 : result.status });
}

/** Network failures come back as a value the editor shows ("Offline — kept on this device"), not an error page. */
export async function clientAction({ serverAction }: Route.ClientActionArgs): Promise<SaveOutcome> {
  try {
    return await serverAction();
  } catch (error) {
    if (error instanceof TypeError || (error instanceof Error && /fetch|network|load/i.test(error.message)))
      return { ok: false, status: 0, error: error.message };
    throw error;
  }
}

/** Our own autosaves need no reload of the page data (the editor already holds the text). */
export function shouldRevalidate({
  formMethod,
  formAction,
  formData,
  json,
  currentUrl,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  const intent = formData?.get("intent") ?? (json && typeof json === "object" && "intent" in json ? json.intent : null);
  if (formMethod?.toUpperCase() === "POST" && formAction === currentUrl.pathname && intent === "save") return false;
  return defaultShouldRevalidate;
}

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Edit: ${data?.draft?.title ?? data?.start?.title ?? "Procedure"} · Stepwise` },
];

/** No draft yet: say what editing will do, and start it on an explicit POST. */
function StartEditing({ start }: { start: EditorStart }) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const sopUrl = `/sops/${encodeURIComponent(start.sopId)}`;
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/editor">Editor</Link> · {start.departmentName}
        </p>
        <h1 dir="auto">{start.title}</h1>
      </header>
      <section className="card stack" aria-labelledby="start-editing-heading">
        <h2 id="start-editing-heading">Start a new draft</h2>
        {start.publishedVersion ? (
          <p>
            Editing starts draft version {start.publishedVersion + 1} from published version {start.publishedVersion}.
            Agents keep seeing version {start.publishedVersion} until the draft is reviewed and published.
          </p>
        ) : (
          <p>This SOP has no published version to start from.</p>
        )}
        {start.refusal ? (
          <p className="alert alert-error" role="alert">
            {start.refusal}
          </p>
        ) : null}
        <div className="form-actions">
          {start.refusal ? null : (
            <Form method="post">
              <button className="button button-primary" type="submit" name="intent" value="start" disabled={busy}>
                {busy ? "Starting…" : "Start editing"}
              </button>
            </Form>
          )}
          {start.publishedVersion ? (
            <Link className="button" to={sopUrl}>
              View the published version
            </Link>
          ) : null}
          <Link className="button button-ghost" to={`${sopUrl}/history`}>
            History
          </Link>
        </div>
      </section>
    </>
  );
}

/** The step named by `?step=<id>` or `#step-<id>`, if any. */
function stepParam(search: string, hash: string): string | null {
  const fromQuery = new URLSearchParams(search).get("step");
  if (fromQuery) return fromQuery;
  if (!hash.startsWith("#step-")) return null;
  try {
    return decodeURIComponent(hash.slice("#step-".length)) || null;
  } catch {
    return null;
  }
}

/**
 * Shows the named step and focuses it: its block in the visual view; in the source view the cursor goes on its
 * `<Step>` line (the code editor's view is created in a child's effect, which runs before this one). A step the
 * draft no longer has: nothing.
 */
function useJumpToStep(sopId: string, versionId: number | null, visualRef: RefObject<VisualEditorHandle | null>) {
  const { search, hash } = useLocation();
  const stepId = stepParam(search, hash);
  useEffect(() => {
    if (!stepId || versionId == null) return;
    if (visualRef.current) {
      visualRef.current.focusStep(stepId);
      return;
    }
    const content = document.querySelector<HTMLElement>(".editor-page .cm-content");
    const view = content ? EditorView.findFromDOM(content) : null;
    if (!view) return;
    const step = parseForEditor(view.state.doc.toString(), sopId).doc.steps.find((s) => s.id === stepId);
    if (!step || step.position.line > view.state.doc.lines) return;
    const line = view.state.doc.line(step.position.line);
    view.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: "center" }) });
    // The view's host is shown on the render after the one that created it: focus once it is visible.
    let frame = 0;
    let tries = 0;
    const focus = () => {
      if (view.dom.closest("[hidden]") && ++tries < 30) frame = requestAnimationFrame(focus);
      else view.focus();
    };
    frame = requestAnimationFrame(focus);
    return () => cancelAnimationFrame(frame);
  }, [stepId, sopId, versionId, visualRef]);
}

export default function SopEditRoute({ loaderData }: Route.ComponentProps) {
  const { draft, start, departments, reviewers, view } = loaderData;
  const visualRef = useRef<VisualEditorHandle | null>(null);
  // Bumped when the draft is discarded: the loader's phantom draft may look the same as before the first change.
  const [opened, setOpened] = useState({ count: 0, notice: null as string | null });
  const reopen = useCallback((notice: string) => setOpened((o) => ({ count: o.count + 1, notice })), []);
  useJumpToStep(draft?.sopId ?? start!.sopId, draft?.versionId ?? null, visualRef);
  if (!draft) return <StartEditing start={start!} />;
  // A new version, a change of state (sent to review, withdrawn) or a discarded draft starts a fresh editor.
  return (
    <EditorPage
      key={`${draft.versionId}:${draft.state}:${opened.count}`}
      onDiscarded={reopen}
      notice={opened.notice}
      draft={draft}
      departments={departments}
      reviewers={reviewers}
      initialView={view}
      visualRef={visualRef}
    />
  );
}
export const ErrorBoundary = RouteErrorBoundary;
