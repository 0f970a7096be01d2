import { useState } from "react";
import type { Step } from "../../../../sop-schema/types";
import type { MessageId } from "../../../../i18n";
import { useT } from "../../i18n";
import { useRunActions } from "../run-context";
import type { Panel } from "../run-context";
import { EscalatePanel } from "./escalate-panel";
import { FlagPanel } from "./flag-panel";
import { GlossaryPanel } from "./glossary-panel";
import { NotesPanel } from "./notes-panel";
import { SearchPanel } from "./search-panel";
import { WrapUpPanel } from "./wrapup-panel";

const TABS: [Panel, MessageId, string][] = [
  ["notes", "run.tab.notes", "n"],
  ["escalate", "run.tab.escalate", "e"],
  ["flag", "run.tab.flag", "f"],
  ["glossary", "run.tab.terms", "g"],
  ["search", "run.tab.search", "s"],
  ["wrapup", "run.tab.wrapup", "w"],
];

type Props = {
  panel: Panel;
  setPanel(p: Panel): void;
  sheetOpen: boolean;
  closeSheet(): void;
  current: Step | undefined;
  escalateDraft: { to: string; reason: string } | null;
};

/**
 * The call tools beside the step (a sheet over it in a narrow panel). A panel, once opened, stays mounted
 * while the agent looks at another one: what was typed into it is still there on the way back.
 */
export function RunSidePanels({ panel, setPanel, sheetOpen, closeSheet, current, escalateDraft }: Props) {
  const { t } = useT();
  const { doc } = useRunActions();
  const [opened, setOpened] = useState<Set<Panel>>(() => new Set([panel]));
  if (!opened.has(panel)) setOpened(new Set(opened).add(panel));
  const body = (p: Panel) => {
    switch (p) {
      case "notes":
        return <NotesPanel />;
      case "escalate":
        return <EscalatePanel draft={escalateDraft} />;
      case "flag":
        return <FlagPanel key={current?.id} step={current} />;
      case "glossary":
        return <GlossaryPanel doc={doc} />;
      case "search":
        return <SearchPanel />;
      case "wrapup":
        return <WrapUpPanel active={panel === "wrapup"} />;
    }
  };
  return (
    <aside className="run-side" aria-label={t("run.tools")}>
      <div className="tabs" role="tablist" aria-label={t("run.tools")}>
        {TABS.map(([id, label, key]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={panel === id}
            aria-controls={`panel-${id}`}
            aria-keyshortcuts={key}
            className="tab"
            onClick={() => setPanel(id)}
          >
            {t(label)}
          </button>
        ))}
      </div>
      <div className="run-sheet" data-open={sheetOpen ? "" : undefined}>
        <button type="button" className="button button-small button-ghost run-sheet-close" onClick={closeSheet}>
          {t("run.sheet.back")}
        </button>
        {TABS.map(([id]) =>
          opened.has(id) ? (
            <div
              key={id}
              className="tab-panel"
              role="tabpanel"
              id={`panel-${id}`}
              aria-labelledby={`tab-${id}`}
              hidden={panel !== id}
            >
              {body(id)}
            </div>
          ) : null,
        )}
      </div>
    </aside>
  );
}
