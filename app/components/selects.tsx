// The role and department selects, written once: every form and filter that picks a role or a department
// offers the same options, in the same order, with the same labels; only the blank choice differs by place
// ("No department" on an account, "Any role" in a filter).
import type { ReactNode, SelectHTMLAttributes } from "react";
import { ROLE_LABELS, ROLES, type Role } from "../../db/roles";

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
