// The SOP page's flow diagrams, drawn once per published version. React Flow's server render is most of a page
// view's cost (layout, nodes, edges, markers: ~40 KB of HTML for a 14-node flow), and a published version never
// changes, so the server keeps the finished HTML of each diagram (diagram-html.server.ts fills this store; the
// page looks it up while rendering). Nothing here imports the server renderer: in the browser the store stays
// empty and FlowFigure mounts the live diagram after hydration.

/** A map that forgets its least recently used entries beyond `maxEntries` or `maxSize` (sum of `sizeOf`). */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  private size = 0;
  constructor(
    private readonly maxEntries: number,
    private readonly maxSize = Number.POSITIVE_INFINITY,
    private readonly sizeOf: (value: V) => number = () => 0,
  ) {
    if (!(maxEntries >= 1)) throw new RangeError("LruCache: maxEntries must be at least 1");
  }

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (hit === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, hit); // most recently used last
    return hit;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): void {
    const old = this.map.get(key);
    if (old !== undefined) {
      this.size -= this.sizeOf(old);
      this.map.delete(key);
    }
    const size = this.sizeOf(value);
    if (size > this.maxSize) return; // bigger than the whole cache: not kept
    this.map.set(key, value);
    this.size += size;
    while (this.map.size > this.maxEntries || this.size > this.maxSize) {
      const [oldest, v] = this.map.entries().next().value as [K, V];
      this.map.delete(oldest);
      this.size -= this.sizeOf(v);
    }
  }

  clear(): void {
    this.map.clear();
    this.size = 0;
  }

  get entries(): number {
    return this.map.size;
  }

  get totalSize(): number {
    return this.size;
  }
}

/** 300 diagrams or 16 M characters (~32 MB of UTF-16), whichever comes first; a demo diagram is ~40 K. */
export const diagramHtml = new LruCache<string, string>(300, 16_000_000, (html) => html.length);

export type DiagramVariant = { authoring: boolean; textDir?: "ltr" | "rtl" };

/**
 * The cache key of one diagram of one published version. `versionKey` must change whenever anything the
 * diagram shows can change: the SOP page uses the version's content hash (which also covers step titles).
 */
export function diagramKey(versionKey: string, flowId: string, variant: DiagramVariant): string {
  return `${versionKey}\u0000${flowId}\u0000${variant.authoring ? "author" : "reader"}\u0000${variant.textDir ?? ""}`;
}
