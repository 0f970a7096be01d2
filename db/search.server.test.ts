import { beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Block, SopDocument } from "../sop-schema/types";
import type { Db } from "./client.server";
import { getMeta, setMeta } from "./meta.server";
import { departments, sops, sopVersions, type SopState } from "./schema";
import { publishVersion } from "./sops.server";
import {
  ensureSearchIndex,
  listSearchTags,
  matchExpression,
  readSearchParams,
  rebuildSearchIndex,
  SEARCH_INDEX_FORMAT,
  searchSops,
  searchTextOf,
  syncSearchForSop,
  toSegments,
  type Segment,
} from "./search.server";
import { createTestDb } from "./test-db.server";

const pos = { line: 1, column: 1 };
const text = (value: string) => ({ type: "text" as const, value });
const para = (value: string): Block => ({ type: "paragraph", children: [text(value)] });

type DocInput = {
  title: string;
  purpose?: string;
  tags?: string[];
  terms?: [string, string][];
  steps?: { title: string; blocks?: Block[] }[];
  flowLabels?: string[];
  language?: string;
};

function doc(d: DocInput): SopDocument {
  const steps = (d.steps ?? [{ title: "Greet the caller", blocks: [para("Say hello.")] }]).map((s, i) => ({
    id: `s${i + 1}`,
    number: i + 1,
    title: s.title,
    sectionId: "main",
    blocks: s.blocks ?? [],
    fieldNames: [],
    checkIds: [],
    escalations: [],
    position: pos,
  }));
  return {
    formatVersion: 1,
    meta: {
      id: d.title.toLowerCase().replace(/\W+/g, "-"),
      title: d.title,
      department: "Billing",
      purpose: d.purpose ?? "A procedure.",
      tags: d.tags ?? [],
      language: d.language ?? "en",
      direction: "ltr",
      targets: { handleTime: "5m", handleTimeSeconds: 300 },
    },
    glossary: (d.terms ?? []).map(([term, meaning]) => ({ term, meaning })),
    sections: [
      { id: "main", number: 1, title: "Procedure", intro: [], stepIds: steps.map((s) => s.id), position: pos },
    ],
    steps,
    fields: [],
    flows: d.flowLabels
      ? [
          {
            id: "f1",
            title: "Decide",
            stepId: "s1",
            nodes: d.flowLabels.map((label, i) => ({
              id: `n${i}`,
              type: i === 0 ? "start" : "action",
              label,
              position: pos,
            })),
            edges: [],
            position: pos,
          },
        ]
      : [],
    variables: [],
    diagnostics: [],
    stats: { words: 10, steps: steps.length, fields: 0, flows: 0 },
  } as SopDocument;
}

let db: Db;
let billing: number;
let support: number;

function department(name: string): number {
  return db
    .insert(departments)
    .values({ name, slug: name.toLowerCase().replace(/\W+/g, "-") })
    .returning({ id: departments.id })
    .get().id;
}

/** Publishes through the real publish path (which syncs the index). */
async function publish(
  sopId: string,
  d: DocInput,
  departmentId = billing,
  nextReviewAt: string | null = null,
): Promise<number> {
  return (
    await publishVersion(db, {
      sopId,
      title: d.title,
      departmentId,
      source: `---\ntitle: ${d.title}\n---\n`,
      hash: `${sopId}-${Math.random()}`,
      document: doc(d),
      errorCount: 0,
      warningCount: 0,
      changeNote: "",
      actorId: null,
      nextReviewAt,
    })
  ).versionId;
}

/** Simulates the lifecycle by writing rows directly, then syncs like the lifecycle code does. */
function addVersion(sopId: string, d: DocInput, state: SopState): number {
  const last = db
    .select({ v: sql<number>`coalesce(max(version), 0)` })
    .from(sopVersions)
    .where(eq(sopVersions.sopId, sopId))
    .get()!.v;
  const id = db
    .insert(sopVersions)
    .values({ sopId, version: last + 1, state, source: "x", hash: `h${Math.random()}`, document: doc(d) })
    .returning({ id: sopVersions.id })
    .get().id;
  syncSearchForSop(db, sopId);
  return id;
}

const plain = (segments: Segment[]) => segments.map((s) => s.text).join("");
const marked = (segments: Segment[]) => segments.filter((s) => s.mark).map((s) => s.text.toLowerCase());
const indexRows = () =>
  db.all<{ id: number; sopId: string; title: string }>(
    sql`SELECT version_id AS id, sop_id AS sopId, title FROM sop_search ORDER BY version_id`,
  );
const ids = async (q: string, extra: Partial<Parameters<typeof searchSops>[1]> = {}) =>
  (await searchSops(db, { q, audience: "agent", ...extra })).results.map((r) => r.sopId);

beforeEach(() => {
  db = createTestDb();
  billing = department("Billing");
  support = department("Technical Support");
});

describe("searchTextOf", () => {
  it("indexes table cells and reply templates (title and text)", () => {
    const t = searchTextOf(
      doc({
        title: "Plans",
        steps: [
          {
            title: "Tell the limits",
            blocks: [
              {
                type: "table",
                align: [null, "right"],
                head: [[text("Plan")], [text("Limit")]],
                rows: [[[text("Basic")], [{ type: "strong", children: [text("20 EUR")] }]]],
              },
              { type: "template", title: "Refund confirmation e-mail", children: [para("We refunded your order.")] },
            ],
          },
        ],
      }),
    );
    expect(t.body).toContain("Plan Limit\nBasic 20 EUR");
    expect(t.body).toContain("Refund confirmation e-mail\nWe refunded your order.");
  });

  it("collects title, tags, purpose, terms and every human text of the body", () => {
    const t = searchTextOf(
      doc({
        title: "Refund a card payment",
        purpose: "Give money back.",
        tags: ["refund", "card"],
        terms: [["PAN", "Primary account number"]],
        steps: [
          {
            title: "Check the charge",
            blocks: [
              para("Open the ledger."),
              {
                type: "say",
                children: [
                  {
                    type: "paragraph",
                    children: [text("Hello "), { type: "var", name: "customer_name" }, text(", thanks")],
                  },
                ],
              },
              { type: "check", id: "c1", children: [text("Amount confirmed")] },
              { type: "tip", children: [para("Use the search box")] },
              { type: "warning", children: [para("Never read the full PAN aloud")] },
              { type: "escalate", to: "Supervisor", reason: "Amount above limit", children: [para("Warm transfer")] },
              {
                type: "field",
                field: {
                  name: "amount",
                  label: "Refund amount",
                  type: "number",
                  required: true,
                  stepId: "s1",
                  position: pos,
                  help: "In euros",
                },
              },
              { type: "list", ordered: true, items: [[para("First item")], [para("Second item")]] },
            ],
          },
        ],
        flowLabels: ["Charge found", "Refund to the original card"],
      }),
    );
    expect(t.title).toBe("Refund a card payment");
    expect(t.tags).toBe("refund\ncard");
    expect(t.purpose).toBe("Give money back.");
    expect(t.terms).toBe("PAN — Primary account number");
    for (const piece of [
      "Procedure",
      "Check the charge",
      "Open the ledger.",
      "Hello , thanks",
      "Amount confirmed",
      "Use the search box",
      "Never read the full PAN aloud",
      "Supervisor",
      "Amount above limit",
      "Warm transfer",
      "Refund amount",
      "In euros",
      "First item",
      "Second item",
      "Decide",
      "Refund to the original card",
    ]) {
      expect(t.body).toContain(piece);
    }
    expect(t.body).not.toContain("customer_name");
  });

  it("strips the highlight sentinels from indexed text and survives a partial document", () => {
    const t = searchTextOf(doc({ title: "A\uE000B\uE001C" }));
    expect(t.title).toBe("ABC");
    expect(() => searchTextOf({} as SopDocument)).not.toThrow();
  });
});

describe("keeping the index in step", () => {
  it("indexes a published SOP through publishVersion and supersedes the old version's row", async () => {
    const v1 = await publish("refunds", { title: "Refunds" });
    expect(indexRows().map((r) => r.id)).toEqual([v1]);
    const v2 = await publish("refunds", { title: "Refunds and returns" });
    expect(indexRows()).toEqual([{ id: v2, sopId: "refunds", title: "Refunds and returns" }]);
  });

  it("holds the published version and the open draft, then follows review, publish and archive", async () => {
    const v1 = await publish("outage", {
      title: "Internet outage",
      steps: [{ title: "Reboot", blocks: [para("Restart the router")] }],
    });
    const draft = addVersion(
      "outage",
      { title: "Internet outage", steps: [{ title: "Reboot", blocks: [para("Restart the modem")] }] },
      "draft",
    );
    expect(indexRows().map((r) => r.id)).toEqual([v1, draft]);

    // the draft's text changes in place (a save): its row is rewritten
    db.update(sopVersions)
      .set({
        document: doc({
          title: "Internet outage v2",
          steps: [{ title: "Reboot", blocks: [para("Power-cycle the modem")] }],
        }),
      })
      .where(eq(sopVersions.id, draft))
      .run();
    syncSearchForSop(db, "outage");
    expect(indexRows().find((r) => r.id === draft)?.title).toBe("Internet outage v2");
    expect((await searchSops(db, { q: "power cycle", audience: "author", status: "draft" })).total).toBe(1);
    expect((await searchSops(db, { q: "power cycle", audience: "agent" })).total).toBe(0);

    // in review (sending to review or back needs no re-index: the row does not move)
    db.update(sopVersions).set({ state: "in_review" }).where(eq(sopVersions.id, draft)).run();
    expect((await searchSops(db, { q: "power", audience: "author", status: "in_review" })).total).toBe(1);
    expect((await searchSops(db, { q: "power", audience: "author", status: "draft" })).total).toBe(0);
    syncSearchForSop(db, "outage");
    expect((await searchSops(db, { q: "power", audience: "author", status: "in_review" })).total).toBe(1);
    expect(
      (await searchSops(db, { q: "", audience: "author", status: "in_review" })).results.map((r) => [r.sopId, r.state]),
    ).toEqual([["outage", "in_review"]]);

    // published: the old published row goes, the new one is the agents'
    db.update(sopVersions).set({ state: "superseded" }).where(eq(sopVersions.id, v1)).run();
    db.update(sopVersions).set({ state: "published" }).where(eq(sopVersions.id, draft)).run();
    db.update(sops).set({ publishedVersionId: draft }).where(eq(sops.id, "outage")).run();
    syncSearchForSop(db, "outage");
    expect(indexRows().map((r) => r.id)).toEqual([draft]);
    expect(await ids("power")).toEqual(["outage"]);
    expect(await ids("router")).toEqual([]);

    // archived: gone for everyone (an open draft would stay for authors)
    const next = addVersion("outage", { title: "Internet outage v3" }, "draft");
    db.update(sops).set({ archivedAt: Date.now() }).where(eq(sops.id, "outage")).run();
    db.update(sopVersions).set({ state: "archived" }).where(eq(sopVersions.id, draft)).run();
    syncSearchForSop(db, "outage");
    expect(indexRows().map((r) => r.id)).toEqual([next]);
    expect(await ids("outage")).toEqual([]);
    expect(
      (await searchSops(db, { q: "outage", audience: "author", status: "any" })).results.map((r) => r.state),
    ).toEqual(["draft"]);

    // restored
    db.update(sops).set({ archivedAt: null }).where(eq(sops.id, "outage")).run();
    syncSearchForSop(db, "outage");
    expect(indexRows().map((r) => r.id)).toEqual([draft, next]);
  });

  it("touches only its own SOP's rows, and follows a move to another department", async () => {
    await publish("a", { title: "Alpha router" });
    await publish("b", { title: "Beta router" }, support);
    addVersion("b", { title: "Beta router draft" }, "draft");
    const before = indexRows();
    syncSearchForSop(db, "a");
    syncSearchForSop(db, "b");
    expect(indexRows()).toEqual(before);
    expect(await ids("router", { departmentId: billing })).toEqual(["a"]);
    db.update(sops).set({ departmentId: support }).where(eq(sops.id, "a")).run();
    syncSearchForSop(db, "a");
    expect(await ids("router", { departmentId: billing })).toEqual([]);
    expect((await ids("router", { departmentId: support })).sort()).toEqual(["a", "b"]);
    expect(
      (await searchSops(db, { q: "router", audience: "author", status: "any", departmentId: support })).total,
    ).toBe(3);
    expect(
      (await searchSops(db, { q: "router", audience: "author", status: "draft", departmentId: support })).results.map(
        (r) => r.sopId,
      ),
    ).toEqual(["b"]);
    expect(indexRows()).toHaveLength(3);
  });

  it("is idempotent and leaves unchanged rows alone", async () => {
    await publish("a", { title: "Alpha" });
    addVersion("a", { title: "Alpha draft" }, "draft");
    const before = db.all(sql`SELECT rowid, * FROM sop_search`);
    const changes = db.$client.prepare("SELECT total_changes() AS n").pluck();
    const n0 = changes.get() as number;
    syncSearchForSop(db, "a");
    syncSearchForSop(db, "a");
    expect(changes.get()).toBe(n0);
    expect(db.all(sql`SELECT rowid, * FROM sop_search`)).toEqual(before);
    syncSearchForSop(db, "no-such-sop");
  });

  it("rebuilds from scratch and at start-up only when the format changed", async () => {
    await publish("a", { title: "Alpha" });
    await publish("b", { title: "Beta" });
    addVersion("b", { title: "Beta draft" }, "draft");
    db.run(sql`DELETE FROM sop_search`);
    db.run(sql`INSERT INTO sop_search (rowid, title, sop_id, version_id) VALUES (999, 'ghost', 'ghost', 999)`);
    expect((await rebuildSearchIndex(db)).rows).toBe(3);
    expect(indexRows().map((r) => r.title)).toEqual(["Alpha", "Beta", "Beta draft"]);

    expect(getMeta(db, "search_index_format")).toBeUndefined();
    expect((await ensureSearchIndex(db)).rebuilt).toBe(true);
    expect(getMeta(db, "search_index_format")).toBe(SEARCH_INDEX_FORMAT);
    expect((await ensureSearchIndex(db)).rebuilt).toBe(false);
    setMeta(db, "search_index_format", "0");
    expect((await ensureSearchIndex(db)).rebuilt).toBe(true);
  });
});

describe("searchSops", () => {
  beforeEach(async () => {
    await publish("refund-and-return", {
      title: "Refund and return",
      purpose: "Take back an item and give the money back.",
      tags: ["refund", "returns"],
      steps: [
        { title: "Inspect the item", blocks: [para("Check the packaging for damage before you approve anything.")] },
      ],
    });
    await publish("billing-dispute", {
      title: "Billing dispute on a card charge",
      purpose: "Resolve a charge the customer does not recognise; a refund may follow.",
      tags: ["billing", "chargeback"],
      terms: [["Chargeback", "A reversal the bank forces on a card payment"]],
      steps: [
        {
          title: "Find the charge",
          blocks: [para("Look up the transaction; mention the refund only when it is due. Refund refund refund.")],
        },
      ],
    });
    await publish(
      "internet-outage",
      {
        title: "Internet outage troubleshooting",
        purpose: "Get the customer back online.",
        tags: ["connectivity"],
        steps: [{ title: "Reboot", blocks: [para("Ask them to unplug the router for thirty seconds.")] }],
      },
      support,
      "2000-01-01",
    );
    await publish(
      "el-epistrofi",
      {
        title: "Επιστροφή χρημάτων",
        purpose: "Διαδικασία επιστροφής χρημάτων σε πελάτη.",
        language: "el",
        tags: ["επιστροφή"],
      },
      billing,
    );
    await publish(
      "fa-peygiri",
      { title: "پیگیری سفارش", purpose: "پیگیری وضعیت سفارش مشتری", language: "fa" },
      support,
    );
    await publish("cafe-creme", { title: "Café crème complaints", purpose: "Déjà vu." }, support);
  });

  it("finds words in the body with a highlighted snippet", async () => {
    const r = await searchSops(db, { q: "packaging", audience: "agent" });
    expect(r.total).toBe(1);
    const hit = r.results[0]!;
    expect(hit).toMatchObject({
      sopId: "refund-and-return",
      version: 1,
      state: "published",
      department: { id: billing, name: "Billing" },
      tags: ["refund", "returns"],
      stale: false,
    });
    expect(marked(hit.snippet)).toEqual(["packaging"]);
    expect(plain(hit.snippet)).toContain("Check the packaging for damage");
    expect(hit.title).toEqual([{ text: "Refund and return", mark: false }]);
  });

  it("gives every hit its own title and snippet", async () => {
    const titles: Record<string, string> = {
      "refund-and-return": "Refund and return",
      "billing-dispute": "Billing dispute on a card charge",
      "internet-outage": "Internet outage troubleshooting",
      "cafe-creme": "Café crème complaints",
      "el-epistrofi": "Επιστροφή χρημάτων",
      "fa-peygiri": "پیگیری سفارش",
    };
    for (const q of ["", "the", "refund", "customer", "a"]) {
      const r = await searchSops(db, { q, audience: "agent" });
      for (const hit of r.results) expect(plain(hit.title), `${q}: ${hit.sopId}`).toBe(titles[hit.sopId]);
    }
    const outage = (await searchSops(db, { q: "the", audience: "agent" })).results.find(
      (h) => h.sopId === "internet-outage",
    )!;
    expect(plain(outage.snippet)).toMatch(/the/i);
  });

  it("matches every word as a prefix, as you type", async () => {
    expect(await ids("ro")).toEqual(["internet-outage"]);
    expect(await ids("rou")).toEqual(["internet-outage"]);
    expect(await ids("rout")).toEqual(["internet-outage"]);
    expect(await ids("unpl rout")).toEqual(["internet-outage"]);
    expect(await ids("unplug xylophone")).toEqual([]);
    // a one-letter last word is ignored while typing the next one
    expect(await ids("router t")).toEqual(["internet-outage"]);
    expect(marked((await searchSops(db, { q: "inter", audience: "agent" })).results[0]!.title)).toEqual(["internet"]);
  });

  it("puts title matches first, then weighs tags and purpose above the body", async () => {
    const r = await searchSops(db, { q: "refund", audience: "agent" });
    // "refund" is in the title of one, and repeated in the body (plus purpose) of the other
    expect(r.results.map((h) => h.sopId)).toEqual(["refund-and-return", "billing-dispute"]);
    expect(marked(r.results[0]!.title)).toEqual(["refund"]);
    expect(r.results[0]!.score).toBeLessThan(0);
    // the tag "chargeback" and the term beat nothing else here, but the hit is found in tags and terms
    expect(await ids("chargeback")).toEqual(["billing-dispute"]);
  });

  it("handles Unicode: Greek without accents, Persian, Latin diacritics", async () => {
    expect(await ids("επιστροφη")).toEqual(["el-epistrofi"]);
    expect(await ids("ΕΠΙΣΤΡΟΦΗ ΧΡΗΜΑΤΩΝ")).toEqual(["el-epistrofi"]);
    expect(await ids("χρήμα")).toEqual(["el-epistrofi"]);
    expect(await ids("χρημα")).toEqual(["el-epistrofi"]);
    expect(marked((await searchSops(db, { q: "επιστρ", audience: "agent" })).results[0]!.title)).toEqual(["επιστροφή"]);
    expect(await ids("سفارش")).toEqual(["fa-peygiri"]);
    expect(await ids("پیگ")).toEqual(["fa-peygiri"]);
    expect(await ids("cafe creme")).toEqual(["cafe-creme"]);
    expect(await ids("DEJA")).toEqual(["cafe-creme"]);
  });

  it("filters by department, tag and status, and lists when the query is empty", async () => {
    expect((await ids("", { departmentId: support })).sort()).toEqual(["cafe-creme", "fa-peygiri", "internet-outage"]);
    expect(await ids("unplug", { departmentId: support })).toEqual(["internet-outage"]);
    expect(await ids("unplug", { departmentId: billing })).toEqual([]);
    expect(await ids("", { tag: "chargeback" })).toEqual(["billing-dispute"]);
    expect(await ids("", { tag: "CHARGEBACK" })).toEqual(["billing-dispute"]);
    expect(await ids("refund", { tag: "returns" })).toEqual(["refund-and-return"]);
    expect(await ids("", { tag: "ret" })).toEqual([]); // a tag filter is the whole tag, not a prefix
    expect(await ids("", { tag: "επιστροφή" })).toEqual(["el-epistrofi"]);
    const all = await searchSops(db, { q: "", audience: "agent" });
    expect(all.total).toBe(6);
    expect(all.results.map((r) => r.department.name)).toEqual([
      "Billing",
      "Billing",
      "Billing",
      "Technical Support",
      "Technical Support",
      "Technical Support",
    ]);
    expect(all.results.find((r) => r.sopId === "internet-outage")!.stale).toBe(true);
    expect(all.results.find((r) => r.sopId === "internet-outage")!.snippet).toEqual([
      { text: "Get the customer back online.", mark: false },
    ]);
    expect(await listSearchTags(db, "agent")).toEqual([
      "billing",
      "chargeback",
      "connectivity",
      "refund",
      "returns",
      "επιστροφή",
    ]);
  });

  it("keeps the tag list current: new published tags appear, draft-only tags only for authors", async () => {
    expect(await listSearchTags(db, "agent")).not.toContain("wifi");
    addVersion(
      "internet-outage",
      { title: "Internet outage troubleshooting", tags: ["connectivity", "wifi"] },
      "draft",
    );
    expect(await listSearchTags(db, "agent")).not.toContain("wifi");
    expect(await listSearchTags(db, "author")).toContain("wifi");
    await publish("wifi-setup", { title: "Wi-Fi setup", tags: ["wifi"] }, support);
    expect(await listSearchTags(db, "agent")).toContain("wifi");
  });

  it("pages with a stable total", async () => {
    const page1 = await searchSops(db, { q: "", audience: "agent", limit: 4 });
    const page2 = await searchSops(db, { q: "", audience: "agent", limit: 4, offset: 4 });
    const past = await searchSops(db, { q: "", audience: "agent", limit: 4, offset: 40 });
    expect([page1.total, page2.total, past.total]).toEqual([6, 6, 6]);
    expect(new Set([...page1.results, ...page2.results].map((r) => r.sopId)).size).toBe(6);
    expect(past.results).toEqual([]);
  });

  it("shows agents only the published versions of non-archived SOPs, whatever status they ask for", async () => {
    addVersion(
      "refund-and-return",
      { title: "Refund and return", purpose: "Secret draft wording about vouchers." },
      "draft",
    );
    await publish("retired", { title: "Retired voucher policy" });
    db.update(sops).set({ archivedAt: Date.now() }).where(eq(sops.id, "retired")).run();
    syncSearchForSop(db, "retired");
    for (const status of ["any", "draft", "in_review", "published"] as const) {
      expect((await searchSops(db, { q: "voucher", audience: "agent", status })).total).toBe(0);
    }
    const author = await searchSops(db, { q: "voucher", audience: "author", status: "any" });
    expect(author.results.map((r) => [r.sopId, r.state, r.version])).toEqual([["refund-and-return", "draft", 2]]);
    expect(
      (await searchSops(db, { q: "refund", audience: "author", status: "any" })).results
        .filter((r) => r.sopId === "refund-and-return")
        .map((r) => r.state)
        .sort(),
    ).toEqual(["draft", "published"]);
    expect(
      (await searchSops(db, { q: "refund", audience: "author", status: "published" })).results.every(
        (r) => r.state === "published",
      ),
    ).toBe(true);
  });

  it("never throws on hostile input", async () => {
    const hostile = [
      '"',
      '""',
      '"unbalanced',
      "*",
      "**",
      "re*",
      "OR",
      "AND",
      "NOT",
      "a OR b",
      "refund NOT return",
      "NEAR(",
      "NEAR(refund return, 2)",
      "-",
      "-refund",
      "^",
      "^refund",
      ":",
      "title:refund",
      "{title}: x",
      "(",
      ")",
      "((refund",
      "refund))",
      "😀",
      "refund 😀",
      "🏳️‍🌈",
      "'; DROP TABLE sops; --",
      "\u0000",
      "\uE000refund\uE001",
      "ﷺ",
      "x".repeat(5000),
      "\u0301",
      "+",
      "@",
      "$",
      "\\",
    ];
    for (const q of hostile) {
      for (const audience of ["agent", "author"] as const) {
        const r = await searchSops(db, { q, audience, tag: q.slice(0, 10), status: "any" });
        expect(r.error).toBeUndefined();
        expect(Array.isArray(r.results)).toBe(true);
        await expect(searchSops(db, { q, audience })).resolves.not.toThrow();
      }
    }
    // operators are words, not syntax
    expect(await ids("refund NOT recognise")).toEqual(["billing-dispute"]); // "not" is in its purpose
    expect(await ids("refund OR zebra")).toEqual([]);
    expect(await ids('"refund')).toEqual(["refund-and-return", "billing-dispute"]);
    expect(await searchSops(db, { q: "😀", audience: "agent" })).toEqual({ total: 0, results: [] });
    // nonsense options are clamped, not thrown
    expect((await searchSops(db, { q: "", audience: "agent", limit: -5, offset: Number.NaN })).results).toHaveLength(1);
  });

  it("builds quoted MATCH expressions only", () => {
    expect(matchExpression("Refund NEAR(xy")).toBe('"Refund"* AND "NEAR"* AND "xy"*');
    expect(matchExpression("x")).toBe('"x"');
    expect(matchExpression('say "hi"')).toBe('"say"* AND "hi"*');
    expect(matchExpression("*** ---")).toBeNull();
    expect(matchExpression("χρημα")).toContain('"χρήμα"*');
  });

  it("turns marked text into segments", () => {
    expect(toSegments("a \uE000b\uE001 c\nd")).toEqual([
      { text: "a ", mark: false },
      { text: "b", mark: true },
      { text: " c · d", mark: false },
    ]);
  });

  it("reads URL parameters strictly: a message for bad ones, status only for authors", async () => {
    const read = async (qs: string, audience: "agent" | "author" = "agent") =>
      await readSearchParams(db, new URLSearchParams(qs), audience);
    expect(await read("q=refund&department=technical-support&tag=x&limit=5&offset=10")).toMatchObject({
      ok: true,
      search: {
        department: { id: support, slug: "technical-support" },
        options: { q: "refund", departmentId: support, tag: "x", limit: 5, offset: 10, status: "published" },
      },
    });
    expect(await read(`department=${billing}`)).toMatchObject({ ok: true, search: { department: { id: billing } } });
    expect(await read("status=draft")).toMatchObject({
      ok: true,
      search: { options: { status: "published", audience: "agent" } },
    });
    expect(await read("status=draft", "author")).toMatchObject({
      ok: true,
      search: { options: { status: "draft", audience: "author" } },
    });
    for (const [qs, message] of [
      [`q=${"x".repeat(201)}`, /too long/],
      ["department=nowhere", /Unknown department/],
      ["status=deleted", /status must be/],
      ["limit=0", /limit/],
      ["limit=abc", /limit/],
      ["offset=-1", /offset/],
      ["limit=2.5", /whole number/],
    ] as const) {
      const r = await read(qs, "author");
      expect(r.ok, qs).toBe(false);
      if (!r.ok) expect(r.error, qs).toMatch(message);
    }
  });
});
