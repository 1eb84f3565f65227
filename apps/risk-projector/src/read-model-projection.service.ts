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
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@weerbaar/messaging';
import { ensureRiskLedgerSettings, readModelSubscription } from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';

@Injectable()
export class ReadModelProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscription: BusSubscription;
  private readonly logger = new Logger(ReadModelProjectionService.name);

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    private readonly dataSource: DataSource,
    referenceData: ReferenceData,
    @Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig,
  ) {
    this.subscription = bus.subscribe(
      readModelSubscription(dataSource, { regions: referenceData, risk: config.risk }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (await ensureRiskLedgerSettings(this.dataSource, this.config.risk)) {
      this.logger.warn(
        'Risk weights or half-life changed: the read models are rebuilt from the log',
      );
    }
    this.subscription.start();
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
