// ESLint over the whole tree (ADR 021): typescript-eslint's recommended rules, React's two rules of hooks and
// jsx-a11y's recommended rules. Layout is Prettier's (.prettierrc.json, 120 columns); `max-len` holds what Prettier
// cannot wrap — comments, string, template and regexp literals — to the same width: a long message is written as
// `"part one " + "part two"`, split at a word boundary (ADR 021's addendum).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "build-*/**",
      "node_modules/**",
      ".react-router/**",
      "public/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // the rules of hooks; the React Compiler's checks (refs, set-state-in-effect, purity) are not on: we do not
      // compile with it, and they flag patterns React documents as fine without it
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "max-len": ["error", { code: 120, ignoreUrls: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // `a && b()` and `(x = 1), (y = 2)` as statements are used on purpose in tight loops
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      // autoFocus is used where moving focus is what the user expects: the sign-in form's first field, a dialog's
      // or panel's first field when the user opened it (WAI-ARIA dialog pattern); never on page content
      "jsx-a11y/no-autofocus": "off",
      // our radio and template labels wrap their text in a span or two
      "jsx-a11y/label-has-associated-control": ["error", { depth: 3 }],
      // a scrollable table is a focusable region so the keyboard can scroll it (WCAG 2.1.1)
      "jsx-a11y/no-noninteractive-tabindex": ["error", { roles: ["region", "tabpanel"] }],
    },
  },
  {
    // The data layer is async (ADR 025, issue 13): a call to it that is not awaited would let a write race the
    // response, or turn a throw into an unhandled rejection that `try`/`catch` and a transaction never see. Type-aware
    // rules over the server-side code that calls db/ (routes, *.server.ts, the CLI, the benches) and their tests.
    files: [
      "db/**/*.ts",
      "app/**/*.server.ts",
      "app/**/*.server.test.ts",
      "app/routes/**/*.{ts,tsx}",
      "app/root.tsx",
      "cli/**/*.ts",
      "bench/**/*.ts",
    ],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Playwright fixtures call their `use` argument: not React's `use`
    files: ["tests/e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
);
