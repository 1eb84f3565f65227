// GET /metrics: Prometheus text format, no token (API.md § Operations); meant for the
// monitoring network, not for the public origin (nginx does not route it).
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@weerbaar/security';
import { metricsRegistry } from './metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  @Get()
  @Public()
  @Header('Content-Type', metricsRegistry.contentType)
  @ApiOperation({ summary: 'Prometheus metrics of this process' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Metrics in the Prometheus text format',
    schema: { type: 'string' },
  })
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
