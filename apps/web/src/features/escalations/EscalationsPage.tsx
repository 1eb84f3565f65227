// /escalations: the region's inbox for an analyst, the own municipality in plain words for a
// burgemeester (the API gives each their own view of the same list).
import { useSession } from '../../auth/session';
import { AnalystInbox } from './AnalystInbox';
import { MayorEscalations } from './MayorEscalations';

export function EscalationsPage() {
  const session = useSession();
  return session?.role === 'burgemeester' ? <MayorEscalations /> : <AnalystInbox />;
}
