import { useRef, useState } from "react";
import { Form, Link } from "react-router";
import type { Route } from "./+types/editor.import";
import { getDb } from "../../db/client.server";
import { requirePermission } from "../auth/session.server";
import { listDepartmentNames } from "../authoring.server";
import { handleImportRequest } from "../import-request.server";
import type { ImportReportRow } from "../import-export.server";
import { RouteErrorBoundary } from "../components/errors";
import { DepartmentSelect } from "../components/selects";

export const meta: Route.MetaFunction = () => [{ title: "Import SOPs · Stepwise" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "edit:sop");
  return { departments: listDepartmentNames(getDb(), user) };
}

/** Without JavaScript the form posts here; with it, the page posts to /api/import to show progress. */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "edit:sop");
  return handleImportRequest(request, actor);
}

type Progress =
  | { phase: "idle" }
  | { phase: "uploading"; percent: number }
  | { phase: "importing" }
  | { phase: "done" }
  | { phase: "error"; message: string };

export default function ImportPage({ loaderData, actionData: fallback }: Route.ComponentProps) {
  const { departments } = loaderData;
  const [report, setReport] = useState<ImportReportRow[] | null>(null);
  const [progress, setProgress] = useState<Progress>({ phase: "idle" });
  const formRef = useRef<HTMLFormElement>(null);
  const rows = report ?? fallback?.report ?? null;

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (!form.getAll("files").some((f) => typeof f === "object" && (f as File).size > 0)) {
      setProgress({ phase: "error", message: "Choose at least one .mdx, .md or .zip file." });
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/import");
    xhr.responseType = "json";
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setProgress({ phase: "uploading", percent: Math.round((ev.loaded / ev.total) * 100) });
    };
    xhr.upload.onload = () => setProgress({ phase: "importing" });
    xhr.onload = () => {
      const body = xhr.response as { report?: ImportReportRow[]; error?: string } | null;
      if (xhr.status >= 200 && xhr.status < 300 && body?.report) {
        setReport(body.report);
        setProgress({ phase: "done" });
        formRef.current?.reset();
      } else setProgress({ phase: "error", message: body?.error ?? `The import failed (HTTP ${xhr.status}).` });
    };
    xhr.onerror = () =>
      setProgress({ phase: "error", message: "The server could not be reached: nothing was imported. Try again." });
    setReport(null);
    setProgress({ phase: "uploading", percent: 0 });
    xhr.send(form);
  }

  const imported = rows?.filter((r) => r.status === "imported").length ?? 0;
  const failed = rows?.filter((r) => r.status === "failed").length ?? 0;
  const unchanged = rows?.filter((r) => r.status === "unchanged").length ?? 0;
  const percent =
    progress.phase === "uploading"
      ? progress.percent
      : progress.phase === "importing" || progress.phase === "done"
        ? 100
        : 0;

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/editor">Editor</Link>
        </p>
        <h1>Import SOPs</h1>
        <p className="muted">
          Stepwise .mdx files, a .zip exported from Stepwise, or plain Markdown from a wiki or handbook. Everything
          arrives as a draft: nothing is published until it is reviewed.
        </p>
      </header>
      <Form
        ref={formRef}
        method="post"
        encType="multipart/form-data"
        className="card form-card stack"
        onSubmit={submit}
      >
        <div className="form-field">
          <label htmlFor="files">Files</label>
          <input
            id="files"
            name="files"
            type="file"
            multiple
            accept=".mdx,.md,.markdown,.zip"
            aria-describedby="files-hint"
          />
          <p className="field-hint" id="files-hint">
            Up to 500 files or a .zip; 1 MB per SOP. Markdown (also Hugo, MkDocs and Docusaurus pages): the first
            heading becomes the title, numbered lists of actions (or else the sections) become steps, ```mermaid
            flowcharts become decision flows, admonitions become tips and warnings, &lt;details&gt; become reply
            templates, a glossary becomes the terms. Links between pages imported together become links between their
            SOPs.
          </p>
        </div>
        <div className="form-field">
          <label htmlFor="department">Department for Markdown files</label>
          <DepartmentSelect
            id="department"
            name="department"
            defaultValue={departments.length === 1 ? departments[0] : ""}
            aria-describedby="department-hint"
            departments={departments}
            blank="(the one each page names)"
          />
          <p className="field-hint" id="department-hint">
            When chosen, every Markdown page goes to this department, whatever its front matter says. Stepwise .mdx
            files keep their own.
          </p>
        </div>
        <div className="form-actions">
          <button
            className="button button-primary"
            type="submit"
            disabled={progress.phase === "uploading" || progress.phase === "importing"}
          >
            Import
          </button>
        </div>
        {progress.phase !== "idle" ? (
          <div className="import-progress" aria-live="polite">
            <progress max={100} value={percent} aria-label="Import progress">
              {percent}%
            </progress>
            <span className="small">
              {progress.phase === "uploading"
                ? `Uploading… ${percent}%`
                : progress.phase === "importing"
                  ? "Checking and importing…"
                  : progress.phase === "done"
                    ? "Done."
                    : null}
            </span>
            {progress.phase === "error" ? (
              <p className="alert alert-error" role="alert">
                {progress.message}
              </p>
            ) : null}
          </div>
        ) : null}
      </Form>

      {rows ? (
        <section className="card" aria-labelledby="report-title">
          <h2 id="report-title">Import report</h2>
          <p role="status">
            {imported} imported, {unchanged} unchanged, {failed} not imported.
          </p>
          <ul className="import-report">
            {rows.map((r, i) => (
              <li key={`${r.file}-${i}`} className={`import-${r.status}`} data-status={r.status}>
                <p>
                  <span
                    className={
                      "badge " +
                      (r.status === "imported"
                        ? "badge-success"
                        : r.status === "failed"
                          ? "badge-danger"
                          : "badge-muted")
                    }
                  >
                    {r.status === "imported" ? "Imported" : r.status === "failed" ? "Not imported" : "Unchanged"}
                  </span>{" "}
                  <span className="mono small">{r.file}</span>
                  {r.status === "imported" && r.sopId ? (
                    <>
                      {" → "}
                      <Link to={`/sops/${r.sopId}/edit`}>
                        {r.title} (draft v{r.version})
                      </Link>
                    </>
                  ) : null}
                </p>
                <p className="small">{r.summary}</p>
                {r.idChange ? (
                  <p className="small alert alert-warning" data-testid="id-change">
                    New SOP id <span className="mono">{r.sopId}</span> instead of{" "}
                    <span className="mono">{r.idChange.wanted}</span>: {r.idChange.message}.
                  </p>
                ) : null}
                {r.messages.length ? <ImportMessages file={r.file} messages={r.messages} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

const SHOWN_MESSAGES = 20;

/** A file's messages with their line and column; past the first 20, the rest behind a disclosure. */
function ImportMessages({ file, messages }: { file: string; messages: ImportReportRow["messages"] }) {
  const name = file.split("/").pop();
  const item = (m: ImportReportRow["messages"][number], j: number) => (
    <li key={j} className={m.severity === "error" ? "field-error" : "muted"}>
      <span className="mono">
        {m.in === "draft" ? `${name} (draft)` : name}:{m.line}:{m.column}
      </span>{" "}
      {m.severity}: {m.message}
    </li>
  );
  return (
    <>
      <ul className="import-messages small">{messages.slice(0, SHOWN_MESSAGES).map(item)}</ul>
      {messages.length > SHOWN_MESSAGES ? (
        <details className="small">
          <summary>{messages.length - SHOWN_MESSAGES} more</summary>
          <ul className="import-messages">
            {messages.slice(SHOWN_MESSAGES).map((m, j) => item(m, j + SHOWN_MESSAGES))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
