// What domain code throws when it refuses a request for a reason the person can fix: a 4xx status, the message to
// show them, which input was wrong (optional) and details a JSON client may use. db/ is the lowest layer that throws
// them, so the base lives here (no database code in it); app/http-errors.server.ts turns any Refusal into a response
// with one `instanceof`, and anything else that reaches a route stays a bug (a logged 500).

export type RefusalStatus = 400 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429;

export type RefusalOptions = {
  /** the input the refusal is about (a form field's name), for pages that show it beside that input */
  field?: string;
  /** extra JSON a client may act on (a code, the trainers to ask): spread into a JSON error answer */
  details?: Record<string, unknown>;
};

export class Refusal extends Error {
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly status: RefusalStatus,
    message: string,
    options: RefusalOptions = {},
  ) {
    super(message);
    this.name = new.target.name;
    if (options.field !== undefined) this.field = options.field;
    if (options.details !== undefined) this.details = options.details;
  }
}
