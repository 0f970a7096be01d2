// Path heat on the diagram (flows/heat.ts is the data): how wide each edge is drawn, what its label and the
// nodes say, and the same figures as table rows for the page's table view. Pure (no React, no DOM): the viewer
// maps a FlowHeat once per heat and flow, and the node and edge components only read the result.
import type { FlowHeat, FlowHeatEdge, FlowHeatNode } from "../heat";
import { heatEdgeKey } from "../heat";
import type { TerminalNodeType } from "../model";

/**
 * Edge stroke widths in px: a share of 0 is drawn at `min`, 100 % at `max`. The scale is the square root of the
 * share: in a call flow most branches carry a few percent, and on a linear scale a 4 % branch (1.8 px) would look
 * like one no call took (1.5 px); with the root it is 3.2 px, while the order of widths stays the order of shares.
 */
export const HEAT_WIDTH = { min: 1.5, max: 10 } as const;

/** The stroke width for a share (0–1; out-of-range and NaN are clamped). Monotone in the share. */
export function heatWidth(share: number): number {
  const s = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  return Math.round((HEAT_WIDTH.min + (HEAT_WIDTH.max - HEAT_WIDTH.min) * Math.sqrt(s)) * 100) / 100;
}

/**
 * The arrow head for a width, in three sizes: heads are user-space sized (they don't grow with the stroke), and
 * React Flow writes one <marker> per distinct marker, so a continuous size would mean one per edge.
 */
export function heatArrowSize(width: number): number {
  return width < 4 ? 16 : width < 7 ? 20 : 24;
}

export type HeatFormat = {
  /** 1,234 in the language's digits and grouping */
  count(n: number): string;
  /** 62 %, 0.4 % below 10 % (as the analytics pages print shares) */
  share(share: number): string;
};

const formats = new Map<string, HeatFormat>();

/** Numbers in a language (a BCP 47 tag; English when absent or not a valid tag). Cached per tag. */
export function heatFormat(lang?: string | null): HeatFormat {
  const tag = lang || "en";
  const hit = formats.get(tag);
  if (hit) return hit;
  let locale = tag;
  try {
    new Intl.NumberFormat(locale);
  } catch {
    locale = "en";
  }
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const whole = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const small = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const format: HeatFormat = {
    count: (n) => count.format(n),
    share: (s) => (s > 0 && s < 0.1 ? small : whole).format(s),
  };
  formats.set(tag, format);
  return format;
}

/**
 * The words the heat adds to the diagram (what it shows and reads out). English by default; a page in another
 * language passes its own (every number arrives already formatted in that language).
 */
export type HeatText = {
  /** an outcome id as the page names it ("resolved" → "Resolved") */
  outcome(outcome: string): string;
  /** read out and shown as a tooltip for a node some run reached */
  reached(runs: string, share: string): string;
  /** … for a node no run reached */
  unreached: string;
  /** where the runs that wrapped up on a node ended: `list` is "resolved 120, escalated 8" */
  endedHere(list: string): string;
  /** read out for an edge */
  taken(runs: string, share: string): string;
  /** the diagram's accessible description */
  summary(runs: string): string;
  /** appended to the diagram's default accessible name */
  traffic(runs: string): string;
};

export const HEAT_TEXT_EN: HeatText = {
  outcome: (o) => o,
  reached: (runs, share) => `reached by ${runs} ${runs === "1" ? "run" : "runs"} (${share})`,
  unreached: "no run reached it",
  endedHere: (list) => `wrapped up here: ${list}`,
  taken: (runs, share) => `taken by ${runs} ${runs === "1" ? "run" : "runs"} (${share})`,
  summary: (runs) =>
    `Shows the traffic of ${runs} ${runs === "1" ? "run" : "runs"}: ` +
    `the wider an arrow, the larger the share of runs that took it; ` +
    "its label gives the share and the number of runs. Each node shows how " +
    "many runs reached it, outcomes show how the runs that ended there " +
    "wrapped up, and nodes no run reached are faded.",
  traffic: (runs) => `, with the traffic of ${runs} ${runs === "1" ? "run" : "runs"}`,
};

export type EdgeHeat = {
  runs: number;
  share: number;
  /** stroke width in px (heatWidth) */
  width: number;
  /** "62 % (310)", shown after the answer label */
  figure: string;
  /** no run took it: drawn thin and dashed */
  cold: boolean;
  /** read out */
  spoken: string;
};

export type OutcomeCount = { outcome: string; label: string; runs: number; count: string };

export type NodeHeat = {
  runs: number;
  share: number;
  /** runs, formatted */
  count: string;
  /** no run reached it: drawn faded */
  cold: boolean;
  /** wrapped-up runs by outcome, most first */
  outcomes: OutcomeCount[];
  /** show the outcomes on the node (end, escalate, goto and sop nodes; others only read them out) */
  showOutcomes: boolean;
  /** "resolved 120 · escalated 8" (empty without outcomes) */
  outcomeText: string;
  /** read out and in the tooltip: reached (or not), and the outcomes */
  spoken: string;
};

export type HeatView = {
  runs: number;
  /** "500" in the viewer's language */
  runsText: string;
  /** per edge, in the order of the edges given */
  edges: EdgeHeat[];
  /** per node id (every node given) */
  nodes: Map<string, NodeHeat>;
  /** the diagram's accessible description */
  summary: string;
};

type EdgeEnds = { readonly from: string; readonly to: string; readonly label?: string | null };

/**
 * The heat entry of each edge, in the edges' order (undefined when the heat has none: 0 runs). Two edges with
 * the same ends and label get the heat entries with that key in turn (the aggregation writes one entry per
 * flow edge, in the flow's order). One pass over each list: no lookup per edge pair.
 */
export function matchHeatEdges(
  edges: readonly EdgeEnds[],
  heat: Pick<FlowHeat, "edges">,
): (FlowHeatEdge | undefined)[] {
  const byKey = new Map<string, FlowHeatEdge[]>();
  for (const h of heat.edges) {
    const key = heatEdgeKey(h.from, h.to, h.label);
    const list = byKey.get(key);
    if (list) list.push(h);
    else byKey.set(key, [h]);
  }
  const used = new Map<string, number>();
  return edges.map((e) => {
    const key = heatEdgeKey(e.from, e.to, e.label);
    const list = byKey.get(key);
    if (!list) return undefined;
    const i = used.get(key) ?? 0;
    used.set(key, i + 1);
    // More flow edges than entries with this key: the later ones share the last entry's figures rather than 0
    // (a heat computed for the same flow never has fewer).
    return list[Math.min(i, list.length - 1)];
  });
}

/** A node's heat entry (0 runs when the heat has none). */
export function nodeHeatOf(heat: Pick<FlowHeat, "nodes">, id: string): FlowHeatNode {
  return Object.hasOwn(heat.nodes, id) ? heat.nodes[id]! : { runs: 0 };
}

/**
 * The node types that show their outcomes: the model's TERMINAL_NODE_TYPES (nothing is drawn below them), written
 * out so the viewer's bundle does not pull in the model's zod schemas for one list.
 */
const SHOWS_OUTCOMES: ReadonlySet<string> = new Set<TerminalNodeType>(["end", "escalate", "goto", "sop"]);

const shareOf = (runs: number, total: number) => (total > 0 ? runs / total : 0);
const finite = (n: number | undefined) => (typeof n === "number" && Number.isFinite(n) && n > 0 ? n : 0);

/** An edge's runs and share: none without an entry; the entry's share is the contract (runs / heat.runs). */
function edgeFigures(h: FlowHeatEdge | undefined, total: number): { runs: number; share: number } {
  const runs = finite(h?.runs);
  if (runs === 0) return { runs, share: 0 };
  return {
    runs,
    share: Number.isFinite(h!.share) ? Math.min(1, Math.max(0, h!.share)) : Math.min(1, shareOf(runs, total)),
  };
}

export type HeatViewOptions = { format?: HeatFormat; text?: Partial<HeatText> };

/**
 * Everything the diagram draws for a heat: per edge its width, figure and words, per node its count, outcomes
 * and words. O(nodes + edges + heat entries).
 */
export function heatView(
  graph: { nodes: readonly { id: string; type: string }[]; edges: readonly EdgeEnds[] },
  heat: FlowHeat,
  options: HeatViewOptions = {},
): HeatView {
  const format = options.format ?? heatFormat();
  const text: HeatText = { ...HEAT_TEXT_EN, ...options.text };
  const total = finite(heat.runs);
  const matched = matchHeatEdges(graph.edges, heat);
  const edges = graph.edges.map((_, i): EdgeHeat => {
    const { runs, share } = edgeFigures(matched[i], total);
    const count = format.count(runs);
    const pct = format.share(share);
    return {
      runs,
      share,
      width: heatWidth(share),
      figure: `${pct} (${count})`,
      cold: runs === 0,
      spoken: text.taken(count, pct),
    };
  });
  const nodes = new Map<string, NodeHeat>();
  for (const n of graph.nodes) {
    if (nodes.has(n.id)) continue;
    const h = nodeHeatOf(heat, n.id);
    const runs = finite(h.runs);
    const share = Math.min(1, shareOf(runs, total));
    const count = format.count(runs);
    const outcomes = Object.entries(h.outcomes ?? {})
      .filter(([, c]) => finite(c) > 0)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .map(([outcome, c]): OutcomeCount => ({
        outcome,
        label: text.outcome(outcome),
        runs: c,
        count: format.count(c),
      }));
    const outcomeText = outcomes.map((o) => `${o.label} ${o.count}`).join(" · ");
    const spoken = [runs > 0 ? text.reached(count, format.share(share)) : text.unreached];
    if (outcomes.length) spoken.push(text.endedHere(outcomes.map((o) => `${o.label} ${o.count}`).join(", ")));
    nodes.set(n.id, {
      runs,
      share,
      count,
      cold: runs === 0,
      outcomes,
      showOutcomes: outcomes.length > 0 && SHOWS_OUTCOMES.has(n.type),
      outcomeText,
      spoken: spoken.join("; "),
    });
  }
  const runsText = format.count(total);
  return { runs: total, runsText, edges, nodes, summary: text.summary(runsText) };
}

export type HeatTableRow = {
  from: string;
  to: string;
  /** the answer's label (null for an edge without one) */
  answer: string | null;
  fromLabel: string;
  toLabel: string;
  runs: number;
  /** 0–1 */
  share: number;
};

/**
 * The heat as a table (the diagram's text alternative): one row per flow edge, in the flow's order, with its
 * ends' labels; an edge the heat has no entry for has 0 runs. Edges to nodes the flow does not have are left out
 * (the diagram does not draw them either).
 */
export function heatTable(
  flow: {
    nodes: readonly { id: string; label: string }[];
    edges: readonly { from: string; to: string; label?: string }[];
  },
  heat: FlowHeat,
): HeatTableRow[] {
  const labels = new Map<string, string>();
  for (const n of flow.nodes) if (!labels.has(n.id)) labels.set(n.id, n.label);
  const edges = flow.edges.filter((e) => labels.has(e.from) && labels.has(e.to));
  const matched = matchHeatEdges(edges, heat);
  const total = finite(heat.runs);
  return edges.map((e, i) => {
    const { runs, share } = edgeFigures(matched[i], total);
    return {
      from: e.from,
      to: e.to,
      answer: e.label ?? null,
      fromLabel: labels.get(e.from)!,
      toLabel: labels.get(e.to)!,
      runs,
      share,
    };
  });
}
