import { describe, expect, it } from "vitest";
import { median, medianAndQuantile, quantile, share } from "./stats";

describe("median", () => {
  it("is null for no values and the value itself for one", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
  });

  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 5, 1, 9])).toBe(5);
  });

  it("leaves out values that are not finite and never reorders its input", () => {
    const input = [9, Number.NaN, 1, Infinity, 5];
    expect(median(input)).toBe(5);
    expect(input.slice(0, 3)).toEqual([9, Number.NaN, 1]);
    expect(input[4]).toBe(5);
  });

  it("sorts numerically, not as text", () => {
    expect(median([10, 9, 100])).toBe(10);
  });
});

describe("quantile (nearest rank)", () => {
  const one2ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

  it("is the value at rank ⌈q·n⌉", () => {
    expect(quantile(one2ten, 0.9)).toBe(9);
    expect(quantile(one2ten, 0.95)).toBe(10);
    expect(quantile(one2ten, 0.5)).toBe(5);
    expect(quantile(one2ten, 0.91)).toBe(10);
    expect(quantile(one2ten, 0.7)).toBe(7); // 0.7 × 10 is 7.000000000000001 in floating point
    expect(quantile(one2ten, 0.29)).toBe(3);
    // the textbook example: 15, 20, 35, 40, 50
    expect(quantile([50, 40, 35, 20, 15], 0.3)).toBe(20);
    expect(quantile([50, 40, 35, 20, 15], 0.4)).toBe(20);
    expect(quantile([50, 40, 35, 20, 15], 0.5)).toBe(35);
  });

  it("gives the minimum at 0 and the maximum at 1, null outside [0, 1] or for no values", () => {
    expect(quantile(one2ten, 0)).toBe(1);
    expect(quantile(one2ten, 1)).toBe(10);
    expect(quantile(one2ten, 1.5)).toBeNull();
    expect(quantile(one2ten, -0.1)).toBeNull();
    expect(quantile(one2ten, Number.NaN)).toBeNull();
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([4], 0.9)).toBe(4);
  });

  it("is always one of the values (no interpolation)", () => {
    expect(quantile([1, 100], 0.5)).toBe(1);
    expect(quantile([1, 100], 0.51)).toBe(100);
  });

  it("does not reorder its input", () => {
    const input = [3, 1, 2];
    quantile(input, 0.9);
    expect(input).toEqual([3, 1, 2]);
  });
});

describe("medianAndQuantile", () => {
  it("gives both from one copy, and nulls for no values", () => {
    expect(medianAndQuantile([3, -1, Number.NaN, 2, 10], 0.9)).toEqual({ median: 2.5, quantile: 10 });
    expect(medianAndQuantile([], 0.9)).toEqual({ median: null, quantile: null });
    expect(medianAndQuantile([1, 2], 2)).toEqual({ median: 1.5, quantile: null });
  });

  /** The same figures the slow way: sort, then index. */
  const reference = (values: number[], q: number) => {
    const s = [...values].sort((x, y) => x - y);
    const n = s.length;
    return {
      median: n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2,
      quantile: s[Math.max(1, Math.ceil(q * n - 1e-9)) - 1]!,
    };
  };
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

  it("selects what sorting would give, for shapes that trip naive quickselects", () => {
    const shapes: Record<string, (n: number) => number[]> = {
      random: (n) => Array.from({ length: n }, () => Math.floor(rnd() * 1e6)),
      sorted: (n) => Array.from({ length: n }, (_, i) => i),
      reversed: (n) => Array.from({ length: n }, (_, i) => n - i),
      equal: (n) => Array.from({ length: n }, () => 42),
      fewDistinct: (n) => Array.from({ length: n }, () => Math.floor(rnd() * 3)),
      organPipe: (n) => Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
      fractions: (n) => Array.from({ length: n }, () => rnd() - 0.5),
    };
    for (const [name, make] of Object.entries(shapes)) {
      for (const n of [1, 2, 3, 10, 601, 602, 1000, 5001]) {
        const values = make(n);
        for (const q of [0, 0.1, 0.5, 0.9, 0.99, 1])
          expect(medianAndQuantile(values, q), `${name} n=${n} q=${q}`).toEqual(reference(values, q));
      }
    }
  });

  it("handles 200,000 values", () => {
    const values = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 200_000);
    expect(median(values)).toBe(99_999.5);
    expect(quantile(values, 0.9)).toBe(179_999);
    expect(values[1]).toBe(7919);
  });
});

describe("share", () => {
  it("divides, and is null (not 0) when the whole is 0", () => {
    expect(share(1, 4)).toBe(0.25);
    expect(share(0, 4)).toBe(0);
    expect(share(0, 0)).toBeNull();
    expect(share(3, 0)).toBeNull();
  });
});
