// The demo's call history, seeded once (after the SOP library and the training): ninety days of a contact centre
// working through the demo library, so that the analytics dashboards show something true to life on `npm start`
// — a weekday rhythm in office hours, handle times around each SOP's target (one SOP clearly slower), mostly
// resolved calls with some escalated, transferred, followed up or dropped, skipped steps with their reasons,
// flow answers with a dominant branch, a few flagged steps, and a carrier problem that makes delivery calls rise
// in two departments over the last month.
//
// Every call is played on the pure runbook (initialState, reduce, validateEvent): each stored event was accepted
// by the same rules as a live one, back-dated; facts come from runFacts, as at ingest. Seeded PRNG: the same
// `now` gives the same history. Customer references start with "DEMO-".
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "../db/client.server";
import { insertHistoricRuns, type HistoricFlagInbox, type HistoricRun } from "../db/history.server";
import { getMeta, setMeta } from "../db/meta.server";
import { DEMO_PASSWORD, insertDemoUser } from "../db/seed.server";
import { departments, sops, sopVersions, users } from "../db/schema";
import { runFacts } from "../analytics/facts";
import type { FieldDef, FlowEdge, SopDocument } from "../sop-schema/types";
import { buildWrapUp, nextStepId } from "../runbook/derive";
import { initialState, type RunState } from "../runbook/state";
import { reduce } from "../runbook/reduce";
import { stepCompletionProblem, validateEvent, validateFieldValue } from "../runbook/validate";
import type { Channel, FlagKind, RunEvent, StartedEvent } from "../runbook/events";
import { plausibleValue, stableUuid } from "../training/simulate";
import { hashPassword } from "./auth/password.server";
import { startOfDay } from "./lib/data-table";
import { seededRandom, type Rand } from "./lib/random";
import { runSummary, versionDocument } from "./runs.server";

const SEEDED_KEY = "demo_history_seeded_at";
const DAYS = 90;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Runs per insertHistoricRuns call (one transaction each). */
const BATCH = 2_000;
/** The carrier problem: delivery calls rise from this many days ago until today. */
const SURGE_DAYS = 26;

// ------------------------------------------------------------------------------------------------ randomness

function normal(rand: Rand): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** e^N(0, sigma): median 1, right-skewed like call durations. */
function logNormal(rand: Rand, sigma: number): number {
  return Math.exp(sigma * normal(rand));
}

function poisson(rand: Rand, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

function pick<T>(rand: Rand, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

/** An index drawn with the given weights (any non-negative numbers). */
function weighted(rand: Rand, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rand() * total;
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) < 0) return i;
  return weights.length - 1;
}

function digits(rand: Rand, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 10);
  return s;
}

// ------------------------------------------------------------------------------------------------ field values

const NAMES: Record<string, readonly string[]> = {
  en: [
    "Dana Whitfield",
    "Marcus Bell",
    "Priya Shah",
    "Tom Hughes",
    "Aoife Byrne",
    "Kwame Asante",
    "Sofia Marino",
    "Liam O'Connor",
    "Hannah Schmidt",
    "Omar Farouk",
    "Emily Carter",
    "Jakub Nowak",
    "Zara Ahmed",
    "George Evans",
    "Mia Thompson",
    "Ravi Patel",
  ],
  el: [
    "κυρία Παπαδοπούλου",
    "κύριε Ιωάννου",
    "κυρία Γεωργίου",
    "κύριε Νικολάου",
    "κυρία Δημητρίου",
    "κύριε Κωνσταντίνου",
    "κυρία Αλεξίου",
  ],
  fa: ["خانم رضایی", "آقای محمدی", "خانم حسینی", "آقای کریمی", "خانم احمدی", "آقای موسوی", "خانم نوری"],
};
const HOLDERS = ["Μαρία Παπαδοπούλου", "Γιώργος Ιωάννου", "Ελένη Γεωργίου", "Νίκος Νικολάου", "Κατερίνα Δημητρίου"];

/** Texts by a word in the field's name (first match wins), per language; English when the SOP's has none. */
const TEXTS: [key: string, values: Record<string, readonly string[]>][] = [
  [
    "last_scan",
    {
      en: [
        "Out for delivery, 07:42",
        "Arrived at the local depot",
        "In transit to the regional hub",
        "Held at the sorting centre",
        "Collected from the warehouse",
      ],
    },
  ],
  [
    "since",
    {
      en: [
        "This morning around 7",
        "Since last night",
        "Two days ago",
        "Since the storm on Sunday",
        "About an hour ago",
      ],
    },
  ],
  ["postcode", { en: ["SW1A 1AA", "M1 1AE", "B33 8TH", "LS1 4AP", "EH1 1YZ", "CF10 1EP", "BS1 4DJ"] }],
  ["sku", { en: ["KTL-200-BLU", "HDP-310-BLK", "TSH-M-WHT", "LMP-45-GRY", "SHO-42-BRN", "MUG-12-RED"] }],
  ["callback_window", { en: ["today 14:00 to 16:00", "tomorrow morning", "after 17:00", "Friday before noon"] }],
  [
    "last_order",
    { en: ["A kettle, last week", "Headphones in March", "Two T-shirts", "A desk lamp, about a month ago"] },
  ],
  [
    "need_summary",
    {
      en: [
        "Parcel not delivered, wants an update.",
        "Charged twice for one order.",
        "Wants to return a faulty kettle.",
        "Broadband down since this morning.",
        "Asks when the refund arrives.",
      ],
    },
  ],
  [
    "next_step",
    {
      en: [
        "Refund issued today, visible in 3 to 5 working days",
        "Courier chased, we call back tomorrow",
        "Replacement ships tomorrow by 12:00",
        "Engineer visit booked",
        "Returns label sent by e-mail",
      ],
    },
  ],
  [
    "complaint_summary",
    {
      en: [
        "Third late delivery this month, customer upset.",
        "Courier left the parcel in the rain.",
        "Refund promised two weeks ago never arrived.",
        "Rude driver, parcel thrown over the gate.",
      ],
      fa: [
        "سفارش یک هفته دیر شده و مشتری ناراضی است.",
        "بسته تحویل‌شده ثبت شده ولی به دست مشتری نرسیده.",
        "پیک دو بار بدون تماس برگشته است.",
      ],
    },
  ],
  [
    "desired_outcome",
    {
      en: [
        "Refund of the delivery charge.",
        "Wants the parcel by Friday.",
        "An apology and a goodwill credit.",
        "A replacement sent today.",
      ],
    },
  ],
  [
    "root_cause",
    {
      en: [
        "Carrier delays at the regional depot.",
        "Refund stuck in manual review.",
        "Wrong address on the label.",
        "Stock error at the warehouse.",
      ],
    },
  ],
  [
    "questions",
    {
      en: [
        "Where is my order? Can I change the address?",
        "When will the refund arrive?",
        "How do I return a gift?",
        "Why was I charged a delivery fee?",
      ],
    },
  ],
  [
    "issue_summary",
    {
      en: [
        "Refund over my limit, customer wants it today.",
        "Customer asks for a manager about repeated delays.",
        "Possible vulnerable customer, needs a specialist.",
      ],
    },
  ],
  [
    "actions_taken",
    {
      en: [
        "Verified the caller, checked the order and the refund history.",
        "Chased the courier twice, offered a voucher.",
        "Explained the policy, offered a callback.",
      ],
    },
  ],
  ["customer_wants", { en: ["A full refund today.", "To speak to a manager.", "Compensation for the delay."] }],
  ["account_holder", { el: HOLDERS, en: ["Maria Papadopoulou"] }],
  ["customer_name", NAMES],
];

/**
 * A value matching a simple field pattern (literals, [A-Z0-9] classes, \\d, {n} / {n,m} / ?, groups of alternatives);
 * null beyond that.
 */
export function fromPattern(pattern: string, rand: Rand): string | null {
  type Part = { chars: string[] } | { alt: Item[][] };
  type Item = { part: Part; min: number; max: number };
  const p = pattern.replace(/^\^/, "").replace(/\$$/, "");
  let i = 0;
  const alternatives = (): Item[][] | null => {
    const out: Item[][] = [];
    for (;;) {
      const seq: Item[] = [];
      while (i < p.length && p[i] !== "|" && p[i] !== ")") {
        const c = p[i]!;
        let part: Part;
        if (c === "(") {
          i += p.startsWith("(?:", i) ? 3 : 1;
          const alt = alternatives();
          if (!alt || p[i] !== ")") return null;
          i++;
          part = { alt };
        } else if (c === "[") {
          const close = p.indexOf("]", i);
          const body = close < 0 ? "^" : p.slice(i + 1, close);
          if (body === "" || body.startsWith("^")) return null;
          const chars: string[] = [];
          for (let k = 0; k < body.length; k++) {
            if (body[k + 1] === "-" && k + 2 < body.length) {
              for (let x = body.charCodeAt(k); x <= body.charCodeAt(k + 2); x++) chars.push(String.fromCharCode(x));
              k += 2;
            } else chars.push(body[k]!);
          }
          i = close + 1;
          part = { chars };
        } else if (c === "\\") {
          const n = p[i + 1];
          if (n === "d") part = { chars: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"] };
          else if (n !== undefined && /[-.\\/()[\]{}+*?^$| ]/.test(n)) part = { chars: [n] };
          else return null;
          i += 2;
        } else if (".*+?{}^$]".includes(c)) {
          return null;
        } else {
          part = { chars: [c] };
          i++;
        }
        let min = 1;
        let max = 1;
        const q = /^\{(\d+)(?:,(\d+))?\}/.exec(p.slice(i));
        if (q) {
          min = Number(q[1]);
          max = q[2] !== undefined ? Number(q[2]) : min;
          i += q[0].length;
        } else if (p[i] === "?") {
          min = 0;
          i++;
        } else if (p[i] === "*" || p[i] === "+") return null;
        if (max < min || max > 100) return null;
        seq.push({ part, min, max });
      }
      out.push(seq);
      if (p[i] !== "|") return out;
      i++;
    }
  };
  const tree = alternatives();
  if (!tree || i !== p.length) return null;
  const generate = (alts: Item[][]): string =>
    pick(rand, alts)
      .map(({ part, min, max }) => {
        let s = "";
        for (let n = min + Math.floor(rand() * (max - min + 1)); n > 0; n--)
          s += "chars" in part ? pick(rand, part.chars) : generate(part.alt);
        return s;
      })
      .join("");
  return generate(tree);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** What an agent would type or choose for a field during a call at `at` (always a value the field accepts). */
export function demoValue(
  field: FieldDef,
  at: number,
  rand: Rand,
  lang: string,
  choices?: readonly (readonly [string, number])[],
): string | undefined {
  const name = field.name;
  let v: string | undefined;
  if (choices?.length)
    v =
      choices[
        weighted(
          rand,
          choices.map((c) => c[1]),
        )
      ]![0];
  else if (field.type === "select" && field.options?.length)
    v =
      field.options[
        weighted(
          rand,
          field.options.map((_, k) => 1 / (k + 1)),
        )
      ];
  else if (field.type === "yes-no") v = rand() < 0.9 ? "yes" : "no";
  else if (field.type === "number")
    v = /amount|price|total/.test(name)
      ? (9.99 + Math.floor(rand() * 240)).toFixed(2)
      : String(2 + Math.floor(rand() * 8));
  else if (field.type === "date") {
    if (/dob|birth/.test(name)) {
      const year = 1950 + Math.floor(rand() * 52);
      const month = String(1 + Math.floor(rand() * 12)).padStart(2, "0");
      const day = String(1 + Math.floor(rand() * 28)).padStart(2, "0");
      v = `${year}-${month}-${day}`;
    } else if (/promised|charge_date|ordered/.test(name)) v = isoDay(at - (1 + Math.floor(rand() * 5)) * DAY);
    else if (/eta|next|follow|engineer|due|date/.test(name)) v = isoDay(at + (1 + Math.floor(rand() * 4)) * DAY);
    else v = isoDay(at);
  } else if (field.type === "phone") v = `+44 7700 900${digits(rand, 3)}`;
  else if (field.type === "email") v = `customer${digits(rand, 4)}@example.com`;
  else if (field.pattern) v = fromPattern(field.pattern, rand) ?? undefined;
  else if (/tracking/.test(name)) v = `JJD00${digits(rand, 10)}`;
  else if (/case_ref|courier_ref/.test(name)) v = `CC-${digits(rand, 6)}`;
  else if (/refund_reference/.test(name)) v = `RF${digits(rand, 8)}`;
  else if (/bank_case/.test(name)) v = `BK${digits(rand, 7)}`;
  else if (/account_ref/.test(name)) v = `AC${digits(rand, 8)}`;
  else if (/contact_detail/.test(name))
    v = rand() < 0.6 ? `+44 7700 900${digits(rand, 3)}` : `customer${digits(rand, 4)}@example.com`;
  else {
    const texts = TEXTS.find(([key]) => name.includes(key))?.[1];
    const pool = texts?.[lang] ?? texts?.en;
    if (pool) v = pick(rand, pool);
  }
  if (v !== undefined && validateFieldValue(field, v) === null) return v;
  return plausibleValue(field, at);
}

// ------------------------------------------------------------------------------------------------ one call

/** How one SOP's calls tend to go (every part optional: an SOP without a profile gets plausible defaults). */
export type CallProfile = {
  /** answer weights per question (or any node with several ways on), in the order of its outgoing edges */
  branches?: Readonly<Record<string, readonly number[]>>;
  /** weighted values of a field by name (selects, mostly) */
  values?: Readonly<Record<string, readonly (readonly [string, number])[]>>;
  /** steps skipped often, how often, and the reasons agents give */
  skips?: Readonly<Record<string, { rate: number; reasons: readonly string[] }>>;
  /** reasons for the rare skip of any other step */
  skipReasons?: readonly string[];
  /** chance that any other (non-flow) step is skipped */
  skipRate?: number;
  /** after a flow sent the call to this step, these steps (other branches' targets) are passed over */
  leave?: Readonly<Record<string, readonly string[]>>;
  /** after this step, the call goes straight to the last step with this probability (the problem was fixed) */
  finishAfter?: Readonly<Record<string, number>>;
  /** reaching one of these steps ends the call with a follow-up, with this probability */
  followUp?: { steps: readonly string[]; rate: number };
  /** reaching one of these steps ends the call transferred */
  transferSteps?: readonly string[];
  /** chance, on a step with an `<Escalate>`, that the agent escalates there (a refund over the limit…) */
  escalateRate?: number;
  /** share of checklist items ticked */
  checkRate?: number;
};

/** Units of work per action; a call's pace turns them into time. A field typed ≈ 1. */
const WORK = {
  focus: 0.15,
  talk: 0.8,
  field: { text: 1, textarea: 1.8, select: 0.6, "yes-no": 0.4, number: 0.7, date: 0.8, phone: 1, email: 1.1 } as Record<
    FieldDef["type"],
    number
  >,
  check: 0.35,
  answer: 1,
  complete: 0.3,
  skip: 0.4,
  escalate: 2.5,
  flag: 1.2,
  note: 1.5,
  wrapUp: 1.5,
} as const;
const MIN_GAP_MS = 300;

export type CallPlan = {
  rand: Rand;
  started: Omit<StartedEvent, "id" | "at" | "type">;
  startedAt: number;
  /** milliseconds per unit of WORK (the agent's pace on this call) */
  paceMs: number;
  /** the id of the n-th event (0: `started`) */
  id(n: number): string;
  profile?: CallProfile;
  /** the SOP's language (field values, reasons) */
  lang?: string;
  /** the agent's skipping habit (1: average) */
  skipScale?: number;
  /** "hang-up": the caller drops at `stopAfterMs` (wrapped up "abandoned"); "open": the agent leaves the run there */
  ending?: "complete" | "hang-up" | "open";
  stopAfterMs?: number;
  /** nothing at or after this is stored: a call still going on is left active */
  now?: number;
  flag?: { stepId: string; kind: FlagKind; text: string } | null;
  note?: string | null;
  /** the wrap-up note (default: empty) */
  wrapUp?(state: RunState, at: number): string;
  /** the follow-up due value for a call wrapped up at `at` (default: two days later) */
  followUpDue?(at: number): string;
  /** when (and with what note) the follow-up gets closed; null: still open */
  closeFollowUp?(due: string, completedAt: number): { at: number; note: string } | null;
};

/** A drawn answer: the profile's weights for this node, else the first answer most of the time. */
function answerIndex(rand: Rand, profile: CallProfile | undefined, nodeId: string, out: readonly FlowEdge[]): number {
  const w = profile?.branches?.[nodeId];
  if (w && w.length === out.length) return weighted(rand, w);
  return weighted(
    rand,
    out.map((_, k) => (k === 0 ? 0.62 : 0.38 / (out.length - 1))),
  );
}

class Stop extends Error {}

/**
 * Plays one call on the runbook: `started`, then each step the way an agent works it (focus, fields, checks, the
 * flow's answers, complete or skip), the escalation, note or flag the plan asks for, and the wrap-up. Every event
 * goes through `reduce` (which refuses what `validateEvent` refuses): one refused is a bug here and throws.
 */
export function simulateCall(doc: SopDocument, plan: CallPlan): { events: RunEvent[]; state: RunState } {
  const { rand, profile } = plan;
  const lang = plan.lang ?? doc.meta.language ?? "en";
  const now = plan.now ?? Number.POSITIVE_INFINITY;
  const ending = plan.ending ?? "complete";
  const stopAt = ending === "complete" ? now : Math.min(now, plan.startedAt + Math.round(plan.stopAfterMs ?? 0));
  const first: StartedEvent = { ...plan.started, type: "started", id: plan.id(0), at: plan.startedAt };
  let state = initialState(doc, first);
  const events: RunEvent[] = [first];
  let clock = plan.startedAt;

  const push = (event: RunEvent) => {
    const next = reduce(doc, state, event);
    if (next === state)
      throw new Error(
        `${doc.meta.id}: the runbook refused a generated “${event.type}” ` +
          `event: ${validateEvent(doc, state, event) ?? "already applied"}`,
      );
    state = next;
    events.push(event);
  };
  /** One action `work` units after the previous one; past the stop time the call ends there (Stop). */
  const act = (work: number, partial: Record<string, unknown>) => {
    const at = clock + Math.max(MIN_GAP_MS, Math.round(work * plan.paceMs * logNormal(rand, 0.45)));
    if (at >= stopAt) throw new Stop();
    clock = at;
    push({ ...partial, id: plan.id(events.length), at } as RunEvent);
  };

  const steps = new Map(doc.steps.map((s) => [s.id, s]));
  const fields = new Map(doc.fields.map((f) => [f.name, f]));
  const last = doc.steps[doc.steps.length - 1];
  const visited = new Set<string>();
  const passOver = new Set<string>();
  let terminal: { type: string; node: SopDocument["flows"][number]["nodes"][number] } | null = null;
  let stopped = false;
  let flagged = false;

  try {
    let current: string | null = state.currentStepId;
    let finishing = false;
    while (current) {
      if (visited.has(current)) break; // back at a step already worked: the procedure is through
      visited.add(current);
      const s = steps.get(current)!;
      let talk: number = WORK.talk;
      const work = (units: number) => {
        const w = units + talk;
        talk = 0;
        return w;
      };
      if (state.currentStepId !== s.id) act(WORK.focus, { type: "step.focused", stepId: s.id });
      const often = profile?.skips?.[s.id];
      const skipRate = (often?.rate ?? profile?.skipRate ?? 0.012) * (plan.skipScale ?? 1);
      if (!s.flowId && s !== last && rand() < skipRate) {
        const reasons = often?.reasons ?? profile?.skipReasons ?? SKIP_REASONS[lang] ?? SKIP_REASONS.en!;
        act(work(WORK.skip), { type: "step.skipped", stepId: s.id, reason: pick(rand, reasons) });
        current = nextPending(doc, state, s.id, passOver);
        continue;
      }
      for (const name of s.fieldNames) {
        const field = fields.get(name);
        if (!field || (!field.required && rand() < 0.5)) continue;
        const value = demoValue(field, clock, rand, lang, profile?.values?.[name]);
        if (value !== undefined && state.fields[name]?.value !== value)
          act(work(WORK.field[field.type] ?? 1), { type: "field.captured", name, value });
      }
      const checkRate = profile?.checkRate ?? 0.94;
      for (const checkId of s.checkIds)
        if (!state.checks[checkId] && rand() < checkRate)
          act(work(WORK.check), { type: "check.toggled", checkId, checked: true });
      const esc = s.escalations[0];
      if (esc && rand() < (profile?.escalateRate ?? 0.04))
        act(work(WORK.escalate), {
          type: "escalated",
          to: esc.to,
          reason: esc.reason || "Outside my authority",
          stepId: s.id,
        });
      if (s.flowId) {
        const flow = doc.flows.find((f) => f.id === s.flowId);
        for (let guard = 0; flow && guard < 60 && !state.flows[flow.id]?.ended; guard++) {
          const nodeId = state.flows[flow.id]!.currentNodeId;
          const out = flow.edges.filter((e) => e.from === nodeId);
          if (out.length === 0) break;
          const edge = out[answerIndex(rand, profile, nodeId, out)]!;
          act(work(WORK.answer), {
            type: "flow.answered",
            flowId: flow.id,
            nodeId,
            to: edge.to,
            ...(edge.label !== undefined ? { label: edge.label } : {}),
          });
        }
        const ended = flow ? state.flows[flow.id]?.ended : undefined;
        if (flow && ended) terminal = { type: ended.type, node: flow.nodes.find((n) => n.id === ended.nodeId)! };
      }
      if (plan.flag?.stepId === s.id) {
        act(work(WORK.flag), { type: "step.flagged", stepId: s.id, kind: plan.flag.kind, text: plan.flag.text });
        flagged = true;
      }
      // A flow's go-to may have moved the call on: the step is then done by its flow, as on the run screen.
      if (state.currentStepId === s.id && state.steps[s.id]?.status === "pending") {
        // a required value the caller could not give: the step cannot be completed, the agent skips it
        if (stepCompletionProblem(doc, state, s.id))
          act(work(WORK.skip), {
            type: "step.skipped",
            stepId: s.id,
            reason: pick(rand, MISSING_REASONS[lang] ?? MISSING_REASONS.en!),
          });
        else act(work(WORK.complete), { type: "step.completed", stepId: s.id });
      }
      if (finishing) break;
      const t = terminal?.type;
      if (s.flowId && t && t !== "goto") {
        // The flow ended the call's business (an end, a hand-over): the agent closes with the last step, or not.
        if (last && last.id !== s.id && !visited.has(last.id) && (t === "end" || rand() < 0.5)) {
          current = last.id;
          finishing = true;
          continue;
        }
        break;
      }
      if (s.flowId && t === "goto")
        for (const id of profile?.leave?.[state.currentStepId ?? ""] ?? []) passOver.add(id);
      if (
        last &&
        profile?.finishAfter?.[s.id] !== undefined &&
        rand() < profile.finishAfter[s.id]! &&
        last.id !== s.id
      ) {
        current = last.id;
        finishing = true;
        continue;
      }
      current = state.currentStepId !== s.id ? state.currentStepId : nextPending(doc, state, s.id, passOver);
    }
    if (ending !== "complete") throw new Stop();
    // a flag for a step this call skipped or never reached: raised where the agent was
    if (plan.flag && !flagged)
      act(WORK.flag, {
        type: "step.flagged",
        stepId: [...visited].at(-1) ?? plan.flag.stepId,
        kind: plan.flag.kind,
        text: plan.flag.text,
      });
    const decided = decideOutcome(rand, profile, terminal, visited, doc);
    if (decided.escalation && !state.escalations.length)
      act(WORK.escalate, { type: "escalated", ...decided.escalation });
    if (plan.note) {
      act(WORK.note, { type: "note.drafted", text: plan.note.slice(0, Math.max(1, Math.floor(plan.note.length / 2))) });
      act(0.3, { type: "note.added", text: plan.note });
    }
    const at = clock + Math.max(MIN_GAP_MS, Math.round(WORK.wrapUp * plan.paceMs * logNormal(rand, 0.45)));
    if (at >= stopAt) throw new Stop();
    const followUpDue = decided.outcome === "follow-up" ? (plan.followUpDue?.(at) ?? isoDay(at + 2 * DAY)) : undefined;
    clock = at;
    push({
      type: "completed",
      id: plan.id(events.length),
      at,
      outcome: decided.outcome,
      ...(followUpDue ? { followUpDue } : {}),
      wrapUp: plan.wrapUp?.(state, at) ?? "",
    } as RunEvent);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    stopped = true;
  }
  if (stopped && ending === "hang-up") {
    // The caller hung up: the agent wraps the call up as abandoned (unless that is still to come at `now`).
    const at = Math.max(clock, stopAt) + 20_000 + Math.floor(rand() * 40_000);
    if (stopAt < now && at < now)
      push({
        type: "completed",
        id: plan.id(events.length),
        at,
        outcome: "abandoned",
        wrapUp: plan.wrapUp?.(state, at) ?? "",
      } as RunEvent);
  }
  if (state.status === "completed" && state.followUp && plan.closeFollowUp) {
    const close = plan.closeFollowUp(state.followUp.due, state.completedAt!);
    if (close && close.at > state.completedAt! && close.at < now)
      push({ type: "followup.closed", id: plan.id(events.length), at: close.at, note: close.note });
  }
  return { events, state };
}

/** The next step to work after `from`: the runbook's next pending one, past the steps the path passes over. */
function nextPending(doc: SopDocument, state: RunState, from: string, passOver: ReadonlySet<string>): string | null {
  let next = nextStepId(doc, state, from);
  for (let guard = 0; next && passOver.has(next) && guard < doc.steps.length; guard++)
    next = nextStepId(doc, state, next);
  return next && passOver.has(next) ? null : next;
}

type Decided = {
  outcome: "resolved" | "escalated" | "follow-up" | "transferred";
  escalation?: { to: string; reason: string; stepId?: string };
};

function decideOutcome(
  rand: Rand,
  profile: CallProfile | undefined,
  terminal: { type: string; node: { to?: string; reason?: string; label: string } } | null,
  visited: ReadonlySet<string>,
  doc: SopDocument,
): Decided {
  if (terminal?.type === "escalate") {
    const escalation = { to: terminal.node.to ?? "Supervisor", reason: terminal.node.reason ?? terminal.node.label };
    return { outcome: rand() < 0.8 ? "escalated" : "transferred", escalation };
  }
  if (terminal?.type === "sop") return { outcome: "transferred" };
  if (profile?.transferSteps?.some((s) => visited.has(s))) return { outcome: "transferred" };
  if (profile?.followUp?.steps.some((s) => visited.has(s)) && rand() < profile.followUp.rate)
    return { outcome: "follow-up" };
  const r = rand();
  if (r < 0.025) {
    const step = doc.steps.find((s) => visited.has(s.id) && s.escalations.length);
    const e = step?.escalations[0];
    return {
      outcome: "escalated",
      escalation: e
        ? { to: e.to, reason: e.reason || "Outside my authority", stepId: step.id }
        : { to: "Supervisor", reason: "Customer asked for a supervisor" },
    };
  }
  if (r < 0.045) return { outcome: "transferred" };
  if (r < 0.07) return { outcome: "follow-up" };
  return { outcome: "resolved" };
}

const SKIP_REASONS: Record<string, readonly string[]> = {
  en: ["Not applicable to this call", "Customer declined", "Already covered earlier in the call"],
  el: ["Δεν ισχύει για αυτή την κλήση", "Ο πελάτης αρνήθηκε", "Έγινε ήδη νωρίτερα στην κλήση"],
  fa: ["در این تماس لازم نبود", "مشتری نخواست", "پیش‌تر در همین تماس انجام شد"],
};
const MISSING_REASONS: Record<string, readonly string[]> = {
  en: ["Customer could not give the details", "Details to follow by e-mail"],
  el: ["Ο πελάτης δεν είχε τα στοιχεία"],
  fa: ["مشتری اطلاعات را نداشت"],
};

// ------------------------------------------------------------------------------------------------ the demo centre

type DepartmentPlan = {
  zone: string;
  open: number;
  close: number;
  /** Saturday, Sunday volume vs a weekday */ weekend: readonly [number, number];
};

const DEPARTMENT_PLANS: Record<string, DepartmentPlan> = {
  "Customer Service": { zone: "Europe/London", open: 8, close: 20, weekend: [0.4, 0.2] },
  Billing: { zone: "Europe/Rome", open: 9, close: 17.5, weekend: [0.25, 0] },
  "Returns & Logistics": { zone: "Europe/Vilnius", open: 8, close: 18, weekend: [0.4, 0.1] },
  "Technical Support": { zone: "Europe/Berlin", open: 8, close: 20, weekend: [0.5, 0.3] },
};
const DEFAULT_DEPARTMENT: DepartmentPlan = { zone: "Europe/London", open: 9, close: 17, weekend: [0.2, 0] };

/** Volume by day of the week (0 = Sunday): Monday is the busiest, Friday the quietest weekday. */
const WEEKDAY = [1, 1.18, 1.06, 1, 0.97, 0.9, 1];

/** The demo's agents (the organisation seed has one, Sam Okafor, whose own pages stay as the README describes). */
export const DEMO_AGENTS: {
  email: string;
  name: string;
  department: string;
  /** handle time vs the team */ pace: number;
  /** skipping habit */ skips: number;
}[] = [
  {
    email: "grace.mensah@stepwise.example",
    name: "Grace Mensah",
    department: "Customer Service",
    pace: 0.92,
    skips: 0.6,
  },
  {
    email: "oliver.brennan@stepwise.example",
    name: "Oliver Brennan",
    department: "Customer Service",
    pace: 1,
    skips: 1,
  },
  { email: "yusuf.demir@stepwise.example", name: "Yusuf Demir", department: "Customer Service", pace: 1.1, skips: 3 },
  {
    email: "chloe.martin@stepwise.example",
    name: "Chloe Martin",
    department: "Customer Service",
    pace: 1.15,
    skips: 1.2,
  },
  { email: "giulia.conti@stepwise.example", name: "Giulia Conti", department: "Billing", pace: 0.95, skips: 0.8 },
  { email: "luca.bianchi@stepwise.example", name: "Luca Bianchi", department: "Billing", pace: 1.06, skips: 1.2 },
  {
    email: "egle.kazlauskaite@stepwise.example",
    name: "Eglė Kazlauskaitė",
    department: "Returns & Logistics",
    pace: 0.9,
    skips: 0.7,
  },
  {
    email: "dimitris.papadakis@stepwise.example",
    name: "Dimitris Papadakis",
    department: "Returns & Logistics",
    pace: 1,
    skips: 1,
  },
  {
    email: "jonas.vaitkus@stepwise.example",
    name: "Jonas Vaitkus",
    department: "Returns & Logistics",
    pace: 1.12,
    skips: 1.5,
  },
  { email: "felix.wagner@stepwise.example", name: "Felix Wagner", department: "Technical Support", pace: 1, skips: 1 },
  { email: "mei.lin@stepwise.example", name: "Mei Lin", department: "Technical Support", pace: 0.94, skips: 0.8 },
];

type SopPlan = CallProfile & {
  /** calls on an average weekday */
  perDay: number;
  /** median handle time vs the SOP's target */
  pace?: number;
  channels?: readonly (readonly [Channel, number])[];
  /** the carrier problem: calls × this during the last SURGE_DAYS days, with other answers and values */
  surge?: { calls: number; branches?: CallProfile["branches"]; values?: CallProfile["values"] };
  /** what agents flag on this SOP, and how often per call */
  flags?: { rate: number; list: readonly { stepId: string; kind: FlagKind; text: string }[] };
  notes?: readonly string[];
};

const NOTES = [
  "Customer prefers e-mail for updates.",
  "Caller was driving; kept it short.",
  "Asked to be called after 17:00.",
  "Customer very patient, thanked us.",
  "Second call about the same order this week.",
  "Customer hard of hearing, spoke slowly.",
];

/** How the demo library's calls go. SOPs not listed here get defaults (a few calls a day). */
const SOP_PLANS: Record<string, SopPlan> = {
  "call-opening-aidet": {
    perDay: 4.0,
    channels: [["phone", 1]],
    skips: {
      duration: { rate: 0.22, reasons: ["Customer was in a hurry", "Quick question, answered straight away"] },
      ready: { rate: 0.05, reasons: ["Checked at the start of the shift"] },
    },
  },
  "identity-verification": {
    perDay: 5.0,
    pace: 0.8,
    channels: [
      ["phone", 0.85],
      ["chat", 0.15],
    ],
    branches: { role: [0.94, 0.06], result: [0.82, 0.11, 0.07], "otp-ok": [0.93, 0.07] },
    skips: {
      "explain-why": { rate: 0.12, reasons: ["Returning caller, knows the process"] },
      "security-questions": { rate: 0.03, reasons: ["Caller already verified by the IVR"] },
    },
    flags: {
      rate: 0.004,
      list: [
        {
          stepId: "security-questions",
          kind: "unclear",
          text: "What do we do when the date of birth on file has an obvious typo?",
        },
      ],
    },
  },
  "complaint-handling": {
    perDay: 3.2,
    pace: 0.78,
    channels: [
      ["phone", 0.8],
      ["email", 0.12],
      ["chat", 0.08],
    ],
    branches: { "severity-q": [0.1, 0.9], "in-power": [0.62, 0.38], satisfied: [0.8, 0.2] },
    values: {
      complaint_category: [
        ["Delivery", 3],
        ["Product quality", 2],
        ["Billing", 1.5],
        ["Staff behaviour", 0.6],
        ["Website or app", 0.8],
        ["Policy", 0.7],
        ["Other", 0.4],
      ],
    },
    skips: {
      diagnose: {
        rate: 0.18,
        reasons: ["Root cause already logged for this issue", "Team lead reviews the root cause"],
      },
    },
    followUp: { steps: ["follow-up-plan"], rate: 0.6 },
    surge: {
      calls: 1.7,
      values: {
        complaint_category: [
          ["Delivery", 8],
          ["Product quality", 1.5],
          ["Billing", 1],
          ["Staff behaviour", 0.4],
          ["Website or app", 0.5],
          ["Policy", 0.5],
          ["Other", 0.3],
        ],
      },
    },
    flags: {
      rate: 0.006,
      list: [
        {
          stepId: "classify",
          kind: "missing-case",
          text: "No category for repeated delivery failures to the same address.",
        },
      ],
    },
  },
  "email-enquiry-response": {
    perDay: 4.0,
    channels: [["email", 1]],
    skips: {
      "quality-check": { rate: 0.15, reasons: ["Standard template, already approved", "Short factual answer"] },
      "follow-up": { rate: 0.1, reasons: ["Ticket solved, nothing to follow"] },
    },
    followUp: { steps: ["follow-up"], rate: 0.25 },
    surge: { calls: 1.3 },
  },
  "supervisor-escalation-warm-transfer": {
    perDay: 1.6,
    pace: 0.72,
    channels: [["phone", 1]],
    branches: { answered: [0.8, 0.2], accept: [0.7, 0.3] },
    leave: { introduce: ["callback"] },
    transferSteps: ["introduce"],
    followUp: { steps: ["callback"], rate: 0.95 },
  },
  "fa-peygiri-sefaresh": {
    perDay: 1.2,
    channels: [
      ["phone", 0.7],
      ["chat", 0.3],
    ],
    branches: { vaziat: [0.3, 0.45, 0.15, 0.1], shekayat: [0.45, 0.55] },
    skips: { "tamas-ba-haml": { rate: 0.08, reasons: ["شرکت حمل پاسخ نداد", "مشتری عجله داشت"] } },
    followUp: { steps: ["peygiri"], rate: 0.5 },
    surge: { calls: 1.8, branches: { vaziat: [0.15, 0.6, 0.17, 0.08], shekayat: [0.6, 0.4] } },
  },
  "billing-dispute-card-charge": {
    perDay: 3.8,
    channels: [
      ["phone", 0.85],
      ["chat", 0.1],
      ["email", 0.05],
    ],
    branches: {
      "cb-open": [0.12, 0.88],
      found: [0.9, 0.1],
      recognised: [0.85, 0.15],
      kind: [0.55, 0.25, 0.2],
      settled: [0.6, 0.4],
    },
    leave: { "issue-refund": ["chargeback-open"] },
    escalateRate: 0.1,
    skips: { "charge-details": { rate: 0.04, reasons: ["Details already in the customer's e-mail"] } },
    flags: {
      rate: 0.005,
      list: [
        {
          stepId: "decide",
          kind: "outdated",
          text: "The PSP search now needs the last four digits too; the flow still says the amount is enough.",
        },
      ],
    },
  },
  "late-missing-delivery": {
    perDay: 4.1,
    pace: 0.76,
    channels: [
      ["phone", 0.75],
      ["chat", 0.2],
      ["email", 0.05],
    ],
    branches: { status: [0.3, 0.35, 0.12, 0.15, 0.08], "pod-match": [0.7, 0.3] },
    values: {
      courier: [
        ["DPD", 3],
        ["Royal Mail", 3],
        ["Evri", 2.5],
        ["DHL", 1.5],
        ["UPS", 1],
        ["Own fleet", 0.6],
      ],
    },
    leave: { "contact-courier": ["replace-or-refund"] },
    skips: {
      "check-tracking": { rate: 0.04, reasons: ["Courier portal down, checked after the call"] },
      "close-case": { rate: 0.1, reasons: ["Delivery not confirmed yet, follow-up open"] },
    },
    followUp: { steps: ["agree-follow-up"], rate: 0.55 },
    surge: {
      calls: 2.2,
      branches: { status: [0.12, 0.46, 0.26, 0.11, 0.05], "pod-match": [0.6, 0.4] },
      values: {
        courier: [
          ["DPD", 1.5],
          ["Royal Mail", 1.5],
          ["Evri", 9],
          ["DHL", 1],
          ["UPS", 0.6],
          ["Own fleet", 0.4],
        ],
      },
    },
    flags: {
      rate: 0.004,
      list: [{ stepId: "delivery-decision", kind: "missing-case", text: "No branch for parcels held at customs." }],
    },
  },
  "refund-and-return": {
    perDay: 3.8,
    channels: [
      ["phone", 0.7],
      ["chat", 0.2],
      ["email", 0.1],
    ],
    branches: { "our-fault": [0.45, 0.55], days: [0.85, 0.15], excluded: [0.1, 0.9], accepts: [0.75, 0.25] },
    skips: { "follow-up": { rate: 0.08, reasons: ["Refund issued on the call"] } },
    followUp: { steps: ["follow-up"], rate: 0.1 },
    flags: {
      rate: 0.005,
      list: [{ stepId: "eligibility", kind: "unclear", text: "Do opened headphones count as hygiene-sealed?" }],
    },
  },
  "el-epistrofi-chrimaton": {
    perDay: 1.2,
    channels: [
      ["phone", 0.8],
      ["email", 0.2],
    ],
    branches: { paralavi: [0.55, 0.3, 0.15], ekdothike: [0.35, 0.65], tropos: [0.8, 0.2] },
    leave: { "ekdosi-rma": ["iban"] },
    skips: { kleisimo: { rate: 0.05, reasons: ["Ο πελάτης βιαζόταν"] } },
    followUp: { steps: ["ekdosi-rma"], rate: 0.5 },
  },
  // The SOP that is clearly worse: most calls run over the 12-minute target, and its line test is out of date.
  "internet-outage-troubleshooting": {
    perDay: 3.4,
    pace: 1.4,
    channels: [
      ["phone", 0.9],
      ["chat", 0.1],
    ],
    branches: { area: [0.22, 0.78], lights: [0.12, 0.58, 0.3], "power-ok": [0.7, 0.3] },
    values: {
      line_test_result: [
        ["Pass", 4],
        ["Fault in the network", 2],
        ["Fault in the home wiring", 1],
        ["Test could not complete", 1.5],
      ],
    },
    leave: { restart: ["devices"] },
    finishAfter: { restart: 0.5 },
    skips: {
      devices: { rate: 0.12, reasons: ["Customer not at home with the devices"] },
      "line-test": { rate: 0.08, reasons: ["Line test tool unavailable", "Engineer already booked"] },
    },
    followUp: { steps: ["book-engineer"], rate: 0.5 },
    flags: {
      rate: 0.015,
      list: [
        {
          stepId: "line-test",
          kind: "outdated",
          text: "The line test moved to the new network portal; the steps still describe the old console.",
        },
        {
          stepId: "restart",
          kind: "unclear",
          text: "How long should the router stay off? The step says a while, customers ask for a number.",
        },
      ],
    },
  },
};

const FLAG_REPLIES = [
  "Thanks — we are rewriting this step for the next version.",
  "Good catch, checking with the team this week.",
];
const DISMISS_REASONS = ["Covered by the step's tip already.", "Works as described; the tool was down that day."];

/** A timed instant on a day in a zone: `hours` after that day's local midnight (DST changes happen at night). */
function localTime(day: string, hours: number, zone: string): number {
  const key = `${zone} ${day}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const next = isoDay(Date.parse(`${day}T00:00:00Z`) + DAY);
    offsets.set(key, (offset = Date.parse(`${next}T00:00:00Z`) - startOfDay(next, zone)));
  }
  return Date.parse(`${day}T00:00:00Z`) + Math.round(hours * HOUR) - offset;
}
const offsets = new Map<string, number>();

function localDay(at: number, zone: string): string {
  let f = dayFormats.get(zone);
  if (!f)
    dayFormats.set(
      zone,
      (f = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })),
    );
  return f.format(at);
}
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Two working days later (a follow-up's due date), in the department's zone. */
function workingDaysAfter(at: number, zone: string, n: number): string {
  let day = localDay(at, zone);
  for (let left = n; left > 0;) {
    day = isoDay(Date.parse(`${day}T00:00:00Z`) + DAY);
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) left--;
  }
  return day;
}

/**
 * A work-unit scale per SOP: the median units of a full call, measured on a few played calls (fixed seed), so
 * that a call's pace in ms per unit gives its intended handle time on an average path (longer paths take longer).
 */
export function workUnits(doc: SopDocument, profile: CallProfile | undefined, seed: number, calls = 25): number {
  const rand = seededRandom(seed);
  const totals: number[] = [];
  for (let i = 0; i < calls; i++) {
    const { state } = simulateCall(doc, {
      rand,
      started: { sopId: doc.meta.id, versionId: 0 },
      startedAt: 0,
      paceMs: 1000,
      id: (n) => stableUuid(`units:${i}:${n}`),
      profile,
    });
    totals.push((state.completedAt ?? state.lastEventAt) / 1000);
  }
  totals.sort((a, b) => a - b);
  return Math.max(1, totals[Math.floor(totals.length / 2)]!);
}

type Library = {
  sopId: string;
  versionId: number;
  version: number;
  departmentId: number;
  doc: SopDocument;
  plan: SopPlan;
  units: number;
}[];

/** The published, not archived SOPs with their documents, and their plans. */
function demoLibrary(db: Db): Library {
  const rows = db
    .select({
      sopId: sops.id,
      departmentId: sops.departmentId,
      versionId: sops.publishedVersionId,
      version: sopVersions.version,
    })
    .from(sops)
    .innerJoin(sopVersions, eq(sopVersions.id, sops.publishedVersionId))
    .where(and(isNotNull(sops.publishedVersionId), isNull(sops.archivedAt)))
    .orderBy(sops.id)
    .all();
  const out: Library = [];
  rows.forEach((r, i) => {
    const doc = versionDocument(db, r.versionId!);
    if (!doc || doc.steps.length === 0) return;
    const plan = SOP_PLANS[r.sopId] ?? { perDay: 1.5 };
    out.push({
      sopId: r.sopId,
      versionId: r.versionId!,
      version: r.version,
      departmentId: r.departmentId,
      doc,
      plan,
      units: workUnits(doc, plan, 1000 + i),
    });
  });
  return out;
}

type Agent = { id: string; pace: number; skips: number; freeAt: number };

/** The demo agents of each department (created once, with the demo password), by department id. */
async function demoAgents(db: Db, hash: (p: string) => Promise<string>): Promise<Map<number, Agent[]>> {
  const depts = new Map(
    db
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .all()
      .map((d) => [d.name, d.id]),
  );
  const wanted = DEMO_AGENTS.filter((a) => depts.has(a.department));
  const out = new Map<number, Agent[]>();
  if (wanted.length === 0) return out;
  const passwordHash = await hash(DEMO_PASSWORD);
  db.transaction((tx) => {
    for (const a of wanted) {
      const departmentId = depts.get(a.department)!;
      let id = tx.select({ id: users.id }).from(users).where(eq(users.email, a.email)).get()?.id;
      if (!id) {
        const zone = (DEPARTMENT_PLANS[a.department] ?? DEFAULT_DEPARTMENT).zone;
        id = insertDemoUser(tx, {
          email: a.email,
          name: a.name,
          role: "agent",
          departmentId,
          passwordHash,
          timeZone: zone,
        });
      }
      const list = out.get(departmentId) ?? [];
      list.push({ id, pace: a.pace, skips: a.skips, freeAt: 0 });
      out.set(departmentId, list);
    }
  });
  return out;
}

/**
 * Seeds the demo call history once per database (its own marker, set first: a failure half-way is reported by the
 * caller and never retried into duplicates). Returns false when it was seeded before or there is nothing to run.
 */
export async function seedAnalyticsDemo(
  db: Db,
  now = Date.now(),
  hash: (p: string) => Promise<string> = hashPassword,
): Promise<boolean> {
  if (getMeta(db, SEEDED_KEY)) return false;
  setMeta(db, SEEDED_KEY, new Date(now).toISOString());
  const library = demoLibrary(db);
  const agents = await demoAgents(db, hash);
  const leads = new Map(
    db
      .select({ id: users.id, departmentId: users.departmentId })
      .from(users)
      .where(and(eq(users.role, "lead"), eq(users.active, true)))
      .all()
      .filter((u) => u.departmentId !== null)
      .map((u) => [u.departmentId!, u.id]),
  );
  const names = new Map(
    db
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .all()
      .map((d) => [d.id, d.name]),
  );
  const rand = seededRandom(0x5eed_2011);
  let runNo = 0;
  let batch: HistoricRun<RunEvent, RunState>[] = [];
  let seeded = 0;

  for (const [departmentId, team] of [...agents].sort((a, b) => a[0] - b[0])) {
    const dept = DEPARTMENT_PLANS[names.get(departmentId) ?? ""] ?? DEFAULT_DEPARTMENT;
    const ofDept = library.filter((s) => s.departmentId === departmentId);
    if (ofDept.length === 0) continue;
    const today = localDay(now, dept.zone);
    for (let back = DAYS - 1; back >= 0; back--) {
      const day = isoDay(Date.parse(`${today}T00:00:00Z`) - back * DAY);
      const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
      const volume = (dow === 6 ? dept.weekend[0] : dow === 0 ? dept.weekend[1] : WEEKDAY[dow]!) * (0.9 + rand() * 0.2);
      const surging = back < SURGE_DAYS;
      const calls: { at: number; sop: Library[number] }[] = [];
      for (const sop of ofDept) {
        const n = poisson(rand, sop.plan.perDay * volume * (surging ? (sop.plan.surge?.calls ?? 1) : 1));
        for (let k = 0; k < n; k++) {
          // a mid-morning and an early-afternoon peak, inside office hours
          let h = 0;
          for (let guard = 0; guard < 10; guard++) {
            h = rand() < 0.55 ? 10.5 + 1.2 * normal(rand) : 14.5 + 1.7 * normal(rand);
            if (h >= dept.open && h < dept.close - 0.2) break;
            h = dept.open + rand() * (dept.close - dept.open - 0.2);
          }
          calls.push({ at: localTime(day, h, dept.zone), sop });
        }
      }
      calls.sort((a, b) => a.at - b.at);
      for (const call of calls) {
        if (call.at >= now) break;
        // the agent free first (at random among those free), after their previous call's wrap-up
        const free = team.filter((a) => a.freeAt <= call.at);
        const agent = free.length ? pick(rand, free) : team.reduce((a, b) => (b.freeAt < a.freeAt ? b : a));
        const startedAt = Math.max(call.at, agent.freeAt + 20_000 + Math.floor(rand() * 70_000));
        if (startedAt >= now) continue;
        const run = playDemoCall(call.sop, agent, {
          startedAt,
          now,
          runNo: runNo++,
          rand,
          surging,
          zone: dept.zone,
          lead: leads.get(departmentId) ?? null,
        });
        agent.freeAt = (run.state.completedAt ?? run.state.lastEventAt) + 30_000 + Math.floor(rand() * 90_000);
        batch.push(run);
        if (batch.length >= BATCH) {
          await insertHistoricRuns(db, batch);
          seeded += batch.length;
          batch = [];
        }
      }
    }
  }
  await insertHistoricRuns(db, batch);
  seeded += batch.length;
  return seeded > 0;
}

function playDemoCall(
  sop: Library[number],
  agent: Agent,
  ctx: {
    startedAt: number;
    now: number;
    runNo: number;
    rand: Rand;
    surging: boolean;
    zone: string;
    lead: string | null;
  },
): HistoricRun<RunEvent, RunState> {
  const { rand, startedAt } = ctx;
  const { doc, plan } = sop;
  const profile: CallProfile =
    ctx.surging && plan.surge
      ? {
          ...plan,
          branches: { ...plan.branches, ...plan.surge.branches },
          values: { ...plan.values, ...plan.surge.values },
        }
      : plan;
  const target = (doc.meta.targets?.handleTimeSeconds ?? 360) * 1000;
  const handleMs = target * (plan.pace ?? 0.74) * agent.pace * logNormal(rand, 0.3);
  const r = rand();
  const ending = r < 0.022 ? "hang-up" : r < 0.034 ? "open" : "complete";
  const channels = plan.channels ?? [
    ["phone", 0.8],
    ["chat", 0.15],
    ["email", 0.05],
  ];
  const channel =
    channels[
      weighted(
        rand,
        channels.map((c) => c[1]),
      )
    ]![0];
  const flagged = plan.flags && rand() < plan.flags.rate ? pick(rand, plan.flags.list) : null;
  const lang = doc.meta.language ?? "en";
  const runKey = `demo-history:${ctx.runNo}`;
  const { events, state } = simulateCall(doc, {
    rand,
    started: { sopId: sop.sopId, versionId: sop.versionId, customerRef: `DEMO-${digits(rand, 6)}`, channel },
    startedAt,
    paceMs: handleMs / sop.units,
    id: (n) => stableUuid(`${runKey}:${n}`),
    profile,
    lang,
    skipScale: agent.skips,
    ending,
    stopAfterMs: handleMs * (0.15 + rand() * 0.6),
    now: ctx.now,
    flag: flagged,
    note: lang === "en" && rand() < 0.25 ? pick(rand, NOTES) : null,
    wrapUp: (s, at) => buildWrapUp(doc, s, { versionNumber: sop.version, now: at, lang }),
    followUpDue: (at) => workingDaysAfter(at, ctx.zone, 1 + Math.floor(rand() * 3)),
    closeFollowUp: (due) =>
      rand() < 0.85
        ? { at: localTime(due, 9 + rand() * 7, ctx.zone), note: "Called the customer back: sorted." }
        : null,
  });
  const flags: Record<string, HistoricFlagInbox> = {};
  for (const f of state.flags) {
    const age = ctx.now - f.at;
    const handledAt = f.at + (1 + Math.floor(rand() * 4)) * DAY;
    const r2 = rand();
    if (!ctx.lead || age < 10 * DAY || handledAt >= ctx.now || r2 >= 0.6) continue;
    flags[f.id] =
      r2 < 0.35
        ? { state: "accepted", reply: pick(rand, FLAG_REPLIES), handledBy: ctx.lead, handledAt }
        : { state: "dismissed", dismissReason: pick(rand, DISMISS_REASONS), handledBy: ctx.lead, handledAt };
  }
  return {
    id: stableUuid(runKey),
    sopId: sop.sopId,
    versionId: sop.versionId,
    agentId: agent.id,
    customerRef: state.customerRef ?? null,
    channel: state.channel ?? null,
    events,
    state,
    summary: runSummary(state, doc),
    facts: state.status === "completed" ? runFacts(doc, state) : null,
    flags,
  };
}
