import { beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "./io";

beforeAll(() => {
  process.env.DATABASE_URL = ":memory:"; // getDb() opens (and migrates) a throwaway database
});

async function run(args: string[], password: string) {
  const { createUserCommand } = await import("./create-user");
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    cwd: process.cwd(),
    readSecret: async () => password,
  };
  const code = await createUserCommand.run(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("stepwise create-user: the password policy", () => {
  it.each(["1234567890", "password12", "qwertyuiop", "password1234", "qwertyuiop12"])(
    "refuses %j with the reason",
    async (pw) => {
      const r = await run(["--role", "admin", "--email", "root@company.example"], pw);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^stepwise create-user: password rejected: /);
      expect(r.out).toBe("");
    },
  );

  it("refuses a password holding the e-mail name", async () => {
    const r = await run(["--role", "admin", "--email", "margaret.hamilton@company.example"], "hamilton-apollo-11!");
    expect(r).toMatchObject({ code: 1, err: expect.stringContaining("name or e-mail") });
  });

  it("accepts a strong one", async () => {
    const r = await run(
      ["--role", "admin", "--email", "root@company.example", "--name", "Root"],
      "violet-harbour-tram-42",
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Created admin root@company.example/);
  });
});
