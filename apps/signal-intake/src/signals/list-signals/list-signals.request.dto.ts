// Query parameters of GET /api/v1/signals.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIsoDateTime, PageRequestDto } from '@weerbaar/http';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CATEGORIES, MUNICIPALITY_CODE_PATTERN, SIGNAL_STATUSES } from '@weerbaar/domain';

export class ListSignalsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ example: 'GM0363', pattern: MUNICIPALITY_CODE_PATTERN.source })
  @IsOptional()
  @Matches(MUNICIPALITY_CODE_PATTERN, { message: 'municipality must be a CBS code such as GM0363' })
  municipality?: string;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ enum: SIGNAL_STATUSES })
  @IsOptional()
  @IsIn(SIGNAL_STATUSES)
  status?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'occurredAt at or after (ISO-8601 with a time zone)',
  })
  @IsOptional()
  @IsIsoDateTime()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'occurredAt before (ISO-8601 with a time zone)',
  })
  @IsOptional()
  @IsIsoDateTime()
  to?: string;
}
