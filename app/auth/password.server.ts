import { hash, verify } from "@node-rs/argon2";
import type { TranslationKeys, ZxcvbnFactory } from "@zxcvbn-ts/core";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULE } from "./password-rule";

/**
 * argon2id with OWASP's recommended minimum (19 MiB memory, 2 iterations, 1 lane).
 * See docs/decisions/003-password-hashing.md.
 */
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULE };
/** zxcvbn's score (0–4) a new password needs: 3 = "safely unguessable", ~10^8 guesses or more. */
export const PASSWORD_MIN_SCORE = 3;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which e-mails exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-" + Math.random());
  return dummyHash;
}

// ------------------------------------------------------------------------------------ the password policy

/** English texts for zxcvbn-ts's feedback keys (@zxcvbn-ts/language-en is not a dependency). */
const TRANSLATIONS: TranslationKeys = {
  warnings: {
    straightRow: "Straight rows of keys on a keyboard are easy to guess.",
    keyPattern: "Short keyboard patterns are easy to guess.",
    simpleRepeat: "Repeated characters like “aaa” are easy to guess.",
    extendedRepeat: "Repeated patterns like “abcabcabc” are easy to guess.",
    sequences: "Sequences like “abc” or “123” are easy to guess.",
    recentYears: "Recent years are easy to guess.",
    dates: "Dates are easy to guess.",
    topTen: "This is one of the most used passwords: it is on every list of breached passwords.",
    topHundred: "This is a very commonly used password: it is on lists of breached passwords.",
    common: "This is a commonly used password: it is on lists of breached passwords.",
    similarToCommon: "This is too close to a commonly used (breached) password.",
    wordByItself: "A single word is easy to guess.",
    namesByThemselves: "Names on their own are easy to guess.",
    commonNames: "Common names are easy to guess.",
    userInputs: "Don't use your name or e-mail address in the password.",
    pwned: "This password appeared in a data breach.",
  },
  suggestions: {
    l33t: "Swapping letters for look-alikes (like @ for a) doesn't help much.",
    reverseWords: "Spelling a common word backwards doesn't help much.",
    allUppercase: "Capitalise some, but not all, letters.",
    capitalization: "Capitalise more than the first letter.",
    dates: "Avoid dates and years that are associated with you.",
    recentYears: "Avoid recent years.",
    associatedYears: "Avoid years that are associated with you.",
    sequences: "Avoid common sequences of characters.",
    repeated: "Avoid repeated words and characters.",
    longerKeyboardPattern: "Use longer keyboard patterns and change direction several times.",
    anotherWord: "Add a few more uncommon words.",
    useWords: "Use several words, but avoid common phrases.",
    noNeed: "Symbols, digits or capitals are not needed: several uncommon words make a strong password.",
    pwned: "If you use this password anywhere else, change it there too.",
  },
  timeEstimation: {
    ltSecond: "less than a second",
    second: "a second",
    seconds: "seconds",
    minute: "a minute",
    minutes: "minutes",
    hour: "an hour",
    hours: "hours",
    day: "a day",
    days: "days",
    month: "a month",
    months: "months",
    year: "a year",
    years: "years",
    centuries: "centuries",
  },
};

/**
 * zxcvbn-ts with the common-passwords (~49,000 entries from breach corpora) and diceware dictionaries of
 * @zxcvbn-ts/language-common. Loaded on first use and kept (about 40 ms to import, 50 ms to build, a few MB of
 * heap; see ADR 013), so the server's start-up and sign-in path never pay for it.
 */
let checker: Promise<ZxcvbnFactory> | undefined;
function passwordChecker(): Promise<ZxcvbnFactory> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary },
      graphs: common.adjacencyGraphs,
      translations: TRANSLATIONS,
      // The matcher is synchronous: bound the work per check (a longer password is judged on its first 100
      // characters, which is plenty to reach the score) so a 256-character password can't stall the server.
      maxLength: 100,
    });
  })();
  checker.catch(() => {
    checker = undefined;
  });
  return checker;
}

/** Words of the person's e-mail local part and name (3+ characters), lower-cased, for the personal check. */
function personalWords({ email, name }: PasswordContext): string[] {
  const words = new Set<string>();
  const add = (w: string) => {
    const t = w.normalize("NFKC").toLowerCase().trim();
    if (t.length >= 3) words.add(t);
  };
  const local = email?.split("@")[0] ?? "";
  if (local) {
    add(local);
    for (const w of local.split(/[^\p{L}\p{N}]+/u)) add(w);
  }
  if (name) {
    add(name.replace(/\s+/g, ""));
    for (const w of name.split(/[^\p{L}\p{N}]+/u)) add(w);
  }
  return [...words];
}

export type PasswordContext = { email?: string | null; name?: string | null };

/**
 * Returns a message for the first problem with a new password, or null when it is acceptable (OWASP ASVS 2.1):
 * at least 12 characters (at most 256), not containing the person's e-mail name or name, not a common or
 * breached password and not otherwise easy to guess (zxcvbn score 3 or more) — the message says why.
 * For new passwords only (admin create, admin reset, CLI create-user); signing in never goes through this.
 */
export async function passwordProblem(password: string, about: PasswordContext = {}): Promise<string | null> {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.normalize("NFKC").toLowerCase();
  const personal = personalWords(about);
  if (personal.some((w) => lower.includes(w))) return "Don't use the person's name or e-mail address in the password.";
  const result = (await passwordChecker()).check(password, personal);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const warning = result.feedback.warning || "This password is too easy to guess.";
  const suggestions = result.feedback.suggestions.length
    ? result.feedback.suggestions
    : [TRANSLATIONS.suggestions.anotherWord];
  return [warning, ...suggestions].join(" ");
}
