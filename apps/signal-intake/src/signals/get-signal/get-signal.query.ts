// Read one signal from its stream (always current, with its revision for If-Match).
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type RecordedSignal, signalDecider, signalStreamId } from '@weerbaar/domain';
import { asDomainEvent, EVENT_STORE, type EventStore } from '@weerbaar/event-store';
import { ReferenceData } from '@weerbaar/reference-data';
import type { Principal } from '@weerbaar/security';
import { assertSignalInScope } from '../shared/signal-scope';

export class GetSignalQuery {
  constructor(
    readonly principal: Principal,
    readonly signalId: string,
  ) {}
}

export interface SignalWithRevision {
  state: RecordedSignal;
  revision: number;
}

@QueryHandler(GetSignalQuery)
export class GetSignalHandler implements IQueryHandler<GetSignalQuery, SignalWithRevision> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly referenceData: ReferenceData,
  ) {}

  async execute({ principal, signalId }: GetSignalQuery): Promise<SignalWithRevision> {
    const events = await this.store.readStream(signalStreamId(signalId));
    const state = events.reduce(
      (current, event) => signalDecider.evolve(current, asDomainEvent(event)),
      signalDecider.initialState(),
    );
    assertSignalInScope(principal, signalId, state, this.referenceData);
    return { state: state as RecordedSignal, revision: events.length - 1 };
  }
}
