import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** Parses a submitted form with a zod schema; the first message per field, keyed by the field's name. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  form: FormData,
): { ok: true; data: z.infer<S> } | { ok: false; fieldErrors: FieldErrors } {
  const values: Record<string, FormDataEntryValue> = {};
  for (const [k, v] of form) values[k] = v;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false, fieldErrors };
}
