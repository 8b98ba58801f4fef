/**
 * A number input validated as you type: a valid value applies at once, an invalid one shows why
 * and is not sent.
 */
import { useEffect, useId, useState } from 'react';
import { FieldError } from './fields';

export interface NumberFieldProps {
  label: string;
  help?: string;
  value: number | null;
  /** Returns the value to apply, or an error message. Empty input is passed as ''. */
  parse(raw: string): { ok: true; value: number | null } | { ok: false; error: string };
  onApply(value: number | null): void;
  min?: number;
  max?: number;
  step?: number | 'any';
}

export function NumberField({ label, help, value, parse, onApply, min, max, step }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  const [error, setError] = useState<string | null>(null);

  // Follow changes made elsewhere (another window, a rollback) unless the draft already says so.
  useEffect(() => {
    const parsed = parse(draft);
    if (!parsed.ok || parsed.value !== value) {
      if (error === null) setDraft(value === null ? '' : String(value));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the applied value changes
  }, [value]);

  const describedBy = [help ? `${id}-help` : null, `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={draft}
        aria-invalid={error !== null}
        aria-describedby={describedBy}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          setDraft(raw);
          const parsed = parse(raw);
          if (parsed.ok) {
            setError(null);
            if (parsed.value !== value) onApply(parsed.value);
          } else setError(parsed.error);
        }}
      />
      {help ? (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
