import { defineCatalog } from "./define";

/** The embedded runbook in a help desk's sidebar (/embed). */
export default defineCatalog(
  {
    "embed.title": "embed",
  },
  {
    el: { "embed.title": "embed" },
    it: { "embed.title": "embed" },
    lt: { "embed.title": "embed" },
    fa: { "embed.title": "embed" },
  },
);
