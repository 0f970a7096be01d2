// Test-only (imported by *.test.ts): a hand-built SOP with a flow, fields and checks, and a scenario for it.
import type { Block, FieldDef, Scenario, SopDocument, Step } from "../sop-schema/types";

const position = { line: 1, column: 1 };
const text = (value: string) => [{ type: "text" as const, value }];

function field(name: string, label: string, type: FieldDef["type"], required: boolean, stepId: string): FieldDef {
  return { name, label, type, required, stepId, position };
}

function step(id: string, number: number, title: string, blocks: Block[], extra: Partial<Step> = {}): Step {
  const fieldNames = blocks.flatMap((b) => (b.type === "field" ? [b.field.name] : []));
  const checkIds = blocks.flatMap((b) => (b.type === "check" ? [b.id] : []));
  return { id, number, title, sectionId: "main", blocks, fieldNames, checkIds, escalations: [], position, ...extra };
}

const account = field("account_number", "Account number", "number", true, "verify");
const phone = field("callback_phone", "Callback number", "phone", false, "verify");
const note = field("note", "Anything else", "textarea", false, "verify");
const reason = field("reason", "Why it was blocked", "text", true, "unblock");

/**
 * 1. Verify the caller (account number, required; callback phone and a note, optional; check “Confirm identity”)
 * 2. Card status — flow: Is the card blocked? Yes → go to 3, No → go to 4 (3 is then not needed)
 * 3. Unblock the card (reason, required; check “Unblock in the card system”)
 * 4. Wrap up (check “Summarise the call”, inside a tip). Handle-time target 5 min.
 */
export const cardDoc: SopDocument = {
  formatVersion: 1,
  meta: {
    id: "blocked-card",
    title: "Blocked card",
    department: "Cards",
    purpose: "Help a customer whose card is blocked.",
    tags: [],
    language: "en",
    direction: "ltr",
    targets: { handleTime: "5m", handleTimeSeconds: 300 },
  },
  glossary: [],
  sections: [
    { id: "main", number: 1, title: "Main", intro: [], stepIds: ["verify", "status", "unblock", "wrap"], position },
  ],
  steps: [
    step("verify", 1, "Verify the caller", [
      { type: "field", field: account },
      { type: "field", field: phone },
      { type: "field", field: note },
      { type: "check", id: "confirm-id", children: text("Confirm identity") },
    ]),
    step("status", 2, "Card status", [{ type: "flow", flowId: "card" }], { flowId: "card" }),
    step("unblock", 3, "Unblock the card", [
      { type: "field", field: reason },
      { type: "check", id: "unblocked", children: text("Unblock in the card system") },
    ]),
    step(
      "wrap",
      4,
      "Wrap up",
      [{ type: "tip", children: [{ type: "check", id: "summary", children: text("Summarise the call") }] }],
      {
        checkIds: ["summary"],
      },
    ),
  ],
  fields: [account, phone, note, reason],
  flows: [
    {
      id: "card",
      title: "Card status",
      stepId: "status",
      position,
      nodes: [
        { id: "start", type: "start", label: "Start", position },
        { id: "blocked", type: "question", label: "Is the card blocked?", position },
        { id: "to-unblock", type: "goto", label: "Unblock it", step: "unblock", position },
        { id: "to-wrap", type: "goto", label: "Wrap up", step: "wrap", position },
      ],
      edges: [
        { from: "start", to: "blocked", position },
        { from: "blocked", to: "to-unblock", label: "Yes", position },
        { from: "blocked", to: "to-wrap", label: "No", position },
      ],
    },
  ],
  variables: [],
  diagnostics: [],
  stats: { words: 50, steps: 4, fields: 4, flows: 1 },
};

export const cardScenario: Scenario = {
  id: "lost-wallet",
  title: "Lost wallet, card blocked",
  customer: "Maria, upset",
  opening: [{ type: "paragraph", children: text("My card doesn't work!") }],
  answers: [
    { kind: "field", field: "account_number", value: "۱۲۳۴۵", position },
    { kind: "field", field: "callback_phone", value: "+44 7700 900123", position },
    { kind: "flow", flowId: "card", nodeId: "blocked", choose: "Yes", position },
    { kind: "field", field: "reason", value: "Lost wallet.", position },
  ],
  expect: { outcome: "resolved", escalate: false },
  position,
};
