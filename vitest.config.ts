import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  test: {
    include: [
      "{app,db,sop-schema,flows,runbook,cli,authoring,i18n,training,analytics,integrations}/**/*.test.{ts,tsx}",
    ],
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
  },
});
