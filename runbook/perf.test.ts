// Replay must stay fast: a long call (500 events) on a 20-step SOP is rebuilt on every page load and every
// server append.
import { describe, expect, it } from "vitest";
import { parseSop } from "../sop-schema/parse";
import { initialState } from "./state";
import { reduce, replay } from "./reduce";
import type { RunEvent } from "./events";
import { EventFactory } from "./test-helpers";

function twentyStepSop(): string {
  const steps: string[] = [];
  for (let i = 1; i <= 20; i++) {
    steps.push(
      `<Step id="s${i}" title="Step ${i}">

<Field name="f${i}_a" label="Order number ${i}" type="text" required ` +
        `pattern="^[A-Z]{2}[0-9]{6}$" help="Two letters and six digits" />

<Field name="f${i}_b" label="Choice ${i}" type="select" options="One|Two|Three" />

<Say>Thanks {customer_name}, your order {f${i}_a} is noted.</Say>

<Check>First thing ${i}</Check>

<Check>Second thing ${i}</Check>

</Step>
`,
    );
  }
  return `---
title: Twenty steps
department: Test
purpose: Benchmark the runbook reducer.
targets:
  handleTime: 10m
---

## Steps

<Step id="intro" title="Intro">

<Field name="customer_name" label="Customer's name" required />

<Flow id="route" title="Route">
  <Node id="start" type="start" label="Begin" />
  <Node id="q1" type="question" label="First question?" />
  <Node id="q2" type="question" label="Second question?" />
  <Node id="act" type="action" label="Do the thing" />
  <Node id="go" type="goto" label="Go to step 10" step="s10" />
  <Node id="done" type="end" label="Done" outcome="ok" />
  <Edge from="start" to="q1" />
  <Edge from="q1" to="q2" label="Yes" />
  <Edge from="q1" to="act" label="No" />
  <Edge from="q2" to="go" label="Yes" />
  <Edge from="q2" to="done" label="No" />
  <Edge from="act" to="done" />
</Flow>

</Step>

${steps.join("\n")}`;
}

const doc = parseSop(twentyStepSop(), { filename: "twenty.mdx" });

function events500(): RunEvent[] {
  const f = new EventFactory();
  const events: RunEvent[] = [f.started(doc)];
  events.push(f.make("field.captured", { name: "customer_name", value: "Jane" }));
  let i = 0;
  while (events.length < 500) {
    const n = (i % 20) + 1;
    const k = i % 10;
    if (k === 0) events.push(f.make("step.focused", { stepId: `s${n}` }));
    else if (k === 1)
      events.push(f.make("field.captured", { name: `f${n}_a`, value: `AB${String(100000 + i).slice(0, 6)}` }));
    else if (k === 2) events.push(f.make("field.captured", { name: `f${n}_b`, value: ["One", "Two", "Three"][i % 3] }));
    else if (k === 3) events.push(f.make("check.toggled", { checkId: `s${n}.check-1`, checked: i % 2 === 0 }));
    else if (k === 4)
      events.push(f.make("step.completed", { stepId: `s${((i - 3) % 20) + 1}` })); // its field was captured at k = 1
    else if (k === 5) events.push(f.make("flow.answered", { flowId: "route", nodeId: "start", to: "q1" }));
    else if (k === 6) events.push(f.make("flow.answered", { flowId: "route", nodeId: "q1", to: i % 4 ? "q2" : "act" }));
    else if (k === 7)
      events.push(
        f.make(
          "flow.answered",
          (i - 1) % 4 ? { flowId: "route", nodeId: "q2", to: "go" } : { flowId: "route", nodeId: "act", to: "done" },
        ),
      );
    else if (k === 8) events.push(f.make("note.added", { text: `Note ${i}` }));
    else events.push(f.make("step.reopened", { stepId: `s${((i - 8) % 20) + 1}` }));
    i++;
  }
  return events;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe("performance", () => {
  it("replays 500 events on a 20-step SOP well under 50 ms", () => {
    expect(doc.steps).toHaveLength(21);
    expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const events = events500();
    const state = replay(doc, events);
    // nearly all of them apply (the workload is realistic, not 500 refusals)
    expect(state.appliedEventIds.length).toBeGreaterThan(480);
    const replayTimes: number[] = [];
    const foldTimes: number[] = [];
    for (let r = 0; r < 15; r++) {
      let t = performance.now();
      replay(doc, events);
      replayTimes.push(performance.now() - t);
      t = performance.now();
      let s = initialState(doc, events[0] as Extract<RunEvent, { type: "started" }>);
      for (const e of events.slice(1)) s = reduce(doc, s, e);
      foldTimes.push(performance.now() - t);
    }
    const replayMs = median(replayTimes);
    const foldMs = median(foldTimes);
    console.info(
      `replay of ${events.length} events: median ${replayMs.toFixed(2)} ms; reduce one by one: ${foldMs.toFixed(2)} ms`,
    );
    expect(replayMs).toBeLessThan(50);
    expect(foldMs).toBeLessThan(50);
  });
});
