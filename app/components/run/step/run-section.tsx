import type { RefObject } from "react";
import type { SopDocument } from "../../../../sop-schema/types";
import { blocksPlainText } from "../../../../sop-schema/plain-text";
import { sectionNotesByStep } from "../../../../runbook/section-text";
import { Blocks, useSopContext, type TemplateBlock } from "../../sop/sop-view";
import { useT } from "../../i18n";
import { CopyButton } from "../copy";
import { useRunView } from "../run-context";

/**
 * The text of the step's section that is not a step (its introduction, the paragraphs before this step),
 * collapsed above the step: the run shows one step at a time, so this is where that text belongs.
 */
export function RunSectionNotes({ doc, stepId }: { doc: SopDocument; stepId: string }) {
  const { t } = useT();
  const notes = sectionNotesByStep(doc).get(stepId);
  if (!notes?.length) return null;
  return (
    <div className="run-section-notes">
      {notes.map((note) => (
        <details key={note.sectionId} className="run-section-note" data-testid="run-section-note">
          <summary>
            {note.sectionTitle ? t("run.section.about", { title: note.sectionTitle }) : t("run.section.aboutIntro")}
          </summary>
          <div className="run-section-note-body">
            <Blocks blocks={note.blocks} />
          </div>
        </details>
      ))}
    </div>
  );
}

/** A template's Copy button on a call: the reply with the values captured so far (a missing one as "[Label]"). */
export function RunTemplateCopy({
  block,
  body,
  describedBy,
}: {
  block: TemplateBlock;
  body: RefObject<HTMLElement | null>;
  describedBy: string;
}) {
  const { state } = useRunView();
  const sop = useSopContext();
  const text = () =>
    blocksPlainText(block.children, (name) => state.fields[name]?.value || `[${sop.fields.get(name)?.label ?? name}]`);
  return <CopyButton text={text} fallback={body} labels={sop.t.copy} describedBy={describedBy} />;
}
