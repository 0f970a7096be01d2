// A fix for quadratic parse time in micromark (used by remark-parse), applied at run time.
// Browser-safe.
//
// `EditMap.consume(events)` (micromark-util-edit-map 1.0.0, used by micromark 4.0.3) applies a batch of
// edits by copying *every* event, including the untouched prefix before the first edit, and pushing them
// all back. micromark calls it on the whole document's event list each time a list or block quote ends
// (micromark/lib/initialize/document.js) and on the flow events at each setext heading
// (micromark-core-commonmark/lib/setext-underline.js); the edits are always near the end, so each call costs
// the whole document so far. Measured here: 8,000 small lists in 86 KB took 13.5 s; 100 KB of setext
// headings 13 s; 100 KB of steps that each hold a list 3.2 s. With the prefix left in place the same inputs
// parse in a few hundred milliseconds.
//
// The patched `consume` gives exactly the same result: it keeps `events[0 … firstEdit)` where it is instead of
// copying it out and back. `patchMicromarkEditMap()` is idempotent and checks the shape it patches; if a
// future micromark changes it, the patch is skipped (and the test in parse-limits.test.ts says so).
import { EditMap } from "micromark-util-edit-map";

type Event = unknown;
type Change = [number, number, Event[]];
type EditMapShape = { map: Change[]; index?: Map<number, Change> };

const PATCHED = Symbol.for("stepwise.micromark-edit-map-linear-consume");

function consumeKeepingPrefix(this: EditMapShape, events: Event[]): void {
  this.map.sort((a, b) => a[0] - b[0]);
  if (this.map.length === 0) return;
  // Cut the list at each edit, from the last one back: `vecs` holds [tail, added] pairs in reverse order.
  let index = this.map.length;
  const vecs: Event[][] = [];
  while (index > 0) {
    index -= 1;
    const [at, remove, add] = this.map[index];
    vecs.push(events.slice(at + remove), add);
    events.length = at;
  }
  // `events` now holds exactly the untouched prefix; append the rest in order.
  let slice = vecs.pop();
  while (slice) {
    for (const element of slice) events.push(element);
    slice = vecs.pop();
  }
  this.map.length = 0;
  this.index?.clear();
}

/** True when micromark's EditMap runs with the linear consume (after this call). */
export function patchMicromarkEditMap(): boolean {
  const proto = (EditMap as unknown as { prototype: Record<string | symbol, unknown> }).prototype;
  if (proto[PATCHED]) return true;
  const probe = new (EditMap as unknown as new () => EditMapShape)();
  if (typeof proto.consume !== "function" || !Array.isArray(probe.map)) return false;
  proto.consume = consumeKeepingPrefix;
  proto[PATCHED] = true;
  return true;
}
