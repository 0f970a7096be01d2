/** The badge that says where an SOP or a version stands in its lifecycle. */
const LABELS: Record<string, { label: string; tone: string }> = {
  draft: { label: "Draft", tone: "badge-muted" },
  in_review: { label: "In review", tone: "badge-warning" },
  published: { label: "Published", tone: "badge-success" },
  superseded: { label: "Superseded", tone: "badge-muted" },
  archived: { label: "Archived", tone: "badge-danger" },
  stale: { label: "Review overdue", tone: "badge-warning" },
};

export function StateBadge({ state, children }: { state: string; children?: React.ReactNode }) {
  const l = LABELS[state] ?? { label: state, tone: "badge-muted" };
  return (
    <span className={`badge ${l.tone}`}>
      {l.label}
      {children}
    </span>
  );
}
