// The OpenAPI document against the app's routes and itself: every `/api` route is documented with its methods,
// every operation has security and (for tokens) a scope, examples validate against the schemas they document, and
// every $ref resolves.
import { describe, expect, it } from "vitest";
import routes from "../app/routes";
import { OPERATIONS, type ApiOperation } from "./api-schemas";
import { buildOpenApiDocument } from "./openapi";
import { isScope } from "./scopes";

type RouteEntry = { path?: string; file: string; children?: RouteEntry[] };
const doc = buildOpenApiDocument("https://stepwise.example") as unknown as {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { security?: unknown[]; "x-stepwise-scope"?: string; responses: object }>>;
  components: { schemas?: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

function apiRoutes(entries: readonly RouteEntry[], out: { path: string; file: string }[] = []) {
  for (const e of entries) {
    if (e.path?.startsWith("api/")) out.push({ path: e.path, file: e.file });
    if (e.children) apiRoutes(e.children, out);
  }
  return out;
}

const toOpenApi = (path: string) => "/" + path.replace(/:(\w+)/g, "{$1}");
const METHODS = ["get", "post", "put", "patch", "delete"];
const ops = Object.values(OPERATIONS) as ApiOperation[];

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 in shape", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Stepwise API");
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearer", "session"]);
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path).toMatch(/^\/api\//);
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS).toContain(method);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const p of path.matchAll(/\{(\w+)\}/g)) {
          const params = (op as { parameters?: { in: string; name: string; required?: boolean }[] }).parameters ?? [];
          expect(params.find((x) => x.in === "path" && x.name === p[1])?.required, `${method} ${path} ${p[1]}`).toBe(
            true,
          );
        }
      }
    }
  });

  it("documents every /api route in app/routes.ts, with each method its module exports", async () => {
    const found = apiRoutes(routes as RouteEntry[]);
    expect(found.length).toBeGreaterThanOrEqual(16);
    for (const r of found) {
      const path = toOpenApi(r.path);
      expect(doc.paths[path], path).toBeDefined();
      const documented = Object.keys(doc.paths[path]!);
      const mod = (await import(`../app/${r.file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
      // a loader answers GET; an action answers the other documented methods
      if (documented.includes("get")) expect(typeof mod.loader, `${path} GET`).toBe("function");
      if (documented.some((m) => m !== "get")) expect(typeof mod.action, `${path} action`).toBe("function");
    }
    // and nothing documented that is not routed
    const routed = new Set(found.map((r) => toOpenApi(r.path)));
    for (const path of Object.keys(doc.paths)) expect(routed.has(path), path).toBe(true);
  });

  it("gives every operation a security requirement, and every token operation a known scope", () => {
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        expect(op.security, `${method} ${path}`).toBeDefined();
        const bearer = (op.security as Record<string, string[]>[]).find((s) => "bearer" in s);
        if (path.startsWith("/api/v1/")) {
          expect(bearer?.bearer, `${method} ${path}`).toHaveLength(1);
          expect(isScope(bearer!.bearer[0]!)).toBe(true);
          expect(op["x-stepwise-scope"]).toBe(bearer!.bearer[0]);
        }
      }
    expect(doc.paths["/api/openapi.json"]!.get!.security).toEqual([]);
  });

  it("has examples that validate against the schemas they document", () => {
    let checked = 0;
    for (const op of ops) {
      const example = op.body?.meta()?.example;
      if (example === undefined) continue;
      const parsed = op.body!.safeParse(example);
      expect(parsed.success, `${op.operationId}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      checked++;
      for (const [name, schema] of Object.entries(op.query?.shape ?? {})) {
        const ex = (schema as { meta(): { example?: unknown } | undefined }).meta()?.example;
        if (ex !== undefined) expect(op.query!.shape[name].safeParse(String(ex)).success, name).toBe(true);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it("resolves every $ref", () => {
    const refs: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) k === "$ref" && typeof x === "string" ? refs.push(x) : walk(x);
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\//);
      let at: unknown = doc;
      for (const part of ref.slice(2).split("/")) at = (at as Record<string, unknown> | undefined)?.[part];
      expect(at, ref).toBeDefined();
    }
  });
});

describe("referenceOf (the reference page's reading)", () => {
  it("groups every operation by tag with its scope, fields and a curl example", async () => {
    const { referenceOf } = await import("./openapi");
    const tags = referenceOf("https://stepwise.example");
    const all = tags.flatMap((t) => t.operations);
    expect(all).toHaveLength(ops.length);
    const start = all.find((o) => o.id === "startRun")!;
    expect(start).toMatchObject({ method: "POST", path: "/api/v1/runs", scope: "runs:write" });
    expect(start.body.find((f) => f.name === "sopId")).toMatchObject({ required: true, type: "string" });
    expect(start.body.find((f) => f.name === "channel")?.type).toContain('"phone"');
    expect(start.curl).toContain("-X POST 'https://stepwise.example/api/v1/runs'");
    expect(start.curl).toContain("Authorization: Bearer");
    const getRun = all.find((o) => o.id === "getRun")!;
    expect(getRun.params[0]).toMatchObject({ name: "runId", in: "path", required: true });
    expect(getRun.curl).not.toContain("<runId>");
    expect(all.find((o) => o.id === "listSops")!.params.map((p) => p.name)).toEqual([
      "department",
      "tag",
      "limit",
      "offset",
    ]);
  });
});
