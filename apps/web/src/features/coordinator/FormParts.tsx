// Form pieces the shared ui/ has no counterpart for: the error summary that links to fields,
// radio groups and checkboxes with their hint and error, and messages for assistive technology.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from './signal-form';
import { fieldMessages } from '../../ui/Field';

/** The id of the element that holds an API field (`subjects[0].identifier` → signal-subjects-0-identifier). */
export function fieldId(field: string): string {
  return `signal-${field.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;
}

/** Focuses the control of a field: the element itself, or the first control inside it. */
export function focusField(field: string): boolean {
  const holder = document.getElementById(fieldId(field));
  if (!holder) return false;
  const control = holder.matches('input, select, textarea, button')
    ? holder
    : (holder.querySelector<HTMLElement>('input:checked, input, select, textarea, button') ??
      holder);
  holder.scrollIntoView?.({ block: 'center' });
  control.focus();
  return true;
}

/**
 * "There is a problem": every problem of the last attempt, each a link to its field, focused
 * when an attempt fails so that the person hears what to fix (GOV.UK's pattern).
 */
export function ErrorSummary({
  problems,
  attempt,
  labelOf,
}: {
  problems: readonly FieldProblem[];
  /** Changes with every failed attempt, so the summary takes focus again. */
  attempt: number;
  labelOf: (field: string) => string | undefined;
}) {
  const { t } = useTranslation('coordinator');
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  useEffect(() => {
    if (problems.length > 0) ref.current?.focus();
    // Only a new attempt moves focus; editing the form afterwards does not.
  }, [attempt]);
  if (problems.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="alert alert--error error-summary"
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="error-summary__title">
        {t('form.errorSummary')}
      </h2>
      <ul>
        {problems.map((problem, i) => {
          const label = labelOf(problem.field);
          // A field the form does not show (the API may name one) is named as the API does.
          const name = label ?? (problem.field || undefined);
          const text = name ? `${name}: ${problem.message}` : problem.message;
          return (
            <li key={`${problem.field}-${i}`}>
              {label ? (
                <a
                  href={`#${fieldId(problem.field)}`}
                  onClick={(event) => {
                    if (focusField(problem.field)) event.preventDefault();
                  }}
                >
                  {text}
                </a>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export interface RadioOption<T extends string> {
  value: T;
  label: ReactNode;
  hint?: ReactNode;
}

/** A fieldset of radio buttons with its legend, hint and error. */
export function RadioGroup<T extends string>({
  id,
  name,
  legend,
  hint,
  error,
  required,
  options,
  value,
  onChange,
  className,
}: {
  id?: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  options: readonly RadioOption<T>[];
  value: T | '';
  onChange: (value: T) => void;
  className?: string;
}) {
  const { describedBy, messages } = fieldMessages(useId(), hint, error);
  return (
    <fieldset
      id={id}
      className={['choices', error ? 'field--error' : '', className ?? ''].join(' ').trim()}
      aria-describedby={describedBy}
    >
      <legend>
        {legend}
        {required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      {messages}
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            required={required}
            aria-invalid={error ? true : undefined}
            onChange={() => onChange(option.value)}
          />
          <span>
            {option.label}
            {option.hint ? (
              <>
                {' '}
                <span className="choice__hint">{option.hint}</span>
              </>
            ) : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** A checkbox with its label after it, a hint and an error. */
export function Checkbox({
  id,
  label,
  hint,
  error,
  checked,
  onChange,
}: {
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const base = useId();
  const hintId = hint ? `${base}-hint` : undefined;
  const errorId = error ? `${base}-error` : undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      <label className="choice">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>{label}</span>
      </label>
      {hint ? (
        <p id={hintId} className="field__hint choice__below">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A polite live region that says `message` once it has stopped changing for a moment (a
 * character count would otherwise be read at every key).
 */
export function DelayedAnnouncement({
  message,
  delay = 1000,
}: {
  message: string;
  delay?: number;
}) {
  const [said, setSaid] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSaid(message), delay);
    return () => window.clearTimeout(timer);
  }, [message, delay]);
  return (
    <p className="visually-hidden" aria-live="polite">
      {said}
    </p>
  );
}

/**
 * A confirmation for assistive technology and the eye: a status region that is in the page
 * first and gets its text a moment later, so that screen readers announce it.
 */
export function StatusMessage({
  children,
  tone = 'ok',
}: {
  children: ReactNode;
  tone?: 'ok' | 'info';
}) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setShown(true), 50);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <div role="status" className={shown ? `alert${tone === 'ok' ? ' alert--ok' : ''}` : undefined}>
      {shown ? children : null}
    </div>
  );
}
