// The body of POST /api/v1/signals.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { SignalFieldsDto } from '../signal-fields.dto';

export class RecordSignalRequestDto extends SignalFieldsDto {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Chosen by the client for idempotency; the server chooses one when absent',
  })
  signalId?: string;
}
