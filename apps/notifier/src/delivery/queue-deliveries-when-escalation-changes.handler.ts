// Reacts to escalation events in the log (never to HTTP requests): a raised escalation is queued
// for every RIEC contact of its region (e-mail, and a signed webhook where configured) and for the
// municipality's burgemeester (the summary with PDF); an update goes out as a webhook. The queue
// rows are written in the transaction that moves this consumer's checkpoint: each event is queued
// exactly once, whatever crashes.
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Clock, CLOCK, WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import {
  asDomainEvent,
  EVENT_STORE,
  type EventStore,
  LruStateCache,
  type RecordedEvent,
  SQL_DATABASE,
  type SqlDatabase,
  type SqlQueryable,
} from '@weerbaar/event-store';
import {
  escalationDecider,
  type EscalationEvent,
  type EscalationRaised,
  type EscalationState,
  type MayorContact,
  type RaisedEscalation,
  type RiecContact,
} from '@weerbaar/domain';
import { deterministicUuid } from '@weerbaar/escalation-rules';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@weerbaar/messaging';
import { DeliveryStore, type EscalationNotice, type NewDelivery } from '@weerbaar/notifications';
import { ReferenceData } from '@weerbaar/reference-data';
import { ContactDirectory } from '../contacts/contact-directory.service';
import { DeliveryWorker } from './delivery-worker.service';

export const NOTIFIER_PROCESSOR = 'notifier';

@Injectable()
export class QueueDeliveriesWhenEscalationChanges
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly subscription: BusSubscription;
  private readonly deliveries = new DeliveryStore();
  private readonly escalations = new LruStateCache<EscalationState>(1_000);

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) database: SqlDatabase,
    @Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly referenceData: ReferenceData,
    private readonly contacts: ContactDirectory,
    private readonly worker: DeliveryWorker,
  ) {
    this.subscription = bus.subscribe<SqlQueryable>({
      name: NOTIFIER_PROCESSOR,
      // Contacts are read from the event store, which on PGlite cannot be read inside the
      // checkpoint's transaction; reading is free of effects, and the queue rows go in with it.
      idempotentEffects: true,
      transaction: (fn) => database.transaction((q) => fn(q, q)),
      handle: (events) => this.handle(events),
    });
  }

  onApplicationBootstrap(): void {
    this.subscription.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
  }

  /** Queues everything in the log up to now (tests). */
  catchUp(): Promise<void> {
    return this.subscription.catchUp();
  }

  private async handle(events: RecordedEvent[]) {
    const queued: NewDelivery[] = [];
    // Contacts read once per batch: a batch of a hundred escalations in one region is one read.
    const contacts = new BatchContacts(this.contacts);
    for (const event of events) {
      if (event.type === 'EscalationRaised') {
        queued.push(...(await this.forRaised(event, contacts)));
      } else if (event.type === 'EscalationUpdated') {
        queued.push(...(await this.forUpdated(event, contacts)));
      }
    }
    if (queued.length === 0) return undefined;
    const now = this.clock();
    return async (q: SqlQueryable) => {
      await this.deliveries.enqueue(q, queued, now);
      this.worker.wake();
    };
  }

  private async forRaised(event: RecordedEvent, contacts: BatchContacts): Promise<NewDelivery[]> {
    const data = event.data as EscalationRaised['data'];
    const notice = this.noticeOf(data, 'RAISED', event.streamRevision);
    const mayor = await contacts.burgemeester(data.municipality);
    const forMayor: NewDelivery[] =
      mayor === null
        ? []
        : [
            {
              ...this.about(notice, 'MAYOR_SUMMARY', 'EMAIL', mayor.email),
              municipality: data.municipality,
              payload: {
                occasion: {
                  kind: 'ESCALATION',
                  escalationId: data.escalationId,
                  ruleId: data.ruleId,
                },
              },
              // The summary is written from the read models: they must hold this escalation.
              waitForReadModels: event.globalPosition,
            },
          ];
    return [...(await this.forRiec(notice, contacts, { email: true })), ...forMayor];
  }

  private async forUpdated(event: RecordedEvent, contacts: BatchContacts): Promise<NewDelivery[]> {
    const state = await this.escalationAt(event);
    if (state.status === 'NOT_RAISED') return [];
    const notice = this.noticeOf(dataOf(state), 'UPDATED', event.streamRevision);
    return this.forRiec(notice, contacts, { email: false });
  }

  /**
   * The escalation as it was at this event. Events come in log order, so the state kept from the
   * stream's previous event needs only what followed it: a case updated a thousand times is not
   * read a thousand times over.
   */
  private async escalationAt(event: RecordedEvent): Promise<EscalationState> {
    const kept = this.escalations.get(event.streamId);
    const from = kept !== undefined && kept.revision < event.streamRevision ? kept : undefined;
    // The event follows straight on what is kept (or starts the stream): it is all there is to
    // read, and the batch has it already.
    if ((from?.revision ?? -1) === event.streamRevision - 1) {
      const state = escalationDecider.evolve(
        from?.state ?? escalationDecider.initialState(),
        asDomainEvent<EscalationEvent>(event),
      );
      this.escalations.set(event.streamId, { state, revision: event.streamRevision });
      return state;
    }
    const newer = await this.store.readStream(
      event.streamId,
      from === undefined ? 0 : from.revision + 1,
    );
    const state = newer
      .filter((e) => e.streamRevision <= event.streamRevision)
      .reduce(
        (current, e) => escalationDecider.evolve(current, asDomainEvent<EscalationEvent>(e)),
        from?.state ?? escalationDecider.initialState(),
      );
    this.escalations.set(event.streamId, { state, revision: event.streamRevision });
    return state;
  }

  /** One delivery per RIEC contact: e-mail (on a raise), and a webhook where one is set. */
  private async forRiec(
    notice: EscalationNotice,
    contacts: BatchContacts,
    options: { email: boolean },
  ): Promise<NewDelivery[]> {
    return (await contacts.riecContacts(notice.riecRegion.id)).flatMap((contact) => [
      ...(options.email
        ? [{ ...this.about(notice, 'RIEC_EMAIL', 'EMAIL', contact.email), payload: { notice } }]
        : []),
      ...(contact.webhookUrl === undefined
        ? []
        : [
            {
              ...this.about(notice, 'RIEC_WEBHOOK', 'WEBHOOK', contact.webhookUrl),
              payload: { notice },
            },
          ]),
    ]);
  }

  private about(
    notice: EscalationNotice,
    kind: NewDelivery['kind'],
    channel: NewDelivery['channel'],
    recipient: string,
  ): NewDelivery {
    return {
      deliveryId: deterministicUuid(
        'weerbaar/delivery',
        notice.escalationId,
        String(notice.revision),
        kind,
        recipient,
      ),
      kind,
      channel,
      recipient,
      escalationId: notice.escalationId,
      revision: notice.revision,
      municipality: notice.municipality.code,
      payload: {},
      waitForReadModels: null,
    };
  }

  private noticeOf(
    data: EscalationRaised['data'],
    kind: EscalationNotice['kind'],
    revision: number,
  ): EscalationNotice {
    const region = this.referenceData.riecRegion(data.riecRegion);
    return {
      escalationId: data.escalationId,
      revision,
      kind,
      ruleId: data.ruleId,
      ruleVersion: data.ruleVersion,
      municipality: {
        code: data.municipality,
        name: this.referenceData.municipalityName(data.municipality) ?? data.municipality,
      },
      riecRegion: { id: data.riecRegion, name: region?.name ?? data.riecRegion },
      severity: data.severity,
      explanation: data.explanation,
      contributingSignalCount: data.contributingSignalIds.length,
      raisedAt: data.raisedAt,
      caseUrl: `${this.config.notifications.publicBaseUrl}/api/v1/escalations/${data.escalationId}`,
    };
  }
}

/** The escalation's state in the shape of its raise, with the latest signals and explanation. */
function dataOf(state: RaisedEscalation): EscalationRaised['data'] {
  return {
    escalationId: state.escalationId,
    ruleId: state.ruleId,
    ruleVersion: state.ruleVersion,
    municipality: state.municipality,
    riecRegion: state.riecRegion,
    contributingSignalIds: state.contributingSignalIds,
    explanation: state.explanation,
    severity: state.severity,
    raisedAt: state.raisedAt,
    triggeredByEventId: state.triggeredByEventId,
  };
}

/** The contacts as read once in a batch. */
class BatchContacts {
  private readonly riec = new Map<string, Promise<RiecContact[]>>();
  private readonly mayors = new Map<string, Promise<MayorContact | null>>();

  constructor(private readonly directory: ContactDirectory) {}

  riecContacts(riecRegion: string): Promise<RiecContact[]> {
    let contacts = this.riec.get(riecRegion);
    if (contacts === undefined) {
      contacts = this.directory.riecContacts(riecRegion);
      this.riec.set(riecRegion, contacts);
    }
    return contacts;
  }

  burgemeester(municipality: string): Promise<MayorContact | null> {
    let mayor = this.mayors.get(municipality);
    if (mayor === undefined) {
      mayor = this.directory.burgemeester(municipality);
      this.mayors.set(municipality, mayor);
    }
    return mayor;
  }
}
