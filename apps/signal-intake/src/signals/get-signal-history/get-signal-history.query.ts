// A signal's history from its own stream: one bounded read of one stream, never the global log.
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  AMENDABLE_SIGNAL_FIELDS,
  type AmendableSignalField,
  type SignalEvent,
  signalDecider,
  signalStreamId,
} from '@weerbaar/domain';
import {
  asDomainEvent,
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
} from '@weerbaar/event-store';
import { ReferenceData } from '@weerbaar/reference-data';
import type { Principal } from '@weerbaar/security';
import { assertSignalInScope } from '../shared/signal-scope';
import type { SignalHistoryResponseDto, SignalRevisionDto } from './signal-history.response.dto';

export class GetSignalHistoryQuery {
  constructor(
    readonly principal: Principal,
    readonly signalId: string,
  ) {}
}

@QueryHandler(GetSignalHistoryQuery)
export class GetSignalHistoryHandler implements IQueryHandler<
  GetSignalHistoryQuery,
  SignalHistoryResponseDto
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly referenceData: ReferenceData,
  ) {}

  async execute({ principal, signalId }: GetSignalHistoryQuery): Promise<SignalHistoryResponseDto> {
    const stored = await this.store.readStream(signalStreamId(signalId));
    const events = stored.map((event) => asDomainEvent<SignalEvent>(event));
    // The scope is the signal's municipality, which no amendment changes: the folded state says.
    const state = events.reduce(signalDecider.evolve, signalDecider.initialState());
    assertSignalInScope(principal, signalId, state, this.referenceData);
    return {
      signalId,
      revision: stored.length - 1,
      revisions: stored.map((event, i) => toRevision(event, events[i])),
    };
  }
}

function toRevision(stored: RecordedEvent, event: SignalEvent): SignalRevisionDto {
  const common = {
    revision: stored.streamRevision,
    at: stored.recordedAt.toISOString(),
    actor: typeof stored.metadata.actor === 'string' ? stored.metadata.actor : null,
  };
  switch (event.type) {
    case 'SignalRecorded':
      return { ...common, type: 'RECORDED', reason: null, changedFields: [] };
    case 'SignalAmended':
      return {
        ...common,
        type: 'AMENDED',
        reason: event.data.reason,
        changedFields: changedFields(event.data.changes, event.data.personalChanges),
      };
    case 'SignalRetracted':
      return { ...common, type: 'RETRACTED', reason: event.data.reason, changedFields: [] };
  }
}

/**
 * The request fields an amendment changed. The subjects' fingerprints are derived from the
 * subjects and no field of a request: they change with the subjects, and on their own (a new
 * fingerprint key) they change nothing a person entered.
 */
function changedFields(changes: object, personalChanges: object): AmendableSignalField[] {
  const keys = new Set([...Object.keys(changes), ...Object.keys(personalChanges)]);
  return AMENDABLE_SIGNAL_FIELDS.filter((field) => keys.has(field));
}
