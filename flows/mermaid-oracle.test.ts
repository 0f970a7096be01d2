// @vitest-environment jsdom
// Mermaid's own parser is the oracle: for every chart in flows/fixtures/mermaid/accepted/ (which Mermaid accepts),
// parseMermaidGraph must find the same node ids, node text, shapes, edges (source, target, label) and subgraphs as
// Mermaid's flowchart db, and mermaidToFlow must keep those ids and edge labels. Charts in rejected/ are ones
// Mermaid refuses: we must report an error with a line:column, never throw.
//
// Label comparison: both sides are reduced to plain text the same way — entity codes decoded, `<br>` (any form)
// and real line breaks become one space, other HTML tags are dropped, markdown strings lose their `**`/`*`
// emphasis, white space is collapsed. A two-way link (`<-->`, `o--o`, `x--x`) is one Mermaid edge and two of ours;
// invisible links (`~~~`) are not compared (we drop them). Edges to a subgraph are compared before redirection.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { MERMAID_DIAGNOSTIC_CODES, FLOW_DIAGNOSTIC_CODES } from "./diagnostics";
import { mermaidToFlow, parseMermaidGraph } from "./mermaid";
import { NODE_ID_RE } from "./model";

// Paths, not URLs: in the jsdom environment URL is jsdom's, which node:fs does not take.
const dir = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "mermaid");
const corpus = (kind: "accepted" | "rejected") =>
  readdirSync(join(dir, kind))
    .filter((f) => f.endsWith(".mmd"))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, kind, file), "utf8") }));
const accepted = corpus("accepted");
const rejected = corpus("rejected");

type OracleNode = { id: string; text: string; type?: string };
type OracleEdge = { start: string; end: string; text: string; type?: string; stroke?: string };
type OracleGroup = { id: string; title: string; nodes: string[] };
type Oracle =
  | { ok: true; diagram: string; nodes: OracleNode[]; edges: OracleEdge[]; groups: OracleGroup[] }
  | { ok: false; error: string };

const NAMED: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'", nbsp: " ", num: "#" };
/** Mermaid's text → plain text (see the comment at the top). */
function plain(text: string, markdown: boolean): string {
  let s = text
    // Mermaid keeps entity codes as ﬂ°name¶ß / ﬂ°°123¶ß until it renders them.
    .replace(/ﬂ°°(\d+)¶ß/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (m, n: string) => NAMED[n.toLowerCase()] ?? m);
  if (markdown) s = s.replace(/\*\*([^*]+)\*\*/g, "$1").replace(/(^|[^*])\*([^*]+)\*/g, "$1$2");
  s = s.replace(/<br\s*\/?>/gi, " ").replace(/<\/?[a-zA-Z][^<>]*>/g, "");
  s = s.replace(/&(quot|amp|lt|gt|apos|nbsp);/g, (_m, n: string) => NAMED[n]);
  return s.replace(/\s+/g, " ").trim();
}

const oracle = new Map<string, Oracle>();

beforeAll(async () => {
  // Mermaid needs a DOM (DOMPurify): this file runs in vitest's jsdom environment (see the first line).
  const { default: mermaid } = await import("mermaid");
  for (const { file, text } of [...accepted, ...rejected]) {
    try {
      await mermaid.parse(text);
      const d = await mermaid.mermaidAPI.getDiagramFromText(text);
      if (d.type !== "flowchart-v2" && d.type !== "flowchart") {
        oracle.set(file, { ok: true, diagram: d.type, nodes: [], edges: [], groups: [] });
        continue;
      }
      const db = d.db as unknown as {
        getVertices(): Map<string, { id: string; text?: string; type?: string; labelType?: string }>;
        getEdges(): { start: string; end: string; text?: string; type?: string; stroke?: string; labelType?: string }[];
        getSubGraphs(): { id: string; title: string; nodes: string[]; labelType?: string }[];
      };
      oracle.set(file, {
        ok: true,
        diagram: d.type,
        nodes: [...db.getVertices().values()].map((v) => ({
          id: v.id,
          text: plain(v.text ?? v.id, v.labelType === "markdown"),
          type: v.type,
        })),
        edges: db.getEdges().map((e) => ({
          start: e.start,
          end: e.end,
          text: plain(e.text ?? "", e.labelType === "markdown"),
          type: e.type,
          stroke: e.stroke,
        })),
        groups: db
          .getSubGraphs()
          .map((s) => ({ id: s.id, title: plain(s.title, s.labelType === "markdown"), nodes: [...s.nodes] })),
      });
    } catch (e) {
      oracle.set(file, { ok: false, error: String((e as Error)?.message ?? e) });
    }
  }
}, 30_000);

const edgeKey = (from: string, to: string, label: string | undefined) => `${from} → ${to}${label ? ` : ${label}` : ""}`;

describe("the Mermaid corpus", () => {
  it("covers the documented syntax (40+ accepted charts, some rejected ones)", () => {
    expect(accepted.length).toBeGreaterThanOrEqual(40);
    expect(rejected.length).toBeGreaterThanOrEqual(5);
  });

  it("is accepted by Mermaid as flowcharts (accepted/) and refused as flowcharts (rejected/)", () => {
    for (const { file } of accepted)
      expect(oracle.get(file), file).toMatchObject({ ok: true, diagram: "flowchart-v2" });
    for (const { file } of rejected) {
      const o = oracle.get(file)!;
      expect(o.ok === false || o.diagram !== "flowchart-v2", file).toBe(true);
    }
  });
});

describe.each(accepted.map((f) => [f.file, f.text] as const))("%s", (file, text) => {
  const ours = parseMermaidGraph(text);
  const mm = () => {
    const o = oracle.get(file)!;
    if (!o.ok) throw new Error(`Mermaid rejected ${file}: ${o.error}`);
    return o;
  };

  it("parses without errors", () => {
    expect(ours.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("has Mermaid's nodes: ids, text and shapes", () => {
    const o = mm();
    const groupIds = new Set(o.groups.map((g) => g.id));
    const theirs = o.nodes
      .filter((n) => !groupIds.has(n.id))
      .map((n) => ({ id: n.id, text: n.text, shape: n.type ?? null }));
    const mine = ours.nodes.map((n) => ({ id: n.key, text: n.label, shape: n.mermaidShape ?? null }));
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    expect(mine.sort(byId)).toEqual(theirs.sort(byId));
  });

  it("has Mermaid's edges: source, target and label", () => {
    const o = mm();
    const theirs: string[] = [];
    for (const e of o.edges) {
      if (e.stroke === "invisible") continue;
      theirs.push(edgeKey(e.start, e.end, e.text));
      if (e.type?.startsWith("double_")) theirs.push(edgeKey(e.end, e.start, e.text));
    }
    expect(ours.edges.map((e) => edgeKey(e.from, e.to, e.label)).sort()).toEqual(theirs.sort());
  });

  it("has Mermaid's subgraphs: ids, titles and members", () => {
    const o = mm();
    // Mermaid numbers subgraphs without an id (subGraph0, …); ours are subgraph-1, …: compare those by title.
    const norm = (id: string, anonymous: boolean) => (anonymous ? "(anonymous)" : id);
    const theirs = o.groups.map((g) => ({
      id: norm(g.id, /^subGraph\d+$/.test(g.id)),
      title: g.title,
      members: [...g.nodes].sort(),
    }));
    const anon = new Set(ours.groups.filter((g) => g.anonymous).map((g) => g.id));
    const mine = ours.groups.map((g) => ({
      id: norm(g.id, g.anonymous),
      title: g.title,
      members: g.members.map((m) => (anon.has(m) ? "(anonymous)" : m)).sort(),
    }));
    const key = (g: { id: string; title: string }) => `${g.id}\u0000${g.title}`;
    expect(mine.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      theirs.sort((a, b) => key(a).localeCompare(key(b))),
    );
  });

  it("keeps Mermaid's node ids and edge labels in the imported flow", () => {
    const o = mm();
    const r = mermaidToFlow(text, { id: "oracle", walkable: false, validate: false });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const groupIds = new Set(o.groups.map((g) => g.id));
    const ids = new Set(r.flow.nodes.map((n) => n.id));
    for (const n of o.nodes) if (!groupIds.has(n.id) && NODE_ID_RE.test(n.id)) expect(ids.has(n.id), n.id).toBe(true);
    // Every labelled Mermaid edge between two plain nodes is in the flow with its label.
    const flowEdges = new Set(r.flow.edges.map((e) => edgeKey(e.from, e.to, e.label)));
    for (const e of o.edges) {
      if (e.stroke === "invisible" || groupIds.has(e.start) || groupIds.has(e.end)) continue;
      if (!NODE_ID_RE.test(e.start) || !NODE_ID_RE.test(e.end)) continue;
      expect(flowEdges.has(edgeKey(e.start, e.end, e.text)), edgeKey(e.start, e.end, e.text)).toBe(true);
    }
  });
});

describe("charts Mermaid rejects", () => {
  it.each(rejected.map((f) => [f.file, f.text] as const))(
    "%s gets an error diagnostic with a line:column",
    (_file, text) => {
      for (const r of [parseMermaidGraph(text), mermaidToFlow(text)]) {
        const errors = r.diagnostics.filter((d) => d.severity === "error");
        expect(errors.length).toBeGreaterThan(0);
        for (const d of errors) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
      }
    },
  );
});

describe("garbage in", () => {
  it("never throws on mangled corpus charts (property)", () => {
    const texts = accepted.map((f) => f.text);
    const mangled = fc
      .tuple(
        fc.constantFrom(...texts),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.string({ maxLength: 4 })), { maxLength: 6 }),
      )
      .map(([t, cuts]) =>
        cuts.reduce(
          (s, [at, len, ins]) => s.slice(0, at % (s.length + 1)) + ins + s.slice((at % (s.length + 1)) + len),
          t,
        ),
      );
    fc.assert(
      fc.property(fc.oneof(mangled, fc.string({ maxLength: 120 })), (text) => {
        const g = parseMermaidGraph(text);
        const r = mermaidToFlow(text);
        for (const d of [...g.diagnostics, ...r.diagnostics]) {
          expect(d.code in MERMAID_DIAGNOSTIC_CODES || d.code in FLOW_DIAGNOSTIC_CODES).toBe(true);
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
