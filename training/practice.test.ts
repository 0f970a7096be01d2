import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { replay } from "../runbook/reduce";
import type { RunEvent } from "../runbook/events";
import type { RunState } from "../runbook/state";
import { EventFactory } from "../runbook/test-helpers";
import type { Scenario } from "../sop-schema/types";
import { PRACTICE_WEIGHTS, practiceFeedback, sameFieldValue, scorePracticeRun, type PracticeScore } from "./practice";
import { cardDoc as doc, cardScenario as scenario } from "./test-doc";

/** Without the bidi isolates the labels carry (so assertions read as plain sentences). */
const plain = (s: string) => s.replace(/[\u2068\u2069]/g, "");

type Mistakes = {
  /** answer the flow question "No" instead of "Yes" */
  path?: boolean;
  /** leave the flow at the question, unanswered (doing step 3 by hand) */
  unanswered?: boolean;
  account?: string;
  phone?: string;
  /** leave the "Summarise the call" check unticked */
  check?: boolean;
  escalateTo?: string;
  outcome?: "resolved" | "escalated" | "transferred" | "abandoned";
  /** seconds from start to wrap-up (default 60) */
  seconds?: number;
  /** stop before the wrap-up */
  unfinished?: boolean;
};

function run(m: Mistakes = {}): RunState {
  const f = new EventFactory();
  const events: RunEvent[] = [f.started(doc)];
  events.push(f.make("field.captured", { name: "account_number", value: m.account ?? "12345" }));
  events.push(f.make("field.captured", { name: "callback_phone", value: m.phone ?? "+447700900123" }));
  events.push(f.make("check.toggled", { checkId: "confirm-id", checked: true }));
  events.push(f.make("step.completed", { stepId: "verify" }));
  events.push(f.make("flow.answered", { flowId: "card", nodeId: "start", to: "blocked" }));
  if (!m.unanswered)
    events.push(f.make("flow.answered", { flowId: "card", nodeId: "blocked", to: m.path ? "to-wrap" : "to-unblock" }));
  if (!m.path) {
    events.push(f.make("field.captured", { name: "reason", value: "lost WALLET" }));
    events.push(f.make("check.toggled", { checkId: "unblocked", checked: true }));
    events.push(f.make("step.completed", { stepId: "unblock" }));
  }
  if (m.unanswered) events.push(f.make("step.skipped", { stepId: "status", reason: "Knew the answer" }));
  if (!m.check) events.push(f.make("check.toggled", { checkId: "summary", checked: true }));
  events.push(f.make("step.completed", { stepId: "wrap" }));
  if (m.escalateTo) events.push(f.make("escalated", { to: m.escalateTo, reason: "Customer asked" }));
  if (!m.unfinished) {
    const at = f.origin + (m.seconds ?? 60) * 1000;
    events.push({
      id: "00000000-0000-4000-8000-00000000ffff",
      type: "completed",
      at,
      outcome: m.outcome ?? "resolved",
      wrapUp: "",
    });
  }
  const state = replay(doc, events);
  expect(state.appliedEventIds).toHaveLength(events.length); // every event was valid: the run is what the test says
  return state;
}

function earned(s: PracticeScore): Record<string, number> {
  return Object.fromEntries(s.criteria.map((c) => [c.id, Math.round(c.earned * 100) / 100]));
}

const full = { path: 30, fields: 25, checks: 10, escalation: 15, outcome: 15, time: 5 };

describe("scorePracticeRun", () => {
  it("gives the right run 100, every item right", () => {
    const s = scorePracticeRun(doc, scenario, run(), { passScore: 80 });
    expect(s.score).toBe(100);
    expect(s.passed).toBe(true);
    expect(earned(s)).toEqual(full);
    expect(s.criteria.every((c) => c.items.every((i) => i.ok))).toBe(true);
    expect(practiceFeedback(s)).toEqual([]);
    // fields: the required account number and reason, the optional phone the customer gave (not the optional note)
    expect(s.criteria.find((c) => c.id === "fields")!.items.map((i) => plain(i.label))).toEqual([
      "You captured “Account number”.",
      "You captured “Callback number”.",
      "You captured “Why it was blocked”.",
    ]);
    expect(s.criteria.find((c) => c.id === "checks")!.items).toHaveLength(3);
  });

  it.each<[string, Mistakes, Partial<typeof full>, number, string[]]>([
    [
      "a wrong answer at the question",
      { path: true },
      { path: 0 },
      70,
      ["At “Is the card blocked?” you chose “No”; the customer's answer was “Yes”."],
    ],
    [
      "a question left unanswered",
      { unanswered: true },
      { path: 0 },
      70,
      ["You reached “Is the card blocked?” but did not answer it; the customer's answer was “Yes”."],
    ],
    [
      "a wrong account number",
      { account: "12346" },
      { fields: 25 * (2 / 3) },
      91,
      ["You captured “Account number” as “12346”; the customer gave “۱۲۳۴۵”."],
    ],
    [
      "a wrong phone number",
      { phone: "+44 7700 900124" },
      { fields: 25 * (2 / 3) },
      91,
      ["You captured “Callback number” as “+44 7700 900124”; the customer gave “+44 7700 900123”."],
    ],
    [
      "a check left unticked",
      { check: true },
      { checks: 10 * (2 / 3) },
      96,
      ["You did not tick “Summarise the call” (step 4, “Wrap up”)."],
    ],
    [
      "an escalation nobody needed",
      { escalateTo: "Supervisor" },
      { escalation: 0 },
      85,
      ["You escalated to “Supervisor”; this customer's situation did not call for an escalation."],
    ],
    [
      "the wrong outcome",
      { outcome: "transferred" },
      { outcome: 0 },
      85,
      ["You wrapped up the call as “transferred”; this situation called for “resolved”."],
    ],
    [
      "1.5× the handle-time target",
      { seconds: 450 },
      { time: 2.5 },
      97,
      ["You took 7 min 30 s; the target handle time is 5 min 0 s."],
    ],
    [
      "2× the target or more",
      { seconds: 900 },
      { time: 0 },
      95,
      ["You took 15 min 0 s; the target handle time is 5 min 0 s."],
    ],
  ])("%s loses only its criterion", (_name, mistakes, lost, score, feedback) => {
    const s = scorePracticeRun(doc, scenario, run(mistakes), { passScore: 80 });
    const expected = {
      ...full,
      ...Object.fromEntries(Object.entries(lost).map(([k, v]) => [k, Math.round(v * 100) / 100])),
    };
    expect(earned(s)).toEqual(expected);
    expect(s.score).toBe(score);
    expect(practiceFeedback(s).map(plain)).toEqual(feedback);
  });

  it("takes the time exactly at the target as full marks", () => {
    expect(scorePracticeRun(doc, scenario, run({ seconds: 300 }), { passScore: 80 }).score).toBe(100);
    expect(earned(scorePracticeRun(doc, scenario, run({ seconds: 301 }), { passScore: 80 })).time).toBe(4.98);
  });

  it("needs only the steps on the path taken: a wrong path does not also cost step 3's field and check", () => {
    const s = scorePracticeRun(doc, scenario, run({ path: true }), { passScore: 80 });
    expect(s.criteria.find((c) => c.id === "fields")!.items).toHaveLength(2);
    expect(s.criteria.find((c) => c.id === "checks")!.items.map((i) => plain(i.label))).toEqual([
      "You ticked “Confirm identity”.",
      "You ticked “Summarise the call”.",
    ]);
  });

  it("reports a required field not captured, and a question never reached", () => {
    const f = new EventFactory();
    const state = replay(doc, [
      f.started(doc),
      {
        id: "00000000-0000-4000-8000-00000000ffff",
        type: "completed",
        at: f.origin + 10_000,
        outcome: "resolved",
        wrapUp: "",
      },
    ]);
    const s = scorePracticeRun(doc, scenario, state, { passScore: 80 });
    const feedback = practiceFeedback(s).map(plain);
    expect(feedback).toContain("You never reached “Is the card blocked?”; the customer's answer there was “Yes”.");
    expect(feedback).toContain("You did not capture “Account number”; the customer gave “۱۲۳۴۵”.");
    expect(feedback).toContain("You did not tick “Confirm identity” (step 1, “Verify the caller”).");
    expect(s.criteria.find((c) => c.id === "path")!.items[0]).toMatchObject({
      ok: false,
      expected: "Yes",
      got: "not reached",
    });
    // path 0, fields 0 (account, phone, reason), checks 0 (3 unticked), escalation 15, outcome 15, time 5
    expect(s.score).toBe(35);
  });

  it("matches the expected escalation target without case", () => {
    const sc: Scenario = { ...scenario, expect: { outcome: "escalated", escalate: true, escalateTo: "Supervisor" } };
    const ok = scorePracticeRun(doc, sc, run({ escalateTo: "  SUPERVISOR ", outcome: "escalated" }), { passScore: 80 });
    expect(ok.score).toBe(100);
    const wrong = scorePracticeRun(doc, sc, run({ escalateTo: "Team lead", outcome: "escalated" }), { passScore: 80 });
    expect(earned(wrong).escalation).toBe(0);
    expect(practiceFeedback(wrong).map(plain)).toEqual([
      "You escalated to “Team lead”; this situation called for “Supervisor”.",
    ]);
    const none = scorePracticeRun(doc, sc, run({ outcome: "escalated" }), { passScore: 80 });
    expect(practiceFeedback(none).map(plain)).toEqual([
      "This customer's situation called for an escalation to “Supervisor”, and you did not escalate.",
    ]);
    const anyone = scorePracticeRun(
      doc,
      { ...sc, expect: { outcome: "escalated", escalate: true } },
      run({ escalateTo: "Team lead", outcome: "escalated" }),
      { passScore: 80 },
    );
    expect(anyone.score).toBe(100);
  });

  it("drops a criterion with nothing to check and scales the rest to 100", () => {
    const noFlow: Scenario = { ...scenario, answers: scenario.answers.filter((a) => a.kind !== "flow") };
    const right = scorePracticeRun(doc, noFlow, run(), { passScore: 80 });
    expect(right.criteria.map((c) => c.id)).toEqual(["fields", "checks", "escalation", "outcome", "time"]);
    expect(right.score).toBe(100);
    // the outcome's 15 of the remaining 70
    expect(scorePracticeRun(doc, noFlow, run({ outcome: "transferred" }), { passScore: 80 }).score).toBe(
      Math.floor((55 * 100) / 70),
    );
    const noTarget = { ...doc, meta: { ...doc.meta, targets: { handleTime: "", handleTimeSeconds: 0 } } };
    expect(
      scorePracticeRun(noTarget, scenario, run({ seconds: 5000 }), { passScore: 80 }).criteria.map((c) => c.id),
    ).not.toContain("time");
  });

  it("ignores scenario answers at flows or nodes the SOP does not have", () => {
    const broken: Scenario = {
      ...scenario,
      answers: [
        ...scenario.answers,
        { kind: "flow", flowId: "card", nodeId: "ghost", choose: "Yes", position: { line: 1, column: 1 } },
      ],
    };
    expect(
      scorePracticeRun(doc, broken, run(), { passScore: 80 }).criteria.find((c) => c.id === "path")!.items,
    ).toHaveLength(1);
  });

  it("scores an unfinished or discarded run 0 with one item saying so", () => {
    const s = scorePracticeRun(doc, scenario, run({ unfinished: true }), { passScore: 0 });
    expect(s).toMatchObject({ score: 0, passed: false });
    expect(practiceFeedback(s)).toEqual(["You did not wrap up the call: finish it with an outcome to get a score."]);
    const discarded = { ...run({ unfinished: true }), status: "discarded" as const, discardedAt: 1 };
    expect(practiceFeedback(scorePracticeRun(doc, scenario, discarded, { passScore: 0 }))[0]).toMatch(/discarded/);
  });

  describe("in the interface language", () => {
    const persianDigits = /[\u06F0-\u06F9]/;

    it("writes Persian sentences, with Persian digits and the author's text still isolated", () => {
      const s = scorePracticeRun(doc, scenario, run({ check: true, seconds: 450, outcome: "transferred" }), {
        passScore: 80,
        lang: "fa",
      });
      // the same score as in English: only the words change
      expect(s.score).toBe(
        scorePracticeRun(doc, scenario, run({ check: true, seconds: 450, outcome: "transferred" }), { passScore: 80 })
          .score,
      );
      const feedback = practiceFeedback(s);
      expect(feedback.map(plain)).toEqual([
        "«Summarise the call» را تیک نزدید (گام ۴، «Wrap up»).",
        "تماس را با نتیجهٔ «منتقل شد» بستید؛ این وضعیت نتیجهٔ «حل شد» را می‌طلبید.",
        "۷ دقیقه ۳۰ ثانیه طول کشید؛ هدف زمان رسیدگی ۵ دقیقه ۰ ثانیه است.",
      ]);
      expect(feedback[0]).toContain("\u2068Summarise the call\u2069");
      expect(feedback[2]).toMatch(persianDigits);
      expect(feedback[2]).not.toMatch(/[0-9]/);
      const right = s.criteria.find((c) => c.id === "fields")!.items.map((i) => plain(i.label));
      expect(right).toEqual([
        "«Account number» را ثبت کردید.",
        "«Callback number» را ثبت کردید.",
        "«Why it was blocked» را ثبت کردید.",
      ]);
    });

    it("writes Greek sentences, quoting author text with the language's marks", () => {
      const s = scorePracticeRun(doc, scenario, run({ path: true, escalateTo: "Supervisor" }), {
        passScore: 80,
        lang: "el",
      });
      expect(practiceFeedback(s).map(plain)).toEqual([
        "Στο «Is the card blocked?» επιλέξατε «No»· η απάντηση του πελάτη ήταν «Yes».",
        "Κάνατε κλιμάκωση σε «Supervisor»· η κατάσταση αυτού του πελάτη δεν απαιτούσε κλιμάκωση.",
      ]);
      const time = s.criteria.find((c) => c.id === "time")!.items[0];
      expect(plain(time.label)).toBe(
        "Χρειαστήκατε 1 λεπ. 0 δευτ., μέσα στον στόχο των 5 λεπ. 0 δευτ. για τον χρόνο χειρισμού.",
      );
      const sc: Scenario = { ...scenario, expect: { outcome: "escalated", escalate: true, escalateTo: "Supervisor" } };
      const wrong = scorePracticeRun(doc, sc, run({ escalateTo: "Team lead", outcome: "escalated" }), {
        passScore: 80,
        lang: "el",
      });
      expect(practiceFeedback(wrong).map(plain)).toEqual([
        "Κάνατε κλιμάκωση σε «Team lead»· η κατάσταση απαιτούσε «Supervisor».",
      ]);
      expect(
        practiceFeedback(scorePracticeRun(doc, scenario, run({ unfinished: true }), { passScore: 0, lang: "el" })),
      ).toEqual(["Δεν ολοκληρώσατε την κλήση: κλείστε τη με μια έκβαση για να πάρετε βαθμολογία."]);
    });

    it("falls back to English for a language without a catalog", () => {
      const en = scorePracticeRun(doc, scenario, run({ path: true }), { passScore: 80 });
      expect(scorePracticeRun(doc, scenario, run({ path: true }), { passScore: 80, lang: "de" })).toEqual(en);
      expect(scorePracticeRun(doc, scenario, run({ path: true }), { passScore: 80, lang: null })).toEqual(en);
    });
  });

  it("passes at the pass score", () => {
    expect(scorePracticeRun(doc, scenario, run({ escalateTo: "x" }), { passScore: 85 }).passed).toBe(true);
    expect(scorePracticeRun(doc, scenario, run({ escalateTo: "x" }), { passScore: 86 }).passed).toBe(false);
  });

  it("adds up independent mistakes exactly (property)", () => {
    fc.assert(
      fc.property(
        fc.record({
          path: fc.boolean(),
          account: fc.boolean(),
          check: fc.boolean(),
          escalate: fc.boolean(),
          outcome: fc.boolean(),
          seconds: fc.integer({ min: 10, max: 800 }),
        }),
        (m) => {
          const s = scorePracticeRun(
            doc,
            scenario,
            run({
              path: m.path,
              account: m.account ? "999" : undefined,
              check: m.check,
              escalateTo: m.escalate ? "Supervisor" : undefined,
              outcome: m.outcome ? "abandoned" : undefined,
              seconds: m.seconds,
            }),
            { passScore: 80 },
          );
          // On the "No" path step 3 is not needed: fields are account + phone, checks confirm-id + summary.
          const fieldItems = m.path ? 2 : 3;
          const checkItems = m.path ? 2 : 3;
          const time = m.seconds <= 300 ? 1 : m.seconds >= 600 ? 0 : (600 - m.seconds) / 300;
          const total =
            (m.path ? 0 : 30) +
            (25 * (fieldItems - (m.account ? 1 : 0))) / fieldItems +
            (10 * (checkItems - (m.check ? 1 : 0))) / checkItems +
            (m.escalate ? 0 : 15) +
            (m.outcome ? 0 : 15) +
            5 * time;
          expect(s.score).toBe(Math.floor(total + 1e-9));
          expect(s.passed).toBe(s.score >= 80);
          for (const c of s.criteria) {
            expect(c.weight).toBe(PRACTICE_WEIGHTS[c.id]);
            expect(c.earned).toBeGreaterThanOrEqual(0);
            expect(c.earned).toBeLessThanOrEqual(c.weight);
          }
          const wrong = s.criteria.flatMap((c) => c.items.filter((i) => !i.ok));
          expect(practiceFeedback(s)).toHaveLength(wrong.length);
          expect(wrong.length === 0).toBe(s.score === 100);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("sameFieldValue", () => {
  it.each<[Parameters<typeof sameFieldValue>[0]["type"], string, string, boolean]>([
    ["number", "12345", "۱۲۳۴۵", true],
    ["number", "12.50", "12.5", true],
    ["number", "12", "13", false],
    ["phone", "+44 7700 900123", "+447700900123", true],
    ["phone", "07700 900123", "+447700900123", false],
    ["text", "Lost  Wallet", "lost wallet.", true],
    ["email", "Jane@Example.com", "jane@example.com", true],
    ["yes-no", "Yes", "yes", true],
  ])("%s: %j vs %j → %s", (type, captured, expected, same) => {
    expect(sameFieldValue({ type }, captured, expected)).toBe(same);
  });
});
