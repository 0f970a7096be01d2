import { describe, expect, it } from "vitest";
import { stronglyConnected } from "./graph";

/** A successor function from "a>b" edges. */
function graph(edges: string[]) {
  const out = new Map<string, { to: string }[]>();
  for (const spec of edges) {
    const [from, to] = spec.split(">");
    out.set(from, [...(out.get(from) ?? []), { to }]);
  }
  return (id: string) => out.get(id) ?? [];
}

describe("stronglyConnected", () => {
  it("finds loops and single nodes, each component before the ones that lead to it", () => {
    const next = graph(["a>b", "b>c", "c>b", "c>d", "d>d", "e>a"]);
    expect(stronglyConnected(["a", "b", "c", "d", "e"], next)).toEqual([["d"], ["c", "b"], ["a"], ["e"]]);
  });

  it("skips edges to nodes it is not given, and asks for each node's edges once", () => {
    const asked: string[] = [];
    const next = graph(["a>ghost", "a>b", "b>a", "ghost>a"]);
    const sccs = stronglyConnected(["a", "b"], (id) => (asked.push(id), next(id)));
    expect(sccs).toEqual([["b", "a"]]);
    expect(asked).toEqual(["a", "b"]);
  });

  it("handles a chain far longer than the call stack allows recursion for", () => {
    const ids = Array.from({ length: 30_000 }, (_, i) => `n${i}`);
    const next = (id: string) => {
      const i = Number(id.slice(1));
      return [{ to: `n${(i + 1) % ids.length}` }];
    };
    const sccs = stronglyConnected(ids, next);
    expect(sccs).toHaveLength(1);
    expect(sccs[0]).toHaveLength(ids.length);
  });
});
