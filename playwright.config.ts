import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://localhost:${PORT}`;

/** Debian's Chromium (Playwright's own browser download is not available everywhere). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-gpu",
];

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  // two cores on the machines this runs on (CI included)
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: BASE_URL,
    // The editor's specs written for the MDX source view open it there (the app's default is the visual editor,
    // remembered in this cookie); the visual editor's specs start without it (tests/e2e/visual-editor.spec.ts).
    storageState: {
      cookies: [
        {
          name: "stepwise_editor_view",
          value: "source",
          domain: new URL(BASE_URL).hostname,
          path: "/",
          expires: -1,
          httpOnly: false,
          secure: false,
          sameSite: "Lax",
        },
      ],
      origins: [],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    // The production build (npm run test:e2e builds it first) on a throwaway database.
    command: "node tests/e2e/start-server.mjs",
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    // TRUST_PROXY=loopback: the tests connect from this machine and give each test its own client address with
    // X-Forwarded-For (tests/e2e/fixtures.ts), so the per-IP sign-in limit never leaks between tests.
    env: { PORT: String(PORT), NODE_ENV: "production", TRUST_PROXY: "loopback" },
  },
});
