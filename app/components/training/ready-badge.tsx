// "Ready for the floor": certified on every required SOP of their department — or nothing required at all.
import type { FloorReadiness } from "../../../training/certification";

export const READINESS_LABELS: Readonly<Record<FloorReadiness, string>> = {
  ready: "Ready",
  "not-ready": "Not ready",
  "nothing-required": "Nothing required",
};

export function ReadyBadge({ ready }: { ready: FloorReadiness }) {
  const tone = ready === "ready" ? "badge-success" : ready === "not-ready" ? "badge-warning" : "badge-muted";
  return (
    <span className={`badge ready-badge ${tone}`} data-ready={ready}>
      <span aria-hidden="true" className="ready-badge-mark">
        {ready === "ready" ? "✓" : ready === "not-ready" ? "○" : "–"}
      </span>{" "}
      {READINESS_LABELS[ready]}
    </span>
  );
}
