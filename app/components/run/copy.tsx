import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n";

/** The button's words when it copies something else than the wrap-up note (a reply template, in the SOP's language). */
export type CopyLabels = { button: string; copied: string; announced: string; manual: string };

/** Copies in one click; where the clipboard is refused, selects the text and says how to copy it by hand. */
export function CopyButton({
  text,
  fallback,
  labels,
  describedBy,
}: {
  /** the text, or a function that gives it at the moment of the click */
  text: string | (() => string);
  fallback?: React.RefObject<HTMLElement | null>;
  labels?: CopyLabels;
  /** id of what is copied (its title), for screen readers */
  describedBy?: string;
}) {
  const { t } = useT();
  const words: CopyLabels = labels ?? {
    button: t("run.copy.button"),
    copied: t("run.copy.copied"),
    announced: t("run.copy.announced"),
    manual: t("run.copy.manual"),
  };
  const [result, setResult] = useState<"idle" | "copied" | "manual">("idle");
  useEffect(() => {
    if (result !== "copied") return;
    const timer = setTimeout(() => setResult("idle"), 2500);
    return () => clearTimeout(timer);
  }, [result]);
  const selectByHand = () => {
    const el = fallback?.current;
    if (el instanceof HTMLTextAreaElement) {
      el.focus();
      el.select();
    } else if (el) {
      const range = document.createRange();
      range.selectNodeContents(el);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
    setResult("manual");
  };
  return (
    <>
      <button
        type="button"
        className="button"
        aria-describedby={describedBy}
        onClick={() => {
          if (!navigator.clipboard?.writeText) return selectByHand();
          navigator.clipboard
            .writeText(typeof text === "function" ? text() : text)
            .then(() => setResult("copied"), selectByHand);
        }}
      >
        {result === "copied" ? words.copied : words.button}
      </button>
      <span className="visually-hidden" role="status">
        {result === "copied" ? words.announced : ""}
      </span>
      {result === "manual" ? (
        <span className="small muted" role="status">
          {words.manual}
        </span>
      ) : null}
    </>
  );
}

export function CopyBox({ text }: { text: string }) {
  const ref = useRef<HTMLPreElement>(null);
  return (
    <div className="stack">
      <pre className="wrapup-text" ref={ref} data-testid="wrapup-text" dir="auto">
        {text}
      </pre>
      <div>
        <CopyButton text={text} fallback={ref} />
      </div>
    </div>
  );
}
