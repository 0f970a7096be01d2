import type { ReactNode } from "react";

/** A labelled form control with its error wired up for assistive technology. */
export function FormField({
  id,
  label,
  error,
  hint,
  className,
  announceError,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  className?: string;
  /** announce the error as it appears (a live check while typing), not only when the field is read */
  announceError?: boolean;
  children: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className ? `form-field ${className}` : "form-field"}>
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role={announceError ? "alert" : undefined}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
