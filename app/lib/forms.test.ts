import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseForm } from "./forms";

describe("parseForm", () => {
  const schema = z.object({
    name: z.string().min(2, "Name is too short."),
    age: z.coerce.number().int("Whole years, please."),
  });
  it("returns the data when valid", () => {
    const fd = new FormData();
    fd.set("name", "Ada");
    fd.set("age", "36");
    expect(parseForm(schema, fd)).toEqual({ ok: true, data: { name: "Ada", age: 36 } });
  });
  it("names each invalid field with its first message", () => {
    const fd = new FormData();
    fd.set("name", "A");
    fd.set("age", "3.5");
    expect(parseForm(schema, fd)).toEqual({
      ok: false,
      fieldErrors: { name: "Name is too short.", age: "Whole years, please." },
    });
  });
});
