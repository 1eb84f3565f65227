// Query parameters and answer of GET /api/v1/admin/audit.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsIsoDateTime, PageRequestDto } from '@weerbaar/http';

const PRINTABLE = /^[^\p{Cc}\p{Cs}]*$/u;

/** The shared page size; the cursor is an entry's id. */
export class ListAuditRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ description: 'Who (the token’s sub)', minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'actor must not contain control characters' })
  actor?: string;

  @ApiPropertyOptional({
    description: 'What, as `<METHOD> <route>`',
    example: 'GET /api/v1/signals/:signalId',
    minLength: 1,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(PRINTABLE, { message: 'action must not contain control characters' })
  action?: string;

  @ApiPropertyOptional({
    description: 'Entries about this path or below it',
    example: '/api/v1/signals/',
    minLength: 1,
    maxLength: 300,
    pattern: '^/',
  })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  @Matches(/^\/[^\p{Cc}\p{Cs}]*$/u, { message: 'resource must be a path starting with /' })
  resource?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this moment on (inclusive)' })
  @IsOptional()
  @IsIsoDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this moment' })
  @IsOptional()
  @IsIsoDateTime()
  to?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page', pattern: '^[0-9]{1,19}$' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9]{1,19}$/, { message: 'cursor must be the nextCursor of a previous page' })
  declare cursor?: string;
}

export class AuditRecordDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ example: 'GET /api/v1/signals/:signalId' }) action!: string;
  @ApiProperty() resource!: string;
  @ApiProperty({ type: 'integer' }) status!: number;
  @ApiProperty() requestId!: string;
  @ApiProperty() clientAddress!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditRecordDto] }) items!: AuditRecordDto[];
  @ApiProperty({ type: String, nullable: true, description: 'null on the last page' })
  nextCursor!: string | null;
}
