// One person's state on one SOP, as a badge: a word and a shape, never colour alone (the readiness matrix, a
// person's page, My training). Colours come from app.css's tokens, so it reads in light and dark alike.
import type { CellState } from "../../../training/certification";
import type { MessageId } from "../../../i18n";
import { useT } from "../i18n";
import "./cell-state-badge.css";

/** The message for each state (i18n/messages/training.ts): trainees read them in their language. */
export const CELL_STATE_MESSAGES: Readonly<Record<CellState, MessageId>> = {
  "not-started": "training.state.not-started",
  reading: "training.state.reading",
  acknowledged: "training.state.acknowledged",
  "quiz-passed": "training.state.quiz-passed",
  practising: "training.state.practising",
  certified: "training.state.certified",
  expiring: "training.state.expiring",
  expired: "training.state.expired",
};

/** English names, for the trainer's pages (English-only, like the editor and admin pages). */
export const CELL_STATE_LABELS: Readonly<Record<CellState, string>> = {
  "not-started": "Not started",
  reading: "Reading",
  acknowledged: "Acknowledged",
  "quiz-passed": "Quiz passed",
  practising: "Practising",
  certified: "Certified",
  expiring: "Expiring",
  expired: "Expired",
};

/** How far along the way to a certificate each state is (the badge's little meter), out of 4. */
const PROGRESS: Readonly<Record<CellState, number>> = {
  "not-started": 0,
  reading: 1,
  acknowledged: 2,
  "quiz-passed": 3,
  practising: 3,
  certified: 4,
  expiring: 4,
  expired: 0,
};

/** The state's glyph: the text carries the meaning, the shape helps scanning a grid (and colour-blind eyes). */
function Glyph({ state }: { state: CellState }) {
  const common = {
    className: "csb-glyph",
    viewBox: "0 0 16 16",
    width: 14,
    height: 14,
    "aria-hidden": true as const,
    focusable: "false" as const,
  };
  switch (state) {
    case "certified":
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="7" className="csb-fill" />
          <path d="M4.6 8.3 7 10.6 11.4 5.8" className="csb-on-fill" />
        </svg>
      );
    case "expiring":
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.25" />
          <path d="M8 4.5V8l2.4 1.6" />
        </svg>
      );
    case "expired":
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.25" />
          <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" />
        </svg>
      );
    case "not-started":
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.25" strokeDasharray="2.4 2.2" />
        </svg>
      );
    default: {
      // Reading → practising: a ring filling up.
      const share = PROGRESS[state] / 4;
      const r = 6.25;
      const c = 2 * Math.PI * r;
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r={r} className="csb-track" />
          <circle cx="8" cy="8" r={r} strokeDasharray={`${c * share} ${c}`} transform="rotate(-90 8 8)" />
        </svg>
      );
    }
  }
}

/** `localised`: in the viewer's interface language (My training); otherwise the English label (trainer pages). */
export function CellStateBadge({ state, localised = false }: { state: CellState; localised?: boolean }) {
  const { t } = useT();
  return (
    <span className={`csb csb-${state}`} data-state={state}>
      <Glyph state={state} />
      <span className="csb-label">{localised ? t(CELL_STATE_MESSAGES[state]) : CELL_STATE_LABELS[state]}</span>
    </span>
  );
}
