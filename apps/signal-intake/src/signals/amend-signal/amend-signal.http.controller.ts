// PATCH /api/v1/signals/{signalId}
import { Body, Controller, Headers, Param, ParseUUIDPipe, Patch, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '@weerbaar/security';
import { ApiIfMatch, ETAG_HEADER, etagOf, revisionFromIfMatch } from '../shared/revision-headers';
import { SignalWriteResponseDto } from '../shared/signal-write.response.dto';
import { AmendSignalCommand } from './amend-signal.command';
import { AmendSignalRequestDto } from './amend-signal.request.dto';

@ApiTags('signals')
@ApiBearerAuth()
@Controller('api/v1/signals')
export class AmendSignalHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':signalId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Amend a signal at the revision you read' })
  @ApiBody({ type: AmendSignalRequestDto })
  @ApiIfMatch()
  @ApiOkResponse({ type: SignalWriteResponseDto, headers: ETAG_HEADER })
  @ApiConflictResponse({ description: 'Stale If-Match, or the signal is retracted' })
  async amend(
    @CurrentPrincipal() principal: Principal,
    @Param('signalId', new ParseUUIDPipe()) signalId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignalWriteResponseDto> {
    const result: SignalWriteResponseDto = await this.commands.execute(
      new AmendSignalCommand(principal, signalId, revisionFromIfMatch(ifMatch), body),
    );
    res.setHeader('ETag', etagOf(result.revision));
    return result;
  }
}
