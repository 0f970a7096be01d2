// Grading a `<Quiz>` attempt: validating what the trainee sent, marking each question, the score and pass mark.
// Pure: the same code grades on the server (the answer key never leaves it) and previews in the editor.
import { z } from "zod";
import type { Block, QuestionType, Quiz } from "../sop-schema/types";

/** Question id → the options chosen, or for a text question a one-element array with what was typed. */
export type QuizSubmission = Record<string, string[]>;

/** Longest typed answer accepted for a text question. */
export const MAX_TEXT_ANSWER = 500;

// The shape only; what fits the quiz (known ids, real options, one choice on a single) is parseQuizSubmission's.
// Option texts are author-written and short; the limits keep a hostile body from costing anything.
export const quizSubmissionSchema = z.record(
  z.string().max(200),
  z
    .array(z.string({ error: "Each answer must be text." }).max(2000), {
      error: "Send the answers to a question as a list.",
    })
    .max(100),
  { error: "Send the answers as an object of question id → list of answers." },
);

export type QuizProblem = { questionId?: string; message: string };

export type ParsedQuizSubmission = { ok: true; submission: QuizSubmission } | { ok: false; problems: QuizProblem[] };

/**
 * Checks a submitted attempt against the quiz: unknown question ids, options the question does not have, more
 * than one option on a single-choice question, duplicates, more than one typed answer or one over
 * MAX_TEXT_ANSWER characters are refused. A question left out is allowed (graded wrong, reported unanswered).
 */
export function parseQuizSubmission(quiz: Quiz, raw: unknown): ParsedQuizSubmission {
  const shape = quizSubmissionSchema.safeParse(raw);
  if (!shape.success) {
    return {
      ok: false,
      problems: shape.error.issues.map((issue) => {
        const key = issue.path[0];
        return typeof key === "string" ? { questionId: key, message: issue.message } : { message: issue.message };
      }),
    };
  }
  const problems: QuizProblem[] = [];
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  for (const [questionId, given] of Object.entries(shape.data)) {
    const q = byId.get(questionId);
    if (!q) {
      problems.push({ questionId, message: `This quiz has no question “${questionId}”.` });
      continue;
    }
    if (q.type === "text") {
      if (given.length > 1) problems.push({ questionId, message: "Type one answer to this question." });
      else if (given.length === 1 && given[0].length > MAX_TEXT_ANSWER) {
        problems.push({ questionId, message: `The answer is too long (at most ${MAX_TEXT_ANSWER} characters).` });
      }
      continue;
    }
    if (q.type === "single" && given.length > 1)
      problems.push({ questionId, message: "Choose one answer to this question." });
    const options = new Set(q.options);
    const seen = new Set<string>();
    for (const g of given) {
      if (!options.has(g))
        problems.push({ questionId, message: `“${g.slice(0, 100)}” is not one of this question's options.` });
      else if (seen.has(g)) problems.push({ questionId, message: `“${g.slice(0, 100)}” was chosen twice.` });
      seen.add(g);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, submission: shape.data };
}

export type QuizQuestionResult = {
  questionId: string;
  prompt: string;
  type: QuestionType;
  given: string[];
  correct: boolean;
  unanswered: boolean;
  /** the answer key, for the review after the attempt */
  correctAnswers: string[];
  explanation: Block[];
};

export type QuizResult = {
  quizId: string;
  correct: number;
  total: number;
  /** integer percent of questions right, rounded down (0 for a quiz without questions) */
  score: number;
  /** score >= quiz.passPercent (never for a quiz without questions) */
  passed: boolean;
  questions: QuizQuestionResult[];
};

/**
 * Marks an attempt: single = exactly the right option, multiple = exactly the right set (no partial credit), text = any
 * accepted answer after `normaliseAnswer`.
 */
export function gradeQuiz(quiz: Quiz, submission: QuizSubmission): QuizResult {
  let correct = 0;
  const questions: QuizQuestionResult[] = [];
  for (const q of quiz.questions) {
    const raw = submission[q.id];
    // Defensive against a submission that skipped parseQuizSubmission (e.g. read back from storage).
    const given = Array.isArray(raw) ? raw.filter((g): g is string => typeof g === "string") : [];
    let ok = false;
    let unanswered: boolean;
    if (q.type === "text") {
      const typed = given.length === 1 ? normaliseAnswer(given[0]) : "";
      unanswered = typed === "";
      ok = !unanswered && given.length === 1 && q.answers.some((a) => normaliseAnswer(a) === typed);
    } else {
      unanswered = given.length === 0;
      const chosen = new Set(given);
      if (q.type === "single") ok = given.length === 1 && q.answers.includes(given[0]);
      else {
        const key = new Set(q.answers);
        ok = !unanswered && chosen.size === key.size && [...chosen].every((g) => key.has(g));
      }
    }
    if (ok) correct++;
    questions.push({
      questionId: q.id,
      prompt: q.prompt,
      type: q.type,
      given,
      correct: ok,
      unanswered,
      correctAnswers: q.answers,
      explanation: q.explanation,
    });
  }
  const total = quiz.questions.length;
  const score = total === 0 ? 0 : Math.floor((correct * 100) / total);
  return { quizId: quiz.id, correct, total, score, passed: total > 0 && score >= quiz.passPercent, questions };
}

/** Attempts a trainee still has on this quiz; null when attempts are unlimited. */
export function attemptsLeft(quiz: Quiz, attemptsUsed: number): number | null {
  if (quiz.maxAttempts === null) return null;
  return Math.max(0, quiz.maxAttempts - Math.max(0, Math.floor(attemptsUsed)));
}

// ---------------------------------------------------------------------------------------------- normalisation

// Persian (۰–۹) and Arabic-Indic (٠–٩) digits and the Arabic decimal/thousands separators (same mapping as
// i18n's asciiDigits, inlined so grading does not pull in the message catalogs).
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9\u066B\u066C]/g;
function easternToAscii(c: string): string {
  if (c === "\u066B") return ".";
  if (c === "\u066C") return ",";
  return String((c.charCodeAt(0) & 0xf) % 10);
}
// Arabic letter forms a Persian keyboard (or an Arabic one) produces for the same letter: yeh, alef maksura → Persian
// yeh; Arabic kaf → keheh. Tatweel (a stretching stroke) and invisible format characters (ZWNJ/ZWJ, bidi marks and
// isolates, BOM, soft hyphen) change nothing a reader sees, so they are dropped.
const LETTER_VARIANTS = /[\u064A\u0649\u0643]/g;
const INVISIBLE = /[\u0640\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const MARKS = /\p{M}+/gu;
const SPACES = /\s+/gu;
// Sentence punctuation at the end ("Paris." / "Paris!" / "پاریس؟"); after NFKC, full-width forms are ASCII already.
// Deliberately a closed list: "C#" or "C++" keep their symbols.
const TRAILING_PUNCTUATION = /[\s.,;:!?…·؟،؛۔।॥。、]+$/u;

/**
 * A typed answer as it is compared: Unicode NFKC; case-folded without a locale (lower, upper, lower again, so
 * ß = ẞ = ss); accents and other combining marks removed (NFD, then strip), which takes Greek tonos and Arabic
 * harakat too; Greek final sigma ς = σ; Arabic yeh/kaf variants = the Persian letters (ي ى → ی, ك → ک);
 * Persian/Arabic-Indic digits → ASCII; invisible format characters (ZWNJ, bidi marks) dropped; whitespace
 * collapsed and trimmed; trailing sentence punctuation ignored.
 *
 * `toLowerCase`, not `toLocaleLowerCase()`: the latter follows the host's locale (a Turkish browser lowercases
 * "I" to "ı"), and the same attempt must grade the same in the browser and on the server.
 */
export function normaliseAnswer(s: string): string {
  let t = s.normalize("NFKC");
  // Case first: upper-casing can itself produce combining marks (ΐ → Ϊ́), which the next line then removes.
  t = t.toLowerCase().toUpperCase().toLowerCase();
  t = t.normalize("NFD").replace(MARKS, "");
  // Letters after the marks are gone: ئ (yeh with hamza) decomposes to the Arabic yeh plus a mark.
  t = t.replace(LETTER_VARIANTS, (c) => (c === "\u0643" ? "\u06A9" : "\u06CC")).replace(/ς/g, "σ");
  t = t.replace(EASTERN_DIGITS, easternToAscii).replace(INVISIBLE, "");
  t = t.replace(SPACES, " ").replace(TRAILING_PUNCTUATION, "").trim();
  // Recomposed so the result is readable (Hangul syllables, for one, are split by NFD without being marks).
  return t.normalize("NFC");
}
