// A labelled form control with its hint and its error, wired for assistive technology: the
// error is announced with the field (aria-describedby, aria-invalid).
import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';

interface ControlProps {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

export function Field({
  label,
  hint,
  error,
  children,
  required,
  id: givenId,
}: {
  /** The control's id, where something links to it (an error summary); else a generated one. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  children: ReactElement<ControlProps>;
}) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const { describedBy, messages } = fieldMessages(id, hint, error);
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {messages}
      {cloneElement(children, {
        id,
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : undefined,
      })}
    </div>
  );
}

/**
 * A control's hint and error as paragraphs, and the ids its `aria-describedby` names, so that
 * both are read with the control (a text field, or a group of radio buttons).
 */
export function fieldMessages(
  id: string,
  hint: ReactNode | undefined,
  error: string | undefined,
): { describedBy: string | undefined; messages: ReactNode } {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return {
    describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined,
    messages: (
      <>
        {hint ? (
          <p id={hintId} className="field__hint">
            {hint}
          </p>
        ) : null}
        {error ? (
          <p id={errorId} className="field__error">
            {error}
          </p>
        ) : null}
      </>
    ),
  };
}
