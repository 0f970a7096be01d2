import { useEffect, useRef, useState } from "react";
import { useT } from "../../i18n";
import { useRunActions, useRunView } from "../run-context";
import { afterPointerRelease } from "../pointer-guard";

/** How long typing pauses before the text not yet added is saved with the run. */
const DRAFT_DELAY_MS = 1000;

/**
 * Free notes during the call. Ctrl+Enter (⌘Enter) adds the note. Text typed but not added is part of the run
 * (a `note.drafted` event once typing pauses, and when the box is left): it survives a reload, a closed tab
 * or another device, and the wrap-up includes it.
 */
export function NotesPanel() {
  const tr = useT();
  const { t } = tr;
  const { state, locked } = useRunView();
  const { dispatch } = useRunActions();
  const [text, setTextNow] = useState(state.noteDraft?.text ?? "");
  const latest = useRef(text);
  const setText = (v: string) => {
    latest.current = v;
    setTextNow(v);
  };
  const saved = useRef(state.noteDraft?.text ?? "");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveDraft = (value: string) => {
    clearTimeout(timer.current);
    if (locked || value === saved.current) return;
    if (!dispatch({ type: "note.drafted", text: value })) saved.current = value;
  };
  // The draft from another tab or device (or a reload) arrives through the state while this box is untouched.
  useEffect(() => {
    const server = state.noteDraft?.text ?? "";
    if (server !== saved.current && text === saved.current) {
      saved.current = server;
      setText(server);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.noteDraft?.text]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const add = () => {
    clearTimeout(timer.current);
    if (text.trim() && !dispatch({ type: "note.added", text: text.trim() })) {
      saved.current = "";
      setText("");
    }
  };
  return (
    <div className="stack">
      <h2 className="panel-title">{t("run.notes.title")}</h2>
      {!locked ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <label htmlFor="note-text" className="visually-hidden">
            {t("run.notes.new")}
          </label>
          <textarea
            id="note-text"
            rows={3}
            value={text}
            dir="auto"
            onChange={(e) => {
              const value = e.target.value;
              setText(value);
              clearTimeout(timer.current);
              timer.current = setTimeout(() => saveDraft(value), DRAFT_DELAY_MS);
            }}
            // Leaving the box saves the draft, unless the press that left it was "Add note" (then nothing is left).
            onBlur={() => afterPointerRelease(() => saveDraft(latest.current))}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                add();
              }
            }}
            placeholder={t("run.notes.placeholder")}
            aria-describedby="note-text-hint"
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={!text.trim()}>
              {t("run.notes.add")}
            </button>
            <span className="field-hint" id="note-text-hint">
              <kbd dir="ltr">Ctrl+Enter</kbd>
              {text.trim() ? <> · {t("run.notes.draftKept")}</> : null}
            </span>
          </div>
        </form>
      ) : null}
      {state.notes.length === 0 ? <p className="muted small">{t("run.notes.none")}</p> : null}
      <ol className="notes">
        {[...state.notes].reverse().map((n) => (
          <li key={n.id}>
            <time className="muted small" dateTime={new Date(n.at).toISOString()}>
              {tr.time(n.at)}
            </time>
            <p dir="auto">{n.text}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
