// Snoozing a rule (SPEC §5): an analyst silences one rule for a municipality of their region, or
// for one subject fingerprint within it, for at most 180 days, with a reason kept in the log.
import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Inject, NotFoundException, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { type Clock, CLOCK } from '@weerbaar/config';
import {
  EVENT_STORE,
  type EventStore,
  handleCommand,
  SQL_DATABASE,
  type SqlDatabase,
} from '@weerbaar/event-store';
import {
  activeSnoozesOf,
  MAX_SNOOZE_DAYS,
  parseSnoozeRequest,
  RULE_IDS,
  snoozeDecider,
  snoozeStreamId,
} from '@weerbaar/escalation-rules';
import { ReferenceData } from '@weerbaar/reference-data';
import { canSeeMunicipality, CurrentPrincipal, type Principal, Roles } from '@weerbaar/security';

class SnoozeRequestDto {
  @ApiProperty({ enum: RULE_IDS }) ruleId!: string;
  @ApiPropertyOptional({ pattern: '^GM\\d{4}$', description: 'Either municipality or fingerprint' })
  municipality?: string;
  @ApiPropertyOptional({
    pattern: '^[0-9a-f]{64}$',
    description: 'A subject fingerprint (cross-municipality-subject only)',
  })
  fingerprint?: string;
  @ApiProperty({ format: 'date-time', description: `At most ${MAX_SNOOZE_DAYS} days ahead` })
  until!: string;
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'Why; stays in the audit trail' })
  reason!: string;
}

class SnoozeView {
  @ApiProperty({ format: 'uuid' }) snoozeId!: string;
  @ApiProperty({ enum: RULE_IDS }) ruleId!: string;
  @ApiProperty() riecRegion!: string;
  @ApiProperty({ type: String, nullable: true }) municipality!: string | null;
  @ApiProperty({ type: String, nullable: true }) fingerprint!: string | null;
  @ApiProperty({ format: 'date-time' }) until!: string;
}

class SnoozeListResponse {
  @ApiProperty({ type: [SnoozeView] }) items!: SnoozeView[];
}

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('api/v1/escalations/snoozes')
export class SnoozesHttpController {
  constructor(
    private readonly referenceData: ReferenceData,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('analyst')
  @ApiOperation({ summary: 'List the snoozes in force in your region' })
  @ApiOkResponse({ type: SnoozeListResponse, description: 'Snoozes in force in your region' })
  async list(@CurrentPrincipal() principal: Principal): Promise<SnoozeListResponse> {
    const region = principal.role === 'analyst' ? principal.riecRegion : '';
    const snoozes = await activeSnoozesOf(this.database, region, this.clock());
    return {
      items: snoozes.map((s) => ({
        snoozeId: s.snoozeId,
        ruleId: s.ruleId,
        riecRegion: s.riecRegion,
        municipality: s.municipality,
        fingerprint: s.fingerprint,
        until: new Date(s.until).toISOString(),
      })),
    };
  }

  @Post()
  @Roles('analyst')
  @ApiOperation({ summary: 'Snooze a rule for a municipality or a subject' })
  @ApiBody({ type: SnoozeRequestDto })
  @ApiCreatedResponse({ type: SnoozeView, description: 'The rule is snoozed' })
  async snooze(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ): Promise<SnoozeView> {
    const now = this.clock();
    const request = parseSnoozeRequest(body, now);
    if (principal.role !== 'analyst') throw new NotFoundException();
    if (
      request.municipality !== null &&
      !canSeeMunicipality(principal, request.municipality, this.referenceData)
    ) {
      throw new NotFoundException(`No municipality ${request.municipality} within your scope`);
    }
    const snoozeId = randomUUID();
    const data = {
      snoozeId,
      ruleId: request.ruleId,
      riecRegion: principal.riecRegion,
      municipality: request.municipality,
      fingerprint: request.fingerprint,
      until: request.until.toISOString(),
      reason: request.reason,
    };
    await handleCommand(
      this.store,
      snoozeStreamId(snoozeId),
      snoozeDecider,
      { type: 'SnoozeRule', data, metadata: { now, actor: principal.sub } },
      { metadata: { actor: principal.sub } },
    );
    return {
      snoozeId,
      ruleId: data.ruleId,
      riecRegion: data.riecRegion,
      municipality: data.municipality,
      fingerprint: data.fingerprint,
      until: data.until,
    };
  }
}
