// Query parameters of GET /api/v1/signals.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@weerbaar/http';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { CATEGORIES, SIGNAL_STATUSES } from '@weerbaar/domain';

export class ListSignalsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ example: 'GM0363' })
  @IsOptional()
  @Matches(/^GM\d{4}$/, { message: 'municipality must be a CBS code such as GM0363' })
  municipality?: string;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ enum: SIGNAL_STATUSES })
  @IsOptional()
  @IsIn(SIGNAL_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'occurredAt at or after (ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'occurredAt before (ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
