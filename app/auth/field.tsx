/** A labelled USWDS text input with its field-level error message tied to it for screen readers. */
export function Field({
  name,
  label,
  type = "text",
  autoComplete,
  error,
  defaultValue,
}: {
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  error?: string;
  defaultValue?: string;
}) {
  const errorId = `${name}-error`;
  return (
    <div className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
      <label className={`usa-label${error ? " usa-label--error" : ""}`} htmlFor={name}>
        {label}
      </label>
      {error ? (
        <span className="usa-error-message" id={errorId} role="alert">
          {error}
        </span>
      ) : null}
      <input
        className={`usa-input${error ? " usa-input--error" : ""}`}
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        required
      />
    </div>
  );
}
