import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../db/client.server";
import { createTestDb, testSessionUser } from "../db/test-db.server";
import { seedDemoOrganisation } from "../db/seed.server";
import { getRun } from "../db/runs.server";
import type { SopDocument } from "../sop-schema/types";
import type { SessionUser } from "./auth/session.server";
import {
  fixableFlags,
  flagRunPath,
  flagRuns,
  handleFlag,
  inboxFor,
  isSensitive,
  openFlagsBySop,
} from "./feedback.server";
import { appendEvents, runPayload, startRun, versionDocument } from "./runs.server";
import { seedSopLibrary } from "./sop-library.server";

let db: Db;
let agent: SessionUser;
let lead: SessionUser;
let billingLead: SessionUser;
let admin: SessionUser;

beforeEach(async () => {
  db = createTestDb();
  await seedDemoOrganisation(db, async (p) => `hash:${p}`);
  await seedSopLibrary(db);
  agent = testSessionUser(db, "agent@stepwise.example");
  lead = testSessionUser(db, "lead@stepwise.example");
  billingLead = testSessionUser(db, "billing.lead@stepwise.example");
  admin = testSessionUser(db, "admin@stepwise.example");
});

const SOP = "identity-verification"; // Customer Service: the demo lead's department
let clock = 1_700_000_000_000;
const ev = <T extends Record<string, unknown>>(e: T) => ({ id: randomUUID(), at: ++clock, ...e });

/**
 * A call on identity verification: the name captured and step 1 done, step 2 skipped, the verification flow
 * answered twice, then step 6 ("Proceed with the request", whose script says {customer_name}) flagged.
 */
async function flaggedCall(text = "The script should confirm the request first") {
  const { runId } = await startRun(db, agent, { sopId: SOP });
  const flag = ev({ type: "step.flagged" as const, stepId: "proceed", kind: "unclear" as const, text });
  await appendEvents(db, agent, runId, {
    events: [
      ev({ type: "field.captured", name: "customer_name", value: "Maria Rossi" }),
      ev({ type: "step.completed", stepId: "explain-why" }),
      ev({ type: "step.skipped", stepId: "identify-account", reason: "Found by the caller's number" }),
      ev({ type: "flow.answered", flowId: "verification-outcome", nodeId: "start", to: "role" }),
      ev({
        type: "flow.answered",
        flowId: "verification-outcome",
        nodeId: "role",
        to: "result",
        label: "Account holder or authorised user",
      }),
      ev({ type: "flow.answered", flowId: "verification-outcome", nodeId: "result", to: "otp", label: "Passed" }),
      flag,
    ],
  });
  return { runId, flagId: flag.id };
}

describe("the run on a flag card", () => {
  it("tells the path up to the flagged step, the answers chosen and the values the step uses", async () => {
    const { runId, flagId } = await flaggedCall();
    const { items } = await inboxFor(db, lead, { states: [], sopId: SOP });
    const item = items.find((i) => i.id === flagId)!;
    expect(item.run).toMatchObject({ id: runId, status: "active", fieldsPurged: false });
    expect(item.run!.steps.map((s) => [s.number, s.id, s.status, s.flagged])).toEqual([
      [1, "explain-why", "done", false],
      [2, "identify-account", "skipped", false],
      [3, "security-questions", "pending", false],
      [4, "verification-outcome", "pending", false],
      [5, "failed-verification", "pending", false],
      [6, "proceed", "pending", true],
    ]);
    expect(item.run!.steps[1]!.skipReason).toBe("Found by the caller's number");
    expect(item.run!.answers).toEqual([
      {
        flow: "Decide on the verification outcome",
        question: "Is the caller the account holder or an authorised user?",
        answer: "Account holder or authorised user",
        masked: false,
      },
      {
        flow: "Decide on the verification outcome",
        question: "What was the KBA result?",
        answer: "Passed",
        masked: false,
      },
    ]);
    // "Proceed with the request" captures nothing itself; its script says {customer_name}.
    expect(item.run!.fields).toEqual([
      { name: "customer_name", label: "Name given by the caller", type: "text", value: "Maria Rossi", masked: false },
    ]);
  });

  it("masks the values of sensitive fields", async () => {
    const { runId } = await flaggedCall();
    const run = (await getRun(db, runId))!;
    const doc = versionDocument(db, run.versionId)!;
    const sensitiveDoc: SopDocument = {
      ...doc,
      fields: doc.fields.map((f) => (f.name === "customer_name" ? ({ ...f, sensitive: true } as typeof f) : f)),
    };
    expect(isSensitive(sensitiveDoc.fields.find((f) => f.name === "customer_name"))).toBe(true);
    expect(isSensitive(doc.fields.find((f) => f.name === "customer_name"))).toBe(false);
    const state = { ...run.state, fields: { customer_name: { value: "Maria Rossi", at: 1 } } };
    const path = flagRunPath(sensitiveDoc, state, "proceed");
    expect(path.fields).toEqual([
      { name: "customer_name", label: "Name given by the caller", type: "text", value: null, masked: true },
    ]);
    expect(JSON.stringify(path)).not.toContain("Maria");
    // A question capturing into a sensitive field gives its value away: its answer is masked too.
    const capturing: SopDocument = {
      ...sensitiveDoc,
      flows: sensitiveDoc.flows.map((f) => ({
        ...f,
        nodes: f.nodes.map((n) => (n.id === "result" ? { ...n, field: "customer_name" } : n)),
      })),
    };
    const answers = flagRunPath(capturing, (await runPayload(db, agent, runId)).state, "proceed").answers;
    expect(answers.map((a) => [a.question, a.answer, a.masked])).toEqual([
      ["Is the caller the account holder or an authorised user?", "Account holder or authorised user", false],
      ["What was the KBA result?", null, true],
    ]);
    // The flagged step's own fields are listed whether captured or not.
    const fields = flagRunPath(doc, state, "security-questions").fields.map((f) => [f.name, f.value]);
    expect(fields).toEqual([
      ["postcode_given", null],
      ["dob_given", null],
      ["last_order_given", null],
      ["kba_result", null],
    ]);
  });

  it(
    "reads the runs of many flags at once; a flag without " + "a run, or on a step no longer there, gets what is known",
    async () => {
      const a = await flaggedCall("first");
      const b = await flaggedCall("second");
      const runs = await flagRuns(db, [
        { id: a.flagId, runId: a.runId, stepId: "proceed" },
        { id: b.flagId, runId: b.runId, stepId: "proceed" },
        { id: "orphan", runId: null, stepId: "proceed" },
        { id: "gone", runId: a.runId, stepId: "no-such-step" },
      ]);
      expect(runs.get(a.flagId)?.id).toBe(a.runId);
      expect(runs.get(b.flagId)?.id).toBe(b.runId);
      expect(runs.get("orphan")).toBeNull();
      expect(runs.get("gone")).toMatchObject({ steps: [], answers: [], fields: [] });
    },
  );

  it("follows the run after the flag: a step dealt with later shows as such", async () => {
    const { runId, flagId } = await flaggedCall();
    await appendEvents(db, agent, runId, {
      events: [ev({ type: "step.skipped", stepId: "security-questions", reason: "Verified by OTP instead" })],
    });
    const item = (await inboxFor(db, lead, { states: [], sopId: SOP })).items.find((i) => i.id === flagId)!;
    expect(item.run!.steps.find((s) => s.id === "security-questions")).toMatchObject({
      status: "skipped",
      skipReason: "Verified by OTP instead",
    });
  });
});

describe("flags for the editor and the publish form", () => {
  it("counts open flags only on the SOPs the viewer handles", async () => {
    await flaggedCall();
    const sops = [
      { id: SOP, departmentId: lead.departmentId! },
      { id: "billing-dispute-card-charge", departmentId: billingLead.departmentId! },
    ];
    expect((await openFlagsBySop(db, lead, sops)).get(SOP)).toBe(1);
    expect((await openFlagsBySop(db, billingLead, sops)).has(SOP)).toBe(false);
    expect((await openFlagsBySop(db, admin, sops)).get(SOP)).toBe(1);
    expect((await openFlagsBySop(db, agent, sops)).size).toBe(0);
  });

  it(
    "offers the open flags of the SOP at publish, the " + "accepted first; none to whoever may not handle them",
    async () => {
      const first = await flaggedCall("first");
      const second = await flaggedCall("second");
      const dismissed = await flaggedCall("third");
      await handleFlag(db, lead, second.flagId, { action: "accept", reply: "Will reword it" });
      await handleFlag(db, lead, dismissed.flagId, { action: "dismiss", reason: "Works as written" });
      const sop = { id: SOP, departmentId: lead.departmentId! };
      const offered = await fixableFlags(db, lead, sop);
      expect(offered.map((f) => [f.id, f.state])).toEqual([
        [second.flagId, "accepted"],
        [first.flagId, "new"],
      ]);
      expect(offered[0]).toMatchObject({
        stepId: "proceed",
        stepNumber: 6,
        stepTitle: "Proceed with the request",
        reply: "Will reword it",
      });
      expect(offered[0]!.agentName).toBe(agent.name);
      expect(await fixableFlags(db, billingLead, sop)).toEqual([]);
      expect(await fixableFlags(db, agent, sop)).toEqual([]);
    },
  );
});
