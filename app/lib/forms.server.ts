// Reading a submitted form on the server: the one way actions get at their body. A body that is not a form
// (JSON, text/plain, none at all with a content type we can't read) answers 415; a form that can't be read
// (a broken multipart body) answers 400 — never a 500.
import { data } from "react-router";
import type { z } from "zod";
import { parseForm, type FieldErrors } from "./forms";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** The request's form data; throws a 415/400 response with a message a person can act on. */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw data(
      {
        message: type
          ? `This form expects ${FORM_TYPES.join(" or ")}, not ${type}.`
          : "Send the form as application/x-www-form-urlencoded or multipart/form-data.",
      },
      { status: 415, headers: { Accept: FORM_TYPES.join(", ") } },
    );
  }
  try {
    return await request.formData();
  } catch {
    throw data({ message: "The form could not be read: the body is not valid form data." }, { status: 400 });
  }
}

/** Reads the form and parses it with its schema: the data, or the first message per field. */
export async function readFormWith<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; fieldErrors: FieldErrors }> {
  return parseForm(schema, await readForm(request));
}
