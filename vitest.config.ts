import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "{app,db,sop-schema,flows,runbook,cli,authoring,i18n,training,analytics,integrations}/**/*.test.{ts,tsx}",
    ],
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
  },
});
