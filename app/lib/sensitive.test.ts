import { describe, expect, it } from "vitest";
import { parseSop } from "../../sop-schema/parse";
import { buildWrapUp, substitute, timeline } from "../../runbook/derive";
import { replay } from "../../runbook/reduce";
import type { RunEvent } from "../../runbook/events";
import type { RunState } from "../../runbook/state";
import { EventFactory, deepFreeze } from "../../runbook/test-helpers";
import {
  describePurged,
  maskSensitive,
  redactText,
  REMOVED_VALUE,
  SENSITIVE_MASK,
  sensitiveFieldNames,
  wrapUpWithoutValues,
} from "./sensitive";

const doc = parseSop(`---
title: Card dispute
department: Billing
purpose: Testing sensitive fields.
---

## Call

<Step id="verify" title="Verify">

<Say>Thank you {customer_name}, the card ending {card_last4}.</Say>

<Field name="customer_name" label="Customer's name" required />

<Field name="card_last4" label="Last four digits of the card" required pattern="^[0-9]{4}$" sensitive />

<Field name="card_kind" label="Kind of card" type="select" options="Debit|Credit" sensitive />

<Field name="amount" label="Amount" type="number" />

</Step>

<Step id="decide" title="Decide">

<Flow id="which" title="Which card?">
  <Node id="start" type="start" label="Start" />
  <Node id="q-kind" type="question" label="Debit or credit?" field="card_kind" />
  <Node id="q-big" type="question" label="Above 100?" field="big" />
  <Node id="done" type="end" label="Done" outcome="resolved" />
  <Edge from="start" to="q-kind" />
  <Edge from="q-kind" to="q-big" label="Credit" />
  <Edge from="q-kind" to="q-big" label="Debit" />
  <Edge from="q-big" to="done" label="Yes" />
  <Edge from="q-big" to="done" label="No" />
</Flow>

</Step>
`);

function call(): { state: RunState; events: RunEvent[] } {
  const f = new EventFactory();
  const events: RunEvent[] = [
    f.started(doc, { customerRef: "CUST-1" }),
    f.make("field.captured", { name: "customer_name", value: "Ada Lovelace" }),
    f.make("field.captured", { name: "card_last4", value: "1111" }),
    f.make("field.captured", { name: "card_last4", value: "" }),
    f.make("field.captured", { name: "card_last4", value: "4242" }),
    f.make("field.captured", { name: "amount", value: "19.99" }),
    f.make("step.completed", { stepId: "verify" }),
    f.make("flow.answered", { flowId: "which", nodeId: "start", to: "q-kind" }),
    f.make("flow.answered", { flowId: "which", nodeId: "q-kind", to: "q-big", label: "Credit" }),
    f.make("flow.answered", { flowId: "which", nodeId: "q-big", to: "done", label: "Yes" }),
    f.make("note.added", { text: "Customer read out 4242 twice" }),
  ];
  const before = replay(doc, events);
  const wrapUp = buildWrapUp(doc, before);
  events.push(f.make("completed", { outcome: "resolved", wrapUp }));
  return { state: replay(doc, events), events };
}

describe("sensitiveFieldNames", () => {
  it("lists the fields marked sensitive, nothing else", () => {
    expect(sensitiveFieldNames(doc)).toEqual(new Set(["card_last4", "card_kind"]));
    expect(sensitiveFieldNames({ fields: [] })).toEqual(new Set());
  });
});

describe("maskSensitive", () => {
  it("the run's agent sees everything: the payload itself comes back", () => {
    const payload = call();
    expect(maskSensitive(doc, payload, { viewerId: "agent-1", agentId: "agent-1" })).toBe(payload);
  });

  it("an SOP without sensitive fields masks nothing, for anyone", () => {
    const plain = { ...doc, fields: doc.fields.map(({ sensitive: _s, ...f }) => f) };
    const payload = call();
    expect(maskSensitive(plain, payload, { viewerId: "lead-1", agentId: "agent-1" })).toBe(payload);
  });

  it("another viewer gets every sensitive value masked in the state, and nothing else changes", () => {
    const payload = deepFreeze(call());
    const { state } = maskSensitive(doc, payload, { viewerId: "lead-1", agentId: "agent-1" });
    expect(state.fields.card_last4).toEqual({ value: SENSITIVE_MASK, at: payload.state.fields.card_last4!.at });
    expect(state.fields.card_kind?.value).toBe(SENSITIVE_MASK); // captured by a flow node into a sensitive <Field>
    expect(state.fields.customer_name?.value).toBe("Ada Lovelace");
    expect(state.fields.amount?.value).toBe("19.99");
    expect(state.fields.big?.value).toBe("Yes"); // a node field without a sensitive <Field> of its name
    expect(state.flows.which!.path.map((p) => p.label)).toEqual([undefined, SENSITIVE_MASK, "Yes"]);
    expect(state.flows.which!.path.map((p) => p.to)).toEqual(payload.state.flows.which!.path.map((p) => p.to));
    // {card_last4} in a script shows the mask
    const say = doc.steps[0]!.blocks.find((b) => b.type === "say")!;
    const para = say.type === "say" ? say.children[0]! : null;
    const text =
      para && para.type === "paragraph"
        ? substitute(para.children, state.fields)
            .map((i) => ("value" in i ? i.value : ""))
            .join("")
        : "";
    expect(text).toContain(`card ending ${SENSITIVE_MASK}`);
    expect(text).toContain("Ada Lovelace");
    // the rest of the state is untouched, by reference
    expect(state.steps).toBe(payload.state.steps);
    expect(state.notes).toBe(payload.state.notes);
    expect(state.appliedEventIds).toBe(payload.state.appliedEventIds);
    expect(payload.state.fields.card_last4!.value).toBe("4242"); // the input is not mutated (it is frozen, too)
  });

  it("masks the wrap-up note: the details line and the value wherever it stands as a word; other fields stay", () => {
    const payload = call();
    const original = payload.state.outcome!.wrapUp;
    expect(original).toContain("- Last four digits of the card: 4242");
    const { state, events } = maskSensitive(doc, payload, { viewerId: "lead-1", agentId: "agent-1" });
    const note = state.outcome!.wrapUp;
    expect(note).toContain(`- Last four digits of the card: ${SENSITIVE_MASK}`);
    expect(note).toContain(`- Kind of card: ${SENSITIVE_MASK}`);
    expect(note).toContain("- Customer's name: Ada Lovelace");
    expect(note).toContain("- Amount: 19.99");
    expect(note).not.toMatch(/1111|4242|Credit/);
    expect(note).toContain(`Customer read out ${SENSITIVE_MASK} twice`);
    expect(note).toContain("Above 100? Yes");
    const completed = events!.find((e) => e.type === "completed")!;
    expect(completed.type === "completed" && completed.wrapUp).toBe(note);
  });

  it("masks field.captured and sensitive flow answers in the events, so the timeline shows the mask", () => {
    const payload = call();
    const { events } = maskSensitive(doc, payload, { viewerId: "lead-1", agentId: "agent-1" });
    const texts = timeline(doc, events!).map((e) => e.text);
    expect(texts).toContain(`Last four digits of the card: ${SENSITIVE_MASK}`);
    expect(texts).toContain("Cleared Last four digits of the card"); // clearing stays visible
    expect(texts).toContain("Customer's name: Ada Lovelace");
    expect(texts).toContain(`Which card?: Debit or credit? “${SENSITIVE_MASK}”`);
    expect(texts).toContain("Which card?: Above 100? “Yes”");
    expect(texts.join("\n")).not.toMatch(/1111|Credit/);
    expect(events!.length).toBe(payload.events.length);
    expect(events!.map((e) => e.id)).toEqual(payload.events.map((e) => e.id));
    // the unmasked timeline for the agent
    expect(timeline(doc, payload.events).map((e) => e.text)).toContain("Last four digits of the card: 4242");
  });

  it("works on a state alone (the run page sends no events)", () => {
    const { state } = call();
    const masked = maskSensitive(doc, { state }, { viewerId: "admin-1", agentId: "agent-1" });
    expect(masked.state.fields.card_last4?.value).toBe(SENSITIVE_MASK);
    expect("events" in masked).toBe(false);
    expect(masked.state.outcome!.wrapUp).not.toContain("4242");
  });
});

describe("redactText", () => {
  const targets = [{ label: "Card", values: ["4242", "12 Oak Road\nFlat 2"] }];
  it("replaces whole-word occurrences only, the longest value first, never rescanning what it wrote", () => {
    expect(redactText("ending 4242, not 424299 or A4242", targets, { replacement: "X" })).toBe(
      "ending X, not 424299 or A4242",
    );
    expect(redactText("Lives at 12 Oak Road / Flat 2.", targets, { replacement: "X" })).toBe("Lives at X.");
    expect(redactText("- Card: whatever it said\n- Other: 4242", targets, { replacement: "[4242]" })).toBe(
      "- Card: [4242]\n- Other: [4242]",
    );
    expect(redactText("4242", [{ label: "Card", values: ["4242"] }], { replacement: "4242 (sensitive)" })).toBe(
      "4242 (sensitive)",
    );
  });
  it("leaves values shorter than minLength in free text, but not in their details line", () => {
    const short = [{ label: "Count", values: ["2"] }];
    expect(redactText("Steps: 2 of 5\n- Count: 2", short, { replacement: "X", minLength: 3 })).toBe(
      "Steps: 2 of 5\n- Count: X",
    );
    expect(redactText("Steps: 2 of 5", short, { replacement: "X" })).toBe("Steps: X of 5");
  });
  it("empty text or no targets: unchanged", () => {
    expect(redactText("", targets, { replacement: "X" })).toBe("");
    expect(redactText("4242", [], { replacement: "X" })).toBe("4242");
    expect(redactText("- : x", [{ label: " ", values: [" "] }], { replacement: "X" })).toBe("- : x");
  });
});

describe("wrapUpWithoutValues (retention)", () => {
  it(
    "removes every field's details line and typed values " + "of 3+ characters; choices and notes' other words stay",
    () => {
      const { state, events } = call();
      const typed = new Map<string, string[]>();
      for (const e of events)
        if (e.type === "field.captured" && e.value !== "") typed.set(e.name, [...(typed.get(e.name) ?? []), e.value]);
      const note = wrapUpWithoutValues(doc, state.outcome!.wrapUp, typed);
      for (const label of ["Customer's name", "Last four digits of the card", "Kind of card", "Amount", "Above 100?"]) {
        expect(note).toContain(`- ${label}: ${REMOVED_VALUE}`);
      }
      expect(note).not.toMatch(/Ada Lovelace|4242|1111|19\.99/);
      expect(note).toContain(`Customer read out ${REMOVED_VALUE} twice`);
      expect(note).toContain("Above 100? Yes"); // the path taken (the SOP's own answers) stays
      expect(note.split("\n").length).toBe(state.outcome!.wrapUp.split("\n").length);
    },
  );

  it("without the document (missing, or older than the run) the typed values still go wherever they stand", () => {
    const typed = new Map([
      ["card_last4", ["4242"]],
      ["customer_name", ["Ada Lovelace"]],
    ]);
    expect(
      wrapUpWithoutValues({ fields: [], flows: [] }, "Details\n- Card: 4242\n- Name: Ada Lovelace, card 4242", typed),
    ).toBe(`Details\n- Card: ${REMOVED_VALUE}\n- Name: ${REMOVED_VALUE}, card ${REMOVED_VALUE}`);
  });
});

describe("describePurged", () => {
  it("says a purged capture's value was removed, instead of 'Cleared'", () => {
    const f = new EventFactory();
    const events = [
      f.started(doc),
      { ...f.make("field.captured", { name: "card_last4", value: "" }), purged: true },
      f.make("field.captured", { name: "customer_name", value: "" }),
    ];
    const entries = describePurged(doc, events, timeline(doc, events));
    expect(entries.map((e) => e.text).slice(1)).toEqual([
      "Last four digits of the card: value removed at the end of the retention period",
      "Cleared Customer's name",
    ]);
  });
});
