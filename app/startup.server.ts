import { getDb } from "../db/client.server";
import { seedDemoOrganisation } from "../db/seed.server";
import { purgeExpiredSessions } from "../db/sessions.server";
import { hashPassword } from "./auth/password.server";

let started: Promise<void> | undefined;

/** Runs once per process, before the server listens: migrations, housekeeping, demo data. */
export function startup(): Promise<void> {
  started ??= (async () => {
    const db = getDb(); // opens and applies committed migrations
    purgeExpiredSessions(db);
    if (process.env.STEPWISE_DEMO !== "0") {
      if (await seedDemoOrganisation(db, hashPassword)) console.log("Seeded the demo organisation (see README for the logins).");
    }
  })();
  return started;
}
