// The analyst's screens (and the coordinator's picture of their own municipality). Each screen's
// code loads when it is first opened; the role check comes first, so no one loads a screen they
// may not see.
import { Outlet, type RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { Loading } from '../../ui/ErrorMessage';

export const analystRoutes: RouteObject[] = [
  {
    element: (
      <RequireRole roles={['analyst']}>
        <Outlet />
      </RequireRole>
    ),
    children: [
      {
        path: '/region',
        // Shown while a screen opened by its address loads its code.
        HydrateFallback: Loading,
        lazy: () => import('./RegionPage').then((m) => ({ Component: m.RegionPage })),
      },
      {
        path: '/subjects/:fingerprint',
        HydrateFallback: Loading,
        lazy: () => import('./SubjectPage').then((m) => ({ Component: m.SubjectPage })),
      },
    ],
  },
  {
    element: (
      <RequireRole roles={['analyst', 'coordinator']}>
        <Outlet />
      </RequireRole>
    ),
    children: [
      {
        path: '/municipalities/:code',
        HydrateFallback: Loading,
        lazy: () => import('./MunicipalityPage').then((m) => ({ Component: m.MunicipalityPage })),
      },
    ],
  },
];
