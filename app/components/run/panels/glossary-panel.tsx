import type { SopDocument } from "../../../../sop-schema/types";
import { useT } from "../../i18n";

/** The SOP's terms (its front matter's `terms`), in the SOP's language. */
export function GlossaryPanel({ doc }: { doc: SopDocument }) {
  const { t } = useT();
  return (
    <div className="stack">
      <h2 className="panel-title">{t("run.terms.title")}</h2>
      {doc.glossary.length === 0 ? <p className="muted small">{t("run.terms.none")}</p> : null}
      <dl className="glossary-list" lang={doc.meta.language} dir={doc.meta.direction}>
        {doc.glossary.map((g) => (
          <div key={g.term}>
            <dt>{g.term}</dt>
            <dd>{g.meaning}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
