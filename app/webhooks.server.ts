// Saving a webhook endpoint: the address is checked against the integration's target rules (https, public addresses
// unless private targets are allowed) by resolving it now, so an endpoint that would probe the internal network is
// refused with the reason beside the URL field — and it is checked again at every delivery.
import type { Db } from "../db/client.server";
import { requireIntegration } from "../db/integrations.server";
import { createEndpoint, updateEndpoint, WebhookError, type EndpointInput } from "../db/webhooks.server";
import { parseTargetUrl, TargetRefused, vetTarget, type Resolver } from "../integrations/webhook-target";
import { systemResolver } from "./webhook-delivery.server";

async function vetted(db: Db, integrationId: string, url: string, resolve: Resolver): Promise<string> {
  const rules = { allowPrivate: requireIntegration(db, integrationId).allowPrivateTargets };
  try {
    const parsed = parseTargetUrl(url, rules);
    await vetTarget(parsed, rules, resolve);
    return parsed.toString();
  } catch (e) {
    if (e instanceof TargetRefused) throw new WebhookError(400, e.message, { field: "url" });
    throw e;
  }
}

export async function addEndpoint(
  db: Db,
  integrationId: string,
  input: EndpointInput,
  actorId: string,
  resolve: Resolver = systemResolver,
) {
  return await createEndpoint(
    db,
    integrationId,
    { ...input, url: await vetted(db, integrationId, input.url, resolve) },
    actorId,
  );
}

export async function changeEndpoint(
  db: Db,
  integrationId: string,
  endpointId: string,
  input: EndpointInput,
  actorId: string,
  resolve: Resolver = systemResolver,
) {
  await updateEndpoint(
    db,
    integrationId,
    endpointId,
    { ...input, url: await vetted(db, integrationId, input.url, resolve) },
    actorId,
  );
}
