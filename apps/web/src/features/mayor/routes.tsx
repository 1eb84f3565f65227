// The burgemeester's summary of the own municipality; it loads when opened.
import { Outlet, type RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { Loading } from '../../ui/ErrorMessage';

export const mayorRoutes: RouteObject[] = [
  {
    element: (
      <RequireRole roles={['burgemeester']}>
        <Outlet />
      </RequireRole>
    ),
    children: [
      {
        path: '/summary',
        hydrateFallbackElement: <Loading />,
        lazy: () => import('./SummaryPage').then((m) => ({ Component: m.SummaryPage })),
      },
    ],
  },
];
