// Why a command failed, above its form: for field errors a pointer to the fields (each shows its
// own message) and any error of a field the form does not show; otherwise the problem itself.
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorMessage } from '../../ui/ErrorMessage';

export function FormProblem({
  error,
  shown,
}: {
  error: unknown;
  /** Whether the form shows this field's error next to the field. */
  shown: (field: string) => boolean;
}) {
  const { t } = useTranslation('escalations');
  if (!error) return null;
  if (error instanceof ApiError && error.problem.errors?.length) {
    const others = error.problem.errors.filter((e) => !shown(e.field));
    return (
      <div role="alert" className="alert alert--error">
        <p className="escalations-alert__text">{t('form.checkFields')}</p>
        {others.length > 0 ? (
          <ul>
            {others.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                {e.field ? `${e.field}: ` : ''}
                {e.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 409) {
    return (
      <div role="alert" className="alert alert--error">
        {t('form.conflict')}
      </div>
    );
  }
  return <ErrorMessage error={error} />;
}

/** The API's message for a field of a failed command, if it gave one. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}
