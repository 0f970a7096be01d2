// Training at contact-centre scale: the readiness matrix for 1,000 trainees × 100 assigned SOPs (server time:
// queries + rules), and a material publish that withdraws 1,000 certificates and re-opens training for them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { SopDocument } from "../sop-schema/types";
import { migrateDb, openDb, type Db } from "../db/client.server";
import { departments, users } from "../db/schema";
import { publishVersion } from "../db/sops.server";
import { createAssignment } from "../db/training.server";
import { readinessMatrix } from "../app/training.server";
import type { SessionUser } from "../app/auth/session.server";
import { measure, type Row } from "./stats";

const PEOPLE = 1000;
const SOPS = 100;

function doc(id: string): SopDocument {
  const position = { line: 1, column: 1 };
  return {
    formatVersion: 1,
    meta: {
      id,
      title: `Procedure ${id}`,
      department: "Floor",
      purpose: "Bench",
      tags: [],
      language: "en",
      direction: "ltr",
      targets: { handleTime: "5m", handleTimeSeconds: 300 },
      training: { quiz: true, practice: 1, passScore: 80, recertifyEvery: "180d", recertifyEveryDays: 180 },
    },
    glossary: [],
    sections: [{ id: "s", number: 1, title: "S", intro: [], stepIds: ["a"], position }],
    steps: [
      {
        id: "a",
        number: 1,
        title: "A",
        sectionId: "s",
        blocks: [{ type: "quiz", quizId: "q" }],
        fieldNames: [],
        checkIds: [],
        escalations: [],
        position,
      },
    ],
    fields: [],
    flows: [],
    variables: [],
    quizzes: [
      {
        id: "q",
        title: "Quiz",
        passPercent: 80,
        maxAttempts: 3,
        questions: [
          { id: "q1", type: "single", prompt: "?", options: ["a", "b"], answers: ["a"], explanation: [], position },
        ],
        position,
      },
    ],
    scenarios: [
      {
        id: "sc",
        title: "Scenario",
        customer: "C",
        opening: [],
        answers: [],
        expect: { outcome: "resolved", escalate: false },
        position,
      },
    ],
    diagnostics: [],
    stats: { words: 10, steps: 1, fields: 0, flows: 0 },
  };
}

async function setUp(): Promise<{ db: Db; admin: SessionUser; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-training-bench-"));
  const db = openDb(path.join(dir, "bench.db"));
  migrateDb(db);
  const floor = db
    .insert(departments)
    .values({ name: "Floor", slug: "floor" })
    .returning({ id: departments.id })
    .get().id;
  const adminId = randomUUID();
  db.insert(users)
    .values({ id: adminId, email: "admin@bench", name: "Admin", role: "admin", departmentId: null, passwordHash: "x" })
    .run();
  const ids: string[] = [];
  db.transaction((tx) => {
    for (let i = 0; i < PEOPLE; i++) {
      const id = randomUUID();
      ids.push(id);
      tx.insert(users)
        .values({
          id,
          email: `t${i}@bench`,
          name: `Trainee ${String(i).padStart(4, "0")}`,
          role: "trainee",
          departmentId: floor,
          passwordHash: "x",
        })
        .run();
    }
  });
  const sopIds: string[] = [];
  for (let s = 0; s < SOPS; s++) {
    const id = `sop-${s}`;
    sopIds.push(id);
    await publishVersion(db, {
      sopId: id,
      title: `Procedure ${s}`,
      departmentId: floor,
      source: id,
      hash: id,
      document: doc(id),
      errorCount: 0,
      warningCount: 0,
      changeNote: "v1",
      actorId: adminId,
    });
    await createAssignment(db, {
      sopId: id,
      target: { departmentId: floor },
      required: true,
      dueDate: "2027-01-01",
      actorId: adminId,
    });
  }
  // Evidence like a floor mid-onboarding: half read and acknowledged, a third passed the quiz, a fifth certified.
  const now = Date.now();
  const raw = db.$client;
  const ack = raw.prepare(
    "insert into acknowledgements (user_id, sop_id, version_id, version, content_hash, at) values (?, ?, ?, 1, 'h', ?)",
  );
  const quiz = raw.prepare(
    "insert into quiz_attempts (id, user_id, sop_id, version_id, version, quiz_id, " +
      "answers, result, score, passed, at) values (?, ?, ?, ?, 1, 'q', '{}', '{}', ?, ?, ?)",
  );
  const cert = raw.prepare(
    "insert into certifications (user_id, sop_id, version_id, " +
      "version, certified_at, expires_at) values (?, ?, ?, 1, ?, ?)",
  );
  const versionOf = new Map(
    (raw.prepare("select sop_id as s, id from sop_versions").all() as { s: string; id: number }[]).map((r) => [
      r.s,
      r.id,
    ]),
  );
  raw.transaction(() => {
    ids.forEach((u, i) =>
      sopIds.forEach((s, j) => {
        const k = (i * 31 + j * 17) % 10;
        if (k < 5) ack.run(u, s, versionOf.get(s), now - 5 * 86_400_000);
        if (k < 3) quiz.run(randomUUID(), u, s, versionOf.get(s), k < 2 ? 90 : 40, k < 2 ? 1 : 0, now - 4 * 86_400_000);
        if (k < 2) cert.run(u, s, versionOf.get(s), now - 3 * 86_400_000, now + 170 * 86_400_000);
      }),
    );
  })();
  return { db, admin: { id: adminId, email: "admin@bench", name: "Admin", role: "admin", departmentId: null }, dir };
}

export async function benchTraining(): Promise<Row[]> {
  const { db, admin, dir } = await setUp();
  const rows: Row[] = [];
  try {
    let cells = 0;
    const matrix = await measure(
      async () => {
        const m = await readinessMatrix(db, admin);
        cells = m.rows.reduce((n, r) => n + Object.keys(r.cells).length, 0);
      },
      { runs: 15, warmup: 2 },
    );
    rows.push({
      name: `training: readiness matrix, ${PEOPLE} people × ${SOPS} SOPs`,
      ...matrix,
      target: "≤ 150 ms",
      note: `${cells.toLocaleString("en")} cells, no change since the last view`,
    });
    // Someone acknowledged an SOP since the last view: that SOP's evidence is read again, the rest comes from the
    // cache (keyed by each SOP's training revision).
    const raw0 = db.$client;
    let s = 0;
    const afterChange = await measure(
      async () => {
        raw0.prepare("update sops set training_rev = training_rev + 1 where id = ?").run(`sop-${s++ % SOPS}`);
        await readinessMatrix(db, admin);
      },
      { runs: 15, warmup: 2 },
    );
    rows.push({
      name: "training: readiness matrix after one SOP's evidence changed",
      ...afterChange,
      target: "≤ 150 ms",
      note: "1 of 100 SOPs re-read",
    });
    // The first view after a restart reads every SOP's evidence.
    const cold = await measure(
      async () => {
        raw0.prepare("update sops set training_rev = training_rev + 1").run();
        await readinessMatrix(db, admin);
      },
      { runs: 5, warmup: 1 },
    );
    rows.push({
      name: "training: readiness matrix, cold (every SOP re-read)",
      ...cold,
      note: "first view after a start",
    });

    // A material publish of one SOP on which all 1,000 people are certified: it withdraws (and audits) 1,000
    // certificates in the publish transaction. Each round certifies everyone again first (not timed).
    const raw = db.$client;
    const sopId = "sop-0";
    const people = raw.prepare("select id from users where role = 'trainee'").all() as { id: string }[];
    let version = 1;
    const certify = raw.prepare(
      "insert into certifications (user_id, sop_id, version_id, version, certified_at) " +
        "values (?, ?, (select published_version_id from sops where id = ?), ?, ?)",
    );
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      raw.transaction(() => people.forEach((p) => certify.run(p.id, sopId, sopId, version, Date.now())))();
      version += 1;
      const t0 = performance.now();
      await publishVersion(db, {
        sopId,
        title: "Procedure 0",
        departmentId: 1,
        source: `v${version}`,
        hash: `v${version}`,
        document: doc(sopId),
        errorCount: 0,
        warningCount: 0,
        changeNote: `v${version}`,
        actorId: admin.id,
        changeKind: "material",
      });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const withdrawn = (
      raw
        .prepare("select count(*) as n from certifications where sop_id = ? and withdrawn_at is not null")
        .get(sopId) as { n: number }
    ).n;
    rows.push({
      name: `training: material publish, ${people.length} certificates withdrawn`,
      median_ms: times[2]!,
      p95_ms: times[4]!,
      target: "≤ 1000 ms",
      note: `${withdrawn.toLocaleString("en")} withdrawn in total`,
    });
  } finally {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
