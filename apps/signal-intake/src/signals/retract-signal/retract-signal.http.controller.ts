// POST /api/v1/signals/{signalId}/retract
import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
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
import { RetractSignalCommand } from './retract-signal.command';
import { RetractSignalRequestDto } from './retract-signal.request.dto';

@ApiTags('signals')
@ApiBearerAuth()
@Controller('api/v1/signals')
export class RetractSignalHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':signalId/retract')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Retract a signal at the revision you read' })
  @ApiBody({ type: RetractSignalRequestDto })
  @ApiIfMatch()
  @ApiOkResponse({ type: SignalWriteResponseDto, headers: ETAG_HEADER })
  @ApiConflictResponse({ description: 'Stale If-Match, or already retracted' })
  async retract(
    @CurrentPrincipal() principal: Principal,
    @Param('signalId', new ParseUUIDPipe()) signalId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignalWriteResponseDto> {
    const result: SignalWriteResponseDto = await this.commands.execute(
      new RetractSignalCommand(principal, signalId, revisionFromIfMatch(ifMatch), body),
    );
    res.setHeader('ETag', etagOf(result.revision));
    return result;
  }
}
