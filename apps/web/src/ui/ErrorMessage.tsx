// What went wrong with a request, in words: the API's problem title and detail, or a generic
// message; announced to screen readers as an alert.
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message =
    error instanceof ApiError
      ? error.status === 404
        ? t('errors.notFound')
        : error.status === 403
          ? t('errors.forbidden')
          : (error.problem.detail ?? error.problem.title)
      : t('errors.unexpected');
  return (
    <div role="alert" className="alert alert--error">
      {message}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('loading')}
    </p>
  );
}
