import { parseArgs } from "node:util";
import { z } from "zod";
import { getDb } from "../db/client.server";
import { ROLES } from "../db/roles";
import { findDepartmentByName } from "../db/sops.server";
import { createUser, UserError } from "../db/users.server";
import { hashPassword, passwordProblem } from "../app/auth/password.server";
import type { Command } from "./io";
import { readSecret } from "./secret";

const Options = z.object({
  role: z.enum(ROLES, { error: `--role must be one of: ${ROLES.join(", ")}` }),
  email: z.string({ error: "--email is required" }).trim().toLowerCase().email("--email is not a valid e-mail address"),
  name: z.string().trim().min(1).optional(),
  department: z.string().trim().min(1).optional(),
});

export const createUserCommand: Command = {
  name: "create-user",
  summary: "create an account (e.g. the first admin); the password is prompted or read from stdin",
  usage: "stepwise create-user --role admin|lead|agent|trainer|trainee --email EMAIL [--name NAME] [--department NAME]",
  async run(args, io) {
    let values;
    try {
      values = parseArgs({
        args,
        options: {
          role: { type: "string" },
          email: { type: "string" },
          name: { type: "string" },
          department: { type: "string" },
          password: { type: "string" },
        },
        strict: true,
      }).values;
    } catch (e) {
      io.stderr(`stepwise create-user: ${(e as Error).message}\nusage: ${this.usage}`);
      return 2;
    }
    if (values.password !== undefined) {
      io.stderr(
        "stepwise create-user: passwords are never taken from the command line (they " +
          "end up in shell history). Type it at the prompt or pipe it on stdin.",
      );
      return 2;
    }
    const parsed = Options.safeParse(values);
    if (!parsed.success) {
      io.stderr(`stepwise create-user: ${parsed.error.issues.map((i) => i.message).join("; ")}\nusage: ${this.usage}`);
      return 2;
    }
    const { role, email, name, department } = parsed.data;
    const password = await (io.readSecret ?? readSecret)(`Password for ${email}: `);
    const problem = await passwordProblem(password, { email, name: name ?? null });
    if (problem) {
      io.stderr(`stepwise create-user: password rejected: ${problem}`);
      return 1;
    }
    const db = getDb();
    let departmentId: number | null = null;
    if (department) {
      const d = await findDepartmentByName(db, department);
      if (!d) {
        io.stderr(`stepwise create-user: there is no department called “${department}”.`);
        return 1;
      }
      departmentId = d.id;
    }
    try {
      const id = await createUser(
        db,
        { email, name: name ?? email.split("@")[0]!, role, departmentId, passwordHash: await hashPassword(password) },
        null,
      );
      io.stdout(`Created ${role} ${email} (${id}).`);
      return 0;
    } catch (e) {
      if (e instanceof UserError) {
        io.stderr(`stepwise create-user: ${e.message}`);
        return 1;
      }
      throw e;
    }
  },
};
