import type { RouteObject } from 'react-router';

export const mayorRoutes: RouteObject[] = [];
