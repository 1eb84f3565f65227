// Keeps the read models up to date: one checkpointed subscription to the global log, started
// with the application and stopped with it.
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@weerbaar/messaging';
import { readModelSubscription } from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';

@Injectable()
export class ReadModelProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscription: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    dataSource: DataSource,
    referenceData: ReferenceData,
  ) {
    this.subscription = bus.subscribe(readModelSubscription(dataSource, referenceData));
  }

  onApplicationBootstrap(): void {
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
