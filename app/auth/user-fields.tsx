import { ROLE_LABELS, type Role } from "./permissions";

/** The role picker of the user forms. */
export function RoleChoices({ roles, value, error }: { roles: readonly Role[]; value?: Role; error?: string }) {
  return (
    <div className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
      <label className="usa-label" htmlFor="role">
        Role
      </label>
      {error ? (
        <span className="usa-error-message" id="role-error" role="alert">
          {error}
        </span>
      ) : null}
      <select className="usa-select" id="role" name="role" defaultValue={value ?? ""} aria-describedby={error ? "role-error" : undefined}>
        <option value="" disabled>
          - Select -
        </option>
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Department checkboxes: only a department head's are kept. */
export function DepartmentChoices({
  departments,
  selected,
  error,
}: {
  departments: { id: number; name: string }[];
  selected: number[];
  error?: string;
}) {
  return (
    <fieldset className={`usa-fieldset usa-form-group${error ? " usa-form-group--error" : ""}`}>
      <legend className="usa-legend">Departments (department heads only)</legend>
      {error ? (
        <span className="usa-error-message" role="alert">
          {error}
        </span>
      ) : null}
      {departments.map((d) => (
        <div className="usa-checkbox" key={d.id}>
          <input
            className="usa-checkbox__input"
            id={`department-${d.id}`}
            type="checkbox"
            name="departmentIds"
            value={d.id}
            defaultChecked={selected.includes(d.id)}
          />
          <label className="usa-checkbox__label" htmlFor={`department-${d.id}`}>
            {d.name}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
