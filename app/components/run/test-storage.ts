// For the outbox and run-sync tests: the browser storage they write to, kept in a Map the test can inspect.

/** A localStorage stand-in; `m` is the map behind it. */
export function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
}
