// Works the delivery queue: claims due deliveries for a lease, writes and sends each (e-mail over
// SMTP or into the outbox, signed webhooks), and records the attempt. A failure is tried again
// with back-off and jitter; after the last try the escalation records EscalationDeliveryFailed,
// after a success EscalationNotified. The event is appended before the queue row is closed: a
// crash in between repeats the delivery (the receiver deduplicates by webhook-id or Message-ID),
// it never loses one.
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Clock, CLOCK, WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { escalationDecider, type EscalationState, escalationStreamId } from '@weerbaar/domain';
import {
  CheckpointStore,
  compareGlobalPositions,
  EVENT_STORE,
  type EventStore,
  handleCommand,
  LruStateCache,
  SQL_DATABASE,
  type SqlDatabase,
} from '@weerbaar/event-store';
import { deterministicUuid } from '@weerbaar/escalation-rules';
import { deliveryFailures } from '@weerbaar/service';
import {
  createMailer,
  type Delivery,
  DeliveryStore,
  type EscalationNotice,
  escalationWebhookPayload,
  type Mailer,
  mayorSummaryEmail,
  type MayorSummaryOccasion,
  renderMayorSummaryPdf,
  retryDelayMs,
  riecEscalationEmail,
  sendWebhook,
} from '@weerbaar/notifications';
import { isShownToMayor, READ_MODEL_PROCESSOR } from '@weerbaar/read-models';
import { DataSource } from 'typeorm';
import { ContactDirectory } from '../contacts/contact-directory.service';
import { MayorSummaryService } from '../summary/mayor-summary.service';

const NOTIFIER_ACTOR = 'system:notifier';
const BATCH = 10;
const IDLE_POLL_MS = 1_000;
/** A summary waits this long for the read models to catch up, without counting an attempt. */
const READ_MODEL_WAIT_MS = 200;

interface Outcome {
  delivered: boolean;
  detail: string;
}

@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly deliveries = new DeliveryStore();
  private readonly checkpoints = new CheckpointStore();
  /** Escalations it recorded deliveries on, folded: a long case is not read again per delivery. */
  private readonly escalations = new LruStateCache<EscalationState>(1_000);
  readonly mailer: Mailer;
  private running: Promise<void> | undefined;
  private stopping = false;
  /** The batch being worked now, by the loop or by drain(). */
  private batch: Promise<number> | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly contacts: ContactDirectory,
    private readonly summaries: MayorSummaryService,
  ) {
    const { smtpUrl, smtpFrom, outboxDir, delivery } = config.notifications;
    this.mailer = createMailer({
      smtpUrl,
      from: smtpFrom,
      outboxDir,
      timeoutMs: delivery.timeoutMs,
    });
  }

  onApplicationBootstrap(): void {
    this.stopping = false;
    this.running = this.loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.mailer.close();
  }

  /** New deliveries were queued: look now rather than at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /**
   * Works every due delivery until none is left (tests); returns how many were tried. Waits for
   * the background loop's batch in hand first, so nothing is still being sent when it returns.
   */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      await this.batch?.catch(() => undefined);
      const tried = await this.runOnce();
      if (tried === 0) return total;
      total += tried;
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let tried = 0;
      try {
        tried = await this.runOnce();
      } catch (error) {
        this.logger.error(
          `Delivery batch failed: ${error instanceof Error ? error.name : 'error'}`,
        );
      }
      if (tried === 0 && !this.stopping) {
        const waitMs = await this.untilNextDue();
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = undefined;
      }
    }
  }

  /** Sleep until the next retry is due, polling at least every second (other processes queue too). */
  private async untilNextDue(): Promise<number> {
    try {
      const due = await this.deliveries.nextDueAt(this.database);
      if (due === undefined) return IDLE_POLL_MS;
      return Math.min(IDLE_POLL_MS, Math.max(5, due.getTime() - this.clock().getTime()));
    } catch {
      return IDLE_POLL_MS;
    }
  }

  private runOnce(): Promise<number> {
    const batch = this.claimAndWork();
    this.batch = batch;
    return batch;
  }

  private async claimAndWork(): Promise<number> {
    const leaseMs = this.config.notifications.delivery.timeoutMs * 2 + 5_000;
    const claimed = await this.deliveries.claimDue(this.database, this.clock(), BATCH, leaseMs);
    for (const delivery of claimed) await this.work(delivery);
    return claimed.length;
  }

  private async work(delivery: Delivery): Promise<void> {
    if (delivery.waitForReadModels !== null) {
      const projected = await this.checkpoints.load(this.database, READ_MODEL_PROCESSOR);
      if (compareGlobalPositions(projected, delivery.waitForReadModels) < 0) {
        const later = new Date(this.clock().getTime() + READ_MODEL_WAIT_MS);
        await this.deliveries.postpone(this.database, delivery.deliveryId, later);
        return;
      }
    }
    if (
      delivery.kind === 'MAYOR_SUMMARY' &&
      delivery.escalationId !== null &&
      !(await isShownToMayor(this.dataSource, delivery.escalationId))
    ) {
      // Every signal of the escalation is withheld from the burgemeester: nothing to tell them.
      await this.deliveries.skip(this.database, delivery.deliveryId, this.clock());
      return;
    }
    let outcome: Outcome;
    try {
      outcome = await this.send(delivery);
    } catch (error) {
      outcome = { delivered: false, detail: describeFailure(error) };
    }
    await this.record(delivery, outcome);
  }

  private async send(delivery: Delivery): Promise<Outcome> {
    const { timeoutMs } = this.config.notifications.delivery;
    switch (delivery.kind) {
      case 'RIEC_EMAIL': {
        const notice = delivery.payload.notice as EscalationNotice;
        await this.mailer.send(
          { to: delivery.recipient, ...riecEscalationEmail(notice) },
          delivery.deliveryId,
        );
        return { delivered: true, detail: 'accepted by the mail server' };
      }
      case 'RIEC_WEBHOOK': {
        const notice = delivery.payload.notice as EscalationNotice;
        const contact = (await this.contacts.riecContacts(notice.riecRegion.id)).find(
          (c) => c.webhookUrl === delivery.recipient && c.webhookSecret !== undefined,
        );
        if (contact?.webhookSecret === undefined) {
          return { delivered: false, detail: 'the contact has no webhook secret any more' };
        }
        return sendWebhook({
          url: delivery.recipient,
          secret: contact.webhookSecret,
          // The idempotency key: the same escalation revision has the same id for every receiver.
          messageId: `${notice.escalationId}.${notice.revision}`,
          body: escalationWebhookPayload(notice),
          timeoutMs,
          now: this.clock(),
        });
      }
      case 'MAYOR_SUMMARY':
      case 'MAYOR_DIGEST': {
        const summary = await this.summaries.build(delivery.municipality!, this.clock());
        const occasion = delivery.payload.occasion as MayorSummaryOccasion;
        const pdf = await renderMayorSummaryPdf(summary);
        await this.mailer.send(
          {
            to: delivery.recipient,
            ...mayorSummaryEmail(summary, occasion),
            attachments: [
              {
                filename: `weerbaar-samenvatting-${summary.municipality.code}.pdf`,
                content: pdf,
                contentType: 'application/pdf',
              },
            ],
          },
          delivery.deliveryId,
        );
        return { delivered: true, detail: 'accepted by the mail server' };
      }
    }
  }

  private async record(delivery: Delivery, outcome: Outcome): Promise<void> {
    const now = this.clock();
    const attempt = delivery.attempts + 1;
    const retryIn = outcome.delivered
      ? undefined
      : retryDelayMs(attempt, this.config.notifications.delivery);
    if (!outcome.delivered) {
      deliveryFailures.inc({ channel: delivery.channel, final: String(retryIn === undefined) });
    }
    if (retryIn !== undefined) {
      this.logger.warn(
        `Delivery ${delivery.deliveryId} (${delivery.kind}) failed: ${outcome.detail}; try ${attempt + 1} in ${retryIn} ms`,
      );
      await this.deliveries.recordAttempt(
        this.database,
        delivery.deliveryId,
        { at: now, outcome: 'FAILED', detail: outcome.detail },
        { retryAt: new Date(now.getTime() + retryIn) },
      );
      return;
    }
    const status = outcome.delivered ? 'DELIVERED' : 'FAILED';
    if (delivery.escalationId !== null) await this.recordOnEscalation(delivery, outcome, attempt);
    await this.deliveries.recordAttempt(
      this.database,
      delivery.deliveryId,
      { at: now, outcome: status, detail: outcome.detail },
      { status },
    );
    if (!outcome.delivered) {
      this.logger.error(
        `Delivery ${delivery.deliveryId} (${delivery.kind}) failed after ${attempt} tries: ${outcome.detail}`,
      );
    }
  }

  /** EscalationNotified or EscalationDeliveryFailed on the escalation's own stream. */
  private async recordOnEscalation(delivery: Delivery, outcome: Outcome, attempts: number) {
    const escalationId = delivery.escalationId!;
    const facts = {
      escalationId,
      deliveryId: delivery.deliveryId,
      channel: delivery.channel,
      recipient: delivery.recipient,
      revision: delivery.revision ?? 0,
      attempts,
    };
    await handleCommand(
      this.store,
      escalationStreamId(escalationId),
      escalationDecider,
      {
        type: 'RecordDelivery',
        data: outcome.delivered
          ? { ...facts, outcome: 'DELIVERED' }
          : { ...facts, outcome: 'FAILED', reason: outcome.detail },
        metadata: { now: this.clock(), actor: NOTIFIER_ACTOR },
      },
      {
        metadata: { actor: NOTIFIER_ACTOR },
        eventId: (event) =>
          deterministicUuid('weerbaar/delivery-outcome', delivery.deliveryId, event.type),
        retriesOnConflict: 5,
        states: this.escalations,
      },
    );
  }
}

/** What went wrong, in words that hold no secret and no message content. */
function describeFailure(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  if (typeof responseCode === 'number') return `mail server answered ${responseCode}`;
  if (typeof code === 'string') return `failed (${code})`;
  return 'failed';
}
