// Paste Mermaid inside the SOP editor's flow dialog: the pasted chart replaces the flow (made walkable by the
// import) and "Write into the procedure" puts it into the draft. The paste dialog used to close the whole flow
// dialog with it (React passes a nested <dialog>'s close event to the outer one's onClose), throwing the pasted
// flow away; /flows/scratch, where the editor is not in a dialog, never showed it.
import type { Page } from "@playwright/test";
import { parseSop } from "../../sop-schema/parse";
import { validateFlow } from "../../flows/validate";
import { DEMO, expect, OPENED, openEditor as startEditing, serverSource, signIn, test } from "./fixtures";

test.describe.configure({ timeout: 90_000 });

const SOP_ID = "identity-verification";
const FLOW_ID = "verification-outcome";

/** A Yes/No tree whose last boxes are plain rectangles (no start shape, no outcome shapes). */
const CHART = [
  "flowchart TD",
  "  ask[Caller gives the account number] --> holder{Is the caller the account holder?}",
  "  holder -->|Yes| kba{Did the KBA answers match?}",
  "  holder -->|No| general[Share general information only]",
  "  kba -->|Yes| proceed[Continue with the request]",
  "  kba -->|No| refuse[Explain how to verify another way]",
].join("\n");

async function openEditor(page: Page, sopId: string) {
  await startEditing(page, sopId);
  await expect(page.locator(".code-editor[data-ready] .cm-content")).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveText(OPENED);
}

test(
  "Paste Mermaid in the SOP editor's flow dialog replaces " +
    "the flow, and the walkable flow is written into the draft",
  async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signIn(page, DEMO.lead);
    await openEditor(page, SOP_ID);

    await page.getByRole("button", { name: "Edit flow: Decide on the verification outcome" }).click();
    const flowDialog = page.getByRole("dialog", { name: /Edit flow: Decide on the verification outcome/ });
    await expect(flowDialog).toBeVisible();
    const paste = page.getByRole("dialog", { name: "Paste Mermaid" });

    // Esc and Cancel close the paste dialog only.
    await flowDialog.getByRole("button", { name: "Paste Mermaid…" }).click();
    await expect(paste).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(paste).toBeHidden();
    await expect(flowDialog).toBeVisible();
    await flowDialog.getByRole("button", { name: "Paste Mermaid…" }).click();
    await paste.getByRole("button", { name: "Cancel" }).click();
    await expect(paste).toBeHidden();
    await expect(flowDialog).toBeVisible();

    await flowDialog.getByRole("button", { name: "Paste Mermaid…" }).click();
    await paste.getByLabel("Mermaid flowchart").fill(CHART);
    // The import adds a start and turns the plain leaves into end nodes, and says so.
    await expect(paste.getByText("Reads as 7 nodes and 6 edges.")).toBeVisible();
    const found = paste.getByRole("list", { name: "What the importer found" });
    await expect(found.locator(".fd-diagnostic--error")).toHaveCount(0);
    await expect(found.locator(".fd-diagnostic--warning")).toHaveCount(4);
    const warning = (hasText: string) => found.locator(".fd-diagnostic--warning").filter({ hasText });
    await expect(warning("line 2:3").filter({ hasText: 'a start node "start" was added before "ask"' })).toBeVisible();
    for (const [where, id] of [
      ["line 4:18", "general"],
      ["line 5:16", "proceed"],
      ["line 6:15", "refuse"],
    ])
      await expect(warning(where).filter({ hasText: `node "${id}"` })).toContainText("so it became an end node");

    await paste.getByRole("button", { name: "Replace the flow" }).click();
    await expect(paste).toBeHidden();
    // The flow dialog stays open with the pasted flow in its editor, walkable: no problems at all.
    await expect(flowDialog).toBeVisible();
    await expect(flowDialog.locator('.fd-editor .react-flow__node[data-id="holder"]')).toContainText(
      "Is the caller the account holder?",
    );
    await expect(flowDialog.locator(".fd-problem--error")).toHaveCount(0);
    await expect(flowDialog.getByText("The flow follows every rule")).toBeVisible();

    await flowDialog.getByRole("button", { name: "Write into the procedure" }).click();
    await expect(flowDialog).toBeHidden();
    await expect(
      page.getByTestId("editor-preview").getByText("Is the caller the account holder?").first(),
    ).toBeVisible();

    // The draft on the server holds the new <Flow>: the chart's node ids, the added start, end nodes for the leaves.
    await expect
      .poll(() => serverSource(page, SOP_ID), { timeout: 15_000 })
      .toContain('<Node id="holder" type="question" label="Is the caller the account holder?" />');
    const source = await serverSource(page, SOP_ID);
    expect(source).toContain(`<Flow id="${FLOW_ID}" title="Decide on the verification outcome">`);
    expect(source).toContain('<Node id="refuse" type="end" label="Explain how to verify another way" />');
    expect(source).toContain('<Edge from="holder" to="general" label="No" />');
    const doc = parseSop(source, { validateFlow });
    expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const flow = doc.flows.find((f) => f.id === FLOW_ID)!;
    expect(flow.nodes.map((n) => `${n.id}:${n.type}`)).toEqual([
      "start:start",
      "ask:action",
      "holder:question",
      "kba:question",
      "general:end",
      "proceed:end",
      "refuse:end",
    ]);
    expect(doc.diagnostics.filter((d) => d.code.startsWith("flow-"))).toEqual([]);
  },
);
