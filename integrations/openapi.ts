// The OpenAPI 3.1 document of Stepwise's `/api` routes, made from the same zod schemas the routes parse with
// (integrations/api-schemas.ts) by zod-openapi's `createDocument`. Pure: served by app/routes/api.openapi.ts and
// read by the API reference page (app/routes/admin.integrations.api.tsx).
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from "zod-openapi";
import { OPERATIONS, type ApiOperation } from "./api-schemas";
import { SCOPE_LABELS, SCOPES } from "./scopes";

export const API_VERSION = "1.0.0";

const TAGS = [
  { name: "SOPs", description: "Published procedures: list, read, search." },
  { name: "Runs", description: "Live calls: start or resume a run for a ticket, read it, append events, its note." },
  { name: "Follow-ups", description: "Open follow-ups of live runs." },
  { name: "Analytics", description: "The dashboards' figures: live calls by period, SOP and trend." },
  { name: "Users", description: "Provisioning: create, change and deactivate accounts." },
  {
    name: "App (session)",
    description: "The app's own endpoints, for its pages and the embedded runbook: a session cookie only.",
  },
  { name: "Meta", description: "This document." },
];

function operationObject(op: ApiOperation): ZodOpenApiOperationObject {
  const security: Record<string, string[]>[] =
    op.auth === "public"
      ? []
      : op.auth === "session"
        ? [{ session: [] }]
        : [{ bearer: op.scope ? [op.scope] : [] }, { session: [] }];
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security,
    ...(op.scope ? { "x-stepwise-scope": op.scope } : {}),
    ...(op.permission ? { "x-stepwise-permission": op.permission } : {}),
    ...(op.params || op.query
      ? { requestParams: { ...(op.params ? { path: op.params } : {}), ...(op.query ? { query: op.query } : {}) } }
      : {}),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: op.body } } } } : {}),
    responses: Object.fromEntries<ZodOpenApiResponseObject>(
      Object.entries(op.responses).map(([status, r]) => [
        status,
        {
          description: r.description,
          ...(status === "429" ? { headers: { "Retry-After": { schema: { type: "integer" as const } } } } : {}),
          ...(r.schema
            ? { content: { [r.problem ? "application/problem+json" : "application/json"]: { schema: r.schema } } }
            : {}),
        },
      ]),
    ),
  };
}

/** The document. `serverUrl` is the app's origin (the reference page's curl examples use it too). */
export function buildOpenApiDocument(serverUrl = "http://localhost:3000") {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of Object.values(OPERATIONS) as ApiOperation[]) {
    (paths[op.path] ??= {})[op.method] = operationObject(op);
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Stepwise API",
      version: API_VERSION,
      description:
        "Stepwise's REST API for help desks and CRMs: read published SOPs, start and follow runs for tickets, " +
        "provision users. Authenticate with an API token (`Authorization: Bearer sw_…`) made in Admin → " +
        "Integrations; each token has scopes. Errors are RFC 9457 problem details (`application/problem+json`) " +
        "with the `field` that was wrong.",
    },
    servers: [{ url: serverUrl }],
    tags: TAGS,
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "sw_…",
          description:
            "An API token from Admin → Integrations. Scopes: " +
            SCOPES.map((s) => `\`${s}\` (${SCOPE_LABELS[s]})`).join("; ") +
            ".",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "stepwise_session",
          description: "A signed-in person's session; the role's permissions stand in for the scopes.",
        },
      },
    },
  });
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

// ------------------------------------------------------------------------------- the reference page's reading

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
};

export type ReferenceField = { name: string; type: string; required: boolean; description: string };
export type ReferenceOperation = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  scope: string | null;
  auth: "token-or-session" | "session" | "public";
  params: (ReferenceField & { in: string })[];
  body: ReferenceField[];
  responses: { status: string; description: string; type: string | null }[];
  curl: string;
};
export type ReferenceTag = { name: string; description: string; operations: ReferenceOperation[] };

/** What the API reference page shows, read from the document (so the page shows what the document says). */
export function referenceOf(serverUrl: string): ReferenceTag[] {
  const doc = buildOpenApiDocument(serverUrl) as unknown as {
    tags: { name: string; description: string }[];
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { schemas?: Record<string, JsonSchema> };
  };
  const schemas = doc.components.schemas ?? {};
  const resolve = (s: JsonSchema | undefined): JsonSchema => {
    let at = s ?? {};
    for (let i = 0; at.$ref && i < 10; i++) at = schemas[at.$ref.replace("#/components/schemas/", "")] ?? {};
    return at;
  };
  const typeOf = (raw: JsonSchema | undefined): string => {
    const s = resolve(raw);
    if (raw?.$ref && s.type === "object") return raw.$ref.split("/").pop()!;
    if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
    if (s.const !== undefined) return JSON.stringify(s.const);
    const union = s.anyOf ?? s.oneOf;
    if (union) return union.map(typeOf).join(" | ");
    const type = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
    if (type === "array") return `${typeOf(s.items)}[]`;
    if (type === "object" && s.additionalProperties && typeof s.additionalProperties === "object")
      return `map of ${typeOf(s.additionalProperties)}`;
    return s.format ? `${type} (${s.format})` : type;
  };
  const describe = (raw: JsonSchema | undefined): string => {
    const s = resolve(raw);
    const parts = [raw?.description ?? s.description ?? ""];
    if (s.default !== undefined) parts.push(`Default ${JSON.stringify(s.default)}.`);
    return parts.filter(Boolean).join(" ");
  };
  const methodsOrder = ["get", "post", "patch", "put", "delete"];
  const tags: ReferenceTag[] = doc.tags.map((t) => ({ ...t, operations: [] }));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of methodsOrder) {
      const op = item[method] as
        | {
            operationId: string;
            tags: string[];
            summary: string;
            description?: string;
            "x-stepwise-scope"?: string;
            security: Record<string, string[]>[];
            parameters?: { in: string; name: string; required?: boolean; description?: string; schema?: JsonSchema }[];
            requestBody?: { content: Record<string, { schema: JsonSchema }> };
            responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
          }
        | undefined;
      if (!op) continue;
      const bodySchema = resolve(op.requestBody?.content["application/json"]?.schema);
      const body = Object.entries(bodySchema.properties ?? {}).map(([name, s]) => ({
        name,
        type: typeOf(s),
        required: bodySchema.required?.includes(name) ?? false,
        description: describe(s),
      }));
      const auth =
        op.security.length === 0 ? "public" : op.security.some((s) => "bearer" in s) ? "token-or-session" : "session";
      const example = (op.requestBody?.content["application/json"]?.schema &&
        resolve(op.requestBody.content["application/json"].schema).example) as unknown;
      const examplePath = path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const p = op.parameters?.find((x) => x.name === name);
        return String(resolve(p?.schema).example ?? p?.schema?.example ?? `<${name}>`);
      });
      const curl = [
        `curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`} '${serverUrl}${examplePath}'`,
        ...(auth === "token-or-session" ? [`  -H 'Authorization: Bearer sw_…'`] : []),
        ...(auth === "session" ? [`  -H 'Cookie: stepwise_session=…'`] : []),
        ...(example !== undefined
          ? [`  -H 'Content-Type: application/json'`, `  -d '${JSON.stringify(example).replace(/'/g, "'\\''")}'`]
          : []),
      ].join(" \\\n");
      const entry: ReferenceOperation = {
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        description: op.description ?? "",
        scope: op["x-stepwise-scope"] ?? null,
        auth,
        params: (op.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in,
          type: typeOf(p.schema),
          required: p.required ?? false,
          description: p.description ?? describe(p.schema),
        })),
        body,
        responses: Object.entries(op.responses).map(([status, r]) => {
          const content = r.content ? Object.values(r.content)[0]?.schema : undefined;
          return { status, description: r.description, type: content ? typeOf(content) : null };
        }),
        curl,
      };
      tags.find((t) => t.name === op.tags[0])?.operations.push(entry);
    }
  }
  return tags.filter((t) => t.operations.length > 0);
}
