export type Row = { name: string; median_ms: number; p95_ms: number; target?: string; note?: string };

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns the median and p95 in milliseconds. */
export async function measure(
  fn: () => unknown,
  { runs = 50, warmup = 5 } = {},
): Promise<{ median_ms: number; p95_ms: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    median_ms: times[Math.floor(times.length / 2)]!,
    p95_ms: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!,
  };
}

export function printTable(rows: Row[]): void {
  const header = ["benchmark", "median ms", "p95 ms", "target", "note"];
  const body = rows.map((r) => [r.name, r.median_ms.toFixed(2), r.p95_ms.toFixed(2), r.target ?? "", r.note ?? ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ") + " |";
  console.log(line(header));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const b of body) console.log(line(b));
}

/** Largest gap between ticks of an `everyMs` interval while `work` runs: how long the event loop was blocked. */
export async function maxTickGap<T>(work: () => Promise<T>, everyMs = 5): Promise<{ gap: number; result: T }> {
  let gap = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, everyMs);
  try {
    const result = await work();
    return { gap, result };
  } finally {
    clearInterval(timer);
  }
}
