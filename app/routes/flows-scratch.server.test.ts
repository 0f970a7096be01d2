import { describe, expect, it } from "vitest";
import { createTestDb } from "../../db/test-db.server";
import { seedDemoOrganisation } from "../../db/seed.server";
import { parseSop } from "../../sop-schema/parse";
import { addNode, connect, createEditorState, toFlowModel } from "../../flows/editor-state";
import { graphOf } from "../../flows/model";
import { compileSop, seedSopLibrary } from "../sop-library.server";
import { listScratchFlows, openScratch, saveScratch, SCRATCH_SOP, ScratchError } from "./flows-scratch.server";

async function library() {
  const db = createTestDb();
  await seedDemoOrganisation(db, async (p) => `hash:${p}`);
  await seedSopLibrary(db);
  return db;
}

describe("the flow scratch page (server)", () => {
  it("offers every flow of the published demo SOPs", async () => {
    const db = await library();
    const options = await listScratchFlows(db);
    expect(options.map((o) => `${o.sopId}:${o.flowId}`)).toEqual(
      expect.arrayContaining([
        "billing-dispute-card-charge:dispute-decision",
        "late-missing-delivery:delivery-decision",
      ]),
    );
    expect(options.every((o) => o.flowTitle && o.sopTitle)).toBe(true);
  });

  it("opens a published flow with the SOP's steps and fields, or the blank scratch flow", async () => {
    const db = await library();
    const t = await openScratch(db, "billing-dispute-card-charge", "dispute-decision");
    expect(t.flow.nodes).toHaveLength(14);
    expect(t.stepIds).toContain("issue-refund");
    expect(t.stepTitles["issue-refund"]).toBe("Refund a duplicate or overcharge");
    expect(t.capturedFields.length).toBeGreaterThan(0);
    expect(t.sourceLine).toBe(t.flow.position!.line);
    const blank = await openScratch(db, null, null);
    expect(blank.flow.nodes.map((n) => n.type)).toEqual(["start", "end"]);
    expect(compileSop(SCRATCH_SOP).errorCount).toBe(0);
    await expect(openScratch(db, "nope", null)).rejects.toThrow(ScratchError);
    await expect(openScratch(db, "billing-dispute-card-charge", "nope")).rejects.toThrow(/no flow/);
  });

  it("saves: the edited flow replaces its <Flow> block, the SOP is compiled, nothing else changes", async () => {
    const db = await library();
    const t = await openScratch(db, "billing-dispute-card-charge", "dispute-decision");
    let s = createEditorState(t.flow);
    s = addNode(s, "say", { id: "sorry", label: "“Sorry for the trouble.”" });
    s = connect(s, "sorry", "end-not-ours");
    const model = toFlowModel(s);
    const r = await saveScratch(db, {
      sopId: "billing-dispute-card-charge",
      flowId: "dispute-decision",
      flowJson: JSON.stringify(model),
    });
    expect(r.flowBlock).toContain('<Node id="sorry" type="say" label="“Sorry for the trouble.”" />');
    expect(r.flowBlock).toContain('<Edge from="sorry" to="end-not-ours" />');
    const doc = parseSop(r.mdx);
    expect(graphOf(doc.flows.find((f) => f.id === "dispute-decision")!)).toEqual(graphOf(model));
    // the new say node can't be reached: the compile reports it, with its line
    expect(r.errorCount).toBe(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "flow-unreachable", severity: "error" });
    expect(r.mdx.split("\n")[r.diagnostics[0]!.line - 1]).toContain('id="sorry"');
  });

  it("refuses input that is not a flow, with a message instead of a crash", async () => {
    const db = await library();
    await expect(saveScratch(db, { sopId: null, flowId: "new-flow", flowJson: "{" })).rejects.toThrow(/not valid JSON/);
    await expect(
      saveScratch(db, {
        sopId: null,
        flowId: "new-flow",
        flowJson: JSON.stringify({
          id: "x",
          title: "X",
          nodes: [{ id: "a b", type: "start", label: "S" }],
          edges: [],
        }),
      }),
    ).rejects.toThrow(ScratchError);
    await expect(
      saveScratch(db, {
        sopId: "nope",
        flowId: "x",
        flowJson: JSON.stringify(toFlowModel(createEditorState({ id: "x", title: "X", nodes: [], edges: [] }))),
      }),
    ).rejects.toThrow(/no published SOP/);
    const ok = await saveScratch(db, {
      sopId: null,
      flowId: "new-flow",
      flowJson: JSON.stringify({
        id: "new-flow",
        title: "Renamed",
        nodes: [
          { id: "start", type: "start", label: "Go" },
          { id: "end", type: "end", label: "Done" },
        ],
        edges: [{ from: "start", to: "end" }],
      }),
    });
    expect(ok.errorCount).toBe(0);
    expect(ok.flowBlock.startsWith('  <Flow id="new-flow" title="Renamed">')).toBe(true);
  });
});
