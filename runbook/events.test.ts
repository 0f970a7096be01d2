import { describe, expect, it } from "vitest";
import {
  CHANNELS,
  eventBatchSchema,
  FLAG_KINDS,
  OUTCOMES,
  parseRunEvent,
  runEventSchema,
  isIsoDate,
  isFollowUpDue,
  isWrapUpEvent,
  parseFollowUpDue,
} from "./events";
import { uuid } from "./test-helpers";

const base = { id: uuid(1), at: 1_700_000_000_000 };
const message = (input: unknown) => {
  const r = parseRunEvent(input);
  return r.ok ? null : r.message;
};

describe("event schemas", () => {
  it("exports the enumerations", () => {
    expect(CHANNELS).toEqual(["phone", "email", "chat", "in-person"]);
    expect(OUTCOMES).toEqual(["resolved", "escalated", "follow-up", "transferred", "abandoned"]);
    expect(FLAG_KINDS).toEqual(["unclear", "wrong", "outdated", "missing-case"]);
  });

  it("accepts one valid event of every type", () => {
    const events = [
      { type: "started", sopId: "refund", versionId: 3, customerRef: "C-1", channel: "phone" },
      { type: "started", sopId: "refund", versionId: 3 },
      { type: "step.focused", stepId: "a" },
      { type: "step.completed", stepId: "a" },
      { type: "step.reopened", stepId: "a" },
      { type: "step.skipped", stepId: "a", reason: "Not needed" },
      { type: "check.toggled", checkId: "a.check-1", checked: true },
      { type: "field.captured", name: "x", value: "" },
      { type: "flow.answered", flowId: "f", nodeId: "a", to: "b" },
      { type: "flow.answered", flowId: "f", nodeId: "a", to: "b", label: "Yes" },
      { type: "note.added", text: "hello" },
      { type: "escalated", to: "Team lead", reason: "Angry", stepId: "a" },
      { type: "step.flagged", stepId: "a", kind: "outdated", text: "Old price" },
      { type: "completed", outcome: "resolved", wrapUp: "" },
      { type: "completed", outcome: "follow-up", followUpDue: "2025-03-31", wrapUp: "w" },
      { type: "followup.closed", note: "done" },
      { type: "note.drafted", text: "half a thought" },
      { type: "note.drafted", text: "" },
      { type: "discarded" },
      { type: "discarded", reason: "Started the wrong procedure" },
      { type: "completed", outcome: "follow-up", followUpDue: "2025-03-31T14:30", wrapUp: "w" },
      { type: "completed", outcome: "follow-up", followUpDue: "2025-03-31T14:30+02:00", wrapUp: "w" },
      { type: "completed", outcome: "follow-up", followUpDue: "2025-03-31T12:30:15.5Z", wrapUp: "w" },
    ];
    for (const e of events) expect(runEventSchema.safeParse({ ...base, ...e }).success, JSON.stringify(e)).toBe(true);
  });

  it("new events: a note draft is limited like a note; a discard reason is short; follow-ups take a time", () => {
    expect(message({ ...base, type: "note.drafted", text: "x".repeat(5001) })).toBe(
      "The note is too long (at most 5000 characters).",
    );
    expect(message({ ...base, type: "note.drafted" })).toBe("The note draft must be text.");
    expect(message({ ...base, type: "discarded", reason: "x".repeat(501) })).toBe(
      "The reason is too long (at most 500 characters).",
    );
    for (const bad of [
      "2025-03-31T25:00",
      "2025-03-31 14:30",
      "2025-03-31T14",
      "2025-02-30T10:00",
      "2025-03-31T14:30+2",
      "tomorrow",
    ]) {
      expect(message({ ...base, type: "completed", outcome: "follow-up", followUpDue: bad, wrapUp: "" }), bad).toBe(
        "Enter the follow-up date as a real date, e.g. 2025-03-31, or a date and time, e.g. 2025-03-31T14:30.",
      );
    }
  });

  it("parseFollowUpDue reads the three forms", () => {
    expect(parseFollowUpDue("2025-03-31")).toEqual({ kind: "date", date: "2025-03-31" });
    expect(parseFollowUpDue("2025-03-31T09:05")).toEqual({ kind: "local", date: "2025-03-31", time: "09:05" });
    expect(parseFollowUpDue("2025-03-31T14:30+02:00")).toEqual({
      kind: "instant",
      date: "2025-03-31",
      time: "14:30",
      at: Date.UTC(2025, 2, 31, 12, 30),
    });
    expect(
      parseFollowUpDue("2025-03-31T14:30:10.250-0330")?.kind === "instant" &&
        parseFollowUpDue("2025-03-31T14:30:10.250-0330"),
    ).toMatchObject({
      at: Date.UTC(2025, 2, 31, 18, 0, 10, 250),
    });
    expect(isFollowUpDue("2025-03-31T24:00")).toBe(false);
    expect(isWrapUpEvent({ type: "discarded" })).toBe(true);
    expect(isWrapUpEvent({ type: "note.drafted" })).toBe(false);
  });

  it("explains what is wrong, in plain words", () => {
    expect(message({ ...base, id: "123", type: "note.added", text: "x" })).toBe("The event id must be a UUID.");
    expect(message({ ...base, at: -1, type: "note.added", text: "x" })).toBe("The event time cannot be negative.");
    expect(message({ ...base, at: 1.5, type: "note.added", text: "x" })).toBe(
      "The event time must be whole milliseconds.",
    );
    expect(message({ ...base, type: "nap" })).toBe("Unknown event type “nap”.");
    expect(message({ ...base })).toBe("The event has no type.");
    expect(message({ ...base, type: "note.added", text: "" })).toBe("The note is empty.");
    expect(message({ ...base, type: "note.added", text: "x".repeat(5001) })).toBe(
      "The note is too long (at most 5000 characters).",
    );
    expect(message({ ...base, type: "step.skipped", stepId: "a", reason: "x".repeat(501) })).toBe(
      "The reason for skipping is too long (at most 500 characters).",
    );
    expect(message({ ...base, type: "field.captured", name: "x", value: "x".repeat(5001) })).toBe(
      "This value is too long (at most 5000 characters).",
    );
    expect(message({ ...base, type: "started", sopId: "s", versionId: 1, customerRef: "x".repeat(121) })).toBe(
      "The customer reference is too long (at most 120 characters).",
    );
    expect(message({ ...base, type: "started", sopId: "s", versionId: 1, channel: "fax" })).toBe(
      "The channel must be phone, email, chat or in-person.",
    );
    expect(message({ ...base, type: "escalated", to: "x".repeat(121), reason: "r" })).toBe(
      "Who you are handing over to is too long (at most 120 characters).",
    );
    expect(message({ ...base, type: "step.flagged", stepId: "a", kind: "boring", text: "t" })).toBe(
      "Choose what is wrong with the step: unclear, wrong, outdated or missing case.",
    );
    expect(message({ ...base, type: "completed", outcome: "won", wrapUp: "" })).toBe(
      "Choose an outcome: resolved, escalated, follow-up, transferred or abandoned.",
    );
    expect(message({ ...base, type: "completed", outcome: "follow-up", wrapUp: "" })).toBe(
      "Pick the date for the follow-up.",
    );
    expect(message({ ...base, type: "completed", outcome: "follow-up", followUpDue: "2025-02-30", wrapUp: "" })).toBe(
      "Enter the follow-up date as a real date, e.g. 2025-03-31, or a date and time, e.g. 2025-03-31T14:30.",
    );
    expect(message({ ...base, type: "completed", outcome: "resolved", wrapUp: "x".repeat(20001) })).toBe(
      "The wrap-up is too long (at most 20000 characters).",
    );
    expect(message({ ...base, type: "followup.closed", note: " " })).toBe("The closing note is empty.");
    expect(message(null)).toMatch(/^Invalid event: /);
  });

  it("isIsoDate knows the calendar", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2100-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2025-04-31")).toBe(false);
    expect(isIsoDate("2025-4-1")).toBe(false);
    expect(isIsoDate("2025-00-10")).toBe(false);
  });

  it("batches hold 1 to 200 events", () => {
    const e = (n: number) => ({ id: uuid(n), at: 1, type: "note.added", text: "x" });
    expect(eventBatchSchema.safeParse({ events: [e(1)] }).success).toBe(true);
    expect(eventBatchSchema.safeParse({ events: Array.from({ length: 200 }, (_, i) => e(i + 1)) }).success).toBe(true);
    const empty = eventBatchSchema.safeParse({ events: [] });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0].message).toBe("Send at least one event.");
    const big = eventBatchSchema.safeParse({ events: Array.from({ length: 201 }, (_, i) => e(i + 1)) });
    expect(big.error?.issues[0].message).toBe("Send at most 200 events at a time.");
  });
});
