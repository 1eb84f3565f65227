// The body and answer of POST /api/v1/admin/subjects/{fingerprint}/erase.
import { ApiProperty } from '@nestjs/swagger';
import { SIGNAL_LIMITS } from '@weerbaar/domain';

export class EraseSubjectRequestDto {
  @ApiProperty({
    minLength: 1,
    maxLength: SIGNAL_LIMITS.reasonMaxLength,
    description:
      "The ground of the erasure: the request's case number, the legal basis. Never whose it is.",
  })
  reason!: string;
}

export class SubjectErasedResponseDto {
  @ApiProperty() fingerprint!: string;
  @ApiProperty({ format: 'date-time', description: 'When the subject was erased' })
  erasedAt!: string;
  @ApiProperty({
    description:
      'Keys destroyed by this request: 0 when it was erased before and nothing came since',
  })
  keysDestroyed!: number;
  @ApiProperty() reason!: string;
}
