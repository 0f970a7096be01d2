import type { RunState } from "../runbook/state";
import type { SopDocument } from "../sop-schema/types";
import { eq } from "drizzle-orm";
import { migrateDb, openDb, type Db } from "./client.server";
import type { Role } from "./roles";
import { users } from "./schema";
import { publishVersion } from "./sops.server";
import type { SessionUser } from "./sessions.server";
import { createDepartment, createUser } from "./users.server";

/** A fresh, migrated in-memory database: one per test file (or per test) keeps tests independent. */
export function createTestDb(): Db {
  const db = openDb(":memory:");
  migrateDb(db);
  return db;
}

/**
 * A stored document for a test whose queries read only a few of its fields (a step's title, its flows): the
 * columns are typed as the full SopDocument, and this is the one place a fixture says it holds less on purpose.
 */
export function partialDocument(fields: object = {}): SopDocument {
  return fields as SopDocument;
}

/** A run's stored state for a test that reads only some of it (the list columns live beside it), as partialDocument. */
export function partialRunState(fields: object = {}): RunState {
  return fields as RunState;
}

/** A user created for a test as `name@x.test`, returned as the session user the services take. */
export async function createTestUser(
  db: Db,
  name: string,
  role: Role,
  departmentId: number | null,
): Promise<SessionUser> {
  const email = `${name}@x.test`;
  return {
    id: await createUser(db, { email, name, role, departmentId, passwordHash: "x" }, null),
    email,
    name,
    role,
    departmentId,
  };
}

/** The session user of an account that already exists (a seeded demo login), found by its e-mail. */
export function testSessionUser(db: Db, email: string): SessionUser {
  const u = db.select().from(users).where(eq(users.email, email)).get()!;
  return { id: u.id, email: u.email, name: u.name, role: u.role, departmentId: u.departmentId };
}

/**
 * What the run-log tests start runs on: a Billing department, an agent in it (`a@x.test`, whose id is returned) and
 * the published SOP `s1` (version 1) with a document those tests never read.
 */
export async function seedRunFixture(db: Db): Promise<string> {
  const dept = await createDepartment(db, { name: "Billing" }, null);
  const agentId = await createUser(
    db,
    { email: "a@x.test", name: "A", role: "agent", departmentId: dept, passwordHash: "x" },
    null,
  );
  await publishVersion(db, {
    sopId: "s1",
    title: "S",
    departmentId: dept,
    source: "",
    hash: "h",
    document: partialDocument(),
    errorCount: 0,
    warningCount: 0,
    changeNote: "",
    actorId: null,
  });
  return agentId;
}
