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
  /** Escalations it saw last, folded (as many as the rule engine keeps: it updates them). */
  private readonly escalations = new LruStateCache<EscalationState>(2_000);
  private readonly contactsAsOfLog: ContactsAsOfLog;

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
    this.contactsAsOfLog = new ContactsAsOfLog(contacts);
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
    const contacts = this.contactsAsOfLog;
    for (const event of events) {
      if (event.type === 'RiecContactsSet' || event.type === 'MunicipalityContactsSet') {
        contacts.changed(event);
      } else if (event.type === 'EscalationRaised') {
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

  private async forRaised(event: RecordedEvent, contacts: ContactsAsOfLog): Promise<NewDelivery[]> {
    const data = event.data as EscalationRaised['data'];
    const notice = this.noticeOf(data, 'RAISED', event.streamRevision);
    // Kept (folded from the event, no read), so the escalation's first update is not a read.
    await this.escalationAt(event);
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

  private async forUpdated(
    event: RecordedEvent,
    contacts: ContactsAsOfLog,
  ): Promise<NewDelivery[]> {
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
    contacts: ContactsAsOfLog,
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

/**
 * The contacts, read once and kept until the log shows them changed: every change of contacts
 * is an event in the log this consumer reads in order, so a kept entry is dropped when its
 * change comes by, and what follows the change in the log is read afresh. Without it every
 * escalation event cost one or two stream reads, most of the notifier's work under load.
 */
class ContactsAsOfLog {
  private readonly riec = new Map<string, Promise<RiecContact[]>>();
  private readonly mayors = new Map<string, Promise<MayorContact | null>>();

  constructor(private readonly directory: ContactDirectory) {}

  changed(event: RecordedEvent): void {
    const data = event.data as { riecRegion?: unknown; municipality?: unknown };
    if (event.type === 'RiecContactsSet' && typeof data.riecRegion === 'string') {
      this.riec.delete(data.riecRegion);
    } else if (event.type === 'MunicipalityContactsSet' && typeof data.municipality === 'string') {
      this.mayors.delete(data.municipality);
    } else {
      // A shape this does not know: forget everything rather than keep something stale.
      this.riec.clear();
      this.mayors.clear();
    }
  }

  riecContacts(riecRegion: string): Promise<RiecContact[]> {
    return kept(this.riec, riecRegion, () => this.directory.riecContacts(riecRegion));
  }

  burgemeester(municipality: string): Promise<MayorContact | null> {
    return kept(this.mayors, municipality, () => this.directory.burgemeester(municipality));
  }
}

/** The kept promise of `key`, or a new read; a failed read is not kept. */
function kept<T>(map: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  let value = map.get(key);
  if (value === undefined) {
    value = read();
    map.set(key, value);
    value.catch(() => map.delete(key));
  }
  return value;
}
