// Record a signal on behalf of a coordinator.
import type { Principal } from '@weerbaar/security';

export class RecordSignalCommand {
  constructor(
    readonly principal: Principal,
    /** The untrusted body, parsed once by the domain's parser. */
    readonly request: unknown,
  ) {}
}

export interface RecordSignalResult {
  signalId: string;
  revision: number;
  /** False when the same signal was recorded before (an idempotent retry). */
  created: boolean;
}
