// `stepwise integration …`: connect a help desk from the command line (the same functions as Admin → Integrations),
// for provisioning scripts and for tests that need a token without clicking through the admin pages.
import { getDb } from "../db/client.server";
import { createApiToken, createIntegration, listIntegrations, parseOrigins } from "../db/integrations.server";
import { Refusal } from "../db/refusal";
import { SCOPES } from "../integrations/scopes";
import { parseOptions, type Command } from "./io";

const USAGE = `Usage:
  stepwise integration create --name NAME [--origin https://desk.example.com]… [--allow-private-targets]
      creates an integration; prints its id and its embed launch secret (HS256)
  stepwise integration token --integration ID --name NAME --scopes ${SCOPES.join(",")} [--expires-days N]
      creates an API token and prints it (it is shown only once)
  stepwise integration list`;

export const integrationCommand: Command = {
  name: "integration",
  summary: "create integrations and their API tokens (as Admin → Integrations does)",
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    const values = parseOptions(io, "integration", USAGE, rest, {
      name: { type: "string" },
      origin: { type: "string", multiple: true },
      "allow-private-targets": { type: "boolean" },
      integration: { type: "string" },
      scopes: { type: "string" },
      "expires-days": { type: "string" },
      json: { type: "boolean" },
    });
    if (!values) return 2;
    const db = getDb();
    try {
      if (sub === "create") {
        if (!values.name) throw new Refusal(400, "--name is required");
        const it = await createIntegration(
          db,
          {
            name: values.name,
            allowedOrigins: parseOrigins((values.origin ?? []).join(" ")),
            allowPrivateTargets: values["allow-private-targets"] ?? false,
          },
          null,
        );
        if (values.json) io.stdout(JSON.stringify({ id: it.id, launchSecret: it.launchSecret }));
        else io.stdout(`integration ${it.id}\nlaunch secret (HS256): ${it.launchSecret}`);
        return 0;
      }
      if (sub === "token") {
        if (!values.integration || !values.name || !values.scopes)
          throw new Refusal(400, "--integration, --name and --scopes are required");
        const days = values["expires-days"] ? Number(values["expires-days"]) : null;
        if (days !== null && !(days > 0)) throw new Refusal(400, "--expires-days must be a positive number");
        const { token } = await createApiToken(
          db,
          values.integration,
          {
            name: values.name,
            scopes: values.scopes.split(",").map((s) => s.trim()),
            expiresAt: days ? Date.now() + days * 86_400_000 : null,
          },
          null,
        );
        io.stdout(token);
        return 0;
      }
      if (sub === "list") {
        for (const it of await listIntegrations(db))
          io.stdout(`${it.id}  ${it.name}  ${it.tokens} token(s)${it.disabledAt ? "  (off)" : ""}`);
        return 0;
      }
      io.stderr(USAGE);
      return 2;
    } catch (e) {
      if (e instanceof Refusal) {
        io.stderr(`stepwise integration: ${e.message}`);
        return 1;
      }
      throw e;
    }
  },
};
