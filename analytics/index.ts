// Public API of analytics/: the pure aggregations behind the dashboards (no DB, no React, no clock: `now` and
// the time zone are parameters). db/analytics.server.ts reads the rows; app/analytics*.server.ts calls these.
export type { AnswerFact, EndFact, RunDetail, RunFacts, StepFact, StepMark } from "./facts";
export { runFacts } from "./facts";
export type { DetailedRunRow, Period, RunRow, VersionInfo } from "./types";
export { ABANDONED_AFTER_MS } from "./types";
export { OUTCOMES } from "../sop-schema/types";
export type { Outcome } from "../sop-schema/types";
export { histogramMedianAndQuantile, median, medianAndQuantile, quantile, share } from "./stats";
export type { Counts, DayTallies, DetailTally, FlowTally, Starts, Tally, TallyKey } from "./tally";
export {
  DAY_MS,
  QUARTER_MS,
  addRunToDetail,
  addRunToTally,
  compactPairs,
  dayOf,
  detailOf,
  emptyDetail,
  emptyTally,
  mergeDetail,
  mergeTally,
  secondsOf,
  startsOf,
  talliesOf,
} from "./tally";
export type { Grouped, OverviewFigures, SopTableRow, Trend, TrendKey } from "./overview";
export {
  FiguresAccumulator,
  TREND_KEYS,
  compareFigures,
  countsForHandleTime,
  figuresBy,
  isAbandoned,
  isEscalated,
  isIdle,
  overviewFigures,
  overviewWithSops,
  previousPeriod,
  sopTable,
  targetLookup,
  trend,
} from "./overview";
export type {
  FlowAnswer,
  FlowQuestion,
  FlowShape,
  FunnelStep,
  SkippedStep,
  StepFlags,
  StepTime,
  VersionFigures,
} from "./sop";
export {
  MAX_SKIP_REASONS,
  byVersion,
  flagsPerStep,
  flowAnswers,
  flowAnswersOf,
  pathHeat,
  pathHeatOf,
  reasonKey,
  skippedSteps,
  skippedStepsOf,
  stepFunnel,
  stepTimes,
  stepTimesOf,
} from "./sop";
export type {
  Bucket,
  ContactTrendOptions,
  ContactTrends,
  CrossDepartmentTag,
  Dimension,
  Mover,
  Series,
} from "./trends";
export {
  MOVERS_SHOWN,
  MOVER_MIN_RUNS,
  RISE_MIN_RUNS,
  RISE_MIN_SHARE,
  bucketIndex,
  bucketsOf,
  contactTrends,
} from "./trends";
export type { AgentRow } from "./agents";
export { agentTable } from "./agents";
export type { CsvCell } from "./csv";
export { csvCell, csvFileName, toCsv } from "./csv";
