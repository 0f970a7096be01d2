// Assignments: what is assigned to whom (an SOP or a learning path; a person, a department, a role, or a role in
// a department), due dates, who is overdue; change or remove one; assign; build learning paths. English-only.
import { useEffect, useState } from "react";
import { data, Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/assignments";
import { getDb } from "../../db/client.server";
import { ROLE_LABELS, type Role } from "../../db/roles";
import type { AssignmentTarget } from "../../db/training.server";
import { requirePermission } from "../auth/session.server";
import { DataTable, type Column } from "../components/data-table";
import { RouteErrorBoundary } from "../components/errors";
import { DepartmentSelect, RoleSelect } from "../components/selects";
import { FormField } from "../components/form";
import { formatDay, formatInstant } from "../components/training/format";
import { parseSort } from "../lib/data-table";
import { parseForm, type FieldErrors } from "../lib/forms";
import { readForm } from "../lib/forms.server";
import { refusalOf, throwRouteError } from "../http-errors.server";
import {
  ASSIGNABLE_ROLES,
  assignmentsOverview,
  assignTraining,
  changeTrainingAssignment,
  createTrainingPath,
  removeTrainingAssignment,
} from "../training.server";
import { viewerLocale } from "../viewer-locale.server";
import "./assignments.css";

export const meta: Route.MetaFunction = () => [{ title: "Assignments · Stepwise" }];

const SORTS = ["created", "due", "what"] as const;
const DEFAULT_SORT = { key: "created", dir: "desc" } as const;
const PATH_STEPS = 12;

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePermission(request, "assign:training");
  const { timeZone } = await viewerLocale(request, user);
  const sort = parseSort(new URL(request.url).searchParams.get("sort"), SORTS, DEFAULT_SORT);
  try {
    const overview = await assignmentsOverview(getDb(), user, { timeZone });
    const rows = [...overview.assignments];
    const what = (a: (typeof rows)[number]) => (a.sopTitle ?? a.pathName ?? "").toLocaleLowerCase();
    const by: Record<(typeof SORTS)[number], (a: (typeof rows)[number], b: (typeof rows)[number]) => number> = {
      created: (a, b) => a.createdAt - b.createdAt || a.id - b.id,
      // No due date sorts last either way round.
      due: (a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.id - b.id,
      what: (a, b) => what(a).localeCompare(what(b)) || a.id - b.id,
    };
    rows.sort(by[sort.key]);
    if (sort.dir === "desc") rows.reverse();
    return { ...overview, assignments: rows, sort, timeZone };
  } catch (e) {
    throwRouteError(e);
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dueDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || (DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), {
    error: "Enter the due date as a date (YYYY-MM-DD), or leave it empty.",
  });
const required = z.enum(["required", "reference"], { error: "Choose required or for reference." });
const TARGET_KINDS = ["person", "department", "role", "departmentRole"] as const;

const assignForm = z
  .object({
    what: z
      .string({ error: "Choose an SOP or a learning path." })
      .regex(/^(sop|path):.+$/, { error: "Choose an SOP or a learning path." }),
    targetKind: z.enum(TARGET_KINDS, { error: "Choose who it is for." }),
    userId: z.string().optional(),
    departmentId: z.string().optional(),
    role: z.string().optional(),
    dueDate,
    required,
    note: z.string().trim().max(300, { error: "Keep the note under 300 characters." }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.targetKind === "person" && !v.userId)
      ctx.addIssue({ code: "custom", path: ["userId"], message: "Choose the person." });
    if ((v.targetKind === "department" || v.targetKind === "departmentRole") && !/^\d+$/.test(v.departmentId ?? ""))
      ctx.addIssue({ code: "custom", path: ["departmentId"], message: "Choose the department." });
    if (
      (v.targetKind === "role" || v.targetKind === "departmentRole") &&
      !(ASSIGNABLE_ROLES as readonly string[]).includes(v.role ?? "")
    )
      ctx.addIssue({ code: "custom", path: ["role"], message: "Choose the role." });
  });

const changeForm = z.object({
  id: z.coerce.number({ error: "Choose an assignment." }).int().positive({ error: "Choose an assignment." }),
  dueDate,
  required,
});
const removeForm = z.object({
  id: z.coerce.number({ error: "Choose an assignment." }).int().positive({ error: "Choose an assignment." }),
});
const pathForm = z.object({
  name: z
    .string()
    .trim()
    .min(2, { error: "Give the learning path a name (at least 2 characters)." })
    .max(80, { error: "Keep the name under 80 characters." }),
  description: z.string().trim().max(300, { error: "Keep the description under 300 characters." }).default(""),
});

type Intent = "assign" | "change" | "remove" | "path";
type ActionResult = {
  ok: boolean;
  intent: Intent | null;
  id: number | null;
  message: string | null;
  fieldErrors: FieldErrors;
};

function fail(
  intent: Intent | null,
  fieldErrors: FieldErrors,
  id: number | null = null,
  message: string | null = null,
  status = 400,
) {
  return data<ActionResult>({ ok: false, intent, id, message, fieldErrors }, { status });
}

function targetFrom(v: z.infer<typeof assignForm>): AssignmentTarget {
  if (v.targetKind === "person") return { userId: v.userId! };
  if (v.targetKind === "role") return { role: v.role as Role };
  return v.targetKind === "department"
    ? { departmentId: Number(v.departmentId) }
    : { departmentId: Number(v.departmentId), role: v.role as Role };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requirePermission(request, "assign:training");
  const form = await readForm(request);
  const raw = form.get("intent");
  const intent = raw === "assign" || raw === "change" || raw === "remove" || raw === "path" ? raw : null;
  if (!intent) return fail(null, {}, null, "Choose what to do.");
  const rawId = Number(form.get("id"));
  const rowId = Number.isInteger(rawId) && rawId > 0 ? rawId : null;
  const db = getDb();
  try {
    if (intent === "assign") {
      const parsed = parseForm(assignForm, form);
      if (!parsed.ok) return fail(intent, parsed.fieldErrors);
      const v = parsed.data;
      const [kind, ref] = [v.what.slice(0, v.what.indexOf(":")), v.what.slice(v.what.indexOf(":") + 1)];
      const pathId = Number(ref);
      if (kind === "path" && !(Number.isInteger(pathId) && pathId > 0))
        return fail(intent, { what: "Choose an SOP or a learning path." });
      const id = await assignTraining(db, user, {
        ...(kind === "sop" ? { sopId: ref } : { pathId }),
        target: targetFrom(v),
        required: v.required === "required",
        dueDate: v.dueDate,
        ...(v.note ? { note: v.note } : {}),
      });
      return { ok: true, intent, id, message: "Training assigned.", fieldErrors: {} } satisfies ActionResult;
    }
    if (intent === "change") {
      const parsed = parseForm(changeForm, form);
      if (!parsed.ok) return fail(intent, parsed.fieldErrors, rowId);
      await changeTrainingAssignment(db, user, {
        id: parsed.data.id,
        dueDate: parsed.data.dueDate,
        required: parsed.data.required === "required",
      });
      return {
        ok: true,
        intent,
        id: parsed.data.id,
        message: "Assignment changed.",
        fieldErrors: {},
      } satisfies ActionResult;
    }
    if (intent === "remove") {
      const parsed = parseForm(removeForm, form);
      if (!parsed.ok) return fail(intent, parsed.fieldErrors, rowId);
      await removeTrainingAssignment(db, user, { id: parsed.data.id });
      return {
        ok: true,
        intent,
        id: parsed.data.id,
        message: "Assignment removed. The people it covered no longer have it (their records stay).",
        fieldErrors: {},
      } satisfies ActionResult;
    }
    const parsed = parseForm(pathForm, form);
    // The SOPs come as numbered selects sharing one name, in order; empty steps are skipped.
    const sopIds = form
      .getAll("sopIds")
      .map((v) => (typeof v === "string" ? v.trim() : ""))
      .filter(Boolean);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
    if (sopIds.length === 0) errors.sopIds = "Choose at least one SOP for the path.";
    else if (new Set(sopIds).size !== sopIds.length) errors.sopIds = "An SOP appears twice: list each SOP once.";
    else if (sopIds.length > PATH_STEPS) errors.sopIds = `A path has at most ${PATH_STEPS} SOPs.`;
    if (!parsed.ok || Object.keys(errors).length) return fail(intent, errors);
    const id = await createTrainingPath(db, user, {
      name: parsed.data.name,
      description: parsed.data.description,
      sopIds,
    });
    return {
      ok: true,
      intent,
      id,
      message: `Learning path “${parsed.data.name}” created. Assign it below like an SOP.`,
      fieldErrors: {},
    } satisfies ActionResult;
  } catch (e) {
    const refusal = refusalOf(e);
    if (!refusal) throw e;
    // The refusal belongs to the form it came from: a name clash to the path's name, anything else as a notice.
    if (intent === "path" && refusal.status === 409 && /exists already/.test(refusal.message))
      return fail(intent, { name: refusal.message }, null, null, refusal.status);
    return fail(intent, {}, rowId, refusal.message, refusal.status);
  }
}

type Data = Route.ComponentProps["loaderData"];
type Row = Data["assignments"][number];

function whom(a: Row): { label: string; kind: string; href?: string } {
  const role = a.role ? ROLE_LABELS[a.role as Role] : null;
  if (a.userId) return { label: a.userName ?? "A person", kind: "Person", href: `/trainees/${a.userId}` };
  if (a.departmentId != null)
    return role
      ? { label: `${role}s in ${a.departmentName ?? "a department"}`, kind: "Role in department" }
      : { label: a.departmentName ?? "A department", kind: "Department (agents and trainees)" };
  return { label: `Every ${role?.toLocaleLowerCase() ?? "person"}`, kind: "Role, every department" };
}

export default function Assignments({ loaderData: d, actionData: result }: Route.ComponentProps) {
  const notice =
    result?.message &&
    (result.ok ||
      (result.intent !== "assign" && result.intent !== "path") ||
      Object.keys(result.fieldErrors).length === 0)
      ? result
      : null;
  const overdueTotal = d.assignments.reduce((n, a) => n + a.overdue.length, 0);
  const columns: Column<Row>[] = [
    {
      id: "what",
      header: "Training",
      sort: { key: "what" },
      primary: true,
      cell: (a) => (
        <>
          {a.sopId ? (
            <Link to={`/sops/${encodeURIComponent(a.sopId)}`} className="asg-what" dir="auto">
              {a.sopTitle ?? a.sopId}
            </Link>
          ) : (
            <span className="asg-what">{a.pathName}</span>
          )}
          <span className="asg-tags">
            {a.required ? (
              <span className="badge">Required</span>
            ) : (
              <span className="badge badge-muted">For reference</span>
            )}
            {a.pathId != null ? (
              <span className="badge asg-path-badge">
                Learning path · {a.sopIds.length} {a.sopIds.length === 1 ? "SOP" : "SOPs"}
              </span>
            ) : null}
            {a.sopArchivedAt != null ? (
              <span className="badge badge-danger">SOP archived: nothing to learn</span>
            ) : null}
          </span>
          {a.note ? <span className="dt-sub">“{a.note}”</span> : null}
        </>
      ),
    },
    {
      id: "whom",
      header: "Assigned to",
      cell: (a) => {
        const w = whom(a);
        // One wrapper per cell: on narrow screens the cell is a label/value grid.
        return (
          <div>
            {w.href ? <Link to={w.href}>{w.label}</Link> : <span>{w.label}</span>}
            <span className="dt-sub">{w.kind}</span>
          </div>
        );
      },
    },
    {
      id: "due",
      header: "Due",
      sort: { key: "due" },
      cell: (a) =>
        a.dueDate ? (
          <div>
            <time dateTime={a.dueDate}>{formatDay(a.dueDate)}</time>
            {a.dueDate < d.today ? <span className="dt-sub">passed</span> : null}
          </div>
        ) : (
          <span className="muted">No due date</span>
        ),
    },
    {
      id: "covers",
      header: "People",
      cell: (a) => (
        <div className="asg-covers">
          <span>
            {a.covered} {a.covered === 1 ? "person" : "people"}
          </span>
          {a.overdue.length ? (
            <details className="asg-overdue">
              <summary>
                <span className="badge badge-danger">
                  <span aria-hidden="true">⚠ </span>
                  {a.overdue.length} overdue
                </span>
              </summary>
              <ul>
                {a.overdue.map((p) => (
                  <li key={p.id}>
                    <Link to={`/trainees/${p.id}`}>{p.name}</Link>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ),
    },
    {
      id: "by",
      header: "Assigned by",
      sort: { key: "created", firstDir: "desc" },
      cell: (a) => (
        <div>
          <span>{a.assignedByName ?? <span className="muted">Stepwise</span>}</span>
          <span className="dt-sub">
            <time dateTime={new Date(a.createdAt).toISOString()}>{formatInstant(a.createdAt, d.timeZone)}</time>
          </span>
        </div>
      ),
    },
    {
      id: "actions",
      header: "Actions",
      hideHeader: true,
      cell: (a) =>
        a.mayChange ? (
          <RowActions a={a} result={result} />
        ) : (
          <span className="muted small">Managed by another department's trainer</span>
        ),
    },
  ];

  return (
    <>
      <header className="page-header page-header-row training-header">
        <div>
          <h1>Assignments</h1>
          <p className="muted">
            What each person has to learn. Assigning to a department or a role also covers the people who join it later.
          </p>
        </div>
        <a className="button button-primary" href="#assign-title">
          Assign training
        </a>
      </header>
      {notice ? (
        notice.ok ? (
          <div className="alert alert-success" role="status">
            {notice.message}
          </div>
        ) : (
          <div className="alert alert-error" role="alert">
            {notice.message}
          </div>
        )
      ) : null}

      <section aria-labelledby="list-title" className="asg-section">
        <h2 id="list-title" className="visually-hidden">
          Active assignments
        </h2>
        <DataTable
          caption="Active assignments"
          columns={columns}
          rows={d.assignments}
          rowKey={(a) => String(a.id)}
          sort={d.sort}
          summary={
            `${d.assignments.length} active ${d.assignments.length === 1 ? "assignment" : "assignments"}` +
            (overdueTotal ? ` · ${overdueTotal} overdue` : "")
          }
          page={1}
          pages={1}
          empty={<p>Nothing is assigned yet. Use the form below to assign an SOP or a learning path.</p>}
        />
      </section>

      <div className="asg-forms">
        <AssignForm d={d} result={result} />
        <PathsSection d={d} result={result} />
      </div>
    </>
  );
}

function RowActions({ a, result }: { a: Row; result: ActionResult | undefined }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("id") === String(a.id);
  const errors = result && !result.ok && result.id === a.id ? result.fieldErrors : {};
  const label = a.sopTitle ?? a.pathName ?? "this assignment";
  // Remounted when the assignment changes, so a saved disclosure closes.
  const version = `${a.id}-${a.dueDate}-${a.required}`;
  return (
    <div className="asg-actions">
      <details className="asg-disclosure" key={`change-${version}`} open={Object.keys(errors).length > 0 || undefined}>
        <summary className="button button-small">
          Change<span className="visually-hidden"> {label}</span>
        </summary>
        <Form method="post" className="asg-pop" noValidate>
          <input type="hidden" name="intent" value="change" />
          <input type="hidden" name="id" value={a.id} />
          <FormField id={`due-${a.id}`} label="Due date" error={errors.dueDate} hint="Leave empty for no due date.">
            {(p) => <input {...p} type="date" name="dueDate" defaultValue={a.dueDate ?? ""} />}
          </FormField>
          <FormField id={`req-${a.id}`} label="Kind" error={errors.required}>
            {(p) => (
              <select {...p} name="required" defaultValue={a.required ? "required" : "reference"}>
                <option value="required">Required</option>
                <option value="reference">For reference</option>
              </select>
            )}
          </FormField>
          <button type="submit" className="button button-primary button-small" disabled={busy}>
            Save changes
          </button>
        </Form>
      </details>
      <details className="asg-disclosure" key={`remove-${a.id}`}>
        <summary className="button button-small button-danger-ghost">
          Remove<span className="visually-hidden"> {label}</span>
        </summary>
        <Form method="post" className="asg-pop asg-confirm">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="id" value={a.id} />
          <p>
            Remove “{label}” from {whom(a).label}?{" "}
            {a.covered ? `${a.covered} ${a.covered === 1 ? "person loses" : "people lose"} this assignment; ` : ""}their
            acknowledgements, attempts and certificates stay on record.
          </p>
          <button type="submit" className="button button-danger button-small" disabled={busy}>
            Yes, remove it
          </button>
        </Form>
      </details>
    </div>
  );
}

function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function AssignForm({ d, result }: { d: Data; result: ActionResult | undefined }) {
  const errors = result && !result.ok && result.intent === "assign" ? result.fieldErrors : {};
  const busy = useNavigation().formData?.get("intent") === "assign";
  const hydrated = useHydrated();
  const [kind, setKind] = useState<(typeof TARGET_KINDS)[number]>("person");
  // Without scripts every target control shows (the server reads the ones the chosen kind needs).
  const shows = (k: (typeof TARGET_KINDS)[number][]) => !hydrated || k.includes(kind);
  const kinds: { value: (typeof TARGET_KINDS)[number]; label: string }[] = [
    { value: "person", label: "A person" },
    { value: "department", label: "A department" },
    ...(d.options.companyWideRoles ? [{ value: "role" as const, label: "A role, in every department" }] : []),
    { value: "departmentRole", label: "A role within a department" },
  ];
  const formKey = result?.ok && result.intent === "assign" ? `assign-${result.id}` : "assign";
  // A successful assignment remounts the form (empty again): the chosen kind goes back to its default with it.
  useEffect(() => setKind("person"), [formKey]);
  return (
    <section className="card asg-card" aria-labelledby="assign-title">
      <h2 id="assign-title">Assign training</h2>
      <p className="muted small">
        People see it in My training at once; the due date and whether it is required show there too.
      </p>
      {result && !result.ok && result.intent === "assign" && Object.keys(errors).length ? (
        <div className="alert alert-error" role="alert">
          Check the fields marked below.
        </div>
      ) : null}
      <Form method="post" className="stack" noValidate key={formKey}>
        <input type="hidden" name="intent" value="assign" />
        <FormField id="assign-what" label="SOP or learning path" error={errors.what}>
          {(p) => (
            <select {...p} name="what" defaultValue="">
              <option value="">Choose…</option>
              <optgroup label="SOPs (published)">
                {d.options.sops.map((s) => (
                  <option key={s.id} value={`sop:${s.id}`}>
                    {s.title} — {s.departmentName}
                  </option>
                ))}
              </optgroup>
              {d.paths.length ? (
                <optgroup label="Learning paths">
                  {d.paths.map((p) => (
                    <option key={p.id} value={`path:${p.id}`}>
                      {p.name} ({p.sops.length} {p.sops.length === 1 ? "SOP" : "SOPs"})
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          )}
        </FormField>
        <fieldset
          className="form-field asg-kinds"
          aria-describedby={errors.targetKind ? "assign-kind-error" : undefined}
        >
          <legend>Assign to</legend>
          <div className="asg-kind-options">
            {kinds.map((k) => (
              <label key={k.value} className="radio asg-kind">
                <input
                  type="radio"
                  name="targetKind"
                  value={k.value}
                  defaultChecked={k.value === "person"}
                  onChange={() => setKind(k.value)}
                />
                {k.label}
              </label>
            ))}
          </div>
          {errors.targetKind ? (
            <p className="field-error" id="assign-kind-error">
              {errors.targetKind}
            </p>
          ) : null}
        </fieldset>
        <div className="asg-target">
          {shows(["person"]) ? (
            <FormField id="assign-user" label="Person" error={errors.userId}>
              {(p) => (
                <select {...p} name="userId" defaultValue="">
                  <option value="">Choose a person…</option>
                  {d.options.people.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name} — {ROLE_LABELS[u.role as Role]}
                      {u.departmentName ? `, ${u.departmentName}` : ""}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          ) : null}
          {shows(["department", "departmentRole"]) ? (
            <FormField
              id="assign-department"
              label="Department"
              error={errors.departmentId}
              hint={
                hydrated && kind === "department"
                  ? "Its agents and trainees, including people who join later."
                  : undefined
              }
            >
              {(p) => (
                <DepartmentSelect
                  {...p}
                  name="departmentId"
                  defaultValue={d.options.departments.length === 1 ? String(d.options.departments[0]!.id) : ""}
                  departments={d.options.departments}
                  blank="Choose a department…"
                />
              )}
            </FormField>
          ) : null}
          {shows(["role", "departmentRole"]) ? (
            <FormField id="assign-role" label="Role" error={errors.role}>
              {(p) => <RoleSelect {...p} name="role" defaultValue="" roles={d.options.roles} blank="Choose a role…" />}
            </FormField>
          ) : null}
        </div>
        <div className="asg-row">
          <FormField id="assign-due" label="Due date (optional)" error={errors.dueDate}>
            {(p) => <input {...p} type="date" name="dueDate" />}
          </FormField>
          <fieldset className="form-field">
            <legend>Kind</legend>
            <label className="radio">
              <input type="radio" name="required" value="required" defaultChecked /> Required (counts for the floor)
            </label>
            <label className="radio">
              <input type="radio" name="required" value="reference" /> For reference
            </label>
            {errors.required ? <p className="field-error">{errors.required}</p> : null}
          </fieldset>
        </div>
        <FormField id="assign-note" label="Note for them (optional)" error={errors.note}>
          {(p) => <input {...p} name="note" maxLength={300} placeholder="e.g. Before your first week on the phones" />}
        </FormField>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Assigning…" : "Assign"}
          </button>
        </div>
      </Form>
    </section>
  );
}

function PathsSection({ d, result }: { d: Data; result: ActionResult | undefined }) {
  const errors = result && !result.ok && result.intent === "path" ? result.fieldErrors : {};
  const busy = useNavigation().formData?.get("intent") === "path";
  const [steps, setSteps] = useState(5);
  const hydrated = useHydrated();
  const formKey = result?.ok && result.intent === "path" ? `path-${result.id}` : "path";
  return (
    <section className="card asg-card" aria-labelledby="paths-title">
      <h2 id="paths-title">Learning paths</h2>
      <p className="muted small">An ordered set of SOPs, assigned in one go; My training shows them in this order.</p>
      {d.paths.length ? (
        <ul className="asg-paths">
          {d.paths.map((p) => (
            <li key={p.id} className="asg-path">
              <p className="asg-path-name">
                <strong>{p.name}</strong>{" "}
                <span className="badge badge-muted">
                  {p.sops.length} {p.sops.length === 1 ? "SOP" : "SOPs"}
                </span>
              </p>
              {p.description ? <p className="muted small">{p.description}</p> : null}
              <ol className="asg-path-steps">
                {p.sops.map((s) => (
                  <li key={s.sopId}>
                    <Link to={`/sops/${encodeURIComponent(s.sopId)}`} dir="auto">
                      {s.title}
                    </Link>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No learning paths yet.</p>
      )}
      <details className="asg-new-path" open={Object.keys(errors).length > 0 || d.paths.length === 0 || undefined}>
        <summary>New learning path</summary>
        <Form method="post" className="stack" noValidate key={formKey}>
          <input type="hidden" name="intent" value="path" />
          <FormField id="path-name" label="Name" error={errors.name}>
            {(p) => <input {...p} name="name" maxLength={80} placeholder="e.g. First week in Customer Service" />}
          </FormField>
          <FormField id="path-description" label="Description (optional)" error={errors.description}>
            {(p) => <input {...p} name="description" maxLength={300} />}
          </FormField>
          <fieldset className="form-field" aria-describedby={errors.sopIds ? "path-sops-error" : "path-sops-hint"}>
            <legend>SOPs, in order</legend>
            <p className="field-hint" id="path-sops-hint">
              Pick one SOP per step; leave the steps you don't need empty.
            </p>
            <ol className="asg-steps">
              {Array.from({ length: steps }, (_, i) => (
                <li key={i}>
                  <label htmlFor={`path-sop-${i}`} className="visually-hidden">
                    Step {i + 1}
                  </label>
                  <select
                    id={`path-sop-${i}`}
                    name="sopIds"
                    defaultValue=""
                    aria-invalid={errors.sopIds ? true : undefined}
                  >
                    <option value="">Step {i + 1}: choose an SOP…</option>
                    {d.options.sops.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.title}
                      </option>
                    ))}
                  </select>
                </li>
              ))}
            </ol>
            {hydrated && steps < PATH_STEPS ? (
              <button
                type="button"
                className="button button-ghost button-small asg-add-step"
                onClick={() => setSteps((n) => Math.min(PATH_STEPS, n + 1))}
              >
                + Add a step
              </button>
            ) : null}
            {errors.sopIds ? (
              <p className="field-error" id="path-sops-error">
                {errors.sopIds}
              </p>
            ) : null}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? "Creating…" : "Create learning path"}
            </button>
          </div>
        </Form>
      </details>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
