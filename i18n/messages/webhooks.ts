import { defineCatalog } from "./define";

/** Admin → Integrations → Webhooks: endpoints and the delivery log. */
export default defineCatalog(
  {
    "webhooks.title": "webhooks",
  },
  {
    el: { "webhooks.title": "webhooks" },
    it: { "webhooks.title": "webhooks" },
    lt: { "webhooks.title": "webhooks" },
    fa: { "webhooks.title": "webhooks" },
  },
);
