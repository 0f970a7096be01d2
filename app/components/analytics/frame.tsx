// The dashboards' common frame: the title, the tabs (overview, contact reasons, agents), the filter bar (period,
// department, SOP, version, agent) as a GET form — so every view is a URL a lead can bookmark or send — and the
// period the figures cover.
import type { ReactNode } from "react";
import { Form, Link } from "react-router";
import type { AnalyticsFilters } from "../../analytics.server";
import { useT } from "../i18n";
import { SopSelect } from "../selects";
import { IconStroke } from "../../../flows/ui/icon-stroke";
import "./analytics.css";

export type FrameFilters = AnalyticsFilters;
export type FrameChoices = {
  departments: { id: number; name: string }[];
  sops: { id: string; title: string; departmentId: number }[];
  people: { id: string; name: string; departmentId: number | null }[];
  versions: { id: number; version: number }[];
  demo: boolean;
};

export type AnalyticsTab = "overview" | "trends" | "agents" | "sop";

/** The filters as a query string (links between the dashboards keep them). */
export function filterQuery(f: FrameFilters, extra: Record<string, string | null | undefined> = {}): string {
  const p = new URLSearchParams({ from: f.from, to: f.to });
  if (f.departmentId != null) p.set("department", String(f.departmentId));
  if (f.sopId) p.set("sop", f.sopId);
  if (f.versionId != null) p.set("version", String(f.versionId));
  if (f.agentId) p.set("agent", f.agentId);
  for (const [k, v] of Object.entries(extra)) if (v != null && v !== "") p.set(k, v);
  return `?${p.toString()}`;
}

/** The CSV of a table on this page, with the page's filters. */
export function csvHref(table: string, f: FrameFilters, extra: Record<string, string | null | undefined> = {}): string {
  return `/analytics/export.csv${filterQuery(f, { table, ...extra })}`;
}

export function CsvLink({
  table,
  filters,
  extra,
  label,
}: {
  table: string;
  filters: FrameFilters;
  extra?: Record<string, string | null | undefined>;
  label?: string;
}) {
  const { t } = useT();
  return (
    <a className="button button-small button-ghost an-csv" href={csvHref(table, filters, extra)} download>
      <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16">
        <IconStroke d="M8 2v8m0 0 3-3m-3 3L5 7M3 12v2h10v-2" width="1.6" />
      </svg>
      {label ?? t("analytics.csv")}
    </a>
  );
}

export function AnalyticsFrame(props: {
  tab: AnalyticsTab;
  title: string;
  intro: string;
  filters: FrameFilters;
  choices: FrameChoices;
  errors: Partial<Record<string, string>>;
  /** hide the SOP filter (the per-SOP page is about one SOP) */
  sopFixed?: boolean;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const tr = useT();
  const { t } = tr;
  const { filters: f, choices, errors } = props;
  const q = filterQuery({ ...f, ...(props.sopFixed ? { sopId: null, versionId: null } : {}) });
  const tabs: [AnalyticsTab, string, string][] = [
    ["overview", "/analytics", t("analytics.tab.overview")],
    ["trends", "/analytics/trends", t("analytics.tab.trends")],
    ["agents", "/analytics/agents", t("analytics.tab.agents")],
  ];
  const single = choices.departments.length <= 1;
  const sops = f.departmentId != null ? choices.sops.filter((s) => s.departmentId === f.departmentId) : choices.sops;
  const people =
    f.departmentId != null ? choices.people.filter((p) => p.departmentId === f.departmentId) : choices.people;
  const err = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`an-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;
  const described = (name: string) =>
    errors[name] ? { "aria-invalid": true as const, "aria-describedby": `an-${name}-error` } : {};
  // an error on a filter the form does not show (a lead's one department, a version of no SOP) is said above it
  const shown = new Set([
    "from",
    "to",
    ...(single ? [] : ["departmentId"]),
    ...(choices.versions.length > 0 ? ["versionId"] : []),
  ]);
  const unshown = Object.entries(errors).filter(([name, message]) => message && !shown.has(name));
  return (
    <>
      <header className="page-header an-header">
        <div className="page-header-row">
          <h1>{props.title}</h1>
          {props.actions}
        </div>
        <p className="muted">{props.intro}</p>
      </header>
      <nav className="an-tabs" aria-label={t("analytics.tabs")}>
        {tabs.map(([key, to, label]) => (
          <Link key={key} to={`${to}${q}`} className="an-tab" aria-current={props.tab === key ? "page" : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      {unshown.length > 0 ? (
        <div className="alert alert-error" role="alert">
          {unshown.map(([name, message]) => (
            <div key={name}>{message}</div>
          ))}
        </div>
      ) : null}
      <Form method="get" className="filters an-filters" role="search" aria-label={t("analytics.filters")}>
        <div className="form-field">
          <label htmlFor="an-from">{t("analytics.filter.from")}</label>
          <input id="an-from" name="from" type="date" defaultValue={f.from} required {...described("from")} />
          {err("from")}
        </div>
        <div className="form-field">
          <label htmlFor="an-to">{t("analytics.filter.to")}</label>
          <input id="an-to" name="to" type="date" defaultValue={f.to} required {...described("to")} />
          {err("to")}
        </div>
        {single ? null : (
          <div className="form-field">
            <label htmlFor="an-department">{t("analytics.filter.department")}</label>
            <select
              id="an-department"
              name="department"
              defaultValue={f.departmentId != null ? String(f.departmentId) : ""}
              {...described("departmentId")}
            >
              <option value="">{t("analytics.filter.allDepartments")}</option>
              {choices.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            {err("departmentId")}
          </div>
        )}
        {props.sopFixed ? null : (
          <div className="form-field">
            <label htmlFor="an-sop">{t("analytics.filter.sop")}</label>
            <SopSelect
              id="an-sop"
              name="sop"
              defaultValue={f.sopId ?? ""}
              sops={sops}
              blank={t("analytics.filter.allSops")}
            />
          </div>
        )}
        {choices.versions.length > 0 ? (
          <div className="form-field">
            <label htmlFor="an-version">{t("analytics.filter.version")}</label>
            <select
              id="an-version"
              name="version"
              defaultValue={f.versionId != null ? String(f.versionId) : ""}
              {...described("versionId")}
            >
              <option value="">{t("analytics.filter.allVersions")}</option>
              {choices.versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {t("analytics.versionLabel", { version: v.version })}
                </option>
              ))}
            </select>
            {err("versionId")}
          </div>
        ) : null}
        <div className="form-field">
          <label htmlFor="an-agent">{t("analytics.filter.agent")}</label>
          <select id="an-agent" name="agent" defaultValue={f.agentId ?? ""}>
            <option value="">{t("analytics.filter.allAgents")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary">
          {t("analytics.filter.apply")}
        </button>
      </Form>
      <p className="muted an-period">
        {t("analytics.period", {
          from: tr.date(Date.parse(`${f.from}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
          to: tr.date(Date.parse(`${f.to}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
          zone: tr.timeZone ?? "UTC",
        })}
        {choices.demo ? <span className="badge badge-muted an-demo">{t("analytics.demoData")}</span> : null}
      </p>
      {props.children}
    </>
  );
}
