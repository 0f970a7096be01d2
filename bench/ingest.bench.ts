// Benchmark: event ingest against the real production server (server.js + the React Router build) on a temp
// database with synchronous=FULL. Acknowledged = the HTTP 200 came back, which the server sends only after the
// COMMIT holding the events returned (db/runs.server.ts RunEventWriter: what arrives together shares one commit).
// Beside it, a bare Node `http` server (own process, reads the body, answers JSON) under the same load.
import { randomUUID } from "node:crypto";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { percentile, signInCookie, startBareNodeServer, startProductionServer, tempDir } from "./prod-server";
import type { Row } from "./stats";

const CONCURRENCY = 32;
const EVENTS_PER_RUN = 100; // a long call; runs are rotated so a state never grows beyond a real one
const MEASURE_MS = 5_000;
const WARMUP_MS = 1_000;

const LONG_RUNS = 4;
const LONG_RUN_EVENTS = 4_000; // near the 5,000-event cap per run (MAX_EVENTS_PER_RUN): the worst state to acknowledge

type Target = {
  host: string;
  port: number;
  agent: http.Agent;
  cookie?: string;
  /** answer bytes received */ bytes: number;
  answers: number;
};

function target(url: string, cookie?: string): Target {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port),
    agent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 }),
    cookie,
    bytes: 0,
    answers: 0,
  };
}

function post(t: Target, pathName: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: t.host,
        port: t.port,
        path: pathName,
        method: "POST",
        agent: t.agent,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          Accept: "application/json",
          ...(t.cookie ? { Cookie: t.cookie } : {}),
        },
      },
      (res) => {
        res.on("data", (c: Buffer) => (t.bytes += c.length));
        res.on("end", () => {
          t.answers += 1;
          resolve(res.statusCode ?? 0);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Average answer size since the last call (then resets the counters). */
function answerBytes(t: Target): number {
  const avg = t.answers ? t.bytes / t.answers : 0;
  t.bytes = 0;
  t.answers = 0;
  return avg;
}

function notes(n: number): string {
  return JSON.stringify({
    events: Array.from({ length: n }, () => ({
      id: randomUUID(),
      at: Date.now(),
      type: "note.added",
      text: "Customer confirmed the delivery address.",
    })),
  });
}

/** A pool of fresh runs, handed out as the previous one reaches EVENTS_PER_RUN (more are started when it runs dry). */
class RunPool {
  private next = 0;
  constructor(
    readonly ids: string[],
    private readonly more: () => Promise<string[]>,
  ) {}
  async take(): Promise<string> {
    if (this.next >= this.ids.length) this.ids.push(...(await this.more()));
    return this.ids[this.next++]!;
  }
  /** Makes sure `n` more runs are ready, so that no timed request has to start one first. */
  async reserve(n: number): Promise<void> {
    while (this.ids.length - this.next < n) this.ids.push(...(await this.more()));
  }
}

async function createRuns(t: Target, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const body = JSON.stringify({ sopId: "call-opening-aidet", channel: "phone" });
    const id = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          host: t.host,
          port: t.port,
          path: "/api/runs",
          method: "POST",
          agent: t.agent,
          headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Cookie: t.cookie! },
        },
        (res) => {
          let data = "";
          res.on("data", (c) => (data += c));
          res.on("end", () =>
            res.statusCode === 201
              ? resolve((JSON.parse(data) as { id: string }).id)
              : reject(new Error(`start run: HTTP ${res.statusCode} ${data}`)),
          );
        },
      );
      req.on("error", reject);
      req.end(body);
    });
    ids.push(id);
  }
  return ids;
}

/** `concurrency` clients, each sending its next request as soon as the previous one is answered. */
async function closedLoop(
  send: (worker: number) => Promise<number>,
  perRequest: number,
): Promise<{ perSecond: number; latencies: number[]; failures: number }> {
  const latencies: number[] = [];
  let acked = 0;
  let failures = 0;
  const start = performance.now();
  const measureFrom = start + WARMUP_MS;
  const end = measureFrom + MEASURE_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const status = await send(w);
        const t1 = performance.now();
        if (t0 < measureFrom || t1 > end) continue;
        if (status === 200) {
          acked += perRequest;
          latencies.push(t1 - t0);
        } else failures += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { perSecond: acked / (MEASURE_MS / 1000), latencies, failures };
}

/** Open loop: one request every 1000/rate ms whatever the answers do (what a latency target means). */
async function openLoop(
  send: () => Promise<number>,
  rate: number,
  seconds: number,
): Promise<{ latencies: number[]; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const interval = 1000 / rate;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < rate * seconds; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    pending.push(
      send().then(
        (status) => {
          if (status === 200) latencies.push(performance.now() - t0);
          else failures += 1;
        },
        () => void (failures += 1),
      ),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return { latencies, failures };
}

export async function benchIngest(): Promise<Row[]> {
  const tmp = tempDir("stepwise-ingest-");
  const server = await startProductionServer(path.join(tmp.dir, "bench.db"));
  try {
    const cookie = await signInCookie(server.url);
    const app = target(server.url, cookie);
    const pool = new RunPool(await createRuns(app, 300), () => createRuns(app, 1));
    const current = Array.from({ length: CONCURRENCY + 1 }, () => ({ run: "", sent: EVENTS_PER_RUN }));
    const sendBatch = async (w: number, n: number) => {
      const slot = current[w]!;
      if (slot.sent + n > EVENTS_PER_RUN) {
        slot.run = await pool.take();
        slot.sent = 0;
      }
      slot.sent += n;
      return post(app, `/api/runs/${slot.run}/events`, notes(n));
    };

    answerBytes(app);
    const single = await closedLoop((w) => sendBatch(w, 1), 1);
    const singleBytes = answerBytes(app);
    const batched = await closedLoop((w) => sendBatch(w, 10), 10);
    answerBytes(app);
    // The steady row times acknowledgements only: the runs it rotates through are started before it (a request
    // that first had to start its run was 1 in EVENTS_PER_RUN, right at the p99).
    await pool.reserve(Math.ceil((200 * 5) / EVENTS_PER_RUN) + 1);
    const steady = await openLoop(() => sendBatch(CONCURRENCY, 1), 200, 5);
    const steadyBytes = answerBytes(app);

    // The same steady rate into runs that already hold LONG_RUN_EVENTS events each (a very long call): what an
    // acknowledgement costs when the run's state is large.
    const long = await createRuns(app, LONG_RUNS);
    for (const run of long) {
      for (let sent = 1; sent < LONG_RUN_EVENTS; sent += 200) {
        const status = await post(app, `/api/runs/${run}/events`, notes(Math.min(200, LONG_RUN_EVENTS - sent)));
        if (status !== 200) throw new Error(`filling a long run: HTTP ${status}`);
      }
    }
    answerBytes(app);
    let turn = 0;
    const steadyLong = await openLoop(
      () => post(app, `/api/runs/${long[turn++ % LONG_RUNS]}/events`, notes(1)),
      200,
      5,
    );
    const steadyLongBytes = answerBytes(app);
    await server.stop();

    const bare = await startBareNodeServer();
    let bareResult;
    try {
      const b = target(bare.url);
      bareResult = await closedLoop(() => post(b, "/api/runs/x/events", notes(1)), 1);
    } finally {
      await bare.stop();
    }
    const ratio = single.perSecond / bareResult.perSecond;
    const load = os.loadavg()[0]!.toFixed(1); // on a shared box, read the figures with it
    const fmt = (n: number) => Math.round(n).toLocaleString("en");
    return [
      {
        name: `ingest: 1 event/request, ${CONCURRENCY} clients (production server)`,
        median_ms: percentile(single.latencies, 0.5),
        p95_ms: percentile(single.latencies, 0.95),
        target: "≥ 2,000 events/s acked",
        note:
          `${fmt(single.perSecond)} acked durable events/s (${single.failures} failures), ` +
          `ack ${fmt(singleBytes)} B; bare Node http ${fmt(bareResult.perSecond)} req/s ` +
          `→ ratio ${ratio.toFixed(2)} (aim ≥ 0.25); load average ${load}`,
      },
      {
        name: `ingest: 10 events/request, ${CONCURRENCY} clients`,
        median_ms: percentile(batched.latencies, 0.5),
        p95_ms: percentile(batched.latencies, 0.95),
        target: "≥ 2,000 events/s acked",
        note: `${fmt(batched.perSecond)} acked durable events/s (${batched.failures} failures)`,
      },
      {
        name: "ingest: steady 200 events/s, 1 event/request (open loop, 5 s)",
        median_ms: percentile(steady.latencies, 0.5),
        p95_ms: percentile(steady.latencies, 0.95),
        target: "p99 ≤ 25 ms",
        note:
          `p99 ${percentile(steady.latencies, 0.99).toFixed(2)} ms, max ${steady.latencies.at(-1)?.toFixed(2)} ` +
          `ms, ${steady.failures} failures, ack ${fmt(steadyBytes)} B (runs started beforehand)`,
      },
      {
        name: `ingest: steady 200 events/s into ${LONG_RUNS} runs of ${fmt(LONG_RUN_EVENTS)} events`,
        median_ms: percentile(steadyLong.latencies, 0.5),
        p95_ms: percentile(steadyLong.latencies, 0.95),
        target: "p99 ≤ 25 ms",
        note:
          `p99 ${percentile(steadyLong.latencies, 0.99).toFixed(2)} ms, ` +
          `max ${steadyLong.latencies.at(-1)?.toFixed(2)} ` +
          `ms, ${steadyLong.failures} failures, ack ${fmt(steadyLongBytes)} B`,
      },
      {
        name: `baseline: bare Node http, ${CONCURRENCY} clients`,
        median_ms: percentile(bareResult.latencies, 0.5),
        p95_ms: percentile(bareResult.latencies, 0.95),
        note: `${fmt(bareResult.perSecond)} req/s (same body, same client)`,
      },
    ];
  } finally {
    await server.stop();
    tmp.cleanup();
  }
}
