import { describe, expect, it } from "vitest";
import { FeedbackError } from "../db/feedback.server";
import { Refusal } from "../db/refusal";
import { TrainingError } from "../db/training.server";
import { UserError } from "../db/users.server";
import { LifecycleError } from "../db/versions.server";
import { AnalyticsError } from "./analytics.server";
import { PolicyDenied } from "./auth/policy";
import { ScratchError } from "./routes/flows-scratch.server";
import { formRefusal, intentActions, jsonError, refusalOf, throwRouteError } from "./http-errors.server";
import { RunApiError } from "./runs.server";

// Every domain refusal, built with its own constructor as callers build it, and what the response must carry.
const cases: { name: string; error: Error; status: number; field?: string; details?: Record<string, unknown> }[] = [
  { name: "LifecycleError", error: new LifecycleError("Archived.", 423), status: 423 },
  { name: "LifecycleError (default 400)", error: new LifecycleError("Needs a note."), status: 400 },
  { name: "TrainingError", error: new TrainingError("No such quiz.", 404), status: 404 },
  { name: "FeedbackError", error: new FeedbackError("Already handled.", 409), status: 409 },
  { name: "UserError", error: new UserError("That e-mail is taken.", "email"), status: 400, field: "email" },
  {
    name: "AnalyticsError",
    error: new AnalyticsError(400, "The period is too long.", "from"),
    status: 400,
    field: "from",
  },
  { name: "ScratchError", error: new ScratchError("No such SOP.", 404), status: 404 },
  { name: "PolicyDenied", error: new PolicyDenied(403, "Not your department."), status: 403 },
  {
    name: "RunApiError",
    error: new RunApiError(403, "Certify first.", { code: "certification-required" }),
    status: 403,
    details: { code: "certification-required" },
  },
];

describe("refusalOf", () => {
  it.each(cases)("$name → its status, message and field", ({ error, status, field, details }) => {
    expect(error).toBeInstanceOf(Refusal);
    expect(refusalOf(error)).toEqual({
      status,
      message: error.message,
      ...(field ? { field } : {}),
      ...(details ? { details } : {}),
    });
  });

  it("keeps each class's name (logs and error pages read it)", () => {
    expect(new LifecycleError("x").name).toBe("LifecycleError");
    expect(new PolicyDenied(403, "x").name).toBe("PolicyDenied");
  });

  it("reads a body that is not JSON as a 400", () => {
    expect(refusalOf(new SyntaxError("Unexpected token"))).toEqual({
      status: 400,
      message: "The request body is not valid JSON.",
    });
  });

  it("knows nothing else: a bug stays a bug", () => {
    expect(refusalOf(new Error("boom"))).toBeNull();
    expect(refusalOf("not even an error")).toBeNull();
  });
});

describe("throwRouteError and jsonError", () => {
  it("answer a refusal with its status", async () => {
    const response = jsonError(new RunApiError(409, "Out of date.", { eventCount: 3 }));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: "Out of date.", eventCount: 3 });
    expect(() => throwRouteError(new LifecycleError("Gone.", 404))).toThrow(
      expect.objectContaining({ init: expect.objectContaining({ status: 404 }) }),
    );
  });

  it("rethrow an unknown error unchanged", () => {
    const bug = new TypeError("undefined is not a function");
    expect(() => jsonError(bug)).toThrow(bug);
    expect(() => throwRouteError(bug)).toThrow(bug);
  });
});

describe("formRefusal", () => {
  it("puts a refusal's message on the field it names, else on the form", () => {
    expect(formRefusal(new UserError("That e-mail is taken.", "email"))).toEqual({
      status: 400,
      fieldErrors: { email: "That e-mail is taken." },
    });
    expect(formRefusal(new LifecycleError("Gone.", 404))).toEqual({ status: 404, fieldErrors: { form: "Gone." } });
    expect(formRefusal(new TypeError("bug"))).toBeNull();
  });
});

describe("intentActions", () => {
  const { answer, dispatch } = intentActions<{ secret: string | null }>({ secret: null });
  const checks: string[] = [];
  const run = (intent: string) =>
    dispatch(
      intent,
      {
        save: () => answer(intent, { message: "Saved." }),
        rotate: async () => answer(intent, { secret: "s3cret" }),
        taken: () => {
          throw new UserError("That e-mail is taken.", "email");
        },
        bug: () => {
          throw new TypeError("bug");
        },
      },
      { unknownIntent: "Choose what to do.", before: () => void checks.push(intent) },
    );

  it("answers with the intent's handler, the blank fields filled in", async () => {
    expect(await run("save")).toEqual({ intent: "save", fieldErrors: {}, message: "Saved.", secret: null });
    expect(await run("rotate")).toEqual({ intent: "rotate", fieldErrors: {}, message: null, secret: "s3cret" });
    expect(answer("save", { fieldErrors: { name: "Enter a name." } }, 400)).toMatchObject({
      data: { intent: "save", fieldErrors: { name: "Enter a name." } },
      init: { status: 400 },
    });
  });

  it("refuses an unknown intent, answers a refusal on its field, lets a bug through; `before` goes first", async () => {
    checks.length = 0;
    expect(await run("toString")).toMatchObject({
      data: { intent: "toString", fieldErrors: { form: "Choose what to do." } },
      init: { status: 400 },
    });
    expect(await run("taken")).toMatchObject({
      data: { intent: "taken", fieldErrors: { email: "That e-mail is taken." }, message: null, secret: null },
      init: { status: 400 },
    });
    await expect(run("bug")).rejects.toThrow(TypeError);
    expect(checks).toEqual(["toString", "taken", "bug"]);
    const gone = () => {
      throw new LifecycleError("Gone.", 404);
    };
    expect(
      await dispatch("save", { save: () => answer("save") }, { unknownIntent: "Choose.", before: gone }),
    ).toMatchObject({ data: { intent: "save", fieldErrors: { form: "Gone." } }, init: { status: 404 } });
  });
});
