import { describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db.server";
import { createUser, getUserPreferences, updateUserPreferences } from "../db/users.server";
import { deviceTimeZoneOf, knownTimeZone, negotiateLanguage, resolveViewerLocale } from "./viewer-locale.server";

describe("the viewer's interface language", () => {
  it.each([
    ["el-GR,el;q=0.9,en;q=0.8", "el"],
    ["de-DE,de;q=0.9,it;q=0.5,en;q=0.4", "it"],
    ["en;q=0.2, fa-IR", "fa"],
    ["lt;q=0, en;q=0.5", "en"],
    ["de, fr", null],
    ["", null],
    ["*", null],
    ["LT-lt", "lt"],
  ] as const)("Accept-Language %j → %s", (header, lang) => {
    expect(negotiateLanguage(header)).toBe(lang);
  });

  it("takes the profile's language over the browser's, and English when neither says", () => {
    expect(resolveViewerLocale({ uiLanguage: "fa", timeZone: null }, "el", null)).toMatchObject({
      uiLanguage: "fa",
      languageSource: "profile",
    });
    expect(resolveViewerLocale({ uiLanguage: null, timeZone: null }, "el", null)).toMatchObject({
      uiLanguage: "el",
      languageSource: "browser",
    });
    expect(resolveViewerLocale(null, "de", null)).toMatchObject({ uiLanguage: "en", languageSource: "browser" });
    // a stored value we no longer support is ignored, not trusted
    expect(resolveViewerLocale({ uiLanguage: "xx", timeZone: null }, "it", null).uiLanguage).toBe("it");
  });
});

describe("the viewer's time zone", () => {
  it("reads the tz cookie the page sets, and refuses what is not a zone name", () => {
    expect(deviceTimeZoneOf("stepwise_session=abc; tz=America%2FNew_York")).toBe("America/New_York");
    expect(deviceTimeZoneOf("tz=Europe/Vilnius")).toBe("Europe/Vilnius");
    expect(deviceTimeZoneOf("xtz=Europe/Rome")).toBeNull();
    expect(deviceTimeZoneOf("tz=%E0%A4%A")).toBeNull();
    expect(deviceTimeZoneOf("tz=<script>")).toBeNull();
    expect(deviceTimeZoneOf(null)).toBeNull();
    expect(knownTimeZone("Asia/Tehran")).toBe("Asia/Tehran");
    expect(knownTimeZone("Mars/Olympus_Mons")).toBeNull();
  });

  it("takes the profile's zone, else the device's, else UTC, and says which", () => {
    expect(
      resolveViewerLocale({ uiLanguage: null, timeZone: "Asia/Tehran" }, null, "tz=Europe%2FAthens"),
    ).toMatchObject({ timeZone: "Asia/Tehran", timeZoneSource: "profile", deviceTimeZone: "Europe/Athens" });
    expect(resolveViewerLocale({ uiLanguage: null, timeZone: null }, null, "tz=Europe%2FAthens")).toMatchObject({
      timeZone: "Europe/Athens",
      timeZoneSource: "device",
    });
    expect(resolveViewerLocale(null, null, null)).toMatchObject({
      timeZone: "UTC",
      timeZoneSource: "default",
      deviceTimeZone: null,
    });
    // a zone the server does not know falls back, but the device's report is kept (the page does not ask again)
    expect(resolveViewerLocale(null, null, "tz=Mars%2FOlympus_Mons")).toMatchObject({
      timeZone: "UTC",
      timeZoneSource: "default",
      deviceTimeZone: "Mars/Olympus_Mons",
    });
  });
});

describe("user preferences in the database", () => {
  it("start empty (follow the browser), save and clear", async () => {
    const db = createTestDb();
    const id = await createUser(
      db,
      { email: "p@x.test", name: "P", role: "agent", departmentId: null, passwordHash: "h" },
      null,
    );
    expect(await getUserPreferences(db, id)).toEqual({ uiLanguage: null, timeZone: null });
    expect(await updateUserPreferences(db, id, { uiLanguage: "lt", timeZone: "Europe/Vilnius" })).toBe(true);
    expect(await getUserPreferences(db, id)).toEqual({ uiLanguage: "lt", timeZone: "Europe/Vilnius" });
    expect(await updateUserPreferences(db, id, { uiLanguage: null, timeZone: null })).toBe(true);
    expect(await getUserPreferences(db, id)).toEqual({ uiLanguage: null, timeZone: null });
    expect(await updateUserPreferences(db, "no-such-user", { uiLanguage: "en", timeZone: null })).toBe(false);
  });
});
