import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSop } from "../sop-schema/parse";
import type { FieldDef } from "../sop-schema/types";
import { initialState, type RunState } from "./state";
import { normaliseFieldValue } from "./text";
import { reduce, replay } from "./reduce";
import { stepCompletionProblem, validateEvent, validateFieldValue } from "./validate";
import { EventFactory } from "./test-helpers";

const load = (name: string) =>
  parseSop(readFileSync(new URL(`../content/sops/${name}.mdx`, import.meta.url), "utf8"), { filename: `${name}.mdx` });
const refund = load("refund-and-return");
const outage = load("internet-outage-troubleshooting");

/**
 * `[[text]]` → text inside Unicode first-strong isolates (U+2068 … U+2069), as the engine wraps author and user text.
 */
const iso = (s: string) => s.replace(/\[\[/g, "\u2068").replace(/\]\]/g, "\u2069");

function field(over: Partial<FieldDef>): FieldDef {
  return {
    name: "f",
    label: "Order number",
    type: "text",
    required: false,
    stepId: "s",
    position: { line: 1, column: 1 },
    ...over,
  };
}

describe("validateFieldValue", () => {
  it("uses the field's help when the pattern fails", () => {
    const f = refund.fields.find((x) => x.name === "order_number")!;
    expect(validateFieldValue(f, "ab12")).toBe(
      iso("Enter the [[order number]]: [[two letters and six digits, e.g. AB123456]]."),
    );
    expect(validateFieldValue(f, "AB123456")).toBeNull();
    expect(validateFieldValue(f, "  AB123456 ")).toBeNull();
  });

  it("keeps acronyms in labels and help texts", () => {
    const f = refund.fields.find((x) => x.name === "rma_number")!;
    expect(validateFieldValue(f, "123")).toBe(
      iso("Enter the [[RMA number]]: [[RMA followed by seven digits, e.g. RMA0012345]]."),
    );
    const acc = outage.fields.find((x) => x.name === "account_number")!;
    expect(validateFieldValue(acc, "12")).toBe(iso("Enter the [[account number]]: [[AC followed by eight digits]]."));
  });

  it("without help, says the format is wrong in plain words", () => {
    expect(validateFieldValue(field({ pattern: "^[0-9]{6}$" }), "12")).toBe(
      iso("The [[order number]] is not in the expected format. Check it with the customer."),
    );
  });

  it("ignores a broken pattern instead of blocking the agent", () => {
    expect(validateFieldValue(field({ pattern: "([" }), "anything")).toBeNull();
  });

  it(
    "ignores a pattern the linear-time engine cannot run " + "(backreference, lookahead) instead of blocking the agent",
    () => {
      expect(validateFieldValue(field({ pattern: "^(a)\\1$" }), "ab")).toBeNull();
      expect(validateFieldValue(field({ pattern: "^(?=[A-Z])" }), "abc")).toBeNull();
    },
  );

  // With the backtracking engine (new RegExp) this takes far longer than the timeout: 2^5000 paths.
  it("runs catastrophic patterns in linear time: ^(a+)+$ against 5,000 a's and a !", { timeout: 2_000 }, () => {
    const f = field({ pattern: "^(a+)+$" });
    expect(validateFieldValue(f, `${"a".repeat(5000)}!`)).toBe(
      iso("The [[order number]] is not in the expected format. Check it with the customer."),
    );
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
    expect(validateFieldValue(field({ required: true }), "")).toBe(iso("Enter the [[order number]]."));
    expect(validateFieldValue(field({ required: true }), "   ")).toBe(iso("Enter the [[order number]]."));
    expect(validateFieldValue(field({ required: false }), "")).toBeNull();
    expect(
      validateFieldValue(field({ required: true, type: "select", label: "Return reason", options: ["A"] }), ""),
    ).toBe(iso("Choose the [[return reason]]."));
    expect(validateFieldValue(field({ required: true, type: "yes-no", label: "Router back online?" }), "")).toBe(
      iso("Answer “[[Router back online?]]”: yes or no."),
    );
  });

  it("number", () => {
    const f = field({ type: "number", label: "Refund amount" });
    for (const ok of ["42", "19.99", "-3", "0,5", "+7", ".5"]) expect(validateFieldValue(f, ok)).toBeNull();
    for (const bad of ["abc", "1.2.3", "12 EUR", "1e3"]) {
      expect(validateFieldValue(f, bad)).toBe(iso("Enter the [[refund amount]] as a number, e.g. 42 or 19.99."));
    }
  });

  it("date", () => {
    const f = field({ type: "date", label: "Engineer appointment date" });
    expect(validateFieldValue(f, "2025-03-31")).toBeNull();
    expect(validateFieldValue(f, "2024-02-29")).toBeNull();
    expect(validateFieldValue(f, "31/03/2025")).toBe(
      iso("Enter the [[engineer appointment date]] as a date, e.g. 2025-03-31."),
    );
    expect(validateFieldValue(f, "2025-02-29")).toBe(
      iso("[[2025-02-29]] is not a real date. Check the [[engineer appointment date]]."),
    );
    expect(validateFieldValue(f, "2025-13-01")).toBe(
      iso("[[2025-13-01]] is not a real date. Check the [[engineer appointment date]]."),
    );
  });

  it("email", () => {
    const f = field({ type: "email", label: "E-mail for the label" });
    expect(validateFieldValue(f, "jane@example.com")).toBeNull();
    for (const bad of ["jane", "jane@", "jane@example", "ja ne@example.com", "@example.com"]) {
      expect(validateFieldValue(f, bad)).toBe(
        iso("Enter the [[e-mail for the label]] as an e-mail address, e.g. name@example.com."),
      );
    }
  });

  it("phone: digits, spaces, +, -, () and 6..20 digits", () => {
    const f = field({ type: "phone", label: "Mobile number" });
    for (const ok of ["+44 7700 900123", "(020) 7946-0958", "123456", "1".repeat(20)])
      expect(validateFieldValue(f, ok)).toBeNull();
    expect(validateFieldValue(f, "07700 ext 1")).toBe(
      iso("Enter the [[mobile number]] with digits only (spaces, +, - and brackets are fine)."),
    );
    expect(validateFieldValue(f, "12345")).toBe(iso("The [[mobile number]] is too short: it needs at least 6 digits."));
    expect(validateFieldValue(f, "1".repeat(21))).toBe(iso("The [[mobile number]] is too long: at most 20 digits."));
  });

  it("select: one of the options, listed when there are few", () => {
    const few = field({ type: "select", label: "Slot", options: ["Morning", "Afternoon"] });
    expect(validateFieldValue(few, "Morning")).toBeNull();
    expect(validateFieldValue(few, "Evening")).toBe(
      iso("Choose the [[slot]] from the list: [[Morning]], [[Afternoon]]."),
    );
    const many = refund.fields.find((x) => x.name === "return_reason")!;
    expect(validateFieldValue(many, "Faulty or DOA")).toBeNull();
    expect(validateFieldValue(many, "faulty")).toBe(iso("Choose the [[return reason]] from the list."));
  });

  it("yes-no", () => {
    const f = field({ type: "yes-no", label: "Internet light green?" });
    expect(validateFieldValue(f, "yes")).toBeNull();
    expect(validateFieldValue(f, "no")).toBeNull();
    expect(validateFieldValue(f, "maybe")).toBe(iso("Answer “[[Internet light green?]]” with yes or no."));
  });

  it("checks the type before the pattern", () => {
    const f = field({ type: "email", label: "E-mail", pattern: "@example\\.com$", help: "Company addresses only" });
    expect(validateFieldValue(f, "nope")).toMatch(/as an e-mail address/);
    expect(validateFieldValue(f, "a@other.org")).toBe(iso("Enter the [[e-mail]]: [[company addresses only]]."));
  });
});

describe("validateEvent", () => {
  const ev = new EventFactory();
  const started = ev.started(refund);
  const s0 = initialState(refund, started);

  const cases: [string, object, string][] = [
    ["a malformed event", { id: "nope", at: 1, type: "note.added", text: "x" }, "The event id must be a UUID."],
    [
      "an unknown type",
      { id: ev.make("note.added", { text: "x" }).id, at: 1, type: "dance" },
      "Unknown event type “dance”.",
    ],
    ["a second start", ev.started(refund), "This call has already started."],
    ["an unknown step", ev.make("step.focused", { stepId: "nope" }), "This SOP has no step “nope”."],
    [
      "an unknown check",
      ev.make("check.toggled", { checkId: "nope", checked: true }),
      "This SOP has no checklist item “nope”.",
    ],
    ["an unknown field", ev.make("field.captured", { name: "nope", value: "x" }), "This SOP has no field “nope”."],
    [
      "an unknown flow",
      ev.make("flow.answered", { flowId: "nope", nodeId: "a", to: "b" }),
      "This SOP has no decision flow “nope”.",
    ],
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
      "“Was it delivered within the last 30 days?” is not on the path taken. " +
        "Answer the current step of the flow, or change an earlier answer.",
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
      iso("Enter the [[e-mail for the label]] as an e-mail address, e.g. name@example.com."),
    ],
    [
      "completing a step with required fields missing",
      ev.make("step.completed", { stepId: "find-order" }),
      iso("To complete this step, enter the [[customer's name]] (and 2 more fields)."),
    ],
    [
      "an escalation from an unknown step",
      ev.make("escalated", { to: "Lead", reason: "r", stepId: "nope" }),
      "This SOP has no step “nope”.",
    ],
    [
      "a flag on an unknown step",
      ev.make("step.flagged", { stepId: "nope", kind: "wrong", text: "t" }),
      "This SOP has no step “nope”.",
    ],
    [
      "closing a follow-up of an active run",
      ev.make("followup.closed", { note: "done" }),
      "Wrap up the call before closing its follow-up.",
    ],
    [
      "a skip without a reason",
      { ...ev.make("step.skipped", { stepId: "reason", reason: "x" }), reason: "  " },
      "The reason for skipping is empty.",
    ],
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
    expect(
      validateEvent(refund, s0, ev.make("step.skipped", { stepId: "reason", reason: "Already known" })),
    ).toBeNull();
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
      iso("To complete this step, enter the [[item being returned (SKU or description)]]."),
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
    expect(validateEvent(refund, s, f.make("followup.closed", { note: "n" }))).toBe(
      "This call has no follow-up to close.",
    );
  });

  it("refuses closing a follow-up twice", () => {
    const f = new EventFactory();
    const s = replay(refund, [
      f.started(refund),
      f.make("completed", { outcome: "follow-up", followUpDue: "2099-01-01", wrapUp: "" }),
      f.make("followup.closed", { note: "Refund arrived" }),
    ]);
    expect(validateEvent(refund, s, f.make("followup.closed", { note: "again" }))).toBe(
      "This follow-up is already closed.",
    );
  });

  it("refuses an answer that is not an outgoing edge of a question, and a flow that has ended", () => {
    const f = new EventFactory();
    const s = replay(refund, [
      f.started(refund),
      f.make("flow.answered", { flowId: "return-eligibility", nodeId: "start", to: "our-fault" }),
    ]);
    expect(
      validateEvent(
        refund,
        s,
        f.make("flow.answered", { flowId: "return-eligibility", nodeId: "our-fault", to: "accepts" }),
      ),
    ).toBe(
      "“Does the customer accept the explanation?” is not an answer to " +
        "“Is it faulty, damaged, not as described or the wrong item?”.",
    );
    expect(
      validateEvent(
        refund,
        s,
        f.make("flow.answered", { flowId: "return-eligibility", nodeId: "our-fault", to: "issue", label: "Maybe" }),
      ),
    ).toBe("“Maybe” is not an answer to “Is it faulty, damaged, not as described or the wrong item?”.");
    const ended = reduce(
      refund,
      s,
      f.make("flow.answered", { flowId: "return-eligibility", nodeId: "our-fault", to: "issue" }),
    );
    expect(
      validateEvent(
        refund,
        ended,
        f.make("flow.answered", { flowId: "return-eligibility", nodeId: "issue", to: "days" }),
      ),
    ).toBe("The flow ends at “Issue the RMA”: there is no next step.");
  });
});

describe("issue 16: localised, isolated, 'correct' when entered but invalid", () => {
  const fa = load("fa-peygiri-sefaresh");
  const el = load("el-epistrofi-chrimaton");

  it("the banner says correct (not enter) when a value is entered but invalid", () => {
    const f = new EventFactory();
    const s = replay(refund, [
      f.started(refund),
      f.make("field.captured", { name: "customer_name", value: "Jane" }),
      { ...f.make("field.captured", { name: "order_number", value: "AB123456" }) },
    ]);
    // an invalid stored value (e.g. from before a pattern changed) reaches the check through state
    const bad = { ...s, fields: { ...s.fields, order_number: { value: "AB12", at: 1 } } };
    expect(validateEvent(refund, bad, f.make("step.completed", { stepId: "find-order" }))).toBe(
      iso(
        "To complete this step, correct the [[order number]]: [[two " +
          "letters and six digits, e.g. AB123456]] (and 1 more field).",
      ),
    );
    expect(stepCompletionProblem(refund, bad, "find-order")).toBe(
      validateEvent(refund, bad, f.make("step.completed", { stepId: "find-order" })),
    );
    const g = new EventFactory();
    const e = replay(el, [
      g.started(el),
      g.make("field.captured", { name: "refund_reason", value: "Επιστροφή προϊόντος" }),
      g.make("field.captured", { name: "payment_method", value: "Κάρτα" }),
    ]);
    const amount = { ...e, fields: { ...e.fields, refund_amount: { value: "δέκα", at: 1 } } };
    expect(stepCompletionProblem(el, amount, "stoixeia")).toBe(
      iso("To complete this step, correct the [[ποσό επιστροφής σε ευρώ]]: it must be a number, e.g. 42 or 19.99."),
    );
    expect(stepCompletionProblem(el, amount, "stoixeia", "el")).toBe(
      iso(
        "Για να ολοκληρώσετε αυτό το βήμα, διορθώστε το πεδίο «[[Ποσό " +
          "επιστροφής σε ευρώ]]»: πρέπει να είναι αριθμός, π.χ. 42 ή 19,99.",
      ),
    );
    expect(stepCompletionProblem(refund, s, "nope")).toBeNull();
    // in the app the invalid value is refused by field.captured: the screen passes what the input holds
    const refused = replay(refund, [
      f.started(refund),
      f.make("field.captured", { name: "customer_name", value: "Jane" }),
    ]);
    const typed = { order_number: "AB12" };
    expect(
      validateEvent(refund, refused, f.make("field.captured", { name: "order_number", value: "AB12" })),
    ).not.toBeNull();
    expect(stepCompletionProblem(refund, refused, "find-order")).toMatch(
      /^To complete this step, enter the \u2068order number\u2069/,
    );
    expect(stepCompletionProblem(refund, refused, "find-order", "en", typed)).toBe(
      iso(
        "To complete this step, correct the [[order number]]: [[two " +
          "letters and six digits, e.g. AB123456]] (and 1 more field).",
      ),
    );
  });

  it("speaks the agent's language, with plurals", () => {
    const f = new EventFactory();
    const s = initialState(el, f.started(el));
    expect(stepCompletionProblem(el, s, "taftopoiisi", "el")).toBe(
      iso("Για να ολοκληρώσετε αυτό το βήμα, συμπληρώστε το πεδίο «[[Προσφώνηση πελάτη]]» (και 1 ακόμη πεδίο)."),
    );
    expect(stepCompletionProblem(el, s, "stoixeia", "lt")).toBe(
      iso("Kad užbaigtumėte šį žingsnį, pasirinkite „[[Λόγος επιστροφής χρημάτων]]“ (ir dar 2 laukus)."),
    );
    const amount = el.fields.find((x) => x.name === "refund_amount")!;
    expect(validateFieldValue(amount, "dieci", "it")).toBe(
      iso("Il campo «[[Ποσό επιστροφής σε ευρώ]]» vuole un numero, ad es. 42 o 19,99."),
    );
    const s2 = initialState(fa, f.started(fa));
    expect(stepCompletionProblem(fa, s2, "pazirsh", "fa")).toBe(
      iso("برای تکمیل این مرحله، «[[نام مشتری]]» را وارد کنید (و ۲ فیلد دیگر)."),
    );
  });

  it("isolates author and user text so mixed directions are not jumbled", () => {
    const order = fa.fields.find((x) => x.name === "order_number")!;
    const message = validateFieldValue(order, "12")!;
    // an English sentence around a Persian label and help: each inside U+2068 … U+2069
    expect(message).toBe("Enter the \u2068شمارهٔ سفارش\u2069: \u2068دو حرف لاتین بزرگ و شش رقم، مثلاً IR123456\u2069.");
    const date = field({ type: "date", label: "Date" });
    expect(validateFieldValue(date, "2025-02-30", "fa")).toBe(
      "\u20682025-02-30\u2069 تاریخ معتبری نیست. «\u2068Date\u2069» را بررسی کنید.",
    );
  });

  it("accepts Persian and Arabic-Indic digits in number, phone, date and pattern fields", () => {
    const mobile = fa.fields.find((x) => x.name === "mobile_number")!;
    expect(validateFieldValue(mobile, "۰۹۱۲ ۳۴۵ ۶۷۸۹")).toBeNull(); // was: "with digits only"
    expect(validateFieldValue(mobile, "٠٩١٢٣٤٥٦٧٨٩")).toBeNull();
    expect(validateFieldValue(mobile, "۱۲۳")).toBe(
      iso("The [[شمارهٔ همراه ثبت‌شده]] is too short: it needs at least 6 digits."),
    );
    expect(validateFieldValue(field({ type: "number", label: "Amount" }), "۱۹٫۹۹")).toBeNull();
    expect(validateFieldValue(field({ type: "date", label: "Date" }), "۲۰۲۵-۰۳-۳۱")).toBeNull();
    expect(
      validateFieldValue(
        fa.fields.find((x) => x.name === "order_number")!,
        "IR۱۲۳۴۵۶",
      ),
    ).toBeNull();
    expect(normaliseFieldValue(mobile, "۰۹۱۲ ")).toBe("0912 ");
    expect(normaliseFieldValue(field({ type: "text" }), "۱۲")).toBe("۱۲"); // free text stays as typed
    expect(normaliseFieldValue(field({ type: "text", pattern: "^[0-9]+$" }), "۱۲")).toBe("12");
    expect(normaliseFieldValue(field({ type: "email" }), "a۱@b.c")).toBe("a۱@b.c");
  });

  it("ignoreCase: the pattern matches letters in either case", () => {
    const rma = field({
      label: "RMA number",
      pattern: "^RMA[0-9]{7}$",
      ignoreCase: true,
      help: "RMA and seven digits",
    });
    expect(validateFieldValue(rma, "rma0012345")).toBeNull();
    expect(validateFieldValue(rma, "Rma0012345")).toBeNull();
    expect(validateFieldValue(rma, "rmb0012345")).toBe(iso("Enter the [[RMA number]]: [[RMA and seven digits]]."));
    const strict = { ...rma, ignoreCase: undefined };
    delete strict.ignoreCase;
    expect(validateFieldValue(strict, "rma0012345")).not.toBeNull();
    expect(validateFieldValue(field({ pattern: "^ά+$", ignoreCase: true }), "ΆΆ")).toBeNull();
  });
});
