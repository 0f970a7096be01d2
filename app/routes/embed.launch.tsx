import { useEffect } from "react";
import { data, useNavigate } from "react-router";
import type { Route } from "./+types/embed.launch";
import { EmbedRefusal } from "../components/embed/embed-refusal";
import { installEmbedFetch, setEmbedToken } from "../components/embed/embed-client";
import { useT } from "../components/i18n";
import { launch } from "../embed.server";

/**
 * GET /embed/launch?token=<JWT> — the help desk's sidebar opens this (docs/embedding.md). A good token becomes an
 * embed session: its token reaches the page in the loader data (not a URL), the page keeps it (embed-client.ts) and
 * moves on to the run. A refused one is a page saying why, 401/403, framable by the integration's origins.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const result = await launch(request);
  const { headers, ...body } = result;
  return data(body, { status: result.ok ? 200 : result.status, headers });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => {
  const out: Record<string, string> = {
    "Content-Security-Policy": loaderHeaders.get("Content-Security-Policy") ?? "frame-ancestors 'none'",
    "Cache-Control": "no-store",
  };
  // the launch URL carries the JWT: nothing this page loads may send it on as a Referer
  const referrer = loaderHeaders.get("Referrer-Policy");
  if (referrer) out["Referrer-Policy"] = referrer;
  return out;
};

/** A launch token works once: its loader must never run again for the same page (a revalidation would be a replay). */
export const shouldRevalidate = () => false;

export const meta: Route.MetaFunction = () => [{ title: "Stepwise runbook" }, { name: "robots", content: "noindex" }];

export default function EmbedLaunch({ loaderData }: Route.ComponentProps) {
  const tr = useT();
  const navigate = useNavigate();
  const ok = loaderData.ok;
  const token = loaderData.ok ? loaderData.token : null;
  const next = loaderData.ok ? loaderData.next : null;
  useEffect(() => {
    if (!token || !next) return;
    setEmbedToken(token);
    installEmbedFetch();
    void navigate(next, { replace: true });
  }, [token, next, navigate]);
  if (!loaderData.ok) return <EmbedRefusal reason={loaderData.reason} detail={loaderData.detail} />;
  return (
    <p className="embed-loading" role="status" data-launched={ok ? "" : undefined}>
      {tr.t("embed.loading")}
    </p>
  );
}
