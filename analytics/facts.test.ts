import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSop } from "../sop-schema/parse";
import { replay } from "../runbook/reduce";
import { EventFactory } from "../runbook/test-helpers";
import { runFacts } from "./facts";

const refund = parseSop(readFileSync(new URL("../content/sops/refund-and-return.mdx", import.meta.url), "utf8"), {
  filename: "refund-and-return.mdx",
});

describe("runFacts", () => {
  it(
    "charges each finished step with the time since the " + "previous one, and keeps skips, checks, the path and ends",
    () => {
      const f = new EventFactory();
      const state = replay(refund, [
        f.started(refund),
        f.make("check.toggled", { checkId: refund.steps[0].checkIds[0], checked: true }),
        f.make("step.skipped", { stepId: "find-order", reason: "Verified by the IVR" }),
        f.make("flow.answered", { flowId: "return-eligibility", nodeId: "start", to: "our-fault" }),
        f.make("flow.answered", {
          flowId: "return-eligibility",
          nodeId: "our-fault",
          to: "issue",
          label: "Yes, our fault",
        }),
        f.make("step.completed", { stepId: "eligibility" }), // 5 s after the start (events are 1 s apart)
        f.make("escalated", { to: "Team lead", reason: "Goodwill return", stepId: "eligibility" }),
        f.make("step.flagged", { stepId: "eligibility", kind: "unclear", text: "Which date counts?" }),
        f.make("completed", { outcome: "escalated", wrapUp: "" }),
      ]);
      const facts = runFacts(refund, state);
      expect(facts.handleMs).toBe(8000);
      expect(facts).toMatchObject({
        escalations: 1,
        flags: 1,
        skips: 1,
        stepsTotal: refund.steps.length,
        stepsDone: 1,
        checksDone: 1,
      });
      expect(facts.checksTotal).toBe(Object.keys(state.checks).length);
      expect(facts.detail.steps.slice(0, 3)).toEqual([
        ["find-order", "s", null, "Verified by the IVR"],
        ["reason", "p", null, null],
        ["eligibility", "d", 5000, null],
      ]);
      expect(facts.detail.steps.at(-1)?.[1]).toBe("p");
      expect(facts.detail.path).toEqual([
        ["return-eligibility", "start", "our-fault", null],
        ["return-eligibility", "our-fault", "issue", "Yes, our fault"],
      ]);
      expect(facts.detail.ends).toEqual([["return-eligibility", "issue"]]);
    },
  );

  it("has no handle time while the run is open", () => {
    const f = new EventFactory();
    expect(runFacts(refund, replay(refund, [f.started(refund)])).handleMs).toBeNull();
  });
});
