import { Outlet } from "react-router";
import type { Route } from "./+types/shell";
import { can } from "../auth/permissions";
import { requireUser } from "../auth/session.server";
import { getDb } from "../../db/client.server";
import { openTrainingCount } from "../training.server";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";
import { AppHeader } from "../components/shell/app-header";
import shellStyles from "../components/shell/shell.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: shellStyles }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  // The count beside "My training": what is left to read, confirm, pass or practise.
  const badges: Record<string, number> = can(user.role, "view:own-training")
    ? { "/training": await openTrainingCount(getDb(), user) }
    : {};
  return { user: { name: user.name, email: user.email, role: user.role }, canRun: can(user.role, "run:sop"), badges };
}

export default function Shell({ loaderData }: Route.ComponentProps) {
  const { user, canRun, badges } = loaderData;
  const { t } = useT();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <AppHeader user={user} canRun={canRun} badges={badges} />
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
