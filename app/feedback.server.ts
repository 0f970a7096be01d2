// The feedback inbox's service: who may see and handle which flags (app/auth/policy.ts `decideFeedback`), then
// the database (db/feedback.server.ts). A lead acts on the flags of their department's SOPs, an admin on all.
import type { Db } from "../db/client.server";
import {
  fixCandidates,
  flagsOfAgent,
  getFlag,
  inboxSops,
  listInbox,
  openFlagCounts,
  transitionFlag,
  FeedbackError,
  type FeedbackState,
  type InboxRow,
  type Transition,
} from "../db/feedback.server";
import { FEEDBACK_STATES } from "../db/schema";
import { authorize, decideFeedback, sopListScope, type Actor } from "./auth/policy";

export type InboxItem = InboxRow & { candidates: { id: number; version: number }[] };

/** The state filter from the URL: known states only; none chosen means new + accepted (the db default). */
export function parseStates(values: readonly string[]): FeedbackState[] {
  return values.filter((v): v is FeedbackState => (FEEDBACK_STATES as readonly string[]).includes(v));
}

/** The inbox the actor may see (403 for anyone who handles no flags), with each open flag's fix candidates. */
export function inboxFor(db: Db, actor: Actor, filter: { states: FeedbackState[]; sopId: string | null }): { items: InboxItem[]; sops: { id: string; title: string }[] } {
  authorize(decideFeedback(actor, "read", { departmentId: actor.departmentId }));
  const scope = sopListScope(actor);
  const items = listInbox(db, scope, { states: filter.states, sopId: filter.sopId }).map((r) => ({
    ...r,
    candidates: r.state === "new" || r.state === "accepted" ? fixCandidates(db, r.id).map((c) => ({ id: c.id, version: c.version })) : [],
  }));
  return { items, sops: inboxSops(db, scope) };
}

/** Applies a transition after checking the actor may act on the flag's SOP. */
export function handleFlag(db: Db, actor: Actor, flagId: string, t: Transition): FeedbackState {
  const flag = getFlag(db, flagId);
  if (!flag) throw new FeedbackError("This flag does not exist.", 404);
  authorize(decideFeedback(actor, t.action, { departmentId: flag.departmentId }));
  return transitionFlag(db, flagId, actor.id, t);
}

/** An agent's own last flags, for their home page. */
export function myFlags(db: Db, actor: Actor, limit = 5) {
  return flagsOfAgent(db, actor.id, limit);
}

/** Open flags on one SOP, when the viewer may act on them; null otherwise (nothing to show). */
export function openFlagsOnSop(db: Db, actor: Actor, sop: { id: string; departmentId: number }): number | null {
  if (!decideFeedback(actor, "read", { departmentId: sop.departmentId }).ok) return null;
  return openFlagCounts(db, [sop.id]).get(sop.id) ?? 0;
}
