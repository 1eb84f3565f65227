// Every screen of the app. Each area lists its own routes; the layout signs people in and
// keeps each role to its own screens (the API enforces the same, this only guides).
import type { RouteObject } from 'react-router';
import { CALLBACK_PATH } from '../auth/callback-path';
import { OidcCallbackPage } from '../auth/OidcCallbackPage';
import { SignInPage } from '../auth/SignInPage';
import { analystRoutes } from '../features/analyst/routes';
import { coordinatorRoutes } from '../features/coordinator/routes';
import { escalationRoutes } from '../features/escalations/routes';
import { mayorRoutes } from '../features/mayor/routes';
import { Layout } from './Layout';
import { HomeRedirect, NotFoundPage } from './HomeRedirect';

export const appRoutes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: CALLBACK_PATH, element: <OidcCallbackPage /> },
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomeRedirect /> },
      ...coordinatorRoutes,
      ...analystRoutes,
      ...escalationRoutes,
      ...mayorRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
