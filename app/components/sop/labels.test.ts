import { describe, expect, it } from "vitest";
import sopCatalog from "../../../i18n/messages/sop";
import { formatSeconds, labelsFor } from "./labels";

describe("SOP labels", () => {
  it("speak each of the five languages, from the sop catalog", () => {
    expect(labelsFor("en").sayToCustomer).toBe("Say to the customer");
    expect(labelsFor("el").sayToCustomer).toBe("Πείτε στον πελάτη");
    expect(labelsFor("it").sayToCustomer).toBe("Da dire al cliente");
    expect(labelsFor("lt").sayToCustomer).toBe("Pasakykite klientui");
    expect(labelsFor("fa").sayToCustomer).toBe("به مشتری بگویید");
    for (const lang of ["el", "it", "lt", "fa"] as const) {
      expect(labelsFor(lang).terms).toBe(sopCatalog[lang]["sop.terms"]);
      expect(labelsFor(lang).locale).toBe(lang);
    }
  });

  it("read regional tags by their language and fall back to English for others", () => {
    expect(labelsFor("it-IT").warning).toBe("Attenzione");
    expect(labelsFor("LT").yes).toBe("Taip");
    expect(labelsFor("de").step(2)).toBe("Step 2");
    expect(labelsFor("").locale).toBe("en");
  });

  it("format numbers through Intl in the SOP's language", () => {
    expect(labelsFor("fa").step(3)).toBe("گام ۳");
    expect(labelsFor("el").step(12)).toBe("Βήμα 12");
    expect(labelsFor("lt").step(4)).toBe("Žingsnis 4");
    expect(formatSeconds(labelsFor("fa"), 390)).toBe("۶ دقیقه ۳۰ ثانیه");
    expect(formatSeconds(labelsFor("it"), 90 * 86400)).toBe("90 g");
    expect(formatSeconds(labelsFor("en"), 0)).toBe("—");
  });

  it("put the authored values into the sentence", () => {
    expect(labelsFor("it").escalateTo("Secondo livello")).toBe("Inoltra a Secondo livello");
    expect(labelsFor("lt").filledFrom("Kliento vardas")).toBe("Pokalbio metu užpildoma iš lauko „Kliento vardas“");
    expect(labelsFor("el").reviewEvery("90 ημ.")).toBe("κάθε 90 ημ.");
  });
});
