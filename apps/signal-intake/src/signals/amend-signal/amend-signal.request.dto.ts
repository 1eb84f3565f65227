// The body of PATCH /api/v1/signals/{signalId}: the corrected fields and why.
import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { SIGNAL_LIMITS } from '@weerbaar/domain';
import { SignalFieldsDto } from '../signal-fields.dto';

export class AmendSignalRequestDto extends PartialType(
  OmitType(SignalFieldsDto, ['municipality']),
) {
  @ApiProperty({
    minLength: 1,
    maxLength: SIGNAL_LIMITS.reasonMaxLength,
    description: 'Why the signal is corrected (kept in history)',
  })
  reason!: string;
}
