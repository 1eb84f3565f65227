// GET /api/v1/signals/{signalId}/history
import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '@weerbaar/security';
import { ETAG_HEADER, etagOf } from '../shared/revision-headers';
import { GetSignalHistoryQuery } from './get-signal-history.query';
import { SignalHistoryResponseDto } from './signal-history.response.dto';
import { AuditedRead } from '@weerbaar/audit';

@ApiTags('signals')
@ApiBearerAuth()
@Controller('api/v1/signals')
export class GetSignalHistoryHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':signalId/history')
  @AuditedRead()
  @Roles('coordinator', 'analyst')
  @ApiOperation({
    summary: "Read a signal's history: every revision, with who, when, why and what changed",
  })
  @ApiOkResponse({ type: SignalHistoryResponseDto, headers: ETAG_HEADER })
  @ApiNotFoundResponse({ description: 'No such signal within your scope' })
  async history(
    @CurrentPrincipal() principal: Principal,
    @Param('signalId', new ParseUUIDPipe()) signalId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignalHistoryResponseDto> {
    const history: SignalHistoryResponseDto = await this.queries.execute(
      new GetSignalHistoryQuery(principal, signalId),
    );
    res.setHeader('ETag', etagOf(history.revision));
    return history;
  }
}
