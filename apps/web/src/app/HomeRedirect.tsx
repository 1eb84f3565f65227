import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSession, type Session } from '../auth/session';
import { PageTitle } from '../ui/PageTitle';

/** Where each role starts. */
export function homePath(session: Session): string {
  switch (session.role) {
    case 'coordinator':
      return '/signals';
    case 'analyst':
      return '/region';
    case 'burgemeester':
      return '/summary';
    case 'admin':
      return '/not-available';
  }
}

export function HomeRedirect() {
  const session = useSession();
  return <Navigate to={session ? homePath(session) : '/sign-in'} replace />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section>
      <PageTitle title={t('notFound.title')}>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
