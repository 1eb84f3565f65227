// Records a signal: parse the body once, fingerprint the subjects, decide, append. An id that
// is taken outside the caller's scope is not found.
import { randomUUID } from 'node:crypto';
import { ForbiddenException, Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Clock, CLOCK, WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { parseRecordSignalRequest, signalDecider, signalStreamId } from '@weerbaar/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@weerbaar/event-store';
import { ReferenceData } from '@weerbaar/reference-data';
import { subjectFingerprints } from '@weerbaar/security';
import { assertSignalInScope } from '../shared/signal-scope';
import { recordedEventIdOf } from '../shared/signal-stream';
import { RecordSignalCommand, type RecordSignalResult } from './record-signal.command';

@CommandHandler(RecordSignalCommand)
export class RecordSignalHandler implements ICommandHandler<
  RecordSignalCommand,
  RecordSignalResult
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig,
    private readonly referenceData: ReferenceData,
  ) {}

  async execute({ principal, request }: RecordSignalCommand): Promise<RecordSignalResult> {
    const now = this.clock();
    const parsed = parseRecordSignalRequest(request, { now, municipalities: this.referenceData });
    if (principal.role !== 'coordinator' || parsed.facts.municipality !== principal.municipality) {
      throw new ForbiddenException('A coordinator records signals of their own municipality only');
    }
    const signalId = parsed.signalId ?? randomUUID();
    const fingerprints = subjectFingerprints(this.config.fingerprintKey, parsed.personal.subjects);
    const result = await handleCommand(
      this.store,
      signalStreamId(signalId),
      signalDecider,
      {
        type: 'RecordSignal',
        data: {
          signalId,
          facts: { ...parsed.facts, subjectFingerprints: fingerprints },
          personal: parsed.personal,
        },
        metadata: { now, actor: principal.sub },
      },
      {
        metadata: { actor: principal.sub },
        eventId: () => recordedEventIdOf(signalId),
        // Almost every record is of a new signal: append without reading its stream first; a
        // retry or a taken id finds the stream there and is judged on what it holds.
        expectNewStream: true,
        // An id taken in another municipality is "not found" (API.md), not a 409 that would
        // tell the caller that the signal exists.
        authorize: (state) => {
          if (state.status !== 'NOT_RECORDED') {
            assertSignalInScope(principal, signalId, state, this.referenceData);
          }
        },
      },
    );
    return { signalId, revision: 0, created: result.appended.length > 0 && !result.alreadyStored };
  }
}
