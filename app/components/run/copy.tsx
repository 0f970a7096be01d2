import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n";

/** Copies in one click; where the clipboard is refused, selects the text and says how to copy it by hand. */
export function CopyButton({ text, fallback }: { text: string; fallback?: React.RefObject<HTMLElement | null> }) {
  const { t } = useT();
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
        onClick={() => {
          if (!navigator.clipboard?.writeText) return selectByHand();
          navigator.clipboard.writeText(text).then(() => setResult("copied"), selectByHand);
        }}
      >
        {result === "copied" ? t("run.copy.copied") : t("run.copy.button")}
      </button>
      <span className="visually-hidden" role="status">
        {result === "copied" ? t("run.copy.announced") : ""}
      </span>
      {result === "manual" ? (
        <span className="small muted" role="status">
          {t("run.copy.manual")}
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
