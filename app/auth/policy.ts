// Who may do what, written once. Pure data in, a decision out: no DB, no React, no request. Every loader and
// action that touches an SOP or a run asks `decide` (or `authorize`, which throws the refusal); role-only gates
// stay in permissions.ts (`can`). The table-driven test beside this file is the specification.
import { Refusal } from "../../db/refusal";
import type { Role } from "../../db/roles";
import { can, type Permission } from "./permissions";

/** The signed-in person, as the policy sees them. */
export type Actor = { id: string; role: Role; departmentId: number | null };

export type VersionState = "draft" | "in_review" | "published" | "superseded" | "archived";

/** The SOP (and, for version-level actions, the version) an action is about. */
export type SopSubject = {
  departmentId: number;
  archived: boolean;
  /** agents see a published version of it (a draft of it can be discarded; a new SOP's first draft cannot) */
  published?: boolean;
  /** the version acted on: the open draft/review, or the version a rollback would republish */
  version?: {
    state: VersionState;
    /** who wrote it: its creator, its last editor and whoever sent it to review */
    authorIds: readonly string[];
    reviewerId: string | null;
    /** published at some point (rollback may only bring such a version back) */
    everPublished: boolean;
    /** it is the SOP's current published version */
    current?: boolean;
  };
};

export type SopAction =
  /** read drafts, reviews, history and sources (authors and reviewers across departments) */
  | "read-drafts"
  /** start a draft (an explicit POST, never a GET) or save one */
  | "edit"
  | "submit"
  | "withdraw"
  /** throw away the open draft: the SOP stays at its published version */
  | "discard"
  /** change who reviews a version that is in review */
  | "reassign"
  | "review"
  | "publish"
  | "archive"
  | "restore"
  | "rollback";

export type RunSubject = {
  agentId: string;
  /** the department of the run's SOP */
  departmentId: number | null;
  /** a practice run (training), never a live call */
  practice: boolean;
  /** trainers responsible for the run's agent (a trainee) */
  trainerIds: readonly string[];
};

export type RunAction = "read" | "write";

export type StartSubject = { published: boolean; archived: boolean };

export type Decision =
  { ok: true; note?: "sole-admin-self-review" } | { ok: false; status: 400 | 403 | 404 | 409 | 423; reason: string };

const ALLOW: Decision = { ok: true };
const deny = (reason: string, status: 400 | 403 | 409 | 423 = 403): Decision => ({ ok: false, status, reason });

/** A lead acts on the SOPs of their own department; an admin on all. Nobody else acts on SOPs. */
export function inScope(actor: Actor, departmentId: number | null): boolean {
  if (actsOnAllDepartments(actor)) return true;
  return actor.role === "lead" && actor.departmentId != null && actor.departmentId === departmentId;
}

/** Acts on every department (admins): sees every review queue and every overdue SOP, not only their own. */
export function actsOnAllDepartments(actor: Pick<Actor, "role">): boolean {
  return actor.role === "admin";
}

const OUT_OF_SCOPE = "You can only change SOPs of your own department.";

function needs(actor: Actor, permission: Permission, what: string): Decision | null {
  return can(actor.role, permission) ? null : deny(`Your role cannot ${what}.`);
}

function needState(subject: SopSubject, states: readonly VersionState[], what: string): Decision | null {
  const v = subject.version;
  if (!v) return deny(`This SOP has no version to ${what}.`, 409);
  if (!states.includes(v.state))
    return deny(`This version is ${v.state.replace("_", " ")}: it cannot be ${what}.`, 409);
  return null;
}

/**
 * Whether `actor` may take `action` on an SOP. Version-level rules (state, authorship) need `subject.version`.
 * `reviewers` is how many *other* active leads and admins could review: an admin alone may review their own
 * work, explicitly, and the decision says so (the caller audits it).
 */
export function decideSop(
  actor: Actor,
  action: SopAction,
  subject: SopSubject,
  context: { otherReviewers?: number } = {},
): Decision {
  switch (action) {
    case "read-drafts":
      return needs(actor, "edit:sop", "read drafts") ?? ALLOW;
    case "edit":
      return (
        needs(actor, "edit:sop", "edit SOPs") ??
        (inScope(actor, subject.departmentId) ? null : deny(OUT_OF_SCOPE)) ??
        (subject.archived ? deny("This SOP is archived — restore it before editing.", 423) : null) ??
        (subject.version?.state === "in_review"
          ? deny("This version is in review: withdraw it to edit.", 423)
          : null) ??
        ALLOW
      );
    case "submit":
      return (
        needs(actor, "edit:sop", "send SOPs to review") ??
        (inScope(actor, subject.departmentId) ? null : deny(OUT_OF_SCOPE)) ??
        needState(subject, ["draft"], "sent to review") ??
        ALLOW
      );
    case "withdraw":
    case "reassign": {
      const denied =
        needs(actor, "edit:sop", action === "withdraw" ? "withdraw reviews" : "change reviewers") ??
        needState(subject, ["in_review"], action === "withdraw" ? "withdrawn" : "reassigned");
      if (denied) return denied;
      const isAuthor = subject.version!.authorIds.includes(actor.id);
      return isAuthor || inScope(actor, subject.departmentId) ? ALLOW : deny(OUT_OF_SCOPE);
    }
    case "discard": {
      const denied =
        needs(actor, "edit:sop", "discard drafts") ??
        needState(subject, ["draft"], "discarded") ??
        (subject.published
          ? null
          : deny("A new SOP's first draft can't be discarded: archive the SOP if it is not needed.", 409));
      if (denied) return denied;
      const isAuthor = subject.version!.authorIds.includes(actor.id);
      return isAuthor || inScope(actor, subject.departmentId) ? ALLOW : deny(OUT_OF_SCOPE);
    }
    case "review": {
      const denied = needs(actor, "review:sop", "review SOPs") ?? needState(subject, ["in_review"], "reviewed");
      if (denied) return denied;
      const v = subject.version!;
      const isAuthor = v.authorIds.includes(actor.id);
      const assigned = v.reviewerId === actor.id;
      if (isAuthor) {
        // Four eyes: the reviewer is someone else. The one exception: an admin with nobody else to ask.
        if (actor.role === "admin" && assigned && (context.otherReviewers ?? 1) === 0)
          return { ok: true, note: "sole-admin-self-review" };
        return deny("You wrote this version: someone else has to review it.");
      }
      // The chosen reviewer may be in another department (the author picked them); an admin may step in.
      if (assigned || actor.role === "admin") return ALLOW;
      return deny("Only the reviewer the author chose (or an admin) can decide on this review.");
    }
    case "publish":
      return (
        needs(actor, "publish:sop", "publish SOPs") ??
        (inScope(actor, subject.departmentId) ? null : deny(OUT_OF_SCOPE)) ??
        needState(subject, ["in_review"], "published") ??
        ALLOW
      );
    case "archive":
    case "restore":
      return (
        needs(actor, "publish:sop", "archive SOPs") ??
        (inScope(actor, subject.departmentId) ? null : deny(OUT_OF_SCOPE)) ??
        (subject.archived === (action === "archive")
          ? deny(action === "archive" ? "This SOP is already archived." : "This SOP is not archived.", 409)
          : null) ??
        ALLOW
      );
    case "rollback": {
      const denied =
        needs(actor, "publish:sop", "roll back SOPs") ??
        (inScope(actor, subject.departmentId) ? null : deny(OUT_OF_SCOPE));
      if (denied) return denied;
      const v = subject.version;
      if (!v) return deny("Choose a version to roll back to.", 409);
      // Only reviewed content may reach agents: a draft or a version in review is never "rolled back" to.
      if (!v.everPublished || v.state === "draft" || v.state === "in_review")
        return deny("Only a version that was published before can be rolled back to.", 409);
      if (v.current) return deny("That version is already the published version.", 409);
      return ALLOW;
    }
  }
}

/**
 * Who may choose whom as reviewer: an active lead or admin other than the version's authors. An admin with no
 * other lead or admin may name themselves (the review is then marked as a self-review in the audit log).
 */
export function decideReviewer(
  actor: Actor,
  reviewer: { id: string; role: Role; active: boolean } | undefined,
  authorIds: readonly string[],
  otherReviewers: number,
): Decision {
  if (!reviewer || !reviewer.active || !can(reviewer.role, "review:sop"))
    return deny("Choose an active lead or admin as the reviewer.", 400);
  if (reviewer.id === actor.id || authorIds.includes(reviewer.id)) {
    if (actor.role === "admin" && reviewer.id === actor.id && otherReviewers === 0)
      return { ok: true, note: "sole-admin-self-review" };
    return deny("The reviewer must be someone other than the author: choose another lead or admin.");
  }
  return ALLOW;
}

/** Runs are seen by their agent, their department's leads and admins; trainers see practice runs of their trainees. */
export function decideRun(actor: Actor, action: RunAction, run: RunSubject): Decision {
  const own = run.agentId === actor.id;
  if (action === "write") return own ? ALLOW : deny("Only the agent who started this run can change it.");
  if (own || actor.role === "admin") return ALLOW;
  if (actor.role === "lead" && actor.departmentId != null && actor.departmentId === run.departmentId) return ALLOW;
  if (actor.role === "trainer" && run.practice && run.trainerIds.includes(actor.id)) return ALLOW;
  return deny("You cannot see this run.");
}

/** A run can start only on a published SOP that is not archived. */
export function decideStart(actor: Actor, sop: StartSubject): Decision {
  if (!can(actor.role, "run:sop")) return deny("Your role cannot run procedures.");
  if (sop.archived) return deny("This SOP is archived: it can no longer be run.", 409);
  if (!sop.published) return deny("Only published versions can be run.", 409);
  return ALLOW;
}

export type ProfileAction = "read" | "edit";

/**
 * A profile (interface language, time zone) belongs to its owner: every role reads and edits their own and
 * nobody else's, admins included (they change other accounts' name, role and department on the admin pages).
 */
export function decideProfile(actor: Actor, _action: ProfileAction, profile: { userId: string }): Decision {
  return profile.userId === actor.id ? ALLOW : deny("You can only change your own profile.");
}

/**
 * The SOPs whose upkeep an actor oversees in lists (overdue reviews, agents' flags): exactly the departments
 * `inScope` lets them act on — every department for an admin, a lead's own, none for anyone else.
 */
export type SopListScope = { all: true } | { all: false; departmentId: number | null };

export function sopListScope(actor: Actor): SopListScope {
  if (actsOnAllDepartments(actor)) return { all: true };
  return { all: false, departmentId: actor.role === "lead" ? actor.departmentId : null };
}

export type TrainingAction =
  /** see their own My training, read, acknowledge, take quizzes, practise */
  | "learn"
  /** see a person's training record: states, attempts with answers, practice scores */
  | "view-person"
  /** assign, unassign, change due dates, learning paths */
  | "assign"
  /** comment on practice runs, allow more quiz attempts */
  | "coach";

/**
 * Training: people learn for themselves; trainers look after the people of their department (a trainer without a
 * department, or an admin, after everyone). Nobody else sees another person's results or answers.
 */
export function decideTraining(
  actor: Actor,
  action: TrainingAction,
  person?: { userId: string; departmentId: number | null },
): Decision {
  if (action === "learn") return needs(actor, "view:own-training", "take training") ?? ALLOW;
  // A person's full record (every attempt with the answer key) is for trainers: learners see their own progress
  // through "learn", never the record.
  const denied = needs(
    actor,
    action === "view-person" ? "view:trainees" : "assign:training",
    action === "assign" ? "assign training" : action === "coach" ? "coach trainees" : "see other people's training",
  );
  if (denied) return denied;
  if (!person || actor.role === "admin" || actor.departmentId == null || person.departmentId === actor.departmentId)
    return ALLOW;
  return deny("This person is not in your department: their trainer looks after them.");
}

/** The refusal as an error: the one HTTP error path (app/lib/http-errors) turns it into a 4xx with the reason. */
export class PolicyDenied extends Refusal {
  declare readonly status: 400 | 403 | 404 | 409 | 423;
  constructor(status: 400 | 403 | 404 | 409 | 423, message: string) {
    super(status, message);
  }
}

/** Throws PolicyDenied unless the decision allows; returns the decision (its `note`, if any). */
export function authorize(decision: Decision): Extract<Decision, { ok: true }> {
  if (!decision.ok) throw new PolicyDenied(decision.status, decision.reason);
  return decision;
}

export type FeedbackAction = "read" | "accept" | "done" | "dismiss" | "reopen";

/**
 * Agents' flags reach the SOP's leads: a lead reads and handles the flags of their department's SOPs, an admin
 * all of them; nobody else (the agent who flagged sees their own on their home page, not the inbox).
 */
export function decideFeedback(actor: Actor, _action: FeedbackAction, flag: { departmentId: number | null }): Decision {
  return (
    needs(actor, "review:sop", "handle agents' flags") ??
    (inScope(actor, flag.departmentId) ? ALLOW : deny("You can only handle flags on SOPs of your own department."))
  );
}

/**
 * Analytics: leads see how their department's SOPs perform on live calls, admins every department's; agents,
 * trainers and trainees do not see the dashboards (an agent's own figures are on their home page). Without a
 * department the question is only whether the role sees analytics at all.
 */
export function decideAnalytics(actor: Actor, subject: { departmentId?: number | null }): Decision {
  const denied = needs(actor, "view:analytics", "see analytics");
  if (denied) return denied;
  if (subject.departmentId === undefined || inScope(actor, subject.departmentId)) return ALLOW;
  return deny("You can only see the analytics of your own department.");
}
