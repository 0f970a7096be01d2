// The role, department and SOP selects, written once: every form and filter that picks a role or a department
// offers the same options, in the same order, with the same labels; only the blank choice differs by place
// ("No department" on an account, "Any role" in a filter).
import type { ReactNode, SelectHTMLAttributes } from "react";
import { ROLE_LABELS, ROLES, type Role } from "../../db/roles";
import { FormField } from "./form";

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "children">;

/** A role select; `roles` narrows the choice (a trainer assigns to agents and trainees), `label` translates it. */
export function RoleSelect({
  roles = ROLES,
  label = (r) => ROLE_LABELS[r],
  blank,
  ...props
}: SelectProps & { roles?: readonly Role[]; label?: (role: Role) => string; blank?: string }) {
  return (
    <select {...props}>
      {blank != null ? <option value="">{blank}</option> : null}
      {roles.map((r) => (
        <option key={r} value={r}>
          {label(r)}
        </option>
      ))}
    </select>
  );
}

/**
 * A department select. Departments given as `{ id, name }` submit their id (accounts, filters); given as names
 * they submit the name (an SOP's front matter names its department).
 */
export function DepartmentSelect({
  departments,
  blank,
  children,
  ...props
}: SelectProps & {
  departments: readonly { id: number | string; name: string }[] | readonly string[];
  blank?: string;
  /** options after the departments (a filter's "No department") */
  children?: ReactNode;
}) {
  return (
    <select {...props}>
      {blank != null ? <option value="">{blank}</option> : null}
      {departments.map((d) => {
        const { id, name } = typeof d === "string" ? { id: d, name: d } : d;
        return (
          <option key={id} value={id}>
            {name}
          </option>
        );
      })}
      {children}
    </select>
  );
}

/** An SOP select (filters): each SOP by its title, submitting its id, after the blank choice. */
export function SopSelect({
  sops,
  blank,
  ...props
}: SelectProps & { sops: readonly { id: string; title: string }[]; blank: string }) {
  return (
    <select {...props}>
      <option value="">{blank}</option>
      {sops.map((s) => (
        <option key={s.id} value={s.id}>
          {s.title}
        </option>
      ))}
    </select>
  );
}

/** An account's department field (new and edited accounts): the departments by id, or none. */
export function AccountDepartmentField({
  departments,
  defaultValue,
  error,
}: {
  departments: readonly { id: number; name: string }[];
  defaultValue: number | "";
  error?: string | null;
}) {
  return (
    <FormField id="departmentId" label="Department" error={error}>
      {(p) => (
        <DepartmentSelect
          {...p}
          name="departmentId"
          defaultValue={defaultValue}
          departments={departments}
          blank="No department"
        />
      )}
    </FormField>
  );
}
