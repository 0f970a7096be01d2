import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../db/client.server";
import { queryAudit } from "../db/audit.server";
import { lastRetentionPurge, lastRetentionRun, setRetentionDays } from "../db/retention.server";
import { publishVersion } from "../db/sops.server";
import { createTestDb, createTestUser } from "../db/test-db.server";
import { createDepartment } from "../db/users.server";
import { parseSop } from "../sop-schema/parse";
import type { SessionUser } from "./auth/session.server";
import { runRetention, scheduleRetention } from "./retention.server";
import { appendEvents, runPayload, startRun } from "./runs.server";

const DAY = 86_400_000;

const doc = parseSop(`---
title: Card dispute
department: Billing
purpose: Testing the retention job.
---

## Call

<Step id="verify" title="Verify">

<Field name="card_last4" label="Last four digits of the card" pattern="^[0-9]{4}$" sensitive />

<Field name="customer_name" label="Customer's name" />

</Step>
`);

let db: Db;
let agent: SessionUser;
let admin: SessionUser;

/** A call through the run API: two values captured, wrapped up unless `open`. */
async function call(open = false): Promise<string> {
  const { runId } = await startRun(db, agent, { sopId: "card-dispute" });
  let at = Date.now();
  const ev = (e: Record<string, unknown>) => ({ id: randomUUID(), at: (at += 1000), ...e });
  const events = [
    ev({ type: "field.captured", name: "card_last4", value: "4242" }),
    ev({ type: "field.captured", name: "customer_name", value: "Ada Lovelace" }),
  ];
  const wrapUp = "Card dispute\n- Last four digits of the card: 4242\n- Customer's name: Ada Lovelace";
  if (!open) events.push(ev({ type: "completed", outcome: "resolved", wrapUp }));
  await appendEvents(db, agent, runId, { events });
  return runId;
}

const purges = async () => (await queryAudit(db, { action: "retention.purge" })).rows;

beforeEach(async () => {
  db = createTestDb();
  const billing = await createDepartment(db, { name: "Billing" }, null);
  agent = await createTestUser(db, "ana", "agent", billing);
  admin = await createTestUser(db, "ada", "admin", null);
  const sop = {
    sopId: "card-dispute",
    title: "Card dispute",
    departmentId: billing,
    source: "",
    hash: "h",
    document: doc,
    changeNote: "",
    actorId: null,
  };
  await publishVersion(db, { ...sop, errorCount: 0, warningCount: 0 });
});

describe("runRetention", () => {
  it("records nothing in the audit log when nothing was removed, but remembers that it ran", async () => {
    await call();
    const now = Date.now();
    expect(await runRetention(db, now)).toEqual({ runs: 0, events: 0, days: 90, olderThan: now - 90 * DAY });
    expect(await purges()).toEqual([]);
    expect(lastRetentionRun(db)).toBe(now);
    expect(lastRetentionPurge(db)).toBeNull();
  });

  it(
    "removes the values of runs finished before the period " + "and records one entry with the counts and the cut-off",
    async () => {
      const a = await call();
      const b = await call();
      const open = await call(true);
      const later = Date.now() + 100 * DAY;
      const result = await runRetention(db, later, { batch: 1 });
      expect(result).toEqual({ runs: 2, events: 6, days: 90, olderThan: later - 90 * DAY });
      const entries = (await queryAudit(db, { action: "retention" })).rows;
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: "retention.purge",
        actorId: null,
        actorName: null,
        targetType: "runs",
        targetId: "field_values",
      });
      const day = new Date(later - 90 * DAY).toISOString().slice(0, 10);
      expect(entries[0]!.summary).toBe(
        `Removed the captured field values of 2 runs finished before ${day} (kept 90 days)`,
      );
      expect(lastRetentionPurge(db)).toMatchObject({ runs: 2, events: 6, olderThan: later - 90 * DAY });
      for (const id of [a, b]) {
        const { events } = await runPayload(db, admin, id);
        expect(JSON.stringify(events)).not.toMatch(/4242|Ada Lovelace/);
        const wrapUp = "Card dispute\n- Last four digits of the card: [removed]\n- Customer's name: [removed]";
        expect(events.find((e) => e.type === "completed")).toMatchObject({ wrapUp });
      }
      expect(JSON.stringify((await runPayload(db, agent, open)).events)).toContain("4242");
      // the next day: nothing left, no entry
      expect(await runRetention(db, later + DAY)).toMatchObject({ runs: 0, events: 0 });
      expect(await purges()).toHaveLength(1);
      expect(lastRetentionRun(db)).toBe(later + DAY);
    },
  );

  it("keeps values for the period the admin set", async () => {
    await call();
    const in40Days = Date.now() + 40 * DAY;
    expect((await runRetention(db, in40Days)).runs).toBe(0);
    setRetentionDays(db, 30, admin.id);
    expect(await runRetention(db, in40Days)).toMatchObject({ runs: 1, days: 30, olderThan: in40Days - 30 * DAY });
    expect((await purges())[0]!.summary).toContain("1 run finished before");
  });
});

describe("scheduleRetention", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "clearTimeout", "clearInterval"] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("runs shortly after start, then daily, never two at once", async () => {
    let calls = 0;
    let finish: () => void = () => {};
    const run = () => {
      calls += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    };
    const stop = scheduleRetention(db, { delayMs: 60_000, everyMs: DAY, run });
    expect(scheduleRetention(db, { run })).toBe(stop); // one schedule per database
    vi.advanceTimersByTime(59_999);
    expect(calls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(calls).toBe(1);
    vi.advanceTimersByTime(DAY); // the first run is still going: this turn does nothing
    expect(calls).toBe(1);
    finish();
    await vi.waitFor(() => {
      vi.advanceTimersByTime(DAY);
      expect(calls).toBe(2);
    });
    finish();
    stop();
    await Promise.resolve();
    vi.advanceTimersByTime(10 * DAY);
    expect(calls).toBe(2);
  });

  it("logs a failure instead of throwing, and tries again at the next turn", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    let calls = 0;
    const run = () => ((calls += 1) === 1 ? Promise.reject(new Error("disk full")) : Promise.resolve());
    const stop = scheduleRetention(db, { delayMs: 10, everyMs: 1000, run });
    vi.advanceTimersByTime(10);
    await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(1));
    expect(String(logged.mock.calls[0]![0])).toContain("data retention job failed");
    expect(logged.mock.calls[0]![1]).toBeInstanceOf(Error);
    vi.advanceTimersByTime(1000);
    expect(calls).toBe(2);
    stop();
  });

  it("the real job, on its timer, purges and audits", async () => {
    await call();
    setRetentionDays(db, 1, admin.id);
    // the run finished "now": move the job's clock two days on
    const stop = scheduleRetention(db, { delayMs: 5, run: (d) => runRetention(d, Date.now() + 2 * DAY) });
    vi.advanceTimersByTime(5);
    await vi.waitFor(async () => expect(await purges()).toHaveLength(1));
    stop();
  });
});
