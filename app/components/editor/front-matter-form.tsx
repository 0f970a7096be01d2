// The structured front matter form: every field reads from and writes to the YAML block at the top of the
// source (authoring/front-matter), so the form and the code editor are two views of one text.
import { FormField } from "../form";
import { useId, useMemo, useRef, useState } from "react";
import {
  placeholderMessage,
  readFrontMatter,
  validateFrontMatter,
  writeFrontMatter,
  type FrontMatterValues,
} from "../../../authoring/front-matter";

type Props = {
  source: string;
  onChange(source: string): void;
  departments: readonly string[];
  readOnly?: boolean;
};

const LANGUAGES: { code: string; name: string }[] = [
  { code: "en", name: "English" },
  { code: "en-GB", name: "English (UK)" },
  { code: "fr", name: "French" },
  { code: "de", name: "German" },
  { code: "es", name: "Spanish" },
  { code: "it", name: "Italian" },
  { code: "nl", name: "Dutch" },
  { code: "pt", name: "Portuguese" },
  { code: "el", name: "Greek" },
  { code: "pl", name: "Polish" },
  { code: "tr", name: "Turkish" },
  { code: "ar", name: "Arabic (right-to-left)" },
  { code: "fa", name: "Persian (right-to-left)" },
  { code: "he", name: "Hebrew (right-to-left)" },
  { code: "ur", name: "Urdu (right-to-left)" },
];

type Cadence = "every" | "by" | "none";

function cadenceOf(v: FrontMatterValues): Cadence {
  return v.reviewBy ? "by" : v.reviewEvery ? "every" : "none";
}

const tagsToText = (tags: string[]) => tags.join(", ");
const textToTags = (text: string) => text.split(",").map((t) => t.trim());

export function FrontMatterForm({ source, onChange, departments, readOnly = false }: Props) {
  const uid = useId().replace(/:/g, "");
  const fid = (name: string) => `fm-${uid}-${name}`;
  const read = useMemo(() => readFrontMatter(source), [source]);

  // The form keeps its own values while the user types (a half-typed value may not round-trip through YAML,
  // e.g. a trailing comma in tags); it re-reads the source when the text changes from elsewhere.
  const [values, setValues] = useState<FrontMatterValues>(read.values);
  const [tagsText, setTagsText] = useState(() => tagsToText(read.values.tags));
  const [cadence, setCadence] = useState<Cadence>(() => cadenceOf(read.values));
  const [seenSource, setSeenSource] = useState(source);
  const written = useRef<string | null>(null);
  if (source !== seenSource) {
    setSeenSource(source);
    if (source !== written.current) {
      setValues(read.values);
      setTagsText(tagsToText(read.values.tags));
      setCadence(cadenceOf(read.values));
    }
  }

  const errors = useMemo(() => {
    const found = validateFrontMatter(values);
    // A TODO the import left reads as empty: say so, rather than "is missing".
    for (const key of read.placeholders) if (!values[key].trim()) found[key] = placeholderMessage(key);
    return found;
  }, [values, read.placeholders]);
  const locked = readOnly || Boolean(read.error);

  function update(patch: Partial<FrontMatterValues>) {
    const next = { ...values, ...patch };
    setValues(next);
    const out = writeFrontMatter(source, next);
    written.current = out;
    if (out !== source) onChange(out);
  }

  function setCadenceKind(kind: Cadence) {
    setCadence(kind);
    if (kind === "none") update({ reviewEvery: "", reviewBy: "" });
    else if (kind === "every") update({ reviewBy: "", reviewEvery: values.reviewEvery || "180d" });
    else update({ reviewEvery: "", reviewBy: values.reviewBy });
  }

  const deptOptions =
    values.department && !departments.includes(values.department) ? [...departments, values.department] : departments;

  return (
    <div className="fm-form">
      {read.error ? (
        <p className="alert alert-error" role="alert">
          <strong>The details can’t be edited here until the front matter reads correctly.</strong> {read.error}. Fix it
          in the source below.
        </p>
      ) : null}
      <fieldset className="fm-grid" disabled={locked}>
        <legend className="visually-hidden">Procedure details</legend>
        <FormField id={fid("title")} label="Title" error={errors.title} className="fm-wide">
          {(p) => (
            <input
              {...p}
              type="text"
              value={values.title}
              onChange={(e) => update({ title: e.target.value })}
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField id={fid("department")} label="Department" error={errors.department}>
          {(p) => (
            <select {...p} value={values.department} onChange={(e) => update({ department: e.target.value })}>
              <option value="">Choose a department…</option>
              {deptOptions.map((d) => (
                <option key={d} value={d}>
                  {departments.includes(d) ? d : `${d} (not a department yet)`}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={fid("owner")} label="Owner" hint="E-mail of the team lead who owns it" error={errors.owner}>
          {(p) => (
            <input
              {...p}
              type="email"
              dir="ltr"
              value={values.owner}
              onChange={(e) => update({ owner: e.target.value })}
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField
          id={fid("purpose")}
          label="Purpose"
          hint="One sentence: why this SOP exists"
          error={errors.purpose}
          className="fm-wide"
        >
          {(p) => (
            <textarea {...p} rows={3} value={values.purpose} onChange={(e) => update({ purpose: e.target.value })} />
          )}
        </FormField>
        <FormField
          id={fid("language")}
          label="Language"
          hint="en, fr, el, fa… Arabic, Persian and Hebrew read right to left"
          error={errors.language}
        >
          {(p) => (
            <>
              <input
                {...p}
                type="text"
                dir="ltr"
                list={`${fid("language")}-list`}
                value={values.language}
                placeholder="en"
                onChange={(e) => update({ language: e.target.value })}
                autoComplete="off"
              />
              <datalist id={`${fid("language")}-list`}>
                {LANGUAGES.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.name}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </FormField>
        <FormField id={fid("tags")} label="Tags" hint="Separated by commas" error={errors.tags}>
          {(p) => (
            <input
              {...p}
              type="text"
              value={tagsText}
              onChange={(e) => {
                setTagsText(e.target.value);
                update({ tags: textToTags(e.target.value) });
              }}
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField id={fid("handleTime")} label="Target handle time" hint="e.g. 6m or 1h30m" error={errors.handleTime}>
          {(p) => (
            <input
              {...p}
              type="text"
              dir="ltr"
              inputMode="text"
              value={values.handleTime}
              onChange={(e) => update({ handleTime: e.target.value })}
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField
          id={fid("firstResponse")}
          label="Target first response"
          hint="Optional, e.g. 20s or 2h"
          error={errors.firstResponse}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              dir="ltr"
              value={values.firstResponse}
              onChange={(e) => update({ firstResponse: e.target.value })}
              autoComplete="off"
            />
          )}
        </FormField>

        <fieldset
          className="form-field fm-wide fm-cadence"
          aria-describedby={errors.reviewEvery || errors.reviewBy ? `${fid("review")}-error` : undefined}
        >
          <legend>Review</legend>
          <div className="fm-cadence-row">
            <label className="radio">
              <input
                type="radio"
                name={fid("cadence")}
                checked={cadence === "every"}
                onChange={() => setCadenceKind("every")}
              />{" "}
              Every
            </label>
            <input
              type="text"
              dir="ltr"
              className="fm-short"
              aria-label="Review interval, e.g. 180d, 26w or 6mo"
              value={values.reviewEvery}
              disabled={cadence !== "every"}
              aria-invalid={errors.reviewEvery ? true : undefined}
              aria-describedby={errors.reviewEvery ? `${fid("review")}-error` : `${fid("review")}-hint`}
              onChange={(e) => update({ reviewEvery: e.target.value })}
            />
            <label className="radio">
              <input
                type="radio"
                name={fid("cadence")}
                checked={cadence === "by"}
                onChange={() => setCadenceKind("by")}
              />{" "}
              By date
            </label>
            <input
              type="date"
              className="fm-date"
              aria-label="Review by date"
              value={values.reviewBy}
              disabled={cadence !== "by"}
              aria-invalid={errors.reviewBy ? true : undefined}
              aria-describedby={errors.reviewBy ? `${fid("review")}-error` : undefined}
              onChange={(e) => update({ reviewBy: e.target.value })}
            />
            <label className="radio">
              <input
                type="radio"
                name={fid("cadence")}
                checked={cadence === "none"}
                onChange={() => setCadenceKind("none")}
              />{" "}
              No review date
            </label>
          </div>
          <p className="field-hint" id={`${fid("review")}-hint`}>
            An interval in days, weeks or months: 180d, 26w, 6mo.
          </p>
          {errors.reviewEvery || errors.reviewBy ? (
            <p className="field-error" id={`${fid("review")}-error`}>
              {errors.reviewEvery ?? errors.reviewBy}
            </p>
          ) : null}
        </fieldset>

        <TermsTable
          idBase={fid("terms")}
          terms={values.terms}
          error={errors.terms}
          onChange={(terms) => update({ terms })}
        />
      </fieldset>
    </div>
  );
}

function TermsTable({
  idBase,
  terms,
  error,
  onChange,
}: {
  idBase: string;
  terms: FrontMatterValues["terms"];
  error?: string;
  onChange(terms: FrontMatterValues["terms"]): void;
}) {
  const tableRef = useRef<HTMLTableElement>(null);
  const set = (i: number, patch: Partial<{ term: string; meaning: string }>) =>
    onChange(terms.map((t, j) => (j === i ? { ...t, ...patch } : t)));

  function add() {
    onChange([...terms, { term: "", meaning: "" }]);
    // Focus the new row's first input once React has rendered it.
    requestAnimationFrame(() => {
      const inputs = tableRef.current?.querySelectorAll<HTMLInputElement>("tbody tr:last-child input");
      inputs?.[0]?.focus();
    });
  }

  function remove(i: number) {
    onChange(terms.filter((_, j) => j !== i));
    requestAnimationFrame(() => {
      const buttons = tableRef.current?.querySelectorAll<HTMLButtonElement>("tbody tr input");
      (buttons?.[Math.max(0, i - 1) * 2] ?? document.getElementById(`${idBase}-add`))?.focus();
    });
  }

  return (
    <div className="form-field fm-wide fm-terms">
      <span className="fm-label" id={`${idBase}-label`}>
        Terms
      </span>
      <p className="field-hint" id={`${idBase}-hint`}>
        Company jargon and acronyms; agents see the meaning wherever the term appears.
      </p>
      {terms.length ? (
        <table
          className="fm-terms-table"
          ref={tableRef}
          aria-labelledby={`${idBase}-label`}
          aria-describedby={error ? `${idBase}-error` : `${idBase}-hint`}
        >
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col">Meaning</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {terms.map((t, i) => (
              <tr key={i}>
                <td>
                  <input
                    type="text"
                    aria-label={`Term ${i + 1}`}
                    value={t.term}
                    onChange={(e) => set(i, { term: e.target.value })}
                    autoComplete="off"
                  />
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={`Meaning of term ${i + 1}`}
                    value={t.meaning}
                    onChange={(e) => set(i, { meaning: e.target.value })}
                    autoComplete="off"
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    onClick={() => remove(i)}
                    aria-label={`Remove term ${i + 1}${t.term ? ` (${t.term})` : ""}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">No terms yet.</p>
      )}
      {error ? (
        <p className="field-error" id={`${idBase}-error`}>
          {error}
        </p>
      ) : null}
      <div>
        <button type="button" id={`${idBase}-add`} className="button button-small" onClick={add}>
          Add a term
        </button>
      </div>
    </div>
  );
}
