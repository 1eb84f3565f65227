// GET /api/v1/subjects/{fingerprint}: where a subject appears, for the region's analysts. Details
// only within the analyst's region; elsewhere only how often, per region (TLP rules, SPEC §3).
import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { subjectAppearances } from '@weerbaar/read-models';
import { CurrentPrincipal, type Principal, Roles } from '@weerbaar/security';
import { SubjectAppearancesView } from './subject.response';
import { AuditedRead } from '@weerbaar/audit';
import { DataKeys, keyOwner } from '@weerbaar/personal-data';

@ApiTags('risk')
@ApiBearerAuth()
@Controller('api/v1/subjects')
export class SubjectsHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: DataKeys,
  ) {}

  @Get(':fingerprint')
  @AuditedRead()
  @Roles('analyst')
  @ApiOperation({ summary: 'Where a subject appears, by its fingerprint' })
  @ApiOkResponse({
    type: SubjectAppearancesView,
    description: 'Municipalities and signals the subject appears in',
  })
  @ApiNotFoundResponse({ description: 'The subject does not appear within your region' })
  async subject(
    @CurrentPrincipal() principal: Principal,
    @Param('fingerprint') fingerprint: string,
  ): Promise<SubjectAppearancesView> {
    const region = principal.role === 'analyst' ? principal.riecRegion : undefined;
    const appearances = /^[0-9a-f]{64}$/.test(fingerprint)
      ? await subjectAppearances(this.dataSource, fingerprint)
      : [];
    const own = appearances.filter((a) => a.riecRegion === region);
    if (own.length === 0) throw new NotFoundException('No such subject within your region');
    const elsewhere = new Map<string, number>();
    for (const a of appearances) {
      if (a.riecRegion !== region)
        elsewhere.set(a.riecRegion, (elsewhere.get(a.riecRegion) ?? 0) + 1);
    }
    const { erasedAt } = await this.keys.ownerStatus(keyOwner.subject(fingerprint));
    return {
      fingerprint,
      erasedAt: erasedAt?.toISOString() ?? null,
      municipalities: [...new Set(own.map((a) => a.municipality))].sort(),
      signals: own.map((a) => ({
        signalId: a.signalId,
        municipality: a.municipality,
        kind: a.kind,
        category: a.category,
        status: a.status,
        occurredAt: a.occurredAt.toISOString(),
      })),
      otherRegions: [...elsewhere].sort().map(([riecRegion, signals]) => ({ riecRegion, signals })),
    };
  }
}
