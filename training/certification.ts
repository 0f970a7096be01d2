// Certification: what an SOP requires, which evidence counts for whom, the state of one person × one SOP, expiry,
// what a publish withdraws, and the ordering of "My training". The model is written out in training/README.md.
import type { SopDocument, TrainingRequirements } from "../sop-schema/types";

export const DAY_MS = 86_400_000;
/** The "expiring" window when none is given: 30 days, but at most a quarter of the certificate's lifetime. */
export const DEFAULT_EXPIRING_WITHIN_MS = 30 * DAY_MS;
/** The practice pass mark when the SOP states none. */
export const DEFAULT_PASS_SCORE = 80;

export type CertificationRequirements = Required<Pick<TrainingRequirements, "quiz" | "practice" | "passScore">> & {
  recertifyEveryDays: number | null;
  /** the certification quiz: the SOP's first `<Quiz>` (null when it has none) */
  quizId: string | null;
};

/**
 * What certification on this SOP needs. Without `training:` in the front matter: the quiz when the SOP has one,
 * no practice, pass mark 80, no expiry. A requirement the SOP cannot meet is dropped rather than left to block
 * everyone forever: `quiz: true` without a `<Quiz>`, `practice: 2` without a `<Scenario>`.
 */
export function requirementsOf(doc: SopDocument): CertificationRequirements {
  const t = doc.meta.training;
  const quizId = doc.quizzes && doc.quizzes.length > 0 ? doc.quizzes[0].id : null;
  const hasScenarios = (doc.scenarios?.length ?? 0) > 0;
  const practice = hasScenarios ? Math.max(0, Math.floor(t?.practice ?? 0)) : 0;
  const days = t?.recertifyEveryDays;
  return {
    quiz: quizId !== null && (t ? t.quiz : true),
    practice,
    passScore: t?.passScore ?? DEFAULT_PASS_SCORE,
    recertifyEveryDays: typeof days === "number" && days > 0 ? days : null,
    quizId,
  };
}

export type Certificate = {
  version: number;
  certifiedAt: number;
  expiresAt: number | null;
  withdrawnAt: number | null;
};

/** Everything known about one person × one SOP (times in ms since 1970). */
export type Evidence = {
  /** the SOP's published version number */
  currentVersion: number;
  /** version number of the latest MATERIAL publish (the first publish counts as material) */
  baselineVersion: number;
  /** they opened the assigned SOP at least once */
  opened: boolean;
  acknowledgements: { version: number; at: number }[];
  quizAttempts: { version: number; at: number; passed: boolean; score: number }[];
  practiceRuns: { version: number; at: number; score: number; completed: boolean }[];
  /** newest last */
  certificates: Certificate[];
};

export const CELL_STATES = [
  "not-started",
  "reading",
  "acknowledged",
  "quiz-passed",
  "practising",
  "certified",
  "expiring",
  "expired",
] as const;
export type CellState = (typeof CELL_STATES)[number];

export type NextTrainingStep = "read" | "acknowledge" | "quiz" | "practice" | "renew" | "none";

export type TrainingStatus = {
  state: CellState;
  acknowledged: boolean;
  quizPassed: boolean;
  /** counting practice runs at or above the pass mark */
  practicePassed: number;
  practiceNeeded: number;
  /** every requirement met by counting evidence and no active certificate (or the active one is expiring): grant one */
  certifiable: boolean;
  activeCertificate: Certificate | null;
  /** the active certificate's expiry; for an expired one, when it lapsed */
  expiresAt: number | null;
  /** the latest certificate was withdrawn (by a material change) */
  withdrawn: boolean;
  next: NextTrainingStep;
  /** they acknowledged an older version before a material change: show them what changed since */
  needsReacknowledge: { sinceVersion: number } | null;
};

/** When a certificate granted at `certifiedAt` expires (null: never). */
export function certificateExpiry(
  req: Pick<CertificationRequirements, "recertifyEveryDays">,
  certifiedAt: number,
): number | null {
  return req.recertifyEveryDays === null ? null : certifiedAt + req.recertifyEveryDays * DAY_MS;
}

function isActive(c: Certificate, baselineVersion: number, now: number): boolean {
  return c.withdrawnAt === null && c.version >= baselineVersion && (c.expiresAt === null || c.expiresAt > now);
}

/**
 * The state of one person on one SOP. O(evidence), no sorting, one result object: the readiness matrix calls it
 * for every person × SOP.
 */
export function trainingStatus(
  req: CertificationRequirements,
  ev: Evidence,
  now: number,
  opts?: { expiringWithinMs?: number },
): TrainingStatus {
  const baseline = ev.baselineVersion;
  const certs = ev.certificates;
  const latest = certs.length > 0 ? certs[certs.length - 1] : null;
  let active: Certificate | null = null;
  for (let i = certs.length - 1; i >= 0 && active === null; i--)
    if (isActive(certs[i], baseline, now)) active = certs[i];

  let expiring = false;
  if (active !== null && active.expiresAt !== null) {
    let window = opts?.expiringWithinMs;
    if (window === undefined) {
      // The certificate's own lifetime (the recertification period when it was granted), else today's requirement.
      const life =
        active.expiresAt - active.certifiedAt > 0
          ? active.expiresAt - active.certifiedAt
          : req.recertifyEveryDays !== null
            ? req.recertifyEveryDays * DAY_MS
            : Infinity;
      window = Math.min(DEFAULT_EXPIRING_WITHIN_MS, life / 4);
    }
    expiring = active.expiresAt - now <= window;
  }
  const expired =
    active === null &&
    latest !== null &&
    latest.withdrawnAt === null &&
    latest.expiresAt !== null &&
    latest.expiresAt <= now;

  // Renewal means doing it again: once the latest certificate has lapsed, is expiring or was withdrawn, only
  // evidence gathered after it was granted counts. A fresh active certificate needs nothing, so no cut-off.
  const cutoff = latest !== null && (active === null || expiring) ? latest.certifiedAt : -Infinity;

  let acknowledged = false;
  let ackedBefore = -1; // the newest version acknowledged before the baseline
  let anyAckAtBaseline = false;
  for (const a of ev.acknowledgements) {
    if (a.version >= baseline) {
      anyAckAtBaseline = true;
      if (a.at > cutoff) acknowledged = true;
    } else if (a.version > ackedBefore) ackedBefore = a.version;
  }
  let quizPassed = false;
  if (req.quiz)
    for (const a of ev.quizAttempts) if (a.passed && a.version >= baseline && a.at > cutoff) quizPassed = true;
  let practiceRuns = 0;
  let practicePassed = 0;
  for (const r of ev.practiceRuns) {
    if (!r.completed || r.version < baseline || r.at <= cutoff) continue;
    practiceRuns++;
    if (r.score >= req.passScore) practicePassed++;
  }
  const practiceNeeded = req.practice;
  const met = acknowledged && (!req.quiz || quizPassed) && practicePassed >= practiceNeeded;
  const certifiable = met && (active === null || expiring);

  let state: CellState;
  let next: NextTrainingStep;
  if (active !== null) {
    state = expiring ? "expiring" : "certified";
    next = expiring && !certifiable ? "renew" : "none";
  } else if (expired) {
    state = "expired";
    next = certifiable ? "none" : "renew";
  } else if (!acknowledged) {
    state = ev.opened ? "reading" : "not-started";
    next = ev.opened ? "acknowledge" : "read";
  } else if (req.quiz && !quizPassed) {
    state = "acknowledged";
    next = "quiz";
  } else {
    // With every requirement met and no certificate written yet the state stays here; `certifiable` says so.
    state = practiceNeeded > 0 && practiceRuns > 0 ? "practising" : req.quiz ? "quiz-passed" : "acknowledged";
    next = practicePassed < practiceNeeded ? "practice" : "none";
  }

  return {
    state,
    acknowledged,
    quizPassed,
    practicePassed,
    practiceNeeded,
    certifiable,
    activeCertificate: active,
    expiresAt: active !== null ? active.expiresAt : expired ? latest!.expiresAt : null,
    withdrawn: latest !== null && latest.withdrawnAt !== null,
    next,
    needsReacknowledge: !acknowledged && !anyAckAtBaseline && ackedBefore >= 0 ? { sinceVersion: ackedBefore } : null,
  };
}

/**
 * Which certificates a publish withdraws: a material change withdraws every certificate that is still in force
 * (not withdrawn, granted on an earlier version than the new baseline); a minor change none. With `now`, a
 * certificate whose `expiresAt` has passed is left as it is (it lapsed on its own). User ids once each, in order.
 */
export function publishImpact(
  kind: "material" | "minor",
  certificates: { userId: string; version: number; withdrawnAt: number | null; expiresAt?: number | null }[],
  newBaselineVersion: number,
  opts?: { now?: number },
): { withdraw: string[] } {
  if (kind === "minor") return { withdraw: [] };
  const now = opts?.now;
  const out = new Set<string>();
  for (const c of certificates) {
    if (c.withdrawnAt !== null || c.version >= newBaselineVersion) continue;
    if (now !== undefined && c.expiresAt !== undefined && c.expiresAt !== null && c.expiresAt <= now) continue;
    out.add(c.userId);
  }
  return { withdraw: [...out] };
}

export type FloorReadiness = "ready" | "not-ready" | "nothing-required";

/**
 * Ready for the floor: certified (or certified and expiring) on every required SOP. Someone with no required
 * SOPs is "nothing-required" — neither ready nor not ready; the screen says "no required training".
 */
export function isReadyForFloor(requiredStates: readonly CellState[]): FloorReadiness {
  if (requiredStates.length === 0) return "nothing-required";
  for (const s of requiredStates) if (s !== "certified" && s !== "expiring") return "not-ready";
  return "ready";
}

export type TrainingItem = {
  dueDate: string | null;
  required: boolean;
  state: CellState;
  title: string;
  /** `isOverdue(dueDate, state, today)` worked out by the caller (it knows the viewer's today) */
  overdue?: boolean;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Past its due date (YYYY-MM-DD, the day itself is not overdue) and not certified; a certificate that is expiring still
 * counts.
 */
export function isOverdue(dueDate: string | null, state: CellState, todayIsoDate: string): boolean {
  if (dueDate === null || !ISO_DATE.test(dueDate) || state === "certified" || state === "expiring") return false;
  return dueDate < todayIsoDate;
}

/**
 * "My training" order: overdue first, then by due date (none last), then required before optional, then title.
 * Overdue is the item's `overdue` when it has one, else worked out from `today` (YYYY-MM-DD) when given, else
 * nothing is overdue (the order is then by due date, which puts past dates first anyway). Works as a plain
 * `items.sort(compareTrainingItems)` on items that carry `overdue`.
 */
export function compareTrainingItems(a: TrainingItem, b: TrainingItem, today?: string): number {
  const oa = a.overdue ?? (today !== undefined && isOverdue(a.dueDate, a.state, today));
  const ob = b.overdue ?? (today !== undefined && isOverdue(b.dueDate, b.state, today));
  if (oa !== ob) return oa ? -1 : 1;
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  if (a.required !== b.required) return a.required ? -1 : 1;
  const byTitle = a.title.localeCompare(b.title, undefined, { numeric: true, sensitivity: "base" });
  if (byTitle !== 0) return byTitle;
  return a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
}
