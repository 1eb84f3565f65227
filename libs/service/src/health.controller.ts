// Liveness and readiness: public, no token (API.md § Operations).
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore, START_OF_LOG } from '@weerbaar/event-store';
import { Public } from '@weerbaar/security';

const STATUS_OK = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok'] } },
};

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: STATUS_OK })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: the event store and the read models answer' })
  @ApiOkResponse({
    schema: {
      ...STATUS_OK,
      required: ['status', 'checks'],
      properties: {
        ...STATUS_OK.properties,
        checks: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'The database is not reachable' })
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
