// The trainee's copy of a document: the quizzes without their answers and explanations, the scenarios
// without what is expected of the agent. Pure and browser-safe.
import type { Diagnostic, Quiz, QuizQuestion, Scenario, SopDocument } from "./types";
import type { DiagnosticCode } from "./diagnostics";

/** A question as the trainee sees it before the attempt is graded. */
export type PublicQuizQuestion = Omit<QuizQuestion, "answers" | "explanation">;
export type PublicQuiz = Omit<Quiz, "questions"> & { questions: PublicQuizQuestion[] };
/** A scenario as the trainee practises it: the customer and their answers, not the expected outcome. */
export type PublicScenario = Omit<Scenario, "expect">;
export type SopDocumentWithoutKey = Omit<SopDocument, "quizzes" | "scenarios"> & {
  quizzes?: PublicQuiz[];
  scenarios?: PublicScenario[];
};

/** Diagnostics whose messages may quote answers or options (an author's problem, never a trainee's). */
const KEY_CODES: ReadonlySet<string> = new Set<DiagnosticCode>([
  "question-no-answer",
  "answer-not-an-option",
  "too-many-answers",
  "duplicate-option",
  "too-few-options",
  "text-question-options",
  "unknown-outcome",
  "duplicate-question-id",
  "quiz-content",
  "empty-quiz",
]);

/**
 * `doc` without its answer key, to send to a trainee before grading: each question keeps id, type, prompt,
 * options and position, and loses `answers` and `explanation`; each scenario loses `expect`. Diagnostics that
 * may quote the key are dropped. Returns new objects (built key by key, so a field added to the key later is
 * left out rather than leaked); `doc` is not changed.
 */
export function withoutAnswerKey(doc: SopDocument): SopDocumentWithoutKey {
  const { quizzes, scenarios, diagnostics, ...rest } = doc;
  const out: SopDocumentWithoutKey = {
    ...rest,
    diagnostics: diagnostics.filter((d: Diagnostic) => !KEY_CODES.has(d.code)),
  };
  if (quizzes?.length) {
    out.quizzes = quizzes.map((q) => {
      const quiz: PublicQuiz = {
        id: q.id,
        title: q.title,
        passPercent: q.passPercent,
        maxAttempts: q.maxAttempts,
        questions: q.questions.map((x) => ({
          id: x.id,
          type: x.type,
          prompt: x.prompt,
          options: [...x.options],
          position: x.position,
        })),
        position: q.position,
      };
      if (q.stepId !== undefined) quiz.stepId = q.stepId;
      return quiz;
    });
  }
  if (scenarios?.length) {
    out.scenarios = scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      customer: s.customer,
      opening: s.opening,
      answers: s.answers,
      position: s.position,
    }));
  }
  return out;
}
