// A subject fingerprint as a link to where the subject appears (/subjects/:fingerprint), for
// every analyst screen that shows one. Shortened for reading; the full value is in the address.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { subjectPath } from './paths';

export function shortFingerprint(fingerprint: string): string {
  return fingerprint.length > 12 ? `${fingerprint.slice(0, 12)}…` : fingerprint;
}

export function SubjectLink({ fingerprint }: { fingerprint: string }) {
  const { t } = useTranslation('analyst');
  return (
    <Link to={subjectPath(fingerprint)} className="analyst-subject-link">
      <span className="visually-hidden">{t('subject.linkPrefix')}</span>{' '}
      <code>{shortFingerprint(fingerprint)}</code>
    </Link>
  );
}
