// Figures as the dashboards print them, in the viewer's language (digits included).
import type { Translator } from "../../../i18n";

/** 4:05, 1:02:10 (h:mm:ss from an hour), or "–" for no value. */
export function formatDuration(tr: Pick<Translator, "number">, ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "–";
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => tr.number(n, { minimumIntegerDigits: 2, useGrouping: false });
  return h > 0 ? `${tr.number(h)}:${two(m)}:${two(s)}` : `${tr.number(m)}:${two(s)}`;
}

/** 12 %, 0.4 % for small shares, "–" for no value. */
export function formatShare(tr: Pick<Translator, "number">, share: number | null | undefined): string {
  if (share == null || !Number.isFinite(share)) return "–";
  return tr.number(share, { style: "percent", maximumFractionDigits: share > 0 && share < 0.1 ? 1 : 0 });
}

export function formatCount(tr: Pick<Translator, "number">, n: number | null | undefined): string {
  return n == null ? "–" : tr.number(n);
}
