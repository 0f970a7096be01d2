import { data } from "react-router";
import { getDb } from "../db/client.server";
import type { SessionUser } from "./auth/session.server";
import { importFiles, MAX_IMPORT_FILES, type ImportFile, type ImportReportRow } from "./import-export.server";

export const MAX_IMPORT_REQUEST_BYTES = 50 * 1024 * 1024;

/** Reads a multipart import request (files + optional department) and imports it; 4xx on a bad request. */
export async function handleImportRequest(
  request: Request,
  actor: SessionUser,
): Promise<{ report: ImportReportRow[] }> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_IMPORT_REQUEST_BYTES)
    throw data({ message: `An import may be at most ${MAX_IMPORT_REQUEST_BYTES / 1024 / 1024} MB.` }, { status: 413 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw data({ message: "Send the files as multipart/form-data in a field called “files”." }, { status: 400 });
  }
  const entries = form
    .getAll("files")
    .filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0);
  if (entries.length === 0)
    throw data({ message: "files: choose at least one .mdx, .md or .zip file." }, { status: 400 });
  if (entries.length > MAX_IMPORT_FILES)
    throw data(
      { message: `files: at most ${MAX_IMPORT_FILES} files at a time (a .zip counts as one).` },
      { status: 400 },
    );
  const files: ImportFile[] = [];
  for (const f of entries) files.push({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) });
  const department = String(form.get("department") ?? "").trim() || undefined;
  return { report: await importFiles(getDb(), actor.id, files, { department, actor }) };
}
