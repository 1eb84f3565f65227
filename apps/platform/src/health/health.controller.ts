// Liveness and readiness: public, no token (API.md § Operations).
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore, START_OF_LOG } from '@weerbaar/event-store';
import { Public } from '@weerbaar/security';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  @Get('live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  async ready(): Promise<{ status: 'ok'; checks: Record<string, string> }> {
    try {
      await this.store.readAll(START_OF_LOG, 1);
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('The database is not reachable');
    }
    // The in-process bus is the event store's global log: it is up when the event store is.
    return { status: 'ok', checks: { eventStore: 'up', readModels: 'up', bus: 'in-process' } };
  }
}
