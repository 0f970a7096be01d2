// The whole path on a parsed SOP: the parser's quiz and scenario, graded and scored, then certification.
import { describe, expect, it } from "vitest";
import { replay } from "../runbook/reduce";
import type { RunEvent } from "../runbook/events";
import { EventFactory } from "../runbook/test-helpers";
import { parseSop } from "../sop-schema/parse";
import { certificateExpiry, requirementsOf, trainingStatus, type Evidence } from "./certification";
import { gradeQuiz, parseQuizSubmission } from "./quiz";
import { scorePracticeRun } from "./practice";

const SOURCE = `---
id: blocked-card
title: Blocked card
department: Cards
purpose: Help a customer whose card is blocked.
targets:
  handleTime: 5m
training:
  practice: 1
  passScore: 80
  recertifyEvery: 180d
---

## Main

<Step title="Verify the caller" id="verify">
  <Field name="account_number" label="Account number" type="number" required />
  <Check>Confirm identity</Check>
</Step>

<Step title="Card status" id="status">
  <Flow id="card" title="Card status">
    <Node id="start" type="start" label="Start" />
    <Node id="blocked" type="question" label="Is the card blocked?" />
    <Node id="to-unblock" type="goto" label="Unblock it" step="unblock" />
    <Node id="to-wrap" type="goto" label="Wrap up" step="wrap" />
    <Edge from="start" to="blocked" />
    <Edge from="blocked" to="to-unblock" label="Yes" />
    <Edge from="blocked" to="to-wrap" label="No" />
  </Flow>
</Step>

<Step title="Unblock the card" id="unblock">
  <Field name="reason" label="Why it was blocked" required />
  <Check>Unblock in the card system</Check>
</Step>

<Step title="Wrap up" id="wrap">
  <Check>Summarise the call</Check>
</Step>

<Quiz id="card-quiz" title="Blocked cards" pass="75">
  <Question id="first" prompt="What do you do first?" options="Verify identity|Block the card" answer="Verify identity">
    Always verify first.
  </Question>
  <Question id="who" type="text" prompt="Who approves an unblock above the limit?" answer="Supervisor|Team lead" />
</Quiz>

<Scenario id="lost-wallet" title="Lost wallet" customer="Maria, upset" outcome="resolved">
  <Say>My card doesn't work!</Say>
  <Answer field="account_number" value="12345" />
  <Answer flow="card" question="blocked" choose="Yes" />
  <Answer field="reason" value="Lost wallet" />
</Scenario>
`;

const doc = parseSop(SOURCE, { filename: "blocked-card.mdx" });

describe("training on a parsed SOP", () => {
  it("parses without errors and reads the requirements from the front matter", () => {
    expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(requirementsOf(doc)).toEqual({
      quiz: true,
      practice: 1,
      passScore: 80,
      recertifyEveryDays: 180,
      quizId: "card-quiz",
    });
  });

  it("grades the quiz, scores a practice run and certifies", () => {
    const quiz = doc.quizzes![0];
    const parsed = parseQuizSubmission(quiz, { first: ["Verify identity"], who: ["SUPERVISOR."] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = gradeQuiz(quiz, parsed.submission);
    expect(result).toMatchObject({ correct: 2, total: 2, score: 100, passed: true });
    expect(result.questions[0].explanation).toHaveLength(1);

    const f = new EventFactory();
    const check = (stepId: string) => doc.steps.find((s) => s.id === stepId)!.checkIds[0];
    const events: RunEvent[] = [
      f.started(doc),
      f.make("field.captured", { name: "account_number", value: "۱۲۳۴۵" }),
      f.make("check.toggled", { checkId: check("verify"), checked: true }),
      f.make("step.completed", { stepId: "verify" }),
      f.make("flow.answered", { flowId: "card", nodeId: "start", to: "blocked" }),
      f.make("flow.answered", { flowId: "card", nodeId: "blocked", to: "to-unblock" }),
      f.make("field.captured", { name: "reason", value: "lost wallet" }),
      f.make("check.toggled", { checkId: check("unblock"), checked: true }),
      f.make("step.completed", { stepId: "unblock" }),
      f.make("check.toggled", { checkId: check("wrap"), checked: true }),
      f.make("step.completed", { stepId: "wrap" }),
      f.make("completed", { outcome: "resolved", wrapUp: "" }),
    ];
    const state = replay(doc, events);
    expect(state.status).toBe("completed");
    const req = requirementsOf(doc);
    const practice = scorePracticeRun(doc, doc.scenarios![0], state, { passScore: req.passScore });
    expect(practice).toMatchObject({ score: 100, passed: true });

    const now = state.completedAt!;
    const ev: Evidence = {
      currentVersion: 1,
      baselineVersion: 1,
      opened: true,
      acknowledgements: [{ version: 1, at: now - 60_000 }],
      quizAttempts: [{ version: 1, at: now - 30_000, passed: result.passed, score: result.score }],
      practiceRuns: [{ version: 1, at: now, score: practice.score, completed: true }],
      certificates: [],
    };
    expect(trainingStatus(req, ev, now)).toMatchObject({ state: "practising", certifiable: true, next: "none" });
    const certified = {
      ...ev,
      certificates: [{ version: 1, certifiedAt: now, expiresAt: certificateExpiry(req, now), withdrawnAt: null }],
    };
    expect(trainingStatus(req, certified, now + 1)).toMatchObject({
      state: "certified",
      expiresAt: now + 180 * 86_400_000,
    });
  });
});
