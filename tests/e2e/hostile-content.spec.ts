// Authored content as an attacker would write it, through the real server: a catastrophic-backtracking
// pattern published in an SOP and fed a long value, and deeply nested documents saved as drafts. None may
// stall the server for other requests (a live call polling alongside keeps being answered).
import type { APIRequestContext } from "@playwright/test";
import { apiClient, DEMO, expect, lifecycle, submitAndApprove, test, userIdOf } from "./fixtures";

test.describe.configure({ timeout: 90_000 });

const SOURCE = (title: string) => `---
title: ${title}
department: Customer Service
purpose: A procedure whose field pattern backtracks catastrophically on a backtracking regex engine.
targets:
  handleTime: 5m
---

<Step id="code" title="Take the code">
  <Field name="code" label="Code" pattern="^(a+)+$" required />
</Step>
`;

/** The longest gap between answers to /healthz polled back to back while `work` runs. */
async function worstGapWhile(client: APIRequestContext, work: Promise<unknown>): Promise<number> {
  let done = false;
  void work.finally(() => (done = true));
  let worst = 0;
  while (!done) {
    const t = Date.now();
    await client.get("/healthz");
    worst = Math.max(worst, Date.now() - t);
  }
  await work;
  return worst;
}

test("a published ^(a+)+$ pattern against 5,000 characters answers at once and blocks nobody", async () => {
  const lead = await apiClient(DEMO.lead);
  const admin = await apiClient(DEMO.admin);
  const agent = await apiClient(DEMO.agent);
  const probe = await apiClient();
  try {
    const title = `Backtracking pattern ${Date.now().toString(36)}`;
    const created = await lead.post("/sops/new", {
      form: { title, department: "Customer Service", template: "blank", language: "en" },
      maxRedirects: 0,
    });
    const sopId = /\/sops\/([^/]+)\/edit/.exec(created.headers()["location"] ?? "")![1]!;
    const html = await (await lead.get(`/sops/${sopId}/edit`)).text();
    const versionId = Number(/data-version-id="(\d+)"/.exec(html)![1]);
    const saved = await lead.post(`/sops/${sopId}/edit`, {
      data: { intent: "save", versionId, baseRevision: 1, source: SOURCE(title) },
    });
    expect(saved.status()).toBe(200); // the editor page again; the submit below proves it has no errors
    await submitAndApprove(lead, admin, sopId);
    expect(
      (
        await lifecycle(lead, sopId, { intent: "publish", changeNote: "Hostile pattern", confirmWarnings: "1" })
      ).status(),
    ).toBe(200);

    const run = await agent.post("/api/runs", { data: { sopId } });
    const { id } = (await run.json()) as { id: string };
    const hostile = `${"a".repeat(4999)}!`;
    const append = agent.post(`/api/runs/${id}/events`, {
      data: {
        events: [{ id: crypto.randomUUID(), at: Date.now(), type: "field.captured", name: "code", value: hostile }],
      },
    });
    const worst = await worstGapWhile(probe, append);
    const answer = await append;
    // Refused as not matching the pattern (a 4xx naming the field), in linear time.
    expect(answer.status()).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toMatch(/not in the expected format/);
    // A backtracking engine takes minutes here; the probe must never have waited anywhere near that.
    expect(worst).toBeLessThan(1_000);
  } finally {
    await Promise.all([lead, admin, agent, probe].map((c) => c.dispose()));
  }
});

test("deeply nested drafts are stored with their errors counted, not a 500 or a stall", async () => {
  const lead = await apiClient(DEMO.lead);
  const probe = await apiClient();
  try {
    const created = await lead.post("/sops/new", {
      form: {
        title: `Nesting ${Date.now().toString(36)}`,
        department: "Customer Service",
        template: "blank",
        language: "en",
      },
      maxRedirects: 0,
    });
    const sopId = /\/sops\/([^/]+)\/edit/.exec(created.headers()["location"] ?? "")![1]!;
    const html = await (await lead.get(`/sops/${sopId}/edit`)).text();
    const versionId = Number(/data-version-id="(\d+)"/.exec(html)![1]);
    const head = SOURCE("Nested").split("<Step")[0]!;
    const bodies = [
      "*".repeat(5000) + "x" + "*".repeat(5000),
      "[".repeat(5000) + "x" + "]".repeat(5000),
      Array.from({ length: 5000 }, (_, i) => `${"  ".repeat(i)}- item`)
        .join("\n")
        .slice(0, 400_000),
      "- ".repeat(3000) + "deep",
    ];
    const admin = await apiClient(DEMO.admin);
    const reviewerId = await userIdOf(admin, DEMO.admin);
    await admin.dispose();
    for (const [i, body] of bodies.entries()) {
      const save = lead.post(`/sops/${sopId}/edit`, {
        data: { intent: "save", versionId, baseRevision: i + 1, source: head + body },
      });
      const worst = await worstGapWhile(probe, save);
      expect((await save).status(), body.slice(0, 20)).toBe(200);
      expect(worst).toBeLessThan(1_000);
      // Stored with its errors counted: it cannot go to review.
      const submit = await lead.post(`/sops/${sopId}/lifecycle`, {
        form: { intent: "submit", reviewerId, comment: "", confirmWarnings: "1" },
      });
      expect(submit.status()).toBe(400);
      expect(((await submit.json()) as { error: string }).error).toMatch(/error/);
    }
    // The editor shows where and why.
    const page = await (await lead.get(`/sops/${sopId}/edit`)).text();
    expect(page).toContain("- deep");
  } finally {
    await Promise.all([lead.dispose(), probe.dispose()]);
  }
});
