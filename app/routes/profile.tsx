import { useState } from "react";
import { data, Form, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/profile";
import { translator, UI_LANGUAGES, type MessageId } from "../../i18n";
import { getDb } from "../../db/client.server";
import { getUserPreferences, listDepartments, updateUserPreferences } from "../../db/users.server";
import { authorize, decideProfile } from "../auth/policy";
import { requireUser } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { FormField } from "../components/form";
import { useT } from "../components/i18n";
import { ROLE_MESSAGES } from "../components/shell/messages";
import { throwRouteError } from "../http-errors.server";
import { parseForm } from "../lib/forms";
import { readForm } from "../lib/forms.server";
import { knownTimeZone, negotiateLanguage, viewerLocale } from "../viewer-locale.server";

export const meta: Route.MetaFunction = ({ matches }) => {
  const [root] = matches;
  return [{ title: `${translator(root?.data?.uiLanguage).t("app.profile.title")} · Stepwise` }];
};

type ZoneOption = { value: string; label: string };
const zoneCache = new Map<number, ZoneOption[]>();

/** Every IANA zone this server knows, with its current UTC offset ("Europe/Vilnius (GMT+2)"); rebuilt hourly (DST). */
function timeZoneOptions(now: number): ZoneOption[] {
  const hour = Math.floor(now / 3_600_000);
  const hit = zoneCache.get(hour);
  if (hit) return hit;
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  const options = zones.map((value) => {
    const offset =
      new Intl.DateTimeFormat("en", { timeZone: value, timeZoneName: "shortOffset" })
        .formatToParts(now)
        .find((p) => p.type === "timeZoneName")?.value ?? "";
    return { value, label: `${value.replaceAll("_", " ")}${offset && offset !== value ? ` (${offset})` : ""}` };
  });
  zoneCache.clear();
  zoneCache.set(hour, options);
  return options;
}

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  try {
    authorize(decideProfile(user, "read", { userId: user.id }));
  } catch (e) {
    throwRouteError(e);
  }
  const db = getDb();
  const prefs = (await getUserPreferences(db, user.id)) ?? { uiLanguage: null, timeZone: null };
  const locale = await viewerLocale(request, user);
  const now = Date.now();
  const zones = timeZoneOptions(now);
  // A saved zone this server's list does not name (an alias, say) stays choosable.
  if (prefs.timeZone && !zones.some((z) => z.value === prefs.timeZone))
    zones.unshift({ value: prefs.timeZone, label: prefs.timeZone });
  return {
    profile: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      department:
        user.departmentId == null
          ? null
          : ((await listDepartments(db)).find((d) => d.id === user.departmentId)?.name ?? null),
    },
    saved: { uiLanguage: prefs.uiLanguage ?? "", timeZone: prefs.timeZone ?? "" },
    browserLanguage: negotiateLanguage(request.headers.get("Accept-Language")) ?? "en",
    deviceTimeZone: knownTimeZone(locale.deviceTimeZone),
    zones,
    now,
  };
}

/** Field errors are message ids: the page shows them in the interface language, the new one included. */
const ProfileForm = z.object({
  uiLanguage: z.union([z.literal(""), z.enum(UI_LANGUAGES)], { error: "app.profile.error.language" }),
  timeZone: z
    .string({ error: "app.profile.error.timeZone" })
    .refine((v) => v === "" || knownTimeZone(v) !== null, { error: "app.profile.error.timeZone" }),
});

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUser(request);
  const form = await readForm(request);
  // The form names whose profile it edits: a form left open from another account, or a crafted one, is refused.
  const userId = form.get("userId");
  try {
    authorize(
      decideProfile(actor, "edit", { userId: typeof userId === "string" && userId !== "" ? userId : actor.id }),
    );
  } catch (e) {
    throwRouteError(e);
  }
  const parsed = parseForm(ProfileForm, form);
  if (!parsed.ok) return data({ saved: false as const, fieldErrors: parsed.fieldErrors }, { status: 400 });
  await updateUserPreferences(getDb(), actor.id, {
    uiLanguage: parsed.data.uiLanguage || null,
    timeZone: parsed.data.timeZone || null,
  });
  return { saved: true as const, fieldErrors: {} as Record<string, string> };
}

export default function Profile({ loaderData, actionData: result }: Route.ComponentProps) {
  const { profile, saved, browserLanguage, deviceTimeZone, zones, now } = loaderData;
  const tr = useT();
  const { t } = tr;
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.saved ? result.fieldErrors : {};
  const message = (id: string | undefined) => (id ? t(id as MessageId) : undefined);
  const [zone, setZone] = useState(saved.timeZone);
  const shownZone = zone || deviceTimeZone || "UTC";
  const clock = translator(tr.lang, shownZone).time(now, { timeStyle: "short" });

  return (
    <>
      <header className="page-header">
        <h1>{t("app.profile.title")}</h1>
        <p className="muted">{t("app.profile.intro")}</p>
      </header>
      <div className="grid-2 profile-grid">
        <Form method="post" className="card stack" noValidate aria-labelledby="profile-preferences">
          <h2 id="profile-preferences">{t("app.profile.preferences")}</h2>
          {result?.saved && !busy ? (
            <div className="alert alert-success" role="status">
              {t("app.profile.saved")}
            </div>
          ) : null}
          {result && !result.saved ? (
            <div className="alert alert-error" role="alert">
              {t("app.profile.error.summary")}
            </div>
          ) : null}
          <input type="hidden" name="userId" value={profile.id} />
          <FormField
            id="uiLanguage"
            label={t("app.profile.language")}
            hint={t("app.profile.language.hint")}
            error={message(errors.uiLanguage)}
          >
            {(p) => (
              <select {...p} name="uiLanguage" defaultValue={saved.uiLanguage}>
                <option value="">
                  {t("app.profile.language.auto", { language: t(`app.language.${browserLanguage}`) })}
                </option>
                {UI_LANGUAGES.map((lang) => (
                  <option key={lang} value={lang}>
                    {t(`app.language.${lang}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            id="timeZone"
            label={t("app.profile.timeZone")}
            hint={t("app.profile.timeZone.hint", { time: clock })}
            error={message(errors.timeZone)}
          >
            {(p) => (
              <select {...p} name="timeZone" value={zone} onChange={(e) => setZone(e.currentTarget.value)}>
                <option value="">
                  {deviceTimeZone
                    ? t("app.profile.timeZone.auto", { zone: deviceTimeZone.replaceAll("_", " ") })
                    : t("app.profile.timeZone.autoUnknown")}
                </option>
                {zones.map((z) => (
                  <option key={z.value} value={z.value} dir="ltr">
                    {z.label}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <div className="form-actions">
            <button className="button button-primary" type="submit" disabled={busy}>
              {busy ? t("app.profile.saving") : t("app.profile.save")}
            </button>
          </div>
        </Form>
        <section className="card profile-account" aria-labelledby="profile-account">
          <h2 id="profile-account">{t("app.profile.account")}</h2>
          <dl className="profile-facts">
            <div>
              <dt>{t("app.profile.name")}</dt>
              <dd>{profile.name}</dd>
            </div>
            <div>
              <dt>{t("app.profile.email")}</dt>
              <dd>
                <bdi>{profile.email}</bdi>
              </dd>
            </div>
            <div>
              <dt>{t("app.profile.role")}</dt>
              <dd>{t(ROLE_MESSAGES[profile.role])}</dd>
            </div>
            <div>
              <dt>{t("app.profile.department")}</dt>
              <dd>{profile.department ?? t("app.profile.noDepartment")}</dd>
            </div>
          </dl>
          <p className="field-hint">{t("app.profile.managed")}</p>
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
