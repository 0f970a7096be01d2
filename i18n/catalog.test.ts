import { describe, expect, it } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { AREAS } from "./messages";
import { asciiDigits, translator, uiLanguageOf, UI_LANGUAGES } from ".";

function argumentsOf(els: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of els) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select)
      for (const o of Object.values(el.options)) argumentsOf(o.value, out);
    if (el.type === TYPE.tag) argumentsOf(el.children, out);
  }
  return out;
}

describe("message catalogs", () => {
  for (const [area, catalog] of Object.entries(AREAS)) {
    const en = catalog.en as Record<string, string>;
    it(`${area}: ids are namespaced by their area`, () => {
      for (const id of Object.keys(en)) expect(id.startsWith(`${area}.`), id).toBe(true);
    });
    for (const lang of UI_LANGUAGES) {
      it(`${area}/${lang}: same ids as English, valid ICU, same arguments`, () => {
        const messages = (catalog as Record<string, Record<string, string>>)[lang];
        expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
        for (const [id, text] of Object.entries(messages)) {
          expect(text.trim(), `${lang} ${id} is empty`).not.toBe("");
          const args = [...argumentsOf(parse(text))].sort();
          expect(args, `${lang} ${id}`).toEqual([...argumentsOf(parse(en[id]))].sort());
        }
      });
    }
  }
});

describe("translator", () => {
  it("falls back to English for languages without a catalog", () => {
    expect(uiLanguageOf("fa-IR")).toBe("fa");
    expect(uiLanguageOf("de")).toBe("en");
    expect(uiLanguageOf(undefined)).toBe("en");
    expect(translator("de").lang).toBe("en");
  });
  it("formats numbers in the language's digits and right-to-left languages know their direction", () => {
    expect(translator("fa").number(42)).toBe("۴۲");
    expect(translator("fa").dir).toBe("rtl");
    expect(translator("el").number(1234.5)).toBe("1.234,5");
  });
  it("formats times in the given time zone", () => {
    const at = Date.UTC(2026, 0, 15, 12, 0);
    expect(translator("en", "Europe/Vilnius").time(at, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })).toBe(
      "14:00",
    );
    expect(translator("en", "Not/AZone").timeZone).toBeUndefined();
  });
  it("reads Persian and Arabic-Indic digits as ASCII", () => {
    expect(asciiDigits("۰۹۱۲ ۳۴۵ ٦٧٨٩")).toBe("0912 345 6789");
    expect(asciiDigits("۱۲٫۵")).toBe("12.5");
  });
});

describe("numbers inside messages", () => {
  it("are written in the language's digits, in plain and in plural arguments alike", () => {
    expect(translator("fa").t("run.outline.stepOf", { n: 1, total: 7 })).toBe("گام ۱ از ۷");
    expect(translator("en").t("run.outline.stepOf", { n: 1, total: 7 })).toBe("Step 1 of 7");
    expect(translator("fa").t("run.sync.pending", { count: 3 })).toMatch(/۳/);
  });
});
