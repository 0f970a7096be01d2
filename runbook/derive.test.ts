import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSop } from "../sop-schema/parse";
import type { Inline } from "../sop-schema/types";
import { translator } from "../i18n";
import {
  buildWrapUp,
  channelLabel,
  compareFollowUpDue,
  flagKindLabel,
  followUpDay,
  followUpTiming,
  formatFollowUpDue,
  outcomeLabel,
  stepStatus,
  stepStatuses,
  stepStatusLabel,
  formatDurationSeconds,
  nextStepId,
  progress,
  substitute,
  substituteBlocks,
  timeline,
  timer,
} from "./derive";
import { reduce, replay } from "./reduce";
import { initialState, type RunState } from "./state";
import { EventFactory } from "./test-helpers";

const load = (name: string) =>
  parseSop(readFileSync(new URL(`../content/sops/${name}.mdx`, import.meta.url), "utf8"), { filename: `${name}.mdx` });
const refund = load("refund-and-return"); // 6 steps, handle time 6 min
const flowId = "return-eligibility";

describe("progress", () => {
  it("counts done and skipped steps", () => {
    const f = new EventFactory();
    const s0 = initialState(refund, f.started(refund));
    expect(progress(refund, s0)).toEqual({
      done: 0,
      skipped: 0,
      notNeeded: 0,
      pending: 6,
      needed: 6,
      total: 6,
      percent: 0,
    });
    const s = replay(refund, [
      f.started(refund),
      f.make("step.completed", { stepId: "eligibility" }),
      f.make("step.skipped", { stepId: "follow-up", reason: "Exchange in store" }),
    ]);
    expect(progress(refund, s)).toEqual({
      done: 1,
      skipped: 1,
      notNeeded: 0,
      pending: 4,
      needed: 6,
      total: 6,
      percent: 33,
    });
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
    expect(substitute(inlines, { rma_number: "RMA0000001" })[2]).toEqual({
      type: "strong",
      children: [{ type: "text", value: "RMA0000001" }],
    });
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
        // the flow step (3) is done by its flow reaching its end (an escalation)
        "Steps: 1 of 6 done, 1 skipped; 4 not done: 1. Verify the caller " +
          "and find the order, 2. Ask why the item is coming back, " +
          "4. Issue the RMA and the return label, 5. Agree a refund or an exchange",
        "",
        "Details",
        "- Customer's name: Jane Doe",
        "- Order number: AB123456",
        "",
        "Decisions",
        "- Is the return eligible?: Is it faulty, damaged, not as " +
          "described or the wrong item? No, change of mind or fit → " +
          "Was it delivered within the last 30 days? More than 30 days → Explain " +
          "kindly that the item cannot be returned under our policy, and why → " +
          "Does the customer accept the explanation? Disputes the " +
          "decision → Ask the team lead about a goodwill return " +
          "(escalate to Team lead: Return outside policy that the customer disputes)",
        "",
        "Checks",
        "- 1. Verify the caller and find the order: ☐ Caller verified (see the " +
          "identity verification SOP) · ☐ Item and delivery date found on the order",
        "- 4. Issue the RMA and the return label: ☐ RMA created against the right item " +
          "and order · ☐ Label e-mail sent while the customer is still on the line",
        '- 5. Agree a refund or an exchange: ☐ Customer told the refund timeline in days, not "soon"',
        "- 6. Follow up until the refund arrives: ☐ Follow-up task set for 10 working days: return received? · " +
          "☐ If the parcel has not been scanned within 7 days, remind " +
          "the customer by e-mail with the label attached again · " +
          "☐ Case closed only when the refund or exchange has been completed",
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
    expect(text).toContain(
      "- Is the return eligible?: Is it faulty, damaged, not as described or the wrong item? (not finished)",
    );
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
      "Is the return eligible?: Reason and condition recorded → Is " +
        "it faulty, damaged, not as described or the wrong item?",
      "Is the return eligible?: Is it faulty, damaged, not as described or the wrong item? “Yes, our fault”",
      "Note: hello",
      "Escalated to Team lead: Goodwill",
      "Flagged step 2. Ask why the item is coming back as missing case: No code",
      "Call wrapped up: follow-up, follow up by 2099-01-01",
      "Follow-up closed: Refund arrived",
    ]);
    const focused = events[1] as { id: string; at: number };
    expect(out[1]).toEqual({
      at: focused.at,
      text: "Moved to step 2. Ask why the item is coming back",
      id: focused.id,
      type: "step.focused",
    });
  });
});

// ------------------------------------------------------------------------------------------------------------
// Issue 16: a flow step whose flow ends in a goto, the steps its path jumps over, and the wrap-up that says so.

const el = load("el-epistrofi-chrimaton"); // 7 steps; the flow's "card" answer goes to step 6, over steps 4 and 5
const elFlow = el.flows[0];

/** Steps 1 and 2 filled and done, the flow answered "received, not refunded yet, paid by card" (→ goto step 6). */
function elToRefundStep(f: EventFactory) {
  return [
    f.started(el),
    f.make("field.captured", { name: "customer_name", value: "κυρία Παπαδοπούλου" }),
    f.make("field.captured", { name: "order_number", value: "GR123456" }),
    f.make("step.completed", { stepId: "taftopoiisi" }),
    f.make("field.captured", { name: "refund_reason", value: "Επιστροφή προϊόντος" }),
    f.make("field.captured", { name: "payment_method", value: "Κάρτα" }),
    f.make("field.captured", { name: "refund_amount", value: "25,90" }),
    f.make("step.completed", { stepId: "stoixeia" }),
    f.make("step.focused", { stepId: elFlow.stepId }),
    f.make("flow.answered", { flowId: elFlow.id, nodeId: "start", to: "paralavi" }),
    f.make("flow.answered", { flowId: elFlow.id, nodeId: "paralavi", to: "ekdothike" }),
    f.make("flow.answered", { flowId: elFlow.id, nodeId: "ekdothike", to: "tropos" }),
    f.make("flow.answered", { flowId: elFlow.id, nodeId: "tropos", to: "ekdosi" }),
  ];
}

describe("a flow that ends in a goto", () => {
  it("Done on the last needed step goes to wrap-up (null), not back to the flow step or a jumped-over step", () => {
    const f = new EventFactory();
    const s = replay(el, [
      ...elToRefundStep(f),
      f.make("field.captured", { name: "refund_reference", value: "TX-889" }),
      f.make("step.completed", { stepId: "ekdosi-epistrofis" }),
      f.make("step.focused", { stepId: "kleisimo" }),
      f.make("field.captured", { name: "follow_up_date", value: "2099-01-09" }),
      f.make("step.completed", { stepId: "kleisimo" }),
    ]);
    expect(s.currentStepId).toBe("kleisimo");
    expect(nextStepId(el, s)).toBeNull(); // was the flow step ("jumps back to step 3")
    const statuses = stepStatuses(el, s);
    expect(statuses[elFlow.stepId]).toEqual({ status: "done", flowId: elFlow.id, byFlow: true });
    expect(statuses["ekdosi-rma"]).toEqual({ status: "not-needed", flowId: elFlow.id });
    expect(statuses.iban).toEqual({ status: "not-needed", flowId: elFlow.id });
    expect(stepStatus(el, s, "kleisimo")).toBe("done");
    expect(progress(el, s)).toEqual({
      done: 5,
      skipped: 0,
      notNeeded: 2,
      pending: 0,
      needed: 5,
      total: 7,
      percent: 100,
    });
    const text = buildWrapUp(el, s);
    expect(text).toContain(
      "Steps: 5 of 5 needed steps done; 2 not needed on this path: 4. Έκδοση RMA, " +
        "αν το προϊόν δεν έχει σταλεί, 5. Στοιχεία λογαριασμού για αντικαταβολή",
    ); // was "Steps: 5 of 7 done" without a word
    expect(buildWrapUp(el, s, { lang: "el" })).toContain(
      "Βήματα: 5 από 5 απαραίτητα ολοκληρώθηκαν · 2 δεν χρειάζονται σε αυτή τη διαδρομή: 4. Έκδοση RMA",
    );
  });

  it("the next step after the flow is the goto target; jumped-over steps are passed over", () => {
    const f = new EventFactory();
    const s = replay(el, elToRefundStep(f));
    expect(s.currentStepId).toBe("ekdosi-epistrofis");
    expect(nextStepId(el, s, elFlow.stepId)).toBe("ekdosi-epistrofis");
    expect(nextStepId(el, s, "ekdosi-epistrofis")).toBe("kleisimo");
    expect(nextStepId(el, s, "kleisimo")).toBe("ekdosi-epistrofis"); // still to do: wraps round to it, not to 4 or 5
  });

  it("changing the answer changes what is needed; an unfinished flow makes nothing unneeded", () => {
    const f = new EventFactory();
    let s = replay(el, elToRefundStep(f));
    s = reduce(el, s, f.make("flow.answered", { flowId: elFlow.id, nodeId: "tropos", to: "iban" }));
    let st = stepStatuses(el, s);
    expect(st.iban.status).toBe("pending");
    expect(st["ekdosi-rma"].status).toBe("not-needed"); // jumped over on the way to step 5
    // after the target (and the other branch's target): still needed
    expect(st["ekdosi-epistrofis"].status).toBe("pending");
    s = reduce(el, s, f.make("flow.answered", { flowId: elFlow.id, nodeId: "ekdothike", to: "tropos" }));
    st = stepStatuses(el, s);
    expect(Object.values(st).filter((x) => x.status === "not-needed")).toEqual([]);
    expect(st[elFlow.stepId].status).toBe("pending"); // the flow is not finished: the step is not done by it
  });

  it("a step done or skipped by the agent keeps its status even if the path made it unnecessary", () => {
    const f = new EventFactory();
    const s = replay(el, [
      ...elToRefundStep(f),
      f.make("step.skipped", { stepId: "iban", reason: "Not cash on delivery" }),
    ]);
    expect(stepStatus(el, s, "iban")).toBe("skipped");
    expect(stepStatus(el, s, "ekdosi-rma")).toBe("not-needed");
  });

  it("a flow step with a required field missing is not done by its flow", () => {
    const f = new EventFactory();
    const events = elToRefundStep(f).filter((e) => !(e.type === "field.captured" && e.name === "refund_amount"));
    const s = replay(el, events);
    // "stoixeia" holds the flow? Only when it does is it affected; the flow's own step must have valid fields.
    const flowStep = el.steps.find((x) => x.id === elFlow.stepId)!;
    if (flowStep.fieldNames.includes("refund_amount")) expect(stepStatus(el, s, elFlow.stepId)).toBe("pending");
    else expect(stepStatus(el, s, elFlow.stepId)).toBe("done");
  });
});

describe("buildWrapUp, localised", () => {
  const f = new EventFactory();
  const base = elToRefundStep(f);
  const startedAt = (base[0] as { at: number }).at;
  const s = replay(el, [
    ...base,
    f.make("check.toggled", { checkId: "taftopoiisi.check-1", checked: true }),
    f.make("escalated", { to: "Υπεύθυνη βάρδιας", reason: "Ο πελάτης ζήτησε προϊστάμενο", stepId: "kleisimo" }),
    f.make("note.added", { text: "Ευγενική πελάτισσα" }),
    f.make("note.drafted", { text: "Θα ξανακαλέσει" }),
  ]);

  it("lists every check, ticked ☑ or not ☐, per step", () => {
    const text = buildWrapUp(el, s);
    expect(text).toContain(
      "\nChecks\n- 1. Χαιρετισμός και ταυτοποίηση του πελάτη: ☑ Ο " +
        "πελάτης ταυτοποιήθηκε σύμφωνα με τη διαδικασία ταυτοποίησης\n",
    );
    expect(text).toContain("☐ Επιστροφή εκδόθηκε στον σωστό τρόπο πληρωμής · ☐ Στάλθηκε e-mail");
    expect(text).not.toContain("- 4. Έκδοση RMA"); // not needed on this path, nothing ticked: left out
  });

  it("uses the timer's duration (the same `now`)", () => {
    const now = startedAt + 372_000;
    expect(buildWrapUp(el, s, { now })).toContain(
      `Duration: ${formatDurationSeconds(timer(s, now, el).elapsedSeconds)}`,
    );
    expect(buildWrapUp(el, s, { now })).toContain("Duration: 6 min 12 s");
    const done = replay(el, [...base, f.make("completed", { outcome: "resolved", wrapUp: "" })]);
    expect(buildWrapUp(el, done, { now: now + 9_999_999 })).toContain(
      `Duration: ${formatDurationSeconds(timer(done, now, el).elapsedSeconds)}`,
    );
  });

  it("keeps the note being typed, marked as not added", () => {
    const text = buildWrapUp(el, s);
    expect(text).toMatch(
      /\nNotes\n- \d\d:\d\d UTC Ευγενική πελάτισσα\n- \d\d:\d\d UTC Θα ξανακαλέσει \(typed, not added\)$/,
    );
  });

  it("speaks the viewer's language, with one time format in the viewer's zone", () => {
    const text = buildWrapUp(el, s, {
      lang: "el",
      timeZone: "Europe/Athens",
      versionNumber: 3,
      now: startedAt + 65_000,
    });
    const t = translator("el", "Europe/Athens");
    const lines = text.split("\n");
    expect(lines[0]).toBe(
      "Επιστροφή χρημάτων σε πελάτη (έκδοση 3)".replace("Επιστροφή χρημάτων σε πελάτη", el.meta.title.trim()),
    );
    expect(lines[1]).toBe(
      `Έναρξη: ${t.date(startedAt, { dateStyle: "medium", timeStyle: "short" })} · Διάρκεια: 1 λεπ. 5 δευτ.`,
    );
    for (const heading of ["Στοιχεία", "Αποφάσεις", "Έλεγχοι", "Κλιμακώσεις", "Σημειώσεις"])
      expect(lines).toContain(heading);
    const escalation = s.escalations[0];
    expect(text).toContain(
      `- ${t.time(escalation.at, { timeStyle: "short" })} προς ` +
        `Υπεύθυνη βάρδιας: Ο πελάτης ζήτησε προϊστάμενο (βήμα 7. `,
    );
    expect(text).toContain("Θα ξανακαλέσει (πρόχειρο, δεν προστέθηκε)");
    expect(text).toContain("(μετάβαση στο βήμα 6. Έκδοση της επιστροφής χρημάτων)");
    expect(text).not.toMatch(/UTC|Steps|Duration/);
  });

  it("Persian: Persian digits, Persian words", () => {
    const done = replay(el, [
      ...base,
      f.make("completed", { outcome: "follow-up", followUpDue: "2099-01-02T14:30", wrapUp: "" }),
    ]);
    const text = buildWrapUp(el, done, { lang: "fa", timeZone: "Asia/Tehran", versionNumber: 12 });
    expect(text.split("\n")[0]).toBe(`${el.meta.title.trim()} (نسخهٔ ۱۲)`);
    expect(text).toContain("نتیجه: نیاز به پیگیری، پیگیری تا ");
    expect(text).toContain("مراحل: ۳ از ۵ مرحلهٔ لازم انجام شد؛ ۲ انجام نشد: ");
    expect(text).toContain("\nجزئیات\n");
  });

  it("a discarded run says so", () => {
    const d = replay(el, [f.started(el), f.make("discarded", { reason: "Wrong procedure" })]);
    expect(buildWrapUp(el, d)).toContain("\nDiscarded: Wrong procedure");
    expect(buildWrapUp(el, replay(el, [f.started(el), f.make("discarded", {})]), { lang: "it" })).toContain(
      "\nScartata: avviata per errore",
    );
  });
});

describe("labels and follow-up due values", () => {
  it("outcomes, channels, flag kinds and statuses in each language, English by default", () => {
    expect(outcomeLabel("follow-up")).toBe("follow-up");
    expect(outcomeLabel("follow-up", "lt")).toBe("reikia susisiekti vėliau");
    expect(outcomeLabel("something-else", "fa")).toBe("something-else");
    expect(channelLabel("in-person", "it")).toBe("di persona");
    expect(flagKindLabel("missing-case")).toBe("missing case");
    expect(flagKindLabel("outdated", "el")).toBe("παρωχημένο");
    expect(stepStatusLabel("not-needed")).toBe("not needed");
    expect(stepStatusLabel("not-needed", "fa")).toBe("لازم نیست");
  });

  it("followUpTiming: dates by the viewer's day, local times by the viewer's clock, offsets as instants", () => {
    const now = Date.UTC(2026, 11, 1, 22, 30); // 2026-12-01 22:30 UTC = 2026-12-02 00:30 in Athens
    expect(followUpTiming("2026-12-01", now, "UTC")).toBe("today");
    expect(followUpTiming("2026-12-01", now, "Europe/Athens")).toBe("overdue");
    expect(followUpTiming("2026-12-02", now, "Europe/Athens")).toBe("today");
    expect(followUpTiming("2026-12-03", now, "UTC")).toBe("upcoming");
    expect(followUpTiming("2026-12-01T22:00", now, "UTC")).toBe("overdue");
    expect(followUpTiming("2026-12-01T23:00", now, "UTC")).toBe("today");
    expect(followUpTiming("2026-12-02T09:00", now, "Europe/Athens")).toBe("today");
    expect(followUpTiming("2026-12-01T23:00Z", now, "Europe/Athens")).toBe("today");
    expect(followUpTiming("2026-12-02T00:00+02:00", now, "UTC")).toBe("overdue");
    expect(followUpTiming("soon", now)).toBeNull();
    expect(followUpDay("2026-12-01T23:30Z", "Europe/Athens")).toBe("2026-12-02");
    expect(
      ["2026-12-02T09:00", "2026-12-02", "2026-12-01T23:30+00:00", "x"].sort((a, b) => compareFollowUpDue(a, b, "UTC")),
    ).toEqual(["2026-12-01T23:30+00:00", "2026-12-02", "2026-12-02T09:00", "x"]);
  });

  it("formatFollowUpDue: in the viewer's language; a date never shifts by a day", () => {
    expect(formatFollowUpDue("2026-12-01", "en", "Pacific/Honolulu")).toBe(
      translator("en").date(Date.UTC(2026, 11, 1), { dateStyle: "medium", timeZone: "UTC" }),
    );
    expect(formatFollowUpDue("2026-12-01", "en", "Pacific/Honolulu")).toContain("1");
    expect(formatFollowUpDue("2026-12-01T14:30", "en-GB")).toMatch(/14:30|2:30/);
    expect(formatFollowUpDue("2026-12-01T14:30Z", "el", "Europe/Athens")).toMatch(/4:30|16:30/);
    expect(formatFollowUpDue("whenever")).toBe("whenever");
  });
});

describe("timeline: new events", () => {
  it("describes discards; leaves note drafts out unless asked", () => {
    const f = new EventFactory();
    const events = [
      f.started(el),
      f.make("note.drafted", { text: "Call back" }),
      f.make("discarded", { reason: "Wrong SOP" }),
    ];
    expect(
      timeline(el, events)
        .map((e) => e.text)
        .slice(1),
    ).toEqual(["Run discarded: Wrong SOP"]);
    expect(
      timeline(el, events, { drafts: true })
        .map((e) => e.text)
        .slice(1),
    ).toEqual(["Note typed (not added): Call back", "Run discarded: Wrong SOP"]);
  });
});
