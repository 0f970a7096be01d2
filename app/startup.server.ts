import { getDb } from "../db/client.server";
import { getMeta, setMeta } from "../db/meta.server";
import { ensureSearchIndex } from "../db/search.server";
import { seedDemoOrganisation } from "../db/seed.server";
import { purgeExpiredSessions } from "../db/sessions.server";
import { hashPassword } from "./auth/password.server";
import { getCompilePool } from "./compile-pool.server";
import { seedSopLibrary } from "./sop-library.server";
import { DEMO_PASSWORD } from "../db/seed.server";
import { seedTrainingDemo } from "./training-demo.server";
import { backfillRunFacts, scheduleTallies } from "./analytics.server";
import { seedAnalyticsDemo } from "./analytics-demo.server";
import { scheduleRetention } from "./retention.server";
import { startWebhookDelivery } from "./webhook-delivery.server";

let started: Promise<void> | undefined;

/** Runs once per process, before the server listens: migrations, housekeeping, demo data. */
export function startup(): Promise<void> {
  started ??= (async () => {
    const db = getDb(); // opens and applies committed migrations
    getCompilePool().warm(); // the compile worker starts in the background: the first save doesn't wait for it
    await purgeExpiredSessions(db);
    scheduleRetention(db); // daily removal of captured values past their retention (admin Settings)
    startWebhookDelivery(db); // the webhook outbox: what a crash left pending is sent again with the same ids
    const search = await ensureSearchIndex(db); // (re)builds the full-text index when its format changed
    if (search.rebuilt && search.rows)
      console.log(`Rebuilt the search index: ${search.rows} versions in ${Math.round(search.ms)} ms.`);
    const facts = await backfillRunFacts(db); // runs wrapped up before the dashboards' facts existed
    if (facts) console.log(`Computed the dashboard facts of ${facts} earlier runs.`);
    if (process.env.STEPWISE_DEMO === "0") {
      scheduleTallies(db);
      return;
    }
    if (await seedDemoOrganisation(db, hashPassword))
      console.log("Seeded the demo organisation (see README for the logins).");
    if (!getMeta(db, "demo_library_seeded_at")) {
      const report = await seedSopLibrary(db);
      setMeta(db, "demo_library_seeded_at", new Date().toISOString());
      console.log(`Seeded the demo SOP library: ${report.published.length} procedures published.`);
      for (const s of report.skipped) console.warn(`  skipped ${s.file}: ${s.reason}`);
    }
    try {
      if (await seedTrainingDemo(db, hashPassword, DEMO_PASSWORD))
        console.log("Seeded the demo training (assignments, quizzes, practice calls).");
    } catch (e) {
      // Demo data must never keep the app from starting: say what went wrong and carry on without the rest.
      console.warn(`The demo training was only partly seeded: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
      if (await seedAnalyticsDemo(db, Date.now(), hashPassword))
        console.log("Seeded 90 days of demo call history for Analytics (customer refs DEMO-…).");
    } catch (e) {
      console.warn(`The demo call history was only partly seeded: ${e instanceof Error ? e.message : String(e)}`);
    }
    scheduleTallies(db); // the dashboards' day tallies, built in the background (the demo history's included)
  })();
  return started;
}
