// The run's append-only event log: one zod schema per event type, discriminated on `type`.
// Messages are written for an agent on a live call (short, plain), because the server returns them as is.
import { z } from "zod";
// The outcomes belong to the SOP format (a <Scenario outcome> names one); re-exported unchanged.
import { OUTCOMES, type Outcome } from "../sop-schema/types";

export { OUTCOMES };
export type { Outcome };
export const CHANNELS = ["phone", "email", "chat", "in-person"] as const;
export const FLAG_KINDS = ["unclear", "wrong", "outdated", "missing-case"] as const;

export type Channel = (typeof CHANNELS)[number];
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
  "note.drafted",
  "escalated",
  "step.flagged",
  "completed",
  "followup.closed",
  "discarded",
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
  const daysInMonth = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return day <= daysInMonth[month - 1];
}

/** The parts of a follow-up due value, or null when it is not one of the three accepted forms. */
export type FollowUpDueParts =
  /** YYYY-MM-DD: that calendar day, wherever the agent is */
  | { kind: "date"; date: string }
  /** YYYY-MM-DDTHH:mm: a wall-clock time, read in the viewer's time zone */
  | { kind: "local"; date: string; time: string }
  /** YYYY-MM-DDTHH:mm[:ss[.sss]](Z|±HH:mm): one instant */
  | { kind: "instant"; date: string; time: string; at: number };

const LOCAL_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;
const INSTANT_RE =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,3}))?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

/** Reads a follow-up due value: a date, a local date-time to the minute, or an ISO date-time with its offset. */
export function parseFollowUpDue(value: string): FollowUpDueParts | null {
  if (isIsoDate(value)) return { kind: "date", date: value };
  const local = LOCAL_RE.exec(value);
  if (local) return isIsoDate(local[1]) ? { kind: "local", date: local[1], time: `${local[2]}:${local[3]}` } : null;
  const m = INSTANT_RE.exec(value);
  if (!m || !isIsoDate(m[1])) return null;
  const [y, mo, d] = m[1].split("-").map(Number);
  let at = Date.UTC(y, mo - 1, d, Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number((m[5] ?? "0").padEnd(3, "0")));
  if (m[6] !== "Z") {
    const sign = m[6][0] === "-" ? -1 : 1;
    const digits = m[6].slice(1).replace(":", "");
    at -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return { kind: "instant", date: m[1], time: `${m[2]}:${m[3]}`, at };
}

/** Whether a value is an accepted follow-up due: 2025-03-31, 2025-03-31T14:30 or 2025-03-31T14:30+02:00 (or …Z). */
export function isFollowUpDue(value: string): boolean {
  return parseFollowUpDue(value) !== null;
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
  versionId: z
    .number({ error: "The SOP version is missing." })
    .int({ error: "The SOP version must be a whole number." })
    .min(0),
  customerRef: z
    .string()
    .max(120, { error: "The customer reference is too long (at most 120 characters)." })
    .optional(),
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
  /**
   * Set by the retention job (db/retention.server.ts) when it removed the value: the field was filled, and valid,
   * when it was captured. A replay keeps it as filled so the steps it completed stay done.
   */
  purged: z.literal(true).optional(),
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
/**
 * The note being typed, not added yet (the screen sends it about a second after typing stops). The last one
 * wins; blank text clears it; `note.added` clears it too. Same length limit as a note.
 */
export const noteDraftedEventSchema = z.object({
  ...base,
  type: z.literal("note.drafted"),
  text: z
    .string({ error: "The note draft must be text." })
    .max(5000, { error: "The note is too long (at most 5000 characters)." }),
});
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
    outcome: z.enum(OUTCOMES, {
      error: "Choose an outcome: resolved, escalated, follow-up, transferred or abandoned.",
    }),
    followUpDue: z
      .string({ error: "The follow-up date must be text, e.g. 2025-03-31." })
      .max(40, {
        error: "Enter the follow-up date as a real date, e.g. 2025-03-31, or a date and time, e.g. 2025-03-31T14:30.",
      })
      .refine(isFollowUpDue, {
        error: "Enter the follow-up date as a real date, e.g. 2025-03-31, or a date and time, e.g. 2025-03-31T14:30.",
      })
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

/** The agent throws away a run started by mistake: it stays in the log, marked discarded, and is never counted. */
export const discardedEventSchema = z.object({
  ...base,
  type: z.literal("discarded"),
  reason: z
    .string({ error: "The reason must be text." })
    .max(500, { error: "The reason is too long (at most 500 characters)." })
    .optional(),
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
  noteDraftedEventSchema,
  escalatedEventSchema,
  stepFlaggedEventSchema,
  completedEventSchema,
  followUpClosedEventSchema,
  discardedEventSchema,
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
 *
 * Note drafts (`note.drafted`) count: the screen sends one about a second after typing stops (a trailing
 * debounce, and only when the text changed), so a call makes one per pause in typing — tens, not thousands.
 * A draft refused at the limit loses nothing the agent can see: the text stays in the box, and `note.added`
 * is refused the same way.
 */
export const MAX_EVENTS_PER_RUN = 5_000;

/**
 * The events a run takes even when it holds MAX_EVENTS_PER_RUN: wrapping up (or discarding), so a full run can
 * still be closed. Each is accepted at most once per run and nothing follows `discarded`, so no run holds more
 * than MAX_EVENTS_PER_RUN + 2.
 */
export function isWrapUpEvent(event: { type: string }): boolean {
  return event.type === "completed" || event.type === "followup.closed" || event.type === "discarded";
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
export type NoteDraftedEvent = z.infer<typeof noteDraftedEventSchema>;
export type DiscardedEvent = z.infer<typeof discardedEventSchema>;
export type EscalatedEvent = z.infer<typeof escalatedEventSchema>;
export type StepFlaggedEvent = z.infer<typeof stepFlaggedEventSchema>;
export type CompletedEvent = z.infer<typeof completedEventSchema>;
export type FollowUpClosedEvent = z.infer<typeof followUpClosedEventSchema>;

/** The first problem of a zod failure, as one sentence for a person. */
export function describeSchemaError(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return "This event is not valid.";
  if (
    issue.code === "invalid_union" &&
    (issue.path.length === 0 || (issue.path.length === 1 && issue.path[0] === "type"))
  ) {
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
