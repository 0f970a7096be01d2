import { Form, Link } from "react-router";
import type { Route } from "./+types/sop.history";
import { getDb } from "../../db/client.server";
import { getVersion } from "../../db/versions.server";
import { structuralDiff, textDiff } from "../../authoring/diff";
import { isStale } from "../../sop-schema/review";
import { requirePermission } from "../auth/session.server";
import { lifecycleAbilities, rollbackTargets, sopHistory } from "../authoring.server";
import { RouteErrorBoundary } from "../components/errors";
import { StateBadge } from "../components/authoring/state-badge";
import { LifecycleForm, LifecycleNotice } from "../components/authoring/lifecycle-form";
import { DiffSummary, DiffView } from "../components/authoring/diff-view";
import { DataTable, type Column } from "../components/data-table";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `History · ${data?.sop.title ?? "SOP"} · Stepwise` }];

function versionNumber(v: string | null): number | null {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requirePermission(request, "edit:sop");
  const db = getDb();
  const { sop, versions } = await sopHistory(db, params.sopId);
  const url = new URL(request.url);
  // Default comparison: the published version against the newest one.
  const newest = versions[0];
  const published = versions.find((v) => v.id === sop.publishedVersionId);
  const aNum =
    versionNumber(url.searchParams.get("a")) ??
    (published && newest && published.id !== newest.id ? published.version : (versions[1]?.version ?? null));
  const bNum = versionNumber(url.searchParams.get("b")) ?? newest?.version ?? null;
  let compare = null;
  const aRow = versions.find((v) => v.version === aNum);
  const bRow = versions.find((v) => v.version === bNum);
  if (aRow && bRow && aRow.id !== bRow.id) {
    const a = getVersion(db, aRow.id)!;
    const b = getVersion(db, bRow.id)!;
    const text = textDiff(a.source, b.source);
    const structure = structuralDiff(a.document, b.document);
    compare = {
      a: aRow.version,
      b: bRow.version,
      rows: text.rows,
      added: text.added,
      removed: text.removed,
      summary: structure.summary,
    };
  }
  return {
    sop: { ...sop, stale: !sop.archivedAt && isStale(sop.nextReviewAt) },
    versions,
    compare,
    selected: { a: aNum, b: bNum },
    may: await lifecycleAbilities(db, user, params.sopId),
    rollbackTo: rollbackTargets(user, sop, versions),
  };
}

function when(ms: number | null) {
  return ms ? new Date(ms).toISOString().slice(0, 16).replace("T", " ") : "—";
}

function VersionSelect({
  label,
  name,
  versions,
  selected,
}: {
  label: string;
  name: string;
  versions: { id: number; version: number; state: string }[];
  selected: number | null;
}) {
  return (
    <label>
      {label}{" "}
      <select name={name} defaultValue={selected ?? undefined}>
        {versions.map((v) => (
          <option key={v.id} value={v.version}>
            v{v.version} ({v.state.replace("_", " ")})
          </option>
        ))}
      </select>
    </label>
  );
}

type Version = Route.ComponentProps["loaderData"]["versions"][number];

export default function SopHistory({ loaderData }: Route.ComponentProps) {
  const { sop, versions, compare, selected, may, rollbackTo } = loaderData;
  const columns: Column<Version>[] = [
    { id: "version", header: "Version", rowHeader: true, cell: (v) => `v${v.version}` },
    { id: "state", header: "State", cell: (v) => <StateBadge state={v.state} /> },
    { id: "by", header: "By", cell: (v) => v.createdByName ?? <span className="muted">import</span> },
    { id: "published", header: "Published", className: "nowrap small", cell: (v) => when(v.publishedAt) },
    { id: "note", header: "Change note", cell: (v) => v.changeNote || <span className="muted">—</span> },
    {
      id: "actions",
      header: "Actions",
      hideHeader: true,
      className: "nowrap",
      cell: (v) => (
        <>
          <a
            className="button button-small button-ghost"
            href={`/sops/${sop.id}/export.mdx?version=${v.version}`}
            download
          >
            .mdx
          </a>
          {rollbackTo.includes(v.id) && v.errorCount === 0 ? (
            <details className="inline-details">
              <summary className="button button-small">Roll back to v{v.version}</summary>
              <LifecycleForm
                sopId={sop.id}
                intent="rollback"
                submitLabel={`Publish v${v.version}'s content again`}
                className="stack"
              >
                <input type="hidden" name="versionId" value={v.id} />
                <label htmlFor={`rb-note-${v.id}`}>Change note</label>
                <input
                  id={`rb-note-${v.id}`}
                  name="changeNote"
                  defaultValue={`Rolled back to version ${v.version}`}
                  maxLength={500}
                />
              </LifecycleForm>
            </details>
          ) : null}
        </>
      ),
    },
  ];
  const archived = sop.archivedAt ? <StateBadge state="archived" /> : null;
  const stale = sop.stale ? <StateBadge state="stale" /> : null;
  return (
    <>
      <header className="page-header page-header-row">
        <div>
          <p className="eyebrow">
            <Link to="/editor">Editor</Link> · {sop.departmentName}
          </p>
          <h1>History: {sop.title}</h1>
          <p className="muted">
            {archived} {stale} {sop.nextReviewAt ? `Next review due ${sop.nextReviewAt}.` : "No review cadence set."}
          </p>
        </div>
        <div className="form-actions">
          <Link className="button button-primary" to={`/sops/${sop.id}/edit`}>
            Edit
          </Link>
          {sop.publishedVersionId && !sop.archivedAt ? (
            <Link className="button" to={`/sops/${sop.id}`}>
              View published
            </Link>
          ) : null}
          {(may.archive || may.restore) && sop.publishedVersionId ? (
            sop.archivedAt ? (
              <LifecycleForm sopId={sop.id} intent="restore" submitLabel="Restore" />
            ) : (
              <LifecycleForm
                sopId={sop.id}
                intent="archive"
                submitLabel="Archive"
                confirm="Archive this SOP? Agents will no longer see it until it is restored."
              />
            )
          ) : null}
        </div>
      </header>

      <LifecycleNotice sopId={sop.id} />

      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <DataTable
          caption="Every version, newest first"
          columns={columns}
          rows={versions}
          rowKey={(v) => String(v.id)}
          rowProps={(v) => ({ "data-version": v.version })}
        />
      </section>

      <section className="card" aria-labelledby="compare-title">
        <h2 id="compare-title">Compare versions</h2>
        <Form method="get" className="filters compare-form">
          <VersionSelect label="From" name="a" versions={versions} selected={selected.a} />
          <VersionSelect label="to" name="b" versions={versions} selected={selected.b} />
          <button className="button" type="submit">
            Compare
          </button>
        </Form>
        {compare ? (
          <div className="diff-panels">
            <div className="diff-structure" aria-labelledby="structure-title">
              <h3 id="structure-title">
                What changed from v{compare.a} to v{compare.b}
              </h3>
              <DiffSummary lines={compare.summary} />
            </div>
            <div>
              <h3>
                Source{" "}
                <span className="muted small">
                  +{compare.added} −{compare.removed} lines
                </span>
              </h3>
              <DiffView diff={compare} leftTitle={`v${compare.a}`} rightTitle={`v${compare.b}`} />
            </div>
          </div>
        ) : (
          <p className="muted">
            {versions.length < 2 ? "There is only one version so far." : "Choose two different versions."}
          </p>
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
