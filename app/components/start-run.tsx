import { Form, useNavigation } from "react-router";
import { CHANNELS } from "../../runbook/events";
import { useT } from "./i18n";

/**
 * Starts a run of an SOP: the optional customer reference (ticket, order or account id — kept on the run, its
 * wrap-up and its follow-up) and the channel, then straight into the runbook. Quick find asks the same.
 */
export function StartRunForm({ sopId, compact = false }: { sopId: string; compact?: boolean }) {
  const tr = useT();
  const { t } = tr;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === "/runs/new";
  if (compact) {
    return (
      <Form method="post" action="/runs/new">
        <input type="hidden" name="sopId" value={sopId} />
        <button type="submit" className="button button-small" disabled={busy}>
          {t("quickfind.startRun")}
        </button>
      </Form>
    );
  }
  // The page around may be in the SOP's language; the form speaks the viewer's.
  return (
    <Form method="post" action="/runs/new" className="start-run" dir={tr.dir} lang={tr.lang}>
      <input type="hidden" name="sopId" value={sopId} />
      <div className="form-field">
        <label htmlFor="start-customer">{t("quickfind.start.ref")}</label>
        <input
          id="start-customer"
          name="customerRef"
          maxLength={120}
          autoComplete="off"
          placeholder={t("quickfind.start.refPlaceholder")}
        />
      </div>
      <div className="form-field">
        <label htmlFor="start-channel">{t("quickfind.start.channel")}</label>
        <ChannelSelect id="start-channel" />
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t("quickfind.start.starting") : t("quickfind.startRun")}
      </button>
    </Form>
  );
}

/** The call's channel (the run records it), phone first: the start form and quick find share it. */
export function ChannelSelect({ id }: { id: string }) {
  const { t } = useT();
  return (
    <select id={id} name="channel" defaultValue="phone">
      {CHANNELS.map((c) => (
        <option key={c} value={c}>
          {t(`quickfind.channel.${c}`)}
        </option>
      ))}
    </select>
  );
}
