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
  EscalatedEvent,
  StepFlaggedEvent,
  CompletedEvent,
  FollowUpClosedEvent,
} from "./events";
export { initialState } from "./state";
export type { RunState, StepState, StepStatus, FlowState, FlowPathEntry, TerminalType } from "./state";
export { reduce, reduceAll, replay } from "./reduce";
export { validateEvent, validateFieldValue } from "./validate";
export {
  progress,
  nextStepId,
  substitute,
  substituteBlocks,
  timer,
  buildWrapUp,
  describeFlowPath,
  timeline,
  formatDurationSeconds,
} from "./derive";
export type { Progress, Timer, TimerLevel, TimelineEntry, WrapUpOptions } from "./derive";
