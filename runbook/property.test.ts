// Property tests over the real demo SOPs: any sequence of generated events (valid and invalid, duplicated,
// out-of-order clocks) keeps the invariants, and replay is a fold of reduce that is idempotent and resumable.
import { readdirSync, readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSop } from "../sop-schema/parse";
import type { FieldDef, SopDocument } from "../sop-schema/types";
import { indexDoc } from "./doc-index";
import { initialState, type RunState } from "./state";
import { reduce, reduceAll, replay } from "./reduce";
import { validateEvent } from "./validate";
import { OUTCOMES, FLAG_KINDS, parseRunEvent, type RunEvent } from "./events";
import { applyParsedEvent, reduceStrict } from "./reduce";
import { checkInvariants, deepFreeze, uuid } from "./test-helpers";

const dir = new URL("../content/sops/", import.meta.url);
const docs: SopDocument[] = readdirSync(dir)
  .filter((f) => f.endsWith(".mdx"))
  .sort()
  .map((f) => parseSop(readFileSync(new URL(f, dir), "utf8"), { filename: f }));
docs.push(
  parseSop(readFileSync(new URL("../tests/fixtures/sops/good/full-featured.mdx", import.meta.url), "utf8"), {
    filename: "full-featured.mdx",
  }),
);

const RUNS = Number(process.env.RUNBOOK_PROP_RUNS ?? 200);

type Intent = { kind: number; a: number; b: number; c: number; text: string; gap: number; reuse: number };

const intentArb: fc.Arbitrary<Intent> = fc.record({
  kind: fc.nat({ max: 30 }),
  a: fc.nat({ max: 1000 }),
  b: fc.nat({ max: 1000 }),
  c: fc.nat({ max: 1000 }),
  text: fc.oneof(
    fc.constant(""),
    fc.constant(" "),
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      "yes",
      "no",
      "2025-03-31",
      "jane@example.com",
      "+44 7700 900123",
      "42",
      "۴۲",
      "۰۹۱۲ ۳۴۵ ٦٧٨٩",
      "۲۰۲۵-۰۳-۳۱",
    ),
  ),
  gap: fc.integer({ min: -2000, max: 120_000 }),
  reuse: fc.nat({ max: 9 }),
});

const validValues = new Map<FieldDef, string>();
/** A value that passes the field's checks (pattern values sampled once with a fixed seed). */
function validValue(field: FieldDef, n: number): string {
  switch (field.type) {
    case "select":
      return pick(field.options ?? [], n) ?? "x";
    case "yes-no":
      return n % 2 ? "yes" : "no";
    case "date":
      return "2025-03-31";
    case "email":
      return "jane@example.com";
    case "phone":
      return "+44 7700 900123";
    case "number":
      return "42";
    default:
      break;
  }
  if (!field.pattern) return "Jane Doe";
  let v = validValues.get(field);
  if (v === undefined) {
    const re = new RegExp(field.pattern);
    v = fc.sample(
      fc.stringMatching(re).filter((x) => x.trim() === x && x !== "" && re.test(x)),
      { numRuns: 1, seed: 42 },
    )[0];
    validValues.set(field, v);
  }
  return v;
}

const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length ? xs[n % xs.length] : undefined);

/**
 * Turns intents into concrete events, looking at the state so far so that most flow answers and field values
 * are plausible (valid and invalid both occur). Returns the events in log order.
 */
function buildEvents(doc: SopDocument, intents: Intent[]): RunEvent[] {
  const index = indexDoc(doc);
  let n = 0;
  let clock = 1_700_000_000_000;
  const started = {
    id: uuid(++n),
    at: clock,
    type: "started",
    sopId: doc.meta.id,
    versionId: 1,
    channel: "phone",
  } as RunEvent;
  const events: RunEvent[] = [started];
  let state = initialState(doc, started as Extract<RunEvent, { type: "started" }>);
  const stepIds = [...index.stepOrder, "no-such-step"];
  const checkIds = [...index.checkOrder, "no-such-check"];
  const fieldNames = [...index.fields.keys(), ...index.nodeFields.keys(), "no_such_field"];
  const flowIds = [...index.flows.keys(), "no-such-flow"];
  for (const it of intents) {
    clock += it.gap;
    const base = { id: uuid(++n), at: Math.max(0, clock) };
    let e: unknown;
    switch (it.kind) {
      case 0:
        e = { ...base, type: "step.focused", stepId: pick(stepIds, it.a) };
        break;
      case 1:
      case 2:
        e = { ...base, type: "step.completed", stepId: pick(stepIds, it.a) };
        break;
      case 3:
        e = { ...base, type: "step.reopened", stepId: pick(stepIds, it.a) };
        break;
      case 4:
        e = { ...base, type: "step.skipped", stepId: pick(stepIds, it.a), reason: it.text };
        break;
      case 5:
        e = { ...base, type: "check.toggled", checkId: pick(checkIds, it.a), checked: it.b % 2 === 0 };
        break;
      case 6:
      case 7:
      case 8:
      case 9: {
        const name = pick(fieldNames, it.a)!;
        const f = index.fields.get(name);
        const value = f && it.b % 4 !== 0 ? validValue(f, it.c) : it.text;
        e = { ...base, type: "field.captured", name, value };
        break;
      }
      case 10:
      case 11:
      case 20:
      case 21:
      case 22:
      case 23:
      case 24: {
        // a flow answer from the current node or an earlier node on the path, along a real edge (mostly)
        const flowId = pick(flowIds, it.a % 7 === 0 ? it.a : it.a % Math.max(1, flowIds.length - 1))!;
        const fi = index.flows.get(flowId);
        const fs = state.flows[flowId];
        if (!fi || !fs) {
          e = { ...base, type: "flow.answered", flowId, nodeId: "start", to: "x" };
          break;
        }
        const wild = it.kind === 11;
        const onPath = [...fs.path.map((p) => p.nodeId), fs.currentNodeId];
        const nodeId = wild ? pick(fi.flow.nodes, it.b)!.id : it.b % 4 === 0 ? pick(onPath, it.c)! : fs.currentNodeId;
        const out = fi.out.get(nodeId) ?? [];
        const to = out.length && !wild ? pick(out, it.c)!.to : (pick(fi.flow.nodes, it.c)?.id ?? "x");
        e = { ...base, type: "flow.answered", flowId, nodeId, to };
        break;
      }
      case 12:
        e = { ...base, type: "note.added", text: it.text };
        break;
      case 13:
        e = {
          ...base,
          type: "escalated",
          to: it.text || "Team lead",
          reason: "Customer asked",
          ...(it.b % 2 ? { stepId: pick(stepIds, it.c) } : {}),
        };
        break;
      case 14:
        e = {
          ...base,
          type: "step.flagged",
          stepId: pick(stepIds, it.a),
          kind: pick(FLAG_KINDS, it.b),
          text: it.text || "Unclear",
        };
        break;
      case 15: {
        if (it.c % 3 !== 0) {
          e = { ...base, type: "step.completed", stepId: state.currentStepId ?? "x" };
          break;
        }
        const outcome = pick(OUTCOMES, it.a)!;
        e = {
          ...base,
          type: "completed",
          outcome,
          wrapUp: it.text,
          ...(it.b % 3
            ? {
                followUpDue: pick(
                  ["2099-01-01", "2001-01-01", "2099-01-01T09:30", "2099-01-01T09:30+02:00", "2001-01-01T09:30Z"],
                  it.c,
                )!,
              }
            : {}),
        };
        break;
      }
      case 16:
        e = { ...base, type: "followup.closed", note: it.text || "Closed" };
        break;
      case 17:
        e = { ...base, type: "started", sopId: doc.meta.id, versionId: 1 };
        break;
      case 18:
        e = { id: it.text, at: base.at, type: "note.added", text: "x" }; // malformed id
        break;
      case 25:
      case 26:
        e = { ...base, type: "step.completed", stepId: pick(stepIds, it.a) };
        break;
      case 28:
      case 29:
        e = { ...base, type: "note.drafted", text: it.text };
        break;
      case 30:
        // rarely: most runs should live long enough to exercise everything else
        e =
          it.b % 4 === 0
            ? { ...base, type: "discarded", ...(it.c % 2 ? { reason: it.text } : {}) }
            : { ...base, type: "note.drafted", text: it.text };
        break;
      default:
        // replay an earlier event (a client retry): same id, maybe a different payload
        e = it.reuse % 2 ? pick(events, it.a) : { ...pick(events, it.a)!, at: base.at };
        break;
    }
    events.push(e as RunEvent);
    state = reduce(doc, state, e);
  }
  return events;
}

const scenarioArb = fc.record({
  doc: fc.nat({ max: docs.length - 1 }).map((i) => docs[i]),
  intents: fc.array(intentArb, { minLength: 0, maxLength: 80, size: "max" }),
});

/** Folds reduce one event at a time over frozen states, checking invariants and the validate/reduce agreement. */
function fold(doc: SopDocument, events: RunEvent[]): RunState {
  let s = initialState(doc, events[0] as Extract<RunEvent, { type: "started" }>);
  checkInvariants(doc, s);
  for (const e of events.slice(1)) {
    const before = deepFreeze(s);
    const problem = validateEvent(doc, before, e);
    const duplicate =
      typeof (e as { id?: unknown }).id === "string" && before.appliedEventIds.includes((e as { id: string }).id);
    s = reduceStrict(doc, before, e); // throws on an internal error instead of swallowing it
    // the ingest's one-step check (an event the batch schema took) answers what validateEvent and reduce do
    const parsed = parseRunEvent(e);
    if (parsed.ok)
      expect(applyParsedEvent(doc, before, parsed.event)).toEqual(
        problem === null ? { ok: true, state: s } : { ok: false, message: problem },
      );
    // `before` is deep-frozen: any mutation would have thrown (ES modules are strict mode)
    if (problem !== null || duplicate) {
      expect(s).toBe(before);
    } else {
      expect(s).not.toBe(before);
      expect(s.appliedEventIds).toEqual([...before.appliedEventIds, (e as { id: string }).id]);
    }
    if (problem !== null) expect(problem.length).toBeGreaterThan(0);
    checkInvariants(doc, s);
  }
  return s;
}

describe("runbook properties (demo SOPs)", () => {
  it("any event sequence keeps the invariants; validateEvent, reduce, applyParsedEvent agree; no input mutates", () => {
    fc.assert(
      fc.property(scenarioArb, ({ doc, intents }) => {
        fold(doc, buildEvents(doc, intents));
      }),
      { numRuns: RUNS },
    );
  });

  it("replay equals folding reduce, and equals replaying a prefix then the rest", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), ({ doc, intents }, cut) => {
        const events = buildEvents(doc, intents);
        let folded = initialState(doc, events[0] as Extract<RunEvent, { type: "started" }>);
        for (const e of events.slice(1)) folded = reduce(doc, folded, e);
        const replayed = replay(doc, events);
        expect(isDeepStrictEqual(replayed, folded)).toBe(true);
        const k = 1 + (cut % events.length);
        const resumed = reduceAll(doc, replay(doc, events.slice(0, k)), events.slice(k));
        expect(isDeepStrictEqual(resumed, replayed)).toBe(true);
        // reduceAll must not leak its shared id list into the prefix state it started from
        const prefix = replay(doc, events.slice(0, k));
        const len = prefix.appliedEventIds.length;
        reduceAll(doc, prefix, events.slice(k));
        expect(prefix.appliedEventIds.length).toBe(len);
      }),
      { numRuns: RUNS },
    );
  });

  it("replaying with duplicated event ids gives the same state", () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }), ({ doc, intents }, dupes) => {
        const events = buildEvents(doc, intents);
        const once = replay(doc, events);
        const applied = new Set(once.appliedEventIds);
        // the positions of the events that actually applied (a refused event may be re-sent later and apply then)
        const appliedAt: number[] = [];
        let s = initialState(doc, events[0] as Extract<RunEvent, { type: "started" }>);
        events.forEach((e, i) => {
          const next = i === 0 ? s : reduce(doc, s, e);
          if (next !== s || i === 0) appliedAt.push(i);
          s = next;
        });
        // (positions tracked by original index: a re-sent event may be the very same object as an earlier one)
        const slots = events.map((e, i) => ({ e, i }));
        for (const [from, at] of dupes) {
          // re-send an applied event anywhere after the occurrence that applied it (a retried batch)
          const i = appliedAt[from % appliedAt.length];
          const first = slots.findIndex((x) => x.i === i);
          const pos = first + 1 + (at % (slots.length - first));
          slots.splice(pos, 0, { e: events[i], i: -1 });
        }
        const withDupes = slots.map((x) => x.e);
        expect(isDeepStrictEqual(replay(doc, withDupes), once)).toBe(true);
        // and re-sending every applied event changes nothing (same object back)
        expect(
          reduceAll(
            doc,
            once,
            events.filter((e) => applied.has((e as { id: string }).id)),
          ),
        ).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });
});
