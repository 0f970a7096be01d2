// The library as a .zip of `department/slug.mdx` files, and reading such a zip back. Pure and browser-safe.
//
// Export uses fflate with fixed timestamps and a sorted file order, so the same library gives the same bytes.
// Import reads the zip's central directory itself, so every guard (entry count, sizes, paths, compression)
// runs before anything is inflated; entries are inflated in small chunks with a hard output limit, and
// their size and CRC-32 are checked against the directory (a zip bomb that lies about its sizes is caught).
import { Inflate, zipSync } from "fflate";
import { slugify } from "../sop-schema/slug";

export type BundleEntry = { department: string; slug: string; source: string };
export type BundleFile = { path: string; source: string };
export type BundleProblem = { path: string; message: string };
export type ReadBundleResult = {
  /** The .mdx and .md files, in archive order. */
  files: BundleFile[];
  /** Files (or, with path "", the whole archive) that were rejected, and why. */
  errors: BundleProblem[];
  /** Entries skipped on purpose (folders, other file types, macOS metadata). */
  notes: BundleProblem[];
};

export const BUNDLE_LIMITS = {
  /** Largest file accepted, in bytes (uncompressed). */
  maxFileBytes: 1024 * 1024,
  /** Most entries (files and folders) in one archive. */
  maxEntries: 2000,
  /** Largest total of the files read, in bytes (uncompressed). */
  maxTotalBytes: 50 * 1024 * 1024,
  /**
   * Largest expansion of the whole archive (files read ÷ archive size) once it holds more than
   * `ratioFromBytes`: SOP text deflates about 3–10:1, so a small upload that expands to tens of MB is a bomb.
   */
  maxCompressionRatio: 100,
  ratioFromBytes: 8 * 1024 * 1024,
} as const;

// ---------------------------------------------------------------------------------------------
// Export

/**
 * Zips store local-time fields: a date built from local fields at export time gives the same bytes in every time zone.
 */
const fixedMtime = () => new Date(2000, 0, 1, 0, 0, 0);

function safeSegment(text: string, fallback: string): string {
  const s = slugify(text).replace(/^\.+/, "");
  return s === "" ? fallback : s;
}

/** The path of one SOP in the bundle: `department-slug/slug.mdx`. */
export function bundlePath(department: string, slug: string): string {
  return `${safeSegment(department, "unassigned")}/${safeSegment(slug, "sop")}.mdx`;
}

/**
 * A zip of every SOP as `department/slug.mdx` (department and slug slugified), sorted by path, with fixed
 * timestamps: the same entries always give the same bytes. Two entries with the same path get `-2`, `-3`….
 */
export function exportBundle(entries: readonly BundleEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const withPaths = entries
    .map((e) => ({ path: bundlePath(e.department, e.slug), source: e.source }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const used = new Set<string>();
  const mtime = fixedMtime();
  const files: Record<string, [Uint8Array, { mtime: Date; level: 6 }]> = {};
  for (const e of withPaths) {
    let path = e.path;
    for (let n = 2; used.has(path); n++) path = e.path.replace(/\.mdx$/, `-${n}.mdx`);
    used.add(path);
    files[path] = [encoder.encode(e.source), { mtime, level: 6 }];
  }
  return zipSync(files, { mtime });
}

// ---------------------------------------------------------------------------------------------
// Import

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

type CentralEntry = {
  name: string;
  nameIsUtf8: boolean;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
};

class ZipFormatError extends Error {}

const u16 = (d: Uint8Array, i: number) => d[i] | (d[i + 1] << 8);
const u32 = (d: Uint8Array, i: number) => (d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) | (d[i + 3] << 24)) >>> 0;

function readCentralDirectory(data: Uint8Array): { entries: CentralEntry[]; total: number } {
  // End of central directory: the last PK\5\6 within the final 22 + 65535 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (u32(data, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("This file is not a zip archive (or it is damaged)");
  const total = u16(data, eocd + 10);
  const cdSize = u32(data, eocd + 12);
  const cdOffset = u32(data, eocd + 16);
  if (total === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    throw new ZipFormatError("ZIP64 archives are not supported — a library bundle is never that large");
  if (total > BUNDLE_LIMITS.maxEntries) return { entries: [], total };
  if (cdOffset + cdSize > data.length)
    throw new ZipFormatError("The zip archive is damaged (its directory is cut off)");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const entries: CentralEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < total; n++) {
    if (p + 46 > data.length || u32(data, p) !== 0x02014b50)
      throw new ZipFormatError("The zip archive is damaged (bad directory entry)");
    const flags = u16(data, p + 8);
    const nameLength = u16(data, p + 28);
    const extraLength = u16(data, p + 30);
    const commentLength = u16(data, p + 32);
    const nameBytes = data.subarray(p + 46, p + 46 + nameLength);
    let name: string;
    let nameIsUtf8 = true;
    try {
      name = decoder.decode(nameBytes);
    } catch {
      nameIsUtf8 = false;
      name = new TextDecoder("utf-8").decode(nameBytes);
    }
    entries.push({
      name,
      nameIsUtf8,
      flags,
      method: u16(data, p + 10),
      crc: u32(data, p + 16),
      compressedSize: u32(data, p + 20),
      size: u32(data, p + 24),
      localOffset: u32(data, p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, total };
}

/** Why a path is unsafe to use, or null. Backslashes count as separators (some Windows tools write them). */
function unsafePath(name: string): string | null {
  if (name.includes("\0")) return "its name contains a NUL character";
  const path = name.replace(/\\/g, "/");
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "its path is absolute";
  if (path.split("/").some((seg) => seg === "..")) return "its path leaves the archive (..)";
  return null;
}

class TooLarge extends Error {}

/** Inflates in small chunks so a bomb never allocates more than the limit (plus one chunk's output). */
function inflateLimited(compressed: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk);
  });
  const STEP = 4096;
  if (compressed.length === 0) inflater.push(new Uint8Array(0), true);
  for (let i = 0; i < compressed.length; i += STEP)
    inflater.push(compressed.subarray(i, i + STEP), i + STEP >= compressed.length);
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/**
 * Reads a library bundle: every `.mdx` and `.md` file, as UTF-8 text. Never throws. Rejected with a per-file
 * error: unsafe paths (absolute, `..`), names or contents that are not UTF-8, files over 1 MB, encrypted or
 * damaged entries. Rejected as a whole (an error with path ""): not a zip, more than 2,000 entries, more
 * than 50 MB of files to read, or more than 8 MB that expand over 100:1 (a zip bomb). Folders and other
 * files are skipped with a note.
 */
export function readBundle(data: Uint8Array): ReadBundleResult {
  const result: ReadBundleResult = { files: [], errors: [], notes: [] };
  if (!(data instanceof Uint8Array)) {
    result.errors.push({ path: "", message: "No data: expected the bytes of a .zip file" });
    return result;
  }
  let directory: { entries: CentralEntry[]; total: number };
  try {
    directory = readCentralDirectory(data);
  } catch (e) {
    result.errors.push({
      path: "",
      message: e instanceof ZipFormatError ? e.message : "This file is not a zip archive (or it is damaged)",
    });
    return result;
  }
  if (directory.total > BUNDLE_LIMITS.maxEntries) {
    result.errors.push({
      path: "",
      message:
        `The archive has ${directory.total} entries; at most ${BUNDLE_LIMITS.maxEntries} ` +
        `are accepted — split it into smaller archives`,
    });
    return result;
  }

  // Decide what to read before inflating anything.
  const toRead: CentralEntry[] = [];
  const seen = new Set<string>();
  for (const e of directory.entries) {
    const path = e.name;
    if (path.endsWith("/") || path.endsWith("\\")) {
      result.notes.push({ path, message: "Folder skipped" });
      continue;
    }
    const base = path.replace(/^.*[\\/]/, "");
    if (/(^|[\\/])__MACOSX[\\/]/.test(path) || base.startsWith("._") || base === ".DS_Store" || base === "Thumbs.db") {
      result.notes.push({ path, message: "System file skipped" });
      continue;
    }
    if (!/\.(mdx|md)$/i.test(base)) {
      result.notes.push({ path, message: "Not an .mdx or .md file: skipped" });
      continue;
    }
    const unsafe = unsafePath(path);
    if (unsafe) {
      result.errors.push({ path, message: `Rejected: ${unsafe}` });
      continue;
    }
    if (!e.nameIsUtf8) {
      result.errors.push({ path, message: "Rejected: the file name is not valid UTF-8" });
      continue;
    }
    if (e.flags & 1) {
      result.errors.push({ path, message: "Rejected: the file is encrypted" });
      continue;
    }
    if (e.method !== 0 && e.method !== 8) {
      result.errors.push({
        path,
        message: `Rejected: unsupported compression method ${e.method} (use a standard zip)`,
      });
      continue;
    }
    if (e.size > BUNDLE_LIMITS.maxFileBytes) {
      result.errors.push({ path, message: `Rejected: ${MB(e.size)} is over the 1 MB limit for one SOP` });
      continue;
    }
    if (seen.has(path)) {
      result.errors.push({ path, message: "Rejected: the archive holds two files with this path" });
      continue;
    }
    seen.add(path);
    toRead.push(e);
  }
  const declaredTotal = toRead.reduce((n, e) => n + e.size, 0);
  if (declaredTotal > BUNDLE_LIMITS.maxTotalBytes) {
    result.errors.push({
      path: "",
      message:
        `The archive's files add up to ${MB(declaredTotal)}; at ` +
        `most 50 MB are accepted — split it into smaller archives`,
    });
    return { files: [], errors: result.errors, notes: result.notes };
  }
  const ratio = declaredTotal / Math.max(1, data.length);
  if (declaredTotal > BUNDLE_LIMITS.ratioFromBytes && ratio > BUNDLE_LIMITS.maxCompressionRatio) {
    result.errors.push({
      path: "",
      message:
        `The archive is ${MB(data.length)} but its files add up to ${MB(declaredTotal)} ` +
        `(${Math.round(ratio)}:1); at most ${BUNDLE_LIMITS.maxCompressionRatio}:1 is ` +
        `accepted — SOP text compresses about 3–10:1, so this looks like a zip bomb`,
    });
    return { files: [], errors: result.errors, notes: result.notes };
  }

  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let readTotal = 0;
  for (const e of toRead) {
    const path = e.name;
    try {
      const p = e.localOffset;
      if (p + 30 > data.length || u32(data, p) !== 0x04034b50) throw new ZipFormatError("damaged (bad local header)");
      const start = p + 30 + u16(data, p + 26) + u16(data, p + 28);
      const end = start + e.compressedSize;
      if (end > data.length) throw new ZipFormatError("damaged (cut off)");
      const raw = data.subarray(start, end);
      let bytes: Uint8Array;
      if (e.method === 0) bytes = raw;
      else bytes = inflateLimited(raw, Math.min(BUNDLE_LIMITS.maxFileBytes, e.size));
      if (bytes.length !== e.size)
        throw new ZipFormatError("damaged (its size does not match the archive's directory)");
      if (crc32(bytes) !== e.crc) throw new ZipFormatError("damaged (checksum mismatch)");
      readTotal += bytes.length;
      if (readTotal > BUNDLE_LIMITS.maxTotalBytes) throw new TooLarge();
      let source: string;
      try {
        source = decoder.decode(bytes);
      } catch {
        result.errors.push({ path, message: "Rejected: the file is not UTF-8 text" });
        continue;
      }
      result.files.push({ path, source });
    } catch (err) {
      if (err instanceof TooLarge)
        result.errors.push({
          path,
          message: "Rejected: the file inflates to more than the archive declared (over the 1 MB limit)",
        });
      else if (err instanceof ZipFormatError)
        result.errors.push({ path, message: `Rejected: the entry is ${err.message}` });
      else result.errors.push({ path, message: "Rejected: the entry could not be decompressed (damaged)" });
    }
  }
  return result;
}
