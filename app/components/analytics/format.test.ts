import { describe, expect, it } from "vitest";
import { translator } from "../../../i18n";
import { formatDuration, formatShare } from "./format";

describe("dashboard formats", () => {
  const en = translator("en");
  it("prints durations as m:ss or h:mm:ss", () => {
    expect(formatDuration(en, 245_000)).toBe("4:05");
    expect(formatDuration(en, 3_730_000)).toBe("1:02:10");
    expect(formatDuration(en, null)).toBe("–");
  });
  it("prints shares as percentages, with a decimal under 10 %", () => {
    expect(formatShare(en, 0.123)).toBe("12%");
    expect(formatShare(en, 0.042)).toBe("4.2%");
    expect(formatShare(en, null)).toBe("–");
  });
  it("uses the language's digits", () => {
    expect(formatDuration(translator("fa"), 245_000)).toBe("۴:۰۵");
  });
});
