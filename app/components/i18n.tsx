import { createContext, useContext, type ReactNode } from "react";
import { translator, type Translator } from "../../i18n";

const I18nContext = createContext<Translator>(translator("en"));

/**
 * The interface language for what is inside (the user's profile language, or an SOP's own language on the
 * run screen). `translator` caches per language and zone, so the value is stable between renders.
 */
export function I18nProvider({
  lang,
  timeZone,
  children,
}: {
  lang: string | null | undefined;
  timeZone?: string;
  children: ReactNode;
}) {
  return <I18nContext.Provider value={translator(lang, timeZone)}>{children}</I18nContext.Provider>;
}

/** The translator for this part of the page: `const tr = useT(); tr.t("run.notes.title")`. */
export function useT(): Translator {
  return useContext(I18nContext);
}
