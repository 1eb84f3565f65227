// The weekly digest (SPEC §6): at DIGEST_SCHEDULE (default Monday 08:00, Europe/Amsterdam) every
// burgemeester with a contact gets the summary of their municipality. The week is claimed in the
// same transaction that queues the mails, so a digest goes out once per week, also after a
// restart, and a platform that was down at the time sends it when it comes back. A week with no
// burgemeester contact at all is not claimed.
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Clock, CLOCK, WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { SQL_DATABASE, type SqlDatabase } from '@weerbaar/event-store';
import { deterministicUuid } from '@weerbaar/escalation-rules';
import { DeliveryStore, latestDigestOccasion, type NewDelivery } from '@weerbaar/notifications';
import { ReferenceData } from '@weerbaar/reference-data';
import { ContactDirectory } from '../contacts/contact-directory.service';
import { DeliveryWorker } from '../delivery/delivery-worker.service';

const CHECK_EVERY_MS = 60_000;

@Injectable()
export class WeeklyDigestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WeeklyDigestService.name);
  private readonly deliveries = new DeliveryStore();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    @Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly referenceData: ReferenceData,
    private readonly contacts: ContactDirectory,
    private readonly worker: DeliveryWorker,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.notifications.digest === undefined) return;
    const check = () => {
      this.running = this.queueDue().catch((error: unknown) =>
        this.logger.error(`Weekly digest failed: ${error instanceof Error ? error.name : 'error'}`),
      );
    };
    check();
    this.timer = setInterval(check, CHECK_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.idle();
  }

  /** Resolves when the check in progress (at start, or by the timer) has finished. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Queues this week's digest when it is due and not queued yet; returns how many mails. */
  async queueDue(): Promise<number> {
    const schedule = this.config.notifications.digest;
    if (schedule === undefined) return 0;
    const now = this.clock();
    const occasion = latestDigestOccasion(now, schedule);
    // Checked every minute: a week already sent costs one query, not a read of every contact.
    if (await this.deliveries.isDigestWeekClaimed(this.database, occasion.week)) return 0;
    // Contacts first: on the embedded engine the event store cannot be read inside a transaction.
    const mayors: NewDelivery[] = [];
    for (const municipality of this.referenceData.municipalities()) {
      const mayor = await this.contacts.burgemeester(municipality.code);
      if (mayor === null) continue;
      mayors.push({
        deliveryId: deterministicUuid(
          'weerbaar/digest',
          occasion.week,
          municipality.code,
          mayor.email,
        ),
        kind: 'MAYOR_DIGEST',
        channel: 'EMAIL',
        recipient: mayor.email,
        escalationId: null,
        revision: null,
        municipality: municipality.code,
        payload: { occasion: { kind: 'DIGEST', week: occasion.week } },
        waitForReadModels: null,
      });
    }
    // No burgemeester to tell yet: the week stays unclaimed, so the first one configured this week
    // still gets it.
    if (mayors.length === 0) return 0;
    const queued = await this.database.transaction(async (q) => {
      if (!(await this.deliveries.claimDigestWeek(q, occasion.week, occasion.due, now))) return 0;
      await this.deliveries.enqueue(q, mayors, now);
      return mayors.length;
    });
    if (queued > 0) {
      this.logger.log(`Weekly digest ${occasion.week} queued for ${queued} burgemeesters`);
      this.worker.wake();
    }
    return queued;
  }
}
