// Retract a signal: it stays in history but stops counting.
import type { Principal } from '@weerbaar/security';

export class RetractSignalCommand {
  constructor(
    readonly principal: Principal,
    readonly signalId: string,
    readonly expectedRevision: number,
    /** The untrusted body, parsed once by the domain's parser. */
    readonly request: unknown,
  ) {}
}
