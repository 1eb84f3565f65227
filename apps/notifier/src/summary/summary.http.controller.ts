// The burgemeester's summary (SPEC §6) as JSON and as PDF: the own municipality for a
// burgemeester, the region's municipalities for an analyst (to see what the mayor sees).
import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Clock, CLOCK } from '@weerbaar/config';
import { renderMayorSummaryPdf } from '@weerbaar/notifications';
import { ReferenceData } from '@weerbaar/reference-data';
import { canSeeMunicipality, CurrentPrincipal, type Principal, Roles } from '@weerbaar/security';
import { MayorSummaryService } from './mayor-summary.service';
import { MayorSummaryResponse } from './summary.response';

const CODE_PARAM = { name: 'code', schema: { type: 'string' as const, pattern: '^GM\\d{4}$' } };

@ApiTags('summaries')
@ApiBearerAuth()
@Controller('api/v1/municipalities/:code')
export class SummaryHttpController {
  constructor(
    private readonly summaries: MayorSummaryService,
    private readonly referenceData: ReferenceData,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('summary')
  @Roles('burgemeester', 'analyst')
  @ApiOperation({ summary: "The burgemeester's summary" })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({
    type: MayorSummaryResponse,
    description:
      'The summary for the burgemeester: risk level and trend, counts per category, aangifte rate, open and recent escalations, whom to call at the RIEC. No subjects, descriptions, notes or TLP:RED details.',
  })
  @ApiNotFoundResponse({ description: 'No such municipality within your scope' })
  summary(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
  ): Promise<MayorSummaryResponse> {
    this.requireInScope(principal, code);
    // MayorSummary as it is: the response type only checks that the document describes it.
    return this.summaries.build(code, this.clock());
  }

  @Get('summary.pdf')
  @Roles('burgemeester', 'analyst')
  @ApiOperation({ summary: "The burgemeester's summary as PDF" })
  @ApiParam(CODE_PARAM)
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The same summary as a PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiNotFoundResponse({ description: 'No such municipality within your scope' })
  async pdf(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    this.requireInScope(principal, code);
    const pdf = await renderMayorSummaryPdf(await this.summaries.build(code, this.clock()));
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="weerbaar-samenvatting-${code}.pdf"`,
    );
    return new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length });
  }

  private requireInScope(principal: Principal, code: string): void {
    if (
      !this.referenceData.isKnownMunicipality(code) ||
      !canSeeMunicipality(principal, code, this.referenceData)
    ) {
      throw new NotFoundException(`No municipality ${code} within your scope`);
    }
  }
}
