import { useEffect, useRef } from "react";
import type { MessageId } from "../../../i18n";
import { useT } from "../i18n";

/** The run screen's keys (the `?` overlay and the README list them). Letters are ignored while typing. */
export const SHORTCUTS: [string, MessageId][] = [
  ["j", "run.keys.next"],
  ["k", "run.keys.previous"],
  ["d", "run.keys.done"],
  ["1 – 9", "run.keys.answer"],
  ["n", "run.keys.notes"],
  ["e", "run.keys.escalate"],
  ["f", "run.keys.flag"],
  ["g", "run.keys.terms"],
  ["/|s", "run.keys.search"],
  ["w", "run.keys.wrapup"],
  ["?", "run.keys.help"],
  ["Esc", "run.keys.escape"],
  ["Ctrl+Enter", "run.keys.addNote"],
];

export function HelpOverlay({ onClose }: { onClose(): void }) {
  const { t, dir, lang } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} className="help-dialog" aria-labelledby="help-title" onClose={onClose} dir={dir} lang={lang}>
      <h2 id="help-title">{t("run.keys.title")}</h2>
      <table className="table">
        <tbody>
          {SHORTCUTS.map(([k, v]) => (
            <tr key={k}>
              <td>
                {k.split("|").map((part, i) => (
                  <span key={part}>
                    {i > 0 ? " " : null}
                    <kbd dir="ltr">{part}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button className="button" type="submit" autoFocus>
          {t("run.close")}
        </button>
      </form>
    </dialog>
  );
}
