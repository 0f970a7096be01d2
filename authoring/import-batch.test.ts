import { describe, expect, it } from "vitest";
import {
  assignIds,
  candidateId,
  frontMatterId,
  isIndexName,
  normaliseTitle,
  resolveBatchLinks,
  setFrontMatterId,
  type ExistingSop,
} from "./import-batch";

describe("candidateId", () => {
  it("comes from the file name, or from the title when the name says nothing", () => {
    expect(candidateId("docs/billing/refund-limits.md", undefined, "Refund limits")).toBe("refund-limits");
    for (const name of [
      "_index.md",
      "index.md",
      "README.md",
      "Readme.markdown",
      "INDEX.MD",
      "content/billing/_Index.md",
    ]) {
      expect(isIndexName(name), name).toBe(true);
      expect(candidateId(name, undefined, "Billing: duplicate charge"), name).toBe("billing-duplicate-charge");
    }
    expect(isIndexName("indexes.md")).toBe(false);
    expect(candidateId("_index.md", "explicit-id", "Whatever")).toBe("explicit-id");
    expect(candidateId("_index.md", undefined, "Παραγγελία")).toBe("sop"); // nothing ASCII in the title
    expect(candidateId("Café Überweisung.md", undefined, "")).toBe("cafe-uberweisung");
  });

  it("titles compare without case, accents, punctuation or spacing", () => {
    expect(normaliseTitle("Refund  and Return — with RMA!")).toBe(normaliseTitle("refund and return with rma"));
    expect(normaliseTitle("Réclamation")).toBe(normaliseTitle("reclamation"));
    expect(normaliseTitle("Refunds")).not.toBe(normaliseTitle("Refund"));
  });
});

describe("assignIds", () => {
  const library = new Map<string, ExistingSop>([
    ["refunds", { titles: ["Refunds by phone"] }],
    ["refunds-2", { titles: ["Refunds in chat"] }],
  ]);
  const lookup = (id: string) => library.get(id);

  it("keeps the id of an SOP with the same title (a new version), moves on past one with another title", () => {
    const [same, other] = assignIds(
      [
        { file: "a/refunds.md", title: "refunds BY phone" },
        { file: "b/refunds.md", title: "Refunds by e-mail" },
      ],
      lookup,
    );
    expect(same).toEqual({ id: "refunds", wanted: "refunds" });
    // refunds is taken in the batch, refunds-2 is another SOP: refunds-3.
    expect(other).toMatchObject({ id: "refunds-3", wanted: "refunds", change: { reason: "batch" } });
    expect(other.change!.message).toMatch(/a\/refunds\.md.*“refunds-3”/);
  });

  it("an existing SOP with another title: a new id, saying which SOP it is", () => {
    const [d] = assignIds([{ file: "refunds.md", title: "Refund policy" }], lookup);
    expect(d).toMatchObject({ id: "refunds-3", change: { reason: "title" } });
    expect(d.change!.message).toMatch(/“refunds” already exists with another title \(“Refunds by phone”\)/);
  });

  it("two index pages with the same title in one batch get id and id-2; a re-import finds them again", () => {
    const entries = [
      { file: "phone/_index.md", title: "Overview" },
      { file: "chat/_index.md", title: "Overview" },
    ];
    expect(assignIds(entries, () => undefined).map((d) => d.id)).toEqual(["overview", "overview-2"]);
    const after = new Map([
      ["overview", { titles: ["Overview"] }],
      ["overview-2", { titles: ["Overview"] }],
    ]);
    expect(assignIds(entries, (id) => after.get(id)).map((d) => d.id)).toEqual(["overview", "overview-2"]);
  });

  it("an authoritative id (a Stepwise .mdx) is the SOP whatever its title, but is still unique in the batch", () => {
    const decisions = assignIds(
      [
        { file: "refunds.mdx", title: "Edited title", explicitId: "refunds", authoritative: true },
        { file: "copy.mdx", title: "Edited title", explicitId: "refunds", authoritative: true },
      ],
      lookup,
    );
    expect(decisions[0]).toEqual({ id: "refunds", wanted: "refunds" });
    expect(decisions[1]).toMatchObject({ id: "refunds-3", change: { reason: "batch" } });
  });
});

describe("resolveBatchLinks", () => {
  const files = [
    { file: "site/content/billing/_index.md", id: "billing" },
    { file: "site/content/billing/refund-limits.md", id: "refund-limits" },
    { file: "site/content/returns/_index.md", id: "returns" },
    { file: "site/content/returns/damaged.md", id: "damaged" },
  ];
  it("resolves relative paths, folders, Hugo-style pretty URLs, root paths and unique bare names", () => {
    const from = "site/content/returns/_index.md";
    const map = resolveBatchLinks(
      from,
      [
        "../billing/refund-limits.md",
        "../billing/",
        "damaged/",
        "./damaged.md#photos",
        "/billing/refund-limits/",
        "refund-limits.md",
        "../billing/missing.md",
        "https://x.example",
      ],
      files,
    );
    expect(map).toEqual({
      "../billing/refund-limits.md": "/sops/refund-limits",
      "../billing/": "/sops/billing",
      "damaged/": "/sops/damaged",
      "./damaged.md#photos": "/sops/damaged",
      "/billing/refund-limits/": "/sops/refund-limits",
      "refund-limits.md": "/sops/refund-limits",
    });
  });

  it("a bare name two files share is not guessed", () => {
    const map = resolveBatchLinks(
      "a/x.md",
      ["faq.md"],
      [
        { file: "b/faq.md", id: "faq" },
        { file: "c/faq.md", id: "faq-2" },
      ],
    );
    expect(map).toEqual({});
  });
});

describe("front matter ids", () => {
  it("sets, replaces and reads the id line", () => {
    expect(setFrontMatterId("---\ntitle: T\n---\n\nBody\n", "x")).toBe("---\nid: x\ntitle: T\n---\n\nBody\n");
    expect(setFrontMatterId("---\nid: old\ntitle: T\n---\n", "new")).toBe("---\nid: new\ntitle: T\n---\n");
    expect(setFrontMatterId("---\n---\nBody", "x")).toBe("---\nid: x\n---\nBody");
    expect(setFrontMatterId("Body", "x")).toBe("---\nid: x\n---\nBody");
    expect(frontMatterId("---\ntitle: T\nid: 'refunds'  # ours\n---\n")).toBe("refunds");
    expect(frontMatterId("---\ntitle: T\n---\nid: body\n")).toBeUndefined();
    expect(frontMatterId("---\nid: Not A Slug\n---\n")).toBeUndefined();
  });
});
