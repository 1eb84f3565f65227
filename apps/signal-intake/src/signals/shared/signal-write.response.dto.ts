// The answer to a signal command: which signal, at which revision.
import { ApiProperty } from '@nestjs/swagger';

export class SignalWriteResponseDto {
  @ApiProperty({ format: 'uuid' })
  signalId!: string;

  @ApiProperty({ description: 'Stream revision; send it back as If-Match to change the signal' })
  revision!: number;
}
