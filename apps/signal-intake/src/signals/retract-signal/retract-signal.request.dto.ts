// The body of POST /api/v1/signals/{signalId}/retract.
import { ApiProperty } from '@nestjs/swagger';
import { SIGNAL_LIMITS } from '@weerbaar/domain';

export class RetractSignalRequestDto {
  @ApiProperty({
    minLength: 1,
    maxLength: SIGNAL_LIMITS.reasonMaxLength,
    description: 'Why the signal no longer counts',
  })
  reason!: string;
}
