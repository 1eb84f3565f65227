// The security coordinator's screens: their own municipality's signals, recording one, and one
// signal with its history, amendment and retraction. Each screen's code loads when it opens.
import { Outlet, type RouteObject } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { Loading } from '../../ui/ErrorMessage';

export const coordinatorRoutes: RouteObject[] = [
  {
    element: (
      <RequireRole roles={['coordinator']}>
        <Outlet />
      </RequireRole>
    ),
    // While a screen's code loads on the first page load.
    HydrateFallback: Loading,
    children: [
      {
        path: '/signals',
        lazy: () => import('./SignalListPage').then((m) => ({ Component: m.SignalListPage })),
      },
      {
        path: '/signals/new',
        lazy: () => import('./RecordSignalPage').then((m) => ({ Component: m.RecordSignalPage })),
      },
      {
        path: '/signals/:signalId',
        lazy: () => import('./SignalPage').then((m) => ({ Component: m.SignalPage })),
      },
      {
        path: '/signals/:signalId/edit',
        lazy: () => import('./AmendSignalPage').then((m) => ({ Component: m.AmendSignalPage })),
      },
      {
        path: '/signals/:signalId/retract',
        lazy: () => import('./RetractSignalPage').then((m) => ({ Component: m.RetractSignalPage })),
      },
    ],
  },
];
