// The retention job: captured field values of runs finished longer ago than the admin's period (Admin → Data
// retention, db/retention.server.ts) are removed, once shortly after start and then daily, and the audit log says
// what went. It yields to the event loop between batches: live calls never wait on a large purge.
import { scheduleJob } from "./lib/background-job.server";
import type { Db } from "../db/client.server";
import { recordAudit } from "../db/audit.server";
import {
  getRetentionDays,
  purgeFieldValuesInSteps,
  RETENTION_AUDIT,
  setLastRetentionRun,
  type PurgeResult,
  type WrapUpScrubber,
} from "../db/retention.server";
import type { SopDocument } from "../sop-schema/types";
import { wrapUpWithoutValues } from "./lib/sensitive";

const DAY_MS = 86_400_000;

/** The stored document as far as the wrap-up rules need it; a missing one still lets every typed value go. */
function fieldsAndFlows(document: unknown): Pick<SopDocument, "fields" | "flows"> {
  const d = (typeof document === "object" && document !== null ? document : {}) as Partial<SopDocument>;
  return { fields: Array.isArray(d.fields) ? d.fields : [], flows: Array.isArray(d.flows) ? d.flows : [] };
}

/** How the purge cleans a wrap-up note (app/lib/sensitive.ts wrapUpWithoutValues). */
export const scrubWrapUp: WrapUpScrubber = (text, run) =>
  wrapUpWithoutValues(fieldsAndFlows(run.document), text, run.typed);

export type RetentionResult = PurgeResult & { days: number; olderThan: number };

/** Resolves on the next turn of the event loop (after pending I/O: requests in flight are served first). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Removes the captured values of every run finished before `now` minus the retention period, a batch per
 * transaction, then records one `retention.purge` audit entry with the counts and the cut-off (none when nothing
 * was removed) and when the job last ran. Should a batch fail, what the earlier batches removed is still recorded
 * before the error is thrown.
 */
export async function runRetention(
  db: Db,
  now = Date.now(),
  options: { batch?: number } = {},
): Promise<RetentionResult> {
  const days = getRetentionDays(db);
  const olderThan = now - days * DAY_MS;
  const done: PurgeResult = { runs: 0, events: 0 };
  const steps = purgeFieldValuesInSteps(db, { olderThan, batch: options.batch, scrubWrapUp, now });
  try {
    for (let step = steps.next(); !step.done; step = steps.next()) {
      done.runs += step.value.runs;
      done.events += step.value.events;
      await nextTurn();
    }
  } finally {
    db.transaction((tx) => {
      setLastRetentionRun(tx, now);
      if (done.runs > 0) {
        const before = new Date(olderThan).toISOString().slice(0, 10);
        recordAudit(tx, {
          actorId: null,
          action: RETENTION_AUDIT.purge,
          targetType: "runs",
          targetId: "field_values",
          summary:
            `Removed the captured field values of ${done.runs} ${done.runs === 1 ? "run" : "runs"} ` +
            `finished before ${before} (kept ${days} days)`,
          details: { runs: done.runs, events: done.events, olderThan, days },
        });
      }
    });
  }
  return { ...done, days, olderThan };
}

export type RetentionSchedule = {
  /** first run this long after scheduling (default one minute: the server has started listening by then) */
  delayMs?: number;
  /** then every (default 24 hours) */
  everyMs?: number;
  /** the job (default runRetention): tests give their own */
  run?: (db: Db) => Promise<unknown>;
};

/**
 * Runs the retention job shortly after start and then daily (app/lib/background-job.server.ts: never two at
 * once, a failure logged and retried the next day). Returns a function that stops it.
 */
export function scheduleRetention(db: Db, options: RetentionSchedule = {}): () => void {
  const run = options.run ?? ((d: Db) => runRetention(d));
  return scheduleJob(
    db,
    "retention",
    run,
    { delayMs: options.delayMs ?? 60_000, everyMs: options.everyMs ?? DAY_MS },
    {
      failure: "the data retention job",
      done: (r) => {
        const result = r as Partial<RetentionResult> | undefined;
        if (result?.runs)
          console.log(`Data retention: removed the captured values of ${result.runs} runs (kept ${result.days} days).`);
      },
    },
  );
}
