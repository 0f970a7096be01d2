// The review process and run access, attacked over HTTP the way a signed-in lead, agent or trainer could:
// every request here was accepted before the policy module and must be refused now.
import type { APIRequestContext } from "@playwright/test";
import {
  apiClient,
  createSop,
  DEMO,
  expect,
  lifecycle,
  submitAndApprove,
  submitForReview,
  test,
  userIdOf,
} from "./fixtures";

test.describe.configure({ timeout: 60_000 });

const as = apiClient;

/** Starts (POST) a draft and returns its version id from the editor page. */
async function startDraft(ctx: APIRequestContext, sopId: string): Promise<number> {
  const started = await ctx.post(`/sops/${sopId}/edit`, { form: { intent: "start" }, maxRedirects: 0 });
  expect(started.status()).toBe(302);
  const html = await (await ctx.get(`/sops/${sopId}/edit`)).text();
  return Number(/data-version-id="(\d+)"/.exec(html)![1]);
}

/** A fresh SOP (standard template) in the lead's department, reviewed by the admin and published. */
async function newPublishedSop(
  lead: APIRequestContext,
  admin: APIRequestContext,
  department: string,
  title: string,
  owner: string = DEMO.lead,
): Promise<string> {
  const unique = `${title} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const sopId = await createSop(lead, unique, { department, owner });
  await submitAndApprove(lead, admin, sopId);
  expect(
    (await lifecycle(lead, sopId, { intent: "publish", changeNote: "First version", confirmWarnings: "1" })).status(),
  ).toBe(200);
  return sopId;
}

test("opening the editor never creates a draft; the first change does, and a second author meets it", async () => {
  const lead = await as(DEMO.lead);
  const other = await as(DEMO.lead);
  const admin = await as(DEMO.admin);
  try {
    const sopId = await newPublishedSop(lead, admin, "Customer Service", "Editor opening");
    const history = async () =>
      ((await (await lead.get(`/sops/${sopId}/history`)).text()).match(/data-version="\d+"/g) ?? []).length;
    const before = await history();
    const page = await lead.get(`/sops/${sopId}/edit`);
    expect(page.status()).toBe(200);
    const html = await page.text();
    expect(html).toContain("No draft yet");
    expect(await history()).toBe(before);
    // Revision 0 names the published version the editor opened on.
    const publishedId = Number(/data-version-id="(\d+)"/.exec(html)![1]);
    expect(html).toContain('data-revision="0"');
    const source = await (await lead.get(`/sops/${sopId}/export.mdx`)).text();
    const change = (text: string) => ({
      data: { intent: "save", versionId: publishedId, baseRevision: 0, source: `${source}\n${text}\n` },
    });
    expect((await lead.post(`/sops/${sopId}/edit`, change("A first change."))).status()).toBe(200);
    expect(await history()).toBe(before + 1);
    const opened = await (await lead.get(`/sops/${sopId}/edit`)).text();
    const draftId = Number(/data-version-id="(\d+)"/.exec(opened)![1]);
    expect(draftId).not.toBe(publishedId);
    expect(opened).toContain('data-revision="1"');
    // Another tab that opened on the published text meets that draft instead of writing over it.
    expect((await other.post(`/sops/${sopId}/edit`, change("Another change."))).status()).toBe(409);
    expect(await history()).toBe(before + 1);
    const kept = await (await lead.get(`/sops/${sopId}/export.mdx?version=2`)).text();
    expect(kept).toContain("A first change.");
    expect(kept).not.toContain("Another change.");
    // Starting it by a POST still works (and finds the open draft).
    expect(await startDraft(lead, sopId)).toBe(draftId);
  } finally {
    await Promise.all([lead.dispose(), other.dispose(), admin.dispose()]);
  }
});

test("rollback refuses a draft or a version in review: unreviewed text never reaches agents", async () => {
  const lead = await as(DEMO.lead);
  const admin = await as(DEMO.admin);
  try {
    const sopId = await newPublishedSop(lead, admin, "Customer Service", "Rollback target");
    const draftId = await startDraft(lead, sopId);
    const res = await lifecycle(lead, sopId, { intent: "rollback", versionId: String(draftId), changeNote: "sneak" });
    expect(res.status()).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/published before/);
    await submitForReview(lead, admin, sopId);
    expect(
      (await lifecycle(lead, sopId, { intent: "rollback", versionId: String(draftId), changeNote: "sneak" })).status(),
    ).toBe(409);
    expect((await lifecycle(lead, sopId, { intent: "withdraw" })).status()).toBe(200);
  } finally {
    await Promise.all([lead.dispose(), admin.dispose()]);
  }
});

test("a lead cannot review their own draft, nor act on another department's SOPs", async () => {
  const lead = await as(DEMO.lead);
  const billing = await as(DEMO.billingLead);
  const admin = await as(DEMO.admin);
  try {
    const sopId = await newPublishedSop(lead, admin, "Customer Service", "Cross department");
    await startDraft(lead, sopId);
    const self = await submitForReview(lead, admin, sopId, DEMO.lead);
    expect(self.status()).toBe(403);
    expect(((await self.json()) as { error: string }).error).toMatch(/someone other than the author/);

    // The Billing lead sends it nowhere and decides nothing on a Customer Service SOP…
    expect((await billing.post(`/sops/${sopId}/edit`, { form: { intent: "start" }, maxRedirects: 0 })).status()).toBe(
      403,
    );
    expect((await billing.get(`/sops/${sopId}/edit`)).status()).toBe(403);
    expect((await lifecycle(billing, sopId, { intent: "archive" })).status()).toBe(403);
    await submitForReview(lead, admin, sopId);
    expect((await lifecycle(billing, sopId, { intent: "withdraw" })).status()).toBe(403);
    expect((await lifecycle(billing, sopId, { intent: "approve", comment: "" })).status()).toBe(403);
    // …unless the author picks them as the reviewer: then they may review, but still not publish.
    expect(
      (
        await lifecycle(lead, sopId, { intent: "reassign", reviewerId: await userIdOf(admin, DEMO.billingLead) })
      ).status(),
    ).toBe(200);
    expect((await lifecycle(billing, sopId, { intent: "approve", comment: "From Billing" })).status()).toBe(200);
    expect(
      (
        await lifecycle(billing, sopId, {
          intent: "publish",
          changeNote: "Not mine to publish",
          confirmWarnings: "1",
          changeKind: "material",
        })
      ).status(),
    ).toBe(403);
    expect(
      (
        await lifecycle(lead, sopId, {
          intent: "publish",
          changeNote: "Reviewed across departments",
          confirmWarnings: "1",
          changeKind: "material",
        })
      ).status(),
    ).toBe(200);

    // Withdrawals, drafts and reviewer changes are audited.
    const audit = await (await admin.get("/admin/audit?action=sop.reassign")).text();
    expect(audit).toContain("Marco Rossi");
  } finally {
    await Promise.all([lead.dispose(), billing.dispose(), admin.dispose()]);
  }
});

test("runs are seen by their agent, their department's leads and admins only", async () => {
  const agent = await as(DEMO.agent);
  const others = {
    lead: await as(DEMO.lead),
    billing: await as(DEMO.billingLead),
    trainer: await as(DEMO.trainer),
    trainee: await as(DEMO.trainee),
    admin: await as(DEMO.admin),
  };
  try {
    const started = await agent.post("/api/runs", { data: { sopId: "complaint-handling", customerRef: "CUST-42" } });
    expect(started.status()).toBe(201);
    const { id } = (await started.json()) as { id: string };
    expect((await agent.get(`/api/runs/${id}`)).status()).toBe(200);
    expect((await others.lead.get(`/api/runs/${id}`)).status()).toBe(200);
    expect((await others.admin.get(`/api/runs/${id}`)).status()).toBe(200);
    for (const ctx of [others.billing, others.trainer, others.trainee]) {
      expect((await ctx.get(`/api/runs/${id}`)).status()).toBe(403);
      expect((await ctx.get(`/runs/${id}`)).status()).toBe(403);
      expect((await ctx.get(`/runs/${id}/timeline`)).status()).toBe(403);
    }
    // Only the agent writes.
    const event = { events: [{ id: crypto.randomUUID(), at: Date.now(), type: "note.added", text: "not yours" }] };
    expect((await others.lead.post(`/api/runs/${id}/events`, { data: event })).status()).toBe(403);
  } finally {
    await Promise.all([agent.dispose(), ...Object.values(others).map((c) => c.dispose())]);
  }
});

test("an archived SOP cannot be started, by id or by version", async () => {
  const lead = await as(DEMO.returnsLead);
  const agent = await as(DEMO.agent);
  const admin = await as(DEMO.admin);
  try {
    const sopId = await newPublishedSop(lead, admin, "Returns & Logistics", "Archive me", DEMO.returnsLead);
    expect((await lifecycle(lead, sopId, { intent: "archive" })).status()).toBe(200);
    try {
      const res = await agent.post("/api/runs", { data: { sopId } });
      expect(res.status()).toBe(409);
      expect(((await res.json()) as { error: string }).error).toMatch(/archived/);
    } finally {
      expect((await lifecycle(lead, sopId, { intent: "restore" })).status()).toBe(200);
    }
    expect((await agent.post("/api/runs", { data: { sopId } })).status()).toBe(201);
  } finally {
    await Promise.all([lead.dispose(), agent.dispose(), admin.dispose()]);
  }
});
