/**
 * Layout must not move under the pointer. When a text box loses focus because the agent pressed a button
 * (mousedown blurs the box), committing the value would re-render the step at once: an error appears or
 * goes away, a script line with `{field}` gets shorter, a banner closes — and the button moves between
 * mousedown and mouseup, so the click lands on nothing. Such updates wait here until the press is over
 * (its click delivered); a button whose handler needs them first (Done) takes them with `flushDeferred()`.
 */
let down = false;
let queued: (() => void)[] = [];
let installed = false;
let safety: ReturnType<typeof setTimeout> | undefined;

/** Runs what waits, in order, now. */
export function flushDeferred(): void {
  down = false;
  if (safety) clearTimeout(safety);
  safety = undefined;
  const run = queued;
  queued = [];
  for (const fn of run) fn();
}

function install() {
  if (installed || typeof window === "undefined") return;
  installed = true;
  window.addEventListener("pointerdown", () => (down = true), true);
  // After the click has been dispatched (click follows pointerup in the same task; a timeout runs after it).
  const release = () => setTimeout(flushDeferred, 0);
  window.addEventListener("pointerup", release, true);
  window.addEventListener("pointercancel", release, true);
  window.addEventListener("dragend", release, true);
  window.addEventListener("blur", release);
}

/** Runs `fn` now, or once the pointer that is pressed now has been released and its click delivered. */
export function afterPointerRelease(fn: () => void): void {
  install();
  if (!down) return fn();
  queued.push(fn);
  // A release the page never hears of (outside the window) must not hold a value back for long.
  safety ??= setTimeout(flushDeferred, 1500);
}

/** Call once early (the run screen mounts) so the first press is already tracked. */
export function trackPointer(): void {
  install();
}
