import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSop } from "../sop-schema/parse";
import type { SopDocument } from "../sop-schema/types";
import { initialState, type RunState } from "./state";
import { reduce, reduceAll, replay } from "./reduce";
import { validateEvent } from "./validate";
import type { RunEvent } from "./events";
import { reduceStrict } from "./reduce";
import { checkInvariants, deepFreeze, EventFactory } from "./test-helpers";

const parse = (url: URL, filename: string) => parseSop(readFileSync(url, "utf8"), { filename });
const load = (name: string) => parse(new URL(`../content/sops/${name}.mdx`, import.meta.url), `${name}.mdx`);
const refund = load("refund-and-return");
const outage = load("internet-outage-troubleshooting");
const complaint = load("complaint-handling");
const full = parse(new URL("../tests/fixtures/sops/good/full-featured.mdx", import.meta.url), "full-featured.mdx");

/** Applies events one by one; every one must be accepted (a new state object). */
function run(doc: SopDocument, f: EventFactory, events: RunEvent[], from?: RunState): RunState {
  let s = from ?? initialState(doc, f.started(doc, { customerRef: "C-42", channel: "phone" }));
  for (const e of events) {
    const before = deepFreeze(s);
    s = reduceStrict(doc, before, e);
    expect(s, `${e.type} was refused`).not.toBe(before);
    checkInvariants(doc, s);
  }
  return s;
}

describe("initialState", () => {
  it("has every step pending, every check unticked, every flow at its start node", () => {
    const f = new EventFactory();
    const started = f.started(refund, { customerRef: " C-42 ", channel: "chat" });
    const s = initialState(refund, started);
    checkInvariants(refund, s);
    expect(s).toMatchObject({
      sopId: "refund-and-return",
      versionId: 1,
      customerRef: "C-42",
      channel: "chat",
      status: "active",
      startedAt: started.at,
      lastEventAt: started.at,
      currentStepId: "find-order",
      fields: {},
      notes: [],
      escalations: [],
      flags: [],
      appliedEventIds: [started.id],
    });
    expect(Object.values(s.steps).every((x) => x.status === "pending")).toBe(true);
    expect(Object.keys(s.steps)).toEqual(refund.steps.map((x) => x.id));
    expect(s.checks["find-order.check-1"]).toBe(false);
    expect(s.flows["return-eligibility"]).toEqual({ path: [], currentNodeId: "start" });
    expect("customerRef" in initialState(refund, f.started(refund, { customerRef: "  " }))).toBe(false);
  });
});

describe("reduce: steps, checks, notes", () => {
  it("focuses, completes, skips and reopens steps", () => {
    const f = new EventFactory();
    let s = run(refund, f, [f.make("step.focused", { stepId: "reason" })]);
    expect(s.currentStepId).toBe("reason");
    const skip = f.make("step.skipped", { stepId: "reason", reason: "Customer already said" });
    s = run(refund, f, [skip], s);
    expect(s.steps.reason).toEqual({ status: "skipped", skipReason: "Customer already said", at: skip.at });
    const done = f.make("step.completed", { stepId: "eligibility" });
    s = run(refund, f, [done], s);
    expect(s.steps.eligibility).toEqual({ status: "done", at: done.at });
    // completing a skipped step (it turned out to be needed after all) is fine once its fields are valid
    s = run(
      refund,
      f,
      [
        f.make("field.captured", { name: "return_reason", value: "Faulty or DOA" }),
        f.make("field.captured", { name: "item_condition", value: "Used" }),
        f.make("step.completed", { stepId: "reason" }),
      ],
      s,
    );
    expect(s.steps.reason.status).toBe("done");
    expect(s.steps.reason.skipReason).toBeUndefined();
    s = run(refund, f, [f.make("step.reopened", { stepId: "reason" })], s);
    expect(s.steps.reason).toEqual({ status: "pending" });
    expect(s.lastEventAt).toBe(f.clock);
  });

  it("does not move on by itself when a step is completed (focus is its own event)", () => {
    const f = new EventFactory();
    const s = run(refund, f, [f.make("step.completed", { stepId: "eligibility" })]);
    expect(s.currentStepId).toBe("find-order");
  });

  it("completing a done step again is accepted (it confirms a stale step)", () => {
    const f = new EventFactory();
    const s = run(refund, f, [
      f.make("step.completed", { stepId: "eligibility" }),
      f.make("step.completed", { stepId: "eligibility" }),
    ]);
    expect(s.steps.eligibility).toEqual({ status: "done", at: f.clock });
  });

  it("toggles checks", () => {
    const f = new EventFactory();
    let s = run(refund, f, [f.make("check.toggled", { checkId: "find-order.check-2", checked: true })]);
    expect(s.checks["find-order.check-2"]).toBe(true);
    s = run(refund, f, [f.make("check.toggled", { checkId: "find-order.check-2", checked: false })], s);
    expect(s.checks["find-order.check-2"]).toBe(false);
  });

  it("adds notes, escalations and flags with their event ids", () => {
    const f = new EventFactory();
    const note = f.make("note.added", { text: "Customer prefers e-mail" });
    const esc = f.make("escalated", { to: "Team lead", reason: "Wants goodwill", stepId: "eligibility" });
    const esc2 = f.make("escalated", { to: "Supervisor", reason: "Threatens to leave" });
    const flag = f.make("step.flagged", { stepId: "reason", kind: "missing-case", text: "No code for 'arrived late'" });
    const s = run(refund, f, [note, esc, esc2, flag]);
    expect(s.notes).toEqual([{ id: note.id, text: note.text, at: note.at }]);
    expect(s.escalations).toEqual([
      { id: esc.id, to: "Team lead", reason: "Wants goodwill", stepId: "eligibility", at: esc.at },
      { id: esc2.id, to: "Supervisor", reason: "Threatens to leave", at: esc2.at },
    ]);
    expect(s.flags).toEqual([{ id: flag.id, stepId: "reason", kind: "missing-case", text: flag.text, at: flag.at }]);
  });
});

describe("reduce: fields", () => {
  it("captures, changes and clears values", () => {
    const f = new EventFactory();
    const c = f.make("field.captured", { name: "customer_name", value: "Jane" });
    let s = run(refund, f, [c]);
    expect(s.fields.customer_name).toEqual({ value: "Jane", at: c.at });
    s = run(refund, f, [f.make("field.captured", { name: "customer_name", value: "  " })], s);
    expect("customer_name" in s.fields).toBe(false);
  });

  it("marks done steps whose <Say> uses a changed field as stale, and completing again clears it", () => {
    const f = new EventFactory();
    let s = run(refund, f, [
      f.make("field.captured", { name: "customer_name", value: "Jane" }),
      f.make("field.captured", { name: "return_reason", value: "Changed mind" }),
      f.make("field.captured", { name: "item_condition", value: "Unopened" }),
      f.make("step.completed", { stepId: "reason" }), // its <Say> says "Thank you, {customer_name}."
    ]);
    expect(s.steps.reason.stale).toBeUndefined();
    // same value again: nothing is stale
    s = run(refund, f, [f.make("field.captured", { name: "customer_name", value: "Jane" })], s);
    expect(s.steps.reason.stale).toBeUndefined();
    s = run(refund, f, [f.make("field.captured", { name: "customer_name", value: "Joan" })], s);
    expect(s.steps.reason.stale).toBe("“Customer's name” changed after this step was done");
    // pending steps that use it (follow-up's escalation script) are not marked: they have not been said yet
    expect(s.steps["follow-up"].stale).toBeUndefined();
    s = run(refund, f, [f.make("step.completed", { stepId: "reason" })], s);
    expect(s.steps.reason.stale).toBeUndefined();
  });

  it("reopening a stale step clears the mark", () => {
    const f = new EventFactory();
    let s = run(refund, f, [
      f.make("field.captured", { name: "outcome", value: "Exchange for same item" }),
      f.make("step.completed", { stepId: "refund-or-exchange" }),
      f.make("field.captured", { name: "outcome", value: "Exchange for different size" }),
    ]);
    expect(s.steps["refund-or-exchange"].stale).toBe("“Customer's choice” changed after this step was done");
    s = run(refund, f, [f.make("step.reopened", { stepId: "refund-or-exchange" })], s);
    expect(s.steps["refund-or-exchange"]).toEqual({ status: "pending" });
  });
});

describe("reduce: flows", () => {
  const flowId = "return-eligibility";
  it("walks from the start node along continue edges and answers", () => {
    const f = new EventFactory();
    const a = f.make("flow.answered", { flowId, nodeId: "start", to: "our-fault" });
    const b = f.make("flow.answered", { flowId, nodeId: "our-fault", to: "days" });
    const s = run(refund, f, [a, b]);
    expect(s.flows[flowId]).toEqual({
      path: [
        { nodeId: "start", to: "our-fault", at: a.at },
        { nodeId: "our-fault", to: "days", label: "No, change of mind or fit", at: b.at },
      ],
      currentNodeId: "days",
    });
  });

  it("a goto node ends the flow and jumps to its step", () => {
    const f = new EventFactory();
    const s = run(refund, f, [
      f.make("step.focused", { stepId: "eligibility" }),
      f.make("flow.answered", { flowId, nodeId: "start", to: "our-fault" }),
      f.make("flow.answered", { flowId, nodeId: "our-fault", to: "issue" }),
    ]);
    expect(s.flows[flowId].ended).toEqual({ nodeId: "issue", type: "goto" });
    expect(s.currentStepId).toBe("issue-rma");
  });

  it("end and escalate nodes end the flow", () => {
    const f = new EventFactory();
    const walk = (last: string) =>
      run(refund, f, [
        f.make("flow.answered", { flowId, nodeId: "start", to: "our-fault" }),
        f.make("flow.answered", { flowId, nodeId: "our-fault", to: "days" }),
        f.make("flow.answered", { flowId, nodeId: "days", to: "decline-say" }),
        f.make("flow.answered", { flowId, nodeId: "decline-say", to: "accepts" }),
        f.make("flow.answered", { flowId, nodeId: "accepts", to: last }),
      ]);
    expect(walk("end-declined").flows[flowId].ended).toEqual({ nodeId: "end-declined", type: "end" });
    const esc = walk("goodwill");
    expect(esc.flows[flowId].ended).toEqual({ nodeId: "goodwill", type: "escalate" });
    expect(esc.escalations).toEqual([]); // the agent confirms the hand-over with an `escalated` event
    expect(esc.currentStepId).toBe("find-order");
  });

  it("an sop node ends the flow", () => {
    const f = new EventFactory();
    const s = run(complaint, f, [
      f.make("flow.answered", { flowId: "complaint-route", nodeId: "start", to: "severity-q" }),
      f.make("flow.answered", {
        flowId: "complaint-route",
        nodeId: "severity-q",
        to: complaint.flows[0].edges.find((e) => e.from === "severity-q" && e.to === "high")!.to,
      }),
    ]);
    expect(s.flows["complaint-route"].ended).toEqual({ nodeId: "high", type: "sop" });
  });

  it("changing an earlier answer cuts the path, recomputes, and marks the old goto target stale", () => {
    const f = new EventFactory();
    let s = run(refund, f, [
      f.make("flow.answered", { flowId, nodeId: "start", to: "our-fault" }),
      f.make("flow.answered", { flowId, nodeId: "our-fault", to: "issue" }),
      f.make("step.completed", { stepId: "eligibility" }),
      f.make("field.captured", { name: "rma_number", value: "RMA0012345" }),
      f.make("field.captured", { name: "return_method", value: "In store" }),
      f.make("field.captured", { name: "customer_email", value: "jane@example.com" }),
      f.make("step.completed", { stepId: "issue-rma" }),
    ]);
    expect(s.currentStepId).toBe("issue-rma");
    const change = f.make("flow.answered", { flowId, nodeId: "our-fault", to: "days" });
    s = run(refund, f, [change], s);
    expect(s.flows[flowId].path.map((p) => p.to)).toEqual(["our-fault", "days"]);
    expect(s.flows[flowId].currentNodeId).toBe("days");
    expect(s.flows[flowId].ended).toBeUndefined();
    expect(s.steps["issue-rma"]).toEqual({
      status: "done",
      at: expect.any(Number),
      stale: "The answer to “Is it faulty, damaged, not as described or the wrong item?” changed",
    });
    expect(s.steps.eligibility.stale).toBeUndefined();
    // the agent stays where they are; the UI focuses the flow's step
    expect(s.currentStepId).toBe("issue-rma");
  });

  it(
    "a new answer that leads straight to the same goto does not " +
      "mark it stale; re-taking an answer withdraws the rest",
    () => {
      const f = new EventFactory();
      let s = run(refund, f, [
        f.make("flow.answered", { flowId, nodeId: "start", to: "our-fault" }),
        f.make("flow.answered", { flowId, nodeId: "our-fault", to: "days" }),
        f.make("flow.answered", { flowId, nodeId: "days", to: "excluded" }),
        f.make("flow.answered", { flowId, nodeId: "excluded", to: "issue" }),
      ]);
      s = run(refund, f, [f.make("flow.answered", { flowId, nodeId: "our-fault", to: "issue" })], s);
      expect(s.steps["issue-rma"].stale).toBeUndefined();
      expect(s.flows[flowId].path).toHaveLength(2);
      // re-taking the same answer cuts the path after it: the goto it had reached is withdrawn
      s = run(refund, f, [f.make("flow.answered", { flowId, nodeId: "start", to: "our-fault" })], s);
      expect(s.flows[flowId]).toEqual({
        path: [expect.objectContaining({ nodeId: "start" })],
        currentNodeId: "our-fault",
      });
      expect(s.steps["issue-rma"].stale).toBe("The path through “Is the return eligible?” changed");
    },
  );

  it("a terminal node that still has an outgoing edge may be continued (escalate → open another SOP)", () => {
    const f = new EventFactory();
    const fid = "refund-decision";
    let s = run(full, f, [
      f.make("flow.answered", { flowId: fid, nodeId: "start", to: "q-amount" }),
      f.make("flow.answered", { flowId: fid, nodeId: "q-amount", to: "to-supervisor" }),
    ]);
    expect(s.flows[fid].ended).toEqual({ nodeId: "to-supervisor", type: "escalate" });
    s = run(full, f, [f.make("flow.answered", { flowId: fid, nodeId: "to-supervisor", to: "other" })], s);
    expect(s.flows[fid].ended).toEqual({ nodeId: "other", type: "sop" });
  });

  it("a node with field=… captures the answer, and changing an earlier answer drops it", () => {
    const f = new EventFactory();
    const fid = "refund-decision";
    let s = run(full, f, [
      f.make("flow.answered", { flowId: fid, nodeId: "start", to: "q-amount" }),
      f.make("flow.answered", { flowId: fid, nodeId: "q-amount", to: "refund" }),
    ]);
    expect(s.fields.under_limit).toEqual({ value: "Yes", at: f.clock });
    s = run(full, f, [f.make("flow.answered", { flowId: fid, nodeId: "q-amount", to: "back" })], s);
    expect(s.fields.under_limit.value).toBe("Not sure");
    expect(s.currentStepId).toBe("understand");
    s = run(full, f, [f.make("flow.answered", { flowId: fid, nodeId: "start", to: "q-amount" })], s);
    expect(s.fields.under_limit).toBeUndefined();
    // the path was cut from the start: the step the withdrawn "Not sure" answer sent the agent to may no longer apply
    expect(s.steps.understand.stale).toBe("The path through “Can we refund directly?” changed");
  });
});

describe("reduce: flows (more)", () => {
  const parallel = parseSop(
    `---
title: Parallel answers
department: Test
purpose: Two answers lead to the same node.
targets:
  handleTime: 5m
---

## Steps

<Step id="one" title="One">

<Flow id="f" title="Decide">
  <Node id="start" type="start" label="Begin" />
  <Node id="q" type="question" label="Which plan?" field="plan" />
  <Node id="lead" type="escalate" label="Ask the lead" to="Team lead" reason="Plan change" />
  <Node id="done" type="end" label="Done" />
  <Edge from="start" to="q" />
  <Edge from="q" to="lead" label="Business" />
  <Edge from="q" to="lead" label="Enterprise" />
  <Edge from="q" to="done" label="Home" />
</Flow>

</Step>

<Step id="two" title="Two">

<Say>The plan is {plan}.</Say>

</Step>
`,
    { filename: "parallel.mdx" },
  );

  it("an optional label picks between answers that lead to the same node; without it, the first edge", () => {
    const f = new EventFactory();
    let s = run(parallel, f, [
      f.make("flow.answered", { flowId: "f", nodeId: "start", to: "q" }),
      f.make("flow.answered", { flowId: "f", nodeId: "q", to: "lead", label: "Enterprise" }),
    ]);
    expect(s.flows.f.path[1].label).toBe("Enterprise");
    expect(s.fields.plan.value).toBe("Enterprise");
    s = run(
      parallel,
      f,
      [f.make("step.completed", { stepId: "two" }), f.make("flow.answered", { flowId: "f", nodeId: "q", to: "lead" })],
      s,
    );
    expect(s.flows.f.path[1].label).toBe("Business");
    // the answer captured into a field changed: the step whose <Say> uses it is stale
    expect(s.steps.two.stale).toBe("“Which plan?” changed after this step was done");
  });

  it("a pending step marked stale can be reopened to clear the mark; skipping also clears it", () => {
    const f = new EventFactory();
    const flowId = "return-eligibility";
    let s = run(refund, f, [
      f.make("flow.answered", { flowId, nodeId: "start", to: "our-fault" }),
      f.make("flow.answered", { flowId, nodeId: "our-fault", to: "issue" }),
      f.make("flow.answered", { flowId, nodeId: "our-fault", to: "days" }),
    ]);
    expect(s.steps["issue-rma"]).toEqual({ status: "pending", stale: expect.stringContaining("changed") });
    const reopened = run(refund, f, [f.make("step.reopened", { stepId: "issue-rma" })], s);
    expect(reopened.steps["issue-rma"]).toEqual({ status: "pending" });
    s = run(refund, f, [f.make("step.skipped", { stepId: "issue-rma", reason: "Not eligible" })], s);
    expect(s.steps["issue-rma"].stale).toBeUndefined();
  });
});

describe("reduce: completion and follow-up", () => {
  it("completes the run with an outcome; it becomes read-only", () => {
    const f = new EventFactory();
    const done = f.make("completed", { outcome: "resolved", wrapUp: "All good", followUpDue: "2099-01-01" });
    const s = run(refund, f, [done]);
    expect(s.status).toBe("completed");
    expect(s.completedAt).toBe(done.at);
    expect(s.outcome).toEqual({ outcome: "resolved", wrapUp: "All good", at: done.at });
    expect(s.followUp).toBeUndefined();
    const after = reduce(refund, s, f.make("note.added", { text: "late note" }));
    expect(after).toBe(s);
  });

  it("a follow-up outcome opens a follow-up that can be closed once", () => {
    const f = new EventFactory();
    let s = run(refund, f, [
      f.make("completed", { outcome: "follow-up", followUpDue: "2099-01-10", wrapUp: "Call back" }),
    ]);
    expect(s.outcome?.followUpDue).toBe("2099-01-10");
    expect(s.followUp).toEqual({ due: "2099-01-10" });
    const close = f.make("followup.closed", { note: "Refund arrived" });
    s = run(refund, f, [close], s);
    expect(s.followUp).toEqual({ due: "2099-01-10", closedAt: close.at, note: "Refund arrived" });
    expect(s.status).toBe("completed");
  });
});

describe("reduce: purity, idempotence, totality", () => {
  it("never mutates its input and shares what did not change", () => {
    const f = new EventFactory();
    const s = deepFreeze(run(refund, f, [f.make("field.captured", { name: "customer_name", value: "Jane" })]));
    const snapshot = JSON.stringify(s);
    const next = reduce(refund, s, f.make("note.added", { text: "hello" }));
    expect(JSON.stringify(s)).toBe(snapshot);
    expect(next).not.toBe(s);
    expect(next.steps).toBe(s.steps);
    expect(next.fields).toBe(s.fields);
    expect(next.flows).toBe(s.flows);
    expect(next.checks).toBe(s.checks);
    expect(next.notes).not.toBe(s.notes);
    const next2 = reduce(
      refund,
      next,
      f.make("flow.answered", { flowId: "return-eligibility", nodeId: "start", to: "our-fault" }),
    );
    expect(next2.flows).not.toBe(next.flows);
    expect(next2.steps).toBe(next.steps);
    expect(next2.fields).toBe(next.fields);
  });

  it("an event id already applied is a no-op, even with a different payload", () => {
    const f = new EventFactory();
    const note = f.make("note.added", { text: "once" });
    const s = run(refund, f, [note]);
    expect(reduce(refund, s, note)).toBe(s);
    expect(reduce(refund, s, { ...note, text: "twice" })).toBe(s);
  });

  it("never throws, whatever it is given", () => {
    const f = new EventFactory();
    const s = initialState(refund, f.started(refund));
    for (const junk of [
      null,
      undefined,
      42,
      "x",
      [],
      {},
      { type: "note.added" },
      { id: f.make("note.added", { text: "x" }).id },
    ]) {
      expect(reduce(refund, s, junk)).toBe(s);
    }
    // a broken state does not make it throw either
    expect(() => reduce(refund, {} as RunState, f.make("note.added", { text: "x" }))).not.toThrow();
  });

  it("replay rebuilds the state; it needs `started` first", () => {
    const f = new EventFactory();
    const started = f.started(refund);
    const events = [started, f.make("note.added", { text: "a" }), f.make("step.focused", { stepId: "reason" })];
    const s = replay(refund, events);
    let folded = initialState(refund, started);
    for (const e of events.slice(1)) folded = reduce(refund, folded, e);
    expect(s).toEqual(folded);
    expect(() => replay(refund, [])).toThrow("A run's first event must be “started”.");
    expect(() => replay(refund, [events[1]])).toThrow("A run's first event must be “started”.");
    expect(() => replay(refund, [{ ...started, versionId: "x" }])).toThrow(/not a valid “started” event/);
    expect(reduceAll(refund, s, [])).toBe(s);
  });

  it("section-level flows work like flows inside a step", () => {
    const f = new EventFactory();
    const s = run(outage, f, [
      f.make("flow.answered", { flowId: "outage-flow", nodeId: "start", to: "area" }),
      f.make("flow.answered", { flowId: "outage-flow", nodeId: "area", to: "lights" }),
      f.make("flow.answered", { flowId: "outage-flow", nodeId: "lights", to: "devices" }),
    ]);
    expect(s.currentStepId).toBe("devices");
    expect(s.flows["outage-flow"].ended).toEqual({ nodeId: "devices", type: "goto" });
  });
});

describe("issue 16: note drafts, discarding, digits", () => {
  const el = load("el-epistrofi-chrimaton");
  const fa = load("fa-peygiri-sefaresh");

  it("note.drafted keeps the last draft; blank clears it; note.added clears it", () => {
    const f = new EventFactory();
    let s = run(refund, f, [
      f.make("note.drafted", { text: "Cust" }),
      f.make("note.drafted", { text: "Customer wants a call back" }),
    ]);
    expect(s.noteDraft).toEqual({ text: "Customer wants a call back", at: s.lastEventAt });
    s = run(refund, f, [f.make("note.added", { text: "Customer wants a call back" })], s);
    expect(s.noteDraft).toBeUndefined();
    expect("noteDraft" in s).toBe(false);
    s = run(refund, f, [f.make("note.drafted", { text: "again" }), f.make("note.drafted", { text: "  " })], s);
    expect("noteDraft" in s).toBe(false);
    expect(s.notes.map((n) => n.text)).toEqual(["Customer wants a call back"]);
  });

  it("discarded: only while active; afterwards every event is refused with a clear message", () => {
    const f = new EventFactory();
    const s = run(refund, f, [
      f.make("note.added", { text: "oops" }),
      f.make("discarded", { reason: "  Opened the wrong SOP " }),
    ]);
    expect(s.status).toBe("discarded");
    expect(s.discardedAt).toBe(s.lastEventAt);
    expect(s.discardReason).toBe("Opened the wrong SOP");
    for (const e of [
      f.make("step.focused", { stepId: "reason" }),
      f.make("discarded", {}),
      f.make("completed", { outcome: "resolved", wrapUp: "" }),
      f.make("followup.closed", { note: "x" }),
      f.make("note.drafted", { text: "x" }),
    ]) {
      expect(validateEvent(refund, s, e)).toBe("This run was discarded and can no longer be changed.");
      expect(reduce(refund, s, e)).toBe(s);
    }
    const done = run(refund, f, [f.make("completed", { outcome: "resolved", wrapUp: "" })]);
    expect(validateEvent(refund, done, f.make("discarded", {}))).toBe(
      "This call is wrapped up: it can no longer be discarded.",
    );
    const bare = run(refund, f, [f.make("discarded", { reason: " " })]);
    expect("discardReason" in bare).toBe(false);
  });

  it(
    "stores Persian and Arabic-Indic digits as ASCII in " +
      "number, phone, date and pattern fields; other text as typed",
    () => {
      const f = new EventFactory();
      const s = run(fa, f, [
        f.make("field.captured", { name: "mobile_number", value: "۰۹۱۲ ۳۴۵ ٦٧٨٩" }),
        f.make("field.captured", { name: "order_number", value: "IR۱۲۳۴۵۶" }),
        f.make("field.captured", { name: "promised_date", value: "۲۰۲۵-۰۳-۳۱" }),
        f.make("field.captured", { name: "customer_name", value: "خانم رضایی ۲" }),
      ]);
      expect(s.fields.mobile_number.value).toBe("0912 345 6789");
      expect(s.fields.order_number.value).toBe("IR123456");
      expect(s.fields.promised_date.value).toBe("2025-03-31");
      expect(s.fields.customer_name.value).toBe("خانم رضایی ۲");
      const e = run(el, f, [f.make("field.captured", { name: "refund_amount", value: "۱۲٫۵" })]);
      expect(e.fields.refund_amount.value).toBe("12.5");
    },
  );

  it("follow-ups take a date, a local time or an instant; past ones are refused in words", () => {
    const f = new EventFactory(Date.UTC(2026, 11, 1, 12, 0));
    const s0 = initialState(refund, f.started(refund));
    const at = s0.startedAt + 1000;
    const completed = (followUpDue: string) => ({
      ...f.make("completed", { outcome: "follow-up", followUpDue, wrapUp: "" }),
      at,
    });
    expect(validateEvent(refund, s0, completed("2026-12-01"))).toBeNull();
    expect(validateEvent(refund, s0, completed("2026-12-02T09:00"))).toBeNull();
    expect(validateEvent(refund, s0, completed("2026-12-01T14:00+02:00"))).toBeNull(); // 12:00 UTC: now
    expect(validateEvent(refund, s0, completed("2026-12-01T13:00+02:00"))).toBe(
      "The follow-up time is in the past. Pick a later time.",
    );
    expect(validateEvent(refund, s0, completed("2026-11-29T09:00"))).toBe(
      "The follow-up date is in the past. Pick today or a later date.",
    );
    expect(validateEvent(refund, s0, completed("2026-11-30T08:00"))).toBe(
      "The follow-up time is in the past. Pick a later time.",
    );
    const s = reduce(refund, s0, completed("2026-12-02T09:00"));
    expect(s.followUp).toEqual({ due: "2026-12-02T09:00" });
  });
});
