import { beforeEach, describe, expect, it } from "vitest";
import { createTestDb, partialDocument } from "./test-db.server";
import type { Db } from "./client.server";
import { publishVersion } from "./sops.server";
import { setArchived } from "./versions.server";
import { createDepartment, createUser, listDepartments, updateUser } from "./users.server";

let db: Db;
const publish = async (sopId: string, departmentId: number) =>
  await publishVersion(db, {
    sopId,
    title: sopId,
    departmentId,
    source: "",
    hash: sopId,
    document: partialDocument(),
    errorCount: 0,
    warningCount: 0,
    changeNote: "",
    actorId: null,
  });
const user = async (email: string, departmentId: number | null, role: "admin" | "lead" | "agent" = "agent") =>
  await createUser(db, { email, name: email, role, departmentId, passwordHash: "x" }, null);

beforeEach(() => {
  db = createTestDb();
});

describe("listDepartments counts", () => {
  it("counts each department's active members and its procedures, not zero and not another department's", async () => {
    const billing = await createDepartment(db, { name: "Billing" }, null);
    const returns = await createDepartment(db, { name: "Returns" }, null);
    await createDepartment(db, { name: "Empty" }, null);
    const admin = await user("root@x.test", null, "admin");
    await user("a@x.test", billing);
    await user("b@x.test", billing, "lead");
    const leaver = await user("c@x.test", billing);
    await updateUser(db, leaver, { active: false }, admin);
    await user("d@x.test", returns);
    await publish("s1", billing);
    await publish("s2", billing);
    await publish("s3", billing);
    await publish("r1", returns);
    await setArchived(db, { sopId: "s3", archived: true, actorId: admin });

    const byName = Object.fromEntries(
      (await listDepartments(db)).map((d) => [d.name, { members: d.members, sops: d.sops }]),
    );
    expect(byName).toEqual({
      Billing: { members: 2, sops: 2 },
      Empty: { members: 0, sops: 0 },
      Returns: { members: 1, sops: 1 },
    });
  });
});
