// Query parameters of the risk endpoints.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class AsOfRequestDto {
  @ApiPropertyOptional({
    description: 'The picture as it was known at this moment (ISO-8601); default now',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class TimeseriesRequestDto {
  @ApiPropertyOptional({ description: 'First day (YYYY-MM-DD), default 365 days ago' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (YYYY-MM-DD), default today' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
