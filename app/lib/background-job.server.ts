// Background jobs of the server process (data retention, the dashboards' tallies): a first run shortly after start,
// then one every period, on timers that never keep the process alive. A run still going when the next is due
// makes that one a no-op (never two at once); a failure is logged, not thrown, and the next turn tries again.
// Scheduling the same job for the same database twice keeps the first schedule.
import type { Db } from "../../db/client.server";

export type JobSchedule = {
  /** first run this long after scheduling */
  delayMs: number;
  /** then every */
  everyMs: number;
};

const schedules = new WeakMap<Db, Map<string, () => void>>();

/**
 * Schedules `run` for `db` under `name`; `done` is told what a run returned, a failure is logged with `failure`
 * (what the job is, for the log line). Returns a function that stops it.
 */
export function scheduleJob<T>(
  db: Db,
  name: string,
  run: (db: Db) => Promise<T>,
  when: JobSchedule,
  report: { done?: (result: T) => void; failure: string },
): () => void {
  let jobs = schedules.get(db);
  if (!jobs) schedules.set(db, (jobs = new Map()));
  const existing = jobs.get(name);
  if (existing) return existing;
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    run(db)
      .then((result) => report.done?.(result))
      .catch((error: unknown) =>
        console.error(`stepwise: ${report.failure} failed (it runs again at its next turn):`, error),
      )
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, when.delayMs);
  first.unref();
  const every = setInterval(tick, when.everyMs);
  every.unref();
  const stop = () => {
    clearTimeout(first);
    clearInterval(every);
    jobs.delete(name);
  };
  jobs.set(name, stop);
  return stop;
}
