import { describe, expect, it } from "vitest";
import { scorePracticeRun } from "./practice";
import { playScenario, plausibleValue } from "./simulate";
import { cardDoc, cardScenario } from "./test-doc";

const play = (mistakes?: Parameters<typeof playScenario>[3]["mistakes"], stepMs = 10_000) =>
  playScenario(
    cardDoc,
    cardScenario,
    { sopId: cardDoc.meta.id, versionId: 1 },
    { startedAt: 1_700_000_000_000, idPrefix: "p", stepMs, mistakes },
  );

describe("playScenario", () => {
  it("a faithful play follows the scenario to the end and scores full marks", () => {
    const { state, events } = play();
    expect(state.status).toBe("completed");
    expect(events[0]!.type).toBe("started");
    expect(events.at(-1)!.type).toBe("completed");
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(scorePracticeRun(cardDoc, cardScenario, state, { passScore: 80 }).score).toBe(100);
  });

  it("is deterministic: the same ids and times every time (seeding twice is a no-op)", () => {
    expect(play().events).toEqual(play().events);
  });

  it("mistakes cost exactly their criterion", () => {
    const full = scorePracticeRun(cardDoc, cardScenario, play().state, { passScore: 80 });
    const noCheck = scorePracticeRun(cardDoc, cardScenario, play({ skipChecks: ["confirm-id"] }).state, {
      passScore: 80,
    });
    expect(noCheck.score).toBeLessThan(full.score);
    expect(noCheck.criteria.find((c) => c.id === "checks")!.earned).toBeLessThan(
      noCheck.criteria.find((c) => c.id === "checks")!.weight,
    );
    const wrongOutcome = scorePracticeRun(cardDoc, cardScenario, play({ outcome: "abandoned" }).state, {
      passScore: 80,
    });
    expect(wrongOutcome.criteria.find((c) => c.id === "outcome")!.earned).toBe(0);
  });

  it("a wrong answer at a question takes another path and loses the path criterion", () => {
    const question = cardScenario.answers.find((a) => a.kind === "flow")!;
    const wrong = play({ wrongAnswerAt: [question.kind === "flow" ? question.nodeId : ""] });
    const score = scorePracticeRun(cardDoc, cardScenario, wrong.state, { passScore: 80 });
    expect(score.criteria.find((c) => c.id === "path")!.earned).toBe(0);
  });
});

describe("plausibleValue", () => {
  const position = { line: 1, column: 1 };
  it("takes the author's example from the help or placeholder when the field has a pattern", () => {
    expect(
      plausibleValue(
        {
          name: "rma",
          label: "RMA",
          type: "text",
          required: true,
          pattern: "^RMA[0-9]{7}$",
          help: "RMA followed by seven digits, e.g. RMA0012345",
          stepId: "s",
          position,
        },
        0,
      ),
    ).toBe("RMA0012345");
    expect(
      plausibleValue(
        {
          name: "o",
          label: "Order",
          type: "text",
          required: true,
          pattern: "^[A-Z]{2}[0-9]{6}$",
          placeholder: "e.g. AB123456",
          stepId: "s",
          position,
        },
        0,
      ),
    ).toBe("AB123456");
  });
  it("falls back to a value of the field's type, and says so when nothing fits", () => {
    expect(
      plausibleValue(
        { name: "d", label: "Date", type: "date", required: true, stepId: "s", position },
        Date.UTC(2026, 11, 2),
      ),
    ).toBe("2026-12-02");
    expect(
      plausibleValue(
        { name: "s", label: "Pick", type: "select", options: ["Red", "Blue"], required: true, stepId: "s", position },
        0,
      ),
    ).toBe("Red");
    expect(
      plausibleValue(
        { name: "x", label: "Odd", type: "text", required: true, pattern: "^Q{9}$", stepId: "s", position },
        0,
      ),
    ).toBeUndefined();
  });
});
