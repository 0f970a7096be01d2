import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig(({ isSsrBuild }) => ({
  // The production server bundle is the express app (app/express.server.ts), which
  // imports React Router's server build; server.js only adds headers and listens.
  build: isSsrBuild ? { rollupOptions: { input: "./app/express.server.ts" }, target: "node20" } : { target: "es2022" },
  ssr: {
    // native module: keep it external
    external: ["better-sqlite3", "@node-rs/argon2"],
  },
  plugins: [reactRouter()],
}));
