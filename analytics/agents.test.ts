import { describe, expect, it } from "vitest";
import { agentTable } from "./agents";
import { active, HOUR, MIN, NOW, row, version, versionMap } from "./test-helpers";

const versions = versionMap(version({ versionId: 1, targetMs: 5 * MIN }), version({ versionId: 2, targetMs: null }));
const steps = (stepsDone: number, checksDone: number) => ({ stepsTotal: 5, stepsDone, checksTotal: 3, checksDone });

describe("agentTable", () => {
  const rows = [
    row({ agentId: "a1", handleMs: 200_000, flags: 1, ...steps(5, 2) }),
    // over target
    row({ agentId: "a1", outcome: "escalated", escalations: 1, handleMs: 400_000, skips: 2, ...steps(3, 3) }),
    row({ agentId: "a1", outcome: "abandoned", handleMs: 1_000_000, ...steps(1, 0) }), // no handle time, no target
    // idle: abandoned; an open run's facts never count (they are 0 in the DB; 7 here to prove it)
    active({ agentId: "a1", stepsTotal: 7, stepsDone: 7, skips: 4 }, 5 * HOUR),
    row({ agentId: "a3", versionId: 2, handleMs: 3 * MIN }),
    active({ agentId: "a2" }),
  ];

  it("gives each agent's runs, outcomes, adherence over completed runs, handle time and flags", () => {
    expect(agentTable(rows, versions, NOW)).toEqual([
      {
        agentId: "a1",
        runs: 4,
        completed: 3,
        abandoned: 2,
        outcomes: { resolved: 1, escalated: 1, "follow-up": 0, transferred: 0, abandoned: 1 },
        escalated: 1,
        stepsDone: 9,
        stepsTotal: 15,
        checksDone: 5,
        checksTotal: 9,
        skips: 2,
        adherence: 14 / 24,
        handleMedianMs: 300_000,
        overTarget: 1,
        flags: 1,
      },
      // equal runs: by id
      {
        agentId: "a2",
        runs: 1,
        completed: 0,
        abandoned: 0,
        outcomes: { resolved: 0, escalated: 0, "follow-up": 0, transferred: 0, abandoned: 0 },
        escalated: 0,
        stepsDone: 0,
        stepsTotal: 0,
        checksDone: 0,
        checksTotal: 0,
        skips: 0,
        adherence: null,
        handleMedianMs: null,
        overTarget: 0,
        flags: 0,
      },
      expect.objectContaining({
        agentId: "a3",
        runs: 1,
        completed: 1,
        adherence: null,
        handleMedianMs: 3 * MIN,
        overTarget: 0,
      }),
    ]);
  });

  it("is empty without runs", () => {
    expect(agentTable([], versions, NOW)).toEqual([]);
  });
});
