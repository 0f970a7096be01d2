import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db.server";
import { seedDemoOrganisation } from "../db/seed.server";
import { getPublishedSop, listPublishedSops } from "../db/sops.server";
import { listAudit } from "../db/audit.server";
import { compileSop, seedSopLibrary } from "./sop-library.server";

const fakeHash = async (p: string) => `hash:${p}`;

describe("the demo SOP library", () => {
  it("publishes every content/sops file once, with its parsed document stored", async () => {
    const db = createTestDb();
    await seedDemoOrganisation(db, fakeHash);
    const files = fs
      .readdirSync(path.join(import.meta.dirname, "..", "content", "sops"))
      .filter((f) => f.endsWith(".mdx"));
    expect(files.length).toBeGreaterThanOrEqual(8);
    const first = await seedSopLibrary(db);
    expect(first.skipped).toEqual([]);
    expect(first.published).toHaveLength(files.length);
    expect((await seedSopLibrary(db)).published).toEqual([]); // never duplicated
    const rows = await listPublishedSops(db);
    expect(rows.map((r) => r.language)).toEqual(expect.arrayContaining(["el", "fa"]));
    const sop = (await getPublishedSop(db, "late-missing-delivery"))!;
    const doc = sop.document;
    expect(doc.meta.title).toBe("Late or missing delivery");
    expect(sop.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await listAudit(db, { action: "sop.publish" })).total).toBe(files.length);
  });

  it("skips a file with errors or an unknown department, saying why", async () => {
    const db = createTestDb();
    await seedDemoOrganisation(db, fakeHash);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sops-"));
    const good = fs.readFileSync(
      path.join(import.meta.dirname, "..", "tests", "fixtures", "sops", "good", "minimal.mdx"),
      "utf8",
    );
    fs.writeFileSync(path.join(dir, "broken.mdx"), "---\ntitle: x\n---\n<Stpe />\n");
    fs.writeFileSync(path.join(dir, "elsewhere.mdx"), good.replace(/^department: .*$/m, "department: Nowhere"));
    const report = await seedSopLibrary(db, dir);
    expect(report.published).toEqual([]);
    expect(report.skipped.map((s) => s.file)).toEqual(["broken.mdx", "elsewhere.mdx"]);
    expect(report.skipped[1]!.reason).toContain("Nowhere");
  });

  it("compileSop counts errors and warnings and hashes the source", () => {
    const c = compileSop("# not an sop");
    expect(c.errorCount).toBeGreaterThan(0);
    expect(c.hash).toHaveLength(64);
  });
});
