import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "./test-db.server";
import { DEMO_DEPARTMENTS, DEMO_USERS, seedDemoOrganisation } from "./seed.server";

describe("demo seed", () => {
  it("creates the departments, one account per role and a lead per department, once", async () => {
    const db = createTestDb();
    const fakeHash = async (p: string) => `hash:${p}`;
    expect(await seedDemoOrganisation(db, fakeHash)).toBe(true);
    expect(await seedDemoOrganisation(db, fakeHash)).toBe(false);
    const count = (t: string) => (db.$client.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;
    expect(count("departments")).toBe(DEMO_DEPARTMENTS.length);
    expect(count("users")).toBe(DEMO_USERS.length);
    const roles = db.all<{ role: string }>(sql`select distinct role from users order by role`).map((r) => r.role);
    expect(roles).toEqual(["admin", "agent", "lead", "trainee", "trainer"]);
    const leadDepartments = db
      .all<{ name: string }>(
        sql`select d.name from users u join departments d on d.id = u.department_id
            where u.role = 'lead' order by d.name`,
      )
      .map((r) => r.name);
    expect(leadDepartments).toEqual(DEMO_DEPARTMENTS.map((d) => d.name).sort());
  });
});
