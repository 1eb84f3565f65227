// The reference data the web app needs to label and draw what it shows: municipalities with
// their RIEC region, the RIEC regions, and the municipal boundaries as TopoJSON. Public facts
// (CBS, the RIEC division), served without a token and cached by the browser.
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ReferenceData } from '@weerbaar/reference-data';
import { Public } from '@weerbaar/security';

/** One hour: the files change with a new CBS division, which comes with a new release. */
const REFERENCE_CACHE = 'public, max-age=3600';

class MunicipalityReference {
  @ApiProperty({ pattern: '^GM\\d{4}$', example: 'GM0363' }) code!: string;
  @ApiProperty({ example: 'Amsterdam' }) name!: string;
  @ApiProperty({ example: 'amsterdam' }) riecRegion!: string;
}

class RiecRegionReference {
  @ApiProperty({ example: 'amsterdam' }) id!: string;
  @ApiProperty() name!: string;
}

class ReferenceResponse {
  @ApiProperty({ description: 'Date of the municipal division (CBS)' }) asOf!: string;
  @ApiProperty({ type: [MunicipalityReference] }) municipalities!: MunicipalityReference[];
  @ApiProperty({ type: [RiecRegionReference] }) riecRegions!: RiecRegionReference[];
}

@ApiTags('reference')
@Controller('api/v1/reference')
export class ReferenceHttpController {
  private readonly reference: ReferenceResponse;

  constructor(private readonly referenceData: ReferenceData) {
    this.reference = {
      asOf: referenceData.asOf,
      municipalities: referenceData
        .municipalities()
        .map(({ code, name, riecRegion }) => ({ code, name, riecRegion })),
      riecRegions: referenceData.riecRegions().map(({ id, name }) => ({ id, name })),
    };
  }

  @Get()
  @Public()
  @Header('Cache-Control', REFERENCE_CACHE)
  @ApiOperation({ summary: 'Municipalities and RIEC regions (public reference data)' })
  @ApiOkResponse({ type: ReferenceResponse, description: 'The municipal division in use' })
  list(): ReferenceResponse {
    return this.reference;
  }

  @Get('boundaries')
  @Public()
  @Header('Cache-Control', REFERENCE_CACHE)
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({
    summary: 'Municipal boundaries as TopoJSON (object gm_features, code per geometry)',
  })
  @ApiOkResponse({
    description: 'A TopoJSON Topology',
    schema: {
      type: 'object',
      required: ['type', 'objects', 'arcs'],
      properties: {
        type: { type: 'string', enum: ['Topology'] },
        objects: { type: 'object', description: 'gm_features: one geometry per municipality' },
        arcs: { type: 'array', items: { type: 'array', items: { type: 'array' } } },
      },
    },
  })
  boundaries(): string {
    return this.referenceData.boundariesJson();
  }
}
