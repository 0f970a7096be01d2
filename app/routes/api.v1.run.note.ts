import type { Route } from "./+types/api.v1.run.note";
import { getRunNoteV1, v1 } from "../api-v1.server";

/** GET /api/v1/runs/:runId/note — the wrap-up note, in the SOP's language. */
export function loader(args: Route.LoaderArgs) {
  return v1("getRunNote", args, getRunNoteV1);
}

export function action(args: Route.ActionArgs) {
  return v1("getRunNote", args, getRunNoteV1);
}
