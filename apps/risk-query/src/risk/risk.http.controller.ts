// The risk picture endpoints: a municipality's picture and time series, a region's aggregate.
import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { type Clock, CLOCK, WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { roundScore } from '@weerbaar/domain';
import { dailyCounts, regionRiskAsOf, riskPicturesAsOf } from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';
import {
  canSeeMunicipality,
  canSeeRegion,
  CurrentPrincipal,
  type Principal,
  Roles,
} from '@weerbaar/security';
import { AsOfRequestDto, TimeseriesRequestDto } from './as-of.request.dto';
import { momentOf, dayRange } from './moments';
import { RegionRiskView } from './region-risk.response';
import { MunicipalityRiskView, toMunicipalityRiskView } from './risk-picture.response';
import { TimeseriesView } from './timeseries.response';

@ApiTags('risk')
@ApiBearerAuth()
@Controller('api/v1')
export class RiskHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceData,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig,
  ) {}

  @Get('municipalities/:code/risk')
  @Roles('coordinator', 'analyst', 'burgemeester')
  @ApiOperation({ summary: "A municipality's risk picture, now or as known at a moment" })
  @ApiOkResponse({
    type: MunicipalityRiskView,
    description: 'The risk picture as known at asOf (default now)',
  })
  @ApiNotFoundResponse({ description: 'No such municipality within your scope' })
  async municipalityRisk(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Query() query: AsOfRequestDto,
  ): Promise<MunicipalityRiskView> {
    const municipality = this.municipalityInScope(principal, code);
    const asOf = momentOf(query.asOf, this.clock());
    // The burgemeester's picture leaves out signals withheld from them (SPEC §3).
    const { pictures, openEscalations } = await riskPicturesAsOf(
      this.dataSource,
      [municipality.code],
      asOf,
      this.config.risk,
      { forMayor: principal.role === 'burgemeester' },
    );
    return toMunicipalityRiskView(pictures[0], municipality, openEscalations.get(code) ?? 0, {
      subcategories: principal.role !== 'burgemeester',
    });
  }

  @Get('municipalities/:code/timeseries')
  @Roles('coordinator', 'analyst', 'burgemeester')
  @ApiOperation({ summary: "A municipality's live signals per day and category" })
  @ApiOkResponse({
    type: TimeseriesView,
    description: 'Live signals per day of occurrence and category',
  })
  async timeseries(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Query() query: TimeseriesRequestDto,
  ): Promise<TimeseriesView> {
    const municipality = this.municipalityInScope(principal, code);
    const { from, to } = dayRange(query.from, query.to, this.clock());
    const days = await dailyCounts(this.dataSource, municipality.code, from, to);
    return { municipality: municipality.code, from, to, days };
  }

  @Get('regions/:riecRegion/risk')
  @Roles('analyst')
  @ApiOperation({ summary: "A RIEC region's risk picture and its municipalities" })
  @ApiOkResponse({
    type: RegionRiskView,
    description: "The region's aggregate and its municipalities by score",
  })
  async regionRisk(
    @CurrentPrincipal() principal: Principal,
    @Param('riecRegion') riecRegion: string,
    @Query() query: AsOfRequestDto,
  ): Promise<RegionRiskView> {
    const region = this.referenceData.riecRegion(riecRegion);
    if (!region || !canSeeRegion(principal, riecRegion)) {
      throw new NotFoundException(`No RIEC region ${riecRegion} within your scope`);
    }
    const asOf = momentOf(query.asOf, this.clock());
    const municipalities = this.referenceData.municipalitiesOfRegion(riecRegion);
    const result = await regionRiskAsOf(
      this.dataSource,
      riecRegion,
      municipalities.map((m) => m.code),
      asOf,
      this.config.risk,
    );
    const byCode = new Map(municipalities.map((m) => [m.code, m]));
    const { region: picture } = result;
    return {
      riecRegion,
      name: region.name,
      score: roundScore(picture.score),
      level: picture.level,
      trend: {
        previousScore: roundScore(picture.trend.previousScore),
        previousLevel: picture.trend.previousLevel,
        direction: picture.trend.direction,
      },
      counts: picture.counts,
      subcategoryCounts: picture.subcategoryCounts,
      aangifte: picture.aangifte,
      openEscalations: [...result.openEscalations.values()].reduce((a, b) => a + b, 0),
      lastSignalAt: picture.lastSignalAt?.toISOString() ?? null,
      liveSignals: picture.liveSignals,
      municipalitiesPerLevel: picture.municipalitiesPerLevel,
      municipalities: picture.municipalities.map((m) =>
        toMunicipalityRiskView(
          m,
          byCode.get(m.municipality)!,
          result.openEscalations.get(m.municipality) ?? 0,
          {
            subcategories: false,
          },
        ),
      ),
      asOf: asOf.toISOString(),
    };
  }

  private municipalityInScope(principal: Principal, code: string) {
    const municipality = this.referenceData.municipality(code);
    if (!municipality || !canSeeMunicipality(principal, code, this.referenceData)) {
      throw new NotFoundException(`No municipality ${code} within your scope`);
    }
    return municipality;
  }
}
