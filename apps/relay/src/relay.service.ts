// The relay as a service: started with the application, one active instance across processes
// (the processor lock), stopped on shutdown after the batch in hand.
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import type { EventProcessor } from '@weerbaar/event-store';
import type { Infrastructure } from '@weerbaar/infrastructure';
import { createKafkaRelay } from '@weerbaar/messaging';
import { INFRASTRUCTURE, relayLagSeconds } from '@weerbaar/service';

@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RelayService.name);
  private producer: Producer | undefined;
  private relay: EventProcessor<unknown> | undefined;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { kafka, eventStore, database, processorLock } = this.infrastructure;
    if (!kafka || !this.config.kafka) {
      throw new Error('The relay needs KAFKA_BROKERS and DATABASE_URL');
    }
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.relay = createKafkaRelay({
      store: eventStore,
      transaction: (fn) => database.transaction((q) => fn(q, q)),
      producer: this.producer,
      topic: this.config.kafka.topic,
      lock: processorLock,
      logger: this.logger,
      onProduced: (events) =>
        relayLagSeconds.set(
          Math.max(0, (Date.now() - events[events.length - 1].recordedAt.getTime()) / 1000),
        ),
    });
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.disconnect();
  }

  /** Relays everything in the log up to now (tests). */
  catchUp(): Promise<void> {
    if (!this.relay) throw new Error('The relay has not started');
    return this.relay.catchUp();
  }
}
