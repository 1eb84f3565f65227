// The escalation endpoints: list and read within scope (analysts, the burgemeester), and the
// analyst's case — acknowledge, assign, annotate, close, snooze a rule.
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { parseAssignRequest, parseCloseRequest, parseNoteRequest } from '@weerbaar/domain';
import { CurrentPrincipal, type Principal, Roles } from '@weerbaar/security';
import { EscalationCaseService } from './escalation-case.service';
import {
  CaseCommandResponse,
  EscalationDetailView,
  EscalationListResponse,
} from './escalation.response';
import { AssignRequestDto, CloseRequestDto, NoteRequestDto } from './escalation-case.request.dto';
import { ListEscalationsRequestDto } from './list-escalations.request.dto';
import { AuditedRead } from '@weerbaar/audit';

const UUID = new ParseUUIDPipe();

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('api/v1/escalations')
export class EscalationsHttpController {
  constructor(private readonly cases: EscalationCaseService) {}

  @Get()
  @Roles('analyst', 'burgemeester')
  @ApiOperation({ summary: 'List the escalations within your scope, newest first' })
  @ApiOkResponse({
    type: EscalationListResponse,
    description: 'Escalations within your scope, newest first',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListEscalationsRequestDto) {
    return this.cases.list(principal, query);
  }

  @Get(':escalationId')
  @AuditedRead()
  @Roles('analyst', 'burgemeester')
  @ApiOperation({ summary: 'Read one escalation with its history' })
  @ApiOkResponse({
    type: EscalationDetailView,
    description:
      'One escalation with its history; analysts also get the contributing signals, notes and deliveries',
    headers: {
      ETag: { description: 'The revision of the escalation', schema: { type: 'string' } },
    },
  })
  @ApiNotFoundResponse({ description: 'No such escalation within your scope' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('escalationId', UUID) escalationId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EscalationDetailView> {
    const detail = await this.cases.detail(principal, escalationId);
    res.setHeader('ETag', `"${detail.revision}"`);
    return detail;
  }

  @Post(':escalationId/acknowledge')
  @HttpCode(200)
  @Roles('analyst')
  @ApiOperation({ summary: 'Acknowledge an escalation' })
  @ApiOkResponse({ type: CaseCommandResponse, description: 'Acknowledged (again: no change)' })
  @ApiConflictResponse({ description: 'The escalation is closed' })
  acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('escalationId', UUID) escalationId: string,
  ) {
    return this.cases.command(principal, escalationId, (metadata) => ({
      type: 'AcknowledgeEscalation',
      data: { escalationId },
      metadata,
    }));
  }

  @Post(':escalationId/assign')
  @HttpCode(200)
  @Roles('analyst')
  @ApiOperation({ summary: 'Assign the case to an analyst' })
  @ApiBody({ type: AssignRequestDto })
  @ApiOkResponse({ type: CaseCommandResponse, description: 'Assigned' })
  @ApiConflictResponse({ description: 'The escalation is closed' })
  assign(
    @CurrentPrincipal() principal: Principal,
    @Param('escalationId', UUID) escalationId: string,
    @Body() body: unknown,
  ) {
    const { assignee } = parseAssignRequest(body);
    return this.cases.command(principal, escalationId, (metadata) => ({
      type: 'AssignEscalation',
      data: { escalationId, assignee },
      metadata,
    }));
  }

  @Post(':escalationId/notes')
  @Roles('analyst')
  @ApiOperation({ summary: 'Add a note to the case' })
  @ApiBody({ type: NoteRequestDto })
  @ApiCreatedResponse({ type: CaseCommandResponse, description: 'The note is added' })
  async addNote(
    @CurrentPrincipal() principal: Principal,
    @Param('escalationId', UUID) escalationId: string,
    @Body() body: unknown,
  ): Promise<CaseCommandResponse> {
    const { text } = parseNoteRequest(body);
    const noteId = this.cases.newNoteId();
    const result = await this.cases.command(principal, escalationId, (metadata) => ({
      type: 'AddEscalationNote',
      data: { escalationId, noteId, text },
      metadata,
    }));
    return { ...result, noteId };
  }

  @Post(':escalationId/close')
  @HttpCode(200)
  @Roles('analyst')
  @ApiOperation({ summary: 'Close the case with a disposition' })
  @ApiBody({ type: CloseRequestDto })
  @ApiOkResponse({ type: CaseCommandResponse, description: 'Closed with a disposition' })
  @ApiConflictResponse({ description: 'The escalation is closed already' })
  close(
    @CurrentPrincipal() principal: Principal,
    @Param('escalationId', UUID) escalationId: string,
    @Body() body: unknown,
  ) {
    const { outcome, note } = parseCloseRequest(body);
    return this.cases.command(principal, escalationId, (metadata) => ({
      type: 'CloseEscalation',
      data: { escalationId, outcome, note },
      metadata,
    }));
  }
}
