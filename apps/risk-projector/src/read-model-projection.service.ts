// Keeps the read models up to date: one checkpointed subscription to the global log, started
// with the application and stopped with it.
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import type { Infrastructure } from '@weerbaar/infrastructure';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@weerbaar/messaging';
import {
  ensureRiskLedgerSettings,
  type ProjectionContext,
  readModelSubscription,
  rebuildReadModels,
  riskLedgerSettingsChanged,
} from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';
import { INFRASTRUCTURE } from '@weerbaar/service';

/** The lock a distributed projector holds while it rebuilds for changed settings. */
const SETTINGS_REBUILD = 'read-models-settings';

@Injectable()
export class ReadModelProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscription: BusSubscription;
  private readonly context: ProjectionContext;
  private readonly logger = new Logger(ReadModelProjectionService.name);

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    private readonly dataSource: DataSource,
    referenceData: ReferenceData,
    @Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
  ) {
    this.context = { regions: referenceData, risk: config.risk };
    this.subscription = bus.subscribe(readModelSubscription(dataSource, this.context));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.infrastructure.kafka) {
      await this.rebuildIfSettingsChanged();
    } else if (await ensureRiskLedgerSettings(this.dataSource, this.config.risk)) {
      this.logger.warn(
        'Risk weights or half-life changed: the read models are rebuilt from the log',
      );
    }
    this.subscription.start();
  }

  /**
   * The distributed shape cannot empty the tables and read the topic again (it keeps events for
   * its retention only, and the consumer group's offsets are past them): it rebuilds from the
   * event store instead, one instance at a time, before projecting from Kafka.
   */
  private async rebuildIfSettingsChanged(): Promise<void> {
    const changed = () =>
      this.dataSource.transaction((em) => riskLedgerSettingsChanged(em, this.config.risk));
    if (!(await changed())) return;
    const lease = await this.infrastructure.processorLock?.acquire(SETTINGS_REBUILD);
    try {
      if (!(await changed())) return;
      this.logger.warn(
        'Risk weights or half-life changed: the read models are rebuilt from the event store',
      );
      const { events, millis } = await rebuildReadModels(
        this.dataSource,
        this.infrastructure.logBus,
        this.context,
      );
      this.logger.log(`Rebuilt the read models from ${events} events in ${millis} ms`);
    } finally {
      await lease?.release();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
  }

  /** Stops projecting (e.g. during a rebuild); resume() starts again from the checkpoint. */
  pause(): Promise<void> {
    return this.subscription.stop();
  }

  resume(): void {
    this.subscription.start();
  }

  /** Projects everything in the log up to now (tests, CLI). */
  catchUp(): Promise<void> {
    return this.subscription.catchUp();
  }
}
