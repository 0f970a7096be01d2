/** Diagnostics with where, severity, message and hint: the Mermaid import and the scratch page list them alike. */
export type ListedDiagnostic = {
  line: number;
  column: number;
  severity: "error" | "warning";
  message: string;
  hint?: string;
};

export function DiagnosticList({
  diagnostics,
  label,
  className,
}: {
  diagnostics: readonly ListedDiagnostic[];
  label: string;
  className: string;
}) {
  if (diagnostics.length === 0) return null;
  return (
    <ul className={className} aria-label={label}>
      {diagnostics.map((d, i) => (
        <li key={i} className={`fd-diagnostic fd-diagnostic--${d.severity}`}>
          <span className="fd-diagnostic-where">
            line {d.line}:{d.column}
          </span>
          <span className="fd-diagnostic-sev">{d.severity}</span>
          <span>
            {d.message}
            {d.hint ? <span className="muted"> — {d.hint}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
