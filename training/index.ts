// Public API of the training rules (pure TS: browser, server and CLI alike). See README.md for the model.
export {
  quizSubmissionSchema,
  parseQuizSubmission,
  gradeQuiz,
  attemptsLeft,
  normaliseAnswer,
  MAX_TEXT_ANSWER,
} from "./quiz";
export type { QuizSubmission, QuizProblem, ParsedQuizSubmission, QuizResult, QuizQuestionResult } from "./quiz";
export { PRACTICE_CRITERIA, PRACTICE_WEIGHTS, scorePracticeRun, practiceFeedback, sameFieldValue } from "./practice";
export type { PracticeCriterionId, PracticeCriterion, PracticeItem, PracticeScore } from "./practice";
export {
  CELL_STATES,
  DAY_MS,
  DEFAULT_EXPIRING_WITHIN_MS,
  DEFAULT_PASS_SCORE,
  requirementsOf,
  trainingStatus,
  certificateExpiry,
  publishImpact,
  isReadyForFloor,
  isOverdue,
  compareTrainingItems,
} from "./certification";
export type {
  CertificationRequirements,
  Certificate,
  Evidence,
  CellState,
  NextTrainingStep,
  TrainingStatus,
  FloorReadiness,
  TrainingItem,
} from "./certification";
export { playScenario, stableUuid } from "./simulate";
export type { PlayOptions } from "./simulate";
