// The body of PATCH /api/v1/signals/{signalId}: the corrected fields and why.
import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { SignalFieldsDto } from '../signal-fields.dto';

export class AmendSignalRequestDto extends PartialType(
  OmitType(SignalFieldsDto, ['municipality']),
) {
  @ApiProperty({ maxLength: 2000, description: 'Why the signal is corrected (kept in history)' })
  reason!: string;
}
