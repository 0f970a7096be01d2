// The one place where a refusal becomes an HTTP response. Domain code throws a Refusal (db/refusal.ts) for what a
// person can fix — LifecycleError, TrainingError, FeedbackError and UserError (db/), AnalyticsError (dashboards),
// ScratchError (the flow scratchpad), PolicyDenied (the policy), RunApiError (runs) — each with a 4xx status and a
// message for a person; routes hand whatever they catch to one of these. Anything else is a bug and propagates (a
// logged 500).
import { data } from "react-router";
import { Refusal as RefusalError } from "../db/refusal";

export type Refusal = { status: number; message: string; field?: string; details?: Record<string, unknown> };

/** The 4xx a known refusal stands for, or null for anything else. */
export function refusalOf(error: unknown): Refusal | null {
  if (error instanceof RefusalError) {
    return {
      status: error.status,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (error instanceof SyntaxError) return { status: 400, message: "The request body is not valid JSON." };
  return null;
}

/** For loaders and actions that render pages: a 4xx the route's error boundary shows; anything else rethrown. */
export function throwRouteError(error: unknown): never {
  const refusal = refusalOf(error);
  if (refusal) throw data({ message: refusal.message }, { status: refusal.status });
  throw error;
}

/** What `find` returns, or its refusal as the route's error response (throwRouteError): a loader's lookups. */
export async function orRouteError<T>(find: () => T | Promise<T>): Promise<T> {
  try {
    return await find();
  } catch (e) {
    throwRouteError(e);
  }
}

/** For JSON endpoints: `{ error, ...details }` with the refusal's status; anything else rethrown. */
export function jsonError(error: unknown): Response {
  const refusal = refusalOf(error);
  if (refusal) return Response.json({ error: refusal.message, ...refusal.details }, { status: refusal.status });
  throw error;
}

/**
 * For form actions: a known refusal as the field errors the form shows beside the input that was wrong (`form`
 * when the refusal names no field), with its status; null for anything else (the caller rethrows it).
 */
export function formRefusal(error: unknown): { status: number; fieldErrors: Record<string, string> } | null {
  const refusal = refusalOf(error);
  if (!refusal) return null;
  return { status: refusal.status, fieldErrors: { [refusal.field ?? "form"]: refusal.message } };
}

/** What a page with several forms answers: which form (`intent`), its field errors, a message, and its own extras. */
export type IntentAnswer<Extra extends object = object> = {
  intent: string;
  fieldErrors: Record<string, string>;
  message: string | null;
} & Extra;

/**
 * For form actions serving several forms, told apart by their `intent` field. `answer` builds the result (with a
 * status other than 200 through `data`, so the page still gets it as its action data); `dispatch` runs the intent's
 * handler — after `before`, a check every intent shares — and answers an unknown intent with a 400 and a known
 * refusal with the field errors beside the input that was wrong (formRefusal). Anything else propagates.
 */
export function intentActions<Extra extends object>(blank: Extra) {
  const respond = (intent: string, rest: object, status: number) => {
    const body = { intent, fieldErrors: {}, message: null, ...blank, ...rest } as IntentAnswer<Extra>;
    return status === 200 ? body : data(body, { status });
  };
  const answer = (intent: string, rest: Partial<IntentAnswer<Extra>> = {}, status = 200) =>
    respond(intent, rest, status);
  type Answer = ReturnType<typeof respond>;
  const dispatch = async (
    intent: string,
    handlers: Record<string, () => Answer | Promise<Answer>>,
    options: { unknownIntent: string; before?: () => void },
  ): Promise<Answer> => {
    try {
      options.before?.();
      const handler = Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
      if (!handler) return respond(intent, { fieldErrors: { form: options.unknownIntent } }, 400);
      return await handler();
    } catch (e) {
      const refusal = formRefusal(e);
      if (refusal) return respond(intent, { fieldErrors: refusal.fieldErrors }, refusal.status);
      throw e;
    }
  };
  return { answer, dispatch };
}

/** RFC 9457 problem details: what the versioned API (`/api/v1`) answers for every refusal. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** the request field that was wrong (a JSON pointer-ish path: `fields.email`, `events[2].stepId`) */
  field?: string;
  [extra: string]: unknown;
};

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  423: "Locked",
  429: "Too many requests",
};

export function problemResponse(
  status: number,
  detail: string,
  options: { field?: string; headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
): Response {
  const body: Problem = {
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail,
    ...(options.field ? { field: options.field } : {}),
    ...options.extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...options.headers },
  });
}

/** For the versioned API: a refusal (or a thrown Response: a 401, a 429) as problem+json; anything else rethrown. */
export function problemOf(error: unknown): Response {
  if (error instanceof Response) return error;
  const refusal = refusalOf(error);
  if (refusal)
    return problemResponse(refusal.status, refusal.message, { field: refusal.field, extra: refusal.details });
  throw error;
}
