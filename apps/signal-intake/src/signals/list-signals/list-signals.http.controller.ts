// GET /api/v1/signals — the signals within the caller's scope, newest occurrence first.
import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE, instantOf } from '@weerbaar/http';
import {
  decodeCursor,
  listSignals,
  nextCursor,
  type SignalVersionEntity,
} from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';
import { CurrentPrincipal, municipalitiesInScope, type Principal, Roles } from '@weerbaar/security';
import { ListSignalsRequestDto } from './list-signals.request.dto';
import { SignalListResponseDto, type SignalSummaryDto } from './signal-list.response.dto';

@ApiTags('signals')
@ApiBearerAuth()
@Controller('api/v1/signals')
export class ListSignalsHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceData,
  ) {}

  @Get()
  @Roles('coordinator', 'analyst')
  @ApiOperation({ summary: 'List the signals within your scope, newest occurrence first' })
  @ApiOkResponse({ type: SignalListResponseDto })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListSignalsRequestDto,
  ): Promise<SignalListResponseDto> {
    const scope = municipalitiesInScope(principal, this.referenceData, query.municipality);
    if (!scope)
      throw new NotFoundException(`No municipality ${query.municipality} within your scope`);
    const page = await listSignals(this.dataSource, {
      municipalities: scope,
      category: query.category,
      status: query.status,
      from: instantOf(query.from, 'from'),
      to: instantOf(query.to, 'to'),
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      after: decodeCursor(query.cursor),
    });
    return {
      items: page.items.map(toSummary),
      nextCursor: nextCursor(page, (row) => [row.occurredAt.toISOString(), row.signalId]),
    };
  }
}

function toSummary(row: SignalVersionEntity): SignalSummaryDto {
  return {
    signalId: row.signalId,
    revision: row.revision,
    status: row.status,
    municipality: row.municipality,
    category: row.category,
    subcategory: row.subcategory,
    targetRole: row.targetRole,
    severity: row.severity,
    occurredAt: row.occurredAt.toISOString(),
    policeReportFiled: row.policeReportFiled,
    source: row.source,
    classification: row.classification,
    sourceReliability: row.sourceReliability,
    informationCredibility: row.informationCredibility,
    subjectCount: row.subjectCount,
    recordedAt: row.firstRecordedAt.toISOString(),
    updatedAt: row.recordedAt.toISOString(),
  };
}
