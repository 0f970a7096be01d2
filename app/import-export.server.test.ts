import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../db/client.server";
import { createTestDb } from "../db/test-db.server";
import { seedDemoOrganisation } from "../db/seed.server";
import { listAudit } from "../db/audit.server";
import { getOpenVersion, getSopRow, listVersions } from "../db/versions.server";
import { readBundle } from "../authoring/bundle";
import { exportLibraryToDir } from "../cli/import-export";
import { seedSopLibrary } from "./sop-library.server";
import { exportLibraryZip, exportSopSource, importFiles } from "./import-export.server";

const enc = (s: string) => new TextEncoder().encode(s);

async function orgOnly(): Promise<Db> {
  const db = createTestDb();
  await seedDemoOrganisation(db, async (p) => `hash:${p}`);
  return db;
}

let library: Db;
beforeEach(async () => {
  library = await orgOnly();
  seedSopLibrary(library);
});

describe("export then import", () => {
  it("a library .zip imports into an empty database as drafts with byte-identical sources", async () => {
    const { bytes, count } = exportLibraryZip(library);
    expect(count).toBe(11);
    const fresh = await orgOnly();
    const report = await importFiles(fresh, null, [{ name: "library.zip", data: bytes }]);
    expect(report.filter((r) => r.status === "imported")).toHaveLength(11);
    for (const r of report) {
      const original = exportSopSource(library, r.sopId!)!.source;
      expect(getOpenVersion(fresh, r.sopId!)!.source).toBe(original);
    }
    // Importing the same files again changes nothing.
    const again = await importFiles(fresh, null, [{ name: "library.zip", data: bytes }]);
    expect(again.every((r) => r.status === "unchanged")).toBe(true);
  });

  it("the zip holds department/slug.mdx entries", () => {
    const { files } = readBundle(exportLibraryZip(library).bytes);
    expect(files.map((f) => f.path)).toContain("billing/billing-dispute-card-charge.mdx");
  });

  it("the CLI export writes the same layout to a folder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-export-"));
    try {
      const written = exportLibraryToDir(library, dir);
      expect(written).toHaveLength(11);
      expect(fs.readFileSync(path.join(dir, "billing", "billing-dispute-card-charge.mdx"), "utf8")).toBe(exportSopSource(library, "billing-dispute-card-charge")!.source);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an edited export arrives as a new draft of the existing SOP, never over an open draft", async () => {
    const { source } = exportSopSource(library, "refund-and-return")!;
    const edited = source.replace(/^title: .*$/m, "title: Refunds (imported edit)");
    const first = await importFiles(library, null, [{ name: "refund-and-return.mdx", data: enc(edited) }]);
    expect(first[0]).toMatchObject({ status: "imported", sopId: "refund-and-return", version: 2 });
    expect(listVersions(library, "refund-and-return").map((v) => v.state)).toEqual(["draft", "published"]);
    const second = await importFiles(library, null, [{ name: "refund-and-return.mdx", data: enc(edited.replace("imported edit", "another")) }]);
    expect(second[0]).toMatchObject({ status: "failed" });
    expect(second[0]!.summary).toMatch(/open draft \(v2\)/);
    expect(listAudit(library, { action: "sop.import" }).rows).toHaveLength(1);
  });
});

describe("what import refuses", () => {
  it("a lead imports only into their own department, new SOP or existing one", async () => {
    const lead = { id: "l", role: "lead" as const, departmentId: getSopRow(library, "complaint-handling")!.departmentId };
    const { source } = exportSopSource(library, "refund-and-return")!; // Returns & Logistics
    const existing = await importFiles(library, null, [{ name: "refund-and-return.mdx", data: enc(source.replace(/^title: .*$/m, "title: Other dept")) }], { actor: lead });
    expect(existing[0]).toMatchObject({ status: "failed" });
    expect(existing[0]!.summary).toMatch(/own department.*Returns & Logistics/);
    const fresh = source.replace(/^title: .*$/m, "title: A new one").replace(/^id: .*$/m, "");
    const created = await importFiles(library, null, [{ name: "brand-new-returns.mdx", data: enc(fresh) }], { actor: lead });
    expect(created[0]).toMatchObject({ status: "failed" });
    expect(getSopRow(library, "brand-new-returns")).toBeUndefined();
    // Their own department imports.
    const own = exportSopSource(library, "complaint-handling")!.source.replace(/^title: .*$/m, "title: Complaints (imported)");
    expect((await importFiles(library, null, [{ name: "complaint-handling.mdx", data: enc(own) }], { actor: lead }))[0]).toMatchObject({ status: "imported" });
  });

  it("reports each error with line and column and imports nothing of that file", async () => {
    const bad = "---\ntitle: Broken\ndepartment: Billing\npurpose: x\n---\n\n<Stepp title=\"A\">x</Stepp>\n";
    const [row] = await importFiles(library, null, [{ name: "broken.mdx", data: enc(bad) }]);
    expect(row!.status).toBe("failed");
    const err = row!.messages.find((m) => m.message.includes("<Stepp>"))!;
    expect(err).toMatchObject({ severity: "error", line: 7, column: 1 });
    expect(getSopRow(library, "broken")).toBeUndefined();
  });

  it("names unknown departments, binary files and other file types", async () => {
    const src = "---\ntitle: Orphan SOP\ndepartment: Nowhere\npurpose: To test.\ntargets:\n  handleTime: 5m\n---\n\n## Do it\n\n<Step title=\"Only step\">\nDo the thing.\n</Step>\n";
    const report = await importFiles(library, null, [
      { name: "orphan.mdx", data: enc(src) },
      { name: "binary.mdx", data: new Uint8Array([0xff, 0xfe, 0x00, 0xc3]) },
      { name: "notes.txt", data: enc("hello") },
    ]);
    expect(report.map((r) => r.status)).toEqual(["failed", "failed", "failed"]);
    expect(report.find((r) => r.file === "orphan.mdx")!.summary).toMatch(/department “Nowhere” does not exist/);
    expect(report.find((r) => r.file === "binary.mdx")!.summary).toMatch(/UTF-8/);
    expect(report.find((r) => r.file === "notes.txt")!.summary).toMatch(/\.mdx, \.md or \.zip/);
  });

  it("imports plain Markdown as a draft, with warnings for the placeholders", async () => {
    const md = "# Replace a damaged parcel\n\nWhen a parcel arrives damaged.\n\n1. Apologise to the customer.\n2. Ask for a photo of the damage.\n3. Send a replacement.\n";
    const [row] = await importFiles(library, null, [{ name: "damaged-parcel.md", data: enc(md) }], { department: "Returns & Logistics" });
    expect(row).toMatchObject({ status: "imported", title: "Replace a damaged parcel" });
    const draft = getOpenVersion(library, row!.sopId!)!;
    expect(draft.source).toContain("<Step");
    expect((draft.document as { stats: { steps: number } }).stats.steps).toBe(3);
  });
});
