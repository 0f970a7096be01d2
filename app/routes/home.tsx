import { Form, Link } from "react-router";
import type { Route } from "./+types/home";
import { getDb } from "../../db/client.server";
import { queryAudit } from "../../db/audit.server";
import {
  activeRunsOf,
  completedRunsOf,
  departmentProcedures,
  dueFollowUpsOf,
  openDrafts,
  openFlags,
  organisationSummary,
  overdueReviews,
  recentlyPublished,
  reviewsWaiting,
  departmentOf,
  type HomeRun,
} from "../../db/home.server";
import { translator, type MessageId } from "../../i18n";
import { can } from "../auth/permissions";
import { sopListScope } from "../auth/policy";
import { requireUser } from "../auth/session.server";
import { RouteErrorBoundary } from "../components/errors";
import { useT } from "../components/i18n";
import { SummaryCard, SummaryRow, SummaryRows } from "../components/summary-card";
import { dayInZone, formatDue, parseDue } from "../lib/follow-up-due";
import { bucketFollowUps, CARD_ROWS, daysBetween, firstName, outcomeMessage } from "../lib/home";
import { viewerLocale } from "../viewer-locale.server";
import { myFlags } from "../feedback.server";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pageTitle ?? "Home"} · Stepwise` }];

const DAY = 86_400_000;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const locale = await viewerLocale(request, user);
  const { t } = translator(locale.uiLanguage, locale.timeZone);
  const now = Date.now();
  const today = dayInZone(now, locale.timeZone);
  const hour = Number(translator("en", locale.timeZone).time(now, { hour: "2-digit", hourCycle: "h23" }));
  const department = user.departmentId ? await departmentOf(db, user.departmentId) : null;
  const scope = sopListScope(user);
  const oversees = can(user.role, "edit:sop");

  // Own runs: everyone who takes calls (decideRun: a run is always readable by its own agent).
  const runsCard = can(user.role, "run:sop")
    ? { active: await activeRunsOf(db, user.id), completed: await completedRunsOf(db, user.id) }
    : null;

  const agent =
    user.role === "agent" && runsCard
      ? await (async () => {
          const due = await dueFollowUpsOf(db, user.id, dayInZone(now + DAY, locale.timeZone));
          return {
            followUps: { ...bucketFollowUps(due.rows, now, locale.timeZone), open: due.open },
            flags: await myFlags(db, user, CARD_ROWS),
          };
        })()
      : null;

  const lead = oversees
    ? {
        reviews: await reviewsWaiting(db, scope.all ? { all: true } : { id: user.id }),
        drafts: await openDrafts(db, scope.all ? { all: true } : { authorId: user.id }),
        overdue: await overdueReviews(db, scope, today),
        flags: await openFlags(db, scope),
      }
    : null;

  const admin = can(user.role, "manage:users")
    ? { org: await organisationSummary(db, now - 7 * DAY), audit: await queryAudit(db, { limit: CARD_ROWS }) }
    : null;

  const learner =
    user.role === "trainer" || user.role === "trainee"
      ? {
          procedures: await departmentProcedures(db, user.departmentId),
          recent: await recentlyPublished(db, now - 30 * DAY),
        }
      : null;

  return {
    pageTitle: t("home.title"),
    user: { name: firstName(user.name), role: user.role },
    department,
    today,
    greeting:
      hour < 12
        ? ("home.greeting.morning" as const)
        : hour < 18
          ? ("home.greeting.afternoon" as const)
          : ("home.greeting.evening" as const),
    canRun: can(user.role, "run:sop"),
    hasMyRuns: can(user.role, "view:own-runs"),
    all: scope.all,
    runs: runsCard,
    agent,
    lead,
    admin,
    learner,
    // a lead's card names the department they oversee
    scopeName: scope.all ? null : (department?.name ?? null),
  };
}

type Data = Route.ComponentProps["loaderData"];

export default function Home({ loaderData: data }: Route.ComponentProps) {
  const { t } = useT();
  const { user } = data;
  return (
    <div className="home">
      <header className="home-head">
        <div>
          <p className="eyebrow">
            {data.department
              ? t("home.roleIn", { role: t(`app.role.${user.role}`), department: data.department.name })
              : t(`app.role.${user.role}`)}
          </p>
          <h1>{t(data.greeting, { name: user.name })}</h1>
          <p className="muted">{t(headline(data))}</p>
        </div>
      </header>

      <FindProcedure canRun={data.canRun} />

      {data.agent && data.runs ? <AgentCards data={data} /> : null}
      {data.lead ? <LeadCards data={data} /> : null}
      {data.admin ? <AdminCards data={data} /> : null}
      {data.learner ? <LearnerCards data={data} /> : null}
    </div>
  );
}

/** What the day looks like, in one line under the greeting. */
function headline(data: Data): MessageId {
  switch (data.user.role) {
    case "agent":
      return "home.headline.agent";
    case "lead":
      return "home.headline.lead";
    case "admin":
      return "home.headline.admin";
    case "trainer":
      return "home.headline.trainer";
    case "trainee":
      return "home.headline.trainee";
  }
}

function FindProcedure({ canRun }: { canRun: boolean }) {
  const { t } = useT();
  return (
    <Form method="get" action="/library" role="search" className="home-find" aria-labelledby="home-find-label">
      <label id="home-find-label" htmlFor="home-q">
        {t("home.find.label")}
      </label>
      <div className="home-find-row">
        <input
          id="home-q"
          name="q"
          type="search"
          placeholder={t("home.find.placeholder")}
          aria-describedby="home-find-hint"
          maxLength={200}
        />
        <button className="button button-primary" type="submit">
          {t("home.find.submit")}
        </button>
      </div>
      <p id="home-find-hint">{t(canRun ? "home.find.hintRun" : "home.find.hint", { key: "/" })}</p>
    </Form>
  );
}

/**
 * "14:05" for today, "28 Nov 2026" before: absolute (a relative "5 min ago" would differ between server and browser).
 */
function useWhen(today: string) {
  const tr = useT();
  return (ms: number | null | undefined) => {
    if (ms == null) return "";
    return dayInZone(ms, tr.timeZone) === today ? tr.time(ms) : tr.date(ms, { dateStyle: "medium" });
  };
}

function When({ at, today }: { at: number | null | undefined; today: string }) {
  const when = useWhen(today);
  if (at == null) return null;
  return (
    <bdi>
      <time dateTime={new Date(at).toISOString()}>{when(at)}</time>
    </bdi>
  );
}

/** Runs as card rows: one in progress says where it stands (step, customer), a finished one how it ended. */
function RunRows({
  runs,
  today,
  label,
  showStatus = true,
}: {
  runs: HomeRun[];
  today: string;
  label: string;
  showStatus?: boolean;
}) {
  const { t } = useT();
  return (
    <SummaryRows label={label}>
      {runs.map((r) => {
        const active = r.status === "active";
        const step =
          active && r.stepNumber
            ? t("home.runs.step", { number: r.stepNumber, count: r.stepCount, title: r.stepTitle ?? "" })
            : null;
        return (
          <SummaryRow
            key={r.id}
            title={<Link to={`/runs/${r.id}`}>{r.sopTitle}</Link>}
            detail={
              <>
                {step}
                {step ? " · " : null}
                {r.customerRef ? <bdi>{r.customerRef}</bdi> : <span>{t("home.runs.noRef")}</span>}
              </>
            }
            aside={
              <>
                {active ? (
                  showStatus ? (
                    <span className="badge">{t("tables.runs.status.active")}</span>
                  ) : null
                ) : (
                  <span
                    className={
                      "badge " +
                      (r.outcome === "abandoned" ? "badge-muted" : r.outcome === "resolved" ? "badge-success" : "")
                    }
                  >
                    {t(outcomeMessage(r.outcome))}
                  </span>
                )}
                <When at={active ? r.updatedAt : (r.completedAt ?? r.updatedAt)} today={today} />
              </>
            }
          />
        );
      })}
    </SummaryRows>
  );
}

function AgentCards({ data }: { data: Data }) {
  const { t } = useT();
  const tr = useT();
  const runs = data.runs!;
  const f = data.agent!.followUps;
  const later = f.open - f.total;
  const myFlagsCard = data.agent!.flags;
  return (
    <div className="home-grid">
      <SummaryCard
        id="home-active"
        title={t("home.active.title")}
        count={runs.active.total}
        tone={runs.active.total ? "info" : "neutral"}
        seeAll={
          runs.active.total > runs.active.rows.length
            ? { to: "/runs?status=active", label: t("home.active.all") }
            : null
        }
        empty={<p>{t("home.active.empty", { key: "/" })}</p>}
      >
        {runs.active.rows.length ? (
          <RunRows runs={runs.active.rows} today={data.today} label={t("home.active.title")} showStatus={false} />
        ) : null}
      </SummaryCard>

      <SummaryCard
        id="home-followups"
        title={t("home.followUps.title")}
        count={f.total}
        tone={f.overdue ? "danger" : f.total ? "warning" : "neutral"}
        seeAll={f.open ? { to: "/follow-ups", label: t("home.followUps.all", { count: f.open }) } : null}
        empty={<p>{later > 0 ? t("home.followUps.emptyLater", { count: later }) : t("home.followUps.empty")}</p>}
      >
        {f.rows.length ? (
          <SummaryRows label={t("home.followUps.title")}>
            {f.rows.map((r) => {
              const due = parseDue(r.followUpDue, tr.timeZone);
              return (
                <SummaryRow
                  key={r.id}
                  title={
                    <Link to={`/runs/${r.id}/timeline`}>
                      {r.customerRef ? <bdi>{r.customerRef}</bdi> : t("home.runs.noRef")}
                    </Link>
                  }
                  detail={r.sopTitle}
                  aside={
                    <>
                      <span className={`badge ${r.bucket === "overdue" ? "badge-danger" : "badge-warning"}`}>
                        {t(r.bucket === "overdue" ? "home.followUps.overdue" : "home.followUps.today")}
                      </span>
                      <span>
                        {due
                          ? due.kind === "time" && dayInZone(due.instant, tr.timeZone) === data.today
                            ? tr.time(due.instant)
                            : formatDue(due, tr)
                          : r.followUpDue}
                      </span>
                    </>
                  }
                />
              );
            })}
          </SummaryRows>
        ) : null}
      </SummaryCard>

      <SummaryCard
        id="home-recent"
        title={t("home.recent.title")}
        count={runs.completed.total}
        seeAll={runs.completed.total ? { to: "/runs?status=completed", label: t("home.recent.all") } : null}
        empty={<p>{t("home.recent.empty")}</p>}
      >
        {runs.completed.rows.length ? (
          <RunRows runs={runs.completed.rows} today={data.today} label={t("home.recent.title")} />
        ) : null}
      </SummaryCard>

      <SummaryCard
        id="home-my-flags"
        title={t("home.myFlags.title")}
        count={myFlagsCard.total}
        empty={<p>{t("home.myFlags.empty")}</p>}
      >
        {myFlagsCard.rows.length ? (
          <SummaryRows label={t("home.myFlags.title")}>
            {myFlagsCard.rows.map((f) => (
              <SummaryRow
                key={f.id}
                title={
                  <>
                    {f.sopTitle}
                    {f.stepTitle ? <span className="summary-row-step"> · {f.stepTitle}</span> : null}
                  </>
                }
                detail={
                  <>
                    <q>{f.text}</q>
                    {f.reply ? (
                      <span className="home-flag-reply"> {t("home.myFlags.reply", { reply: f.reply })}</span>
                    ) : null}
                    {f.state === "dismissed" && f.dismissReason ? (
                      <span> {t("home.myFlags.reason", { reason: f.dismissReason })}</span>
                    ) : null}
                    {f.state === "done" && f.fixedVersion ? (
                      <span> {t("home.myFlags.fixedIn", { version: f.fixedVersion })}</span>
                    ) : null}
                  </>
                }
                aside={
                  <>
                    <span className={`badge ${MY_FLAG_BADGE[f.state]}`}>{t(`home.myFlags.state.${f.state}`)}</span>
                    <When at={f.createdAt} today={data.today} />
                  </>
                }
              />
            ))}
          </SummaryRows>
        ) : null}
      </SummaryCard>
    </div>
  );
}

const MY_FLAG_BADGE: Record<"new" | "accepted" | "done" | "dismissed", string> = {
  new: "badge-warning",
  accepted: "",
  done: "badge-success",
  dismissed: "badge-muted",
};

const FLAG_KINDS: Record<string, MessageId> = {
  unclear: "home.flags.kind.unclear",
  wrong: "home.flags.kind.wrong",
  outdated: "home.flags.kind.outdated",
  "missing-case": "home.flags.kind.missingCase",
};

function LeadCards({ data }: { data: Data }) {
  const { t } = useT();
  const tr = useT();
  const l = data.lead!;
  const scopeName = data.scopeName;
  const ownRuns = data.runs ? [...data.runs.active.rows, ...data.runs.completed.rows].slice(0, CARD_ROWS) : [];
  const ownTotal = data.runs ? data.runs.active.total + data.runs.completed.total : 0;
  return (
    <>
      <div className="home-grid">
        <SummaryCard
          id="home-reviews"
          title={t(data.all ? "home.reviews.titleAll" : "home.reviews.title")}
          count={l.reviews.total}
          tone={l.reviews.total ? "info" : "neutral"}
          seeAll={l.reviews.total ? { to: "/reviews", label: t("home.reviews.all") } : null}
          empty={<p>{t(data.all ? "home.reviews.emptyAll" : "home.reviews.empty")}</p>}
        >
          {l.reviews.rows.length ? (
            <SummaryRows label={t("home.reviews.title")}>
              {l.reviews.rows.map((r) => (
                <SummaryRow
                  key={r.versionId}
                  title={<Link to={`/sops/${r.sopId}/review`}>{r.title}</Link>}
                  detail={t("home.reviews.detail", {
                    version: r.version,
                    author: r.authorName ?? "—",
                    department: r.departmentName,
                  })}
                  aside={<When at={r.submittedAt} today={data.today} />}
                />
              ))}
            </SummaryRows>
          ) : null}
        </SummaryCard>

        <SummaryCard
          id="home-drafts"
          title={t(data.all ? "home.drafts.titleAll" : "home.drafts.title")}
          count={l.drafts.total}
          seeAll={{ to: "/editor", label: t("home.drafts.all") }}
          empty={
            <p>
              {t("home.drafts.empty")} <Link to="/sops/new">{t("home.drafts.new")}</Link>
            </p>
          }
        >
          {l.drafts.rows.length ? (
            <SummaryRows label={t("home.drafts.title")}>
              {l.drafts.rows.map((d) => (
                <SummaryRow
                  key={d.versionId}
                  title={<Link to={`/sops/${d.sopId}/edit`}>{d.title}</Link>}
                  detail={
                    data.all
                      ? t("home.drafts.detailAll", {
                          version: d.version,
                          department: d.departmentName,
                          author: d.authorName ?? "—",
                        })
                      : t("home.drafts.detail", { version: d.version, department: d.departmentName })
                  }
                  aside={
                    <>
                      <span className={`badge ${d.state === "in_review" ? "" : "badge-muted"}`}>
                        {t(d.state === "in_review" ? "home.drafts.inReview" : "home.drafts.draft")}
                      </span>
                      {d.errorCount ? (
                        <span className="badge badge-danger">{t("home.drafts.errors", { count: d.errorCount })}</span>
                      ) : (
                        <When at={d.updatedAt} today={data.today} />
                      )}
                    </>
                  }
                />
              ))}
            </SummaryRows>
          ) : null}
        </SummaryCard>

        <SummaryCard
          id="home-overdue"
          title={t("home.overdue.title")}
          count={l.overdue.total}
          tone={l.overdue.total ? "warning" : "neutral"}
          seeAll={l.overdue.total ? { to: "/editor", label: t("home.overdue.all") } : null}
          empty={<p>{scopeName ? t("home.overdue.emptyIn", { department: scopeName }) : t("home.overdue.empty")}</p>}
        >
          {l.overdue.rows.length ? (
            <SummaryRows label={t("home.overdue.title")}>
              {l.overdue.rows.map((s) => {
                const days = daysBetween(s.nextReviewAt ?? data.today, data.today);
                return (
                  <SummaryRow
                    key={s.id}
                    title={<Link to={`/sops/${s.id}/edit`}>{s.title}</Link>}
                    detail={t("home.overdue.detail", {
                      date: tr.date(Date.parse(`${s.nextReviewAt}T00:00:00Z`), {
                        dateStyle: "medium",
                        timeZone: "UTC",
                      }),
                      department: s.departmentName,
                    })}
                    aside={<span className="badge badge-warning">{t("home.overdue.days", { count: days })}</span>}
                  />
                );
              })}
            </SummaryRows>
          ) : null}
        </SummaryCard>

        <SummaryCard
          id="home-flags"
          title={t("home.flags.title")}
          count={l.flags.total}
          tone={l.flags.total ? "warning" : "neutral"}
          seeAll={{ to: "/feedback", label: t("home.flags.all", { count: l.flags.total }) }}
          empty={<p>{t("home.flags.empty")}</p>}
        >
          {l.flags.rows.length ? (
            <SummaryRows label={t("home.flags.title")}>
              {l.flags.rows.map((f) => (
                <SummaryRow
                  key={f.id}
                  title={
                    <Link to={`/sops/${f.sopId}#step-${f.stepId}`}>
                      {f.sopTitle}
                      {f.stepNumber ? (
                        <span className="summary-row-step">
                          {" "}
                          · {t("home.flags.step", { number: f.stepNumber, title: f.stepTitle ?? "" })}
                        </span>
                      ) : null}
                    </Link>
                  }
                  detail={
                    <>
                      <q>{f.text}</q> — <bdi>{f.agentName ?? t("home.flags.someone")}</bdi>
                    </>
                  }
                  aside={
                    <>
                      <span className="badge badge-warning">{t(FLAG_KINDS[f.kind] ?? "home.flags.kind.unclear")}</span>
                      <When at={f.createdAt} today={data.today} />
                    </>
                  }
                />
              ))}
            </SummaryRows>
          ) : null}
        </SummaryCard>

        {ownTotal > 0 ? (
          <SummaryCard
            id="home-own-runs"
            title={t("home.ownRuns.title")}
            count={ownTotal}
            seeAll={data.hasMyRuns ? { to: "/runs", label: t("home.ownRuns.all") } : null}
          >
            <RunRows runs={ownRuns} today={data.today} label={t("home.ownRuns.title")} />
          </SummaryCard>
        ) : null}
      </div>
    </>
  );
}

function AdminCards({ data }: { data: Data }) {
  const { t } = useT();
  const tr = useT();
  const a = data.admin!;
  return (
    <>
      <h2 className="home-section-title">{t("home.org.section")}</h2>
      <div className="home-grid">
        <SummaryCard id="home-org" title={t("home.org.title")}>
          <dl className="org-stats">
            <div>
              <dt>{t("home.org.people")}</dt>
              <dd>
                <Link to="/admin/users?status=active">{tr.number(a.org.activeUsers)}</Link>
              </dd>
            </div>
            <div>
              <dt>{t("home.org.departments")}</dt>
              <dd>
                <Link to="/admin/departments">{tr.number(a.org.departments)}</Link>
              </dd>
            </div>
            <div>
              <dt>{t("home.org.procedures")}</dt>
              <dd>
                <Link to="/library">{tr.number(a.org.publishedSops)}</Link>
              </dd>
            </div>
            <div>
              <dt>{t("home.org.calls")}</dt>
              <dd>{tr.number(a.org.callsSince)}</dd>
            </div>
          </dl>
        </SummaryCard>
        <SummaryCard
          id="home-audit"
          title={t("home.audit.title")}
          count={a.audit.total}
          seeAll={{ to: "/admin/audit", label: t("home.audit.all") }}
          empty={<p>{t("home.audit.empty")}</p>}
        >
          {a.audit.rows.length ? (
            <SummaryRows label={t("home.audit.title")}>
              {a.audit.rows.map((r) => (
                <SummaryRow
                  key={r.id}
                  title={<bdi className="summary-row-plain">{r.summary}</bdi>}
                  detail={r.actorName ? <bdi>{r.actorName}</bdi> : t("tables.audit.system")}
                  aside={<When at={r.at} today={data.today} />}
                />
              ))}
            </SummaryRows>
          ) : null}
        </SummaryCard>
      </div>
    </>
  );
}

function LearnerCards({ data }: { data: Data }) {
  const { t } = useT();
  const l = data.learner!;
  const dept = data.department;
  const runs = data.runs;
  const ownRows = runs ? [...runs.active.rows, ...runs.completed.rows].slice(0, CARD_ROWS) : [];
  return (
    <div className="home-grid">
      <SummaryCard
        id="home-procedures"
        title={dept ? t("home.procedures.titleIn", { department: dept.name }) : t("home.procedures.title")}
        count={l.procedures.total}
        seeAll={{
          to: dept ? `/library?department=${encodeURIComponent(dept.slug)}` : "/library",
          label: t("home.procedures.all"),
        }}
        empty={<p>{t("home.procedures.empty")}</p>}
      >
        {l.procedures.rows.length ? (
          <SummaryRows label={t("home.procedures.title")}>
            {l.procedures.rows.map((s) => (
              <SummaryRow
                key={s.id}
                title={<Link to={`/sops/${s.id}`}>{s.title}</Link>}
                detail={dept ? null : s.departmentName}
              />
            ))}
          </SummaryRows>
        ) : null}
      </SummaryCard>
      <SummaryCard
        id="home-updated"
        title={t("home.updated.title")}
        count={l.recent.total}
        seeAll={l.recent.total ? { to: "/library", label: t("home.updated.all") } : null}
        empty={<p>{t("home.updated.empty")}</p>}
      >
        {l.recent.rows.length ? (
          <SummaryRows label={t("home.updated.title")}>
            {l.recent.rows.map((s) => (
              <SummaryRow
                key={s.id}
                title={<Link to={`/sops/${s.id}`}>{s.title}</Link>}
                detail={
                  s.changeNote
                    ? t("home.updated.detailNote", { version: s.version, note: s.changeNote })
                    : t("home.updated.detail", { version: s.version, department: s.departmentName })
                }
                aside={<When at={s.publishedAt} today={data.today} />}
              />
            ))}
          </SummaryRows>
        ) : null}
      </SummaryCard>
      <SummaryCard
        id="home-practice"
        title={t("home.practice.title")}
        count={runs ? runs.active.total + runs.completed.total : 0}
        empty={<p>{t(data.user.role === "trainer" ? "home.practice.emptyTrainer" : "home.practice.empty")}</p>}
      >
        {ownRows.length ? <RunRows runs={ownRows} today={data.today} label={t("home.practice.title")} /> : null}
      </SummaryCard>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
