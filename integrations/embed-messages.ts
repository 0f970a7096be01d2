// The postMessage protocol between the embedded runbook and its host page (docs/embedding.md, ADR 022). Pure: the
// schemas of what we send and accept, and the choice of the one origin we talk to. Anything that does not parse, or
// comes from another origin, is ignored (never answered, never thrown).
import { z } from "zod";

/** Every message is `{ type: "stepwise:<name>", ... }` so hosts can tell ours from their other frames'. */
export const PREFIX = "stepwise:";

const fieldValues = z.record(z.string().max(64), z.string().max(5000));

/** What the embed posts to its host. */
export const outboundMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("stepwise:ready"), version: z.literal(1), runId: z.string().nullable() }),
  z.object({
    type: z.literal("stepwise:run.started"),
    runId: z.string(),
    sopId: z.string(),
    title: z.string(),
    ticketId: z.string().nullable(),
    resumed: z.boolean(),
  }),
  z.object({
    type: z.literal("stepwise:step.completed"),
    runId: z.string(),
    stepId: z.string(),
    title: z.string(),
  }),
  z.object({
    type: z.literal("stepwise:run.completed"),
    runId: z.string(),
    ticketId: z.string().nullable(),
    outcome: z.string(),
    note: z.string(),
    /** captured values of the fields not marked `sensitive` */
    fields: fieldValues,
  }),
]);
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

/** What the embed accepts from its host: new ticket context (custom field values). */
export const inboundMessageSchema = z.object({
  type: z.literal("stepwise:context.update"),
  fields: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/), z.string().max(5000))
    .refine((r) => Object.keys(r).length <= 100),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

/** The message if it comes from `expectedOrigin` and is a valid `context.update`; otherwise null. */
export function readInbound(
  event: { origin: string; data: unknown },
  expectedOrigin: string | null,
): InboundMessage | null {
  if (!expectedOrigin || event.origin !== expectedOrigin) return null;
  const parsed = inboundMessageSchema.safeParse(event.data);
  return parsed.success ? parsed.data : null;
}

/**
 * The host's origin, the only targetOrigin we post to. `location.ancestorOrigins[0]` (Chromium, Safari) is the
 * browser's own word for the parent's origin; elsewhere (Firefox) the launch's declared `host_origin`, or the
 * integration's only allowed origin. Either way it must be one of the integration's allowed origins, else null
 * (and nothing is posted).
 */
export function hostOrigin(
  allowed: readonly string[],
  ancestor: string | null | undefined,
  declared: string | null | undefined,
): string | null {
  if (ancestor) return allowed.includes(ancestor) ? ancestor : null;
  if (declared) return allowed.includes(declared) ? declared : null;
  return allowed.length === 1 ? allowed[0] : null;
}

/** The fields a host may see: captured values of the fields not marked sensitive. */
export function shareableFields(
  fields: readonly { name: string; sensitive?: boolean }[],
  captured: Record<string, { value: string } | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const value = captured[f.name]?.value;
    if (!f.sensitive && value) out[f.name] = value;
  }
  return out;
}
