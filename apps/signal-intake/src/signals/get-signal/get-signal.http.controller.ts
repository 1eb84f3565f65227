// GET /api/v1/signals/{signalId}
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
import { GetSignalQuery, type SignalWithRevision } from './get-signal.query';
import { SignalResponseDto, toSignalResponse } from './signal.response.dto';
import { AuditedRead } from '@weerbaar/audit';

@ApiTags('signals')
@ApiBearerAuth()
@Controller('api/v1/signals')
export class GetSignalHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':signalId')
  @AuditedRead()
  @Roles('coordinator', 'analyst')
  @ApiOperation({ summary: 'Read one signal, with its personal data' })
  @ApiOkResponse({ type: SignalResponseDto, headers: ETAG_HEADER })
  @ApiNotFoundResponse({ description: 'No such signal within your scope' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('signalId', new ParseUUIDPipe()) signalId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignalResponseDto> {
    const { state, revision }: SignalWithRevision = await this.queries.execute(
      new GetSignalQuery(principal, signalId),
    );
    res.setHeader('ETag', etagOf(revision));
    return toSignalResponse(state, revision);
  }
}
