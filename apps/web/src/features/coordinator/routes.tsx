import type { RouteObject } from 'react-router';

export const coordinatorRoutes: RouteObject[] = [];
