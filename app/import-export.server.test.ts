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
  await seedSopLibrary(library);
});

describe("export then import", () => {
  it("a library .zip imports into an empty database as drafts with byte-identical sources", async () => {
    const { bytes, count } = exportLibraryZip(library);
    expect(count).toBe(11);
    const fresh = await orgOnly();
    const report = await importFiles(fresh, null, [{ name: "library.zip", data: bytes }]);
    expect(report.filter((r) => r.status === "imported")).toHaveLength(11);
    for (const r of report) {
      const original = (await exportSopSource(library, r.sopId!))!.source;
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

  it("the CLI export writes the same layout to a folder", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepwise-export-"));
    try {
      const written = exportLibraryToDir(library, dir);
      expect(written).toHaveLength(11);
      expect(fs.readFileSync(path.join(dir, "billing", "billing-dispute-card-charge.mdx"), "utf8")).toBe(
        (await exportSopSource(library, "billing-dispute-card-charge"))!.source,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an edited export arrives as a new draft of the existing SOP, never over an open draft", async () => {
    const { source } = (await exportSopSource(library, "refund-and-return"))!;
    const edited = source.replace(/^title: .*$/m, "title: Refunds (imported edit)");
    const first = await importFiles(library, null, [{ name: "refund-and-return.mdx", data: enc(edited) }]);
    expect(first[0]).toMatchObject({ status: "imported", sopId: "refund-and-return", version: 2 });
    expect((await listVersions(library, "refund-and-return")).map((v) => v.state)).toEqual(["draft", "published"]);
    const second = await importFiles(library, null, [
      { name: "refund-and-return.mdx", data: enc(edited.replace("imported edit", "another")) },
    ]);
    expect(second[0]).toMatchObject({ status: "failed" });
    expect(second[0]!.summary).toMatch(/open draft \(v2\)/);
    expect((await listAudit(library, { action: "sop.import" })).rows).toHaveLength(1);
  });
});

describe("what import refuses", () => {
  it("a lead imports only into their own department, new SOP or existing one", async () => {
    const lead = {
      id: "l",
      role: "lead" as const,
      departmentId: (await getSopRow(library, "complaint-handling"))!.departmentId,
    };
    const { source } = (await exportSopSource(library, "refund-and-return"))!; // Returns & Logistics
    const existing = await importFiles(
      library,
      null,
      [{ name: "refund-and-return.mdx", data: enc(source.replace(/^title: .*$/m, "title: Other dept")) }],
      {
        actor: lead,
      },
    );
    expect(existing[0]).toMatchObject({ status: "failed" });
    expect(existing[0]!.summary).toMatch(/own department.*Returns & Logistics/);
    const fresh = source.replace(/^title: .*$/m, "title: A new one").replace(/^id: .*$/m, "");
    const created = await importFiles(library, null, [{ name: "brand-new-returns.mdx", data: enc(fresh) }], {
      actor: lead,
    });
    expect(created[0]).toMatchObject({ status: "failed" });
    expect(await getSopRow(library, "brand-new-returns")).toBeUndefined();
    // Their own department imports.
    const own = (await exportSopSource(library, "complaint-handling"))!.source.replace(
      /^title: .*$/m,
      "title: Complaints (imported)",
    );
    expect(
      (await importFiles(library, null, [{ name: "complaint-handling.mdx", data: enc(own) }], { actor: lead }))[0],
    ).toMatchObject({ status: "imported" });
  });

  it("reports each error with line and column and imports nothing of that file", async () => {
    const bad = '---\ntitle: Broken\ndepartment: Billing\npurpose: x\n---\n\n<Stepp title="A">x</Stepp>\n';
    const [row] = await importFiles(library, null, [{ name: "broken.mdx", data: enc(bad) }]);
    expect(row!.status).toBe("failed");
    const err = row!.messages.find((m) => m.message.includes("<Stepp>"))!;
    expect(err).toMatchObject({ severity: "error", line: 7, column: 1 });
    expect(await getSopRow(library, "broken")).toBeUndefined();
  });

  it("names unknown departments, binary files and other file types", async () => {
    const src =
      "---\ntitle: Orphan SOP\ndepartment: Nowhere\npurpose: To test.\ntargets:\n  " +
      'handleTime: 5m\n---\n\n## Do it\n\n<Step title="Only step">\nDo the thing.\n</Step>\n';
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
    const md =
      "# Replace a damaged parcel\n\nWhen a parcel arrives damaged.\n\n1. Apologise " +
      "to the customer.\n2. Ask for a photo of the damage.\n3. Send a replacement.\n";
    const [row] = await importFiles(library, null, [{ name: "damaged-parcel.md", data: enc(md) }], {
      department: "Returns & Logistics",
    });
    expect(row).toMatchObject({ status: "imported", title: "Replace a damaged parcel" });
    const draft = getOpenVersion(library, row!.sopId!)!;
    expect(draft.source).toContain("<Step");
    expect((draft.document as { stats: { steps: number } }).stats.steps).toBe(3);
  });
});

describe("a batch of handbook pages", () => {
  const fixture = (path: string) => fs.readFileSync(new URL(`../authoring/fixtures/markdown/${path}`, import.meta.url));
  const hugo = () => [
    { name: "content/billing/_index.md", data: fixture("hugo/billing/_index.md") },
    { name: "content/billing/refund-limits.md", data: fixture("hugo/billing/refund-limits.md") },
    { name: "content/returns/_index.md", data: fixture("hugo/returns/_index.md") },
  ];

  it("gives index pages the id of their title, never `index`, and stays stable on a second import", async () => {
    const report = await importFiles(library, null, hugo(), { department: "Billing" });
    expect(report.map((r) => [r.status, r.sopId])).toEqual([
      ["imported", "billing-duplicate-charge"],
      ["imported", "refund-limits"],
      ["imported", "returns-overview"],
    ]);
    expect(await getSopRow(library, "index")).toBeUndefined();
    expect(report.every((r) => r.idChange === undefined)).toBe(true);
    expect(getOpenVersion(library, "returns-overview")!.source).toMatch(/^---\nid: returns-overview\n/);
    const again = await importFiles(library, null, hugo(), { department: "Billing" });
    expect(again.map((r) => [r.status, r.sopId])).toEqual([
      ["unchanged", "billing-duplicate-charge"],
      ["unchanged", "refund-limits"],
      ["unchanged", "returns-overview"],
    ]);
  });

  it("links between pages of the batch lead to their SOPs; others keep their text with a warning", async () => {
    const report = await importFiles(library, null, hugo(), { department: "Billing" });
    const billing = getOpenVersion(library, "billing-duplicate-charge")!.source;
    expect(billing).toContain("[refund-limits.md](/sops/refund-limits)"); // {{< ref "refund-limits.md" >}}
    // [refund limits]({{< relref "refund-limits.md" >}})
    expect(billing).toContain("[refund limits](/sops/refund-limits)");
    expect(billing).toContain("and the old wiki."); // ../wiki/billing/ is not in the batch
    expect(getOpenVersion(library, "returns-overview")!.source).toContain("[refund limits](/sops/refund-limits)");
    const messages = report[0]!.messages.map((m) => `${m.line}: ${m.message}`);
    expect(messages.filter((m) => /not an SOP imported with this page/.test(m))).toEqual([
      expect.stringMatching(/^44: .*\.\.\/wiki\/billing\//),
    ]);
  });

  it("the import's department wins over the page's department and category", async () => {
    const md =
      "---\ntitle: Card refused at checkout\ndepartment: Customer Service\ncategory: " +
      "Finance\n---\n\n1. Ask which card the customer used.\n2. Check the decline reason.\n";
    const [row] = await importFiles(library, null, [{ name: "card-refused.md", data: enc(md) }], {
      department: "Billing",
    });
    expect(row).toMatchObject({ status: "imported", sopId: "card-refused" });
    expect(
      (getOpenVersion(library, "card-refused")!.document as { meta: { department: string } }).meta.department,
    ).toBe("Billing");
    expect(
      row!.messages.some(
        (m) => m.line === 3 && /says department “Customer Service”.*“Billing” was used/.test(m.message),
      ),
    ).toBe(true);
    expect(row!.messages.some((m) => m.line === 4 && /`category`.*kept in a comment/.test(m.message))).toBe(true);
    // The checker's findings are about the draft the page became, and say so; the import's own are about the file.
    expect(row!.messages.find((m) => /the import left a placeholder/.test(m.message))).toMatchObject({ in: "draft" });
    expect(row!.messages.find((m) => /`category`/.test(m.message))!.in).toBeUndefined();
    // once each, not also by the import
    expect(row!.messages.filter((m) => /placeholder/.test(m.message))).toHaveLength(2);
  });

  it("two files of one batch asking for the same id: the second gets id-2, and the report says so", async () => {
    const page = (title: string) =>
      enc(`# ${title}\n\n1. Ask for the order number.\n2. Check the refund in the portal.\n`);
    const report = await importFiles(
      library,
      null,
      [
        { name: "phone/refunds.md", data: page("Refunds by phone") },
        { name: "chat/refunds.md", data: page("Refunds in chat") },
      ],
      { department: "Billing" },
    );
    expect(report.map((r) => [r.status, r.sopId])).toEqual([
      ["imported", "refunds"],
      ["imported", "refunds-2"],
    ]);
    expect(report[1]!.idChange).toMatchObject({ wanted: "refunds", reason: "batch" });
    expect(report[1]!.summary).toMatch(/as “refunds-2” \(not “refunds”/);
    expect(report[1]!.messages[0]).toMatchObject({
      line: 1,
      severity: "warning",
      message: expect.stringMatching(/phone\/refunds\.md.*“refunds-2”/),
    });
  });

  it("a page whose id is an existing SOP with another title becomes a new SOP, never a new version of it", async () => {
    const md = "# Refund a damaged parcel\n\n1. Ask for a photo of the damage.\n2. Refund the item in the portal.\n";
    const [row] = await importFiles(library, null, [{ name: "refund-and-return.md", data: enc(md) }], {
      department: "Returns & Logistics",
    });
    expect(row).toMatchObject({
      status: "imported",
      sopId: "refund-and-return-2",
      version: 1,
      idChange: { wanted: "refund-and-return", reason: "title" },
    });
    expect(row!.idChange!.message).toMatch(/“Refund and return with RMA”/);
    expect((await listVersions(library, "refund-and-return")).map((v) => v.state)).toEqual(["published"]);
    // The same title (in other letter case and spacing) is the same SOP: a new version of it.
    const same = "# refund and return  with RMA\n\n1. Ask for the RMA number.\n2. Check the return in the portal.\n";
    const [again] = await importFiles(library, null, [{ name: "refund-and-return.md", data: enc(same) }], {
      department: "Returns & Logistics",
    });
    expect(again).toMatchObject({ status: "imported", sopId: "refund-and-return", version: 2 });
    expect(again!.idChange).toBeUndefined();
  });
});
