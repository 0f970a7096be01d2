import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed.server";
import { hashPassword, passwordProblem, PASSWORD_MIN_LENGTH, PASSWORD_RULE, verifyPassword } from "./password.server";

describe("passwordProblem", () => {
  it.each(["1234567890", "password12", "qwertyuiop", "short", "", "12345678901"])(
    "refuses %j: too short",
    async (p) => {
      expect(await passwordProblem(p)).toBe("Use at least 12 characters.");
    },
  );

  it.each([
    ["123456789012", /breached|sequence|easy to guess/i],
    ["password1234", /breached|common/i],
    ["Password1234", /breached|common/i],
    ["qwertyuiop12", /breached|common|keyboard/i],
    ["qwertyuiopasdf", /keyboard|breached|common/i],
    ["1q2w3e4r5t6y", /breached|common|keyboard/i],
    ["aaaaaaaaaaaa", /Repeated/],
    ["abcabcabcabc", /Repeated|breached|common/i],
    ["iloveyou1234", /breached|common/i],
    ["trustno1trustno1", /breached|common|Repeated/i],
    ["P@ssw0rd2024", /breached|common|look-alikes/i],
    ["monkeymonkey", /Repeated|breached|common/i],
  ])("refuses the common or guessable %j with a reason", async (p, reason) => {
    const problem = await passwordProblem(p);
    expect(problem).not.toBeNull();
    expect(problem).toMatch(reason);
  });

  it("refuses a password holding the person's e-mail name or name", async () => {
    expect(
      await passwordProblem("ada.lovelace-Xq9!zz", { email: "ada.lovelace@company.example", name: "Ada Lovelace" }),
    ).toMatch(/name or e-mail/);
    expect(await passwordProblem("my-LOVELACE-wq83kd", { email: "a@company.example", name: "Ada Lovelace" })).toMatch(
      /name or e-mail/,
    );
    expect(await passwordProblem("jsmith-rocks-8812", { email: "jsmith@company.example" })).toMatch(/name or e-mail/);
    // unrelated to the person: fine
    expect(
      await passwordProblem("violet-harbour-tram-42", { email: "ada.lovelace@company.example", name: "Ada Lovelace" }),
    ).toBeNull();
  });

  it.each([
    "violet-harbour-tram-42",
    "correct horse battery staple",
    "kY7#pQ2!vL9zR",
    "Gl4cier.Moss.Canteen",
    "x".repeat(40) + "Tr0ub4dor&3!",
    "ǅ🦊 ünïcødé passphrase ☂",
  ])("accepts the strong %j", async (p) => {
    expect(await passwordProblem(p, { email: "someone@company.example", name: "Some One" })).toBeNull();
  });

  it("bounds the length", async () => {
    expect(await passwordProblem("Ab1!".repeat(65))).toBe("Use at most 256 characters.");
    const t = performance.now();
    expect(await passwordProblem("kY7#pQ2!vL9zR".repeat(19).slice(0, 256))).toBeNull();
    expect(performance.now() - t).toBeLessThan(500);
  });

  it("states the rule the forms show", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_RULE).toBe("At least 12 characters; common or breached passwords are refused.");
  });

  it("is quick once loaded", async () => {
    await passwordProblem("warm-up-the-checker-1");
    const t = performance.now();
    for (let i = 0; i < 10; i++) await passwordProblem(`violet-harbour-tram-${i}`);
    expect((performance.now() - t) / 10).toBeLessThan(50);
  });
});

describe("the demo password", () => {
  it("is seeded by hashing it directly, not through the policy (demo mode only)", async () => {
    // seedDemoOrganisation takes only a hash function; the policy is never consulted for DEMO_PASSWORD.
    expect(DEMO_PASSWORD).toBe("stepwise-demo");
    expect(await verifyPassword(await hashPassword(DEMO_PASSWORD), DEMO_PASSWORD)).toBe(true);
  });
});
