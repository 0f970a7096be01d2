// Server side of /flows/scratch: which published flows a lead can open, their sources, and "save" —
// writing the edited <Flow> block into a copy of the SOP's source and compiling it. Nothing is stored: drafts
// and versions belong to the authoring work.
import type { Diagnostic, SopDocument } from "../../sop-schema/types";
import { blankFlow, fieldsOutsideFlow } from "../../flows/editor-state";
import { fromSopFlow, parseFlowModel } from "../../flows/model";
import type { FlowModel } from "../../flows/model";
import { FlowSourceError, replaceFlowInSource } from "../../flows/serialize";
import type { Db } from "../../db/client.server";
import { Refusal } from "../../db/refusal";
import { getPublishedSop, listPublishedSops } from "../../db/sops.server";
import { getVersion } from "../../db/versions.server";
import { compileSop } from "../sop-library.server";

/** The SOP a blank flow is saved into: enough of an SOP for `compileSop` to check the flow in context. */
export const SCRATCH_SOP = `---
title: Scratch flow
department: Customer Service
purpose: Try out a decision flow before it goes into a procedure.
targets:
  handleTime: 6m
---

## Steps

<Step title="Understand the request" id="understand">
  Ask what the customer needs and capture their name.

  <Field name="customer_name" label="Customer name" />
</Step>

<Step title="Decide" id="decide">
  Follow the flow.

  <Flow id="new-flow" title="New flow">
    <Node id="start" type="start" label="Call comes in" />
    <Node id="done" type="end" label="Resolved" outcome="resolved" />
    <Edge from="start" to="done" />
  </Flow>
</Step>

<Step title="Wrap up" id="wrap-up">
  Summarise what was agreed.
</Step>
`;

export type ScratchOption = { sopId: string; sopTitle: string; flowId: string; flowTitle: string };

/** Every flow of every published SOP. */
export async function listScratchFlows(db: Db): Promise<ScratchOption[]> {
  const out: ScratchOption[] = [];
  for (const row of await listPublishedSops(db)) {
    const sop = await getPublishedSop(db, row.id);
    if (!sop) continue;
    for (const f of sop.document.flows ?? [])
      out.push({ sopId: sop.id, sopTitle: sop.title, flowId: f.id, flowTitle: f.title });
  }
  return out;
}

export class ScratchError extends Refusal {
  declare readonly status: 400 | 404;
  constructor(message: string, status: 400 | 404 = 400) {
    super(status, message);
  }
}

/** The source of the published version of `sopId`, exactly as stored. */
export async function publishedDemoSource(
  db: Db,
  sopId: string,
): Promise<{ source: string; document: SopDocument; title: string }> {
  const sop = await getPublishedSop(db, sopId);
  if (!sop) throw new ScratchError(`There is no published SOP “${sopId}”.`, 404);
  const version = getVersion(db, sop.versionId);
  if (!version) throw new ScratchError(`The published version of “${sop.title}” is missing.`, 404);
  return { source: version.source, document: sop.document, title: sop.title };
}

export type ScratchTarget = {
  sopId: string | null;
  sopTitle: string;
  source: string;
  flow: FlowModel;
  stepIds: string[];
  stepTitles: Record<string, string>;
  capturedFields: string[];
  sourceLine: number | undefined;
};

/** What the editor opens: a flow of a published demo SOP, or the blank flow of the scratch SOP. */
export async function openScratch(db: Db, sopId: string | null, flowId: string | null): Promise<ScratchTarget> {
  const { source, document, title } = sopId
    ? await publishedDemoSource(db, sopId)
    : { source: SCRATCH_SOP, document: compileSop(SCRATCH_SOP).document, title: "Scratch SOP" };
  const flow = flowId ? document.flows.find((f) => f.id === flowId) : document.flows[0];
  if (!flow) throw new ScratchError(flowId ? `“${title}” has no flow “${flowId}”.` : `“${title}” has no flow.`, 404);
  return {
    sopId,
    sopTitle: title,
    source,
    flow: sopId ? fromSopFlow(flow) : { ...blankFlow(), stepId: flow.stepId, position: flow.position },
    stepIds: document.steps.map((s) => s.id),
    stepTitles: Object.fromEntries(document.steps.map((s) => [s.id, s.title])),
    capturedFields: fieldsOutsideFlow(document, flow.id),
    sourceLine: flow.position?.line,
  };
}

export type ScratchSaveResult = {
  ok: true;
  mdx: string;
  flowBlock: string;
  flowLine: number;
  diagnostics: Pick<Diagnostic, "severity" | "code" | "message" | "line" | "column" | "hint">[];
  errorCount: number;
  warningCount: number;
};

/**
 * "Save": writes `flowJson` (the editor's FlowModel, as JSON) over the `<Flow>` `flowId` of the SOP's source
 * with replaceFlowInSource, compiles the result with compileSop and returns the MDX and its diagnostics.
 * Throws ScratchError for input that isn't a valid flow.
 */
export async function saveScratch(
  db: Db,
  input: { sopId: string | null; flowId: string; flowJson: string },
): Promise<ScratchSaveResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(input.flowJson);
  } catch {
    throw new ScratchError("The flow sent by the editor is not valid JSON.");
  }
  const parsed = parseFlowModel(raw);
  if (!parsed.success) throw new ScratchError(`The flow is not valid: ${parsed.errors.slice(0, 3).join("; ")}`);
  const source = input.sopId ? (await publishedDemoSource(db, input.sopId)).source : SCRATCH_SOP;
  let mdx: string;
  try {
    mdx = replaceFlowInSource(source, input.flowId, parsed.flow);
  } catch (e) {
    if (e instanceof FlowSourceError) throw new ScratchError(e.message);
    throw e;
  }
  const compiled = compileSop(mdx, input.sopId ? `${input.sopId}.mdx` : "scratch.mdx");
  const saved = compiled.document.flows.find((f) => f.id === parsed.flow.id);
  const start = saved ? lineOffset(mdx, saved.position.line) : mdx.indexOf("<Flow");
  const end = mdx.indexOf("</Flow>", start);
  const flowBlock = start >= 0 && end >= 0 ? mdx.slice(start, end + "</Flow>".length) : "";
  return {
    ok: true,
    mdx,
    flowBlock,
    flowLine: saved?.position.line ?? 0,
    diagnostics: compiled.document.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      line: d.line,
      column: d.column,
      ...(d.hint ? { hint: d.hint } : {}),
    })),
    errorCount: compiled.errorCount,
    warningCount: compiled.warningCount,
  };
}

function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return -1;
    offset = next + 1;
  }
  return offset;
}
