import type { RouteObject } from 'react-router';

export const escalationRoutes: RouteObject[] = [];
