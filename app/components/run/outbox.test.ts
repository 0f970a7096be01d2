import { describe, expect, it } from "vitest";
import { loadOutbox, nextDelay, saveOutbox, uuid, withoutAcknowledged } from "./outbox";

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

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
  });
  it("drops events the server already acknowledged", () => {
    expect(withoutAcknowledged([{ id: "a" }, { id: "b" }], ["a"])).toEqual([{ id: "b" }]);
  });
  it("makes v4 UUIDs and backs off to 30 s", () => {
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([1000, 2000, 16000, 30000].map(nextDelay)).toEqual([2000, 4000, 30000, 30000]);
  });
});
