// The content hash that keys a stored, parsed SOP version: SHA-256 of the source's UTF-8 bytes, hex.
// Computed where versions are saved (server and CLI), with node:crypto.
import { createHash } from "node:crypto";

export function contentHashNode(source: string): string {
  return createHash("sha256").update(source, "utf8").digest("hex");
}
