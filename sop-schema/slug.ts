// Stable ids derived from human text. Pure, browser-safe.

const SPECIAL_FOLDS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  þ: "th",
  ı: "i",
};

/**
 * Lower-case, ASCII-fold Latin letters where possible (é → e, ß → ss), keep letters of other scripts
 * (Persian, Greek, …), turn every run of anything else into a single "-".
 * Returns "" when nothing usable is left.
 */
export function slugify(text: string): string {
  const lowered = text.toLowerCase().replace(/[ßæœøđðłþı]/g, (c) => SPECIAL_FOLDS[c] ?? c);
  const folded = lowered
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // combining diacritics (Latin/Greek/Cyrillic accents)
    .normalize("NFC")
    .replace(/[\u200c\u200d]/g, ""); // zero-width (non-)joiners, common in Persian
  return folded.replace(/[^\p{L}\p{N}\p{M}]+/gu, "-").replace(/^-+|-+$/g, "");
}

/** A step or section id: lower-case letters of any script, digits and single dashes. */
export const UNICODE_SLUG_RE = /^[\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]+)*$/u;

/** The SOP id in the front matter: ASCII only, it lives in URLs and file names. */
export const ASCII_SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Returns `base`, or `base-2`, `base-3`… — the first one not in `used`; adds it to `used`. */
export function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}
