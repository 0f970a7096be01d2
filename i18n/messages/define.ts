/**
 * A catalog area: English is the source; every other interface language must carry exactly the same ids
 * (checked by the type here and by catalog.test.ts, which also parses every message as ICU MessageFormat and
 * compares its arguments with the English one).
 */
export type Catalog<K extends string> = { en: Record<K, string> } & Record<
  "el" | "it" | "lt" | "fa",
  Record<K, string>
>;

export function defineCatalog<const E extends Record<string, string>>(
  en: E,
  others: Record<"el" | "it" | "lt" | "fa", Record<keyof E & string, string>>,
): Catalog<keyof E & string> {
  return { en, ...others } as Catalog<keyof E & string>;
}
