import { eq } from "drizzle-orm";
import type { Db } from "./client.server";
import { getMeta, setMeta } from "./meta.server";
import { recordAudit } from "./audit.server";
import { departments, users } from "./schema";
import { slugify } from "./users.server";
import type { Role } from "./roles";
import { randomUUID } from "node:crypto";

export const DEMO_DEPARTMENTS = [
  { name: "Customer Service", description: "First line: calls, chat and e-mail from customers." },
  { name: "Billing", description: "Invoices, payments, refunds and card disputes." },
  { name: "Returns & Logistics", description: "Deliveries, couriers, returns and replacements." },
  { name: "Technical Support", description: "Connectivity, devices and account access." },
] as const;

/** The demo password is printed in the README; demo mode is for trying Stepwise, never for production. */
export const DEMO_PASSWORD = "stepwise-demo";

export const DEMO_USERS: { email: string; name: string; role: Role; department: string | null }[] = [
  { email: "admin@stepwise.example", name: "Amira Haddad", role: "admin", department: null },
  { email: "lead@stepwise.example", name: "Lena Fischer", role: "lead", department: "Customer Service" },
  { email: "agent@stepwise.example", name: "Sam Okafor", role: "agent", department: "Customer Service" },
  { email: "trainer@stepwise.example", name: "Priya Nair", role: "trainer", department: "Customer Service" },
  { email: "trainee@stepwise.example", name: "Tom Becker", role: "trainee", department: "Customer Service" },
  // Leads act on their own department's SOPs: one per department, so every demo SOP has someone to maintain it.
  { email: "billing.lead@stepwise.example", name: "Marco Rossi", role: "lead", department: "Billing" },
  {
    email: "returns.lead@stepwise.example",
    name: "Rasa Petrauskienė",
    role: "lead",
    department: "Returns & Logistics",
  },
  { email: "support.lead@stepwise.example", name: "Kenji Watanabe", role: "lead", department: "Technical Support" },
];

const SEEDED_KEY = "demo_seeded_at";

/**
 * Seeds the demo organisation once per database. The marker is written in the same transaction as the
 * rows, so a crash mid-seed leaves nothing half-done and a restart never duplicates anything.
 */
/** Creates one demo account (audited as created by no one, like every seeded account); returns its id. */
export function insertDemoUser(tx: Pick<Db, "insert">, values: Omit<typeof users.$inferInsert, "id">): string {
  const id = randomUUID();
  tx.insert(users)
    .values({ id, ...values })
    .run();
  recordAudit(tx, {
    actorId: null,
    action: "user.create",
    targetType: "user",
    targetId: id,
    summary: `Created demo account ${values.email} (${values.role})`,
  });
  return id;
}

export async function seedDemoOrganisation(db: Db, hashPassword: (p: string) => Promise<string>): Promise<boolean> {
  if (getMeta(db, SEEDED_KEY)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD); // async: hashed before the synchronous transaction
  return db.transaction((tx) => {
    if (getMeta(tx, SEEDED_KEY)) return false;
    for (const d of DEMO_DEPARTMENTS) {
      tx.insert(departments)
        .values({ name: d.name, slug: slugify(d.name), description: d.description })
        .onConflictDoNothing()
        .run();
    }
    for (const u of DEMO_USERS) {
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, u.email)).get()) continue;
      const departmentId = u.department
        ? (tx.select({ id: departments.id }).from(departments).where(eq(departments.name, u.department)).get()?.id ??
          null)
        : null;
      insertDemoUser(tx, { email: u.email, name: u.name, role: u.role, departmentId, passwordHash });
    }
    setMeta(tx, SEEDED_KEY, new Date().toISOString());
    return true;
  });
}
