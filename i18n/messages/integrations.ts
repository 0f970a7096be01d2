import { defineCatalog } from "./define";

/** Admin → Integrations: connected systems, API tokens, embed launch. */
export default defineCatalog(
  {
    "integrations.title": "integrations",
  },
  {
    el: { "integrations.title": "integrations" },
    it: { "integrations.title": "integrations" },
    lt: { "integrations.title": "integrations" },
    fa: { "integrations.title": "integrations" },
  },
);
