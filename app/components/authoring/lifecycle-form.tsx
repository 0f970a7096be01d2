import { useEffect, useRef, type ReactNode } from "react";
import { useFetcher } from "react-router";

type Result = { ok: true; message: string } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** Every lifecycle form of one SOP shares one fetcher, so the answer outlives the form that asked. */
const fetcherKey = (sopId: string) => `lifecycle:${sopId}`;

/**
 * A form that posts one lifecycle step to /sops/:sopId/lifecycle through a fetcher (the page stays and
 * revalidates). Its answer is shown by <LifecycleNotice> — the form itself may disappear once the step
 * is done (e.g. the approve form after approving).
 */
export function LifecycleForm({
  sopId,
  intent,
  children,
  submitLabel,
  busyLabel,
  tone = "button",
  className,
  confirm,
  onDone,
  small = false,
}: {
  sopId: string;
  intent: string;
  children?: ReactNode;
  submitLabel: string;
  busyLabel?: string;
  tone?: "button" | "button-primary" | "button-ghost" | "button-danger";
  className?: string;
  /** asked with window.confirm before submitting */
  confirm?: string;
  /** called with the answer once this form's step succeeded and the page data is fresh again */
  onDone?: (message: string) => void;
  /** a small button, beside the editor header's other small buttons */
  small?: boolean;
}) {
  const fetcher = useFetcher<Result>({ key: fetcherKey(sopId) });
  const busy = fetcher.state !== "idle" && fetcher.formData?.get("intent") === intent;
  const sent = useRef(false);
  useEffect(() => {
    if (busy) sent.current = true;
    else if (sent.current && fetcher.state === "idle") {
      sent.current = false;
      if (fetcher.data?.ok) onDone?.(fetcher.data.message);
    }
  }, [busy, fetcher.state, fetcher.data, onDone]);
  return (
    <fetcher.Form
      method="post"
      action={`/sops/${encodeURIComponent(sopId)}/lifecycle`}
      className={`lifecycle-form ${className ?? ""}`}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      {children}
      <button
        type="submit"
        className={`button ${tone === "button" ? "" : tone}${small ? " button-small" : ""}`}
        disabled={fetcher.state !== "idle"}
      >
        {busy ? (busyLabel ?? "Working…") : submitLabel}
      </button>
    </fetcher.Form>
  );
}

/** The answer to the last lifecycle step on this SOP: a polite status, or an alert with the reason. */
export function LifecycleNotice({ sopId, shown }: { sopId: string; shown?: string | null }) {
  const fetcher = useFetcher<Result>({ key: fetcherKey(sopId) });
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  // `shown`: a message the page already shows (the editor's notice after a discard) is not said twice. Whether the
  // keyed fetcher's answer outlives the editor's remount is a matter of timing.
  const result = answer?.ok && answer.message === shown ? undefined : answer;
  return (
    <div className="lifecycle-notice" aria-live="polite">
      {result ? (
        result.ok ? (
          <p role="status" className="alert alert-success">
            {result.message}
          </p>
        ) : (
          <p role="alert" className="alert alert-error">
            {result.error}
          </p>
        )
      ) : null}
    </div>
  );
}
