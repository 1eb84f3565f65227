// Query parameters of the risk endpoints.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDate, IsIsoDateTime } from '@weerbaar/http';

export class AsOfRequestDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'The picture as it was known at this moment (ISO-8601 with a time zone); default now',
  })
  @IsOptional()
  @IsIsoDateTime()
  asOf?: string;
}

export class TimeseriesRequestDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'First day (YYYY-MM-DD), default 365 days ago',
  })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day (YYYY-MM-DD), default today' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
}
