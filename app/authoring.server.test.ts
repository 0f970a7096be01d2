import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.server";
import { createTestDb } from "../db/test-db.server";
import { seedDemoOrganisation } from "../db/seed.server";
import { listAudit } from "../db/audit.server";
import { getPublishedSop, listPublishedSops } from "../db/sops.server";
import { getOpenVersion, listVersions } from "../db/versions.server";
import { users } from "../db/schema";
import type { SessionUser } from "./auth/session.server";
import { applyLifecycle, createSop, LifecycleError, openDraftForEditing, saveDraft } from "./authoring.server";
import { seedSopLibrary } from "./sop-library.server";

let db: Db;
let lead: SessionUser;
let admin: SessionUser;
let agent: SessionUser;

function sessionUser(email: string): SessionUser {
  const u = db.select().from(users).where(eq(users.email, email)).get()!;
  return { id: u.id, email: u.email, name: u.name, role: u.role, departmentId: u.departmentId };
}

beforeEach(async () => {
  db = createTestDb();
  await seedDemoOrganisation(db, async (p) => `hash:${p}`);
  seedSopLibrary(db);
  lead = sessionUser("lead@stepwise.example");
  admin = sessionUser("admin@stepwise.example");
  agent = sessionUser("agent@stepwise.example");
});

const SOP = "refund-and-return";

function editTitle(source: string, title: string) {
  return source.replace(/^title: .*$/m, `title: ${title}`);
}

function publishOpen(changeNote = "Clarified the refund window") {
  applyLifecycle(db, lead, SOP, { intent: "submit", reviewerId: admin.id, comment: "", confirmWarnings: "1" });
  applyLifecycle(db, admin, SOP, { intent: "approve", comment: "Looks right" });
  return applyLifecycle(db, lead, SOP, { intent: "publish", changeNote, confirmWarnings: "1" });
}

describe("drafts and optimistic concurrency", () => {
  it("editing a published SOP starts a new draft from it; the published version is untouched", () => {
    const published = getPublishedSop(db, SOP)!;
    const draft = openDraftForEditing(db, lead, SOP);
    expect(draft).toMatchObject({ state: "draft", version: published.version + 1, basedOnVersion: published.version, revision: 1 });
    expect(draft.source.length).toBeGreaterThan(100);
    // Opening again returns the same draft, not another one.
    expect(openDraftForEditing(db, lead, SOP).versionId).toBe(draft.versionId);
  });

  it("saves against the current revision and refuses a save based on an old one with the other text", () => {
    const draft = openDraftForEditing(db, lead, SOP);
    const first = saveDraft(db, lead, { sopId: SOP, versionId: draft.versionId, baseRevision: 1, source: editTitle(draft.source, "Refunds A") });
    expect(first).toMatchObject({ ok: true, revision: 2 });
    const stale = saveDraft(db, admin, { sopId: SOP, versionId: draft.versionId, baseRevision: 1, source: editTitle(draft.source, "Refunds B") });
    expect(stale.ok).toBe(false);
    if (stale.ok || stale.status !== 409) throw new Error("expected a conflict");
    expect(stale.conflict.revision).toBe(2);
    expect(stale.conflict.source).toContain("title: Refunds A");
    expect(stale.conflict.updatedByName).toBe(lead.name);
    // Nothing was overwritten.
    expect(getOpenVersion(db, SOP)!.source).toContain("title: Refunds A");
  });

  it("counts errors on save and refuses to send a draft with errors to review", () => {
    const draft = openDraftForEditing(db, lead, SOP);
    const broken = saveDraft(db, lead, { sopId: SOP, versionId: draft.versionId, baseRevision: 1, source: `${draft.source}\n<Stepp title="x">hi</Stepp>\n` });
    expect(broken).toMatchObject({ ok: true });
    if (!broken.ok) return;
    expect(broken.errorCount).toBeGreaterThan(0);
    expect(() => applyLifecycle(db, lead, SOP, { intent: "submit", reviewerId: admin.id, comment: "" })).toThrow(/error/);
  });

  it("an agent cannot edit", () => {
    expect(() => openDraftForEditing(db, agent, SOP)).toThrow();
  });
});

describe("review and publish", () => {
  it("draft → in review (read-only) → approved → published; the old version is superseded and the publish audited", () => {
    const before = getPublishedSop(db, SOP)!;
    const draft = openDraftForEditing(db, lead, SOP);
    saveDraft(db, lead, { sopId: SOP, versionId: draft.versionId, baseRevision: 1, source: editTitle(draft.source, "Refunds and returns v2") });
    applyLifecycle(db, lead, SOP, { intent: "submit", reviewerId: admin.id, comment: "Please check", confirmWarnings: "1" });
    const locked = saveDraft(db, lead, { sopId: SOP, versionId: draft.versionId, baseRevision: 2, source: "x" });
    expect(locked).toMatchObject({ ok: false, status: 423 });
    expect(() => applyLifecycle(db, lead, SOP, { intent: "publish", changeNote: "Too early", confirmWarnings: "1" })).toThrow(/not been approved/);
    // Only the chosen reviewer (or an admin) decides.
    expect(() => applyLifecycle(db, lead, SOP, { intent: "approve", comment: "" })).toThrow(/Only the reviewer/);
    applyLifecycle(db, admin, SOP, { intent: "approve", comment: "Good" });
    expect(applyLifecycle(db, lead, SOP, { intent: "publish", changeNote: "New title", confirmWarnings: "1" })).toMatch(/Published version 2/);
    const after = getPublishedSop(db, SOP)!;
    expect(after.version).toBe(before.version + 1);
    expect(after.title).toBe("Refunds and returns v2");
    const versions = listVersions(db, SOP);
    expect(versions.map((v) => [v.version, v.state])).toEqual([
      [2, "published"],
      [1, "superseded"],
    ]);
    expect(versions[0]!.changeNote).toBe("New title");
    expect(listAudit(db, { action: "sop.publish" }).rows.some((r) => r.summary.includes("version 2: New title"))).toBe(true);
  });

  it("requesting changes needs a comment and returns the draft to its author", () => {
    openDraftForEditing(db, lead, SOP);
    applyLifecycle(db, lead, SOP, { intent: "submit", reviewerId: admin.id, comment: "", confirmWarnings: "1" });
    applyLifecycle(db, admin, SOP, { intent: "request_changes", comment: "Add the 30-day rule" });
    expect(getOpenVersion(db, SOP)!.state).toBe("draft");
  });

  it("a reviewer must be an active lead or admin", () => {
    openDraftForEditing(db, lead, SOP);
    expect(() => applyLifecycle(db, lead, SOP, { intent: "submit", reviewerId: agent.id, comment: "", confirmWarnings: "1" })).toThrow(LifecycleError);
  });
});

describe("rollback, archive, create", () => {
  it("rolls back by publishing the old content as a new version, audited", () => {
    const v1 = getPublishedSop(db, SOP)!;
    const draft = openDraftForEditing(db, lead, SOP);
    saveDraft(db, lead, { sopId: SOP, versionId: draft.versionId, baseRevision: 1, source: editTitle(draft.source, "Changed") });
    publishOpen();
    expect(getPublishedSop(db, SOP)!.title).toBe("Changed");
    applyLifecycle(db, lead, SOP, { intent: "rollback", versionId: v1.versionId, changeNote: "" });
    const now = getPublishedSop(db, SOP)!;
    expect(now.version).toBe(3);
    expect(now.hash).toBe(v1.hash);
    expect(now.title).toBe(v1.title);
    expect(listAudit(db, { action: "sop.rollback" }).rows).toHaveLength(1);
  });

  it("archive hides an SOP from the library and agents; restore brings it back", () => {
    applyLifecycle(db, lead, SOP, { intent: "archive" });
    expect(getPublishedSop(db, SOP)).toBeUndefined();
    expect(listPublishedSops(db).some((r) => r.id === SOP)).toBe(false);
    expect(() => openDraftForEditing(db, lead, SOP)).toThrow();
    applyLifecycle(db, lead, SOP, { intent: "restore" });
    expect(getPublishedSop(db, SOP)?.id).toBe(SOP);
    expect(listAudit(db, { action: "sop.archive" }).rows).toHaveLength(1);
    expect(listAudit(db, { action: "sop.restore" }).rows).toHaveLength(1);
  });

  it("creates a new SOP from a template as a valid draft with a free id", () => {
    const a = createSop(db, lead, { title: "Card replacement", department: "Billing", template: "standard", language: "en" });
    const b = createSop(db, lead, { title: "Card replacement", department: "Billing", template: "blank", language: "en" });
    expect(a.sopId).toBe("card-replacement");
    expect(b.sopId).toBe("card-replacement-2");
    const draft = openDraftForEditing(db, lead, a.sopId);
    expect(draft).toMatchObject({ version: 1, state: "draft", errorCount: 0, basedOnVersion: null });
    expect(draft.source).toContain("Card replacement");
    expect(listPublishedSops(db).some((r) => r.id === a.sopId)).toBe(false);
  });
});
