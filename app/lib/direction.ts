const RTL_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku-arab", "ps", "sd", "ug", "ur", "yi"]);

/** Text direction for a BCP 47 tag (only the primary subtag matters, except Kurdish in Arabic script). */
export function directionOf(language: string | null | undefined): "ltr" | "rtl" {
  const tag = (language ?? "").toLowerCase();
  if (RTL_LANGUAGES.has(tag)) return "rtl";
  const primary = tag.split("-")[0] ?? "";
  if (tag.includes("-arab")) return "rtl";
  return RTL_LANGUAGES.has(primary) ? "rtl" : "ltr";
}
