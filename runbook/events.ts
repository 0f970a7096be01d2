// The run's append-only event log: one zod schema per event type, discriminated on `type`.
// Messages are written for an agent on a live call (short, plain), because the server returns them as is.
import { z } from "zod";

export const CHANNELS = ["phone", "email", "chat", "in-person"] as const;
export const OUTCOMES = ["resolved", "escalated", "follow-up", "transferred", "abandoned"] as const;
export const FLAG_KINDS = ["unclear", "wrong", "outdated", "missing-case"] as const;

export type Channel = (typeof CHANNELS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type FlagKind = (typeof FLAG_KINDS)[number];

/** Every event type, in the order of the contract. */
export const EVENT_TYPES = [
  "started",
  "step.focused",
  "step.completed",
  "step.reopened",
  "step.skipped",
  "check.toggled",
  "field.captured",
  "flow.answered",
  "note.added",
  "escalated",
  "step.flagged",
  "completed",
  "followup.closed",
] as const;
export type RunEventType = (typeof EVENT_TYPES)[number];

/** A calendar date written YYYY-MM-DD that exists (no 2025-02-30). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= daysInMonth[month - 1];
}

const id = z.uuid({ error: "The event id must be a UUID." });
const at = z
  .number({ error: "The event time must be a number (milliseconds since 1970)." })
  .int({ error: "The event time must be whole milliseconds." })
  .min(0, { error: "The event time cannot be negative." })
  .max(8.64e15, { error: "The event time is out of range." });
const ref = (what: string) =>
  z
    .string({ error: `The ${what} is missing.` })
    .min(1, { error: `The ${what} is missing.` })
    .max(200, { error: `The ${what} is too long.` });
const text = (what: string, max: number) =>
  z
    .string({ error: `${what} is missing.` })
    .refine((s) => s.trim().length > 0, { error: `${what} is empty.` })
    .refine((s) => s.length <= max, { error: `${what} is too long (at most ${max} characters).` });

const base = { id, at };

export const startedEventSchema = z.object({
  ...base,
  type: z.literal("started"),
  sopId: ref("SOP id"),
  versionId: z.number({ error: "The SOP version is missing." }).int({ error: "The SOP version must be a whole number." }).min(0),
  customerRef: z.string().max(120, { error: "The customer reference is too long (at most 120 characters)." }).optional(),
  channel: z.enum(CHANNELS, { error: "The channel must be phone, email, chat or in-person." }).optional(),
});

export const stepFocusedEventSchema = z.object({ ...base, type: z.literal("step.focused"), stepId: ref("step") });
export const stepCompletedEventSchema = z.object({ ...base, type: z.literal("step.completed"), stepId: ref("step") });
export const stepReopenedEventSchema = z.object({ ...base, type: z.literal("step.reopened"), stepId: ref("step") });
export const stepSkippedEventSchema = z.object({
  ...base,
  type: z.literal("step.skipped"),
  stepId: ref("step"),
  reason: text("The reason for skipping", 500),
});
export const checkToggledEventSchema = z.object({
  ...base,
  type: z.literal("check.toggled"),
  checkId: ref("check"),
  checked: z.boolean({ error: "Say whether the item is ticked (true or false)." }),
});
export const fieldCapturedEventSchema = z.object({
  ...base,
  type: z.literal("field.captured"),
  name: ref("field name"),
  value: z
    .string({ error: "The value must be text." })
    .max(5000, { error: "This value is too long (at most 5000 characters)." }),
});
export const flowAnsweredEventSchema = z.object({
  ...base,
  type: z.literal("flow.answered"),
  flowId: ref("flow"),
  nodeId: ref("flow node"),
  to: ref("next flow node"),
  /** optional: the answer's label, only needed when two answers of a question lead to the same node */
  label: z.string().max(500).optional(),
});
export const noteAddedEventSchema = z.object({ ...base, type: z.literal("note.added"), text: text("The note", 5000) });
export const escalatedEventSchema = z.object({
  ...base,
  type: z.literal("escalated"),
  to: text("Who you are handing over to", 120),
  reason: text("The reason for the escalation", 1000),
  stepId: ref("step").optional(),
});
export const stepFlaggedEventSchema = z.object({
  ...base,
  type: z.literal("step.flagged"),
  stepId: ref("step"),
  kind: z.enum(FLAG_KINDS, { error: "Choose what is wrong with the step: unclear, wrong, outdated or missing case." }),
  text: text("The feedback", 2000),
});
export const completedEventSchema = z
  .object({
    ...base,
    type: z.literal("completed"),
    outcome: z.enum(OUTCOMES, { error: "Choose an outcome: resolved, escalated, follow-up, transferred or abandoned." }),
    followUpDue: z
      .string()
      .refine(isIsoDate, { error: "Enter the follow-up date as a real date, e.g. 2025-03-31." })
      .optional(),
    wrapUp: z
      .string({ error: "The wrap-up is missing." })
      .max(20000, { error: "The wrap-up is too long (at most 20000 characters)." }),
  })
  .refine((e) => e.outcome !== "follow-up" || e.followUpDue !== undefined, {
    error: "Pick the date for the follow-up.",
    path: ["followUpDue"],
  });
export const followUpClosedEventSchema = z.object({
  ...base,
  type: z.literal("followup.closed"),
  note: text("The closing note", 2000),
});

export const runEventSchema = z.discriminatedUnion("type", [
  startedEventSchema,
  stepFocusedEventSchema,
  stepCompletedEventSchema,
  stepReopenedEventSchema,
  stepSkippedEventSchema,
  checkToggledEventSchema,
  fieldCapturedEventSchema,
  flowAnsweredEventSchema,
  noteAddedEventSchema,
  escalatedEventSchema,
  stepFlaggedEventSchema,
  completedEventSchema,
  followUpClosedEventSchema,
]);

export const eventBatchSchema = z.object({
  events: z
    .array(runEventSchema)
    .min(1, { error: "Send at least one event." })
    .max(200, { error: "Send at most 200 events at a time." }),
});

/**
 * The most events one run keeps (its `started` included). A long real call is about a hundred events (every
 * step focused, done, field captured, check ticked, answer given); 5,000 is fifty of those, and bounds what a
 * run's state, its timeline and every reload of it can cost. Past it only the wrap-up is accepted.
 */
export const MAX_EVENTS_PER_RUN = 5_000;

/**
 * The events a run takes even when it holds MAX_EVENTS_PER_RUN: wrapping up, so a full run can still be closed.
 * Each is accepted at most once per run, so no run holds more than MAX_EVENTS_PER_RUN + 2.
 */
export function isWrapUpEvent(event: { type: string }): boolean {
  return event.type === "completed" || event.type === "followup.closed";
}

export type RunEvent = z.infer<typeof runEventSchema>;
export type EventBatch = z.infer<typeof eventBatchSchema>;
export type StartedEvent = z.infer<typeof startedEventSchema>;
export type StepFocusedEvent = z.infer<typeof stepFocusedEventSchema>;
export type StepCompletedEvent = z.infer<typeof stepCompletedEventSchema>;
export type StepReopenedEvent = z.infer<typeof stepReopenedEventSchema>;
export type StepSkippedEvent = z.infer<typeof stepSkippedEventSchema>;
export type CheckToggledEvent = z.infer<typeof checkToggledEventSchema>;
export type FieldCapturedEvent = z.infer<typeof fieldCapturedEventSchema>;
export type FlowAnsweredEvent = z.infer<typeof flowAnsweredEventSchema>;
export type NoteAddedEvent = z.infer<typeof noteAddedEventSchema>;
export type EscalatedEvent = z.infer<typeof escalatedEventSchema>;
export type StepFlaggedEvent = z.infer<typeof stepFlaggedEventSchema>;
export type CompletedEvent = z.infer<typeof completedEventSchema>;
export type FollowUpClosedEvent = z.infer<typeof followUpClosedEventSchema>;

/** The first problem of a zod failure, as one sentence for a person. */
export function describeSchemaError(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return "This event is not valid.";
  if (issue.code === "invalid_union" && (issue.path.length === 0 || (issue.path.length === 1 && issue.path[0] === "type"))) {
    const type = input && typeof input === "object" ? (input as { type?: unknown }).type : undefined;
    return typeof type === "string" ? `Unknown event type “${type}”.` : "The event has no type.";
  }
  // Our own messages end with a full stop; zod's defaults do not: name the field for those.
  if (/[.!?]$/.test(issue.message)) return issue.message;
  const where = issue.path.length ? issue.path.join(".") : "event";
  return `Invalid ${where}: ${issue.message}.`;
}

/** Parses anything into a RunEvent, or returns a message for a person. */
export function parseRunEvent(input: unknown): { ok: true; event: RunEvent } | { ok: false; message: string } {
  const result = runEventSchema.safeParse(input);
  if (result.success) return { ok: true, event: result.data };
  return { ok: false, message: describeSchemaError(result.error, input) };
}
