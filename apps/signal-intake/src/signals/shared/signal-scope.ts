// Signals within the caller's scope; outside it a signal does not exist (404), as API.md asks.
import { NotFoundError, type SignalState } from '@weerbaar/domain';
import { canSeeMunicipality, type Principal, type RegionDirectory } from '@weerbaar/security';

export function assertSignalInScope(
  principal: Principal,
  signalId: string,
  state: SignalState,
  regions: RegionDirectory,
): void {
  if (
    state.status === 'NOT_RECORDED' ||
    !canSeeMunicipality(principal, state.facts.municipality, regions)
  ) {
    throw new NotFoundError('signal', signalId);
  }
}
