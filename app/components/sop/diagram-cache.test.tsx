import { readFileSync } from "node:fs";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { parseSop } from "../../../sop-schema/parse";
import { validateFlow } from "../../../flows/validate";
import { diagramHtml, diagramKey, LruCache } from "./diagram-cache";
import { prepareDiagrams } from "./diagram-html.server";
import { SopView } from "./sop-view";

const source = readFileSync(new URL("../../../content/sops/complaint-handling.mdx", import.meta.url), "utf8");
const doc = parseSop(source, { filename: "complaint-handling.mdx", validateFlow });

describe("LruCache", () => {
  it("forgets the least recently used entry beyond its entry cap", () => {
    const c = new LruCache<string, number>(2);
    c.set("a", 1);
    c.set("b", 2);
    expect(c.get("a")).toBe(1); // a is now the most recent
    c.set("c", 3);
    expect(c.has("b")).toBe(false);
    expect([c.get("a"), c.get("c"), c.entries]).toEqual([1, 3, 2]);
  });

  it("keeps the total size under its cap, refuses a value bigger than the cap, and recounts replaced values", () => {
    const c = new LruCache<string, string>(10, 10, (s) => s.length);
    c.set("a", "xxxx");
    c.set("b", "yyyy");
    c.set("a", "zz"); // replaced: 2 + 4
    expect(c.totalSize).toBe(6);
    c.set("c", "wwwww"); // 11 > 10: the oldest (b) goes
    expect([c.has("b"), c.has("a"), c.has("c"), c.totalSize]).toEqual([false, true, true, 7]);
    c.set("huge", "x".repeat(11));
    expect(c.has("huge")).toBe(false);
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});

describe("the SOP page's per-version diagram cache", () => {
  afterEach(() => diagramHtml.clear());

  it("keys each diagram by version, flow and audience", () => {
    const keys = new Set([
      diagramKey("h1", "f", { authoring: false }),
      diagramKey("h1", "f", { authoring: true }),
      diagramKey("h2", "f", { authoring: false }),
      diagramKey("h1", "g", { authoring: false }),
      diagramKey("h1", "f", { authoring: false, textDir: "rtl" }),
    ]);
    expect(keys.size).toBe(5);
  });

  it("draws a version's diagrams once, and the page then serves them from the cache", () => {
    expect(doc.flows.length).toBeGreaterThan(0);
    prepareDiagrams(doc, "hash-1", { authoring: false });
    expect(diagramHtml.entries).toBe(doc.flows.length);
    const key = diagramKey("hash-1", doc.flows[0]!.id, { authoring: false });
    const cached = diagramHtml.get(key)!;
    expect(cached).toMatch(/^<div class="fd-viewer"/);
    // A marker in the cached copy shows up in the page: the page did not draw the diagram again.
    diagramHtml.set(key, cached.replace('class="fd-viewer"', 'class="fd-viewer" data-from-cache="yes"'));
    prepareDiagrams(doc, "hash-1", { authoring: false }); // already there: left as it is
    const page = renderToString(
      <SopView doc={doc} version={3} departmentName="Customer Service" versionKey="hash-1" authoring={false} />,
    );
    expect(page).toContain('<div class="fd-static"><div class="fd-viewer" data-from-cache="yes"');
    // Without a version key (a draft preview) the diagram is drawn live, without the cache's wrapper.
    const preview = renderToString(<SopView doc={doc} version={3} departmentName="Customer Service" />);
    expect(preview).not.toContain("fd-static");
    expect(preview).toContain('class="fd-viewer"');
  });

  it("draws an evicted diagram during the render, in the same wrapper", () => {
    const page = renderToString(
      <SopView doc={doc} version={3} departmentName="Customer Service" versionKey="not-prepared" authoring={false} />,
    );
    expect(page).toContain('<div class="fd-static"><div class="fd-viewer"');
  });
});

describe("authoring details on the SOP page", () => {
  afterEach(() => diagramHtml.clear());

  it("are shown to people who can edit and hidden from agents: field names, outcome ids", () => {
    const forLead = renderToString(<SopView doc={doc} version={3} departmentName="Customer Service" authoring />);
    const forAgent = renderToString(
      <SopView doc={doc} version={3} departmentName="Customer Service" authoring={false} />,
    );
    expect(forLead).toContain("{case_number}");
    expect(forLead).toContain("captured as");
    expect(forLead).toContain("outcome resolved");
    expect(forLead).toContain("fd-node-chip");
    expect(forAgent).not.toContain("{case_number}");
    expect(forAgent).not.toContain("captured as");
    expect(forAgent).not.toContain("outcome resolved");
    expect(forAgent).not.toContain("fd-node-chip");
    // the fields themselves are still there, labelled
    expect(forAgent).toContain("Complaint case number");
  });
});
