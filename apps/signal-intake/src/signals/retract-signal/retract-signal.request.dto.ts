// The body of POST /api/v1/signals/{signalId}/retract.
import { ApiProperty } from '@nestjs/swagger';

export class RetractSignalRequestDto {
  @ApiProperty({ maxLength: 2000, description: 'Why the signal no longer counts' })
  reason!: string;
}
