/** Small labelled form controls shared by the settings sections. */
import { useId, type ReactNode } from 'react';

export function Checkbox({
  label,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange(v: boolean): void;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>{label}</span>
    </label>
  );
}

export interface Option<T extends string> {
  value: T;
  label: string;
}

export function Select<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly Option<T>[];
  onChange(v: T): void;
}) {
  const id = useId();
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const picked = options.find((o) => o.value === e.currentTarget.value);
          if (picked !== undefined) onChange(picked.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RadioGroup<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string;
  name: string;
  value: T;
  options: readonly Option<T>[];
  onChange(v: T): void;
}) {
  return (
    <fieldset className="field radios">
      <legend>{legend}</legend>
      <div className="radio-row">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function FieldError({ id, message }: { id: string; message: string | null }) {
  // Always rendered so screen readers hear the message appear inside the live region.
  return (
    <p id={id} className="field-error" aria-live="polite">
      {message ?? ''}
    </p>
  );
}

/** A key typed once and never read back: a password field with no autocomplete or spellcheck (which could send it elsewhere). */
export function SecretInput({
  id,
  value,
  invalid,
  describedBy,
  onChange,
  onEnter,
}: {
  id: string;
  value: string;
  invalid: boolean;
  describedBy: string;
  onChange(value: string): void;
  /** Outside a form, what Enter does; inside one, Enter submits it. */
  onEnter?(): void;
}) {
  return (
    <input
      id={id}
      type="password"
      autoComplete="off"
      spellCheck={false}
      value={value}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.currentTarget.value)}
      onKeyDown={
        onEnter
          ? (e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                onEnter();
              }
            }
          : undefined
      }
    />
  );
}
