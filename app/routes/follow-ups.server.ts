// The agent's open follow-ups as the Follow-ups page shows them: soonest due first (days and date-times
// alike, in the viewer's zone), each with its customer reference and the first details captured on the call,
// labelled as the SOP labels them.
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client.server";
import { listOpenFollowUps } from "../../db/runs.server";
import { runs } from "../../db/schema";
import { directionOf } from "../../i18n";
import type { RunState } from "../../runbook/state";
import type { SopDocument } from "../../sop-schema/types";
import { sortByDue } from "../lib/follow-up-due";
import { versionDocument } from "../runs.server";

/** How many captured fields a card shows. */
export const KEY_FIELDS = 4;

export type CapturedField = { name: string; label: string; value: string };

export type FollowUpView = {
  id: string;
  sopTitle: string;
  departmentName: string;
  customerRef: string | null;
  due: string;
  startedAt: number;
  fields: CapturedField[];
  /** the SOP's language (its field labels and the captured values are in it) */
  lang: string;
  dir: "ltr" | "rtl";
};

/**
 * The first `limit` captured values in the SOP's own order (its `<Field>`s, then flow nodes that capture a
 * value), labelled as the SOP labels them. Values captured under names the version does not know are left out.
 */
export function keyFields(doc: SopDocument, fields: RunState["fields"], limit = KEY_FIELDS): CapturedField[] {
  const labels = new Map<string, string>();
  for (const f of doc.fields) if (!labels.has(f.name)) labels.set(f.name, f.label);
  for (const flow of doc.flows)
    for (const n of flow.nodes) if (n.field && !labels.has(n.field)) labels.set(n.field, n.label);
  const out: CapturedField[] = [];
  for (const [name, label] of labels) {
    const value = fields[name]?.value.trim();
    if (!value) continue;
    out.push({ name, label, value });
    if (out.length >= limit) break;
  }
  return out;
}

export async function openFollowUpsFor(db: Db, agentId: string, timeZone: string | undefined): Promise<FollowUpView[]> {
  const list = await listOpenFollowUps(db, agentId);
  if (list.length === 0) return [];
  const details = new Map(
    db
      .select({ id: runs.id, versionId: runs.versionId, state: runs.state })
      .from(runs)
      .where(
        inArray(
          runs.id,
          list.map((f) => f.id),
        ),
      )
      .all()
      .map((r) => [r.id, r]),
  );
  const views = list.map((f): FollowUpView => {
    const row = details.get(f.id);
    const doc = row ? versionDocument(db, row.versionId) : undefined;
    const state = row?.state;
    const lang = doc?.meta.language ?? "en";
    return {
      id: f.id,
      sopTitle: f.sopTitle,
      departmentName: f.departmentName,
      customerRef: f.customerRef,
      due: f.followUpDue ?? "",
      startedAt: f.startedAt,
      fields: doc && state ? keyFields(doc, state.fields) : [],
      lang,
      dir: directionOf(lang),
    };
  });
  // The database orders the text of the due values; a date-time and a day need the viewer's calendar.
  return sortByDue(views, (v) => v.due, timeZone);
}
