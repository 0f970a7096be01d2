/**
 * Interface languages (ADR 016). Pure TS: the browser, the server, the runbook engine and the CLI format
 * messages the same way, through FormatJS (`@formatjs/intl`: ICU MessageFormat with plurals and selects,
 * dates, times and numbers through `Intl`). Catalogs live in `messages/`, one file per area.
 */
import { createIntl, createIntlCache, type IntlShape } from "@formatjs/intl";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { AREAS, type MessageId } from "./messages";

export type { MessageId } from "./messages";

export const UI_LANGUAGES = ["en", "el", "it", "lt", "fa"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
const RTL = new Set(["fa", "ar", "he", "ur", "ps", "dv", "yi", "ckb"]);

/** The interface language for a BCP 47 tag ("fa-IR" → "fa"); languages we have no catalog for fall back to English. */
export function uiLanguageOf(tag: string | null | undefined): UiLanguage {
  const base = (tag ?? "").toLowerCase().split(/[-_]/)[0];
  return (UI_LANGUAGES as readonly string[]).includes(base) ? (base as UiLanguage) : "en";
}

export function isUiLanguage(v: unknown): v is UiLanguage {
  return typeof v === "string" && (UI_LANGUAGES as readonly string[]).includes(v);
}

export function directionOf(tag: string | null | undefined): "ltr" | "rtl" {
  return RTL.has((tag ?? "").toLowerCase().split(/[-_]/)[0]) ? "rtl" : "ltr";
}

export type MessageValues = Record<string, string | number | Date | null | undefined>;

export type Translator = {
  lang: UiLanguage;
  dir: "ltr" | "rtl";
  /** A message by id, ICU-formatted with `values` (numbers in the language's digits). */
  t(id: MessageId, values?: MessageValues): string;
  number(n: number, options?: Intl.NumberFormatOptions): string;
  /** A date and/or time in this language and the viewer's time zone. */
  date(d: Date | number, options?: Intl.DateTimeFormatOptions): string;
  time(d: Date | number, options?: Intl.DateTimeFormatOptions): string;
  list(items: string[], type?: "conjunction" | "disjunction"): string;
  timeZone: string | undefined;
  intl: IntlShape<string>;
};

const flat: Record<UiLanguage, Record<string, string>> = Object.fromEntries(
  UI_LANGUAGES.map((lang) => [
    lang,
    Object.assign({}, ...Object.values(AREAS).map((a) => (a as Record<UiLanguage, Record<string, string>>)[lang])),
  ]),
) as Record<UiLanguage, Record<string, string>>;

const cache = createIntlCache();
const made = new Map<string, Translator>();

/**
 * A translator for a language (any BCP 47 tag; see uiLanguageOf) and optionally a time zone (IANA name; the
 * runtime's zone when absent). Cached: call it freely.
 */
export function translator(tag: string | null | undefined, timeZone?: string): Translator {
  const lang = uiLanguageOf(tag);
  const zone = validTimeZone(timeZone);
  const key = `${lang}|${zone ?? ""}`;
  const hit = made.get(key);
  if (hit) return hit;
  const intl = createIntl(
    {
      locale: lang,
      messages: flat[lang],
      defaultLocale: "en",
      timeZone: zone,
      // A missing translation falls back to English (the catalog test keeps that from happening); never throw.
      onError: () => {},
    },
    cache,
  );
  const tr: Translator = {
    lang,
    dir: directionOf(lang),
    timeZone: zone,
    intl,
    t: (id, values) =>
      intl.formatMessage({ id, defaultMessage: flat.en[id] ?? id }, localNumbers(lang, id, values, intl)) as string,
    number: (n, options) => intl.formatNumber(n, options as Parameters<IntlShape<string>["formatNumber"]>[1]),
    date: (d, options) => intl.formatDate(d, options ?? { dateStyle: "medium" }),
    time: (d, options) => intl.formatTime(d, options ?? { timeStyle: "short" }),
    list: (items, type = "conjunction") => intl.formatList(items, { type }) as string,
  };
  made.set(key, tr);
  return tr;
}

/**
 * ICU prints a number in a plain `{n}` argument as ASCII; in Persian that reads "گام 1 از 7". Numbers given
 * for plain arguments are written in the language's digits first; plural and select arguments keep the number.
 */
const plainArgs = new Map<string, Set<string>>();
function localNumbers(
  lang: UiLanguage,
  id: string,
  values: MessageValues | undefined,
  intl: IntlShape<string>,
): Record<string, string | number | Date> | undefined {
  if (!values) return undefined;
  const key = `${lang}|${id}`;
  let plain = plainArgs.get(key);
  if (!plain) {
    plain = new Set();
    const inPlural = new Set<string>();
    const walk = (els: MessageFormatElement[]) => {
      for (const el of els) {
        if (el.type === TYPE.argument) plain!.add(el.value);
        else if (el.type === TYPE.plural || el.type === TYPE.select) {
          inPlural.add(el.value);
          for (const o of Object.values(el.options)) walk(o.value);
        } else if (el.type === TYPE.tag) walk(el.children);
      }
    };
    try {
      walk(parse(flat[lang][id] ?? flat.en[id] ?? ""));
    } catch {
      // an unparsable message formats as FormatJS decides (the catalog test keeps this from happening)
    }
    for (const a of inPlural) plain.delete(a);
    plainArgs.set(key, plain);
  }
  const out: Record<string, string | number | Date> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined) out[k] = "";
    else out[k] = typeof v === "number" && plain.has(k) ? intl.formatNumber(v, { useGrouping: false }) : v;
  }
  return out;
}

function validTimeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits to ASCII, for values typed on a Persian or Arabic keyboard. */
export function asciiDigits(s: string): string {
  return s
    .replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (c) => String((c.charCodeAt(0) & 0xf) % 10))
    .replace(/[\u066B]/g, ".")
    .replace(/[\u066C]/g, ",");
}
