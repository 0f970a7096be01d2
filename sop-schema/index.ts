// Public API of the SOP format (browser-safe; the CLI lives in cli.ts, node:crypto in hash.server.ts).
export type {
  Block,
  Diagnostic,
  FieldDef,
  FieldType,
  Flow,
  FlowEdge,
  FlowNode,
  FlowNodeType,
  GlossaryEntry,
  Inline,
  Outcome,
  ParseOptions,
  Position,
  QuestionType,
  Quiz,
  QuizQuestion,
  Scenario,
  ScenarioAnswer,
  Section,
  SectionItem,
  Severity,
  SopDocument,
  SopMeta,
  Step,
  TrainingComponent,
  TableAlign,
  TrainingRequirements,
} from "./types";
export { FIELD_TYPES, NODE_TYPES, OUTCOMES, QUESTION_TYPES, TRAINING_COMPONENTS } from "./types";
export type { PublicQuiz, PublicQuizQuestion, PublicScenario, SopDocumentWithoutKey } from "./answer-key";
export { withoutAnswerKey } from "./answer-key";
export { parseSop, inlineText, isSafeUrl } from "./parse";
export { blocksPlainText } from "./plain-text";
export type { BlockPlace, BlockVisitor, DocumentVisitor } from "./walk";
export { blockChildren, blockInlines, blockText, forEachVar, mapBlockInlines, visitBlocks, walkDocument } from "./walk";
export type { DiagnosticCode } from "./diagnostics";
export {
  DIAGNOSTIC_CODES,
  compareDiagnostics,
  didYouMean,
  formatDiagnostic,
  hasErrors,
  levenshtein,
  sortDiagnostics,
  suggestionHint,
} from "./diagnostics";
export type { FrontMatter, FrontMatterInput, PlaceholderKey } from "./frontmatter";
export {
  PLACEHOLDER_KEYS,
  canonicalLanguage,
  formatDuration,
  frontMatterSchema,
  isPlaceholder,
  languageDirection,
  parseDuration,
  parseReviewInterval,
} from "./frontmatter";
export type { AttrValue, ComponentName } from "./components";
export {
  COMPONENT_ATTRIBUTES,
  COMPONENT_NAMES,
  FIELD_NAME_RE,
  PLACEMENT,
  answerAttributes,
  edgeAttributes,
  escalateAttributes,
  fieldAttributes,
  flowAttributes,
  nodeAttributes,
  questionAttributes,
  quizAttributes,
  scenarioAttributes,
  stepAttributes,
  templateAttributes,
} from "./components";
export { slugify } from "./slug";
export type { LimitProblem, NestingProfile } from "./limits";
export { SOP_LIMITS, checkSourceLimits, nestingProfile, utf8ByteLength } from "./limits";
export type { PatternProblem, PatternResult } from "./pattern";
export { MAX_PATTERN_LENGTH, compileFieldPattern, compiledFieldPattern, testFieldPattern } from "./pattern";
export { createTermMatcher, applyTerms } from "./terms";
