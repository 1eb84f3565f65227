// A signal's history: every revision of its stream, who made it, when and why, and which fields
// an amendment changed (names only: the values of personal fields stay in the signal itself).
import { ApiProperty } from '@nestjs/swagger';
import { AMENDABLE_SIGNAL_FIELDS } from '@weerbaar/domain';

export const SIGNAL_REVISION_TYPES = ['RECORDED', 'AMENDED', 'RETRACTED'] as const;
export type SignalRevisionType = (typeof SIGNAL_REVISION_TYPES)[number];

export class SignalRevisionDto {
  @ApiProperty({ description: 'Stream revision of this change (0 is the record)', minimum: 0 })
  revision!: number;

  @ApiProperty({ enum: SIGNAL_REVISION_TYPES })
  type!: SignalRevisionType;

  @ApiProperty({ format: 'date-time', description: 'When the platform stored the change' })
  at!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "Who made the change (the token's sub, or a system actor such as import)",
  })
  actor!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the signal was amended or retracted; null for the record',
  })
  reason!: string | null;

  @ApiProperty({
    enum: AMENDABLE_SIGNAL_FIELDS,
    isArray: true,
    description: 'The request fields an amendment changed, in request order; empty otherwise',
  })
  changedFields!: string[];
}

export class SignalHistoryResponseDto {
  @ApiProperty({ format: 'uuid' })
  signalId!: string;

  @ApiProperty({ description: 'The current revision (the ETag)' })
  revision!: number;

  @ApiProperty({ type: [SignalRevisionDto], description: 'Every revision, oldest first' })
  revisions!: SignalRevisionDto[];
}
