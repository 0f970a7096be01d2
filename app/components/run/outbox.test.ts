import { describe, expect, it } from "vitest";
import {
  loadOutbox,
  loadSnapshot,
  newerState,
  nextDelay,
  rememberRun,
  saveOutbox,
  saveSnapshot,
  uuid,
  withoutAcknowledged,
} from "./outbox";
import { memoryStorage } from "./test-storage";

describe("run outbox", () => {
  it("round-trips pending events per run and clears when empty", () => {
    const s = memoryStorage();
    saveOutbox(s, "r1", [{ id: "a" }, { id: "b" }]);
    expect(loadOutbox(s, "r1")).toEqual([{ id: "a" }, { id: "b" }]);
    expect(loadOutbox(s, "r2")).toEqual([]);
    saveOutbox(s, "r1", []);
    expect(s.m.size).toBe(0);
  });
  it("survives corrupt storage", () => {
    const s = memoryStorage();
    s.setItem("stepwise:run:r1:outbox", "{not json");
    expect(loadOutbox(s, "r1")).toEqual([]);
    s.setItem("stepwise:run:r1:outbox", JSON.stringify([{ id: 1 }, null, { id: "ok" }]));
    expect(loadOutbox(s, "r1")).toEqual([{ id: "ok" }]);
    s.setItem("stepwise:run:r1:state", "[1,2");
    expect(loadSnapshot(s, "r1")).toBeNull();
    s.setItem("stepwise:run:r1:state", JSON.stringify({ appliedEventIds: [3] }));
    expect(loadSnapshot(s, "r1")).toBeNull();
  });
  it("drops events the server already acknowledged", () => {
    expect(withoutAcknowledged([{ id: "a" }, { id: "b" }], ["a"])).toEqual([{ id: "b" }]);
  });
  it("keeps the later of two acknowledged states of the same run", () => {
    const s = memoryStorage();
    const a = { appliedEventIds: ["start", "e1"] };
    const b = { appliedEventIds: ["start", "e1", "e2"] };
    saveSnapshot(s, "r1", b);
    expect(loadSnapshot(s, "r1")).toEqual(b);
    expect(newerState(a, b)).toBe(b);
    expect(newerState(b, a)).toBe(b);
    expect(newerState(a, { appliedEventIds: ["start", "x"] })).toBe(a); // a tie keeps the first
    expect(newerState(a, { appliedEventIds: ["other-run", "1", "2"] })).toBe(a);
    expect(newerState(a, null)).toBe(a);
  });
  it("forgets the snapshots of old runs, never one whose outbox still holds events", () => {
    const s = memoryStorage();
    for (const id of ["r1", "r2", "r3", "r4"]) saveSnapshot(s, id, { appliedEventIds: [id] });
    saveOutbox(s, "r1", [{ id: "waiting" }]);
    for (const id of ["r1", "r2", "r3", "r4"]) rememberRun(s, id, 2);
    expect(loadSnapshot(s, "r4")).not.toBeNull();
    expect(loadSnapshot(s, "r3")).not.toBeNull();
    expect(loadSnapshot(s, "r2")).toBeNull();
    expect(loadSnapshot(s, "r1")).not.toBeNull();
    expect(JSON.parse(s.getItem("stepwise:runs:recent")!)).toEqual(["r4", "r3", "r1"]);
  });
  it("makes v4 UUIDs and backs off to 10 s", () => {
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([500, 1000, 2000, 8000, 10000].map(nextDelay)).toEqual([1000, 2000, 4000, 10000, 10000]);
  });
});
