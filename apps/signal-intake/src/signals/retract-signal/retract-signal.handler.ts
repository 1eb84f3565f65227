// Retracts a signal at the revision the client read.
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Clock, CLOCK } from '@weerbaar/config';
import { parseRetractSignalRequest, signalDecider, signalStreamId } from '@weerbaar/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@weerbaar/event-store';
import { ReferenceData } from '@weerbaar/reference-data';
import { assertSignalInScope } from '../shared/signal-scope';
import type { SignalWriteResponseDto } from '../shared/signal-write.response.dto';
import { RetractSignalCommand } from './retract-signal.command';

@CommandHandler(RetractSignalCommand)
export class RetractSignalHandler implements ICommandHandler<
  RetractSignalCommand,
  SignalWriteResponseDto
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly referenceData: ReferenceData,
  ) {}

  async execute(command: RetractSignalCommand): Promise<SignalWriteResponseDto> {
    const { principal, signalId, expectedRevision, request } = command;
    const { reason } = parseRetractSignalRequest(request);
    const result = await handleCommand(
      this.store,
      signalStreamId(signalId),
      signalDecider,
      {
        type: 'RetractSignal',
        data: { signalId, reason },
        metadata: { now: this.clock(), actor: principal.sub },
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
