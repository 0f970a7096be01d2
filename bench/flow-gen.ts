// Generated decision flows for the benchmarks: call-flow trees shaped like the demo flows (questions with
// two or three labelled answers, action/say chains, outcomes and hand-overs, a few "ask again" loops).
// Deterministic (seeded), valid under the flow rules, any size.
import type { FlowModel, FlowModelEdge, FlowModelNode } from "../flows/model";
import { seededRandom } from "../app/lib/random";

const QUESTIONS = [
  "Is the customer verified?",
  "Does the charge appear on the statement?",
  "Is the order older than 30 days?",
  "Did the customer try a restart?",
  "Is the amount under the refund limit?",
];
const ACTIONS = [
  "Check the order history",
  "Open a ticket in the CRM",
  "Send the returns label",
  "Note the reference number",
  "Reset the line from the console",
];
const SAYS = [
  "“Thanks for waiting — I have your account here.”",
  "“I’ll explain what happens next.”",
  "“Could you confirm the last four digits?”",
];
const ANSWERS = [
  ["Yes", "No"],
  ["Yes", "No", "Not sure"],
  ["Under 30 days", "Over 30 days"],
];

/** A flow of exactly `n` nodes (n ≥ 3). */
export function generateFlow(n: number, seed = 42): FlowModel {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const nodes: FlowModelNode[] = [{ id: "start", type: "start", label: "Call comes in" }];
  const edges: FlowModelEdge[] = [];
  // Open slots: a node (and, for a question, an answer label) that still needs a next node.
  const open: { from: string; label?: string }[] = [{ from: "start" }];
  const questions: string[] = [];
  let i = 0;
  while (open.length) {
    const slot = open.shift()!;
    const remaining = n - nodes.length;
    const id = `n${++i}`;
    let node: FlowModelNode;
    if (remaining <= open.length + 1) {
      // Close this branch: an outcome, a hand-over, or (now and then) a loop back to an earlier question.
      if (questions.length && rand() < 0.12 && slot.label !== undefined) {
        edges.push({ from: slot.from, to: pick(questions), label: slot.label });
        continue;
      }
      node =
        rand() < 0.8
          ? { id, type: "end", label: "Resolved on the call", outcome: "resolved" }
          : { id, type: "escalate", label: "Warm transfer", to: "Supervisor", reason: "Outside the agent's limits" };
    } else {
      const r = rand();
      if (r < 0.45 && remaining - open.length >= 4) node = { id, type: "question", label: pick(QUESTIONS) };
      else if (r < 0.75) node = { id, type: "action", label: pick(ACTIONS) };
      else node = { id, type: "say", label: pick(SAYS) };
    }
    nodes.push(node);
    edges.push(slot.label === undefined ? { from: slot.from, to: id } : { from: slot.from, to: id, label: slot.label });
    if (node.type === "question") {
      questions.push(id);
      const answers = pick(ANSWERS).slice(0, Math.max(2, Math.min(3, n - nodes.length - open.length)));
      for (const label of answers) open.push({ from: id, label });
    } else if (node.type !== "end" && node.type !== "escalate") open.push({ from: id });
  }
  return { id: `generated-${n}`, title: `Generated flow (${n} nodes)`, nodes, edges };
}
