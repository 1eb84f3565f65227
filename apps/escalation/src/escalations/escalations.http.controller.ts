// The escalation endpoints: list and read within scope, acknowledge (analysts).
import {
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK } from '@weerbaar/config';
import { escalationDecider, escalationStreamId, NotFoundError } from '@weerbaar/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@weerbaar/event-store';
import { DEFAULT_PAGE_SIZE } from '@weerbaar/http';
import {
  currentSignalFacts,
  decodeCursor,
  findEscalation,
  listEscalations,
  nextCursor,
} from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';
import {
  canSeeMunicipality,
  CurrentPrincipal,
  municipalitiesInScope,
  type Principal,
  Roles,
} from '@weerbaar/security';
import {
  EscalationListResponse,
  EscalationView,
  toContributingSignal,
  toEscalationView,
} from './escalation.response';
import { ListEscalationsRequestDto } from './list-escalations.request.dto';

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('api/v1/escalations')
export class EscalationsHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceData,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('analyst', 'burgemeester')
  @ApiOperation({ summary: 'List the escalations within your scope, newest first' })
  @ApiOkResponse({
    type: EscalationListResponse,
    description: 'Escalations within your scope, newest first',
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListEscalationsRequestDto) {
    const scope = municipalitiesInScope(principal, this.referenceData, query.municipality);
    if (!scope)
      throw new NotFoundException(`No municipality ${query.municipality} within your scope`);
    const page = await listEscalations(this.dataSource, {
      municipalities: scope,
      status: query.status,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      after: decodeCursor(query.cursor),
    });
    return {
      items: page.items.map((row) => toEscalationView(row, principal)),
      nextCursor: nextCursor(page, (row) => [row.raisedAt.toISOString(), row.escalationId]),
    };
  }

  @Get(':escalationId')
  @Roles('analyst', 'burgemeester')
  @ApiOperation({ summary: 'Read one escalation' })
  @ApiOkResponse({
    type: EscalationView,
    description: 'One escalation; analysts also get contributingSignals',
    headers: {
      ETag: { description: 'The revision of the escalation', schema: { type: 'string' } },
    },
  })
  @ApiNotFoundResponse({ description: 'No such escalation within your scope' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('escalationId', new ParseUUIDPipe()) escalationId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const row = await findEscalation(this.dataSource, escalationId);
    if (!row || !canSeeMunicipality(principal, row.municipality, this.referenceData)) {
      throw new NotFoundError('escalation', escalationId);
    }
    res.setHeader('ETag', `"${row.revision}"`);
    const view = toEscalationView(row, principal);
    if (principal.role !== 'analyst') return { ...view, deliveries: [] };
    const signals = await currentSignalFacts(this.dataSource, row.contributingSignalIds);
    return { ...view, contributingSignals: signals.map(toContributingSignal), deliveries: [] };
  }

  @Post(':escalationId/acknowledge')
  @HttpCode(200)
  @Roles('analyst')
  @ApiOperation({ summary: 'Acknowledge an escalation' })
  @ApiOkResponse({ description: 'Acknowledged (again: no change)' })
  async acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('escalationId', new ParseUUIDPipe()) escalationId: string,
  ) {
    const now = this.clock();
    const result = await handleCommand(
      this.store,
      escalationStreamId(escalationId),
      escalationDecider,
      {
        type: 'AcknowledgeEscalation',
        data: { escalationId },
        metadata: { now, actor: principal.sub },
      },
      {
        metadata: { actor: principal.sub },
        authorize: (state) => {
          if (
            state.status === 'NOT_RAISED' ||
            !canSeeMunicipality(principal, state.municipality, this.referenceData)
          ) {
            throw new NotFoundError('escalation', escalationId);
          }
        },
      },
    );
    const state = result.state;
    return {
      escalationId,
      status: state.status,
      revision: result.revision,
      acknowledgedAt: state.status === 'NOT_RAISED' ? null : (state.acknowledgedAt ?? null),
    };
  }
}
