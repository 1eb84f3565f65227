// Amends a signal at the revision the client read.
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Clock, CLOCK, WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { parseAmendSignalRequest, signalDecider, signalStreamId } from '@weerbaar/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@weerbaar/event-store';
import { ReferenceData } from '@weerbaar/reference-data';
import { subjectFingerprints } from '@weerbaar/security';
import { assertSignalInScope } from '../shared/signal-scope';
import type { SignalWriteResponseDto } from '../shared/signal-write.response.dto';
import { AmendSignalCommand } from './amend-signal.command';

@CommandHandler(AmendSignalCommand)
export class AmendSignalHandler implements ICommandHandler<
  AmendSignalCommand,
  SignalWriteResponseDto
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig,
    private readonly referenceData: ReferenceData,
  ) {}

  async execute(command: AmendSignalCommand): Promise<SignalWriteResponseDto> {
    const { principal, signalId, expectedRevision, request } = command;
    const now = this.clock();
    const parsed = parseAmendSignalRequest(request, { now });
    const subjects = parsed.personalChanges.subjects;
    const changes = subjects
      ? {
          ...parsed.changes,
          subjectFingerprints: subjectFingerprints(this.config.fingerprintKey, subjects),
        }
      : parsed.changes;
    const result = await handleCommand(
      this.store,
      signalStreamId(signalId),
      signalDecider,
      {
        type: 'AmendSignal',
        data: { signalId, changes, personalChanges: parsed.personalChanges, reason: parsed.reason },
        metadata: { now, actor: principal.sub },
      },
      {
        metadata: { actor: principal.sub },
        expectedRevision,
        authorize: (state) => assertSignalInScope(principal, signalId, state, this.referenceData),
      },
    );
    return { signalId, revision: result.revision };
  }
}
