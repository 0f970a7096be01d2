import { describe, expect, it } from "vitest";
import { directionOf } from "./direction";

describe("directionOf", () => {
  it("is rtl for Persian, Arabic, Hebrew and Urdu, including regional tags", () => {
    for (const tag of ["fa", "fa-IR", "ar", "ar-EG", "he", "ur", "ps", "ckb", "ku-Arab"]) expect(directionOf(tag), tag).toBe("rtl");
  });
  it("is ltr otherwise", () => {
    for (const tag of ["en", "el", "de-AT", "", undefined, "far"]) expect(directionOf(tag as string), String(tag)).toBe("ltr");
  });
});
