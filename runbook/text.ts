// Wording helpers shared by validate.ts and derive.ts: the catalog, bidi isolation, digit normalisation.
import type { FieldDef } from "../sop-schema/types";
import { asciiDigits, translator, type MessageId, type MessageValues, type Translator } from "../i18n";

/** First-strong isolate … pop directional isolate: author or user text inside a sentence keeps its own direction. */
export const FSI = "\u2068";
export const PDI = "\u2069";

/**
 * Wraps author or user text (a label, a value) so a Persian label inside an English sentence, or the reverse, is not
 * jumbled.
 */
export function isolate(text: string): string {
  return `${FSI}${text}${PDI}`;
}

/** The translator for the engine's messages: English (the stable default) when no language is given. */
export function tr(lang?: string | null, timeZone?: string): Translator {
  return translator(lang ?? "en", timeZone);
}

export function msg(t: Translator, id: `runbook.${string}`, values?: MessageValues): string {
  return t.t(id as MessageId, values);
}

/**
 * The value as the engine stores and checks it: Persian (۰–۹) and Arabic-Indic (٠–٩) digits, and the Arabic
 * decimal and thousands separators, become ASCII in number, phone and date fields and in any field with a
 * `pattern` (so `^[0-9]{6}$` accepts ۱۲۳۴۵۶). Other text is kept exactly as typed (a name stays as written).
 * Spaces are not trimmed (a controlled input must not lose the space being typed). The screen calls this
 * before dispatching `field.captured`; the reducer applies it too, so the stored value is ASCII either way.
 */
export function normaliseFieldValue(field: Pick<FieldDef, "type" | "pattern">, value: string): string {
  if (field.type === "number" || field.type === "phone" || field.type === "date" || field.pattern !== undefined)
    return asciiDigits(value);
  return value;
}
