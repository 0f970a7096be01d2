import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../db/roles";
import {
  decideAnalytics,
  decideFeedback,
  decideProfile,
  decideReviewer,
  decideRun,
  decideSop,
  decideStart,
  decideTraining,
  inScope,
  sopListScope,
  type Actor,
  type SopAction,
  type SopSubject,
  type VersionState,
} from "./policy";

const HOME = 1; // the actor's department
const OTHER = 2;

const actor = (role: Role, departmentId: number | null = HOME, id = "me"): Actor => ({ id, role, departmentId });

function subject(
  dept: number,
  state: VersionState | null,
  opts: {
    mine?: boolean;
    reviewer?: "me" | "other" | null;
    archived?: boolean;
    everPublished?: boolean;
    current?: boolean;
    /** the SOP has a published version (default: yes) */
    published?: boolean;
  } = {},
): SopSubject {
  return {
    departmentId: dept,
    archived: opts.archived ?? false,
    published: opts.published ?? true,
    ...(state
      ? {
          version: {
            state,
            authorIds: opts.mine ? ["me"] : ["author"],
            reviewerId: opts.reviewer === "me" ? "me" : opts.reviewer === "other" ? "someone" : null,
            everPublished:
              opts.everPublished ?? (state === "published" || state === "superseded" || state === "archived"),
            current: opts.current ?? false,
          },
        }
      : {}),
  };
}

type Row = [
  role: Role,
  actorDept: number | null,
  action: SopAction,
  subject: SopSubject,
  allowed: boolean,
  why: string,
];

// role × department × ownership × state × action → allowed. Each row is one rule of the product.
const SOP_TABLE: Row[] = [
  // Reading drafts and history: every author and reviewer, in any department (reviews cross departments).
  ["lead", HOME, "read-drafts", subject(OTHER, "draft"), true, "leads read other departments' drafts"],
  ["admin", null, "read-drafts", subject(OTHER, "draft"), true, "admins read everything"],
  ["agent", HOME, "read-drafts", subject(HOME, "draft"), false, "agents never see drafts"],
  ["trainer", HOME, "read-drafts", subject(HOME, "draft"), false, "trainers never see drafts"],
  ["trainee", HOME, "read-drafts", subject(HOME, "draft"), false, "trainees never see drafts"],

  // Editing (starting a draft, saving): own department, not archived, not in review.
  ["lead", HOME, "edit", subject(HOME, "draft"), true, "a lead edits their department's draft"],
  ["lead", HOME, "edit", subject(HOME, "published"), true, "a lead starts a draft from the published version"],
  ["lead", HOME, "edit", subject(OTHER, "draft"), false, "not another department's"],
  ["lead", null, "edit", subject(HOME, "draft"), false, "a lead without a department edits nothing"],
  ["admin", null, "edit", subject(OTHER, "draft"), true, "admins edit every department"],
  ["lead", HOME, "edit", subject(HOME, "in_review"), false, "in review is read-only"],
  ["lead", HOME, "edit", subject(HOME, "published", { archived: true }), false, "archived SOPs are restored first"],
  ["agent", HOME, "edit", subject(HOME, "draft"), false, "agents don't author"],

  // Sending to review.
  ["lead", HOME, "submit", subject(HOME, "draft", { mine: true }), true, "own department's draft"],
  ["lead", HOME, "submit", subject(OTHER, "draft", { mine: true }), false, "not another department's"],
  ["lead", HOME, "submit", subject(HOME, "in_review", { mine: true }), false, "already in review"],
  ["trainer", HOME, "submit", subject(HOME, "draft", { mine: true }), false, "trainers don't author"],

  // Withdrawing and reassigning: the author, or a lead of the department, or an admin.
  ["lead", HOME, "withdraw", subject(HOME, "in_review"), true, "a department lead withdraws"],
  ["lead", HOME, "withdraw", subject(OTHER, "in_review"), false, "not another department's review"],
  [
    "lead",
    OTHER,
    "withdraw",
    subject(HOME, "in_review", { mine: true }),
    true,
    "its author withdraws, wherever they sit",
  ],
  ["lead", HOME, "withdraw", subject(HOME, "draft"), false, "only what is in review"],

  // Discarding a draft: its author or a lead of the department, or an admin; the SOP stays as published.
  ["lead", HOME, "discard", subject(HOME, "draft"), true, "a department lead discards a draft"],
  ["lead", OTHER, "discard", subject(HOME, "draft", { mine: true }), true, "its author discards, wherever they sit"],
  ["lead", HOME, "discard", subject(OTHER, "draft"), false, "not another department's draft"],
  ["admin", null, "discard", subject(OTHER, "draft"), true, "an admin discards any draft"],
  ["lead", HOME, "discard", subject(HOME, "in_review"), false, "withdraw it from review first"],
  ["lead", HOME, "discard", subject(HOME, "draft", { published: false }), false, "a new SOP's only draft stays"],
  ["agent", HOME, "discard", subject(HOME, "draft", { mine: true }), false, "agents don't author"],
  ["admin", null, "reassign", subject(OTHER, "in_review"), true, "an admin reassigns"],
  ["lead", HOME, "reassign", subject(OTHER, "in_review"), false, "not another department's review"],

  // Review decisions: the chosen reviewer (any department) or an admin — never the author.
  [
    "lead",
    OTHER,
    "review",
    subject(HOME, "in_review", { reviewer: "me" }),
    true,
    "a reviewer chosen from another department",
  ],
  ["lead", HOME, "review", subject(HOME, "in_review", { reviewer: "other" }), false, "not the chosen reviewer"],
  ["admin", null, "review", subject(HOME, "in_review", { reviewer: "other" }), true, "an admin steps in"],
  ["lead", HOME, "review", subject(HOME, "in_review", { reviewer: "me", mine: true }), false, "no self-review"],
  [
    "admin",
    null,
    "review",
    subject(HOME, "in_review", { reviewer: "me", mine: true }),
    false,
    "no self-review for an admin who has colleagues",
  ],
  [
    "admin",
    null,
    "review",
    subject(HOME, "in_review", { reviewer: "other", mine: true }),
    false,
    "an admin can't approve their own work by stepping in",
  ],
  ["lead", HOME, "review", subject(HOME, "draft", { reviewer: "me" }), false, "only what is in review"],
  ["agent", HOME, "review", subject(HOME, "in_review", { reviewer: "me" }), false, "agents don't review"],

  // Publishing an approved version, archive and restore: own department (admins: all).
  ["lead", HOME, "publish", subject(HOME, "in_review"), true, "own department"],
  ["lead", HOME, "publish", subject(OTHER, "in_review"), false, "not another department's"],
  ["admin", null, "publish", subject(OTHER, "in_review"), true, "admins publish everywhere"],
  ["lead", HOME, "publish", subject(HOME, "draft"), false, "a draft is reviewed first"],
  ["lead", HOME, "archive", subject(HOME, null), true, "own department"],
  ["lead", HOME, "archive", subject(OTHER, null), false, "not another department's"],
  ["lead", HOME, "archive", subject(HOME, null, { archived: true }), false, "already archived"],
  ["lead", HOME, "restore", subject(HOME, null, { archived: true }), true, "own department"],
  ["agent", HOME, "archive", subject(HOME, null), false, "agents don't archive"],

  // Rollback: only to content that was published before.
  ["lead", HOME, "rollback", subject(HOME, "superseded"), true, "a superseded version comes back"],
  ["lead", HOME, "rollback", subject(HOME, "draft"), false, "a draft never reaches agents by rollback"],
  ["lead", HOME, "rollback", subject(HOME, "in_review"), false, "nor a version in review"],
  ["lead", HOME, "rollback", subject(HOME, "draft", { everPublished: false }), false, "never published"],
  ["lead", HOME, "rollback", subject(HOME, "published", { current: true }), false, "already the published one"],
  ["lead", HOME, "rollback", subject(OTHER, "superseded"), false, "not another department's"],
  ["admin", null, "rollback", subject(OTHER, "superseded"), true, "admins roll back everywhere"],
];

describe("SOP policy", () => {
  for (const [role, dept, action, subj, allowed, why] of SOP_TABLE) {
    it(
      `${role}@${dept ?? "none"} ${action} ${subj.version?.state ?? "sop"} ` +
        `in ${subj.departmentId === HOME ? "home" : "other"} dept → ${allowed ? "allowed" : "refused"} (${why})`,
      () => {
        const d = decideSop(actor(role, dept), action, subj, { otherReviewers: 2 });
        expect(d.ok, why).toBe(allowed);
        if (!d.ok) expect(d.reason.length).toBeGreaterThan(10);
      },
    );
  }

  it("lets an admin with nobody else review their own work, and says so", () => {
    const d = decideSop(actor("admin", null), "review", subject(HOME, "in_review", { reviewer: "me", mine: true }), {
      otherReviewers: 0,
    });
    expect(d).toEqual({ ok: true, note: "sole-admin-self-review" });
    // A lead alone still can't.
    expect(
      decideSop(actor("lead"), "review", subject(HOME, "in_review", { reviewer: "me", mine: true }), {
        otherReviewers: 0,
      }).ok,
    ).toBe(false);
  });

  it("every role × action has a decision with a reason when refused", () => {
    const actions: SopAction[] = [
      "read-drafts",
      "edit",
      "submit",
      "withdraw",
      "discard",
      "reassign",
      "review",
      "publish",
      "archive",
      "restore",
      "rollback",
    ];
    for (const role of ROLES)
      for (const action of actions)
        for (const state of ["draft", "in_review", "published", "superseded"] as const) {
          const d = decideSop(actor(role), action, subject(HOME, state));
          if (!d.ok) expect(d.reason).toMatch(/\w/);
          if (role === "agent" || role === "trainer" || role === "trainee")
            expect(d.ok, `${role} ${action}`).toBe(false);
        }
  });
});

describe("choosing a reviewer", () => {
  const lead = { id: "other-lead", role: "lead" as const, active: true };
  it.each([
    ["another active lead", lead, ["me"], 3, true],
    ["oneself", { id: "me", role: "lead" as const, active: true }, ["me"], 3, false],
    ["another author of the version", { id: "co", role: "lead" as const, active: true }, ["me", "co"], 3, false],
    ["an inactive lead", { ...lead, active: false }, ["me"], 3, false],
    ["an agent", { id: "a", role: "agent" as const, active: true }, ["me"], 3, false],
    ["nobody", undefined, ["me"], 3, false],
  ] as const)("%s → %s", (_label, reviewer, authors, others, allowed) => {
    expect(decideReviewer(actor("lead"), reviewer, authors, others).ok).toBe(allowed);
  });

  it("an admin alone may name themselves, explicitly marked", () => {
    const me = { id: "me", role: "admin" as const, active: true };
    expect(decideReviewer(actor("admin", null), me, ["me"], 0)).toEqual({ ok: true, note: "sole-admin-self-review" });
    expect(decideReviewer(actor("admin", null), me, ["me"], 1).ok).toBe(false);
  });
});

describe("run policy", () => {
  const run = (agentId: string, departmentId: number | null, practice = false, trainerIds: string[] = []) => ({
    agentId,
    departmentId,
    practice,
    trainerIds,
  });
  it.each([
    ["agent", HOME, "read", run("me", HOME), true, "own run"],
    ["agent", HOME, "read", run("other", HOME), false, "a colleague's run"],
    ["agent", HOME, "write", run("me", HOME), true, "own run"],
    ["agent", HOME, "write", run("other", HOME), false, "a colleague's run"],
    ["lead", HOME, "read", run("other", HOME), true, "their department's run"],
    ["lead", HOME, "read", run("other", OTHER), false, "another department's run"],
    ["lead", null, "read", run("other", HOME), false, "a lead without a department"],
    ["lead", HOME, "write", run("other", HOME), false, "only the agent writes"],
    ["admin", null, "read", run("other", OTHER), true, "admins read every run"],
    ["admin", null, "write", run("other", OTHER), false, "only the agent writes"],
    ["trainer", HOME, "read", run("other", HOME), false, "a live call"],
    ["trainer", HOME, "read", run("other", HOME, true, ["me"]), true, "a practice run of their trainee"],
    ["trainer", HOME, "read", run("other", HOME, true, ["someone-else"]), false, "another trainer's trainee"],
    ["trainee", HOME, "read", run("other", HOME), false, "a colleague's run"],
  ] as const)("%s@%s %s → %s (%s)", (role, dept, action, subj, allowed, _why) => {
    expect(decideRun(actor(role, dept), action, subj).ok).toBe(allowed);
  });

  it("starts runs only on published, non-archived SOPs", () => {
    expect(decideStart(actor("agent"), { published: true, archived: false }).ok).toBe(true);
    expect(decideStart(actor("agent"), { published: true, archived: true })).toMatchObject({ ok: false, status: 409 });
    expect(decideStart(actor("agent"), { published: false, archived: false }).ok).toBe(false);
  });
});

describe("training policy", () => {
  const person = (userId: string, departmentId: number | null) => ({ userId, departmentId });
  it.each([
    ["trainee", HOME, "learn", undefined, true, "trainees learn"],
    ["agent", HOME, "learn", undefined, true, "agents learn too (SOP changes reach them)"],
    ["lead", HOME, "learn", undefined, false, "leads have no training of their own here"],
    ["trainer", HOME, "learn", undefined, false, "trainers teach"],
    ["trainee", HOME, "view-person", person("me", HOME), false, "not even their own record (it holds the answer key)"],
    ["trainee", HOME, "view-person", person("other", HOME), false, "never another trainee's results"],
    ["agent", HOME, "view-person", person("other", HOME), false, "agents see no one's training"],
    ["trainer", HOME, "view-person", person("other", HOME), true, "a trainer, their department"],
    ["trainer", HOME, "view-person", person("other", OTHER), false, "another department's person"],
    [
      "trainer",
      null,
      "view-person",
      person("other", OTHER),
      true,
      "a trainer without a department looks after everyone",
    ],
    ["admin", null, "view-person", person("other", OTHER), true, "admins see everyone"],
    ["trainer", HOME, "assign", person("other", HOME), true, "assign in their department"],
    ["trainer", HOME, "assign", person("other", OTHER), false, "not outside it"],
    ["lead", HOME, "assign", person("other", HOME), false, "leads do not assign training"],
    ["trainee", HOME, "assign", undefined, false, "trainees do not assign"],
    ["trainer", HOME, "coach", person("other", HOME), true, "comment, grant attempts"],
    ["trainer", HOME, "coach", person("other", OTHER), false, "not another department's"],
    ["agent", HOME, "coach", person("other", HOME), false, "agents do not coach"],
  ] as const)("%s@%s %s → %s (%s)", (role, dept, action, subj, allowed, _why) => {
    expect(decideTraining(actor(role, dept), action, subj).ok).toBe(allowed);
  });
});

describe("profile policy", () => {
  for (const role of ROLES) {
    it(`${role} reads and edits their own profile and nobody else's`, () => {
      for (const action of ["read", "edit"] as const) {
        expect(decideProfile(actor(role), action, { userId: "me" }).ok, `${role} ${action} own`).toBe(true);
        const other = decideProfile(actor(role), action, { userId: "someone-else" });
        expect(other, `${role} ${action} another's`).toMatchObject({ ok: false, status: 403 });
      }
    });
  }
});

describe("SOP list scope (home page cards)", () => {
  it.each([
    ["admin", null, { all: true }],
    ["admin", HOME, { all: true }],
    ["lead", HOME, { all: false, departmentId: HOME }],
    ["lead", null, { all: false, departmentId: null }],
    ["agent", HOME, { all: false, departmentId: null }],
    ["trainer", HOME, { all: false, departmentId: null }],
    ["trainee", HOME, { all: false, departmentId: null }],
  ] as const)("%s@%s oversees %j", (role, dept, scope) => {
    expect(sopListScope(actor(role, dept))).toEqual(scope);
  });
  it("covers exactly the departments inScope lets the actor act on", () => {
    for (const role of ROLES)
      for (const dept of [HOME, OTHER, null]) {
        const scope = sopListScope(actor(role, dept));
        for (const sopDept of [HOME, OTHER]) {
          const listed = scope.all || (scope.departmentId != null && scope.departmentId === sopDept);
          expect(listed, `${role}@${dept} on ${sopDept}`).toBe(inScope(actor(role, dept), sopDept));
        }
      }
  });
});

describe("feedback policy", () => {
  it.each([
    ["lead", HOME, "read", HOME, true, "their department's flags"],
    ["lead", HOME, "accept", HOME, true, "accept in their department"],
    ["lead", HOME, "done", HOME, true, "mark done in their department"],
    ["lead", HOME, "dismiss", OTHER, false, "not another department's"],
    ["lead", HOME, "read", OTHER, false, "not even read another department's"],
    ["lead", null, "read", HOME, false, "a lead without a department"],
    ["admin", null, "dismiss", OTHER, true, "admins handle every department"],
    ["admin", null, "reopen", HOME, true, "admins reopen"],
    ["agent", HOME, "read", HOME, false, "agents see their own flags on their home page only"],
    ["agent", HOME, "reopen", HOME, false, "agents do not handle flags"],
    ["trainer", HOME, "accept", HOME, false, "trainers do not handle flags"],
    ["trainee", HOME, "read", HOME, false, "trainees do not"],
  ] as const)("%s@%s %s on dept %s → %s (%s)", (role, dept, action, flagDept, allowed, _why) => {
    const d = decideFeedback(actor(role, dept), action, { departmentId: flagDept });
    expect(d.ok).toBe(allowed);
    if (!d.ok) expect(d.status).toBe(403);
  });
});

describe("decideAnalytics", () => {
  it.each([
    ["admin", HOME, undefined, true, "admins see analytics"],
    ["admin", HOME, OTHER, true, "of every department"],
    ["admin", null, OTHER, true, "even without a department of their own"],
    ["lead", HOME, undefined, true, "leads see analytics"],
    ["lead", HOME, HOME, true, "of their department"],
    ["lead", HOME, OTHER, false, "not of another department"],
    ["lead", null, HOME, false, "a lead without a department sees no department's"],
    ["agent", HOME, undefined, false, "agents do not see the dashboards"],
    ["agent", HOME, HOME, false, "not even their department's"],
    ["trainer", HOME, undefined, false, "trainers do not"],
    ["trainee", HOME, undefined, false, "trainees do not"],
  ] as const)("%s@%s on dept %s → %s (%s)", (role, dept, subjectDept, allowed, _why) => {
    const d = decideAnalytics(actor(role, dept), subjectDept === undefined ? {} : { departmentId: subjectDept });
    expect(d.ok).toBe(allowed);
    if (!d.ok) expect(d.status).toBe(403);
  });
});
