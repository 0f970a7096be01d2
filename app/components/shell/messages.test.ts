import { describe, expect, it } from "vitest";
import { ROLES } from "../../../db/roles";
import { translator, UI_LANGUAGES } from "../../../i18n";
import app from "../../../i18n/messages/app";
import { NAV } from "../../auth/permissions";
import { NAV_MESSAGES, ROLE_MESSAGES } from "./messages";

describe("the shell speaks the interface language", () => {
  it("every navigation entry and every role has its words in the app catalog", () => {
    for (const item of NAV) expect(NAV_MESSAGES[item.to], `a message for ${item.to}`).toBeDefined();
    for (const role of ROLES) expect(ROLE_MESSAGES[role]).toMatch(/^app\.role\./);
    for (const id of [...Object.values(NAV_MESSAGES), ...Object.values(ROLE_MESSAGES)])
      expect(app.en[id as keyof typeof app.en], id).toBeTruthy();
  });

  it("English words match the navigation's own labels; the other languages translate them", () => {
    for (const item of NAV) expect(translator("en").t(NAV_MESSAGES[item.to]!)).toBe(item.label);
    for (const lang of UI_LANGUAGES.filter((l) => l !== "en")) {
      const words = NAV.map((item) => translator(lang).t(NAV_MESSAGES[item.to]!));
      expect(
        words.filter((w, i) => w === NAV[i]!.label && w !== "Editor"),
        `${lang} navigation left in English`,
      ).toEqual([]);
    }
    expect(translator("el").t("app.nav.library")).toBe("Βιβλιοθήκη");
    expect(translator("fa").t("app.account.signOut")).toBe("خروج");
  });
});
