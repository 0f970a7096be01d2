import { createContext, useContext } from "react";
import type { SopDocument } from "../../../sop-schema/types";
import type { RunState } from "../../../runbook/state";
import type { NewRunEvent } from "./use-run";

export type Panel = "notes" | "escalate" | "flag" | "glossary" | "search" | "wrapup";
/** Dispatches one event; returns the reason it was refused, or null when it was applied. */
export type Dispatch = (e: NewRunEvent) => string | null;

/** What changes on every event: the run's state. */
export type RunView = {
  state: RunState;
  /** Nothing on screen may change the run: someone else's run, or a wrapped-up call. */
  locked: boolean;
  currentId: string | null;
};

/** What stays the same for the whole run: the document and the actions (stable identities). */
export type RunActions = {
  runId: string;
  doc: SopDocument;
  version: number;
  dispatch: Dispatch;
  focusStep(stepId: string | null | undefined): void;
  openPanel(panel: Panel): void;
  /** Opens the escalation panel prefilled (from an Escalate block or a flow's escalate node). */
  escalate(to: string, reason: string): void;
};

export const RunViewContext = createContext<RunView | null>(null);
export const RunActionsContext = createContext<RunActions | null>(null);

export function useRunView(): RunView {
  const v = useContext(RunViewContext);
  if (!v) throw new Error("useRunView outside RunScreen");
  return v;
}

export function useRunActions(): RunActions {
  const v = useContext(RunActionsContext);
  if (!v) throw new Error("useRunActions outside RunScreen");
  return v;
}
