// The schema's JSON columns carry their types (`.$type<…>()`), and drizzle parses them when it reads a row. A few
// hot paths read those columns with raw better-sqlite3 statements instead, which hand back the stored text: this is
// the one place such text becomes the value, typed as the schema declares it, so no caller casts.
import type { Column } from "drizzle-orm";

/** A column declared with `text(name, { mode: "json" })`. */
type JsonColumn = Column & { _: { dataType: "json" } };

/**
 * The value a JSON column stored, from the text a raw statement read (`parseStored(sopVersions.document,
 * row.document)`). It decodes exactly as drizzle does for the same column, and like drizzle it trusts what it wrote:
 * nothing is validated here, because everything stored went through the typed column or the engine that produced it.
 */
export function parseStored<C extends JsonColumn>(column: C, text: string): C["_"]["data"] {
  // drizzle types the decoder by the builder's `unknown`, the column by its `.$type`: the column's type is the one
  // meant.
  return column.mapFromDriverValue(text) as C["_"]["data"];
}
