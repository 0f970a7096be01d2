// The crash test: clients stream events in many small concurrent batches; the server is killed with SIGKILL
// mid-stream, restarted on the same database, and the log is compared with what the clients were told.
// Every acknowledged (2xx) event must be stored exactly once; replaying everything that was not acknowledged
// stores each of those once (or is a no-op for the ones that had committed before the answer was lost).
import { randomUUID } from "node:crypto";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { DEMO } from "./fixtures";
import {
  apiSignIn,
  expect,
  expectNoDuplicates,
  getRun,
  startOwnServer,
  tempDbFile,
  test,
  type OwnServer,
} from "./runbook-fixtures";

type Note = { id: string; at: number; type: "note.added"; text: string };
type Batch = { runId: string; stream: number; events: Note[]; status: "acked" | "failed" | "refused" };

const RUNS = 4;
const STREAMS_PER_RUN = 3;

async function stream(
  api: APIRequestContext,
  runId: string,
  stream: number,
  log: Batch[],
  stop: { now: boolean },
): Promise<void> {
  for (let n = 0; !stop.now; n++) {
    const size = 1 + (n % 3);
    const events: Note[] = Array.from({ length: size }, (_, i) => ({
      id: randomUUID(),
      at: Date.now(),
      type: "note.added",
      text: `s${stream} n${n}.${i}`,
    }));
    const batch: Batch = { runId, stream, events, status: "failed" };
    log.push(batch);
    try {
      const res = await api.post(`/api/runs/${runId}/events`, { data: { events }, timeout: 10_000 });
      batch.status = res.ok() ? "acked" : "refused";
      if (!res.ok()) return;
    } catch {
      return; // the server is gone: this batch is unacknowledged (it may or may not have committed)
    }
  }
}

test("kill -9 mid-stream: every acknowledged event is kept, none duplicated, replays store the rest once", async () => {
  test.setTimeout(90_000);
  const db = tempDbFile();
  let server: OwnServer | undefined = await startOwnServer(db.file);
  const api = await playwrightRequest.newContext({ baseURL: server.url });
  try {
    await apiSignIn(api, DEMO.agent);
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const res = await api.post("/api/runs", {
        data: { sopId: "call-opening-aidet", channel: "chat", customerRef: `crash-${i}` },
      });
      expect(res.status()).toBe(201);
      runIds.push(((await res.json()) as { id: string }).id);
    }

    // Stream from RUNS × STREAMS_PER_RUN concurrent clients, and kill the server once plenty is acknowledged.
    const log: Batch[] = [];
    const stop = { now: false };
    const streams = runIds.flatMap((runId, r) =>
      Array.from({ length: STREAMS_PER_RUN }, (_, s) => stream(api, runId, r * STREAMS_PER_RUN + s, log, stop)),
    );
    await expect
      .poll(() => log.filter((b) => b.status === "acked").length, { timeout: 30_000, intervals: [50] })
      .toBeGreaterThan(150);
    const port = server.port;
    await server.kill("SIGKILL");
    server = undefined;
    await Promise.all(streams);
    stop.now = true;

    const acked = log.filter((b) => b.status === "acked");
    const unacked = log.filter((b) => b.status === "failed");
    expect(log.filter((b) => b.status === "refused")).toEqual([]);
    expect(unacked.length, "batches were in flight when the server died").toBeGreaterThan(0);

    // Restart on the same database and compare.
    server = await startOwnServer(db.file, port);
    const storedIds = new Set<string>();
    for (const runId of runIds) {
      const run = await getRun(api, runId);
      const ids = expectNoDuplicates(run);
      ids.forEach((id) => storedIds.add(id));
      // each stream's acknowledged events are in the log in the order the stream sent them
      for (let s = 0; s < STREAMS_PER_RUN; s++) {
        const mine = acked
          .filter((b) => b.runId === runId && b.stream === runIds.indexOf(runId) * STREAMS_PER_RUN + s)
          .flatMap((b) => b.events.map((e) => e.id));
        const positions = mine.map((id) => ids.indexOf(id));
        expect(
          positions.every((p) => p > 0),
          "every acknowledged event is stored",
        ).toBe(true);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }
      expect(run.state.notes).toHaveLength(ids.length - 1);
    }
    const ackedIds = acked.flatMap((b) => b.events.map((e) => e.id));
    for (const id of ackedIds) expect(storedIds.has(id), `acknowledged event ${id} was lost`).toBe(true);
    // An unacknowledged batch is all or nothing (one transaction): never half stored.
    const committedBeforeDeath = unacked.filter((b) => b.events.every((e) => storedIds.has(e.id)));
    for (const b of unacked) {
      const stored = b.events.filter((e) => storedIds.has(e.id)).length;
      expect([0, b.events.length]).toContain(stored);
    }

    // Replay every unacknowledged batch, and a few acknowledged ones again: all 2xx, each event stored once.
    let duplicates = 0;
    for (const b of [...unacked, ...acked.slice(0, 10)]) {
      const res = await api.post(`/api/runs/${b.runId}/events`, { data: { events: b.events } });
      expect(res.status()).toBe(200);
      duplicates += ((await res.json()) as { duplicates: number }).duplicates;
    }
    const expectedDuplicates =
      acked.slice(0, 10).reduce((n, b) => n + b.events.length, 0) +
      committedBeforeDeath.reduce((n, b) => n + b.events.length, 0);
    expect(duplicates).toBe(expectedDuplicates);
    const everything = new Set(log.flatMap((b) => b.events.map((e) => e.id)));
    let total = 0;
    for (const runId of runIds) {
      const run = await getRun(api, runId);
      const ids = expectNoDuplicates(run);
      total += ids.length - 1;
      for (const id of ids.slice(1)) expect(everything.has(id)).toBe(true);
    }
    expect(total).toBe(everything.size);
    test.info().annotations.push({
      type: "crash",
      description:
        `${acked.length} batches (${ackedIds.length} events) acknowledged, ${unacked.length} in flight at the kill ` +
        `(${committedBeforeDeath.length} had committed); all ${everything.size} events stored once after replay`,
    });
  } finally {
    await api.dispose();
    await server?.kill("SIGTERM");
    db.cleanup();
  }
});
