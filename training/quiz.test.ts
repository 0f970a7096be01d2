import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Quiz, QuizQuestion } from "../sop-schema/types";
import { attemptsLeft, gradeQuiz, normaliseAnswer, parseQuizSubmission, type QuizSubmission } from "./quiz";

const position = { line: 1, column: 1 };
const explanation = [{ type: "paragraph" as const, children: [{ type: "text" as const, value: "Because." }] }];

function question(id: string, type: QuizQuestion["type"], options: string[], answers: string[]): QuizQuestion {
  return { id, type, prompt: `Prompt ${id}`, options, answers, explanation, position };
}

const quiz: Quiz = {
  id: "card-quiz",
  title: "Blocked cards",
  passPercent: 75,
  maxAttempts: 3,
  position,
  questions: [
    question("first", "single", ["Verify identity", "Block the card", "Transfer"], ["Verify identity"]),
    question("tools", "multiple", ["CRM", "Card system", "Email", "Fax"], ["CRM", "Card system"]),
    question("name", "text", [], ["Supervisor", "Team lead"]),
    question("code", "text", [], ["۱۲۳"]),
  ],
};

describe("gradeQuiz", () => {
  const all: QuizSubmission = {
    first: ["Verify identity"],
    tools: ["Card system", "CRM"],
    name: ["  team   LEAD. "],
    code: ["123"],
  };

  it("grades every question type and reports the answer key", () => {
    const r = gradeQuiz(quiz, all);
    expect(r).toMatchObject({ quizId: "card-quiz", correct: 4, total: 4, score: 100, passed: true });
    expect(r.questions.map((q) => q.correct)).toEqual([true, true, true, true]);
    expect(r.questions[1]).toMatchObject({
      questionId: "tools",
      type: "multiple",
      given: ["Card system", "CRM"],
      correctAnswers: ["CRM", "Card system"],
      unanswered: false,
      prompt: "Prompt tools",
    });
    expect(r.questions[0].explanation).toBe(explanation);
  });

  it.each<[string, QuizSubmission, boolean[]]>([
    ["wrong single option", { ...all, first: ["Transfer"] }, [false, true, true, true]],
    [
      "two options on a single (unvalidated)",
      { ...all, first: ["Verify identity", "Transfer"] },
      [false, true, true, true],
    ],
    ["a subset of a multiple: no partial credit", { ...all, tools: ["CRM"] }, [true, false, true, true]],
    ["a superset of a multiple", { ...all, tools: ["CRM", "Card system", "Fax"] }, [true, false, true, true]],
    ["a wrong text", { ...all, name: ["manager"] }, [true, true, false, true]],
    ["Persian digits for an answer key in ASCII", { ...all, code: ["١٢٣"] }, [true, true, true, true]],
  ])("%s", (_name, submission, expected) => {
    expect(gradeQuiz(quiz, submission).questions.map((q) => q.correct)).toEqual(expected);
  });

  it("rounds the score down and passes at the pass mark", () => {
    const three = gradeQuiz(quiz, { ...all, name: ["nope"] });
    expect(three).toMatchObject({ correct: 3, score: 75, passed: true });
    const r = gradeQuiz(
      { ...quiz, questions: quiz.questions.slice(0, 3) },
      { first: ["Verify identity"], tools: ["CRM", "Card system"] },
    );
    expect(r).toMatchObject({ correct: 2, total: 3, score: 66, passed: false });
    expect(
      gradeQuiz(
        { ...quiz, passPercent: 67 },
        { first: ["Verify identity"], tools: ["CRM", "Card system"], name: ["supervisor"] },
      ),
    ).toMatchObject({ score: 75, passed: true });
  });

  it("marks missing and blank answers unanswered and wrong", () => {
    const r = gradeQuiz(quiz, { first: [], name: ["   "] });
    expect(r.questions.map((q) => [q.unanswered, q.correct])).toEqual([
      [true, false],
      [true, false],
      [true, false],
      [true, false],
    ]);
    expect(r).toMatchObject({ correct: 0, score: 0, passed: false });
  });

  it("never passes a quiz without questions", () => {
    expect(gradeQuiz({ ...quiz, questions: [] }, {})).toMatchObject({ total: 0, score: 0, passed: false });
  });
});

describe("normaliseAnswer", () => {
  it.each<[string, string]>([
    ["  Hello   World!  ", "hello world"],
    ["Café", "cafe"],
    ["ＦＵＬＬ－ｗｉｄｔｈ", "full-width"],
    ["Straße", "strasse"],
    ["STRAẞE", "strasse"],
    ["ΟΔΟΣ", "οδοσ"],
    ["οδός", "οδοσ"],
    ["Άλφα", "αλφα"],
    ["ΆΛΦΑ.", "αλφα"],
    ["İstanbul", "istanbul"],
    ["Žalgiris", "zalgiris"],
    ["۱۲۳۴", "1234"],
    ["٤٥٦", "456"],
    ["علي", "علی"],
    ["كتاب", "کتاب"],
    ["می‌خواهم", "میخواهم"],
    ["پاریس؟", "پاریس"],
    ["C#", "c#"],
    ["C++", "c++"],
    ["a\u00A0\tb\n c", "a b c"],
  ])("%j → %j", (input, expected) => {
    expect(normaliseAnswer(input)).toBe(expected);
  });

  it("makes Greek with or without tonos and final sigma equal, and Arabic and Persian spellings equal", () => {
    expect(normaliseAnswer("ΠΡΟΪΣΤΑΜΕΝΟΣ")).toBe(normaliseAnswer("προϊστάμενος"));
    expect(normaliseAnswer("ΠΡΟΙΣΤΑΜΕΝΟΣ")).toBe(normaliseAnswer("Προϊστάμενος"));
    expect(normaliseAnswer("مدیر كل")).toBe(normaliseAnswer("مدير کل"));
    expect(normaliseAnswer("رمز ۱۲۳")).toBe(normaliseAnswer("رمز 123"));
  });

  it("is idempotent and insensitive to case and surrounding space (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: "grapheme" }), (s) => {
        const n = normaliseAnswer(s);
        expect(normaliseAnswer(n)).toBe(n);
        expect(normaliseAnswer(`  ${s.toUpperCase()}  `)).toBe(normaliseAnswer(s.toLowerCase()));
        expect(n).toBe(n.trim());
        expect(n).not.toMatch(/\s{2}/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parseQuizSubmission", () => {
  it("accepts a well-formed attempt, missing answers included", () => {
    expect(parseQuizSubmission(quiz, { first: ["Transfer"], name: ["Team lead"] })).toEqual({
      ok: true,
      submission: { first: ["Transfer"], name: ["Team lead"] },
    });
    expect(parseQuizSubmission(quiz, {})).toEqual({ ok: true, submission: {} });
  });

  it.each<[string, unknown, { questionId?: string; message: RegExp }]>([
    ["an unknown question", { nope: ["x"] }, { questionId: "nope", message: /no question “nope”/ }],
    [
      "an option the question lacks",
      { first: ["Call the police"] },
      { questionId: "first", message: /not one of this question's options/ },
    ],
    [
      "two options on a single",
      { first: ["Transfer", "Block the card"] },
      { questionId: "first", message: /Choose one/ },
    ],
    ["a duplicate option", { tools: ["CRM", "CRM"] }, { questionId: "tools", message: /twice/ }],
    ["over-long text", { name: ["x".repeat(501)] }, { questionId: "name", message: /too long/ }],
    ["two typed answers", { name: ["a", "b"] }, { questionId: "name", message: /one answer/ }],
    ["a non-array", { first: "Transfer" }, { questionId: "first", message: /list/ }],
    ["a non-string inside", { first: [1] }, { questionId: "first", message: /text/ }],
    ["not an object", ["first"], { message: /object/ }],
  ])("refuses %s", (_name, raw, problem) => {
    const r = parseQuizSubmission(quiz, raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0].questionId).toBe(problem.questionId);
    expect(r.problems[0].message).toMatch(problem.message);
  });

  it("accepts text of exactly 500 characters", () => {
    expect(parseQuizSubmission(quiz, { name: ["x".repeat(500)] }).ok).toBe(true);
  });

  it("grades what it accepts exactly as gradeQuiz does (property)", () => {
    const options = quiz.questions[1].options;
    fc.assert(
      fc.property(fc.subarray(options), fc.constantFrom(...quiz.questions[0].options), (chosen, single) => {
        const parsed = parseQuizSubmission(quiz, { tools: chosen, first: [single] });
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const r = gradeQuiz(quiz, parsed.submission);
        const right = new Set(["CRM", "Card system"]);
        expect(r.questions[1].correct).toBe(chosen.length === 2 && chosen.every((c) => right.has(c)));
        expect(r.score).toBe(Math.floor((r.correct * 100) / r.total));
        expect(r.passed).toBe(r.score >= quiz.passPercent);
        expect(r.correct).toBe(r.questions.filter((q) => q.correct).length);
      }),
    );
  });
});

describe("attemptsLeft", () => {
  it("counts down to zero, null when unlimited", () => {
    expect(attemptsLeft(quiz, 0)).toBe(3);
    expect(attemptsLeft(quiz, 2)).toBe(1);
    expect(attemptsLeft(quiz, 5)).toBe(0);
    expect(attemptsLeft({ ...quiz, maxAttempts: null }, 99)).toBeNull();
  });
});
