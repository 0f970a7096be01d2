// Small statistics over plain numbers. The dashboards take medians and percentiles of up to ~200,000 handle
// times: the values are copied into a Float64Array (the caller's array is never reordered) and the few order
// statistics needed are selected in it in linear time. A full sort would give the same values, but V8 takes
// ~20 ms to sort 200,000 doubles, which is most of an overview's budget.

/** The finite values in a new typed array (NaN and ±Infinity are left out). */
function finiteCopy(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) out[n++] = v;
  }
  return n === out.length ? out : out.subarray(0, n);
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * Reorders a[left..right] so that a[k] holds the value it would hold if that range were sorted, with nothing
 * larger before it and nothing smaller after it: Floyd and Rivest's SELECT (CACM 18(3), 1975), which narrows
 * large ranges around k by recursing on a small sample first, so sorted input, reversed input and many equal
 * values all stay linear.
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      select(
        a,
        k,
        Math.max(left, Math.floor(k - (i * s) / n + sd)),
        Math.min(right, Math.floor(k + ((n - i) * s) / n + sd)),
      );
    }
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * The 1-based nearest rank of quantile q among n values: ⌈q·n⌉, at least 1. q·n in floating point may land a
 * hair above an integer (0.7 × 10 = 7.000000000000001): that is rank 7, not 8.
 */
function nearestRank(q: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil(q * n - 1e-9)));
}

/**
 * The median and the nearest-rank q-quantile of the finite values, in one copy of them: what the dashboards
 * show for handle times (q = 0.9). Null when there are no values; the quantile is also null for a q outside
 * [0, 1]. See median and quantile for the definitions.
 */
export function medianAndQuantile(
  values: ArrayLike<number>,
  q: number,
): { median: number | null; quantile: number | null } {
  const a = finiteCopy(values);
  const n = a.length;
  if (n === 0) return { median: null, quantile: null };
  const lo = (n - 1) >> 1;
  const hi = n >> 1;
  const qk = q >= 0 && q <= 1 ? nearestRank(q, n) - 1 : -1;
  // each selection leaves everything after its index at least as large: the next one searches only there
  const ks = [...new Set([lo, hi, ...(qk >= 0 ? [qk] : [])])].sort((x, y) => x - y);
  const at = new Map<number, number>();
  let from = 0;
  for (const k of ks) {
    select(a, k, from, n - 1);
    at.set(k, a[k]!);
    from = k + 1;
  }
  return { median: (at.get(lo)! + at.get(hi)!) / 2, quantile: qk >= 0 ? at.get(qk)! : null };
}

/** The median: the middle value, or the mean of the two middle ones when their number is even; null for none. */
export function median(values: readonly number[]): number | null {
  return medianAndQuantile(values, -1).median;
}

/**
 * Nearest-rank quantile: the smallest value with at least q·n of the n values at or below it, i.e. the value at
 * rank ⌈q·n⌉ of the sorted values (1-based; q = 0 gives the minimum, q = 1 the maximum). Always one of the
 * values, never an interpolation, so "p90 = 7 min" means a real call took 7 minutes and 90 % took no longer.
 * Null for no values or a q outside [0, 1]; values that are not finite are left out.
 */
export function quantile(values: readonly number[], q: number): number | null {
  return medianAndQuantile(values, q).quantile;
}

/** part / whole, or null when whole is 0 (a rate of nothing is unknown, not 0 %). */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * medianAndQuantile over a histogram (value → how many times it occurs; counts ≤ 0 are left out): the same
 * figures as over the values written out, in time proportional to the number of distinct values. The dashboards
 * keep handle and step times this way, to the second (analytics/tally.ts): a year of calls is a few thousand
 * distinct values, not 200,000.
 */
export function histogramMedianAndQuantile(
  hist: ReadonlyMap<number, number>,
  q: number,
): { median: number | null; quantile: number | null } {
  const keys: number[] = [];
  let n = 0;
  for (const [v, c] of hist) {
    if (c > 0 && Number.isFinite(v)) {
      keys.push(v);
      n += c;
    }
  }
  if (n === 0) return { median: null, quantile: null };
  keys.sort((a, b) => a - b);
  const lo = (n - 1) >> 1;
  const hi = n >> 1;
  const qk = q >= 0 && q <= 1 ? nearestRank(q, n) - 1 : -1;
  let loV = 0;
  let hiV = 0;
  let qV: number | null = null;
  let seen = 0;
  for (const v of keys) {
    const next = seen + hist.get(v)!;
    if (lo >= seen && lo < next) loV = v;
    if (hi >= seen && hi < next) hiV = v;
    if (qk >= seen && qk < next) qV = v;
    seen = next;
    if (seen > hi && (qk < 0 || seen > qk)) break;
  }
  return { median: (loV + hiV) / 2, quantile: qV };
}
