import { defineCatalog } from "./define";

/** The API reference page. */
export default defineCatalog(
  {
    "apiref.title": "apiref",
  },
  {
    el: { "apiref.title": "apiref" },
    it: { "apiref.title": "apiref" },
    lt: { "apiref.title": "apiref" },
    fa: { "apiref.title": "apiref" },
  },
);
