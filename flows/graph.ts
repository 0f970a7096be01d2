// Graph algorithms the flow modules share (validate.ts, walkable.ts). Pure and browser-safe.

/**
 * The strongly connected components of the nodes `ids`, following the edges `next(id)` (an edge to a node not in
 * `ids` is skipped). Tarjan's algorithm, iterative: no recursion limit on long chains. The components come in
 * reverse topological order: each one before any component that leads to it. `next` is asked once per node.
 */
export function stronglyConnected(
  ids: readonly string[],
  next: (id: string) => readonly { readonly to: string }[],
): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  const within = new Set(ids);
  let counter = 0;
  const visit = (id: string) => {
    index.set(id, counter);
    low.set(id, counter++);
    stack.push(id);
    onStack.add(id);
    return { id, edges: next(id), i: 0 };
  };
  for (const root of ids) {
    if (index.has(root)) continue;
    const work = [visit(root)];
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.i < frame.edges.length) {
        const to = frame.edges[frame.i++].to;
        if (!within.has(to)) continue;
        if (!index.has(to)) work.push(visit(to));
        else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const scc: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          scc.push(id);
        } while (id !== frame.id);
        result.push(scc);
      }
    }
  }
  return result;
}
