import { Form, useNavigation } from "react-router";

const CHANNEL_LABELS: [string, string][] = [
  ["phone", "Phone"],
  ["email", "E-mail"],
  ["chat", "Chat"],
  ["in-person", "In person"],
];

/** Starts a run of an SOP: optional customer reference and channel, then straight into the runbook. */
export function StartRunForm({ sopId, compact = false }: { sopId: string; compact?: boolean }) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === "/runs/new";
  if (compact) {
    return (
      <Form method="post" action="/runs/new">
        <input type="hidden" name="sopId" value={sopId} />
        <button type="submit" className="button button-small" disabled={busy}>
          Start a run
        </button>
      </Form>
    );
  }
  return (
    <Form method="post" action="/runs/new" className="start-run" dir="ltr" lang="en">
      <input type="hidden" name="sopId" value={sopId} />
      <div className="form-field">
        <label htmlFor="start-customer">Customer reference (optional)</label>
        <input id="start-customer" name="customerRef" maxLength={120} placeholder="e.g. order AB123456 or ticket #" />
      </div>
      <div className="form-field">
        <label htmlFor="start-channel">Channel</label>
        <select id="start-channel" name="channel" defaultValue="phone">
          {CHANNEL_LABELS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? "Starting…" : "Start a run"}
      </button>
    </Form>
  );
}
