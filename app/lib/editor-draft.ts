/** What the editor page gets for the version being edited (app/authoring.server.ts openDraftForEditing). */
export type EditorDraft = {
  sopId: string;
  versionId: number;
  version: number;
  state: "draft" | "in_review";
  source: string;
  revision: number;
  updatedAt: number;
  updatedByName: string | null;
  title: string;
  departmentName: string;
  basedOnVersion: number | null;
  reviewerId: string | null;
  reviewerName: string | null;
  errorCount: number;
  warningCount: number;
  /**
   * No draft yet: `versionId` is the published version and `revision` 0; the first save starts the draft
   * (opening the editor writes nothing).
   */
  phantom: boolean;
};
