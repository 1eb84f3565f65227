// The frame of every signed-in screen: skip link, header with the person's role and scope,
// the navigation of their role, the language switch and sign-out.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { signOut, useSession, type Session } from '../auth/session';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { useReference } from './reference';

function navigation(session: Session): { to: string; label: string }[] {
  switch (session.role) {
    case 'coordinator':
      return [
        { to: '/signals', label: 'nav.signals' },
        { to: '/signals/new', label: 'nav.newSignal' },
        { to: `/municipalities/${session.municipality}`, label: 'nav.ownRisk' },
      ];
    case 'analyst':
      return [
        { to: '/region', label: 'nav.region' },
        { to: '/escalations', label: 'nav.escalations' },
        { to: '/rules', label: 'nav.rules' },
        { to: '/rules/backtest', label: 'nav.backtest' },
      ];
    case 'burgemeester':
      return [
        { to: '/summary', label: 'nav.summary' },
        { to: '/escalations', label: 'nav.escalations' },
      ];
    case 'admin':
      return [];
  }
}

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  const reference = useReference();
  if (!session) {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  }
  const scope = session.municipality
    ? reference.municipalityName(session.municipality)
    : session.riecRegion
      ? reference.regionName(session.riecRegion)
      : undefined;
  return (
    <>
      <a className="skip-link" href="#content">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__brand">Weerbaar</div>
        <p className="app-header__who">
          {t(`roles.${session.role}`)}
          {scope ? ` · ${scope}` : ''}
        </p>
        <div className="app-header__actions">
          <LanguageSwitch />
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              signOut();
              queryClient.clear();
            }}
          >
            {t('signOut')}
          </button>
        </div>
      </header>
      <nav aria-label={t('nav.label')} className="app-nav">
        <ul>
          {navigation(session).map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end>
                {t(item.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="content" className="app-main">
        <Outlet />
      </main>
    </>
  );
}
