// Makes an imported chart a decision flow an agent can walk. Pure and browser-safe; never throws.
//
// A chart drawn for people (a Mermaid flowchart pasted from a wiki, a Markdown document's diagram) often ends in
// plain boxes, branches from a box, starts in two places or labels no arrows. The import never refuses such a
// chart: makeWalkable changes it by the rules below, each reported as a warning at the node's or edge's
// position, and checkFlowGraph reports whatever is still wrong (a part of the chart nothing connects to).
// mermaidToFlow runs it on every import (the CLI, the editor's paste dialog, Markdown import).
//
// The rules, in the order they run (docs/flows.md "Making the chart walkable"):
//   1. the same edge drawn twice → the copy is dropped                                  mermaid-edge-duplicate
//   2. nodes that only lead to each other → one of them gets an answer "Done" to a new end   mermaid-loop-exit
//   3. a start/question/action/say with no way out → an end node (label kept, no outcome)   mermaid-end-added
//   4. a question with one way out → an action                                          mermaid-question-single
//   5. beginnings (nodes, or loops, nothing leads to) of the part holding the first node or start:
//      one without a start shape → a start before it                                     mermaid-start-added
//      several → a start and a question "Which applies?" with one answer per beginning   mermaid-start-choice
//      start shapes that are not the one beginning → actions                             mermaid-start-demoted
//   6. a start with several ways out → a question "Which applies?" after it             mermaid-start-branches
//      an action or say with several ways out → a question                               mermaid-made-question
//   7. an unlabelled answer → the label of the node it leads to ("Again" back to itself)  mermaid-answer-labelled
//      the same answer twice → "Yes (2)"                                                 mermaid-answer-renamed
// Existing node ids never change; new nodes get ids no node has. Edges leaving end/escalate/goto/sop nodes are
// kept (checkFlowGraph warns: an optional next step). Parts of the chart that nothing connects to the rest stay
// as they are (flow-unreachable).
import { sortDiagnostics } from "../sop-schema/diagnostics";
import type { Diagnostic, Position } from "../sop-schema/types";
import { diagnosticAt } from "./diagnostics";
import type { MermaidDiagnosticCode } from "./diagnostics";
import { stronglyConnected } from "./graph";
import type { FlowModel, FlowModelEdge, FlowModelNode } from "./model";
import { isTerminal } from "./model";
import { describeNode, normaliseAnswer, short as shortText } from "./validate";

/** The question added where the chart begins in several places (or its start branches). */
export const WHICH_APPLIES = "Which applies?";
/** The answer (and the end node) added to a loop with no way out. */
export const LOOP_EXIT = "Done";
/** The label of an unlabelled answer that leads back to its own question. */
export const ASK_AGAIN = "Again";

export type WalkableResult = { flow: FlowModel; diagnostics: Diagnostic[] };

const short = (text: string) => shortText(text, 40);

const quoted = (labels: readonly string[], max = 4) => {
  const list = labels.slice(0, max).map((l) => `“${short(l)}”`);
  return labels.length > max ? `${list.join(", ")}, …` : list.join(", ");
};

/** Turns `flow` into a flow an agent can walk; see the rules above. The input is not changed. */
export function makeWalkable(input: FlowModel): WalkableResult {
  const diagnostics: Diagnostic[] = [];
  const flowPos: Position = input.position ?? { line: 1, column: 1 };
  const report = (code: MermaidDiagnosticCode, message: string, at: Position | undefined, hint?: string) => {
    diagnostics.push(diagnosticAt(code, message, at ?? flowPos, hint));
  };

  const nodes: FlowModelNode[] = input.nodes.map((n) => ({
    ...n,
    ...(n.position ? { position: { ...n.position } } : {}),
  }));
  let edges: FlowModelEdge[] = input.edges.map((e) => ({
    ...e,
    ...(e.position ? { position: { ...e.position } } : {}),
  }));
  if (nodes.length === 0) return { flow: { ...input, nodes, edges }, diagnostics };

  // The first node per id; edges with an end that is no node are kept but not followed.
  const byId = new Map<string, FlowModelNode>();
  for (const n of nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const order = new Map([...byId.keys()].map((id, i) => [id, i]));
  const used = new Set(nodes.map((n) => n.id));
  const freshId = (base: string) => {
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
    used.add(id);
    return id;
  };
  const valid = (e: FlowModelEdge) => byId.has(e.from) && byId.has(e.to);
  // Outgoing edges per node, rebuilt by each rule that reads them after edges were added or moved.
  let outIndex = new Map<string, FlowModelEdge[]>();
  const reindex = () => {
    outIndex = new Map();
    for (const e of edges) {
      if (!valid(e)) continue;
      const list = outIndex.get(e.from);
      if (list) list.push(e);
      else outIndex.set(e.from, [e]);
    }
  };
  const outs = (id: string): readonly FlowModelEdge[] => outIndex.get(id) ?? [];
  const labelOf = (id: string) => byId.get(id)?.label.trim() || id;
  const unlabelled = (e: FlowModelEdge) => e.label === undefined || e.label.trim() === "";
  // The label an unlabelled answer gets: the node it leads to, or “Again” back to its own question.
  const answerFor = (e: FlowModelEdge) => (e.from === e.to ? ASK_AGAIN : labelOf(e.to));
  const edgeAt = (e: FlowModelEdge) => e.position ?? byId.get(e.from)?.position;
  const addNode = (node: FlowModelNode, index = nodes.length) => {
    nodes.splice(index, 0, node);
    byId.set(node.id, node);
    main.add(node.id);
    order.set(node.id, order.size);
  };

  // Only one connected part of the chart is changed, the flow: the largest part with a start shape, else the
  // largest part (on a tie, the one drawn first). A part not connected to it stays as it is, and checkFlowGraph
  // reports it as unreachable.
  const main = mainPart(
    nodes.filter((n) => byId.get(n.id) === n),
    edges.filter(valid),
  );
  const ids = () => nodes.filter((n) => byId.get(n.id) === n && main.has(n.id)).map((n) => n.id);
  const mine = (n: FlowModelNode) => byId.get(n.id) === n && main.has(n.id);

  // ---- 1. the same edge twice ------------------------------------------------------------------
  const seenEdges = new Set<string>();
  edges = edges.filter((e) => {
    if (!valid(e) || !main.has(e.from)) return true;
    const key = `${e.from}\u0000${e.to}\u0000${normaliseAnswer(e.label ?? "")}`;
    if (!seenEdges.has(key)) {
      seenEdges.add(key);
      return true;
    }
    report(
      "mermaid-edge-duplicate",
      `The edge ${e.from} → ${e.to}${e.label ? ` (“${short(e.label)}”)` : ""} is drawn twice; the copy was dropped`,
      edgeAt(e),
      "draw each arrow once",
    );
    return false;
  });

  // ---- 2. loops with no way out ----------------------------------------------------------------
  // As checkFlowGraph: edges leaving end/escalate/goto/sop are not followed, those nodes are sinks.
  reindex();
  const followed = (id: string) => (isTerminal(byId.get(id)!.type) ? [] : outs(id));
  for (const scc of stronglyConnected(ids(), followed)) {
    const members = new Set(scc);
    const cyclic = scc.length > 1 || followed(scc[0]).some((e) => e.to === scc[0]);
    if (!cyclic || scc.some((id) => followed(id).some((e) => !members.has(e.to)))) continue;
    const inOrder = [...scc].sort((a, b) => order.get(a)! - order.get(b)!);
    // A question already asks something: give it the extra answer. Else the last node drawn, usually the one whose
    // arrow goes back to the top of the loop.
    const exitFrom = byId.get(inOrder.find((id) => byId.get(id)!.type === "question") ?? inOrder[inOrder.length - 1])!;
    const end: FlowModelNode = { id: freshId("done"), type: "end", label: LOOP_EXIT };
    if (exitFrom.position) end.position = { ...exitFrom.position };
    addNode(end);
    const exit: FlowModelEdge = { from: exitFrom.id, to: end.id, label: LOOP_EXIT };
    if (exitFrom.position) exit.position = { ...exitFrom.position };
    edges.push(exit);
    const list = inOrder.map((id) => `"${id}"`);
    report(
      "mermaid-loop-exit",
      inOrder.length === 1
        ? `The ${describeNode(exitFrom)} only leads back to itself, ` +
            `so it got an answer “${LOOP_EXIT}” that ends the flow`
        : `The nodes ${list.slice(0, 6).join(", ")}${list.length > 6 ? ", …" : ""} only lead to each other, ` +
            `so "${exitFrom.id}" got an answer “${LOOP_EXIT}” that ends the flow`,
      exitFrom.position,
      "check where the loop should stop, and rename the answer or lead it to the right outcome",
    );
  }

  // ---- 3. no way out → end ---------------------------------------------------------------------
  reindex();
  for (const n of nodes) {
    if (!mine(n) || isTerminal(n.type) || outs(n.id).length > 0) continue;
    const was = describeNode(n);
    n.type = "end";
    report(
      "mermaid-end-added",
      `Nothing comes after the ${was}, so it became an end node`,
      n.position,
      `an outcome is best drawn as a stadium or circle, e.g. ${n.id}([${short(n.label)}]); ` +
        `give it an outcome (e.g. resolved) in the editor`,
    );
  }

  // ---- 4. a question with one way out → action -------------------------------------------------
  for (const n of nodes) {
    if (!mine(n) || n.type !== "question" || outs(n.id).length !== 1) continue;
    const was = describeNode(n);
    n.type = "action";
    report(
      "mermaid-question-single",
      `The ${was} has only one way out, so it became an action: there is nothing to choose`,
      n.position,
      "draw an arrow for each other answer to make it a question again",
    );
  }

  // ---- 5. where the flow begins ----------------------------------------------------------------
  // A beginning is a node nothing leads to, or a loop nothing leads into (its start, else its first node).
  const hasIncoming = new Set<string>();
  const sccOf = new Map<string, number>();
  const sccs = stronglyConnected(ids(), outs);
  sccs.forEach((scc, i) => scc.forEach((id) => sccOf.set(id, i)));
  for (const e of edges) if (valid(e) && main.has(e.to) && sccOf.get(e.from) !== sccOf.get(e.to)) hasIncoming.add(e.to);
  const entries = sccs
    .filter((scc) => !scc.some((id) => hasIncoming.has(id)))
    .map((scc) => {
      const inOrder = [...scc].sort((a, b) => order.get(a)! - order.get(b)!);
      return byId.get(inOrder.find((id) => byId.get(id)!.type === "start") ?? inOrder[0])!;
    })
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const keepStart = entries.length === 1 && entries[0].type === "start" ? entries[0] : undefined;
  for (const n of nodes) {
    if (!mine(n) || n.type !== "start" || n === keepStart) continue;
    n.type = "action";
    // A beginning drawn as a start shape is told about in mermaid-start-choice.
    if (entries.includes(n)) continue;
    report(
      "mermaid-start-demoted",
      `The ${describeNode({ ...n, type: "start" })} is not where the ` +
        `flow begins (something leads to it), so it became an action`,
      n.position,
      "a flow has one start: draw only the first node as a stadium or circle",
    );
  }
  if (!keepStart && entries.length > 0) {
    const first = entries[0];
    const start: FlowModelNode = { id: freshId("start"), type: "start", label: "Start" };
    if (first.position) start.position = { ...first.position };
    addNode(start, 0);
    if (entries.length === 1) {
      const e: FlowModelEdge = { from: start.id, to: first.id };
      if (first.position) e.position = { ...first.position };
      edges.unshift(e);
      report(
        "mermaid-start-added",
        `The chart has no start shape, so a start node "${start.id}" was added before "${first.id}"`,
        first.position,
        `draw the first node as a stadium or circle to make it the start, e.g. ${first.id}([${short(first.label)}])`,
      );
    } else {
      const ask: FlowModelNode = { id: freshId("which_applies"), type: "question", label: WHICH_APPLIES };
      if (first.position) ask.position = { ...first.position };
      addNode(ask, 1);
      const added: FlowModelEdge[] = [{ from: start.id, to: ask.id }];
      for (const n of entries) added.push({ from: ask.id, to: n.id, label: labelOf(n.id) });
      for (const e of added) if (first.position) e.position = { ...first.position };
      edges.unshift(...added);
      const demoted = entries
        .filter((n) => input.nodes.some((o) => o.id === n.id && o.type === "start"))
        .map((n) => `"${n.id}"`);
      const s = demoted.length > 1 ? "s" : "";
      report(
        "mermaid-start-choice",
        `The chart begins in ${entries.length} places ` +
          `(${entries.map((n) => `"${n.id}"`).join(", ")}), so the flow starts with the question ` +
          `“${WHICH_APPLIES}”, answered ${quoted(entries.map((n) => labelOf(n.id)))}` +
          (demoted.length ? `; the start shape${s} ${demoted.join(", ")} became action${s}` : ""),
        first.position,
        "draw one start shape and lead it to the first question, or edit the question's wording in the editor",
      );
    }
  }

  // ---- 6. branching from a start, action or say ------------------------------------------------
  const answersFrom = (exits: readonly FlowModelEdge[]) => {
    for (const e of exits) if (unlabelled(e)) e.label = answerFor(e);
    return exits.map((e) => e.label!);
  };
  reindex();
  for (const n of [...nodes]) {
    if (!mine(n) || !["start", "action", "say"].includes(n.type)) continue;
    const exits = outs(n.id);
    if (exits.length < 2) continue;
    if (n.type === "start") {
      const ask: FlowModelNode = { id: freshId("which_applies"), type: "question", label: WHICH_APPLIES };
      if (n.position) ask.position = { ...n.position };
      addNode(ask, nodes.indexOf(n) + 1);
      const link: FlowModelEdge = { from: n.id, to: ask.id };
      if (n.position) link.position = { ...n.position };
      edges.splice(edges.indexOf(exits[0]), 0, link);
      for (const e of exits) e.from = ask.id;
      report(
        "mermaid-start-branches",
        `The ${describeNode(n)} has ${exits.length} ways out, so the question “${WHICH_APPLIES}” was added after it, ` +
          `answered ${quoted(answersFrom(exits))}`,
        n.position,
        "only a question may branch: draw the decision as a {question}",
      );
      continue;
    }
    const was = describeNode(n);
    n.type = "question";
    report(
      "mermaid-made-question",
      `The ${was} has ${exits.length} ways out, so it became a question answered ${quoted(answersFrom(exits))}`,
      n.position,
      `only a question may branch: draw it as ${n.id}{${short(n.label)}} and label its arrows with the answers`,
    );
  }

  // ---- 7. answers: labelled and different -------------------------------------------------------
  // Two answers are the same when checkFlowGraph (flow-answer-duplicate) says so: normaliseAnswer.
  reindex();
  for (const n of nodes) {
    if (!mine(n) || n.type !== "question") continue;
    const taken = new Set<string>();
    const exits = outs(n.id);
    for (const e of exits) {
      if (!unlabelled(e)) continue;
      e.label = answerFor(e);
      report(
        "mermaid-answer-labelled",
        `An answer of the ${describeNode(n)} has no label, so it is “${short(e.label)}”` +
          (e.from === e.to ? " (it asks again)" : ", after the node it leads to"),
        edgeAt(e),
        `write the answer on the arrow, e.g. ${n.id} -->|Yes| ${e.to}`,
      );
    }
    for (const e of exits) taken.add(normaliseAnswer(e.label!));
    const seen = new Set<string>();
    for (const e of exits) {
      const key = normaliseAnswer(e.label!);
      if (!seen.has(key)) {
        seen.add(key);
        continue;
      }
      const before = e.label!;
      let label = before;
      for (let k = 2; taken.has(normaliseAnswer(label)); k++) label = `${before} (${k})`;
      taken.add(normaliseAnswer(label));
      seen.add(normaliseAnswer(label));
      e.label = label;
      report(
        "mermaid-answer-renamed",
        `The ${describeNode(n)} has the answer “${short(before)}” ` +
          `twice, so the one to "${e.to}" is now “${short(label)}”`,
        edgeAt(e),
        "give each answer its own words, or merge the two arrows",
      );
    }
  }

  return { flow: { ...input, nodes, edges }, diagnostics: sortDiagnostics(diagnostics) };
}

/** The largest weakly connected part with a start, else the largest; on a tie the one holding the earliest node. */
function mainPart(nodes: readonly FlowModelNode[], edges: readonly FlowModelEdge[]): Set<string> {
  const next = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = next.get(a);
    if (list) list.push(b);
    else next.set(a, [b]);
  };
  for (const e of edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  const starts = new Set(nodes.filter((n) => n.type === "start").map((n) => n.id));
  const seen = new Set<string>();
  let best: { ids: Set<string>; start: boolean } | undefined;
  for (const n of nodes) {
    if (seen.has(n.id)) continue;
    const ids = new Set([n.id]);
    const queue = [n.id];
    seen.add(n.id);
    while (queue.length)
      for (const to of next.get(queue.pop()!) ?? [])
        if (!ids.has(to)) {
          ids.add(to);
          seen.add(to);
          queue.push(to);
        }
    const start = [...ids].some((id) => starts.has(id));
    if (!best || (start && !best.start) || (start === best.start && ids.size > best.ids.size)) best = { ids, start };
  }
  return best?.ids ?? new Set();
}
