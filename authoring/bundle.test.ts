import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync, readdirSync } from "node:fs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { BUNDLE_LIMITS, bundlePath, exportBundle, readBundle } from "./bundle";

const contentDir = new URL("../content/sops/", import.meta.url);
const demo = readdirSync(contentDir)
  .filter((f) => f.endsWith(".mdx"))
  .sort()
  .map((file) => readFileSync(new URL(file, contentDir), "utf8"));

const zip = (files: Record<string, Uint8Array | string>, level: 0 | 6 = 6) =>
  zipSync(
    Object.fromEntries(
      Object.entries(files).map(([k, v]) => [k, [typeof v === "string" ? strToU8(v) : v, { level }]]),
    ) as never,
    {
      mtime: new Date(2000, 0, 1),
    },
  );

/** Offsets of the central directory entries and local headers, to patch test archives. */
function headers(data: Uint8Array): { central: number[]; local: number[] } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const central: number[] = [];
  const local: number[] = [];
  for (let i = 0; i + 4 <= data.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x02014b50) central.push(i);
    if (sig === 0x04034b50) local.push(i);
  }
  return { central, local };
}

describe("exportBundle", () => {
  it("writes department/slug.mdx, sorted, and readable by any unzip", () => {
    const data = exportBundle([
      { department: "Returns & Logistics", slug: "refund-and-return", source: demo[0] },
      { department: "Customer Service", slug: "call-opening-aidet", source: demo[1] },
      { department: "Customer Service", slug: "call-opening-aidet", source: "copy" },
      { department: "Τεχνική υποστήριξη", slug: "el-sop", source: "ελληνικά" },
      { department: "../../etc", slug: "../passwd", source: "x" },
      { department: "", slug: "", source: "y" },
    ]);
    const files = unzipSync(data);
    expect(Object.keys(files)).toEqual([
      "customer-service/call-opening-aidet.mdx",
      "customer-service/call-opening-aidet-2.mdx",
      "etc/passwd.mdx",
      "returns-logistics/refund-and-return.mdx",
      "unassigned/sop.mdx",
      "τεχνικη-υποστηριξη/el-sop.mdx",
    ]);
    expect(new TextDecoder().decode(files["customer-service/call-opening-aidet.mdx"])).toBe(demo[1]);
    expect(bundlePath("Billing", "Card dispute")).toBe("billing/card-dispute.mdx");
  });

  it("is deterministic: same bytes on every run and in every time zone", () => {
    const entries = demo.map((source, i) => ({
      department: i % 2 ? "Billing" : "Customer Service",
      slug: `sop-${i}`,
      source,
    }));
    const a = exportBundle(entries);
    const before = process.env.TZ;
    try {
      process.env.TZ = "Asia/Tehran";
      const b = exportBundle([...entries].reverse());
      process.env.TZ = "America/Los_Angeles";
      const c = exportBundle(entries);
      expect(b).toEqual(a);
      expect(c).toEqual(a);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("export then read is lossless (property)", () => {
    const text = fc
      .array(
        fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff),
        { maxLength: 300 },
      )
      .map((cps) => String.fromCodePoint(...cps));
    const entry = fc.record({
      department: fc.oneof(
        fc.constantFrom("Billing", "Customer Service", "Returns & Logistics", "پشتیبانی"),
        fc.string({ maxLength: 20 }),
      ),
      slug: fc.oneof(fc.constantFrom("refund", "call-opening"), fc.string({ maxLength: 20 })),
      source: fc.oneof(text, fc.constantFrom(...demo), fc.constant("\ufeff---\ntitle: BOM\n---\r\n")),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        const read = readBundle(exportBundle(entries));
        expect(read.errors).toEqual([]);
        expect(read.notes).toEqual([]);
        expect(read.files).toHaveLength(entries.length);
        expect(read.files.map((f) => f.source).sort()).toEqual(entries.map((e) => e.source).sort());
        for (const f of read.files) expect(f.path).toMatch(/^[^/]+\/[^/]+\.mdx$/);
        const byDepartment = new Map<string, string[]>();
        for (const e of entries) byDepartment.set(bundlePath(e.department, e.slug).split("/")[0], []);
        for (const f of read.files) expect(byDepartment.has(f.path.split("/")[0])).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("readBundle guards", () => {
  it("reads .mdx and .md, skips folders and other files with a note", () => {
    const data = zipSync(
      {
        "billing/": new Uint8Array(0),
        "billing/a.mdx": strToU8("A"),
        "wiki/b.MD": strToU8("B"),
        "billing/logo.png": new Uint8Array([1, 2, 3]),
        "__MACOSX/billing/._a.mdx": new Uint8Array([0, 5, 22, 7]),
        ".DS_Store": new Uint8Array([0]),
      },
      { mtime: new Date(2000, 0, 1) },
    );
    const r = readBundle(data);
    expect(r.files).toEqual([
      { path: "billing/a.mdx", source: "A" },
      { path: "wiki/b.MD", source: "B" },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.notes.map((n) => [n.path, n.message])).toEqual([
      ["billing/", "Folder skipped"],
      ["billing/logo.png", "Not an .mdx or .md file: skipped"],
      ["__MACOSX/billing/._a.mdx", "System file skipped"],
      [".DS_Store", "System file skipped"],
    ]);
  });

  it("rejects path traversal and absolute paths per file", () => {
    const r = readBundle(
      zip({
        "../evil.mdx": "x",
        "a/../../evil2.md": "x",
        "/etc/abs.mdx": "x",
        "C:/win.mdx": "x",
        "..\\win.mdx": "x",
        "ok.mdx": "fine",
      }),
    );
    expect(r.files).toEqual([{ path: "ok.mdx", source: "fine" }]);
    expect(r.errors.map((e) => e.path)).toEqual([
      "../evil.mdx",
      "a/../../evil2.md",
      "/etc/abs.mdx",
      "C:/win.mdx",
      "..\\win.mdx",
    ]);
    for (const e of r.errors) expect(e.message).toMatch(/^Rejected: its path (leaves the archive|is absolute)/);
  });

  it("rejects contents and names that are not UTF-8", () => {
    const data = zip({ "latin1.mdx": new Uint8Array([0x63, 0x61, 0x66, 0xe9]), "badé.mdx": "x", "good.mdx": "✓" }, 0);
    // Turn the é (C3 A9) of the second name into bytes that are not UTF-8, in both headers.
    for (let i = 0; i + 1 < data.length; i++) if (data[i] === 0xc3 && data[i + 1] === 0xa9) data[i] = 0xff;
    const r = readBundle(data);
    expect(r.files).toEqual([{ path: "good.mdx", source: "✓" }]);
    expect(r.errors).toHaveLength(2);
    expect(r.errors).toContainEqual({ path: "latin1.mdx", message: "Rejected: the file is not UTF-8 text" });
    expect(r.errors.find((e) => e.path !== "latin1.mdx")!.message).toBe("Rejected: the file name is not valid UTF-8");
  });

  it("rejects files over 1 MB without inflating them", () => {
    const big = new Uint8Array(BUNDLE_LIMITS.maxFileBytes + 1).fill(0x61);
    const r = readBundle(zip({ "big.mdx": big, "small.mdx": "s" }));
    expect(r.files.map((f) => f.path)).toEqual(["small.mdx"]);
    expect(r.errors).toEqual([{ path: "big.mdx", message: "Rejected: 1.0 MB is over the 1 MB limit for one SOP" }]);
    const exact = readBundle(zip({ "exact.mdx": big.subarray(0, BUNDLE_LIMITS.maxFileBytes) }));
    expect(exact.errors).toEqual([]);
  });

  it("rejects an archive with more than 2,000 entries", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= BUNDLE_LIMITS.maxEntries; i++) files[`d/f${i}.mdx`] = "x";
    const r = readBundle(zip(files, 0));
    expect(r.files).toEqual([]);
    expect(r.errors).toEqual([
      { path: "", message: "The archive has 2001 entries; at most 2000 are accepted — split it into smaller archives" },
    ]);
    delete files["d/f0.mdx"];
    expect(readBundle(zip(files, 0)).files).toHaveLength(2000);
  });

  it("rejects an archive whose files add up to more than 50 MB, from the declared sizes", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`f${i}.mdx`] = "x";
    const data = zip(files, 0);
    // Declare 900 KB each (60 × 900 KB > 50 MB): the guard must trip before any entry is read.
    const view = new DataView(data.buffer);
    for (const c of headers(data).central) view.setUint32(c + 24, 900 * 1024, true);
    const r = readBundle(data);
    expect(r.files).toEqual([]);
    expect(r.errors).toEqual([
      {
        path: "",
        message: "The archive's files add up to 53 MB; at most 50 MB are accepted — split it into smaller archives",
      },
    ]);
  });

  it("rejects an archive that expands more than 100:1 into more than 8 MB (a zip bomb within the size limits)", () => {
    const files: Record<string, Uint8Array> = {};
    // 20 MB of "a" deflate to ~20 KB
    for (let i = 0; i < 20; i++) files[`d/f${i}.mdx`] = new Uint8Array(1024 * 1024).fill(0x61);
    const r = readBundle(zip(files));
    expect(r.files).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].path).toBe("");
    expect(r.errors[0].message).toMatch(
      /^The archive is 0\.0 MB but its files add up to 20 MB \(\d+:1\); at most 100:1 is accepted/,
    );
    // A real library compresses a few times: accepted.
    const real: Record<string, string> = {};
    for (let i = 0; i < 120; i++)
      real[`d/sop-${i}.mdx`] = demo[i % demo.length].replace(/^title: .*$/m, `title: Copy ${i}`);
    expect(readBundle(zip(real)).errors).toEqual([]);
  });

  it("catches a zip bomb that lies about its size, and damaged entries", () => {
    const bomb = zip({ "bomb.mdx": new Uint8Array(20 * 1024 * 1024), "ok.mdx": "fine" });
    const view = new DataView(bomb.buffer);
    const { central, local } = headers(bomb);
    view.setUint32(central[0] + 24, 100, true); // declares 100 bytes, inflates to 20 MB
    view.setUint32(local[0] + 22, 100, true);
    const t = performance.now();
    const r = readBundle(bomb);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(r.files).toEqual([{ path: "ok.mdx", source: "fine" }]);
    expect(r.errors).toEqual([
      {
        path: "bomb.mdx",
        message: "Rejected: the file inflates to more than the archive declared (over the 1 MB limit)",
      },
    ]);

    const stored = zip({ "a.mdx": "hello world" }, 0);
    stored[headers(stored).local[0] + 30 + "a.mdx".length] ^= 1; // flip a bit of the data
    expect(readBundle(stored).errors).toEqual([
      { path: "a.mdx", message: "Rejected: the entry is damaged (checksum mismatch)" },
    ]);
  });

  it("never throws on garbage", () => {
    expect(readBundle(new Uint8Array([1, 2, 3])).errors[0].message).toMatch(/not a zip/);
    expect(readBundle(new Uint8Array(0)).errors).toHaveLength(1);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 0, max: 399 }), (noise, at) => {
        const data = zip({ "a.mdx": "hello", "b/c.md": "world" });
        const broken = new Uint8Array(data);
        broken.set(noise.subarray(0, Math.max(0, broken.length - (at % broken.length))), at % broken.length);
        const r = readBundle(broken);
        expect(Array.isArray(r.files) && Array.isArray(r.errors)).toBe(true);
        for (const f of r.files) {
          expect(typeof f.source).toBe("string");
          expect(f.path.replace(/\\/g, "/").split("/")).not.toContain("..");
          expect(f.path).toMatch(/\.(mdx|md)$/i);
        }
      }),
      { numRuns: 300 },
    );
  });
});
