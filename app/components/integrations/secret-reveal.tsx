import { useRef } from "react";
import { CopyButton } from "../run/copy";
import { useT } from "../i18n";

/**
 * A secret shown once (a new API token, a launch secret): read-only, selectable in one click, with a copy button.
 * It is rendered from the action's answer only, so a reload does not show it again.
 */
export function SecretReveal({ id, label, value, hint }: { id: string; label: string; value: string; hint?: string }) {
  const { t } = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="form-field secret-reveal">
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      <div className="secret-reveal-row">
        <input
          ref={input}
          id={id}
          className="secret-value"
          readOnly
          value={value}
          dir="ltr"
          spellCheck={false}
          autoComplete="off"
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton
          text={value}
          fallback={input}
          describedBy={`${id}-label`}
          labels={{
            button: t("integrations.copy.button"),
            copied: t("integrations.copy.copied"),
            announced: t("integrations.copy.announced"),
            manual: t("integrations.copy.manual"),
          }}
        />
      </div>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
