import type { ReactNode } from 'react';
import { useSession, type Role } from '../auth/session';
import { NotFoundPage } from './HomeRedirect';

/** Shows the page to the given roles; to anyone else it does not exist (as the API's 404). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const session = useSession();
  if (!session || !roles.includes(session.role)) return <NotFoundPage />;
  return <>{children}</>;
}
