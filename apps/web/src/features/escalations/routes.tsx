// The escalation screens: the inbox and the case (analyst and burgemeester, each their own view),
// the rule set with its statistics and the back-test (analyst). Each screen loads when opened.
import { Outlet, type RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { Loading } from '../../ui/ErrorMessage';

export const escalationRoutes: RouteObject[] = [
  {
    element: (
      <RequireRole roles={['analyst', 'burgemeester']}>
        <Outlet />
      </RequireRole>
    ),
    children: [
      {
        path: '/escalations',
        hydrateFallbackElement: <Loading />,
        lazy: () => import('./EscalationsPage').then((m) => ({ Component: m.EscalationsPage })),
      },
      {
        path: '/escalations/:escalationId',
        hydrateFallbackElement: <Loading />,
        lazy: () =>
          import('./EscalationCasePage').then((m) => ({ Component: m.EscalationCasePage })),
      },
    ],
  },
  {
    element: (
      <RequireRole roles={['analyst']}>
        <Outlet />
      </RequireRole>
    ),
    children: [
      {
        path: '/rules',
        hydrateFallbackElement: <Loading />,
        lazy: () => import('./RulesPage').then((m) => ({ Component: m.RulesPage })),
      },
      {
        path: '/rules/backtest',
        hydrateFallbackElement: <Loading />,
        lazy: () => import('./BacktestPage').then((m) => ({ Component: m.BacktestPage })),
      },
    ],
  },
];
