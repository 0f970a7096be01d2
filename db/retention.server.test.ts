import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { parseSop } from "../sop-schema/parse";
import type { SopDocument } from "../sop-schema/types";
import { buildWrapUp } from "../runbook/derive";
import { initialState, type RunState } from "../runbook/state";
import { reduce, replay } from "../runbook/reduce";
import { validateEvent } from "../runbook/validate";
import type { RunEvent } from "../runbook/events";
import { parseStored } from "./json-columns";
import { runs } from "./schema";
import { runFacts } from "../analytics/facts";
import { wrapUpWithoutValues } from "../app/lib/sensitive";
import { createTestDb } from "./test-db.server";
import type { Db } from "./client.server";
import { createDepartment, createUser } from "./users.server";
import { publishVersion } from "./sops.server";
import { queryAudit } from "./audit.server";
import { appendRunEvents, createRun, listRunEvents, type RunEngine } from "./runs.server";
import {
  DEFAULT_RETENTION_DAYS,
  getRetentionDays,
  lastRetentionPurge,
  purgeFieldValues,
  purgeFieldValuesInSteps,
  RETENTION_DAYS_KEY,
  setRetentionDays,
  type WrapUpScrubber,
} from "./retention.server";
import { setMeta } from "./meta.server";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

const doc: SopDocument = parseSop(`---
title: Card dispute
department: Billing
purpose: Testing retention.
---

## Call

<Step id="verify" title="Verify">

<Say>Thank you {customer_name}.</Say>

<Field name="customer_name" label="Customer's name" required />

<Field name="card_last4" label="Last four digits of the card" pattern="^[0-9]{4}$" sensitive />

<Field name="has_receipt" label="Has a receipt" type="yes-no" />

<Check>Postcode matches</Check>

</Step>

<Step id="decide" title="Decide">

<Flow id="size" title="How big?">
  <Node id="start" type="start" label="Start" />
  <Node id="q" type="question" label="Above 100?" field="big" />
  <Node id="done" type="end" label="Done" outcome="resolved" />
  <Edge from="start" to="q" />
  <Edge from="q" to="done" label="Yes" />
  <Edge from="q" to="done" label="No" />
</Flow>

</Step>

<Step id="close" title="Close">

<Field name="details" label="Details" type="textarea" />

</Step>
`);

const engine: RunEngine<RunEvent, RunState> = {
  validate: (state, event) => validateEvent(doc, state, event),
  reduce: (state, event) => reduce(doc, state, event),
  summarise: (s) => ({ status: s.status, completedAt: s.completedAt ?? null, outcome: s.outcome?.outcome ?? null }),
  eventCountOf: (s) => s.appliedEventIds.length,
  factsOf: (s) => runFacts(doc, s),
};

const scrubWrapUp: WrapUpScrubber = (text, run) => wrapUpWithoutValues(run.document!, text, run.typed);

/** Events with fresh ids (several runs share one database), one second apart from `clock`. */
class Events {
  constructor(public clock: number) {}
  started(extra: Partial<Extract<RunEvent, { type: "started" }>> = {}): Extract<RunEvent, { type: "started" }> {
    return { id: randomUUID(), at: this.clock, type: "started", sopId: "card-dispute", versionId, ...extra };
  }
  make<T extends RunEvent["type"]>(
    type: T,
    payload: Omit<Extract<RunEvent, { type: T }>, "id" | "at" | "type">,
  ): Extract<RunEvent, { type: T }> {
    this.clock += 1000;
    return { id: randomUUID(), at: this.clock, type, ...payload } as Extract<RunEvent, { type: T }>;
  }
}

let db: Db;
let agentId: string;
let versionId: number;

beforeEach(async () => {
  db = createTestDb();
  const dept = await createDepartment(db, { name: "Billing" }, null);
  agentId = await createUser(
    db,
    { email: "agent@x.test", name: "Agent", role: "agent", departmentId: dept, passwordHash: "x" },
    null,
  );
  const sop = {
    sopId: "card-dispute",
    title: "Card dispute",
    departmentId: dept,
    source: "",
    hash: "h",
    document: doc,
    changeNote: "",
    actorId: null,
  };
  versionId = (await publishVersion(db, { ...sop, errorCount: 0, warningCount: 0 })).versionId;
});

type Plan = { daysAgo: number; end: "completed" | "discarded" | "active"; practice?: boolean };

/** A run whose client clock starts `daysAgo` days before NOW, captured, answered and wrapped up (or not). */
async function newRun({ daysAgo, end, practice }: Plan): Promise<string> {
  const f = new Events(NOW - daysAgo * DAY);
  const started = f.started({ customerRef: "CUST-7" });
  const state = initialState(doc, started);
  const kind = practice ? { practice: { scenarioId: "s" } } : {};
  const runId = await createRun(db, {
    sopId: "card-dispute",
    versionId,
    agentId,
    started,
    state,
    summary: { status: "active" },
    ...kind,
  });
  const events: RunEvent[] = [
    f.make("field.captured", { name: "customer_name", value: "Ada Lovelace" }),
    f.make("field.captured", { name: "card_last4", value: "1111" }),
    f.make("field.captured", { name: "card_last4", value: "4242" }),
    f.make("field.captured", { name: "has_receipt", value: "yes" }),
    f.make("check.toggled", { checkId: "verify.check-1", checked: true }),
    f.make("step.completed", { stepId: "verify" }),
    f.make("flow.answered", { flowId: "size", nodeId: "start", to: "q" }),
    f.make("flow.answered", { flowId: "size", nodeId: "q", to: "done", label: "Yes" }),
    f.make("field.captured", { name: "details", value: "Disputes 4242\nsince March" }),
    f.make("field.captured", { name: "details", value: "" }),
    f.make("field.captured", { name: "details", value: "Card 4242 charged twice" }),
    f.make("note.added", { text: "Customer was calm; card 4242" }),
    f.make("step.skipped", { stepId: "close", reason: "Nothing else to do" }),
  ];
  const { state: current } = await appendRunEvents(db, runId, events, engine);
  if (end === "completed") {
    await appendRunEvents(
      db,
      runId,
      [f.make("completed", { outcome: "resolved", wrapUp: buildWrapUp(doc, current) })],
      engine,
    );
  } else if (end === "discarded") {
    await appendRunEvents(db, runId, [f.make("discarded", { reason: "Wrong customer" })], engine);
    // a discarded run's cut-off is its last change (updated_at, the server's clock)
    db.$client.prepare("UPDATE runs SET updated_at = ? WHERE id = ?").run(NOW - daysAgo * DAY + 60_000, runId);
  }
  return runId;
}

const stored = async (runId: string) => ({
  row: db.$client
    .prepare("SELECT state, event_count AS eventCount, fields_purged_at AS purgedAt, status FROM runs WHERE id = ?")
    .get(runId) as {
    state: string;
    eventCount: number;
    purgedAt: number | null;
    status: string;
  },
  events: await listRunEvents(db, runId),
  facts: db.$client.prepare("SELECT * FROM run_facts WHERE run_id = ?").get(runId),
});
const stateOf = async (runId: string) => parseStored(runs.state, (await stored(runId)).row.state);
const cutOff = (days = 90) => NOW - days * DAY;

describe("retention days", () => {
  it("defaults to 90, stores a new value with an audit entry, and ignores an unusable stored value", async () => {
    const admin = await createUser(
      db,
      { email: "admin@x.test", name: "Admin", role: "admin", departmentId: null, passwordHash: "x" },
      null,
    );
    expect(getRetentionDays(db)).toBe(DEFAULT_RETENTION_DAYS);
    expect(setRetentionDays(db, 30, admin)).toBe(true);
    expect(getRetentionDays(db)).toBe(30);
    expect(setRetentionDays(db, 30, admin)).toBe(false); // nothing changed: nothing recorded
    const audit = (await queryAudit(db, { action: "retention" })).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "retention.days",
      actorId: admin,
      actorName: "Admin",
      targetType: "setting",
      targetId: RETENTION_DAYS_KEY,
    });
    expect(audit[0]!.summary).toBe("Captured field values are kept for 30 days (was 90)");
    // saving the default explicitly is recorded once (the setting was not stored before)
    const fresh = createTestDb();
    expect(setRetentionDays(fresh, 90, null)).toBe(true);
    expect(setRetentionDays(fresh, 90, null)).toBe(false);
    for (const bad of ["0", "3651", "12.5", "abc", ""]) {
      setMeta(db, RETENTION_DAYS_KEY, bad);
      expect(getRetentionDays(db), bad).toBe(90);
    }
    setMeta(db, RETENTION_DAYS_KEY, "3650");
    expect(getRetentionDays(db)).toBe(3650);
  });

  it("refuses a period outside 1–3650 whole days", () => {
    for (const bad of [0, -1, 3651, 1.5, Number.NaN])
      expect(() => setRetentionDays(db, bad, null), String(bad)).toThrow(RangeError);
    expect(setRetentionDays(db, 1, null)).toBe(true);
    expect(setRetentionDays(db, 3650, null)).toBe(true);
  });
});

describe("purgeFieldValues", () => {
  it(
    "empties the captured values of old finished runs from their " +
      "events, state and wrap-up; the events keep their shape",
    async () => {
      const old = await newRun({ daysAgo: 100, end: "completed" });
      const before = await stored(old);
      const beforeState = parseStored(runs.state, before.row.state);
      expect(beforeState.fields.card_last4?.value).toBe("4242");
      expect(beforeState.outcome!.wrapUp).toContain("- Last four digits of the card: 4242");

      const result = purgeFieldValues(db, { olderThan: cutOff(), scrubWrapUp, now: NOW });
      // 6 field.captured with a value (the cleared one had none) and the wrap-up
      expect(result).toEqual({ runs: 1, events: 7 });

      const after = await stored(old);
      expect(after.row.eventCount).toBe(before.row.eventCount);
      expect(after.row.purgedAt).toBe(NOW);
      expect(after.row.status).toBe("completed");
      expect(after.events.map(({ id, seq, type, at }) => ({ id, seq, type, at }))).toEqual(
        before.events.map(({ id, seq, type, at }) => ({ id, seq, type, at })),
      );
      before.events.forEach((b, i) => {
        const a = after.events[i]!;
        const p = b.payload as Record<string, unknown>;
        if (b.type === "field.captured" && p.value !== "") expect(a.payload).toEqual({ ...p, value: "", purged: true });
        else if (b.type === "completed")
          expect(a.payload).toEqual({ ...p, wrapUp: (a.payload as { wrapUp: string }).wrapUp });
        else expect(a.payload).toEqual(b.payload); // the cleared capture, notes, steps, flow answers: untouched
      });
      const state = parseStored(runs.state, after.row.state);
      // notes typed by the agent are not field values: they stay as written (here it mentions the card)
      const all =
        JSON.stringify(after.events.filter((e) => e.type !== "note.added").map((e) => e.payload)) +
        JSON.stringify({ ...state, notes: [] });
      expect(all).not.toMatch(/Ada Lovelace|4242|1111|since March/);
      expect(state.notes.map((n) => n.text)).toEqual(["Customer was calm; card 4242"]);
      expect(state.fields).toEqual({});
      const { fields: _f, outcome: outcomeAfter, ...restAfter } = state;
      const { fields: _g, outcome: outcomeBefore, ...restBefore } = beforeState;
      expect(restAfter).toEqual(restBefore);
      expect({ ...outcomeAfter, wrapUp: "" }).toEqual({ ...outcomeBefore, wrapUp: "" });
      expect(outcomeAfter!.wrapUp).toContain("- Last four digits of the card: [removed]");
      expect(outcomeAfter!.wrapUp).toContain("- Has a receipt: [removed]");
      expect(outcomeAfter!.wrapUp).toContain("- Above 100?: [removed]");
      expect(outcomeAfter!.wrapUp).toContain("Above 100? Yes"); // the path taken
      const completed = after.events.find((e) => e.type === "completed")!.payload as { wrapUp: string };
      expect(completed.wrapUp).toBe(outcomeAfter!.wrapUp);
      // the dashboards' row stays as it was
      expect(after.facts).toEqual(before.facts);
    },
  );

  it(
    "leaves active runs, recent runs and runs inside the period " + "alone; purges old discarded and practice runs",
    async () => {
      const done = await newRun({ daysAgo: 100, end: "completed" });
      const discarded = await newRun({ daysAgo: 95, end: "discarded" });
      const practice = await newRun({ daysAgo: 120, end: "completed", practice: true });
      const active = await newRun({ daysAgo: 400, end: "active" });
      const recent = await newRun({ daysAgo: 10, end: "completed" });
      const edge = await newRun({ daysAgo: 89, end: "completed" });
      const untouched = await Promise.all([active, recent, edge].map(async (id) => [id, await stored(id)] as const));

      const purged: string[] = [];
      expect(
        purgeFieldValues(db, { olderThan: cutOff(), scrubWrapUp, onPurged: (ids) => purged.push(...ids) }),
      ).toMatchObject({ runs: 3 });
      expect(purged.sort()).toEqual([done, discarded, practice].sort());
      for (const id of [done, discarded, practice]) {
        expect((await stateOf(id)).fields, id).toEqual({});
        expect((await stored(id)).row.purgedAt).not.toBeNull();
      }
      expect((await stateOf(discarded)).status).toBe("discarded");
      for (const [id, before] of untouched) expect(await stored(id), id).toEqual(before);
      // a shorter period reaches the run of 89 days ago; nothing else is left to do
      expect(purgeFieldValues(db, { olderThan: cutOff(30), scrubWrapUp })).toMatchObject({ runs: 1 });
      expect((await stateOf(edge)).fields).toEqual({});
      expect((await stateOf(recent)).fields.card_last4?.value).toBe("4242");
      expect((await listRunEvents(db, active)).some((e) => (e.payload as { value?: string }).value === "4242")).toBe(
        true,
      );
    },
  );

  it("is idempotent: a second call purges nothing and rewrites nothing", async () => {
    const id = await newRun({ daysAgo: 100, end: "completed" });
    expect(purgeFieldValues(db, { olderThan: cutOff(), scrubWrapUp }).runs).toBe(1);
    const once = await stored(id);
    let called = 0;
    expect(purgeFieldValues(db, { olderThan: cutOff(), scrubWrapUp: (t) => (called++, t) })).toEqual({
      runs: 0,
      events: 0,
    });
    expect(called).toBe(0);
    expect(await stored(id)).toEqual(once);
  });

  it("commits `batch` runs at a time and tells after each commit which runs it purged", async () => {
    const ids = [
      await newRun({ daysAgo: 100, end: "completed" }),
      await newRun({ daysAgo: 101, end: "discarded" }),
      await newRun({ daysAgo: 102, end: "completed" }),
    ];
    const commits: string[][] = [];
    const steps = purgeFieldValuesInSteps(db, {
      olderThan: cutOff(),
      batch: 2,
      scrubWrapUp,
      onPurged: (r) => commits.push([...r]),
    });
    const first = steps.next();
    expect(first).toMatchObject({ done: false, value: { runs: 2 } });
    expect(commits).toEqual([ids.slice(0, 2)]);
    // committed already: another reader sees the first batch purged, the third run not yet
    expect((await stateOf(ids[0]!)).fields).toEqual({});
    expect((await stateOf(ids[2]!)).fields.customer_name?.value).toBe("Ada Lovelace");
    let last = steps.next();
    expect(last).toMatchObject({ done: false, value: { runs: 1 } });
    while (!last.done) last = steps.next();
    expect(last.value.runs).toBe(3);
    expect(commits).toEqual([ids.slice(0, 2), ids.slice(2)]);
  });

  it(
    "a replay of the purged events gives a state without " + "the values and the same step statuses, checks and path",
    async () => {
      const id = await newRun({ daysAgo: 100, end: "completed" });
      const before = await stateOf(id);
      purgeFieldValues(db, { olderThan: cutOff(), scrubWrapUp });
      const events = (await listRunEvents(db, id)).map((e) => e.payload);
      const again = replay(doc, events);
      // the only value left is the flow node's: the answer chosen, one of the SOP's own labels, replayed from the path;
      // the others are kept as purged (filled when captured: the required customer_name still lets "verify" be done)
      const { big, ...rest } = again.fields;
      expect(big).toEqual({ value: "Yes", at: before.fields.big!.at });
      expect(Object.keys(rest).length).toBeGreaterThan(0);
      for (const [name, f] of Object.entries(rest))
        expect(f, name).toEqual({ value: "", at: before.fields[name]!.at, purged: true });
      // the agent's note keeps what it says; the event ids are random UUIDs (one may hold "4242")
      expect(JSON.stringify({ ...again, notes: [], appliedEventIds: [] })).not.toMatch(/Ada Lovelace|4242|1111/);
      expect(again.steps).toEqual(before.steps);
      expect(again.checks).toEqual(before.checks);
      expect(again.flows).toEqual(before.flows);
      expect(again.notes).toEqual(before.notes);
      expect(again.status).toBe("completed");
      expect(again.appliedEventIds).toEqual(before.appliedEventIds);
      expect(again.outcome!.wrapUp).toBe((await stateOf(id)).outcome!.wrapUp);
    },
  );
});

describe("lastRetentionPurge", () => {
  it("reads the latest retention.purge entry of the audit log", () => {
    expect(lastRetentionPurge(db)).toBeNull();
    const entry = (runs: number, at: number) =>
      db.$client
        .prepare(
          "INSERT INTO audit_log (at, action, target_type, target_id, summary, " +
            "details) VALUES (?, 'retention.purge', 'runs', 'field-values', 's', ?)",
        )
        .run(at, JSON.stringify({ runs, events: runs * 3, olderThan: at - 90 * DAY, days: 90 }));
    entry(2, NOW - DAY);
    entry(5, NOW);
    expect(lastRetentionPurge(db)).toEqual({ at: NOW, runs: 5, events: 15, olderThan: NOW - 90 * DAY });
  });
});
