// The rule sets (SPEC §5): the live set and drafts, drafting and four-eyes publishing, each
// rule's precision from the analysts' dispositions, and back-testing a set against the log.
import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { InputReader } from '@weerbaar/domain';
import {
  parseBacktestRequest,
  RULE_IDS,
  RULE_PARAMETERS,
  RULE_LABELS_NL,
  type RuleSetCatalogue,
  type RuleSetVersion,
  readRules,
} from '@weerbaar/escalation-rules';
import { ruleStatistics } from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';
import { CurrentPrincipal, type Principal, Roles } from '@weerbaar/security';
import { BacktestReportDto } from './backtest.response';
import { BacktestService } from './backtest.service';
import { RuleCatalogueService } from './rule-catalogue.service';

/** Each rule's schema from the parameters the parser accepts (RULE_PARAMETERS). */
const RULE_SCHEMA = {
  oneOf: RULE_IDS.map((id) => ({
    type: 'object' as const,
    required: ['id', 'params'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' as const, enum: [id] },
      params: {
        type: 'object' as const,
        required: Object.keys(RULE_PARAMETERS[id]),
        additionalProperties: false,
        properties: Object.fromEntries(
          Object.entries(RULE_PARAMETERS[id]).map(([name, bounds]) => [
            name,
            'oneOf' in bounds
              ? { type: 'string' as const, enum: [...bounds.oneOf] }
              : { type: 'integer' as const, minimum: bounds.min, maximum: bounds.max },
          ]),
        ),
      },
    },
  })),
};
const RULES_PROPERTY = {
  type: 'array' as const,
  items: RULE_SCHEMA,
  minItems: 1,
  maxItems: RULE_IDS.length,
  description: 'Each rule at most once',
};

type RuleDto = { id: string; params: Record<string, number | string> };

class RuleSetVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty(RULES_PROPERTY) rules!: RuleDto[];
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null for the built-in rule set' })
  draftedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) draftedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) publishedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ enum: ['LIVE', 'DRAFT', 'SUPERSEDED', 'RETIRED'] }) status!: string;
}

class RuleCatalogueDto {
  @ApiProperty({ description: 'The version that is live' }) live!: number;
  @ApiProperty({ type: [RuleSetVersionDto], description: 'Every version, oldest first' })
  versions!: RuleSetVersionDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: ['name', 'description'],
      properties: { name: { type: 'string' }, description: { type: 'string' } },
    },
    description: 'Each rule in plain Dutch: {name, description}',
  })
  labels!: Record<string, { name: string; description: string }>;
}

class DraftRequestDto {
  @ApiProperty(RULES_PROPERTY) rules!: RuleDto[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    description: 'Why this rule set',
  })
  note?: string | null;
}

class RuleStatsDto {
  @ApiProperty({ enum: RULE_IDS }) ruleId!: string;
  @ApiProperty() raised!: number;
  @ApiProperty() open!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Closed escalations per disposition',
  })
  outcomes!: Record<string, number>;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '(RISK_CONFIRMED + VALUABLE) / closed; null when none is closed',
  })
  precision!: number | null;
}

class RuleStatsResponse {
  @ApiProperty() riecRegion!: string;
  @ApiProperty({ type: [RuleStatsDto] }) rules!: RuleStatsDto[];
}

class BacktestRequestDto {
  @ApiPropertyOptional({
    description:
      'The rule set to test: {rules} in full, or {version} of a stored one. Absent: the live rule sets',
    oneOf: [
      {
        type: 'object',
        required: ['rules'],
        additionalProperties: false,
        properties: { rules: RULES_PROPERTY, version: { type: 'integer', minimum: 1 } },
      },
      {
        type: 'object',
        required: ['version'],
        additionalProperties: false,
        properties: { version: { type: 'integer', minimum: 1, maximum: 1_000_000 } },
      },
    ],
  })
  ruleSet?: { version?: number; rules?: RuleDto[] };
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
}

const TEXT_RULE = { required: false, maxLength: 2_000, trim: true };

@ApiTags('rules')
@ApiBearerAuth()
@Controller('api/v1/rules')
export class RulesHttpController {
  constructor(
    private readonly catalogue: RuleCatalogueService,
    private readonly backtests: BacktestService,
    private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceData,
  ) {}

  @Get()
  @Roles('analyst', 'admin')
  @ApiOperation({ summary: 'The live rule set and every draft' })
  @ApiOkResponse({ type: RuleCatalogueDto, description: 'The live rule set and every draft' })
  async list(): Promise<RuleCatalogueDto> {
    return catalogueView(await this.catalogue.read());
  }

  @Post('drafts')
  @Roles('analyst', 'admin')
  @ApiOperation({ summary: 'Draft a rule set' })
  @ApiBody({ type: DraftRequestDto })
  @ApiCreatedResponse({ type: RuleSetVersionDto, description: 'The draft, with its version' })
  async draft(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const reader = new InputReader();
    const source = reader.root(body, ['rules', 'note']);
    const rules = readRules(reader, source, 'rules');
    const note = reader.text(source, 'note', TEXT_RULE) ?? null;
    reader.throwIfAny();
    const version = await this.catalogue.draft(principal, rules ?? [], note);
    return versionOf(catalogueView(await this.catalogue.read()), version);
  }

  @Post('drafts/:version/publish')
  @HttpCode(200)
  @Roles('analyst', 'admin')
  @ApiOperation({ summary: 'Publish a draft (by another person than its author)' })
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: RuleSetVersionDto, description: 'Published: now the live rule set' })
  @ApiConflictResponse({
    description:
      'Drafted by you (another person must publish it), already live, or older than live',
  })
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Param('version', new ParseIntPipe()) version: number,
  ) {
    return versionOf(catalogueView(await this.catalogue.publish(principal, version)), version);
  }

  @Get('stats')
  @Roles('analyst')
  @ApiOperation({ summary: "Each rule's escalations and their dispositions" })
  @ApiOkResponse({
    type: RuleStatsResponse,
    description: "Per rule: your region's escalations raised, open, and closed per disposition",
  })
  async stats(@CurrentPrincipal() principal: Principal): Promise<RuleStatsResponse> {
    const riecRegion = principal.role === 'analyst' ? principal.riecRegion : '';
    const municipalities = this.referenceData.municipalitiesOfRegion(riecRegion).map((m) => m.code);
    const stats = await ruleStatistics(this.dataSource, municipalities);
    return {
      riecRegion,
      rules: stats.map((s) => {
        const closed = Object.values(s.outcomes).reduce((a, b) => a + b, 0);
        const useful = (s.outcomes.RISK_CONFIRMED ?? 0) + (s.outcomes.VALUABLE ?? 0);
        return { ...s, precision: closed === 0 ? null : useful / closed };
      }),
    };
  }

  @Post('backtest')
  @HttpCode(200)
  @Roles('analyst')
  @ApiOperation({ summary: 'Back-test a rule set against the log' })
  @ApiBody({ type: BacktestRequestDto })
  @ApiOkResponse({
    type: BacktestReportDto,
    description:
      'What the rule set would have escalated in your region between from and to, and the difference with the live rule sets; changes nothing',
  })
  async backtest(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ): Promise<BacktestReportDto> {
    const request = parseBacktestRequest(body);
    const riecRegion = principal.role === 'analyst' ? principal.riecRegion : '';
    return this.backtests.run(riecRegion, request);
  }
}

function catalogueView(catalogue: RuleSetCatalogue): RuleCatalogueDto {
  return {
    live: catalogue.live,
    versions: catalogue.versions.map((v) => ({
      ...v,
      rules: [...v.rules] as RuleDto[],
      status: statusOf(v, catalogue.live),
    })),
    labels: RULE_LABELS_NL,
  };
}

function versionOf(catalogue: RuleCatalogueDto, version: number): RuleSetVersionDto {
  return catalogue.versions.find((v) => v.version === version)!;
}

/** LIVE; RETIRED (was live once); DRAFT (can still be published); SUPERSEDED (older than live). */
function statusOf(version: RuleSetVersion, live: number): string {
  if (version.version === live) return 'LIVE';
  if (version.publishedAt !== null || version.draftedBy === null) return 'RETIRED';
  return version.version > live ? 'DRAFT' : 'SUPERSEDED';
}
