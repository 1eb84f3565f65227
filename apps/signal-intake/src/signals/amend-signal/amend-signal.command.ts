// Amend a signal: a corrected set of fields with a reason, at the revision the client read.
import type { Principal } from '@weerbaar/security';

export class AmendSignalCommand {
  constructor(
    readonly principal: Principal,
    readonly signalId: string,
    readonly expectedRevision: number,
    /** The untrusted body, parsed once by the domain's parser. */
    readonly request: unknown,
  ) {}
}
