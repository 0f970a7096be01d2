import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSop, type FieldDef } from "../sop-schema";
import { initialState, reduce, replay, validateEvent, validateFieldValue, type RunState } from "./index";
import { EventFactory } from "./test-helpers";

const load = (name: string) =>
  parseSop(readFileSync(new URL(`../content/sops/${name}.mdx`, import.meta.url), "utf8"), { filename: `${name}.mdx` });
const refund = load("refund-and-return");
const outage = load("internet-outage-troubleshooting");

function field(over: Partial<FieldDef>): FieldDef {
  return { name: "f", label: "Order number", type: "text", required: false, stepId: "s", position: { line: 1, column: 1 }, ...over };
}

describe("validateFieldValue", () => {
  it("uses the field's help when the pattern fails", () => {
    const f = refund.fields.find((x) => x.name === "order_number")!;
    expect(validateFieldValue(f, "ab12")).toBe("Enter the order number: two letters and six digits, e.g. AB123456.");
    expect(validateFieldValue(f, "AB123456")).toBeNull();
    expect(validateFieldValue(f, "  AB123456 ")).toBeNull();
  });

  it("keeps acronyms in labels and help texts", () => {
    const f = refund.fields.find((x) => x.name === "rma_number")!;
    expect(validateFieldValue(f, "123")).toBe("Enter the RMA number: RMA followed by seven digits, e.g. RMA0012345.");
    const acc = outage.fields.find((x) => x.name === "account_number")!;
    expect(validateFieldValue(acc, "12")).toBe("Enter the account number: AC followed by eight digits.");
  });

  it("without help, says the format is wrong in plain words", () => {
    expect(validateFieldValue(field({ pattern: "^[0-9]{6}$" }), "12")).toBe(
      "The order number is not in the expected format. Check it with the customer.",
    );
  });

  it("ignores a broken pattern instead of blocking the agent", () => {
    expect(validateFieldValue(field({ pattern: "([" }), "anything")).toBeNull();
  });

  it("ignores a pattern the linear-time engine cannot run (backreference, lookahead) instead of blocking the agent", () => {
    expect(validateFieldValue(field({ pattern: "^(a)\\1$" }), "ab")).toBeNull();
    expect(validateFieldValue(field({ pattern: "^(?=[A-Z])" }), "abc")).toBeNull();
  });

  // With the backtracking engine (new RegExp) this takes far longer than the timeout: 2^5000 paths.
  it("runs catastrophic patterns in linear time: ^(a+)+$ against 5,000 a's and a !", { timeout: 2_000 }, () => {
    const f = field({ pattern: "^(a+)+$" });
    expect(validateFieldValue(f, `${"a".repeat(5000)}!`)).toBe("The order number is not in the expected format. Check it with the customer.");
    expect(validateFieldValue(f, "a".repeat(5000))).toBeNull();
    for (const pattern of ["^(a|a)*$", "^(a|aa)+$", "^([a-z]+)*[0-9]$", "(x+x+)+y", "^(\\w+\\s?)*$"]) {
      expect(validateFieldValue(field({ pattern }), `${"a".repeat(2500)}x${"a".repeat(2499)}!`)).not.toBeNull();
    }
  });

  it("accepts JavaScript escapes RE2 spells differently (\\u00e9) and RE2's own syntax (\\pL, (?i))", () => {
    expect(validateFieldValue(field({ pattern: "^caf\\u00e9$" }), "café")).toBeNull();
    expect(validateFieldValue(field({ pattern: "^\\pL+$" }), "Ελένη")).toBeNull();
    expect(validateFieldValue(field({ pattern: "^(?i)rma[0-9]{3}$" }), "RMA123")).toBeNull();
    expect(validateFieldValue(field({ pattern: "^(?i)rma[0-9]{3}$" }), "RMB123")).not.toBeNull();
  });

  it("required: empty or blank values", () => {
    expect(validateFieldValue(field({ required: true }), "")).toBe("Enter the order number.");
    expect(validateFieldValue(field({ required: true }), "   ")).toBe("Enter the order number.");
    expect(validateFieldValue(field({ required: false }), "")).toBeNull();
    expect(validateFieldValue(field({ required: true, type: "select", label: "Return reason", options: ["A"] }), "")).toBe(
      "Choose the return reason.",
    );
    expect(validateFieldValue(field({ required: true, type: "yes-no", label: "Router back online?" }), "")).toBe(
      "Answer “Router back online?”: yes or no.",
    );
  });

  it("number", () => {
    const f = field({ type: "number", label: "Refund amount" });
    for (const ok of ["42", "19.99", "-3", "0,5", "+7", ".5"]) expect(validateFieldValue(f, ok)).toBeNull();
    for (const bad of ["abc", "1.2.3", "12 EUR", "1e3"]) {
      expect(validateFieldValue(f, bad)).toBe("Enter the refund amount as a number, e.g. 42 or 19.99.");
    }
  });

  it("date", () => {
    const f = field({ type: "date", label: "Engineer appointment date" });
    expect(validateFieldValue(f, "2025-03-31")).toBeNull();
    expect(validateFieldValue(f, "2024-02-29")).toBeNull();
    expect(validateFieldValue(f, "31/03/2025")).toBe("Enter the engineer appointment date as a date, e.g. 2025-03-31.");
    expect(validateFieldValue(f, "2025-02-29")).toBe("2025-02-29 is not a real date. Check the engineer appointment date.");
    expect(validateFieldValue(f, "2025-13-01")).toBe("2025-13-01 is not a real date. Check the engineer appointment date.");
  });

  it("email", () => {
    const f = field({ type: "email", label: "E-mail for the label" });
    expect(validateFieldValue(f, "jane@example.com")).toBeNull();
    for (const bad of ["jane", "jane@", "jane@example", "ja ne@example.com", "@example.com"]) {
      expect(validateFieldValue(f, bad)).toBe("Enter the e-mail for the label as an e-mail address, e.g. name@example.com.");
    }
  });

  it("phone: digits, spaces, +, -, () and 6..20 digits", () => {
    const f = field({ type: "phone", label: "Mobile number" });
    for (const ok of ["+44 7700 900123", "(020) 7946-0958", "123456", "1".repeat(20)]) expect(validateFieldValue(f, ok)).toBeNull();
    expect(validateFieldValue(f, "07700 ext 1")).toBe("Enter the mobile number with digits only (spaces, +, - and brackets are fine).");
    expect(validateFieldValue(f, "12345")).toBe("The mobile number is too short: it needs at least 6 digits.");
    expect(validateFieldValue(f, "1".repeat(21))).toBe("The mobile number is too long: at most 20 digits.");
  });

  it("select: one of the options, listed when there are few", () => {
    const few = field({ type: "select", label: "Slot", options: ["Morning", "Afternoon"] });
    expect(validateFieldValue(few, "Morning")).toBeNull();
    expect(validateFieldValue(few, "Evening")).toBe("Choose the slot from the list: Morning, Afternoon.");
    const many = refund.fields.find((x) => x.name === "return_reason")!;
    expect(validateFieldValue(many, "Faulty or DOA")).toBeNull();
    expect(validateFieldValue(many, "faulty")).toBe("Choose the return reason from the list.");
  });

  it("yes-no", () => {
    const f = field({ type: "yes-no", label: "Internet light green?" });
    expect(validateFieldValue(f, "yes")).toBeNull();
    expect(validateFieldValue(f, "no")).toBeNull();
    expect(validateFieldValue(f, "maybe")).toBe("Answer “Internet light green?” with yes or no.");
  });

  it("checks the type before the pattern", () => {
    const f = field({ type: "email", label: "E-mail", pattern: "@example\\.com$", help: "Company addresses only" });
    expect(validateFieldValue(f, "nope")).toMatch(/as an e-mail address/);
    expect(validateFieldValue(f, "a@other.org")).toBe("Enter the e-mail: company addresses only.");
  });
});

describe("validateEvent", () => {
  const ev = new EventFactory();
  const started = ev.started(refund);
  const s0 = initialState(refund, started);

  const cases: [string, object, string][] = [
    ["a malformed event", { id: "nope", at: 1, type: "note.added", text: "x" }, "The event id must be a UUID."],
    ["an unknown type", { id: ev.make("note.added", { text: "x" }).id, at: 1, type: "dance" }, "Unknown event type “dance”."],
    ["a second start", ev.started(refund), "This call has already started."],
    ["an unknown step", ev.make("step.focused", { stepId: "nope" }), "This SOP has no step “nope”."],
    ["an unknown check", ev.make("check.toggled", { checkId: "nope", checked: true }), "This SOP has no checklist item “nope”."],
    ["an unknown field", ev.make("field.captured", { name: "nope", value: "x" }), "This SOP has no field “nope”."],
    ["an unknown flow", ev.make("flow.answered", { flowId: "nope", nodeId: "a", to: "b" }), "This SOP has no decision flow “nope”."],
    [
      "an unknown node",
      ev.make("flow.answered", { flowId: "return-eligibility", nodeId: "nope", to: "days" }),
      "The flow “Is the return eligible?” has no node “nope”.",
    ],
    [
      "an unknown target node",
      ev.make("flow.answered", { flowId: "return-eligibility", nodeId: "start", to: "nope" }),
      "The flow “Is the return eligible?” has no node “nope”.",
    ],
    [
      "a node off the path",
      ev.make("flow.answered", { flowId: "return-eligibility", nodeId: "days", to: "excluded" }),
      "“Was it delivered within the last 30 days?” is not on the path taken. Answer the current step of the flow, or change an earlier answer.",
    ],
    [
      "a continue edge that does not exist",
      ev.make("flow.answered", { flowId: "return-eligibility", nodeId: "start", to: "days" }),
      "“Reason and condition recorded” does not lead to “Was it delivered within the last 30 days?”.",
    ],
    [
      "a pending step reopened",
      ev.make("step.reopened", { stepId: "reason" }),
      "This step is not done or skipped, so there is nothing to reopen.",
    ],
    [
      "an invalid field value",
      ev.make("field.captured", { name: "customer_email", value: "jane" }),
      "Enter the e-mail for the label as an e-mail address, e.g. name@example.com.",
    ],
    [
      "completing a step with required fields missing",
      ev.make("step.completed", { stepId: "find-order" }),
      "To complete this step, enter the customer's name (and 2 more fields).",
    ],
    ["an escalation from an unknown step", ev.make("escalated", { to: "Lead", reason: "r", stepId: "nope" }), "This SOP has no step “nope”."],
    ["a flag on an unknown step", ev.make("step.flagged", { stepId: "nope", kind: "wrong", text: "t" }), "This SOP has no step “nope”."],
    ["closing a follow-up of an active run", ev.make("followup.closed", { note: "done" }), "Wrap up the call before closing its follow-up."],
    ["a skip without a reason", { ...ev.make("step.skipped", { stepId: "reason", reason: "x" }), reason: "  " }, "The reason for skipping is empty."],
    [
      "a follow-up without a date",
      { ...ev.make("completed", { outcome: "resolved", wrapUp: "" }), outcome: "follow-up" },
      "Pick the date for the follow-up.",
    ],
    [
      "a follow-up date in the past",
      ev.make("completed", { outcome: "follow-up", followUpDue: "2020-01-01", wrapUp: "" }),
      "The follow-up date is in the past. Pick today or a later date.",
    ],
  ];
  for (const [what, event, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(validateEvent(refund, s0, event)).toBe(message);
      // …and the reducer ignores it: same state object back.
      expect(reduce(refund, s0, event)).toBe(s0);
    });
  }

  it("accepts valid events and an already-applied id (a no-op)", () => {
    expect(validateEvent(refund, s0, ev.make("step.focused", { stepId: "reason" }))).toBeNull();
    expect(validateEvent(refund, s0, ev.make("field.captured", { name: "customer_name", value: "" }))).toBeNull();
    expect(validateEvent(refund, s0, ev.make("step.skipped", { stepId: "reason", reason: "Already known" }))).toBeNull();
    expect(validateEvent(refund, s0, started)).toBeNull();
  });

  it("gives the first field problem when completing a step", () => {
    const f = new EventFactory();
    const s = replay(refund, [
      f.started(refund),
      f.make("field.captured", { name: "customer_name", value: "Jane" }),
      f.make("field.captured", { name: "order_number", value: "AB123456" }),
    ]);
    expect(validateEvent(refund, s, f.make("step.completed", { stepId: "find-order" }))).toBe(
      "To complete this step, enter the item being returned (SKU or description).",
    );
  });

  it("refuses skipping a done step, and everything but closing the follow-up once completed", () => {
    const f = new EventFactory();
    let s: RunState = replay(refund, [f.started(refund), f.make("step.completed", { stepId: "eligibility" })]);
    expect(validateEvent(refund, s, f.make("step.skipped", { stepId: "eligibility", reason: "x" }))).toBe(
      "This step is done. Reopen it first if you want to skip it.",
    );
    s = reduce(refund, s, f.make("completed", { outcome: "resolved", wrapUp: "ok" }));
    for (const e of [
      f.make("note.added", { text: "late" }),
      f.make("step.focused", { stepId: "reason" }),
      f.make("completed", { outcome: "resolved", wrapUp: "again" }),
    ]) {
      expect(validateEvent(refund, s, e)).toBe("This call is wrapped up and can no longer be changed.");
    }
    expect(validateEvent(refund, s, f.make("followup.closed", { note: "n" }))).toBe("This call has no follow-up to close.");
  });

  it("refuses closing a follow-up twice", () => {
    const f = new EventFactory();
    const s = replay(refund, [
      f.started(refund),
      f.make("completed", { outcome: "follow-up", followUpDue: "2099-01-01", wrapUp: "" }),
      f.make("followup.closed", { note: "Refund arrived" }),
    ]);
    expect(validateEvent(refund, s, f.make("followup.closed", { note: "again" }))).toBe("This follow-up is already closed.");
  });

  it("refuses an answer that is not an outgoing edge of a question, and a flow that has ended", () => {
    const f = new EventFactory();
    const s = replay(refund, [
      f.started(refund),
      f.make("flow.answered", { flowId: "return-eligibility", nodeId: "start", to: "our-fault" }),
    ]);
    expect(validateEvent(refund, s, f.make("flow.answered", { flowId: "return-eligibility", nodeId: "our-fault", to: "accepts" }))).toBe(
      "“Does the customer accept the explanation?” is not an answer to “Is it faulty, damaged, not as described or the wrong item?”.",
    );
    expect(
      validateEvent(refund, s, f.make("flow.answered", { flowId: "return-eligibility", nodeId: "our-fault", to: "issue", label: "Maybe" })),
    ).toBe("“Maybe” is not an answer to “Is it faulty, damaged, not as described or the wrong item?”.");
    const ended = reduce(refund, s, f.make("flow.answered", { flowId: "return-eligibility", nodeId: "our-fault", to: "issue" }));
    expect(validateEvent(refund, ended, f.make("flow.answered", { flowId: "return-eligibility", nodeId: "issue", to: "days" }))).toBe(
      "The flow ends at “Issue the RMA”: there is no next step.",
    );
  });
});
