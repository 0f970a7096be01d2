import { useEffect, useRef, useState, type ReactNode } from "react";
import type { FieldDef } from "../../../../sop-schema/types";
import { normaliseFieldValue } from "../../../../runbook/text";
import { validateFieldValue } from "../../../../runbook/validate";
import { FormField } from "../../form";
import { useT } from "../../i18n";
import { useRunActions, useRunView } from "../run-context";
import { afterPointerRelease } from "../pointer-guard";

/**
 * A `<Field>` during a call. The value is committed (a `field.captured` event) when the box is left, Enter is
 * pressed or a choice is made; a value the field refuses is never captured, and says why beside the box.
 */
export function RunField({ field }: { field: FieldDef }) {
  const tr = useT();
  const { t } = tr;
  const { state, locked } = useRunView();
  const { dispatch } = useRunActions();
  const saved = state.fields[field.name]?.value ?? "";
  const [value, setValue] = useState(saved);
  const [error, setErrorNow] = useState<string | null>(null);
  const id = `run-field-${field.name}`;
  useEffect(() => setValue(saved), [saved]);
  // An error appearing or going away moves what is below it: never while a button is being pressed.
  const setError = (e: string | null) => afterPointerRelease(() => setErrorNow(e));
  const check = (v: string) => (v === "" ? null : validateFieldValue(field, normaliseFieldValue(field, v), tr.lang));
  // Committing re-renders the step (the value fills in scripts, an error shows or goes): while a button is
  // being pressed, that waits for the press to end (see pointer-guard.ts).
  const commit = (raw: string) =>
    afterPointerRelease(() => {
      const v = normaliseFieldValue(field, raw);
      if (v !== raw) setValue(v);
      if (v === saved) return setErrorNow(null);
      const problem = check(v);
      setErrorNow(problem);
      if (!problem) dispatch({ type: "field.captured", name: field.name, value: v });
    });

  const label: ReactNode = (
    <>
      {field.label}
      {field.required ? <span className="required"> ({t("run.field.required")})</span> : null}
      {saved ? (
        <span className="field-saved" role="img" aria-label={t("run.field.captured")}>
          {" "}
          ✓
        </span>
      ) : null}
    </>
  );

  if (field.type === "yes-no") {
    return (
      <fieldset
        className="field-run yes-no-field"
        role="radiogroup"
        aria-required={field.required || undefined}
        aria-describedby={field.help ? `${id}-hint` : undefined}
      >
        <legend>{label}</legend>
        <div className="yes-no">
          {(["yes", "no"] as const).map((v) => (
            <label key={v} className="radio">
              <input
                type="radio"
                name={id}
                value={v}
                checked={value === v}
                disabled={locked}
                onChange={() => {
                  setValue(v);
                  commit(v);
                }}
              />{" "}
              {t(`run.field.${v}`)}
            </label>
          ))}
        </div>
        {field.help ? (
          <p className="field-hint" id={`${id}-hint`}>
            {field.help}
          </p>
        ) : null}
      </fieldset>
    );
  }

  return (
    <FormField
      id={id}
      className="field-run"
      label={label}
      hint={field.help ?? (field.type === "date" ? t("run.field.dateHint") : undefined)}
      error={error}
      announceError
    >
      {(aria) => {
        const common = { ...aria, disabled: locked, "aria-required": field.required || undefined };
        if (field.type === "select") {
          return (
            <select
              {...common}
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                commit(e.target.value);
              }}
            >
              <option value="">{t("run.field.choose")}</option>
              {(field.options ?? []).map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          );
        }
        if (field.type === "textarea") {
          return (
            <textarea
              {...common}
              rows={3}
              value={value}
              placeholder={field.placeholder}
              onChange={(e) => setValue(e.target.value)}
              onBlur={(e) => commit(e.target.value)}
            />
          );
        }
        const input = (
          <input
            {...common}
            // number and date are text boxes: a number box refuses Persian digits, a date box costs three Tab presses
            type={field.type === "phone" ? "tel" : field.type === "email" ? "email" : "text"}
            inputMode={field.type === "number" ? "decimal" : field.type === "phone" ? "tel" : undefined}
            autoComplete="off"
            dir={
              field.type === "number" || field.type === "phone" || field.type === "date" || field.type === "email"
                ? "ltr"
                : undefined
            }
            value={value}
            placeholder={field.placeholder ?? (field.type === "date" ? "YYYY-MM-DD" : undefined)}
            onChange={(e) => {
              setValue(e.target.value);
              if (error) setError(check(e.target.value));
            }}
            onBlur={(e) => commit(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") commit((e.target as HTMLInputElement).value);
            }}
          />
        );
        return field.type === "date" ? (
          <span className="date-input">
            {input}
            <DatePickerButton
              disabled={locked}
              value={value}
              onPick={(v) => {
                setValue(v);
                commit(v);
              }}
              label={t("run.field.pickDate")}
            />
          </span>
        ) : (
          input
        );
      }}
    </FormField>
  );
}

/** The browser's calendar, opened from one button; the typed box stays the one Tab stop for the date. */
export function DatePickerButton({
  value,
  onPick,
  label,
  disabled,
}: {
  value: string;
  onPick(v: string): void;
  label: string;
  disabled: boolean;
}) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="button button-small button-ghost date-pick"
        tabIndex={-1 /* keyboard users type the date: the box is the one Tab stop */}
        disabled={disabled}
        aria-label={label}
        title={label}
        onClick={() => {
          const el = ref.current;
          if (!el) return;
          try {
            el.showPicker();
          } catch {
            el.focus();
          }
        }}
      >
        <span aria-hidden="true">📅</span>
      </button>
      <input
        ref={ref}
        type="date"
        className="date-pick-native"
        tabIndex={-1}
        aria-hidden="true"
        value={/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ""}
        onChange={(e) => e.target.value && onPick(e.target.value)}
      />
    </>
  );
}
