import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSop, type Inline } from "../sop-schema";
import {
  buildWrapUp,
  formatDurationSeconds,
  initialState,
  nextStepId,
  progress,
  replay,
  substitute,
  substituteBlocks,
  timeline,
  timer,
  type RunState,
} from "./index";
import { EventFactory } from "./test-helpers";

const load = (name: string) =>
  parseSop(readFileSync(new URL(`../content/sops/${name}.mdx`, import.meta.url), "utf8"), { filename: `${name}.mdx` });
const refund = load("refund-and-return"); // 6 steps, handle time 6 min
const flowId = "return-eligibility";

describe("progress", () => {
  it("counts done and skipped steps", () => {
    const f = new EventFactory();
    const s0 = initialState(refund, f.started(refund));
    expect(progress(refund, s0)).toEqual({ done: 0, skipped: 0, total: 6, percent: 0 });
    const s = replay(refund, [
      f.started(refund),
      f.make("step.completed", { stepId: "eligibility" }),
      f.make("step.skipped", { stepId: "follow-up", reason: "Exchange in store" }),
    ]);
    expect(progress(refund, s)).toEqual({ done: 1, skipped: 1, total: 6, percent: 33 });
    expect(progress({ ...refund, steps: [] }, s).percent).toBe(0);
  });
});

describe("nextStepId", () => {
  it("finds the next pending step in order, wrapping round, else null", () => {
    const f = new EventFactory();
    let s: RunState = replay(refund, [f.started(refund), f.make("step.completed", { stepId: "eligibility" })]);
    expect(nextStepId(refund, s)).toBe("reason"); // from the current step (find-order)
    expect(nextStepId(refund, s, "reason")).toBe("issue-rma"); // skipping the done "eligibility"
    expect(nextStepId(refund, s, "follow-up")).toBe("find-order");
    expect(nextStepId(refund, s, null)).toBe("find-order");
    expect(nextStepId(refund, s, "nope")).toBe("find-order");
    s = { ...s, steps: Object.fromEntries(Object.keys(s.steps).map((k) => [k, { status: "done" as const, at: 1 }])) };
    expect(nextStepId(refund, s)).toBeNull();
    s = { ...s, steps: { ...s.steps, "find-order": { status: "pending" } } };
    expect(nextStepId(refund, s, "find-order")).toBeNull(); // only the step we are on is pending
  });
});

describe("substitute", () => {
  const inlines: Inline[] = [
    { type: "text", value: "Hello " },
    { type: "var", name: "customer_name" },
    { type: "strong", children: [{ type: "var", name: "rma_number" }] },
  ];
  it("replaces filled references by text and keeps unfilled ones", () => {
    const fields = { customer_name: { value: "Jane", at: 1 } };
    expect(substitute(inlines, fields)).toEqual([
      { type: "text", value: "Hello " },
      { type: "text", value: "Jane" },
      { type: "strong", children: [{ type: "var", name: "rma_number" }] },
    ]);
    expect(substitute(inlines, { rma_number: "RMA0000001" })[2]).toEqual({ type: "strong", children: [{ type: "text", value: "RMA0000001" }] });
  });
  it("returns the same array when nothing is filled, and never mutates", () => {
    const frozen = Object.freeze([...inlines]);
    expect(substitute(frozen as Inline[], {})).toBe(frozen);
    expect(substitute(inlines, { customer_name: { value: "  ", at: 1 } })).toBe(inlines);
  });
  it("works on blocks (a <Say>)", () => {
    const say = refund.steps.find((s) => s.id === "issue-rma")!.blocks.filter((b) => b.type === "say");
    const out = substituteBlocks(say, { rma_number: { value: "RMA0012345", at: 1 } });
    expect(JSON.stringify(out)).toContain("RMA0012345");
    expect(JSON.stringify(out)).toContain('"name":"customer_email"');
    expect(substituteBlocks(say, {})).toBe(say);
  });
});

describe("timer", () => {
  it("is calm, then approaching from 80 %, then over the handle-time target", () => {
    const f = new EventFactory();
    const s = initialState(refund, f.started(refund));
    const at = (sec: number) => timer(s, s.startedAt + sec * 1000, refund);
    expect(at(0)).toEqual({ elapsedSeconds: 0, targetSeconds: 360, level: "calm" });
    expect(at(287).level).toBe("calm");
    expect(at(288).level).toBe("approaching");
    expect(at(360).level).toBe("approaching");
    expect(at(361)).toEqual({ elapsedSeconds: 361, targetSeconds: 360, level: "over" });
    expect(timer(s, s.startedAt - 5000, refund).elapsedSeconds).toBe(0); // client clock behind
  });
  it("stops at completion", () => {
    const f = new EventFactory();
    const s = replay(refund, [f.started(refund), f.make("completed", { outcome: "resolved", wrapUp: "" })]);
    expect(timer(s, s.startedAt + 3_600_000, refund).elapsedSeconds).toBe(1);
  });
});

describe("buildWrapUp", () => {
  it("writes the customer-meeting record", () => {
    const f = new EventFactory();
    const s = replay(refund, [
      f.started(refund, { customerRef: "C-42", channel: "phone", versionId: 7 }),
      f.make("field.captured", { name: "customer_name", value: "Jane Doe" }),
      f.make("field.captured", { name: "order_number", value: "AB123456" }),
      f.make("flow.answered", { flowId, nodeId: "start", to: "our-fault" }),
      f.make("flow.answered", { flowId, nodeId: "our-fault", to: "days" }),
      f.make("flow.answered", { flowId, nodeId: "days", to: "decline-say" }),
      f.make("flow.answered", { flowId, nodeId: "decline-say", to: "accepts" }),
      f.make("flow.answered", { flowId, nodeId: "accepts", to: "goodwill" }),
      f.make("step.skipped", { stepId: "follow-up", reason: "Nothing to follow up" }),
      f.make("escalated", { to: "Team lead", reason: "Goodwill return", stepId: "eligibility" }),
      f.make("note.added", { text: "Customer was polite\nbut firm" }),
    ]);
    expect(buildWrapUp(refund, s)).toBe(
      [
        "Refund and return with RMA (version 7)",
        "Customer: C-42 · Channel: phone",
        "Started: 2023-11-14 22:13 UTC · Duration: 10 s",
        "Steps: 0 of 6 done, 1 skipped",
        "",
        "Details",
        "- Customer's name: Jane Doe",
        "- Order number: AB123456",
        "",
        "Decisions",
        "- Is the return eligible?: Is it faulty, damaged, not as described or the wrong item? No, change of mind or fit → " +
          "Was it delivered within the last 30 days? More than 30 days → Explain kindly that the item cannot be returned under our policy, and why → " +
          "Does the customer accept the explanation? Disputes the decision → Ask the team lead about a goodwill return " +
          "(escalate to Team lead: Return outside policy that the customer disputes)",
        "",
        "Skipped steps",
        "- 6. Follow up until the refund arrives: Nothing to follow up",
        "",
        "Escalations",
        "- 22:13 UTC to Team lead: Goodwill return (step 3. Check eligibility)",
        "",
        "Notes",
        "- 22:13 UTC Customer was polite / but firm",
      ].join("\n"),
    );
  });

  it("shows the outcome, goto targets, unfinished flows and a chosen time zone", () => {
    const f = new EventFactory();
    let s = replay(refund, [
      f.started(refund),
      f.make("flow.answered", { flowId, nodeId: "start", to: "our-fault" }),
      f.make("flow.answered", { flowId, nodeId: "our-fault", to: "issue" }),
      f.make("completed", { outcome: "follow-up", followUpDue: "2099-01-02", wrapUp: "x" }),
    ]);
    let text = buildWrapUp(refund, s, { timeZone: "Europe/Athens", versionNumber: 2 });
    expect(text).toContain("(version 2)");
    expect(text).toContain("Started: 2023-11-15 00:13 ·");
    expect(text).toContain("Outcome: follow-up, follow up by 2099-01-02");
    expect(text).toContain("Issue the RMA (go to step 4. Issue the RMA and the return label)");
    s = replay(refund, [f.started(refund), f.make("flow.answered", { flowId, nodeId: "start", to: "our-fault" })]);
    text = buildWrapUp(refund, s);
    expect(text).toContain("- Is the return eligible?: Is it faulty, damaged, not as described or the wrong item? (not finished)");
    expect(text).not.toContain("Details");
  });

  it("formats durations", () => {
    expect(formatDurationSeconds(9)).toBe("9 s");
    expect(formatDurationSeconds(372)).toBe("6 min 12 s");
    expect(formatDurationSeconds(3720)).toBe("1 h 2 min");
  });
});

describe("timeline", () => {
  it("describes every event in words, once per id", () => {
    const f = new EventFactory();
    const note = f.make("note.added", { text: "hello" });
    const events = [
      f.started(refund, { channel: "phone", customerRef: "C-1" }),
      f.make("step.focused", { stepId: "reason" }),
      f.make("step.completed", { stepId: "reason" }),
      f.make("step.reopened", { stepId: "reason" }),
      f.make("step.skipped", { stepId: "reason", reason: "known" }),
      f.make("check.toggled", { checkId: "find-order.check-1", checked: true }),
      f.make("check.toggled", { checkId: "find-order.check-1", checked: false }),
      f.make("field.captured", { name: "customer_name", value: "Jane" }),
      f.make("field.captured", { name: "customer_name", value: "" }),
      f.make("flow.answered", { flowId, nodeId: "start", to: "our-fault" }),
      f.make("flow.answered", { flowId, nodeId: "our-fault", to: "issue" }),
      note,
      note,
      f.make("escalated", { to: "Team lead", reason: "Goodwill" }),
      f.make("step.flagged", { stepId: "reason", kind: "missing-case", text: "No code" }),
      f.make("completed", { outcome: "follow-up", followUpDue: "2099-01-01", wrapUp: "" }),
      f.make("followup.closed", { note: "Refund arrived" }),
      { junk: true },
    ];
    const out = timeline(refund, events);
    expect(out.map((e) => e.text)).toEqual([
      "Call started with “Refund and return with RMA” (phone, customer C-1)",
      "Moved to step 2. Ask why the item is coming back",
      "Completed step 2. Ask why the item is coming back",
      "Reopened step 2. Ask why the item is coming back",
      "Skipped step 2. Ask why the item is coming back: known",
      "Ticked “Caller verified (see the identity verification SOP)”",
      "Unticked “Caller verified (see the identity verification SOP)”",
      "Customer's name: Jane",
      "Cleared Customer's name",
      "Is the return eligible?: Reason and condition recorded → Is it faulty, damaged, not as described or the wrong item?",
      "Is the return eligible?: Is it faulty, damaged, not as described or the wrong item? “Yes, our fault”",
      "Note: hello",
      "Escalated to Team lead: Goodwill",
      "Flagged step 2. Ask why the item is coming back as missing case: No code",
      "Call wrapped up: follow-up, follow up by 2099-01-01",
      "Follow-up closed: Refund arrived",
    ]);
    const focused = events[1] as { id: string; at: number };
    expect(out[1]).toEqual({ at: focused.at, text: "Moved to step 2. Ask why the item is coming back", id: focused.id, type: "step.focused" });
  });
});
