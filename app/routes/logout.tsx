import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { endSession } from "../auth/session.server";

export async function action({ request }: Route.ActionArgs) {
  return await endSession(request);
}

/** Signing out is a POST (a link or an image tag must not sign anyone out). */
export function loader() {
  return redirect("/");
}
