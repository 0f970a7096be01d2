// Public API of the live-call runbook engine (pure TS: browser, server and CLI alike).
export {
  CHANNELS,
  OUTCOMES,
  FLAG_KINDS,
  EVENT_TYPES,
  runEventSchema,
  eventBatchSchema,
  startedEventSchema,
  parseRunEvent,
  isIsoDate,
  isFollowUpDue,
  parseFollowUpDue,
  MAX_EVENTS_PER_RUN,
  isWrapUpEvent,
} from "./events";
export type {
  Channel,
  Outcome,
  FlagKind,
  RunEventType,
  RunEvent,
  EventBatch,
  StartedEvent,
  StepFocusedEvent,
  StepCompletedEvent,
  StepReopenedEvent,
  StepSkippedEvent,
  CheckToggledEvent,
  FieldCapturedEvent,
  FlowAnsweredEvent,
  NoteAddedEvent,
  NoteDraftedEvent,
  DiscardedEvent,
  FollowUpDueParts,
  EscalatedEvent,
  StepFlaggedEvent,
  CompletedEvent,
  FollowUpClosedEvent,
} from "./events";
export { initialState, RUN_STATES } from "./state";
export type { RunState, RunStatus, StepState, StepStatus, FlowState, FlowPathEntry, TerminalType } from "./state";
export { reduce, reduceAll, replay } from "./reduce";
export {
  validateEvent,
  validateFieldValue,
  fieldProblem,
  describeFieldProblem,
  stepCompletionProblem,
} from "./validate";
export type { FieldProblem } from "./validate";
export { normaliseFieldValue, isolate } from "./text";
export { sectionNotesByStep } from "./section-text";
export type { SectionNote } from "./section-text";
export {
  progress,
  nextStepId,
  stepStatuses,
  stepStatus,
  outcomeLabel,
  channelLabel,
  flagKindLabel,
  stepStatusLabel,
  followUpTiming,
  followUpDay,
  compareFollowUpDue,
  formatFollowUpDue,
  substitute,
  substituteBlocks,
  timer,
  buildWrapUp,
  describeFlowPath,
  timeline,
  formatDurationSeconds,
} from "./derive";
export type {
  Progress,
  Timer,
  TimerLevel,
  TimelineEntry,
  WrapUpOptions,
  StepProgressStatus,
  StepStatusInfo,
  FollowUpTiming,
} from "./derive";
