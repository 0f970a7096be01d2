import analytics from "./analytics";
import app from "./app";
import charts from "./charts";
import followups from "./followups";
import home from "./home";
import quickfind from "./quickfind";
import run from "./run";
import runbook from "./runbook";
import sop from "./sop";
import tables from "./tables";
import training from "./training";
import integrations from "./integrations";
import webhooks from "./webhooks";
import embed from "./embed";
import apiref from "./apiref";

/** Every catalog area. Add an area here when you add a file beside this one. */
export const AREAS = {
  app,
  run,
  runbook,
  sop,
  quickfind,
  followups,
  home,
  tables,
  training,
  analytics,
  charts,
  integrations,
  webhooks,
  embed,
  apiref,
};

type Areas = typeof AREAS;
export type MessageId = { [A in keyof Areas]: keyof Areas[A]["en"] & string }[keyof Areas];
