// A section's text (what is not a step: its introduction, the paragraphs between its steps) for the run
// screen, which shows one step at a time: each run of text goes with the step it precedes, so the agent meets
// it where it belongs. Pure; cached per document.
import type { Block, SopDocument } from "../sop-schema/types";

export type SectionNote = {
  sectionId: string;
  /** null for the introduction before the first `##` */
  sectionTitle: string | null;
  sectionNumber: number;
  blocks: Block[];
};

const cache = new WeakMap<SopDocument, Map<string, SectionNote[]>>();

/**
 * step id → the section text to show with it, in document order. Text before a step goes with that step; text
 * after a section's last step goes with that last step; a section without steps (an introduction of text only)
 * goes with the next step of the SOP, or with the last step when none follows. Quizzes and scenarios are not
 * shown on a call, so a run of only those is no text.
 */
export function sectionNotesByStep(doc: SopDocument): Map<string, SectionNote[]> {
  const hit = cache.get(doc);
  if (hit) return hit;
  const out = new Map<string, SectionNote[]>();
  const add = (stepId: string, note: SectionNote) => {
    const list = out.get(stepId);
    const last = list?.[list.length - 1];
    if (last && last.sectionId === note.sectionId)
      last.blocks = [...last.blocks, ...note.blocks]; // one disclosure per section
    else if (list) list.push(note);
    else out.set(stepId, [note]);
  };
  const known = new Set(doc.steps.map((s) => s.id));
  let waiting: SectionNote[] = []; // text of sections without steps, for the next step
  let lastStep: string | null = null;
  for (const section of doc.sections) {
    const items = section.items ?? [
      { kind: "blocks" as const, blocks: section.intro },
      ...section.stepIds.map((stepId) => ({ kind: "step" as const, stepId })),
    ];
    const note = (blocks: Block[]): SectionNote => ({
      sectionId: section.id,
      sectionTitle: section.title,
      sectionNumber: section.number,
      blocks,
    });
    let pending: Block[] = [];
    let sectionLast: string | null = null;
    for (const item of items) {
      if (item.kind === "blocks") {
        pending.push(...item.blocks.filter((b) => b.type !== "quiz" && b.type !== "scenario"));
        continue;
      }
      if (!known.has(item.stepId)) continue;
      for (const w of waiting) add(item.stepId, w);
      waiting = [];
      if (pending.length) add(item.stepId, note(pending));
      pending = [];
      sectionLast = lastStep = item.stepId;
    }
    if (!pending.length) continue;
    if (sectionLast) add(sectionLast, note(pending));
    else waiting.push(note(pending));
  }
  if (waiting.length && lastStep) for (const w of waiting) add(lastStep, w);
  cache.set(doc, out);
  return out;
}
