// Query parameters of GET /api/v1/escalations.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@weerbaar/http';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ESCALATION_STATUSES, MUNICIPALITY_CODE_PATTERN } from '@weerbaar/domain';
import { RULE_IDS } from '@weerbaar/escalation-rules';

export class ListEscalationsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ enum: ESCALATION_STATUSES })
  @IsOptional()
  @IsIn(ESCALATION_STATUSES)
  status?: string;

  @ApiPropertyOptional({ example: 'GM0363', pattern: MUNICIPALITY_CODE_PATTERN.source })
  @IsOptional()
  @Matches(MUNICIPALITY_CODE_PATTERN, { message: 'municipality must be a CBS code such as GM0363' })
  municipality?: string;

  @ApiPropertyOptional({ enum: RULE_IDS })
  @IsOptional()
  @IsIn(RULE_IDS)
  ruleId?: string;

  @ApiPropertyOptional({
    description: 'The user id the case is assigned to',
    minLength: 1,
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\p{Cc}\p{Cs}]*$/u, { message: 'assignee must not contain control characters' })
  assignee?: string;
}
