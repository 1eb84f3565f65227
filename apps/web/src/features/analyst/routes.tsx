import type { RouteObject } from 'react-router';

export const analystRoutes: RouteObject[] = [];
