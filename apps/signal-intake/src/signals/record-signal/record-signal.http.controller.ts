// POST /api/v1/signals
import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '@weerbaar/security';
import { ETAG_HEADER, etagOf } from '../shared/revision-headers';
import { SignalWriteResponseDto } from '../shared/signal-write.response.dto';
import { RecordSignalCommand, type RecordSignalResult } from './record-signal.command';
import { RecordSignalRequestDto } from './record-signal.request.dto';

const WRITE_HEADERS = {
  Location: { description: 'The path of the signal', schema: { type: 'string' } },
  ...ETAG_HEADER,
};

@ApiTags('signals')
@ApiBearerAuth()
@Controller('api/v1/signals')
export class RecordSignalHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'Record a signal' })
  @ApiBody({ type: RecordSignalRequestDto })
  @ApiCreatedResponse({
    type: SignalWriteResponseDto,
    description: 'Recorded',
    headers: WRITE_HEADERS,
  })
  @ApiOkResponse({
    type: SignalWriteResponseDto,
    description: 'Recorded before with the same content',
    headers: WRITE_HEADERS,
  })
  @ApiNotFoundResponse({ description: 'The signalId is taken by a signal outside your scope' })
  @ApiConflictResponse({ description: 'The signalId is taken by a signal with other content' })
  @ApiUnprocessableEntityResponse({ description: 'A rule of SPEC §3 is broken; see errors' })
  async record(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignalWriteResponseDto> {
    const result: RecordSignalResult = await this.commands.execute(
      new RecordSignalCommand(principal, body),
    );
    res.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    res.setHeader('Location', `/api/v1/signals/${result.signalId}`);
    res.setHeader('ETag', etagOf(result.revision));
    return { signalId: result.signalId, revision: result.revision };
  }
}
