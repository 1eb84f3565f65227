// The contact directory: the RIEC contacts of a region and the burgemeester of a municipality,
// read from their streams (small aggregates: a region's contacts are set as a whole), and set by
// an admin through their deciders.
import { Inject, Injectable } from '@nestjs/common';
import { type Clock, CLOCK } from '@weerbaar/config';
import {
  type MayorContact,
  municipalityContactsDecider,
  municipalityContactsStreamId,
  type MunicipalityContactsSet,
  type RiecContact,
  riecContactsDecider,
  riecContactsStreamId,
  type RiecContactsSet,
} from '@weerbaar/domain';
import { asDomainEvent, EVENT_STORE, type EventStore, handleCommand } from '@weerbaar/event-store';

@Injectable()
export class ContactDirectory {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async riecContacts(riecRegion: string): Promise<RiecContact[]> {
    const events = await this.store.readStream(riecContactsStreamId(riecRegion));
    return events.reduce(
      (state, event) => riecContactsDecider.evolve(state, asDomainEvent<RiecContactsSet>(event)),
      riecContactsDecider.initialState(),
    ).contacts;
  }

  async burgemeester(municipality: string): Promise<MayorContact | null> {
    const events = await this.store.readStream(municipalityContactsStreamId(municipality));
    return events.reduce(
      (state, event) =>
        municipalityContactsDecider.evolve(state, asDomainEvent<MunicipalityContactsSet>(event)),
      municipalityContactsDecider.initialState(),
    ).burgemeester;
  }

  async setRiecContacts(
    actor: string,
    riecRegion: string,
    contacts: RiecContact[],
  ): Promise<RiecContact[]> {
    const result = await handleCommand(
      this.store,
      riecContactsStreamId(riecRegion),
      riecContactsDecider,
      {
        type: 'SetRiecContacts',
        data: { riecRegion, contacts },
        metadata: { now: this.clock(), actor },
      },
      { metadata: { actor } },
    );
    return result.state.contacts;
  }

  async setBurgemeester(
    actor: string,
    municipality: string,
    burgemeester: MayorContact | null,
  ): Promise<MayorContact | null> {
    const result = await handleCommand(
      this.store,
      municipalityContactsStreamId(municipality),
      municipalityContactsDecider,
      {
        type: 'SetMunicipalityContacts',
        data: { municipality, burgemeester },
        metadata: { now: this.clock(), actor },
      },
      { metadata: { actor } },
    );
    return result.state.burgemeester;
  }
}
