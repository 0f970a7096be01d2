import { useCallback, useEffect, useState } from "react";
import { embedJson, EmbedRequestError } from "./embed-client";

export type EmbedData<T> =
  | { kind: "loading" }
  | { kind: "ok"; data: T }
  | { kind: "no-session" }
  | { kind: "refused"; status: number; message: string };

/**
 * An embed page's data, read in the browser with the embed session's header (embed-client.ts). Not a route
 * clientLoader: the token lives in this document only, and the page renders the same on the server and on hydration.
 */
export function useEmbedData<T>(url: string): { result: EmbedData<T>; reload: () => void } {
  const [result, setResult] = useState<EmbedData<T>>({ kind: "loading" });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    embedJson<T>(url)
      .then((data) => live && setResult({ kind: "ok", data }))
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof EmbedRequestError && e.status === 401) setResult({ kind: "no-session" });
        else
          setResult({
            kind: "refused",
            status: e instanceof EmbedRequestError ? e.status : 0,
            message: String((e as Error).message ?? e),
          });
      });
    return () => {
      live = false;
    };
  }, [url, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { result, reload };
}
