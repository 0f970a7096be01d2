import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "./test-db.server";
import { DEMO_DEPARTMENTS, DEMO_USERS, seedDemoOrganisation } from "./seed.server";

describe("demo seed", () => {
  it("creates the departments and one account per role, once", async () => {
    const db = createTestDb();
    const fakeHash = async (p: string) => `hash:${p}`;
    expect(await seedDemoOrganisation(db, fakeHash)).toBe(true);
    expect(await seedDemoOrganisation(db, fakeHash)).toBe(false);
    const count = (t: string) => (db.$client.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;
    expect(count("departments")).toBe(DEMO_DEPARTMENTS.length);
    expect(count("users")).toBe(DEMO_USERS.length);
    const roles = db.all<{ role: string }>(sql`select role from users order by role`).map((r) => r.role);
    expect(roles).toEqual(["admin", "agent", "lead", "trainee", "trainer"]);
  });
});
