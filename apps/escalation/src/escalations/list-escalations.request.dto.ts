// Query parameters of GET /api/v1/escalations.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@weerbaar/http';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ESCALATION_STATUSES, MUNICIPALITY_CODE_PATTERN } from '@weerbaar/domain';

export class ListEscalationsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ enum: ESCALATION_STATUSES })
  @IsOptional()
  @IsIn(ESCALATION_STATUSES)
  status?: string;

  @ApiPropertyOptional({ example: 'GM0363', pattern: MUNICIPALITY_CODE_PATTERN.source })
  @IsOptional()
  @Matches(MUNICIPALITY_CODE_PATTERN, { message: 'municipality must be a CBS code such as GM0363' })
  municipality?: string;
}
