import { useCallback, useMemo, useState } from "react";
import { DiagnosticList } from "../../flows/ui/diagnostic-list";
import { data, Form, Link, useFetcher } from "react-router";
import type { Route } from "./+types/flows.scratch";
import { getDb } from "../../db/client.server";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { listScratchFlows, openScratch, saveScratch } from "./flows-scratch.server";
import { refusalOf, throwRouteError } from "../http-errors.server";
import { readFormWith } from "../lib/forms.server";
import { z } from "zod";
import { FlowEditor } from "../../flows/ui/flow-editor";
import { MermaidDialog } from "../../flows/ui/mermaid-dialog";
import type { FlowModel } from "../../flows/model";

export const meta: Route.MetaFunction = () => [{ title: "Flow scratch pad · Stepwise" }];

const BLANK = "blank";

export async function loader({ request }: Route.LoaderArgs) {
  await requirePermission(request, "edit:sop");
  const db = getDb();
  const options = await listScratchFlows(db);
  const open =
    new URL(request.url).searchParams.get("open") ?? (options[0] ? `${options[0].sopId}:${options[0].flowId}` : BLANK);
  const [sopId, flowId] = open === BLANK ? [null, null] : (open.split(":") as [string, string | undefined]);
  try {
    const target = await openScratch(db, sopId, flowId ?? null);
    const { source: _source, ...rest } = target;
    return { options, open, target: rest };
  } catch (e) {
    throwRouteError(e);
  }
}

const ScratchForm = z.object({
  sop: z.string().max(200).default(""),
  flowId: z.string({ error: "flowId: which flow to save is missing." }).max(200),
  flow: z
    .string({ error: "flow: the diagram is missing." })
    .max(2 * 1024 * 1024, "flow: a diagram may be at most 2 MB."),
});

export async function action({ request }: Route.ActionArgs) {
  await requirePermission(request, "edit:sop");
  const parsed = await readFormWith(request, ScratchForm);
  if (!parsed.ok)
    return data(
      { ok: false as const, error: Object.values(parsed.fieldErrors)[0] ?? "That request is not valid." },
      { status: 400 },
    );
  const { sop, flowId, flow } = parsed.data;
  try {
    return await saveScratch(getDb(), { sopId: sop === "" || sop === BLANK ? null : sop, flowId, flowJson: flow });
  } catch (e) {
    const refusal = refusalOf(e);
    if (refusal) return data({ ok: false as const, error: refusal.message }, { status: refusal.status });
    throw e;
  }
}

export default function FlowScratch({ loaderData }: Route.ComponentProps) {
  const { options, open, target } = loaderData;
  const fetcher = useFetcher<typeof action>();
  const [imported, setImported] = useState<{ flow: FlowModel; n: number } | null>(null);
  const [mermaidOpen, setMermaidOpen] = useState(false);
  const bySop = useMemo(() => {
    const groups = new Map<string, typeof options>();
    for (const o of options) groups.set(o.sopTitle, [...(groups.get(o.sopTitle) ?? []), o]);
    return [...groups.entries()];
  }, [options]);

  const flow = imported
    ? {
        ...imported.flow,
        id: target.flow.id,
        title: imported.flow.title || target.flow.title,
        stepId: target.flow.stepId,
        position: target.flow.position,
      }
    : target.flow;
  const onSave = useCallback(
    (model: FlowModel) =>
      fetcher.submit(
        { sop: target.sopId ?? BLANK, flowId: target.flow.id, flow: JSON.stringify(model) },
        { method: "post" },
      ),
    [fetcher, target.sopId, target.flow.id],
  );
  const result = fetcher.data;

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Editor</p>
        <h1>Flow scratch pad</h1>
        {/* Prettier's fill would end the first line with `<strong>Save</strong>{" "}`, past 120 columns */}
        {/* prettier-ignore */}
        <p className="muted">
          Try the decision-flow editor on a published demo procedure, or start from a blank flow.{" "}
          <strong>Save</strong> writes the <code>&lt;Flow&gt;</code> block into a copy of the procedure's MDX and
          compiles it: nothing is published or stored as a version.
        </p>
      </header>

      <Form method="get" className="scratch-pick">
        <div className="form-field">
          <label htmlFor="scratch-open">Flow to open</label>
          <select id="scratch-open" name="open" defaultValue={open} key={open}>
            {bySop.map(([sopTitle, flows]) => (
              <optgroup key={sopTitle} label={sopTitle}>
                {flows.map((o) => (
                  <option key={`${o.sopId}:${o.flowId}`} value={`${o.sopId}:${o.flowId}`}>
                    {o.flowTitle}
                  </option>
                ))}
              </optgroup>
            ))}
            <option value={BLANK}>Blank flow (scratch procedure)</option>
          </select>
        </div>
        <button type="submit" className="button">
          Open
        </button>
        <button type="button" className="button" onClick={() => setMermaidOpen(true)}>
          Start from Mermaid…
        </button>
      </Form>

      <p className="muted small">
        Editing <strong>{target.flow.title}</strong> in <strong>{target.sopTitle}</strong>
        {target.sopId ? (
          <>
            {" "}
            (<Link to={`/sops/${target.sopId}`}>published version</Link>)
          </>
        ) : null}
        {imported ? " — imported from Mermaid" : ""}.
      </p>

      <FlowEditor
        key={`${open}-${imported?.n ?? 0}`}
        flow={flow}
        stepIds={target.stepIds}
        stepTitles={target.stepTitles}
        capturedFields={target.capturedFields}
        sourceLine={target.sourceLine}
        onSave={onSave}
        saveLabel="Save to MDX"
      />

      <MermaidDialog
        open={mermaidOpen}
        onClose={() => setMermaidOpen(false)}
        allowMerge={false}
        replaceLabel="Open in the editor"
        flowId={target.flow.id}
        flowTitle={target.flow.title}
        onImport={(r) => {
          setImported((prev) => ({ flow: r.flow, n: (prev?.n ?? 0) + 1 }));
          setMermaidOpen(false);
        }}
      />

      <section className="scratch-result" aria-live="polite" aria-labelledby="scratch-result-title">
        <h2 id="scratch-result-title" className={result ? undefined : "visually-hidden"}>
          Saved MDX
        </h2>
        {fetcher.state !== "idle" ? <p className="muted">Saving and compiling…</p> : null}
        {result && !result.ok ? (
          <div className="alert alert-error" role="alert">
            {result.error}
          </div>
        ) : null}
        {result && result.ok ? (
          <>
            <p>
              <span
                className={
                  "badge " +
                  (result.errorCount ? "fd-badge-error" : result.warningCount ? "badge-warning" : "badge-success")
                }
                data-testid="compile-summary"
              >
                {result.errorCount} error{result.errorCount === 1 ? "" : "s"}, {result.warningCount} warning
                {result.warningCount === 1 ? "" : "s"}
              </span>{" "}
              <span className="muted small">compileSop on the whole procedure · not published, nothing stored</span>
            </p>
            <DiagnosticList diagnostics={result.diagnostics} label="Diagnostics" className="scratch-diagnostics" />
            <h3>
              The <code>&lt;Flow&gt;</code> block{result.flowLine ? `, from line ${result.flowLine}` : ""}
            </h3>
            <pre data-testid="saved-flow" dir="ltr">
              <code>{result.flowBlock}</code>
            </pre>
            <details>
              <summary>The whole procedure's MDX</summary>
              <pre data-testid="saved-mdx" dir="ltr">
                <code>{result.mdx}</code>
              </pre>
            </details>
          </>
        ) : null}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
