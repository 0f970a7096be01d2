import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // STEPWISE_BUILD_DIR lets parallel e2e runs (one per worktree or helper) keep separate builds.
  buildDirectory: process.env.STEPWISE_BUILD_DIR || "build",
} satisfies Config;
