import { Link } from "react-router";
import type { Route } from "./+types/reviews";
import { getDb } from "../../db/client.server";
import { listReviewQueue } from "../../db/versions.server";
import { actsOnAllDepartments } from "../auth/policy";
import { requirePermission } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";

export const meta: Route.MetaFunction = () => [{ title: "Reviews · Stepwise" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "review:sop");
  const db = getDb();
  const mine = await listReviewQueue(db, user.id);
  // Admins can decide any review: show the others too, separately.
  const others = actsOnAllDepartments(user)
    ? (await listReviewQueue(db, null)).filter((r) => r.reviewerId !== user.id)
    : [];
  return { mine, others };
}

function Queue({ rows, empty }: { rows: Route.ComponentProps["loaderData"]["mine"]; empty: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="review-queue link-list">
      {rows.map((r) => (
        <li key={r.versionId}>
          <Link to={`/sops/${r.sopId}/review`}>
            {r.title} <span className="muted small">v{r.version}</span>
          </Link>
          <span className="muted small">
            {r.departmentName} · from {r.authorName ?? "someone"}
            {r.submittedAt ? ` · ${new Date(r.submittedAt).toISOString().slice(0, 10)}` : ""}
            {r.reviewerName ? ` · reviewer ${r.reviewerName}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default function Reviews({ loaderData }: Route.ComponentProps) {
  const { mine, others } = loaderData;
  return (
    <>
      <header className="page-header">
        <h1>Reviews</h1>
        <p className="muted">
          Procedures waiting for your approval. Approve them, or send them back with what needs to change.
        </p>
      </header>
      <section className="card" aria-labelledby="mine-title">
        <h2 id="mine-title">Waiting for you ({mine.length})</h2>
        <Queue rows={mine} empty="Nothing is waiting for your review." />
      </section>
      {others.length ? (
        <section className="card" aria-labelledby="others-title">
          <h2 id="others-title">With other reviewers ({others.length})</h2>
          <Queue rows={others} empty="" />
        </section>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
