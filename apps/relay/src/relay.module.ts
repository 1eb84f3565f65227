// The relay (outbox → Kafka) of the distributed shape.
import { Module } from '@nestjs/common';
import { RelayService } from './relay.service';

@Module({ providers: [RelayService], exports: [RelayService] })
export class RelayModule {}
